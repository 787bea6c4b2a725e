"""Liquidation and bankruptcy prices, for isolated, cross and hedged positions alike.

The account's *margin curve* for one symbol is its equity minus its maintenance margin as a
function of that symbol's price ``P`` (every position of the symbol moves with ``P``; positions
in other symbols stay at their mark prices)::

    f(P) = collateral − MM_others + Σ side·Q·(P − EP) − Σ ((rate + fee)·Q·P − amount)

with, per position, the tier of its notional ``Q·P``. Liquidation happens where ``f`` reaches 0.

* **Isolated**: collateral = the position's margin; no other positions.
* **Cross**: collateral = wallet balance + unrealized PnL of the other symbols' positions, and
  ``MM_others`` their maintenance margin, both at their mark prices. Binance FAQ "How to Calculate
  Liquidation Price of USDⓈ-M Futures Contracts" (one-way mode)::

      LP = (WB − TMM1 + UPNL1 + cum − side·Q·EP) / (Q·MMR − side·Q)

  is the root of ``f`` on one tier; its hedge-mode formula adds the long and short legs of the
  symbol (``… − Q_L·EP_L + Q_S·EP_S`` above, ``Q_L·MMR_L + Q_S·MMR_S − Q_L + Q_S`` below),
  which is the same curve with two legs.
* **Tiers** (Binance: "the tier must be the one that holds at the liquidation price"): each
  position's maintenance is ``n·rate − amount`` on its notional's bracket, continuous because
  ``amount(n) = amount(n−1) + floor(n)·(rate(n) − rate(n−1))`` (see :mod:`calc.tiers`). So ``f``
  is continuous and piecewise linear with breakpoints at ``floor/Q``; :meth:`MarginCurve.roots`
  solves the linear equation on each piece and keeps the roots inside it — no iteration, no
  "compute, check the bracket, recompute".
* **Hyperliquid** (``liq_price = price − side·margin_available/position_size/(1 − l·side)``,
  ``l = 1/maintenance_leverage``) and **dYdX v4** (``p' = (e − s·p − MMR_other)/(|s|·MMF − s)``)
  are this same equation on one tier: dYdX's with ``amount = 0``, Hyperliquid's with the maintenance
  deduction its "Margin tiers" page defines for tiered assets (0 in the first tier, read 2026-12-04);
  OKX, Gate and Phemex add the taker fee rate to the rate, which is our ``fee_rate``.
* **Convention "entry"** (Bybit's help-centre USDT examples, BitMEX): maintenance is valued once,
  at entry notional, so ``f`` is linear and
  ``LP = EP − side·(collateral − MM)/Q``; Bybit writes it for isolated positions as
  ``LP_long = EP − (IM − MM)/Q − extra_margin/Q``, ``LP_short = EP + (IM − MM)/Q + extra_margin/Q``.
  In cross, every position's maintenance is then valued at its entry notional.

Bankruptcy is the same equation with no maintenance margin at all: equity = 0 (Bybit help centre:
``BP_long = EP·(1 − 1/L)``, ``BP_short = EP·(1 + 1/L)`` for an isolated position at its initial margin;
long 1 BTC at 20,000, 50x: 19,600).

>>> from calc.scenario import parse_scenario
>>> s = parse_scenario({"maintenance_price": "entry", "positions": [{"side": "long", "entry_price": 20000,
...     "quantity": 1, "leverage": 50, "maintenance_margin_rate": "0.005"}]})
>>> curve = margin_curve(s, 0)
>>> curve.liquidation_price(s.positions[0].mark_price), curve.bankruptcy_price()
(Decimal('19700.000'), Decimal('19600'))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .choices import FeePrice, MaintenancePrice
from .numbers import engine_context
from .position import Position, maintenance_margin
from .scenario import Scenario

__all__ = ["MarginCurve", "Roots", "maintenance_margin", "margin_curve", "nearest_root", "solved_for"]

_ZERO = Decimal(0)
_TWO = Decimal(2)


def _sign(x: Decimal) -> int:
    return (x > 0) - (x < 0)


@dataclass(frozen=True, slots=True)
class MarginCurve:
    """Equity minus maintenance margin of an account (or isolated position) against one symbol's price, in dollars.

    ``collateral`` is what backs the legs besides their own PnL (isolated margin, or cross wallet
    balance plus the other symbols' unrealized PnL and collateral in other coins); ``others_maintenance`` the other
    symbols' maintenance margin (cross only); ``units`` the coins of the legs' own asset that back them, worth
    ``units × P`` at price ``P`` (an inverse position's margin, cross collateral in that coin after its haircut).
    """

    collateral: Decimal
    others_maintenance: Decimal
    legs: tuple[Position, ...]
    fee_rate: Decimal
    convention: MaintenancePrice
    #: Where the closing fee is valued. At ``"bankruptcy"`` it is a fixed amount, ``fee_rate × ΣQ × BP`` with BP this
    #: curve's bankruptcy price net of that fee (:meth:`bankruptcy_price`), not a rate on ``P``.
    fee_price: FeePrice = "liquidation"
    units: Decimal = _ZERO
    #: That fixed closing fee (0 for a fee on ``P``, or none), worked out once: every piece of the solve uses it.
    #: Bybit's isolated liquidation price, ``LP = [EP·Q − EP·Q/L − extra/(1 − taker) − deduction] / (Q − Q·MMR)``
    #: ("Trading Rules: Liquidation Process (Unified Trading Account)"), is this curve's root: adding margin moves
    #: the bankruptcy price, and the fee to close with it. Dollars for linear legs; inverse legs pay theirs in the
    #: coin, ``fee_rate × N / BP`` (Bybit, "Liquidation Price (Inverse Contract)"), so it is ``closing_fee_units``.
    closing_fee: Decimal = field(init=False, compare=False)
    closing_fee_units: Decimal = field(init=False, compare=False)

    def __post_init__(self) -> None:
        fee = units = _ZERO
        if self._fee_at_bankruptcy:
            bankruptcy = self.bankruptcy_price()
            with engine_context():
                if bankruptcy is not None:
                    fee = self.fee_rate * sum((leg.quantity for leg in self.legs if not leg.inverse), _ZERO) * bankruptcy
                    units = self.fee_rate * sum((leg.entry_notional for leg in self.legs if leg.inverse),
                                                _ZERO) / bankruptcy
        object.__setattr__(self, "closing_fee", fee)
        object.__setattr__(self, "closing_fee_units", units)

    @property
    def _fee_at_bankruptcy(self) -> bool:
        return self.fee_price == "bankruptcy" and bool(self.fee_rate)

    def equity(self, price: Decimal) -> Decimal:
        """Collateral (its coins at *price*) plus the legs' unrealized PnL at *price*."""
        with engine_context():
            return self.collateral + self.units * price + sum((leg.pnl_at(price) for leg in self.legs), _ZERO)

    def maintenance(self, price: Decimal) -> Decimal:
        """Maintenance margin of everything the collateral backs, with the legs at *price*, in dollars."""
        with engine_context():
            rate = _ZERO if self._fee_at_bankruptcy else self.fee_rate
            own = sum(
                (leg.to_usd(maintenance_margin(leg, price, rate, self.convention)[0], price) for leg in self.legs),
                _ZERO,
            )
            return own + self.closing_fee + self.closing_fee_units * price + self.others_maintenance

    def value(self, price: Decimal) -> Decimal:
        """``equity(price) − maintenance(price)``: liquidation when this is <= 0."""
        with engine_context():
            return self.equity(price) - self.maintenance(price)

    def _breakpoints(self) -> list[Decimal]:
        """Prices where some leg's value crosses a tier floor (convention "liquidation" only): ``floor / Q`` for a
        linear leg, ``N / floor`` for an inverse one (its value in coins falls as the price rises)."""
        if self.convention == "entry":
            return []
        # A table of size brackets has none: the size does not move with the price.
        points = {leg.entry_notional / tier.floor if leg.inverse else tier.floor / leg.quantity
                  for leg in self.legs if leg.tiers.basis == "notional" for tier in leg.tiers.tiers[1:]}
        return sorted(points)

    def line(self, price: Decimal) -> tuple[Decimal, Decimal]:
        """Coefficients ``(a, b)`` of ``f(P) = a + b·P`` on the piece that holds *price* (:mod:`calc.explain`
        shows them as the liquidation equation's numerator ``a`` and denominator ``−b``).

        An inverse leg's maintenance, ``(rate + fee)·N/P − amount`` coins, is worth ``(rate + fee)·N − amount·P``
        dollars at ``P``: so is Binance COIN-M's ``LP = (N·MMR + side·N) / (WB + cum + side·N/EP)`` this curve's
        root (FAQ "How to Calculate Liquidation Price of COIN-M Futures Contracts", one-way mode).
        """
        fee_rate = _ZERO if self._fee_at_bankruptcy else self.fee_rate  # a fixed fee is in closing_fee
        a = self.collateral - self.others_maintenance - self.closing_fee
        b = self.units - self.closing_fee_units
        for leg in self.legs:
            sq = leg.sign * leg.quantity
            a -= sq * leg.entry_price
            b += sq
            if self.convention == "entry":
                held = maintenance_margin(leg, leg.entry_price, fee_rate, "entry")[0]
                if leg.inverse:
                    b -= held  # coins, worth held × P
                else:
                    a -= held
                continue
            tier = leg.tiers.bracket_of(leg.quantity, leg.value_at(price))
            if leg.inverse:
                a -= (tier.rate + fee_rate) * leg.entry_notional
                b += tier.amount
            else:
                a += tier.amount
                b -= (tier.rate + fee_rate) * leg.quantity
        return a, b

    def roots(self) -> tuple[Decimal, ...]:
        """Every positive price where ``f`` reaches zero, ascending.

        ``f`` is linear between breakpoints and continuous across them, and concave (rates rise
        with notional), so it has at most two roots: one below and one above its peak.
        The sign of ``f`` is computed once at each breakpoint and shared by both neighbouring
        pieces, so a root that falls exactly on a bracket edge is found once, not lost to rounding.
        """
        with engine_context():
            points = [_ZERO, *self._breakpoints()]
            lines = []
            for j, lo in enumerate(points):
                # A price strictly inside piece j picks every leg's bracket on that piece.
                inside = (lo + points[j + 1]) / _TWO if j + 1 < len(points) else (lo * _TWO if lo else Decimal(1))
                lines.append(self.line(inside))
            values = [a + b * p for (a, b), p in zip(lines, points)]
            found: list[Decimal] = []
            for j, ((a, b), lo) in enumerate(zip(lines, points)):
                lo_sign = _sign(values[j])
                if lo_sign == 0 and lo > 0:
                    found.append(lo)
                if j + 1 < len(points):
                    hi: Decimal | None = points[j + 1]
                    hi_sign = _sign(values[j + 1])
                else:
                    hi = None
                    hi_sign = _sign(b) if b else _sign(a)  # the sign of f as P grows without bound
                if lo_sign * hi_sign >= 0:
                    continue
                root = -a / b if b else lo
                root = max(root, lo)  # keep rounding from pushing the root off its piece
                if hi is not None:
                    root = min(root, hi)
                if root > 0:
                    found.append(root)
            return tuple(sorted(set(found)))

    def liquidation_price(self, mark: Decimal) -> Decimal | None:
        """The root of ``f`` nearest to *mark*; ``None`` when there is no positive root.

        For a single long or short there is at most one root, on the losing side. A hedge can have
        one on each side (its maintenance grows whichever way the price moves); the nearer is shown.
        """
        return nearest_root(self.roots(), mark)

    def bankruptcy_price(self) -> Decimal | None:
        """Price where equity is zero, with no maintenance margin anywhere; ``None`` if not positive.

        Where the closing fee is valued at the bankruptcy price, it is where equity just pays that fee,
        ``equity(P) = fee_rate × ΣQ × P`` (Bybit: ``BP_long = (Q·EP − margin) / (Q·(1 − taker))``, which is
        ``EP·(1 − 1/L)`` for a position holding its initial margin and fee to close); an inverse leg's fee,
        ``fee_rate × N / P`` coins, is worth ``fee_rate × N`` dollars at ``P`` (Bybit's inverse cross example:
        ``BP = (1 + taker) × N / (N/EP + balance)``).
        """
        with engine_context():
            net = self.units + sum((leg.sign * leg.quantity for leg in self.legs), _ZERO)
            cost = sum((leg.sign * leg.quantity * leg.entry_price for leg in self.legs), _ZERO) - self.collateral
            if self._fee_at_bankruptcy:
                net -= self.fee_rate * sum((leg.quantity for leg in self.legs if not leg.inverse), _ZERO)
                cost += self.fee_rate * sum((leg.entry_notional for leg in self.legs if leg.inverse), _ZERO)
            if not net:
                return None
            price = cost / net
            return price if price > 0 else None


def nearest_root(roots: tuple[Decimal, ...], mark: Decimal) -> Decimal | None:
    """The liquidation price shown for *mark*: the root nearest to it (the lower on a tie), None without one."""
    if not roots:
        return None
    with engine_context():
        return min(roots, key=lambda r: (abs(r - mark), r))


#: A margin curve with the roots already found for it (an evaluation keeps one per curve).
Roots = tuple[MarginCurve, tuple[Decimal, ...]]


def solved_for(scenario: Scenario, index: int, solved: Roots | None = None) -> tuple[MarginCurve, Decimal | None]:
    """The margin curve of ``scenario.positions[index]`` and its liquidation price: from *solved* (an evaluation's
    curve and roots, so nothing is solved twice) or solved here."""
    if solved is None:
        curve = margin_curve(scenario, index)
        roots = curve.roots()
    else:
        curve, roots = solved
    return curve, nearest_root(roots, scenario.positions[index].mark_price)


def margin_curve(scenario: Scenario, index: int) -> MarginCurve:
    """The margin curve that decides when ``scenario.positions[index]`` is liquidated.

    Isolated: that position alone, backed by its margin (coins, for an inverse contract). Cross: every position of its
    symbol, backed by the wallet balance, the collateral, and the other symbols' PnL, less their maintenance margin;
    collateral in the symbol's own coin moves with its price.
    """
    position = scenario.positions[index]
    if scenario.mode == "isolated":
        assert position.margin is not None  # an isolated position always has its margin
        backing = (_ZERO, position.margin) if position.inverse else (position.margin, _ZERO)
        return MarginCurve(backing[0], _ZERO, (position,), scenario.fee_rate, scenario.maintenance_price,
                           scenario.fee_price, units=backing[1])
    with engine_context():
        legs = tuple(p for p in scenario.positions if p.symbol == position.symbol)
        others = [p for p in scenario.positions if p.symbol != position.symbol]
        own_coin = [c for c in scenario.collateral if c.asset == position.asset]
        units = sum((c.units for c in own_coin), _ZERO)
        collateral = (scenario.cross_funds - sum((c.value for c in own_coin), _ZERO)
                      + sum((p.pnl_at(p.mark_price) for p in others), _ZERO))
        # Other symbols' fee to close, where it is valued at the bankruptcy price, at the one their initial margin sets.
        at_bankruptcy = scenario.fee_price == "bankruptcy"
        others_mm = sum(
            (
                p.to_usd(maintenance_margin(p, p.mark_price, scenario.fee_rate, scenario.maintenance_price,
                                            p.fee_to_close(scenario.fee_rate) if at_bankruptcy else None)[0],
                         p.mark_price)
                for p in others
            ),
            _ZERO,
        )
    return MarginCurve(collateral, others_mm, legs, scenario.fee_rate, scenario.maintenance_price, scenario.fee_price,
                       units=units)
