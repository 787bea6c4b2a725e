"""The calculator's fields, declared once: everything else about the form is derived from this table.

A :class:`Field` is one input: its name (also its link parameter), its control, default and choices, whether it is
typed in percent, the range its value must be in, when it matters, and the scenario paths it maps to. From the
table come the typed inputs and their reading (:mod:`.read`), form ↔ scenario and the error routing
(:mod:`.scenario`), the link (:mod:`.controls`), the fields each reply hides, and the template, which loops over
:data:`GROUPS`. Adding a field means a row here, its words in the locale files, and only if it brings new behaviour,
one function.

>>> FIELDS[:3], DEFAULTS["leverage"], BY_NAME["fee"].percent
(('mode', 'side', 'contract'), '10', True)
>>> sorted(hidden({**DEFAULTS, "second": "hedge"}) & {"second_margin", "second_entry", "added"})
['second_entry']
>>> sorted(hidden_groups(hidden({**DEFAULTS, "mode": "isolated"})))
['coins', 'second']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from calc import CHOICES as SCENARIO_CHOICES
from calc import LIMITS, TierTable

from .trade import NO_EXCHANGE, SYMBOL, SYMBOL_TEXT, base_coin, listed_symbol, symbol_field

__all__ = [
    "BY_NAME", "CHOICES", "COINS", "COIN_ROWS", "CUSTOM", "DEFAULTS", "FIELDS", "GROUPS", "INVERSE_PRESETS",
    "FORM", "MAX_FEE_PERCENT", "MAX_WICK_PERCENT", "NO_EXCHANGE", "SLIDERS", "SYMBOL", "SYMBOL_TEXT", "TAB", "TABLE_PRESETS",
    "TEXTS", "TEXT_MAX", "Field", "Form", "Group", "Range",
    "hidden", "hidden_groups", "listed_symbol", "relevant", "traded_coins",
]

#: The link parameter that names the tab a link opens, on a page with several calculators (:attr:`Form.tab`).
TAB: Final = "tab"
#: The custom preset is one flat rate, typed in percent.
CUSTOM: Final = "custom"
#: The packaged tables the form offers, for its BTCUSDT (linear) or BTCUSD (inverse) position: the site's default
#: first.
TABLE_PRESETS: Final = tuple(name for name in SCENARIO_CHOICES["tiers"] if TierTable.load(name).symbol == "BTCUSDT")
INVERSE_PRESETS: Final = tuple(name for name in SCENARIO_CHOICES["tiers"] if TierTable.load(name).symbol == "BTCUSD")
#: The coins a reader may hold as cross margin besides the wallet, and the rows of the form that hold them.
COINS: Final = ("BTC", "ETH", "BNB", "SOL", "USDC")
COIN_ROWS: Final = ("coin", "coin2")
#: The longest text a field takes (the engine's own limit on a number's text); the page's inputs say so too.
TEXT_MAX: Final = LIMITS.text_length
#: Rates are typed in percent, up to this.
MAX_FEE_PERCENT: Final = Decimal(5)
#: The wick explainer's depth, in percent of the way to the liquidation price.
MAX_WICK_PERCENT: Final = LIMITS.wick_depth_max * 100

Values = Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Range:
    """Where a number must lie, and the message key (``errors`` section) that says so.

    ``low_open``/``high_open``: the bound itself is outside. ``tiers_cap``: the highest value is the leverage the
    tier bracket of the resulting size allows (the leverage field), not ``high``.
    """

    message: str
    low: Decimal | None = None
    high: Decimal | None = None
    low_open: bool = False
    high_open: bool = False
    tiers_cap: bool = False

    def holds(self, value: Decimal, high: Decimal | None = None) -> bool:
        """Whether *value* lies in the range (*high* replaces the range's own, for a cap known only now)."""
        top = self.high if high is None else high
        if self.low is not None and (value <= self.low if self.low_open else value < self.low):
            return False
        return top is None or (value < top if self.high_open else value <= top)


POSITIVE: Final = Range("positive", low=Decimal(0), low_open=True)
NON_NEGATIVE: Final = Range("non_negative", low=Decimal(0))
LEVERAGE: Final = Range("leverage_range", low=Decimal(1), high=LIMITS.flat_max_leverage)
HAIRCUT: Final = Range("haircut_range", low=Decimal(0), high=Decimal(100), high_open=True)


def _always(values: Values) -> bool:
    return True


def _mode(values: Values) -> object:
    return values.get("mode", "both")


def _cross(values: Values) -> bool:
    """Cross margin is shown: the wallet, the second position and the coins held matter."""
    return _mode(values) != "isolated"


def _isolated(values: Values) -> bool:
    return _mode(values) != "cross"


def _custom_rate(values: Values) -> bool:
    return values.get("preset") == CUSTOM and not listed_symbol(values)


def _second_chosen(values: Values) -> bool:
    """A second position (either kind): its margin and leverage size it."""
    return _cross(values) and values.get("second", "none") != "none"


def _other_symbol(values: Values) -> bool:
    """A second position on another symbol: its own side, entry and mark (a hedge leg shares the trade's)."""
    return _cross(values) and values.get("second") == "other"


def _coin_chosen(row: str) -> Callable[[Values], bool]:
    def matters(values: Values) -> bool:
        return _cross(values) and values.get(row, "none") != "none"
    return matters


def _coin_priced(row: str) -> Callable[[Values], bool]:
    """A coin the positions trade is priced at their mark: its own price field only for any other coin."""
    def matters(values: Values) -> bool:
        return _coin_chosen(row)(values) and values.get(row) not in traded_coins(values)
    return matters


def traded_coins(values: Values) -> frozenset[str]:
    """The coins the positions trade: the trade's (BTC unless a symbol is chosen), and ETH with an ETHUSDT leg."""
    base = base_coin(str(values.get("symbol", SYMBOL)) if listed_symbol(values) else SYMBOL)
    return frozenset({base, "ETH"} if _other_symbol(values) else {base})


#: ``text``: a number; ``symbol``: typed or picked from a list (an ``input`` with a ``datalist``).
Control = Literal["radio", "select", "text", "range", "symbol"]


@dataclass(frozen=True, slots=True)
class Field:
    """One input of the calculator (see the module docstring)."""

    name: str
    control: Control
    default: str
    #: A choice's options, in the order the form offers them; empty for a number.
    choices: tuple[str, ...] = ()
    #: The locale's ``options`` entry that names the choices, where it is not the field's own name.
    words: str = ""
    #: Typed in percent; the scenario takes a fraction.
    percent: bool = False
    range: Range = POSITIVE
    matters: Callable[[Values], bool] = _always
    #: The scenario paths this field's value goes to, which an engine error at that path is shown beside.
    paths: tuple[str, ...] = ()
    #: The range input that moves this field, shown beside it.
    slider: str = ""
    #: The locale has a hint for it (``hints``).
    hint: bool = False

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)


