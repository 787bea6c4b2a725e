"""margin_view — how calc's figures are shown: words, numbers as text, the calculator's form, cards and chart.

The view layer of the guide site, beside the engine (:mod:`calc`), which it depends on and which never depends
on it. Both run twice, unchanged: in CPython when the site is built (the Markdown fences render their HTML from
this package) and in the reader's browser under Pyodide (the worker calls :mod:`margin_view.service`).

Modules, one job each:

- :mod:`~margin_view.strings` — interface text from ``locales/<language>.json``, checked against English.
- :mod:`~margin_view.format` and :mod:`~margin_view.reading` — numbers to text and typed text to numbers.
- :mod:`~margin_view.figures` — each figure of calc's figure table as text, with its label.
- :mod:`~margin_view.messages` — an error's words, in a language.
- :mod:`~margin_view.fields`, :mod:`~margin_view.mapping`, :mod:`~margin_view.controls` — the calculator's fields,
  form ↔ scenario, sliders and links; :mod:`~margin_view.calculator` — the view the template renders.
- :mod:`~margin_view.cards` — worked-example cards; :mod:`~margin_view.chart` — the PnL chart as SVG.
- :mod:`~margin_view.service` — the worker's JSON entry point.
"""

from __future__ import annotations

from .calculator import respond
from .cards import example_view
from .figures import figure_text, format_result, label
from .format import leverage, money, percent, price, quantity, risk_label
from .messages import describe
from .reading import parse_number
from .service import handle, handle_json
from .strings import languages, section, strings

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
    "risk_label",
    "section",
    "strings",
]
