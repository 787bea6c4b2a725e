"""margin_view — how calc's figures are shown: words, numbers as text, the calculator's form, cards and chart.

The view layer of the guide site, beside the engine (:mod:`calc`), which it depends on and which never depends
on it. Both run twice, unchanged: in CPython when the site is built (the Markdown fences render their HTML from
this package) and in the reader's browser under Pyodide (the worker calls :mod:`margin_view.service`).

Its folders follow what a page shows:

- :mod:`~margin_view.text` — words and numbers in a language: the catalogue, numbers written and read as pairs,
  dates, an error's words, a figure's text and label, the exchange profiles' words.
- :mod:`~margin_view.svg` — the PnL chart and the wick as SVG, in one frame.
- :mod:`~margin_view.explainers` — the worked equation, the wick, the aftermath, the exchanges compared.
- :mod:`~margin_view.form` — the calculator's fields in one table, and everything derived from it: reading,
  form ↔ scenario, sliders and links, the reply the page applies.
- :mod:`~margin_view.cards` — worked-example cards; :mod:`~margin_view.exchange_comparison` — one trade on every
  exchange profile; :mod:`~margin_view.profile_tables` — a profile's rules and tier tables as HTML.
- :mod:`~margin_view.service` — the worker's JSON entry point.
"""

from __future__ import annotations

from .cards import example_view
from .form.respond import respond
from .service import handle, handle_json
from .text.catalogue import languages, section, strings
from .text.figures import figure_text, format_result, label
from .text.format import band_label, leverage, money, percent, price, quantity
from .text.messages import describe
from .text.parse import parse_number

__all__ = [
    "describe",
    "example_view",
    "figure_text",
    "format_result",
    "handle",
    "handle_json",
    "label",
    "languages",
    "leverage",
    "money",
    "parse_number",
    "percent",
    "price",
    "quantity",
    "respond",
    "band_label",
    "section",
    "strings",
]
