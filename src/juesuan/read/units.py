"""The unit a table's amounts are printed in. The nine tables are printed in 万元 by most units; county reports often
print them in 元 while their prose stays in 万元.

A table printed in 元 is read and stored in 万元, exactly: 27,734,700.00 元 is 2773.47 万元, 1,234,567.89 元 is
123.456789 万元, nothing rounded (a Decimal moved four places). Every dataset's amounts are then in the unit their
column names (amount_wan_yuan), every check of the audit compares 万元 with 万元 as it does for any report, the prose's
figures (万元) are compared with the tables' as they are, and the chapters show 万元 as the prose does. report.json
records for such a table the unit printed (unit: 元) and how it was stored (stored: unit 万元, factor 0.0001, and the
precision: 0.000001 万元 for figures printed to the 分).

The audit's rounding allowances stay those of figures printed to 0.01 万元 (the prose's precision): where a 元 table
adds up to the 元, nothing changes; where its figures are off by a few 元 the difference is shown with its size as a
rounding difference, as a difference under 0.01 万元 would be in a 万元 table. A sum is compared with what the report
prints at the coarser of the two precisions (audit.core.stated), so 2773.4712 万元 against the prose's 2,773.47 agrees.

A table whose total is about 10,000 times the same total in another table prints 元 under a 万元 heading (or 万元 under
a 元 one): an error, never read as it stands.
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import IngestError
from ..text import fmt

FACTOR = Decimal("0.0001")


def in_wan_yuan(value: str) -> str:
    """An amount printed in 元 as the same amount in 万元, exactly, with the decimals it needs and never fewer than
    printed: 27734700.00 → 2773.47, 1234567 → 123.4567, 0.00 → 0.00, 10000 → 1."""
    amount = Decimal(value)
    printed = max(0, -amount.as_tuple().exponent)
    wan = amount.scaleb(-4)
    places = -wan.as_tuple().exponent
    while places > printed:  # the zeros the move added, down to the decimals printed
        shorter = wan.quantize(Decimal(1).scaleb(-(places - 1)))
        if shorter != wan:
            break
        wan, places = shorter, places - 1
    return fmt(wan)


def to_wan_yuan(records: list[dict]) -> str:
    """Convert a table's records from 元 to 万元 in place; the precision the stored figures carry (in 万元)."""
    finest = 0
    for r in records:
        if r.get("amount_wan_yuan"):
            finest = max(finest, -Decimal(r["amount_wan_yuan"]).as_tuple().exponent)
            r["amount_wan_yuan"] = in_wan_yuan(r["amount_wan_yuan"])
    return fmt(Decimal(1).scaleb(-(finest + 4)))


# The same figure stated by two tables (national identities). Each pair: two (table, dataset, filter of the records
# that state it), then the figure's name.
_EXPENDITURE = {"side": "expenditure", "item_zh": "本年支出合计"}
RESTATED = [
    (("t01", "t01_summary", {"side": "income", "item_zh": "本年收入合计"}),
     ("t02", "t02_income", {"level": "total", "column": "total"}), "本年收入合计"),
    (("t01", "t01_summary", _EXPENDITURE), ("t03", "t03_expenditure", {"level": "total", "column": "total"}),
     "本年支出合计"),
    (("t04", "t04_fiscal_summary", {**_EXPENDITURE, "column": "general_budget"}),
     ("t05", "t05_general_budget", {"level": "total", "column": "total"}), "一般公共预算财政拨款支出"),
    (("t05", "t05_general_budget", {"level": "total", "column": "basic"}),
     ("t06", "t06_basic_economic", {"level": "total"}), "基本支出"),
    (("t04", "t04_fiscal_summary", {**_EXPENDITURE, "column": "gov_fund"}),
     ("t07", "t07_gov_fund", {"level": "total", "column": "expenditure"}), "政府性基金预算财政拨款支出"),
    (("t04", "t04_fiscal_summary", {**_EXPENDITURE, "column": "state_capital"}),
     ("t08", "t08_state_capital", {"level": "total", "column": "total"}), "国有资本经营预算财政拨款支出"),
]


def about(ratio: Decimal, scale: int) -> bool:
    """Whether ratio is scale to within 10% (10,000: a figure in 元 against the same figure in 万元)."""
    return Decimal(scale) * Decimal("0.9") <= ratio <= Decimal(scale) * Decimal("1.1")


def _stated(records: list[dict], where: dict) -> tuple[Decimal, int] | None:
    """The sum of the matching figures and the line of the first, or None when the table states none."""
    rows = [r for r in records if r["amount_wan_yuan"] and all(r.get(k) == v for k, v in where.items())]
    if not rows:
        return None
    return sum((Decimal(r["amount_wan_yuan"]) for r in rows), Decimal(0)), int(rows[0]["line"])


def check_scale(datasets: dict[str, list[dict]], tables: dict[str, dict]) -> None:
    """Refuse a table whose figures are 10,000 times (or a ten-thousandth of) the same figure in another: its unit
    line says one unit and its figures are in the other. ``tables``: report.json's tables (unit, unit_line)."""
    for (table_a, name_a, where_a), (table_b, name_b, where_b), label in RESTATED:
        a, b = _stated(datasets[name_a], where_a), _stated(datasets[name_b], where_b)
        if not a or not b or not a[0] or not b[0]:
            continue
        (big, line, table), (small, _, other) = sorted([(abs(a[0]), a[1], table_a), (abs(b[0]), b[1], table_b)],
                                                      reverse=True)
        if not about(big / small, 10000):
            continue
        if tables.get(other, {}).get("unit") == "元":  # read as 元 and converted: its figures were 万元
            raise IngestError(f"table {other[1:]} states its unit as 元, but its {label} ({fmt(small * 10000)}) is "
                              f"the {fmt(big)} 万元 of table {table[1:]}: its figures look like 万元, not 元",
                              table=other, line=tables[other].get("unit_line") or line)
        raise IngestError(f"table {table[1:]} states {label} as {fmt(big)}, about 10,000 times the {fmt(small)} "
                          f"of table {other[1:]}: its figures look like 元, not 万元", table=table, line=line)
