"""A broken block fails `mkdocs build --strict`, naming the page, the line and the field at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import build_site_zensical, write_inherited_config
from tests.conftest import ROOT, build_site

GOOD_SCENARIO = """\
scenario:
  positions:
    - {side: long, entry_price: 50000, margin: 1000, leverage: 10}
"""

# Each case: the block, the field its error must name, and the line of the page at fault (the page has a
# three-line front matter, a heading and a paragraph, so every block opens on line 8; None: the fence line
# itself is at fault and superfences does not say where it is).
BROKEN = {
    "bad YAML": ("```margin-example\ntitle: [unclosed\n" + GOOD_SCENARIO + "```\n", "not valid YAML", 10),
    "unknown card field": (
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "colour: red\n```\n", "colour", 13),
    "impossible scenario": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 500}\n```\n",
        "scenario.positions[0].leverage", 12),
    "unknown scenario field": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10, colour: red}\n```\n",
        "scenario.positions[0].colour", 12),
    "unknown show key": (
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "show: [liquidation_price, moon_price]\n```\n",
        "show[1]", 13),
    "negative price": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: -5, margin: 1000, leverage: 10}\n```\n",
        "scenario.positions[0].entry_price", 12),
    "worked is a flag": (
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "worked: sure\n```\n", "worked", 13),
    "compare card given an exchange's own setting": (
        "```margin-compare\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10, tiers: okx-btcusdt}\n```\n",
        "scenario.positions[0].tiers", 12),
    "compare card above an exchange's maximum": (
        "```margin-compare\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 500}\n```\n",
        "scenario.positions[0].leverage", 12),
    "inverse contract sized in coins": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {contract: inverse, side: long, entry_price: 50000, quantity: 1, leverage: 10}\n```\n",
        "scenario.positions[0].quantity", 12),
    "collateral haircut of 100%": (
        "```margin-example\ntitle: A\nscenario:\n  mode: cross\n  collateral:\n"
        "    - {asset: BTC, amount: 1, haircut: 1}\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10}\n```\n",
        "scenario.collateral[0].haircut", 13),
    "calculator coin haircut": ("```margin-calculator\ncoin_haircut: 100\n```\n", "coin_haircut", 9),
    "unknown exchange profile": ("```margin-profile\nexchange: kraken\n```\n", "exchange", 9),
    "unknown tier table": ("```margin-tiers\ntable: okx-dogeusdt\n```\n", "table", 9),
    "calculator field": ("```margin-calculator\nleverage: lots\n```\n", "leverage", 9),
    "calculator unknown field": ("```margin-calculator\nspeed: 3\n```\n", "speed", 9),
    "options on the fence line": ('```margin-example colour="red"\ntitle: A\n' + GOOD_SCENARIO + "```\n", "colour", None),
    "field the initial mode hides": ("```margin-calculator\nmode: isolated\nbalance: 5k\n```\n", "balance", 10),
    "a flag is not a figure": (
        "```margin-example\ntitle: A\nscenario:\n  mode: cross\n  wallet_balance: 5000\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10}\nshow: [account.liquidated]\n```\n",
        "show[0]", 15),
    "after an example shown as code": (
        "````markdown\n```margin-example\ntitle: shown, not built\n```\n````\n\n"
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "show: [moon_price]\n```\n",
        "show[0]", 19),
}


def throwaway_site(folder: Path, block: str) -> Path:
    """A one-page site that inherits the project's configuration; the block sits after a front matter."""
    docs = folder / "docs"
    docs.mkdir()
    (docs / "broken-page.md").write_text(
        "---\ndescription: A page with a broken block.\n---\n# Broken\n\nSome text.\n\n" + block, encoding="utf-8"
    )
    return write_inherited_config(folder, docs, nav=["broken-page.md"])


@pytest.mark.parametrize("kind", list(BROKEN))
def test_broken_block_fails_the_build_naming_page_line_and_field(tmp_path: Path, kind: str) -> None:
    """The build stops, and its error names the page, the line of the fault and the field."""
    block, field, line = BROKEN[kind]
    result = build_site(tmp_path / "site", throwaway_site(tmp_path, block))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    errors = [row for row in output.splitlines() if row.startswith("ERROR")]
    assert errors, output
    assert "broken-page.md" in errors[0]
    if line is not None:
        assert f"line {line}" in errors[0], errors[0]
    assert field in errors[0], errors[0]


#: Zensical runs no hooks: the fences find their page and line by themselves. These cases cover the locator (a
#: scenario field, a show key, a calculator field, a block after one shown as code) and the fence-line validator.
UNDER_ZENSICAL = ["impossible scenario", "unknown show key", "calculator field", "after an example shown as code",
                  "options on the fence line"]


@pytest.mark.parametrize("kind", UNDER_ZENSICAL)
def test_zensical_names_the_same_page_line_and_field(tmp_path: Path, kind: str) -> None:
    """Built by Zensical, the same broken block stops the build with the same page, line and field."""
    block, field, line = BROKEN[kind]
    docs = throwaway_site(tmp_path, block).parent / "docs"
    result = build_site_zensical(tmp_path / "site", docs, ["broken-page.md"])
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    errors = [row for row in output.splitlines() if "BlockError: " in row]
    assert errors, output
    assert "broken-page.md" in errors[-1]
    if line is not None:
        assert f"line {line}" in errors[-1], errors[-1]
    assert field in errors[-1], errors[-1]


def test_the_contributing_guides_example_card_builds(tmp_path: Path) -> None:
    """The card that docs/contributing.md teaches with is a valid block."""
    text = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    start = text.index("```margin-example")
    block = text[start : text.index("\n```", start + 3) + 4] + "\n"
    # The guide shows the block inside a four-backtick fence, so take it as written.
    result = build_site(tmp_path / "site", throwaway_site(tmp_path, block.replace("````", "```")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "data-margin-example" in (tmp_path / "site" / "broken-page" / "index.html").read_text(encoding="utf-8")
