"""What an evaluation returns, and the figure table: the one schema of every figure the site can show.

Each result field is declared once, here, with its :class:`Unit`: a base :data:`Kind` (``money``, ``price``,
``percent``, …) and flags (``optional``, ``signed``, ``unreachable``). From those declarations come the JSON output
(:func:`result_to_data`), the keys a card may ``show`` and the calculator lists, and, in the view layer, the text
of each figure (one formatter per kind, the flags applied alike to every kind) and its label. A new figure is one
field here, one label in the view's locale files.

>>> [f.key for f in POSITION_FIGURES][:4]
['symbol', 'contract', 'side', 'tiers']
>>> figure("position", "bankruptcy_price").unit
Unit(kind='price', optional=True, signed=False, unreachable=False)
>>> figure("position", "liquidation_price").unit.unreachable, figure("account", "margin_ratio").cross_only
(True, True)
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from decimal import Decimal
from typing import Any, Final, Literal, get_args

from .choices import Contract, FeePrice, MaintenancePrice, Mode, Side
from .liquidation import MarginCurve, Roots
from .numbers import plain
from .position import Position
from .profiles import Profile
from .risk import Band
from .sweep import PnlCurve, solved_curve
from .tiers import TierTable

__all__ = [
    "ACCOUNT_FIGURES",
    "FIGURES",
    "POSITION_FIGURES",
    "AccountResult",
    "Figure",
    "Kind",
    "PositionResult",
    "Result",
    "Solved",
    "Unit",
    "declare",
    "figure",
    "figure_table",
    "result_to_data",
]

#: What a figure's value is, and so how it reads. The view layer has one formatter per kind
#: (:data:`margin_view.text.figures.FORMATTERS`):
#:
#: - ``text``: an identifier shown as written (a symbol, a contract, a tier table's name);
#: - ``choice``: one of a key's :data:`~calc.facts.CHOICES` (a side, a margin mode), named in the reader's language;
#: - ``flag``: a bool, yes or no;
#: - ``band``: a :data:`~calc.risk.Band`, how near liquidation the mark price is;
#: - ``money``: dollars; ``price``: dollars per coin;
#: - ``coin``: an amount of the position's own coin (an inverse contract's margin, PnL…);
#: - ``quantity``: a position's size, in its coin;
#: - ``leverage``: a multiple;
#: - ``percent``: a fraction shown as a percentage; ``rate``: a small one (a tier's rate, a fee);
#: - ``gauge``: where the position stands between far from liquidation (0) and liquidation (1).
Kind = Literal["text", "choice", "flag", "band", "money", "price", "coin", "quantity", "leverage", "percent", "rate",
               "gauge"]

#: The kinds whose value is a word, not a number.
_WORDS: Final[frozenset[Kind]] = frozenset({"text", "choice", "flag", "band"})
#: The kinds counted in the position's own coin (its symbol's base asset), which the text names.
_IN_COIN: Final[frozenset[Kind]] = frozenset({"coin", "quantity"})


@dataclass(frozen=True, slots=True)
class Unit:
    """How a figure reads: its base :data:`Kind` and flags the view applies alike to every kind."""

    kind: Kind
    #: The value may be None: the figure does not apply to this position or account (it reads "—").
    optional: bool = False
    #: Shows its sign, "+" as well as "−" (a PnL, a return).
    signed: bool = False
    #: The value may be None, meaning no price reaches it (a liquidation price: "Cannot be liquidated").
    unreachable: bool = False

    def __post_init__(self) -> None:
        if self.kind not in get_args(Kind):
            raise ValueError(f"unknown kind of figure {self.kind!r}")
        if self.optional and self.unreachable:
            raise ValueError("a figure's None is either optional or unreachable, not both")

    @property
    def numeric(self) -> bool:
        """Its values are numbers (Decimal, or None where the flags allow), written as plain decimal strings."""
        return self.kind not in _WORDS

    @property
    def in_coin(self) -> bool:
        """Its amounts are in the position's own coin, which the text names (``0.2 BTC``)."""
        return self.kind in _IN_COIN


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of the figure table: the result attribute (and JSON key), its unit, where it may appear."""

    key: str
    unit: Unit
    #: A figure a card or the calculator may print (identifiers and flags are not).
    shown: bool = True
    #: Only meaningful for a cross account (left out of an isolated account's data).
    cross_only: bool = False


def declare(unit: Unit, *, shown: bool = True, cross_only: bool = False, default: object = MISSING) -> Any:
    """A result field with its unit, as a dataclass of figures declares each one (here, and in :mod:`calc.plan_result`)."""
    metadata = {"unit": unit, "shown": shown, "cross_only": cross_only}
    return field(metadata=metadata) if default is MISSING else field(default=default, metadata=metadata)


@dataclass(frozen=True, slots=True)
class PositionResult:
    """Figures for one position, at its mark price."""

    symbol: str = declare(Unit("text"), shown=False)
    contract: Contract = declare(Unit("text"), shown=False)
    side: Side = declare(Unit("choice"))
    tiers: str = declare(Unit("text"), shown=False)  # the tier table's name
    entry_price: Decimal = declare(Unit("price"))
    mark_price: Decimal = declare(Unit("price"))
    quantity: Decimal = declare(Unit("quantity"))  # inverse: its value in the coin at entry, notional / entry price
    # Dollar figures of an inverse contract (margined in its coin) are its coin amounts at the mark price; those
    # amounts are the *_coin figures below, None for a linear contract.
    notional: Decimal = declare(Unit("money"))  # at the mark price (inverse: its size in dollars)
    entry_notional: Decimal = declare(Unit("money"))
    # Isolated: the margin as it stands; cross: the initial margin, None (with the leverage) when the position
    # gives no leverage.
    margin: Decimal | None = declare(Unit("money", optional=True))
    leverage: Decimal | None = declare(Unit("leverage", optional=True))
    maintenance_margin: Decimal = declare(Unit("money"))  # at mark, fee allowance included (or at entry notional)
    maintenance_rate: Decimal = declare(Unit("rate"))  # the bracket's rate, without fee
    unrealized_pnl: Decimal = declare(Unit("money", signed=True))
    # PnL over the margin (or, with an exchange profile, over what that exchange divides by); None without one.
    roe: Decimal | None = declare(Unit("percent", optional=True, signed=True))
    liquidation_price: Decimal | None = declare(Unit("price", unreachable=True))  # None: cannot be liquidated
    bankruptcy_price: Decimal | None = declare(Unit("price", optional=True))
    distance_to_liquidation: Decimal | None = declare(Unit("percent", optional=True))  # |mark − LP| / mark
    max_loss: Decimal = declare(Unit("money"))  # isolated: margin; cross: wallet balance
    # With a stop-loss: the PnL if it fills at its price (before fees; above zero for a stop that keeps a profit), and
    # whether it fires before the liquidation price is reached. None without a stop.
    stop_price: Decimal | None = declare(Unit("price", optional=True))
    pnl_at_stop: Decimal | None = declare(Unit("money", optional=True, signed=True))
    stop_before_liquidation: bool | None = declare(Unit("flag", optional=True))
    # Maintenance margin over the equity backing the position (isolated: margin + PnL; cross: the account's margin
    # balance): liquidation when it rises to 100 %. None once that equity is gone.
    margin_ratio: Decimal | None = declare(Unit("percent", optional=True))
    # The same ratio as the selected exchange defines it (OKX: equity over maintenance plus fees, liquidated when it
    # falls to 100 %); None without an exchange profile or when the exchange's documents name none.
    exchange_margin_ratio: Decimal | None = declare(Unit("percent", optional=True))
    distance_band: Band = declare(Unit("band"))
    gauge: Decimal = declare(Unit("gauge"), shown=False)  # 0 far … 1 liquidation
    liquidated: bool = declare(Unit("flag"), shown=False)
    margin_coin: Decimal | None = declare(Unit("coin", optional=True))
    maintenance_margin_coin: Decimal | None = declare(Unit("coin", optional=True))
    unrealized_pnl_coin: Decimal | None = declare(Unit("coin", optional=True, signed=True))
    # Cross: everything in the account, in this coin.
    max_loss_coin: Decimal | None = declare(Unit("coin", optional=True))


@dataclass(frozen=True, slots=True)
class AccountResult:
    """Account totals. Cross-only figures are None in isolated mode."""

    mode: Mode = declare(Unit("choice"), shown=False)
    wallet_balance: Decimal | None = declare(Unit("money", optional=True), cross_only=True)
    # Coins held as cross margin, at their price less their haircut; None without any.
    collateral_value: Decimal | None = declare(Unit("money", optional=True), cross_only=True)
    total_margin: Decimal | None = declare(Unit("money", optional=True))  # None if a cross position gives no leverage
    unrealized_pnl: Decimal = declare(Unit("money", signed=True))
    margin_balance: Decimal | None = declare(Unit("money", optional=True), cross_only=True)
    maintenance_margin: Decimal | None = declare(Unit("money", optional=True), cross_only=True)
    margin_ratio: Decimal | None = declare(Unit("percent", optional=True), cross_only=True)
    liquidated: bool = declare(Unit("flag"), shown=False, cross_only=True)


@dataclass(frozen=True, slots=True)
class Solved:
    """A margin curve and its liquidation prices, solved once (a cross symbol's legs share one)."""

    curve: MarginCurve
    roots: tuple[Decimal, ...]
    #: Coins of the position's own asset among what it can lose (an inverse margin, collateral in that coin), whose
    #: dollar worth moves with the price: the PnL curve's floor is ``−(max_loss − units × mark) − units × P``.
    loss_units: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Result:
    """Positions in input order, the account, the conventions used, and what was solved for each position."""

    positions: tuple[PositionResult, ...]
    account: AccountResult
    maintenance_price: MaintenancePrice
    fee_rate: Decimal
    tiers: tuple[TierTable, ...]
    #: Per position: the scenario's position and its solved margin curve, so a chart needs no second solve.
    solved: tuple[tuple[Position, Solved], ...]
    fee_price: FeePrice = "liquidation"
    #: The exchange profile applied, and the scenario fields that overrode its rules.
    exchange: Profile | None = None
    overrides: tuple[str, ...] = ()

    def pnl_curve(self, index: int = 0) -> PnlCurve:
        """The PnL curve of position *index*, from the roots the evaluation found (no solve).

        Built on demand: most evaluations (cards, the CLI) draw no chart.
        """
        position, solved = self.solved[index]
        fixed = self.positions[index].max_loss - solved.loss_units * position.mark_price
        return solved_curve(position, -fixed, solved.curve, solved.roots, solved.loss_units)

    def roots(self, index: int) -> Roots:
        """Position *index*'s margin curve and the roots the evaluation found on it, for the explainers
        (:mod:`calc.explain`, :mod:`calc.aftermath`, :mod:`calc.wick`) to solve nothing twice."""
        _, solved = self.solved[index]
        return solved.curve, solved.roots


def figure_table(cls: type) -> tuple[Figure, ...]:  # the figures a dataclass declares, in its field order
    return tuple(Figure(f.name, f.metadata["unit"], f.metadata["shown"], f.metadata["cross_only"])
                 for f in fields(cls))


POSITION_FIGURES: Final = figure_table(PositionResult)
ACCOUNT_FIGURES: Final = figure_table(AccountResult)
#: The table by scope and key: ``FIGURES["position"]["liquidation_price"]``.
FIGURES: Final[dict[str, dict[str, Figure]]] = {
    "position": {f.key: f for f in POSITION_FIGURES},
    "account": {f.key: f for f in ACCOUNT_FIGURES},
}


def figure(scope: Literal["position", "account"], key: str) -> Figure:
    """The table's row for *key* of a position or of the account; ``KeyError`` if there is none."""
    return FIGURES[scope][key]


def _row(result: PositionResult | AccountResult, table: tuple[tuple[str, bool], ...]) -> dict[str, object]:
    """The figures of *table* (key, is it a number) as JSON data: numbers as plain decimal strings, so CPython and
    Pyodide print the same bytes. A plain loop: it runs for every figure of every evaluation."""
    row: dict[str, object] = {}
    for key, numeric in table:
        value = getattr(result, key)
        row[key] = plain(value) if numeric and value is not None else value
    return row


def _spec(table: tuple[Figure, ...], cross: bool) -> tuple[tuple[str, bool], ...]:
    return tuple((f.key, f.unit.numeric) for f in table if cross or not f.cross_only)


_POSITION_ROW: Final = _spec(POSITION_FIGURES, True)
_ACCOUNT_ROW: Final = {cross: _spec(ACCOUNT_FIGURES, cross) for cross in (True, False)}


def _table_data(table: TierTable) -> dict[str, object]:
    return {"name": table.name, "exchange": table.exchange, "source": table.source, "retrieved": table.retrieved,
            **table.to_data()}


def result_to_data(result: Result) -> dict[str, Any]:
    """Write *result* as JSON-able data: every figure of the table, numbers as plain decimal strings, None as null.
    An isolated account leaves out the cross-only figures; with a profile, ``exchange.tables`` says which table
    each symbol used and as of when (the date its data was recorded)."""
    cross = result.account.mode == "cross"
    return {
        "positions": [_row(r, _POSITION_ROW) for r in result.positions],
        "account": _row(result.account, _ACCOUNT_ROW[cross]),
        "assumptions": {
            "maintenance_price": result.maintenance_price,
            "fee_rate": plain(result.fee_rate),
            "fee_price": result.fee_price,
            "tiers": [_table_data(t) for t in result.tiers],
            "exchange": None if result.exchange is None else {**_exchange_data(result.exchange, result.overrides),
                "tables": [{"symbol": t.symbol, "name": t.name, "recorded": t.retrieved} for t in result.tiers]},
        },
    }


def _exchange_data(profile: Profile, overrides: tuple[str, ...]) -> dict[str, object]:
    """Which profile was applied, its rules, which scenario fields overrode them, and where each rule is written."""
    return {
        "name": profile.name,
        "title": profile.title,
        "rules": {
            "maintenance_price": profile.maintenance_price, "closing_fee": profile.closing_fee,
            "taker_rate": plain(profile.fee_rate), "margin_ratio": profile.margin_ratio, "roe": profile.roe,
            "mode_scope": profile.mode_scope, "funding_in_isolated": profile.funding_in_isolated,
            "tiers": dict(profile.tables),
        },
        "overridden": list(overrides),
        "sources": {key: {"source": rule.source, "checked": rule.checked} for key, rule in profile.rules.items()},
    }
