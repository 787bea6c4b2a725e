"""The explainers' HTML (margin_view.explainers.worked, wick_figure, timeline): Binance's published example worked through with
its own numbers, and for generated forms markup that is whole, readable and free of "NaN" or "None"."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from calc.explain import explain
from calc.scenario import parse_scenario
from margin_view.explainers.panels import EXPLAINERS
from margin_view.explainers.worked import worked
from margin_view.form.respond import respond
from tests.calc.test_explain import BINANCE_FAQ

VOID = {"line", "circle", "path", "br", "img", "input"}


class _Checker(HTMLParser):
    """Tags balanced, and each <math> labelled for screen readers that do not speak MathML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.unlabelled_math = 0
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "math" and not dict(attrs).get("aria-label"):
            self.unlabelled_math += 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check(html: str) -> str:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert not checker.stack, checker.stack
    assert checker.unlabelled_math == 0
    text = " ".join(checker.text)
    assert not re.search(r"\b(NaN|None|null|Infinity|inf)\b", text), text
    return text


def test_binance_faq_example_is_worked_with_its_published_terms() -> None:
    """Cross, BTCUSDT leg of Binance's FAQ example: wallet 1,535,443.01, ETH's PnL and maintenance set aside, the
    2.5 % rate and 16,300 amount, and the published 26,316.89."""
    html = worked(explain(parse_scenario(BINANCE_FAQ), 0), "BTCUSDT")
    text = check(html)
    for shown in ("$1,535,443.01", "2.50%", "16,300", "109.488", "32,481.98", "$26,316.89"):
        assert shown in text, shown


FIELDS = st.fixed_dictionaries({
    "mode": st.sampled_from(["both", "isolated", "cross"]), "side": st.sampled_from(["long", "short"]),
    "entry": st.integers(100, 150_000).map(str), "margin": st.sampled_from(["50", "1000", "40000"]),
    "balance": st.sampled_from(["40000", "100000", "2000000"]), "leverage": st.integers(1, 20).map(str),
    "price": st.integers(50, 150).map(str), "preset": st.sampled_from(["binance-btcusdt", "bybit-btcusdt", "custom"]),
    "convention": st.sampled_from(["liquidation", "entry"]), "fee": st.sampled_from(["0", "0.05"]),
    "second": st.sampled_from(["none", "hedge", "other"]), "wick": st.integers(0, 30).map(lambda t: str(t * 10)),
})


@settings(max_examples=60, deadline=None)
@given(values=FIELDS)
def test_generated_forms_give_whole_readable_explainers(values: dict[str, str]) -> None:
    values = {**values, "price": str(int(values["entry"]) * int(values["price"]) // 100)}
    response = respond({"values": values, "explain": True})
    view = response["view"]
    if view is None:
        return  # the form's own message covers it (hostile input has its own tests)
    assert isinstance(view, dict)
    for outcome in view["modes"].values():
        if not outcome["shown"]:
            assert outcome["explain"] is None
            continue
        assert list(outcome["explain"]) == list(EXPLAINERS)
        for html in outcome["explain"].values():
            check(html)
    # Without the flag the explainers are left out (the page keeps what it has and marks it out of date).
    quiet = respond({"values": values})["view"]
    assert isinstance(quiet, dict)
    assert all(outcome["explain"] is None for outcome in quiet["modes"].values())
