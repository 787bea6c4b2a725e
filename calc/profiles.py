"""Exchange profiles: each exchange's rules as dated, cited data, one file per exchange in ``calc/profiles/``.

A profile says how one exchange values a position, rule by rule, and where each rule is written:

- ``tiers``: the packaged tier table for each symbol (``calc/tiers/``, each with its own source and date);
- ``maintenance_price``: where maintenance margin is valued (:data:`calc.choices.MAINTENANCE_PRICES`);
- ``closing_fee``: whether a closing fee is added to maintenance, at which price (``none``, ``liquidation``: the
  taker rate on the notional at the liquidation price, as OKX adds its liquidation fee; ``bankruptcy``: on the
  notional at the bankruptcy price the initial margin sets, Bybit's "estimated fee to close"), and the taker rate;
- ``margin_ratio``: the exchange's own ratio (``maintenance_over_balance`` rises to 100 % at liquidation;
  ``balance_over_maintenance`` falls to 100 %; ``none`` when the exchange's documents name none);
- ``roe``: what return on equity divides the unrealized PnL by (:data:`ROE_BASES`);
- ``mode_scope``, ``funding_in_isolated``: how the account is organised (said, not computed).

Every rule carries ``source`` (a URL), ``checked`` (the date someone read it there) and ``says`` (what the source
says, in our words). A scenario selects a profile with ``"exchange"``; whatever it gives explicitly wins.

>>> profile = load_profile("okx")
>>> profile.closing_fee, profile.fee_rate, profile.margin_ratio
('liquidation', Decimal('0.0005'), 'balance_over_maintenance')
>>> PROFILE_NAMES
('binance', 'bybit', 'hyperliquid', 'okx')
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import ClassVar, Final, Literal, cast, get_args

from .choices import MAINTENANCE_PRICES, Contract, MaintenancePrice
from .collateral import HaircutTable, load_haircuts
from .errors import Path, ScenarioError
from .listings import data_table, listing, shipped
from .position import opening_fee_to_close
from .tiers import TierTable, load_table

__all__ = [
    "CLOSING_FEES",
    "MARGIN_RATIOS",
    "PROFILE_NAMES",
    "ROE_BASES",
    "ClosingFee",
    "MarginRatio",
    "Profile",
    "RoeBasis",
    "Rule",
    "load_profile",
]

#: The packaged profiles, by the name a scenario gives in ``"exchange"``.
PROFILE_NAMES: Final = ("binance", "bybit", "hyperliquid", "okx")

ClosingFee = Literal["none", "liquidation", "bankruptcy"]
MarginRatio = Literal["maintenance_over_balance", "balance_over_maintenance", "none"]
#: ``margin``: the position's margin as the engine holds it (isolated: as it stands; cross: initial margin at
#: entry); ``initial_at_entry``: entry notional ÷ leverage; ``initial_at_mark``: notional at the mark ÷ leverage;
#: ``opening_margin``: entry notional ÷ leverage plus the fee to close valued at the bankruptcy price it sets (Bybit).
RoeBasis = Literal["margin", "initial_at_entry", "initial_at_mark", "opening_margin"]
CLOSING_FEES: Final[tuple[ClosingFee, ...]] = get_args(ClosingFee)
MARGIN_RATIOS: Final[tuple[MarginRatio, ...]] = get_args(MarginRatio)
ROE_BASES: Final[tuple[RoeBasis, ...]] = get_args(RoeBasis)

#: The rules every profile file states, each with its source.
RULES: Final = ("tiers", "maintenance_price", "closing_fee", "margin_ratio", "roe", "mode_scope",
                "funding_in_isolated", "max_leverage")


@dataclass(frozen=True, slots=True)
class Rule:
    """Where one rule of a profile is written: the page, the day it was read there, and what it says."""

    source: str
    checked: str
    says: str


@dataclass(frozen=True, slots=True)
class Profile:
    """One exchange's rules (see the module docstring), with a :class:`Rule` for each of :data:`RULES`."""

    name: str
    label: str
    title: str
    tables: Mapping[str, str]
    maintenance_price: MaintenancePrice
    closing_fee: ClosingFee
    fee_rate: Decimal
    margin_ratio: MarginRatio
    roe: RoeBasis
    mode_scope: str
    funding_in_isolated: str
    rules: Mapping[str, Rule]
    #: Haircuts of the coins the exchange takes as cross collateral, where the profile names a table.
    haircuts: HaircutTable | None = None

    #: The rules every profile states (:data:`RULES`), for views that list them.
    RULES: ClassVar[tuple[str, ...]] = RULES

    def __hash__(self) -> int:
        return hash(self.name)

    def margin_held_to_close(self, contract: Contract, side: str, entry_value: Decimal, leverage: Decimal,
                             fee_rate: Decimal) -> Decimal:
        """What this exchange holds in an isolated position's margin, as it opens, for the fee to close it: the
        fee valued at the bankruptcy price where the exchange does so (Bybit, :func:`calc.position.opening_fee_to_close`),
        nothing elsewhere. *entry_value* is in the margin's asset: dollars (linear) or coins (inverse)."""
        if self.closing_fee != "bankruptcy":
            return Decimal(0)
        return opening_fee_to_close(contract, Decimal(1 if side == "long" else -1), entry_value, leverage, fee_rate)

    @property
    def symbols(self) -> tuple[str, ...]:
        """The symbols this profile bundles a tier table for (the engine's archive carries these)."""
        return tuple(self.tables)

    def table_for(self, symbol: str, path: Path = ("positions", 0, "symbol")) -> TierTable | None:
        """The tier table for *symbol*: the profile's bundled one, else the one in the exchange's data file
        (:mod:`calc.listings`); None when neither has it. A data file that is missing (in the browser: not fetched
        yet) or unreadable raises its ``ScenarioError``, since the symbol may well be listed."""
        name = self.tables.get(symbol)
        if name is not None:
            return load_table(name)
        if self.name not in shipped() or symbol not in listing(self.name).symbols:
            return None
        return data_table(self.name, symbol, path)

    @property
    def recorded(self) -> str | None:
        """The date of the exchange's data file (its newest recording), None when it has none shipped."""
        entry = shipped().get(self.name)
        return None if entry is None else str(entry["recorded"])

    @property
    def listed(self) -> tuple[str, ...]:
        """Every symbol the exchange's data file has a table for (sorted; empty when none ships), which with
        :attr:`symbols` is every symbol this profile can value."""
        return tuple(sorted(listing(self.name).symbols)) if self.name in shipped() else ()

    @property
    def data_sources(self) -> tuple[tuple[str, str], ...]:
        """``(source, date recorded)`` of each recording the exchange's data file was built from."""
        if self.name not in shipped():
            return ()
        return tuple((source["source"], source["recorded"]) for source in listing(self.name).sources)


