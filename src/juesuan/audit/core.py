"""The audit's common ground: a Finding, and the comparison that decides ok, rounding or mismatch."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import ROUND_UP, Decimal


STATUSES = ("ok", "rounding", "mismatch", "not_applicable", "missing_data")
D0 = Decimal(0)
HALF = Decimal("0.005")


@dataclass(frozen=True)
class Finding:
    id: str
    family: str  # within | between | prose | procurement | performance | identity
    title_en: str
    title_zh: str
    sources: str  # the tables or sections involved, with lines
    expected: Decimal | str | None
    found: Decimal | str | None
    difference: Decimal | None
    tolerance: Decimal
    status: str
    note: str = ""

    def as_dict(self) -> dict:
        d = asdict(self)
        for k in ("expected", "found", "difference", "tolerance"):
            d[k] = None if d[k] is None else str(d[k])
        return d


def compare(id, family, title_en, title_zh, sources, expected, found, tolerance=D0, note="") -> Finding:
    if expected is None or found is None:
        return Finding(id, family, title_en, title_zh, sources, expected, found, None, tolerance, "missing_data", note)
    diff = found - expected
    status = "ok" if diff == 0 else "rounding" if abs(diff) <= tolerance else "mismatch"
    return Finding(id, family, title_en, title_zh, sources, expected, found, diff, tolerance, status, note)


def special(id, family, title_en, title_zh, sources, status, note="", expected=None, found=None) -> Finding:
    return Finding(id, family, title_en, title_zh, sources, expected, found, None, D0, status, note)


def fsum(values) -> Decimal:
    return sum((v for v in values if v is not None), D0)


def known_sum(values) -> Decimal | None:
    """The sum of table figures, or None (unknown: the check is missing_data) when one of them is a lost cell."""
    values = list(values)
    return None if any(v is None for v in values) else fsum(values)


def line_list(*lines) -> str:
    return ", ".join(sorted({str(x) for x in lines if x not in (None, "")}, key=lambda s: int(s) if s.isdigit() else 0))


# ---------------------------------------------------------------- within tables


def table_total(data, name, column="total"):
    t = data[name]
    row = t[(t.level == "total") & (t.column == column)]
    return row.amount_wan_yuan.iloc[0] if len(row) else None


def t01_figure(data, side, item):
    t = data["t01_summary"]
    row = t[(t.side == side) & (t.item_zh == item)]
    return row.amount_wan_yuan.iloc[0] if len(row) else None


def share_tolerance(part: Decimal, whole: Decimal) -> Decimal:
    """Printed to 0.01 point (±0.005) plus what rounding of both amounts to 0.01 can move the share."""
    return (HALF + 100 * HALF * (1 / whole + abs(part) / (whole * whole))).quantize(Decimal("0.0001"), ROUND_UP)
