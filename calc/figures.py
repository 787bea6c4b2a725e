"""Figure keys: how a card or the calculator names one displayed figure of a result.

A key is a position key of :func:`calc.account.result_to_data` (the first position's), ``positions[N].key`` for
another position, or ``account.key`` for the account. :func:`figure_text` looks the key up in the output of
:func:`calc.format.format_result`, so every figure is formatted by the same function wherever it appears.

>>> from calc.account import evaluate_data
>>> from calc.format import format_result
>>> text = format_result(evaluate_data({"positions": [{"side": "long", "entry_price": 50000, "margin": 1000,
...                                                    "leverage": 10}]}))
>>> figure_text(text, "liquidation_price"), figure_text(text, "account.total_margin")
('$45,180.72', '$1,000.00')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

__all__ = ["FigureKeyError", "figure_text", "parse_figure_key"]

_KEY: Final = re.compile(r"(?:positions\[(\d{1,2})\]\.)?([a-z_]+)|account\.([a-z_]+)")
#: Position keys that are identifiers or flags, not figures a card should print.
_NOT_FIGURES: Final = frozenset({"symbol", "tiers", "gauge", "liquidated"})


class FigureKeyError(ValueError):
    """A figure key that names nothing in the result; its message lists what would."""


def parse_figure_key(key: str) -> tuple[str, int | None, str]:
    """``"positions[1].liquidation_price"`` → ``("position", 1, "liquidation_price")``;
    ``"account.margin_ratio"`` → ``("account", None, "margin_ratio")``."""
    match = _KEY.fullmatch(key) if isinstance(key, str) else None
    if match is None:
        raise FigureKeyError(f"{key!r} is not a figure key (use e.g. liquidation_price, positions[1].margin, "
                             "account.margin_ratio)")
    index, position_key, account_key = match.groups()
    if account_key:
        return "account", None, account_key
    return "position", int(index or 0), position_key


def figure_text(text: Mapping[str, object], key: str) -> str:
    """The display string of *key* in formatted output *text*; raises :class:`FigureKeyError` if absent."""
    kind, index, name = parse_figure_key(key)
    if kind == "account":
        account = text["account"]
        assert isinstance(account, Mapping)
        if name not in account or name in ("mode", "liquidated"):
            known = ", ".join(f"account.{k}" for k in account if k not in ("mode", "liquidated"))
            raise FigureKeyError(f"{key!r} is not an account figure here; there is: {known}")
        return str(account[name])
    positions = text["positions"]
    assert isinstance(positions, list)
    assert index is not None
    if index >= len(positions):
        raise FigureKeyError(f"{key!r} names position {index}, but the scenario has {len(positions)}")
    row = positions[index]
    assert isinstance(row, Mapping)
    if name not in row or name in _NOT_FIGURES:
        known = ", ".join(k for k in row if k not in _NOT_FIGURES)
        raise FigureKeyError(f"{key!r} is not a position figure; there is: {known}")
    return str(row[name])
