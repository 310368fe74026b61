"""The figures the explanation of table 05 states for its single items (…（类）…（款）…（项）: its amount, 支出决算为…)
against table 05 (prose.restatements takes them in, so that a rate computed from a misstated item follows from it).

The items and their figures are recorded at ingest (report.json ``items``, read/wording.py); the prose figures, by
subject, in prose_numbers.
"""

from __future__ import annotations

from decimal import Decimal

from ..text import key
from .core import Finding, follows, stated


def _row(rows: list, items: list[tuple[str, str]]):
    """Table 05's row of the item named 类 › 款 › 项 (each name as the text prints it: 一般公共服务 for 一般公共服务支出),
    among ``rows`` (table 05's total column as tuples)."""
    prefix, row = "", None
    for level, name in items:
        want = key(name)
        row = next((r for r in rows if r.level == level and (r.code or "").startswith(prefix)
                    and (key(r.name_zh) in (want, want + "支出") or key(r.name_zh).removesuffix("支出") == want)), None)
        if row is None:
            return None
        prefix = row.code
    return row


def item_restatements(data) -> list[tuple[int | None, Finding]]:
    """Each item's amount and actual against table 05's figure for the item, with the seq of the prose figure each
    restates (so that a rate computed from a misstated actual follows from it)."""
    t05 = data["t05_general_budget"]
    rows = list(t05[t05.column == "total"].itertuples())
    prose = list(data["prose_numbers"].itertuples())
    out = []
    for item in data["report"].get("items", []):
        path = [("class", item["class_zh"]), ("subclass", item["kuan_zh"]), ("item", item["xiang_zh"])]
        name = "›".join(n for _, n in path)
        row = _row(rows, path)
        figures = [(what, Decimal(item[what]), item[f"{what}_line"]) for what in ("amount", "actual") if item.get(what)]
        if row is None:
            if len(figures) == 2 and figures[0][1] != figures[1][1]:  # no table to tell: the two must agree
                (_, amount, line), (_, actual, actual_line) = figures
                out.append((_seq(prose, "actual", actual, actual_line), stated(
                    f"prose.item.{item['line']}.twice", "prose", f"The item {name} is stated alike twice",
                    f"{item['xiang_zh']}（项）前后所列金额一致", f"prose line {actual_line}", amount, actual,
                    note=f"«{item['quote']}»; the item is stated as {amount} and as {actual} 万元")))
            continue
        first = None
        for what, value, line in figures:
            metric = "actual" if what == "actual" else "amount"
            finding = stated(
                f"prose.item.{item['line']}.{what}", "prose", f"The explanation of table 05 restates item {row.code} "
                f"{row.name_zh} ({'决算数' if what == 'actual' else 'amount'})",
                f"一般公共预算财政拨款支出决算具体情况所述{row.name_zh}（{row.code}）与表05一致",
                f"prose line {line}; t05 line {int(row.line)}", row.amount_wan_yuan, value,
                note=f"«{item['quote']}»" if what == "amount" else
                f"The 决算数 of {item['xiang_zh']}（项）; «支出决算为{value}万元»",
                note_zh=f"«{item['quote']}»" if what == "amount" else f"{item['xiang_zh']}（项）的决算数；«支出决算为{value}万元»")
            if first is not None and first.status == finding.status == "mismatch" and first.found == finding.found:
                finding = follows(finding, first, "the same figure as the item's amount stated above it",
                                  "与该项目前文所列金额相同")  # one misstatement, printed twice in the item's passage
            first = first or finding
            out.append((_seq(prose, metric, value, line), finding))
    return out


def _seq(prose: list, metric: str, value: Decimal, line: int) -> int | None:
    """The prose figure an item's figure is: the same metric and value on its paragraph (the last that starts at or
    before the figure's line)."""
    metrics = (metric, "total") if metric == "amount" else (metric,)
    found = [r for r in prose if r.metric in metrics and r.value == value and r.line <= line]
    last = max((r.line for r in found), default=None)
    return next((int(r.seq) for r in found if r.line == last), None)
