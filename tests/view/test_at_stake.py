"""How near liquidation a trade is never reads as how risky it is: the distance band carries no risk words, and the
max loss stands beside it in every panel and in the spoken summary, so no view suggests that the mode with more at
stake is the safer one (the default trade puts $1,000 at stake in isolated margin and $5,000 in cross)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from margin_view.form.read import in_form
from margin_view.form.respond import MAIN_FIGURES, respond
from margin_view.text.catalogue import strings
from margin_view.text.parse import parse_number

#: Words that rank a trade as more or less dangerous, per language: none may name or fill the distance band.
RISK_WORDS = {
    "en": r"\b(risk\w*|safe\w*|danger\w*|low|high|critical)\b",
    "nl": r"\b(risico\w*|veilig\w*|gevaar\w*|laag|hoog|kritiek)\b",
}
#: The default trade and a few others: a short, more leverage, a coin-margined contract, a second cross position.
TRADES = [{}, {"side": "short", "leverage": "20"}, {"contract": "inverse", "preset": "binance-btcusd", "margin": "0.02", "balance": "0.1"},
          {"second": "other"}, {"leverage": "50", "balance": "20000"}]


@pytest.mark.parametrize("locale", ["en", "nl"])
@pytest.mark.parametrize("values", TRADES)
def test_the_band_is_never_a_risk_word_and_the_stake_stands_beside_it(values: dict[str, str], locale: str) -> None:
    """Each panel's band label and value use no risk word, the max loss follows the band, and the summary says
    what each mode puts at stake."""
    view = respond({"values": in_form(values, locale)}, locale)["view"]
    assert isinstance(view, dict)
    words = re.compile(RISK_WORDS[locale], re.IGNORECASE)
    label = strings(locale)["figures"]["position"]["distance_band"]
    assert not words.search(label), label
    main = list(MAIN_FIGURES)
    assert main[main.index("distance_band") + 1] == "max_loss"
    for mode, panel in view["modes"].items():
        if not panel["shown"]:
            continue
        band = panel["figures"]["distance_band"]
        assert not words.search(band), (mode, band)
        assert panel["figures"]["max_loss"] in view["summary"], (mode, view["summary"])


def test_in_the_default_view_cross_has_more_at_stake_and_no_word_calls_it_safer() -> None:
    """The default trade: cross is farther from liquidation and puts more at stake, and the page says both."""
    view = respond({})["view"]
    assert isinstance(view, dict)
    isolated, cross = view["modes"]["isolated"]["figures"], view["modes"]["cross"]["figures"]
    at_stake = {mode: parse_number(figures["max_loss"])[0] for mode, figures in (("isolated", isolated),
                                                                                  ("cross", cross))}
    assert at_stake["cross"] > at_stake["isolated"] > Decimal(0)
    ranked = ("Far", "Medium", "Near", "Very near")  # nearer liquidation, not riskier
    assert ranked.index(cross["distance_band"]) < ranked.index(isolated["distance_band"])
    assert "risk" not in view["summary"].lower() and "at stake" in view["summary"]