def _choice(value: object, options: tuple[str, ...], where: str) -> str:
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{where}: {value!r} is not one of {options}")
    return value


@functools.cache
def load_profile(name: str) -> Profile:
    """Load a packaged profile by name (cached); ``ScenarioError`` (kind ``not_one_of``) for another name.

    A malformed packaged file is the project's bug, not the reader's, so it raises ``ValueError``.
    """
    if name not in PROFILE_NAMES:
        raise ScenarioError(("exchange",), "not_one_of", name, options=PROFILE_NAMES)
    where = f"calc/profiles/{name}.json"
    data = json.loads((resources.files("calc") / "profiles" / f"{name}.json").read_text(encoding="utf-8"))
    rules_data = cast("Mapping[str, Mapping[str, object]]", data["rules"])
    if set(rules_data) != set(RULES):
        raise ValueError(f"{where}: rules must be exactly {RULES}, not {sorted(rules_data)}")
    rules = {key: Rule(str(rule["source"]), str(rule["checked"]), str(rule["says"])) for key, rule in rules_data.items()}
    tables = cast("Mapping[str, str]", rules_data["tiers"]["value"])
    ceilings = cast("Mapping[str, str]", rules_data["max_leverage"]["value"])
    for symbol, table in tables.items():
        loaded = load_table(table)
        if loaded.symbol != symbol:
            raise ValueError(f"{where}: table {table} is not for {symbol}")
        # The stated maximum is the first tier's: two sources for one number must agree.
        if Decimal(ceilings.get(symbol, "0")) != loaded.tiers[0].max_leverage:
            raise ValueError(f"{where}: max_leverage of {symbol} disagrees with table {table}")
    fee = cast("Mapping[str, str]", rules_data["closing_fee"]["value"])
    return Profile(
        name=name,
        label=str(data["label"]),
        title=str(data["title"]),
        tables=dict(tables),
        maintenance_price=cast(MaintenancePrice, _choice(rules_data["maintenance_price"]["value"], MAINTENANCE_PRICES,
                                                          where)),
        closing_fee=cast(ClosingFee, _choice(fee["price"], CLOSING_FEES, where)),
        fee_rate=Decimal(fee["taker_rate"]),
        margin_ratio=cast(MarginRatio, _choice(rules_data["margin_ratio"]["value"], MARGIN_RATIOS, where)),
        roe=cast(RoeBasis, _choice(rules_data["roe"]["value"], ROE_BASES, where)),
        mode_scope=str(rules_data["mode_scope"]["value"]),
        funding_in_isolated=str(rules_data["funding_in_isolated"]["value"]),
        rules=rules,
        haircuts=load_haircuts(str(data["haircuts"])) if "haircuts" in data else None,
    )
