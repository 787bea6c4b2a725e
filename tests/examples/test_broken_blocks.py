"""A broken block fails the build, naming the page, the line and the field at fault.

Most cases convert a page in this process, as pymdown-extensions tests its own extensions: with the Markdown MkDocs
converts every page with (mkdocs.yml's extensions and their settings: margin_fences, and pymdownx.superfences with
the margin fences), the conversion raises margin_fences' ``BlockError``, whose place and field are checked. Plain
Python-Markdown names no page, so margin_fences calls it "page" and counts lines from the start of the Markdown. A
few full builds, by MkDocs and by Zensical, check the rest: that the error stops a strict build, and that each
generator lets the fences name the page and count its front matter.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Mapping
from typing import Any

import markdown
import pytest
from mkdocs.config import load_config

from margin_fences import BlockError
from tests.conftest import ROOT

ThrowawaySite = Callable[[str, Mapping[str, str]], subprocess.CompletedProcess[str]]

GOOD_SCENARIO = """\
scenario:
  positions:
    - {side: long, entry_price: 50000, margin: 1000, leverage: 10}
"""

#: What comes before the block on the page: a front matter, which the generators take off before Markdown sees the
#: page, then a heading and a paragraph.
FRONT_MATTER = "---\ndescription: A page with a broken block.\n---\n"
BEFORE = "# Broken\n\nSome text.\n\n"

# Each case: the block, the field its error must name, and the line of the fault counted in the block (its first
# line is 1; None: the fence line itself is at fault and superfences does not say where it is).
BROKEN: dict[str, tuple[str, str, int | None]] = {
    "unknown card field": (
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "colour: red\n```\n", "colour", 6),
    "impossible scenario": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 500}\n```\n",
        "scenario.positions[0].leverage", 5),
    "unknown scenario field": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10, colour: red}\n```\n",
        "scenario.positions[0].colour", 5),
    "unknown show key": (
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "show: [liquidation_price, moon_price]\n```\n",
        "show[1]", 6),
    "negative price": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: -5, margin: 1000, leverage: 10}\n```\n",
        "scenario.positions[0].entry_price", 5),
    "worked is a flag": (
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "worked: sure\n```\n", "worked", 6),
    "compare card given an exchange's own setting": (
        "```margin-compare\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10, tiers: okx-btcusdt}\n```\n",
        "scenario.positions[0].tiers", 5),
    "compare card above an exchange's maximum": (
        "```margin-compare\ntitle: A\nscenario:\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 500}\n```\n",
        "scenario.positions[0].leverage", 5),
    "inverse contract sized in coins": (
        "```margin-example\ntitle: A\nscenario:\n  positions:\n"
        "    - {contract: inverse, side: long, entry_price: 50000, quantity: 1, leverage: 10}\n```\n",
        "scenario.positions[0].quantity", 5),
    "collateral haircut of 100%": (
        "```margin-example\ntitle: A\nscenario:\n  mode: cross\n  collateral:\n"
        "    - {asset: BTC, amount: 1, haircut: 1}\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10}\n```\n",
        "scenario.collateral[0].haircut", 6),
    "calculator coin haircut": ("```margin-calculator\ncoin_haircut: 100\n```\n", "coin_haircut", 2),
    "unknown exchange profile": ("```margin-profile\nexchange: kraken\n```\n", "exchange", 2),
    "unknown tier table": ("```margin-tiers\ntable: okx-dogeusdt\n```\n", "table", 2),
    "calculator field": ("```margin-calculator\nleverage: lots\n```\n", "leverage", 2),
    "calculator unknown field": ("```margin-calculator\nspeed: 3\n```\n", "speed", 2),
    "options on the fence line": ('```margin-example colour="red"\ntitle: A\n' + GOOD_SCENARIO + "```\n", "colour", None),
    "field the initial mode hides": ("```margin-calculator\nmode: isolated\nbalance: 5k\n```\n", "balance", 3),
    "a flag is not a figure": (
        "```margin-example\ntitle: A\nscenario:\n  mode: cross\n  wallet_balance: 5000\n  positions:\n"
        "    - {side: long, entry_price: 50000, margin: 1000, leverage: 10}\nshow: [account.liquidated]\n```\n",
        "show[0]", 8),
    "after an example shown as code": (
        "````markdown\n```margin-example\ntitle: shown, not built\n```\n````\n\n"
        "```margin-example\ntitle: A\n" + GOOD_SCENARIO + "show: [moon_price]\n```\n",
        "show[0]", 12),
    "plan card stop on the wrong side": (
        "```margin-plan\ntitle: A\nquestion:\n  side: long\n  entry_price: 50000\n  stop_price: 51000\n"
        "  account_balance: 10000\n  risk: 0.01\n```\n", "question.stop_price", 6),
    "plan card leverage above the bracket": (
        "```margin-plan\ntitle: A\nquestion: {side: short, entry_price: 50000, stop_price: 51000, "
        "account_balance: 10000, risk: 0.01, leverage: 200}\n```\n", "question.leverage", 3),
    "plan card unknown show key": (
        "```margin-plan\ntitle: A\nquestion: {side: long, entry_price: 50000, stop_price: 49000, "
        "account_balance: 10000, risk: 0.01}\nshow: [quantity, moon_price]\n```\n", "show[1]", 4),
    "plan card without a question": ("```margin-plan\ntitle: A\n```\n", "question", 2),
    "planner field": ("```margin-planner\nrisk: 100\n```\n", "risk", 2),
    "planner stop above a long's entry": ("```margin-planner\nstop: 60000\n```\n", "stop", 2),
}
BAD_YAML = "```margin-example\ntitle: [unclosed\n" + GOOD_SCENARIO + "```\n"


def place(page: str, line: int | None, block: str) -> str:
    """Where a ``BlockError`` puts the fault: the page, its line when known, the kind of *block*'s last fence."""
    kind = re.findall(r"^```(margin-[a-z]+)", block, re.MULTILINE)[-1]
    return f"{page} ({kind})" if line is None else f"{page}, line {line} ({kind})"


