"""``python -m exchange_data record|build|import-freqtrade|age``: the two steps, a bridge from freqtrade's
weekly Binance file, and the age of what ships. Run from the project root."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from .build import LABELS, BuildError, build_all
from .imports import from_freqtrade
from .record import RecordError, record

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "exchange_data" / "recordings"
SHIPPED = ROOT / "calc" / "exchanges"


def age_lines(index_file: Path, today: datetime.date) -> list[str]:
    """One line per shipped exchange: its data date, its age in days, its symbols and its compressed size."""
    if not index_file.exists():
        return ["no exchange data ships (calc/exchanges/index.json is missing)"]
    index = json.loads(index_file.read_text(encoding="utf-8"))
    lines = []
    for _, entry in sorted(index.items()):
        days = (today - datetime.date.fromisoformat(entry["recorded"])).days
        lines.append(f"{entry['label']}: tiers as of {entry['recorded']} ({days} days old), {entry['symbols']} "
                     f"symbols in {entry['tables']} tables, {entry['gzip_bytes']} bytes gzip")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m exchange_data", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    rec = commands.add_parser("record", help="fetch and save each exchange's raw answers (internet; ccxt)")
    rec.add_argument("exchanges", nargs="*", choices=[*LABELS, []], default=list(LABELS))
    commands.add_parser("build", help="turn the recordings into calc/exchanges/*.json (offline)")
    bridge = commands.add_parser("import-freqtrade", help="a recording from freqtrade's binance_leverage_tiers.json")
    bridge.add_argument("file", type=Path)
    bridge.add_argument("--url", required=True, help="the file's URL at the commit it was read")
    bridge.add_argument("--recorded", required=True, help="the commit's date, YYYY-MM-DD")
    commands.add_parser("age", help="print the date and age of each exchange's shipped data")
    args = parser.parse_args(argv)
    if args.command == "age":
        print("\n".join(age_lines(SHIPPED / "index.json", datetime.datetime.now(datetime.UTC).date())))
        return 0
    if args.command == "import-freqtrade":
        path = from_freqtrade(args.file, args.url, args.recorded, RECORDINGS)
        print(f"saved {path.relative_to(ROOT)}")
        return 0
    if args.command == "build":
        try:
            index = build_all(RECORDINGS, SHIPPED)
        except BuildError as error:
            print(f"build refused: {error}", file=sys.stderr)
            return 1
        for exchange, entry in sorted(index.items()):
            print(f"{exchange}: {entry['symbols']} symbols, {entry['tables']} tables, {entry['gzip_bytes']} bytes gzip")
        return 0
    import ccxt  # type: ignore[import-untyped]  # only the record step needs it, and it takes most of a second to import

    failed = 0
    for exchange in args.exchanges:
        try:
            print(f"saved {record(exchange, RECORDINGS, SHIPPED, ccxt).relative_to(ROOT)}")
        except RecordError as error:
            failed += 1
            print(f"{exchange}: {error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
