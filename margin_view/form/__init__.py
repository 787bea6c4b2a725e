"""The calculator's form: one table of its fields, and everything derived from it.

- :mod:`.schema` — the fields (name, kind, default, choices, range, when it matters, its scenario path), read and
  checked as typed.
- :mod:`.scenario` — the fields as a scenario of calc's contract, and an engine error back to its field.
- :mod:`.from_scenario` — a scenario back to the fields that rebuild it (the cards' "open in calculator" links).
- :mod:`.controls` — what sliders, an exchange choice and a contract switch write into other fields; the link.
- :mod:`.respond` — one request in (the fields as typed), everything the page shows out.
"""