def _position(index: int, *keys: str) -> tuple[str, ...]:
    return tuple(f"positions[{index}].{key}" for key in keys)


def _coin_row(row: str) -> tuple[Field, ...]:
    return (
        Field(row, "select", "none", ("none", *COINS), words="coin", matters=_cross, hint=row == "coin",
              paths=(f"collateral[{row}].asset",)),
        Field(f"{row}_amount", "text", "0.1", matters=_coin_chosen(row), paths=(f"collateral[{row}].amount",)),
        Field(f"{row}_price", "text", "3000", matters=_coin_priced(row), paths=(f"collateral[{row}].price",)),
        Field(f"{row}_haircut", "text", "0", percent=True, range=HAIRCUT, matters=_coin_chosen(row),
              hint=row == "coin", paths=(f"collateral[{row}].haircut",)),
    )


@dataclass(frozen=True, slots=True)
class Group:
    """Fields shown together: ``choices`` (radio rows above the rest), ``fieldset`` (always open), ``details``
    (a disclosure) or ``explainer`` (a control of the explainers, held outside the form's layout); a group whose
    fields are all hidden is hidden too."""

    name: str
    layout: Literal["choices", "fieldset", "details", "explainer"]
    fields: tuple[Field, ...]


#: The form as it is laid out; defaults are the original guide page's trade (long, entry 50,000, margin 1,000,
#: 10x, a 5,000 wallet, Binance's tiers).
GROUPS: Final = (
    Group("choices", "choices", (
        Field("mode", "radio", "both", ("both", *SCENARIO_CHOICES["mode"]), paths=("mode",)),
        Field("side", "radio", "long", SCENARIO_CHOICES["side"], paths=_position(0, "side")),
        Field("contract", "radio", "linear", SCENARIO_CHOICES["contract"], hint=True,
              paths=_position(0, "contract")),
    )),
    Group("trade", "fieldset", (
        Field("entry", "text", "50000", paths=_position(0, "entry_price")),
        Field("margin", "text", "1000", hint=True, paths=_position(0, "margin", "quantity", "notional")),
        Field("balance", "text", "5000", range=NON_NEGATIVE, matters=_cross, hint=True, paths=("wallet_balance",)),
        Field("leverage", "text", "10", range=Range("leverage_range", low=Decimal(1), tiers_cap=True),
              slider="leverage_slider", hint=True, paths=_position(0, "leverage")),
        Field("added", "text", "0", range=NON_NEGATIVE, matters=_isolated, hint=True),
        Field("price", "text", "50000", slider="price_slider", hint=True, paths=_position(0, "mark_price")),
    )),
    Group("advanced", "details", (
        Field("exchange", "select", NO_EXCHANGE, (NO_EXCHANGE, *SCENARIO_CHOICES["exchange"]), hint=True,
              paths=("exchange",)),
        Field("symbol", "symbol", SYMBOL, matters=symbol_field, hint=True, paths=_position(0, "symbol")),
        Field("preset", "select", TABLE_PRESETS[0], (*TABLE_PRESETS, *INVERSE_PRESETS, CUSTOM),
              matters=lambda values: not listed_symbol(values), paths=_position(0, "tiers")),
        Field("rate", "text", "0.5", percent=True, range=Range("rate_range", low=Decimal(0), high=Decimal(100),
              low_open=True, high_open=True), matters=_custom_rate, paths=_position(0, "maintenance_margin_rate")),
        Field("convention", "select", "liquidation", SCENARIO_CHOICES["maintenance_price"],
              paths=("maintenance_price",)),
        Field("fee", "text", "0", percent=True, range=Range("fee_range", low=Decimal(0), high=MAX_FEE_PERCENT),
              hint=True, paths=("fee_rate",)),
    )),
    Group("second", "details", (
        Field("second", "select", "none", ("none", "hedge", "other"), matters=_cross),
        Field("second_side", "select", "long", SCENARIO_CHOICES["side"], words="side", matters=_other_symbol,
              paths=_position(1, "side")),
        Field("second_entry", "text", "3000", matters=_other_symbol, paths=_position(1, "entry_price")),
        Field("second_price", "text", "3000", matters=_other_symbol, paths=_position(1, "mark_price")),
        Field("second_margin", "text", "500", matters=_second_chosen, paths=_position(1, "margin", "notional")),
        Field("second_leverage", "text", "10", range=LEVERAGE, matters=_second_chosen,
              paths=_position(1, "leverage")),
    )),
    Group("coins", "details", (*_coin_row("coin"), *_coin_row("coin2"))),
    # The wick's depth is a control of its explainer, outside the form's layout but read with it.
    Group("explainers", "explainer", (
        Field("wick", "range", "150", range=Range("wick_range", low=Decimal(0), high=MAX_WICK_PERCENT)),
    )),
)

