"""Identities inside one table: totals against their parts, the code tree, carry-over, 06 and 09 sums,
and rows whose figures stand beside the wrong codes."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis.numbers import envelope
from ..data.vocab import OF_WHICH, TOTAL_LABELS
from .core import D0, Finding, compare, fsum, known_sum, line_list, special


def t01_balance(data) -> Iterator[Finding]:
    t = data["t01_summary"]
    grands = {}
    for side, zh in (("income", "收入"), ("expenditure", "支出")):
        rows = t[t.side == side].sort_values("line", kind="stable")
        names = [n for n in rows.item_zh if not OF_WHICH.match(n)]  # 其中 lines are part of the line above
        amounts = dict(zip(rows.item_zh, rows.amount_wan_yuan))
        lines = dict(zip(rows.item_zh, rows.line))
        subtotal = next((n for n in names if n.startswith("本年") and n.endswith("合计")), None)
        grand = next((n for n in TOTAL_LABELS if n in amounts), None)  # 总计, or 合计 (the universities' template)
        if subtotal is None or grand is None:
            yield special(f"t01.{side}.parts", "within", f"Table 01 {side}: the total equals its parts",
                          f"收入支出决算总表{zh}合计等于各项之和", "t01", "missing_data", "no 本年…合计 or 总计 row",
                          note_zh="表中没有“本年…合计”或“总计”行")
            continue
        grands[side] = amounts[grand]
        parts = names[: names.index(subtotal)]
        yield compare(f"t01.{side}.parts", "within", f"Table 01 {side}: 本年合计 equals the sum of its lines",
                      f"收入支出决算总表：{subtotal}等于各项之和", f"t01 lines {line_list(*[lines[n] for n in parts])}",
                      fsum(amounts[n] for n in parts), amounts[subtotal], envelope(len(parts)))
        after = names[names.index(subtotal) + 1: names.index(grand)]
        yield compare(f"t01.{side}.grand", "within", f"Table 01 {side}: 总计 equals 本年合计 plus balances",
                      f"收入支出决算总表：{zh}{grand}等于{subtotal}加结转结余", f"t01 line {lines[grand]}",
                      fsum(amounts[n] for n in [subtotal, *after]), amounts[grand], envelope(len(after) + 1))
    yield compare("t01.balance", "within", "Table 01: income total equals expenditure total",
                  "收入支出决算总表收支总计平衡", "t01 总计 both sides", grands.get("income"), grands.get("expenditure"))


ROW_SUMS = {  # dataset: (total column, part columns)
    "t02_income": ("total", ["fiscal", "upper_subsidy", "service", "operating", "affiliated", "other"]),
    "t03_expenditure": ("total", ["basic", "project", "remit_upper", "operating", "affiliated"]),
    "t05_general_budget": ("total", ["basic", "project"]),
    "t07_gov_fund": ("expenditure", ["basic", "project"]),
    "t08_state_capital": ("total", ["basic", "project"]),
    "u04_fiscal_expenditure": ("total", ["basic", "project"]),
}


def _wide(frame):
    return {(c, col): v for c, col, v in zip(frame.code.fillna(""), frame.column, frame.amount_wan_yuan)}


def functional_rows(data) -> Iterator[Finding]:
    for name, (total, parts) in ROW_SUMS.items():
        t = data[name]
        table = name[:3]
        wide = _wide(t)
        for code, line in dict(zip(t.code.fillna(""), t.line)).items():
            have = [p for p in parts if (code, p) in wide]
            if (code, total) not in wide or not have:
                continue
            yield compare(f"{table}.row.{code or 'total'}", "within",
                          f"Table {table[1:]} row {code or '合计'}: {total} equals the sum of its columns",
                          f"{table[1:]}表{code or '合计'}行：合计等于各列之和", f"{table} line {line}",
                          known_sum(wide[(code, p)] for p in have), wide[(code, total)], envelope(len(have)))


def functional_tree(data) -> Iterator[Finding]:
    for name in ROW_SUMS:
        t = data[name]
        table = name[:3]
        wide = _wide(t)
        codes = [c for c in dict.fromkeys(t.code.fillna("")) if c]
        lines = dict(zip(t.code.fillna(""), t.line))
        heads = dict(zip(t.column, t.column_zh.fillna(t.column)))  # the column as the table heads it
        for column in dict.fromkeys(t.column):
            for parent in [""] + codes:
                width = {0: 3, 3: 5, 5: 7}.get(len(parent))
                if width is None or (parent, column) not in wide:
                    continue
                children = [c for c in codes if len(c) == width and c.startswith(parent)]
                if not children:
                    continue
                level = {0: "合计 = Σ类", 3: "类 = Σ款", 5: "款 = Σ项"}[len(parent)]
                yield compare(f"{table}.tree.{parent or 'total'}.{column}", "within",
                              f"Table {table[1:]} {parent or '合计'} ({heads[column]}): {level}",
                              f"{table[1:]}表{parent or '合计'}（{heads[column]}）：{level}",
                              f"{table} lines {line_list(lines.get(parent), *[lines[c] for c in children])}",
                              known_sum(wide[(c, column)] for c in children), wide[(parent, column)],
                              envelope(len(children)))


SHIFT_PAIRS = [("t05_general_budget", "t03_expenditure"), ("u04_fiscal_expenditure", "t03_expenditure")]
SHIFT_COLUMNS = ("total", "basic", "project")
MAX_SHIFT = 5


def shifted_rows(data) -> Iterator[Finding]:
    """Rows whose figures stand beside the wrong codes: each carries exactly the figures that the reference table
    gives the code k rows away, while its own code's figures differ. One finding per run of rows shifted alike, so
    that the many tree and cross-table mismatches that follow are read as one error of layout."""
    for name, reference in SHIFT_PAIRS:
        t, r = data[name], data[reference]
        if t.empty or r.empty:
            continue
        coded = t[t.code.fillna("") != ""].sort_values("line", kind="stable")
        codes = list(dict.fromkeys(coded.code))
        lines = dict(zip(coded.code, coded.line))
        mine, theirs = _row_figures(coded), _row_figures(r[r.code.fillna("") != ""])
        shifts = []
        for i, code in enumerate(codes):
            shift = 0
            if mine.get(code) != theirs.get(code) and any(mine.get(code, ())):
                shift = next((k for k in sorted(range(-MAX_SHIFT, MAX_SHIFT + 1), key=abs)
                              if k and 0 <= i + k < len(codes) and mine[code] == theirs.get(codes[i + k])), 0)
            shifts.append(shift)
        i = 0
        while i < len(codes):
            j = i
            while j < len(codes) and shifts[j] == shifts[i]:
                j += 1
            if shifts[i] and j - i >= 2:
                k, first, last = shifts[i], codes[i], codes[j - 1]
                table, ref = name[:3], reference[:3]
                yield special(f"x.shift.{table}.{first}", "between",
                              f"Table {table[1:]} rows {first}…{last}: the figures stand {abs(k)} row(s) "
                              f"{'above' if k > 0 else 'below'} the codes they belong to",
                              f"{table[1:]}表{first}至{last}行：数字与科目代码错行{abs(k)}行",
                              f"{table} lines {lines[first]}–{lines[last]}, {ref}", "mismatch",
                              f"each of these {j - i} rows carries exactly the figures table {ref[1:]} gives the code "
                              f"{abs(k)} row(s) {'further down' if k > 0 else 'further up'} (row {first} has those of "
                              f"{codes[i + k]}): the rows are shifted against their codes, and every sum over them "
                              "below is a consequence of this one error",
                              note_zh=f"这 {j - i} 行所列的数字，恰为表{ref[1:]}中{'往下' if k > 0 else '往上'} {abs(k)} 行"
                              f"的科目代码的数字（{first} 行所列为 {codes[i + k]} 的数字）：各行数字与科目代码错开，"
                              "以下凡是涉及这些行的合计，都由这一处错误引起")
            i = j


def _row_figures(frame) -> dict[str, tuple]:
    out: dict[str, dict] = {}
    for code, column, value in zip(frame.code, frame.column, frame.amount_wan_yuan):
        if column in SHIFT_COLUMNS:
            out.setdefault(code, {})[column] = value or D0
    return {c: tuple(v.get(k, D0) for k in SHIFT_COLUMNS) for c, v in out.items()}


def t07_carry_over(data) -> Iterator[Finding]:
    t = data["t07_gov_fund"]
    total = t[t.level == "total"].set_index("column").amount_wan_yuan
    needed = ["opening_balance", "income", "expenditure", "closing_balance"]
    if not set(needed) <= set(total.index) or any(total[c] is None for c in needed):
        yield special("t07.carry_over", "within", "Table 07: opening + income − expenditure = closing",
                      "政府性基金表：年初结转+本年收入−本年支出=年末结转", "t07", "missing_data",
                      "a figure of the 合计 row is lost" if set(needed) <= set(total.index) else "",
                      note_zh="合计行有数字缺失" if set(needed) <= set(total.index) else "")
        return
    yield compare("t07.carry_over", "within", "Table 07: opening + income − expenditure = closing",
                  "政府性基金表：年初结转+本年收入−本年支出=年末结转", "t07 合计 row",
                  total["opening_balance"] + total["income"] - total["expenditure"], total["closing_balance"],
                  envelope(3))


FUNDS = [("general_budget", "一般公共预算"), ("gov_fund", "政府性基金"), ("state_capital", "国有资本经营")]


def t04_identities(data) -> Iterator[Finding]:
    t = data["t04_fiscal_summary"]
    inc = t[t.side == "income"].sort_values("line", kind="stable")
    exp = t[t.side == "expenditure"]
    items = list(zip(inc.item_zh, inc.amount_wan_yuan))  # names repeat (fund lines under 年初结转), so keep order
    names = [n for n, _ in items]
    for line, rows in exp.groupby("line_no", sort=False):
        v = dict(zip(rows.column, rows.amount_wan_yuan))
        if "total" in v and any(f in v for f, _ in FUNDS):
            yield compare(f"t04.row.{line}", "within", f"Table 04 line {line}: 合计 equals the three funds",
                          f"财政拨款收入支出决算总表第{line}行：合计等于三类财政拨款之和", f"t04 line {rows.line.iloc[0]}",
                          fsum(v.get(f) for f, _ in FUNDS), v["total"], envelope(3))
    subtotal = next((i for i, n in enumerate(names) if n.startswith("本年") and n.endswith("合计")), None)
    opening_at = next((i for i, n in enumerate(names) if "年初" in n), None)
    if subtotal is None:
        yield special("t04.income.parts", "within", "Table 04 income: 本年收入合计 equals the fund lines",
                      "财政拨款收入支出决算总表：本年收入合计等于各项之和", "t04", "missing_data")
        return
    yield compare("t04.income.parts", "within", "Table 04 income: 本年收入合计 equals the fund lines",
                  "财政拨款收入支出决算总表：本年收入合计等于各项之和", "t04 income side",
                  fsum(a for _, a in items[:subtotal]), items[subtotal][1], envelope(subtotal))
    if opening_at is not None:
        subs = [(n, a) for n, a in items[opening_at + 1:] if any(n.startswith(zh) for _, zh in FUNDS)]
        if subs:
            yield compare("t04.opening.parts", "within", "Table 04: 年初结转和结余 equals its fund lines",
                          "财政拨款收入支出决算总表：年初结转和结余等于各类之和", "t04 income side",
                          fsum(a for _, a in subs), items[opening_at][1], envelope(len(subs)))
    spent_rows = exp[exp.item_zh.str.startswith("本年")]
    closing_rows = exp[exp.item_zh.str.contains("年末")]
    spent = dict(zip(spent_rows.column, spent_rows.amount_wan_yuan))
    closing = dict(zip(closing_rows.column, closing_rows.amount_wan_yuan))
    for fund, zh in FUNDS:
        income = next((a for n, a in items[:subtotal] if n.startswith(zh)), None)
        opening = None
        if opening_at is not None:
            opening = next((a for n, a in items[opening_at + 1:] if n.startswith(zh)), None)
        values = (opening, income, spent.get(fund), closing.get(fund))
        title, title_zh = (f"Table 04 {zh}: opening + income − expenditure = closing",
                           f"财政拨款收入支出决算总表{zh}：年初结转+收入−支出=年末结转")
        if None in values:
            yield special(f"t04.carry_over.{fund}", "within", title, title_zh, "t04", "missing_data")
            continue
        yield compare(f"t04.carry_over.{fund}", "within", title, title_zh, "t04",
                      values[0] + values[1] - values[2], values[3], envelope(3))


def t06_composition(data) -> Iterator[Finding]:
    t = data["t06_basic_economic"]
    classes = t[t.level == "class"]
    items = t[t.level == "subclass"]
    for code, amount, line in zip(classes.code, classes.amount_wan_yuan, classes.line):
        kids = items[items.code.str.startswith(code)]
        yield compare(f"t06.class.{code}", "within", f"Table 06 class {code} equals the sum of its items",
                      f"基本支出表{code}类等于其各款之和", f"t06 lines {line_list(line, *kids.line)}",
                      known_sum(kids.amount_wan_yuan), amount, envelope(len(kids)))
    for _, row in t[t.level == "total"].iterrows():
        part = classes[classes.group == row.group] if row.group != "all" else classes
        yield compare(f"t06.total.{row.group}", "within", f"Table 06: {row.name_zh} equals the sum of its classes",
                      f"基本支出表：{row.name_zh}等于各类之和", f"t06 line {row.line}",
                      known_sum(part.amount_wan_yuan), row.amount_wan_yuan, envelope(len(part)))


def t09_sums(data) -> Iterator[Finding]:
    t = data["t09_three_public"]
    for basis, zh in (("budget", "预算数"), ("actual", "决算数")):
        v = dict(zip(t[t.basis == basis].item, t[t.basis == basis].amount_wan_yuan))
        line = line_list(*t.line)
        yield compare(f"t09.{basis}.vehicles", "within", f"Table 09 {basis}: vehicles = purchase + operation",
                      f"三公表{zh}：公务用车小计=购置费+运行维护费", f"t09 line {line}",
                      fsum([v.get("vehicle_purchase"), v.get("vehicle_operation")]) if "vehicle_purchase" in v else None,
                      v.get("vehicles"), envelope(2))
        yield compare(f"t09.{basis}.total", "within", f"Table 09 {basis}: total = travel abroad + vehicles + reception",
                      f"三公表{zh}：合计=因公出国+公务用车+公务接待", f"t09 line {line}",
                      fsum([v.get("outbound"), v.get("vehicles"), v.get("reception")]) if "vehicles" in v else None,
                      v.get("total"), envelope(3))
