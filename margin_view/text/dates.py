"""Dates as each language writes them: the one way a card, a profile or a tier table shows the day a source was read.

The data record a day as ``YYYY-MM-DD``; the locale file gives the pattern and the months' names (``numbers``), so
that a new language is data, not code.

>>> date("2024-10-24"), date("2026-03-05", "nl")
('24 October 2024', '5 maart 2026')
"""

from __future__ import annotations

import re
from typing import Final

from .format import locale_of

__all__ = ["date"]

#: A day as the data records it. Read by hand, not by datetime: the browser's Python would import one more module
#: for this alone.
_DAY: Final = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")


def date(day: str, locale: str = "en") -> str:
    """*day* (``YYYY-MM-DD``) in *locale*'s words: ``24 October 2024``, ``24 oktober 2024``; ``ValueError`` for a
    text that is not a day, so that bad data fails the build rather than printing as it came."""
    loc = locale_of(locale)
    match = _DAY.fullmatch(day) if isinstance(day, str) else None
    if match is None or not (1 <= int(match["month"]) <= 12 and 1 <= int(match["day"]) <= 31):
        raise ValueError(f"{day!r} is not a day written YYYY-MM-DD")
    return loc.date.format(day=int(match["day"]), month=loc.months[int(match["month"]) - 1], year=match["year"])
