"""Formulas as MathML: written here as text, typeset by the browser's own MathML engine (MathML Core).

The page's formulas are fixed shapes (a fraction, sums of products) with numbers already formatted by
:mod:`margin_view.text.format`, so they are written directly as Presentation MathML, the markup every current browser
typesets natively (Chromium since 109, Firefox, Safari) and screen readers read as mathematics. Nothing is
downloaded and nothing runs in JavaScript: the build writes the same text the worker writes. A converter such as
``latex2mathml`` was measured for the job and left out: importing it in the worker pulls 68 more modules (its
version lookup needs ``importlib.metadata`` and ``email``; ``xml.sax.saxutils`` needs ``urllib.request``) and a
216 KB symbol table, for output these few functions write.

Each ``<math>`` carries an ``aria-label`` with the formula read as a sentence, for screen readers that do not
speak MathML, and takes the keyboard focus: a formula wider than a phone scrolls sideways (MathML does not break
lines), and a region that scrolls must be reachable without a pointer.

>>> formula([mi("LP"), mo("="), fraction([mn("−9,000")], [mn("−0.1992")])], label="LP = −9,000 ÷ −0.1992")
'<math display="block" tabindex="0" aria-label="LP = −9,000 ÷ −0.1992"><mi>LP</mi><mo>=</mo><mfrac><mrow><mn>−9,000</mn></mrow><mrow><mn>−0.1992</mn></mrow></mfrac></math>'
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["formula", "fraction", "mi", "mn", "mo", "mrow", "msub", "mtext"]

Markup = str


def mi(name: str) -> Markup:
    """An identifier (a symbol such as LP or Q); a multi-letter name reads upright, as a name."""
    return f"<mi>{escape(name)}</mi>"


def mn(number: str) -> Markup:
    """A number, already formatted (``$45,180.72``, ``0.4%``): read as one number, not digit by digit."""
    return f"<mn>{escape(number)}</mn>"


def mo(operator: str) -> Markup:
    """An operator: ``=``, ``+``, ``−``, ``×``, ``(``, ``)``."""
    return f"<mo>{escape(operator)}</mo>"


def mtext(text: str) -> Markup:
    """Words inside a formula."""
    return f"<mtext>{escape(text)}</mtext>"


def msub(base: Markup, subscript: str) -> Markup:
    """A symbol with a subscript: ``MM`` with ``other``."""
    return f"<msub>{base}<mtext>{escape(subscript)}</mtext></msub>"


def mrow(parts: Sequence[Markup]) -> Markup:
    return "<mrow>" + "".join(parts) + "</mrow>"


def fraction(numerator: Sequence[Markup], denominator: Sequence[Markup]) -> Markup:
    return f"<mfrac>{mrow(numerator)}{mrow(denominator)}</mfrac>"


def formula(parts: Sequence[Markup], *, label: str) -> Markup:
    """One displayed formula, with *label* (the formula as a sentence) for screen readers."""
    return f'<math display="block" tabindex="0" aria-label="{escape(label)}">' + "".join(parts) + "</math>"
