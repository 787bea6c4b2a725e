"""The calculator page's tabs for the exchange calculators' questions (target price and break-even, and those to
come): each tab a form of its own (:mod:`.tabs`), answered by :func:`calc.plan` and replied in the liquidation
calculator's shape (:mod:`.respond`), so the page's one script serves every tab."""