def lines(text: str) -> int:
    """How many lines *text* puts before what follows it."""
    return text.count("\n")


@pytest.fixture(scope="module")
def markdown_settings() -> tuple[list[Any], dict[str, Any]]:
    """The extensions MkDocs converts each page with, and their settings, as mkdocs.yml gives them."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


@pytest.fixture
def convert(markdown_settings: tuple[list[Any], dict[str, Any]]) -> Callable[[str], str]:
    """Convert Markdown to HTML as MkDocs would convert a page of it, with a fresh ``Markdown`` for each text."""
    extensions, settings = markdown_settings
    return lambda text: markdown.Markdown(extensions=extensions, extension_configs=settings).convert(text)


@pytest.mark.parametrize("kind", list(BROKEN))
def test_a_broken_block_raises_naming_its_line_and_field(convert: Callable[[str], str], kind: str) -> None:
    """Converting the page raises a ``BlockError`` naming the line of the fault and the field."""
    block, field, line = BROKEN[kind]
    with pytest.raises(BlockError) as raised:
        convert(BEFORE + block)
    assert raised.value.where == place("page", None if line is None else lines(BEFORE) + line, block)
    assert raised.value.field == field


def test_yaml_that_does_not_parse_raises_naming_its_line(convert: Callable[[str], str]) -> None:
    """A body that is not YAML is refused as such, at the line where the parser gave up."""
    with pytest.raises(BlockError) as raised:
        convert(BEFORE + BAD_YAML)
    assert raised.value.where == place("page", lines(BEFORE) + 3, BAD_YAML)
    assert raised.value.message.startswith("not valid YAML")


@pytest.mark.parametrize("kind", ["margin-example", "margin-plan"])
def test_the_contributing_guides_example_cards_render(convert: Callable[[str], str], kind: str) -> None:
    """The cards that docs/contributing.md teaches with are valid blocks: each becomes a card, not an error."""
    text = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    start = text.index(f"```{kind}")
    block = text[start : text.index("\n```", start + 3) + 4] + "\n"
    assert "data-margin-example" in convert(BEFORE + block)


@pytest.mark.parametrize("kind", ["after an example shown as code", "options on the fence line"])
def test_mkdocs_build_stops_naming_page_line_and_field(throwaway_site: ThrowawaySite, kind: str) -> None:
    """``mkdocs build --strict`` fails, and its error names the page, the line in the file and the field."""
    block, field, line = BROKEN[kind]
    result = throwaway_site("mkdocs", {"broken-page.md": FRONT_MATTER + BEFORE + block})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    errors = [row for row in output.splitlines() if row.startswith("ERROR")]
    assert errors, output
    where = place("broken-page.md", None if line is None else lines(FRONT_MATTER + BEFORE) + line, block)
    assert f"{where}: {field}: " in errors[0], errors[0]


def test_zensical_build_stops_naming_the_same_page_line_and_field(throwaway_site: ThrowawaySite) -> None:
    """Zensical, which runs no MkDocs hooks, stops on the same block with the same page, line and field."""
    block, field, line = BROKEN["after an example shown as code"]
    result = throwaway_site("zensical", {"broken-page.md": FRONT_MATTER + BEFORE + block})
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    errors = [row for row in output.splitlines() if "BlockError: " in row]
    assert errors, output
    where = place("broken-page.md", lines(FRONT_MATTER + BEFORE) + line, block)
    assert f"{where}: {field}: " in errors[-1], errors[-1]
