"""Freshness: the data tool and the site build say how old each exchange's shipped data is."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

from exchange_data.__main__ import age_lines

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "calc" / "exchanges" / "index.json"


def test_the_tool_prints_each_shipped_exchanges_date_and_age() -> None:
    index = json.loads(INDEX.read_text(encoding="utf-8"))
    today = datetime.date(2026, 12, 8)
    lines = age_lines(INDEX, today)
    assert len(lines) == len(index)
    for entry in index.values():
        days = (today - datetime.date.fromisoformat(entry["recorded"])).days
        assert any(line.startswith(f"{entry['label']}: tiers as of {entry['recorded']} ({days} days old)")
                   for line in lines)


def test_the_site_build_logs_the_age_of_every_profiles_data() -> None:
    """One line per exchange profile; one without a data file says it has only its bundled tables."""
    sys.path.insert(0, str(ROOT / "hooks"))
    try:
        import post_build
    finally:
        sys.path.remove(str(ROOT / "hooks"))
    lines = post_build.data_ages(datetime.date(2026, 12, 8))
    assert "Binance: tiers as of 2026-03-05, 278 days old, 682 symbols" in lines
    assert any(line.startswith("Bybit: no tier data") for line in lines)
