"""Exact arithmetic helpers shared by the chapters: shares, rates, rounding envelopes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .. import i18n

CENT = Decimal("0.01")


def dec(value) -> Decimal | None:
    """A figure as a Decimal; None stays None (a figure the report does not state, or a lost cell)."""
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def total(values) -> Decimal:
    return sum((dec(v) for v in values if v is not None), Decimal(0))


def share(part, whole, places: str = "0.01") -> Decimal | None:
    """part / whole in percent, rounded half-up; None (not applicable) when the base is zero or either is unknown."""
    whole, part = dec(whole), dec(part)
    if whole is None or part is None or whole == 0:
        return None
    return (dec(part) * 100 / whole).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def ratio(part, whole, places: str = "0.0001") -> Decimal | None:
    whole = dec(whole)
    if whole == 0:
        return None
    return (dec(part) / whole).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def step(value) -> Decimal:
    """The precision a figure is printed with: 99.7 -> 0.1, 99.70 -> 0.01, 17 -> 1."""
    return Decimal(1).scaleb(min(dec(value).as_tuple().exponent, 0))


def rounded(value, places: str | Decimal = "0.01") -> Decimal:
    return dec(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def pct(value: Decimal | None) -> str:
    """A percentage for display; n/a (不适用) for a share of a zero base or an unknown one (never 100%, never
    "None%")."""
    from .. import i18n

    return i18n.t("common.na") if value is None else f"{value}%"


def stated_pct(value, base) -> str:
    """A share as the report states it; marked when the report states it on a zero base (no amount supports it,
    so it is shown as published, never replaced by n/a nor recomputed), the mark in the page's language."""
    if value is None:
        return "n/a"
    return i18n.t("procurement.zero_base_pct", value=value) if base is not None and dec(base) == 0 else f"{value}%"


def envelope(n: int) -> Decimal:
    """How far a sum of n figures rounded to 0.01 may stand from its rounded total: (n + 1) x 0.005."""
    return Decimal("0.005") * (n + 1)


def table_total(frame, column: str = "total"):
    """A functional table's 合计 figure in ``column``; None when the table has none (absent, or left unread)."""
    rows = frame[(frame.level == "total") & (frame.column == column)]
    return rows.amount_wan_yuan.iloc[0] if len(rows) else None