@dataclass(frozen=True, eq=False)
class Form:
    """A form: its groups of fields, and what is derived from them. Compared (and cached) by identity: each form is
    declared once, below or in its own module (:data:`margin_view.planner.schema.PLAN_FORM`).

    ``name`` is its section of the locale files, and the ``tab`` its links carry on a page with several (the
    liquidation calculator's links carry none: it is the page's first tab and every older link's).
    """

    name: str
    groups: tuple[Group, ...]
    tab: str = ""

    @functools.cached_property
    def by_name(self) -> Mapping[str, Field]:
        return {field.name: field for group in self.groups for field in group.fields}

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field, in the order links list them."""
        return tuple(self.by_name)

    @functools.cached_property
    def defaults(self) -> Mapping[str, str]:
        return {name: field.default for name, field in self.by_name.items()}

    @functools.cached_property
    def choices(self) -> Mapping[str, tuple[str, ...]]:
        return {name: field.choices for name, field in self.by_name.items() if field.is_choice}

    def relevant(self, name: str, values: Values) -> bool:
        """Whether field *name* matters for the choices in *values* (parsed or as typed): a field that does not is
        hidden, left out of the link, and an error in it blocks nothing."""
        return self.by_name[name].matters(values)

    def hidden(self, values: Values) -> frozenset[str]:
        """The fields that do not matter for the choices in *values*: the page hides them."""
        return frozenset(name for name, field in self.by_name.items() if not field.matters(values))

    def hidden_groups(self, hidden_fields: frozenset[str]) -> frozenset[str]:
        """The groups all of whose fields are hidden: the page hides them too (a group's name may be a field's)."""
        return frozenset(group.name for group in self.groups
                         if all(field.name in hidden_fields for field in group.fields))


#: The liquidation calculator.
FORM: Final = Form("calculator", GROUPS)
BY_NAME: Final = FORM.by_name
#: Every field, in the order links list them.
FIELDS: Final = FORM.fields
DEFAULTS: Final = FORM.defaults
CHOICES: Final = FORM.choices
TEXTS: Final = frozenset(name for name, field in BY_NAME.items() if field.control == "symbol")  # not numbers
#: The range inputs that move a text field (views of ``leverage`` and ``price``).
SLIDERS: Final = tuple(field.slider for field in BY_NAME.values() if field.slider)
relevant: Final = FORM.relevant
hidden: Final = FORM.hidden
hidden_groups: Final = FORM.hidden_groups
