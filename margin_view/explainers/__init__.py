"""Why the figures are what they are: the worked equation, the wick, the aftermath and the exchanges compared.

- :mod:`.panels` — the explainers of one mode's trade, as the calculator shows them.
- :mod:`.worked` and :mod:`.worked_inverse` — the liquidation equation with the reader's numbers, linear and
  coin-margined; :mod:`.steps` — the pieces both are built of; :mod:`.mathml` — formulas as MathML.
- :mod:`.timeline` — what happens after the trigger, in the reader's dollars.
"""
