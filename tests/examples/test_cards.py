"""Worked-example cards on the built site: every figure is calc's, and each card's calculator link agrees, in every
edition; and every edition's cards are the same scenarios."""

from __future__ import annotations

import json
import subprocess
import sys
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, expect

from margin_view.text.figures import figure_text, format_result, plan_value_text
from tests.conftest import EDITIONS, Guard
from tests.site.test_guide_length import GUIDE_PAGES
from tests.site.test_pages import page_url

pytestmark = pytest.mark.every_language

CARD = "[data-margin-example]"


def calc_figures(card: dict[str, object], language: str) -> dict[str, str]:
    """The card's figures recomputed here: its scenario through `python -m calc` (a planned trade's question through
    `python -m calc plan`), formatted by the view in *language*."""
    if "question" in card:
        question = {"question": "position_size", **card["question"]}  # type: ignore[dict-item]
        result = subprocess.run([sys.executable, "-m", "calc", "plan"], input=json.dumps(question),
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        answer = json.loads(result.stdout)
        return {key: plan_value_text(key, answer[key], language) for key in card["show"]}  # type: ignore[union-attr]
    result = subprocess.run([sys.executable, "-m", "calc"], input=json.dumps(card["scenario"]), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    text = format_result(json.loads(result.stdout), language)
    return {key: figure_text(text, key) for key in card["show"]}  # type: ignore[union-attr]


#: The guide's pages by their address's name ("index" is the edition's home page).
GUIDE = [name.removesuffix(".md") for name in GUIDE_PAGES]


def read_cards(page: Page) -> list[dict[str, object]]:
    """The cards of the open page, each with its scenario or question, its shown figures, its link (as written,
    relative to the page) and the address of the page it is on."""
    return page.locator(CARD).evaluate_all(
        """cards => cards.map(card => ({
            card: JSON.parse(card.dataset.card),
            shown: Object.fromEntries([...card.querySelectorAll('[data-result]')]
                .map(node => [node.dataset.result, node.textContent])),
            link: card.querySelector('a.mdx-card__open')?.getAttribute('href') ?? null,
            url: document.location.href,
        }))"""
    )


def guide_cards(page: Page, site_url: str) -> list[dict[str, object]]:
    """The cards of every page of the guide, in reading order."""
    cards = []
    for name in GUIDE:
        page.goto(page_url(site_url, name))
        cards += read_cards(page)
    return cards


@pytest.mark.both_builders
def test_every_card_shows_calcs_figures_and_is_verified_live(page: Page, guard: Guard, site_url: str,
                                                             language: str) -> None:
    """Each card's figures equal calc's for its scenario, and the live engine marks every card of every guide
    page verified."""
    total = 0
    for name in GUIDE:
        page.goto(page_url(site_url, name))
        cards = read_cards(page)
        for entry in cards:
            assert entry["shown"] == calc_figures(entry["card"], language), entry["card"]  # type: ignore[arg-type]
        expect(page.locator(f"{CARD}[data-state=verified]")).to_have_count(len(cards), timeout=60_000)
        total += len(cards)
    assert total >= 8


#: Cards whose calculator link is followed, per edition: every one in English; in another edition, whose cards are
#: the same trades with the same links (test_every_edition_has_the_same_cards), the first few, to see its
#: calculator open on them.
FOLLOWED = {"en": None}
FOLLOWED_ELSEWHERE = 3


def test_each_cards_calculator_link_shows_the_same_figures(page: Page, guard: Guard, site_url: str,
                                                           language: str) -> None:
    """Following "Open in calculator" shows, in the card's mode, the figures the card shows."""
    cards = [entry for entry in guide_cards(page, site_url) if "scenario" in entry["card"]]  # type: ignore[operator]
    # The form sizes every position by margin × leverage: a card whose cross position gives no leverage has no
    # link (and says so); every other card of the guide fits the form.
    without_leverage = [
        entry for entry in cards
        if any("leverage" not in p for p in entry["card"]["scenario"]["positions"])  # type: ignore[index]
    ]
    assert all(entry["link"] is None for entry in without_leverage)
    linked = [entry for entry in cards if entry not in without_leverage]
    assert linked and all(entry["link"] for entry in linked), "every other card in the guide fits the calculator's form"
    for entry in linked[:FOLLOWED.get(language, FOLLOWED_ELSEWHERE)]:
        card = entry["card"]
        mode = card["scenario"].get("mode", "isolated")  # type: ignore[union-attr]
        page.goto(urljoin(entry["url"], entry["link"]))  # type: ignore[arg-type]
        # The calculator page: the liquidation calculator is its first tab (#calculator), the planner its second.
        calculator = page.locator("#calculator")
        expect(calculator).to_be_visible()
        expect(calculator).to_have_attribute("data-state", "ready", timeout=60_000)
        expect(calculator).to_have_attribute("data-stale", "false")
        panel = calculator.locator(f"[data-mode={mode}]")
        compared = 0
        for key, text in entry["shown"].items():  # type: ignore[union-attr]
            figure = panel.locator(f'[data-result="{key}"]')
            if figure.count():
                expect(figure).to_have_text(text)
                compared += 1
        assert compared >= 1, f"{card['title']}: none of its figures is in the calculator"  # type: ignore[index]


def test_each_planned_trades_link_opens_the_planner_on_it(page: Page, guard: Guard, site_url: str,
                                                          language: str) -> None:
    """Following a planned-trade card's "Open in the planner" opens the calculator page's Risk & stop tab showing,
    in the card's mode, the figures the card shows."""
    page.goto(site_url)
    planned = [entry for entry in read_cards(page) if "question" in entry["card"]]  # type: ignore[operator]
    assert len(planned) >= 3 and all(entry["link"] for entry in planned)
    for entry in planned[:FOLLOWED.get(language, 1) or len(planned)]:
        mode = entry["card"]["question"].get("mode", "isolated")  # type: ignore[index]
        page.goto(urljoin(site_url, entry["link"]))  # type: ignore[arg-type]
        planner = page.locator("#planner")
        expect(planner).to_have_attribute("data-state", "ready", timeout=60_000)
        expect(planner).to_have_attribute("data-stale", "false")
        for key, text in entry["shown"].items():  # type: ignore[union-attr]
            shown = planner.locator(f'[data-common] [data-result="{key}"], [data-mode={mode}] [data-result="{key}"]')
            expect(shown).to_have_text(text)


@pytest.mark.both_builders
def test_every_edition_has_the_same_cards(browser: Browser, server_url: str) -> None:
    """The guide's cards in each language are the same trades with the same figures shown and the same calculator
    link, on the same pages: one set of scenarios, which only the words around them translate."""
    page = browser.new_context(java_script_enabled=False).new_page()  # the cards as built
    cards = {}
    for language, folder in EDITIONS.items():
        cards[language] = []
        for name in GUIDE:
            page.goto(page_url(server_url + folder, name))
            cards[language] += [(name, card.get("scenario", card.get("question")), card["show"], card.get("worked"),  # type: ignore[union-attr]
                                 entry["link"]) for entry in read_cards(page) for card in [entry["card"]]]
    page.context.close()
    english = cards.pop("en")
    assert english and all(others == english for others in cards.values())
