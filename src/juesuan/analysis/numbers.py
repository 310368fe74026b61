"""Exact arithmetic helpers shared by the chapters: shares, rates, rounding envelopes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

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


def rounded(value, places: str = "0.01") -> Decimal:
    return dec(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def pct(value: Decimal | None) -> str:
    """A percentage for display; 'n/a' for a share of a zero base (never 100%)."""
    return "n/a" if value is None else f"{value}%"


def envelope(n: int) -> Decimal:
    """How far a sum of n figures rounded to 0.01 may stand from its rounded total: (n + 1) x 0.005."""
    return Decimal("0.005") * (n + 1)


def table_total(frame, column: str = "total"):
    """A functional table's 合计 figure in ``column``; None when the table has none (absent, or left unread)."""
    rows = frame[(frame.level == "total") & (frame.column == column)]
    return rows.amount_wan_yuan.iloc[0] if len(rows) else None
