"""The consistency audit (勾稽检查): identities inside, between and beyond the tables.

Each check is a small pure function over one year's data (as ``datasets.load`` returns it) yielding
``Finding``s. A difference inside the envelope that rounding to 0.01 allows is ``rounding``, outside it
``mismatch``; a share of a zero base is ``not_applicable``; a check whose inputs are absent is
``missing_data`` (never counted as ok). Differences are always shown with their size.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from decimal import ROUND_UP, Decimal

from .numbers import envelope
from .text import key
from .vocab import OF_WHICH, TEMPLATES, TOTAL_LABELS

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


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), D0)


def _lines(*lines) -> str:
    return ", ".join(sorted({str(x) for x in lines if x not in (None, "")}, key=lambda s: int(s) if s.isdigit() else 0))


# ---------------------------------------------------------------- within tables


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
                          f"收入支出决算总表{zh}合计等于各项之和", "t01", "missing_data", "no 本年…合计 or 总计 row")
            continue
        grands[side] = amounts[grand]
        parts = names[: names.index(subtotal)]
        yield compare(f"t01.{side}.parts", "within", f"Table 01 {side}: 本年合计 equals the sum of its lines",
                      f"收入支出决算总表：{subtotal}等于各项之和", f"t01 lines {_lines(*[lines[n] for n in parts])}",
                      _sum(amounts[n] for n in parts), amounts[subtotal], envelope(len(parts)))
        after = names[names.index(subtotal) + 1: names.index(grand)]
        yield compare(f"t01.{side}.grand", "within", f"Table 01 {side}: 总计 equals 本年合计 plus balances",
                      f"收入支出决算总表：{zh}{grand}等于{subtotal}加结转结余", f"t01 line {lines[grand]}",
                      _sum(amounts[n] for n in [subtotal, *after]), amounts[grand], envelope(len(after) + 1))
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
                          _sum(wide[(code, p)] for p in have), wide[(code, total)], envelope(len(have)))


def functional_tree(data) -> Iterator[Finding]:
    for name in ROW_SUMS:
        t = data[name]
        table = name[:3]
        wide = _wide(t)
        codes = [c for c in dict.fromkeys(t.code.fillna("")) if c]
        lines = dict(zip(t.code.fillna(""), t.line))
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
                              f"Table {table[1:]} {parent or '合计'} ({column}): {level}",
                              f"{table[1:]}表{parent or '合计'}（{column}）：{level}",
                              f"{table} lines {_lines(lines.get(parent), *[lines[c] for c in children])}",
                              _sum(wide[(c, column)] for c in children), wide[(parent, column)],
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
                              "below is a consequence of this one error")
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
                      "a figure of the 合计 row is lost" if set(needed) <= set(total.index) else "")
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
                          _sum(v.get(f) for f, _ in FUNDS), v["total"], envelope(3))
    subtotal = next((i for i, n in enumerate(names) if n.startswith("本年") and n.endswith("合计")), None)
    opening_at = next((i for i, n in enumerate(names) if "年初" in n), None)
    if subtotal is None:
        yield special("t04.income.parts", "within", "Table 04 income: 本年收入合计 equals the fund lines",
                      "财政拨款收入支出决算总表：本年收入合计等于各项之和", "t04", "missing_data")
        return
    yield compare("t04.income.parts", "within", "Table 04 income: 本年收入合计 equals the fund lines",
                  "财政拨款收入支出决算总表：本年收入合计等于各项之和", "t04 income side",
                  _sum(a for _, a in items[:subtotal]), items[subtotal][1], envelope(subtotal))
    if opening_at is not None:
        subs = [(n, a) for n, a in items[opening_at + 1:] if any(n.startswith(zh) for _, zh in FUNDS)]
        if subs:
            yield compare("t04.opening.parts", "within", "Table 04: 年初结转和结余 equals its fund lines",
                          "财政拨款收入支出决算总表：年初结转和结余等于各类之和", "t04 income side",
                          _sum(a for _, a in subs), items[opening_at][1], envelope(len(subs)))
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
                      f"基本支出表{code}类等于其各款之和", f"t06 lines {_lines(line, *kids.line)}",
                      _sum(kids.amount_wan_yuan), amount, envelope(len(kids)))
    for _, row in t[t.level == "total"].iterrows():
        part = classes[classes.group == row.group] if row.group != "all" else classes
        yield compare(f"t06.total.{row.group}", "within", f"Table 06: {row.name_zh} equals the sum of its classes",
                      f"基本支出表：{row.name_zh}等于各类之和", f"t06 line {row.line}",
                      _sum(part.amount_wan_yuan), row.amount_wan_yuan, envelope(len(part)))


def t09_sums(data) -> Iterator[Finding]:
    t = data["t09_three_public"]
    for basis, zh in (("budget", "预算数"), ("actual", "决算数")):
        v = dict(zip(t[t.basis == basis].item, t[t.basis == basis].amount_wan_yuan))
        line = _lines(*t.line)
        yield compare(f"t09.{basis}.vehicles", "within", f"Table 09 {basis}: vehicles = purchase + operation",
                      f"三公表{zh}：公务用车小计=购置费+运行维护费", f"t09 line {line}",
                      _sum([v.get("vehicle_purchase"), v.get("vehicle_operation")]) if "vehicle_purchase" in v else None,
                      v.get("vehicles"), envelope(2))
        yield compare(f"t09.{basis}.total", "within", f"Table 09 {basis}: total = travel abroad + vehicles + reception",
                      f"三公表{zh}：合计=因公出国+公务用车+公务接待", f"t09 line {line}",
                      _sum([v.get("outbound"), v.get("vehicles"), v.get("reception")]) if "vehicles" in v else None,
                      v.get("total"), envelope(3))


# ---------------------------------------------------------------- between tables


def _total(data, name, column="total"):
    t = data[name]
    row = t[(t.level == "total") & (t.column == column)]
    return row.amount_wan_yuan.iloc[0] if len(row) else None


def _t01(data, side, item):
    t = data["t01_summary"]
    row = t[(t.side == side) & (t.item_zh == item)]
    return row.amount_wan_yuan.iloc[0] if len(row) else None


T01_INCOME = [("一般公共预算财政拨款收入", None), ("上级补助收入", "upper_subsidy"), ("事业收入", "service"),
              ("经营收入", "operating"), ("附属单位上缴收入", "affiliated"), ("其他收入", "other")]


def between(data) -> Iterator[Finding]:
    yield compare("x.t01_t02.total", "between", "Table 01 income total equals table 02's total",
                  "总表本年收入合计=收入决算表合计", "t01, t02", _t01(data, "income", "本年收入合计"),
                  _total(data, "t02_income"))
    fiscal01 = [_t01(data, "income", n) for n in
                ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")]
    if all(v is None for v in fiscal01):
        fiscal01 = [_t01(data, "income", "财政拨款收入")]  # one line in the universities' template
    yield compare("x.t01_t02.fiscal", "between", "Table 01 fiscal appropriation lines equal table 02's 财政拨款收入",
                  "总表三项财政拨款收入之和=收入决算表财政拨款收入", "t01 lines 1-3, t02",
                  _sum(fiscal01) if any(v is not None for v in fiscal01) else None,
                  _total(data, "t02_income", "fiscal"), envelope(3))
    for item, column in T01_INCOME[1:]:
        yield compare(f"x.t01_t02.{column}", "between", f"Table 01 {item} equals table 02's column",
                      f"总表{item}=收入决算表{item}", "t01, t02", _t01(data, "income", item),
                      _total(data, "t02_income", column))
    yield compare("x.t01_t03.total", "between", "Table 01 expenditure total equals table 03's total",
                  "总表本年支出合计=支出决算表合计", "t01, t03", _t01(data, "expenditure", "本年支出合计"),
                  _total(data, "t03_expenditure"))
    t01 = data["t01_summary"]
    t03 = data["t03_expenditure"]
    for name, code in zip(t03[(t03.level == "class") & (t03.column == "total")].name_zh,
                          t03[(t03.level == "class") & (t03.column == "total")].code):
        yield compare(f"x.t01_t03.{code}", "between", f"Table 01 line {name} equals table 03 class {code}",
                      f"总表{name}=支出决算表{code}", "t01, t03", _t01(data, "expenditure", name),
                      t03[(t03.code == code) & (t03.column == "total")].amount_wan_yuan.iloc[0])
    spend = t01[t01.side == "expenditure"]
    subtotal_line = spend[spend.item_zh.str.startswith("本年")].line
    nonzero = spend[spend.amount_wan_yuan.map(lambda v: v is not None and v != 0)
                    & (spend.line < (subtotal_line.iloc[0] if len(subtotal_line) else 0))]
    missing = sorted(set(nonzero.item_zh) - set(t03.name_zh))
    if missing:
        yield special("x.t01_t03.functions", "between", "Every non-zero function line of table 01 is in table 03",
                      "总表各功能支出均见于支出决算表", "t01, t03", "mismatch", "not in table 03: " + "、".join(missing))
    t04 = data["t04_fiscal_summary"]
    t04_income = t04[(t04.side == "income") & t04.item_zh.str.startswith("本年")].amount_wan_yuan
    yield compare("x.t02_t04.fiscal", "between", "Table 02 fiscal appropriations equal table 04 income",
                  "收入决算表财政拨款收入=财政拨款总表本年收入合计", "t02, t04", _total(data, "t02_income", "fiscal"),
                  t04_income.iloc[0] if len(t04_income) else None)
    general = t04[(t04.side == "expenditure") & t04.item_zh.str.startswith("本年") & (t04.column == "general_budget")]
    yield compare("x.t04_t05.total", "between", "Table 04 general-budget expenditure equals table 05's total",
                  "财政拨款总表一般公共预算支出=一般公共预算支出表合计", "t04, t05",
                  general.amount_wan_yuan.iloc[0] if len(general) else None, _total(data, "t05_general_budget"))
    t05 = data["t05_general_budget"]
    for name, code in zip(t05[(t05.level == "class") & (t05.column == "total")].name_zh,
                          t05[(t05.level == "class") & (t05.column == "total")].code):
        row = t04[(t04.side == "expenditure") & (t04.item_zh == name) & (t04.column == "general_budget")]
        yield compare(f"x.t04_t05.{code}", "between", f"Table 04 line {name} equals table 05 class {code}",
                      f"财政拨款总表{name}=一般公共预算支出表{code}", "t04, t05",
                      row.amount_wan_yuan.iloc[0] if len(row) else None,
                      t05[(t05.code == code) & (t05.column == "total")].amount_wan_yuan.iloc[0])
    t06 = data["t06_basic_economic"]
    yield compare("x.t05_t06.basic", "between", "Table 05 basic expenditure equals table 06 (人员经费 + 公用经费)",
                  "一般公共预算支出表基本支出=基本支出表人员经费+公用经费", "t05, t06",
                  _total(data, "t05_general_budget", "basic"), _sum(t06[t06.level == "class"].amount_wan_yuan),
                  envelope(len(t06[t06.level == "class"])))
    stated = t06[t06.level == "total"]
    if len(stated):
        yield compare("x.t05_t06.stated", "between", "Table 05 basic expenditure equals table 06's stated totals",
                      "一般公共预算支出表基本支出=基本支出表人员经费合计+公用经费合计", "t05, t06",
                      _total(data, "t05_general_budget", "basic"), _sum(stated.amount_wan_yuan), envelope(len(stated)))
    yield from _t03_t05(data)
    yield from _t06_t09(data)
    yield from _projects_t03(data)


def _t03_t05(data) -> Iterator[Finding]:
    all_general = (_total(data, "t02_income", "fiscal") == _total(data, "t02_income")) and all(
        v in (None, D0) for v in [_total(data, "t07_gov_fund", "expenditure"), _total(data, "t08_state_capital")])
    for column in ("total", "basic", "project"):
        if not all_general:
            yield special(f"x.t03_t05.{column}", "between", f"Table 03 equals table 05 ({column})",
                          f"支出决算表=一般公共预算支出表（{column}）", "t03, t05", "not_applicable",
                          "not all income is general-budget appropriation")
            continue
        yield compare(f"x.t03_t05.{column}", "between",
                      f"All income is general-budget appropriation, so table 03 equals table 05 ({column})",
                      f"收入全部为一般公共预算拨款：支出决算表=一般公共预算支出表（{column}）", "t03, t05",
                      _total(data, "t03_expenditure", column), _total(data, "t05_general_budget", column))


T06_T09 = [("30212", "outbound"), ("30217", "reception"), ("30231", "vehicle_operation"), ("31013", "vehicle_purchase")]


def _t06_t09(data) -> Iterator[Finding]:
    t06 = data["t06_basic_economic"]
    t09 = data["t09_three_public"]
    for code, item in T06_T09:
        row = t06[t06.code == code]
        actual = t09[(t09.basis == "actual") & (t09.item == item)]
        title = f"Table 06 item {code} does not exceed the 三公 actual ({item}) of table 09"
        zh = f"基本支出表{code}不超过三公表决算数"
        if row.empty or actual.empty:
            yield special(f"x.t06_t09.{code}", "between", title, zh, "t06, t09", "missing_data")
            continue
        basic, total = row.amount_wan_yuan.iloc[0], actual.amount_wan_yuan.iloc[0]
        status = "ok" if basic <= total else "mismatch"
        yield Finding(f"x.t06_t09.{code}", "between", title, zh, f"t06 line {row.line.iloc[0]}, t09",
                      total, basic, basic - total, D0, status,
                      "三公 actuals also cover project funds, so table 06 may be lower, never higher")


def _projects_t03(data) -> Iterator[Finding]:
    p = data["projects"]
    project = _total(data, "t03_expenditure", "project")
    if p.empty:
        yield special("x.projects_t03", "between", "The project list sums to table 03's project expenditure",
                      "项目支出明细合计=支出决算表项目支出", "projects, t03", "missing_data", "no project list")
        return
    listed = _sum(p.amount_yuan) / 10000
    yield compare("x.projects_t03", "between", "The project list (元) sums to table 03's project expenditure (万元)",
                  "项目支出明细合计=支出决算表项目支出", f"projects lines {_lines(p.line.min(), p.line.max())}, t03",
                  project, listed, HALF, "the list is in 元; table 03 rounds to 0.01 万元")
    st = data["stated_totals"]
    stated = st[(st.dataset == "projects")]
    if len(stated):
        yield compare("projects.total", "within", "The project list's 合计 equals the sum of its rows",
                      "项目支出明细：合计等于各项之和", f"projects line {stated.line.iloc[0]}",
                      _sum(p.amount_yuan), stated.value.iloc[0])


# ---------------------------------------------------------------- prose against tables


def _names(data) -> dict[str, dict[str, tuple[Decimal, str]]]:
    """Figures a prose subject may name, by context: name -> (amount, source)."""
    t02, t03, t05, t06, t09 = (data[n] for n in ("t02_income", "t03_expenditure", "t05_general_budget",
                                                 "t06_basic_economic", "t09_three_public"))
    common: dict[str, tuple[Decimal, str]] = {}
    for t, table in ((t02, "t02"), (t03, "t03")):
        for col_zh, v, line in zip(t[t.level == "total"].column_zh, t[t.level == "total"].amount_wan_yuan,
                                   t[t.level == "total"].line):
            common[key(col_zh)] = (v, f"{table} line {line}")
    common["收入合计"] = common.get("本年收入合计", (None, ""))
    common["支出合计"] = common.get("本年支出合计", (None, ""))
    common["总支出"] = common["支出合计"]
    t01 = data["t01_summary"]
    total_row = t01[(t01.side == "income") & (t01.item_zh == "总计")]
    if len(total_row):
        common["收支总计"] = (total_row.amount_wan_yuan.iloc[0], f"t01 line {total_row.line.iloc[0]}")
        common["收入支出总计"] = common["收支总计"]
    t04 = data["t04_fiscal_summary"]
    fiscal = t04[(t04.side == "income") & (t04.item_zh == "总计")]
    if len(fiscal):
        common["财政拨款收支总计"] = (fiscal.amount_wan_yuan.iloc[0], f"t04 line {fiscal.line.iloc[0]}")
        common["财政拨款收入支出总计"] = common["财政拨款收支总计"]
        common["财政拨款支出"] = (_total(data, "t05_general_budget"), "t05 合计")
    for name, v, line in zip(t05[(t05.level == "class") & (t05.column == "total")].name_zh,
                             t05[(t05.level == "class") & (t05.column == "total")].amount_wan_yuan, t05.line):
        common[name] = (v, f"t05 line {line}")
    for name, v, line in zip(t06[t06.level != "total"].name_zh, t06[t06.level != "total"].amount_wan_yuan,
                             t06[t06.level != "total"].line):
        common.setdefault(key(name), (v, f"t06 line {line}"))
    for group, zh in (("personnel", "人员经费"), ("public", "公用经费")):
        part = t06[(t06.level == "class") & (t06.group == group)]
        common[zh] = (_sum(part.amount_wan_yuan), "t06 classes")
    common["基本支出"] = (_total(data, "t05_general_budget", "basic"), "t05 合计")
    common["一般公共预算财政拨款基本支出"] = common["基本支出"]
    common["项目支出"] = (_total(data, "t03_expenditure", "project"), "t03 合计")
    gov = {"年初结转和结余": "opening_balance", "年末结转和结余": "closing_balance", "支出": "expenditure",
           "基本支出": "basic", "项目支出": "project"}
    fund = {k: (_total(data, "t07_gov_fund", c), "t07 合计") for k, c in gov.items()}
    fund["政府性基金预算财政拨款收入"] = (_total(data, "t07_gov_fund", "income"), "t07 合计")
    capital = {k: (_total(data, "t08_state_capital", c if c != "expenditure" else "total"), "t08 合计")
               for k, c in gov.items() if c in ("expenditure", "basic", "project")}
    three = {}
    for basis in ("budget", "actual"):
        rows = t09[t09.basis == basis]
        three[basis] = {i: (v, f"t09 line {ln}") for i, v, ln in zip(rows.item, rows.amount_wan_yuan, rows.line)}
    return {"common": common, "gov_fund": fund, "state_capital": capital, "three": three,
            "unit": key(data["report"].get("unit_zh", ""))}


def _context(section: str) -> str:
    if "政府性基金" in section:
        return "gov_fund"
    if "国有资本" in section:
        return "state_capital"
    if "三公" in section:
        return "three"
    return "common"


THREE_ITEMS = [("购置费及运行维护费|购置及运行维护", "vehicles"), ("购置费", "vehicle_purchase"),
               ("运行维护费", "vehicle_operation"), ("因公出国", "outbound"), ("公务接待", "reception"), ("三公", "total")]


_LEAD = re.compile(r"^(本部门|本单位|我单位|我中心)?(\d{4}年度?)?(其中|主要包括|包括|主要用于|开支|共|整体支出)*")


def subject_key(subject: str) -> str:
    """A prose subject reduced to the name it restates: no year, no leading 其中/主要包括, no 、."""
    return _LEAD.sub("", key(subject or "").replace("、", ""))


def _lookup(names: dict, section: str, subject: str):
    context = _context(section)
    if context == "three":
        return None
    table = dict(names[context])
    if context == "common" and "基本支出" not in section:
        table = {k: v for k, v in table.items() if not v[1].startswith("t06 line")}  # items only where basic is meant
    name = subject_key(subject)
    if names["unit"] and names["unit"] in name:
        name = subject_key(name.split(names["unit"], 1)[1])  # 上海市普陀区财政局2024年度收入支出总计
    value = table.get(name)
    return (name, value) if value is not None and value[0] is not None else None


def prose_amounts(data) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    names = _names(data)
    for _, r in prose[prose.metric.isin(["total", "amount"]) & (prose.unit == "万元")].iterrows():
        hit = _lookup(names, r.section_zh or "", r.subject_zh)
        if hit is None:
            continue
        name, (value, source) = hit
        yield compare(f"prose.amount.{r.line}.{r.seq}", "prose", f"The prose restates {name}",
                      f"情况说明所述{name}与表一致", f"prose line {r.line}; {source}", value, r.value,
                      note=f"«{r.quote_zh}»")
    yield from _budget_lines(data, names)
    yield from _three_public_prose(data, names)


def _budget_lines(data, names) -> Iterator[Finding]:
    """Sentences like 基本支出年初预算数为 X 万元，支出决算数为 Y 万元: Y restates the table's figure."""
    prose = data["prose_numbers"]
    for line, group in prose[prose.unit == "万元"].groupby("line", sort=False):
        rows = list(group.itertuples())
        first = next((r for r in rows if r.metric == "budget"), None)
        if first is None or "三公" in (first.section_zh or ""):
            continue
        name = re.sub(r"(年初|全年)?预算(数|金额)?$", "", subject_key(first.subject_zh))
        hit = _lookup(names, first.section_zh or "", name)
        if hit is None:
            continue
        for r in rows:
            if r.metric == "actual":
                yield compare(f"prose.actual.{line}.{r.seq}", "prose", f"The prose restates {hit[0]} (决算数)",
                              f"情况说明所述{hit[0]}决算数与表一致", f"prose line {line}; {hit[1][1]}", hit[1][0],
                              r.value, note=f"«{r.quote_zh}»")


def _three_item(subject: str) -> str | None:
    for pattern, item in THREE_ITEMS:
        if re.search(pattern, subject or ""):
            return item
    return None


def _three_public_prose(data, names) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    rows = prose[prose.section_zh.fillna("").str.contains("三公") & prose.metric.isin(["budget", "actual"])
                 & (prose.unit == "万元")]
    for line, group in rows.groupby("line", sort=False):
        first = group.subject_zh.iloc[0]
        item = _three_item(first)
        if item is None:
            continue
        for _, r in group.iterrows():
            basis = "budget" if r.metric == "budget" else "actual"
            table = names["three"][basis].get(item)
            if table is None:
                continue
            yield compare(f"prose.three.{line}.{r.seq}", "prose", f"The 三公 paragraph restates {item} ({basis})",
                          f"三公说明{basis}数与三公表一致", f"prose line {line}; {table[1]}", table[0], r.value,
                          note=f"«{r.quote_zh}»")


def _share_tolerance(part: Decimal, whole: Decimal) -> Decimal:
    """Printed to 0.01 point (±0.005) plus what rounding of both amounts to 0.01 can move the share."""
    return (HALF + 100 * HALF * (1 / whole + abs(part) / (whole * whole))).quantize(Decimal("0.0001"), ROUND_UP)


def prose_shares(data) -> Iterator[Finding]:
    """A stated share against its base: the base the sentence names (占基本支出的…), else the section's first
    total (or first amount), which is how the 情况说明 introduce a breakdown."""
    prose = data["prose_numbers"]
    names = _names(data)
    sections = prose.section_zh.fillna("")
    for section in dict.fromkeys(sections):
        rows = list(prose[sections == section].itertuples())
        for i, r in enumerate(rows):
            if r.metric != "share" or "采购" in section:
                continue
            part = next((p for p in reversed(rows[:i]) if p.metric in ("amount", "total", "actual")
                         and p.unit == "万元" and p.line == r.line), None)
            if part is None:
                continue  # a share of something the sentence gives no amount for (a narrative statistic)
            base_name = re.search(r"占(.+?)的", key(r.subject_zh or "") + "的")
            if base_name and base_name.group(1) not in ("", "比"):
                hit = _lookup(names, section, base_name.group(1))
                if hit is None:
                    yield special(f"prose.share.{r.line}.{r.seq}", "prose", "A stated share against its base",
                                  "情况说明所述占比", f"prose line {r.line}", "missing_data",
                                  f"base «{base_name.group(1)}» names no table figure; «{r.quote_zh}»", found=r.value)
                    continue
                whole, where = hit[1][0], hit[1][1]
            else:
                first = next((p for p in rows[:i] if p.metric == "total" and p.unit == "万元"), None) or \
                    next((p for p in rows[:i] if p.metric in ("amount", "total") and p.unit == "万元"), None)
                if first is None or first is part:
                    yield special(f"prose.share.{r.line}.{r.seq}", "prose", "A stated share against its base",
                                  "情况说明所述占比", f"prose line {r.line}", "missing_data",
                                  f"no base in the section; «{r.quote_zh}»", found=r.value)
                    continue
                whole, where = first.value, f"prose line {first.line}"
            if whole == 0:
                yield special(f"prose.share.{r.line}.{r.seq}", "prose", "A stated share of a zero base",
                              "零基数的占比", f"prose line {r.line}", "not_applicable",
                              f"the report states {r.value}% of zero; «{r.quote_zh}»", found=r.value)
                continue
            expected = (part.value * 100 / whole).quantize(Decimal("0.01"))
            yield compare(f"prose.share.{r.line}.{r.seq}", "prose",
                          f"Stated share of {part.subject_zh} is its amount over the base",
                          f"{part.subject_zh}占比=金额/基数", f"prose line {r.line}; base {where}", expected, r.value,
                          _share_tolerance(part.value, whole), f"«{r.quote_zh}»")


def prose_changes(data) -> Iterator[Finding]:
    """Year-on-year changes: the percentage follows from the amounts, and implied prior years agree."""
    prose = data["prose_numbers"]
    priors = []
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "change_amount":
                continue
            current = next((p for p in reversed(rows[:i]) if p.metric in ("total", "actual", "amount")
                            and p.unit == r.unit), None)
            pct = next((p for p in rows[i + 1:] if p.metric == "change_pct"), None)
            if current is None:
                yield special(f"prose.change.{line}.{r.seq}", "prose", "A stated change against its current figure",
                              "同比变动", f"prose line {line}", "missing_data", f"«{r.quote_zh}»")
                continue
            signed = r.value if r.direction == "increase" else -r.value
            prior = current.value - signed
            first = next((p for p in rows if p.metric != "year" and p.unit == r.unit), current)
            priors.append((subject_key(first.subject_zh), prior, line, r.section_zh))
            if pct is None:
                continue
            if prior == 0:
                yield special(f"prose.change_pct.{line}.{r.seq}", "prose", "A change in percent of a zero prior year",
                              "上年为零的变动率", f"prose line {line}", "not_applicable", f"«{pct.quote_zh}»")
                continue
            expected = (abs(signed) * 100 / prior).quantize(Decimal("0.01"))
            yield compare(f"prose.change_pct.{line}.{r.seq}", "prose",
                          "The stated change in percent follows from the amounts", "变动率=变动额/上年数",
                          f"prose line {line}", expected, pct.value, _share_tolerance(abs(signed), prior),
                          f"prior year implied {prior}; «{pct.quote_zh}»")
    # the same prior-year figure, implied in different places
    by_value: dict[Decimal, list] = {}
    for subject, prior, line, section in priors:
        by_value.setdefault(subject, []).append((prior, line))
    for subject, found in by_value.items():
        values = {p for p, _ in found}
        if len(found) > 1:
            status = "ok" if len(values) == 1 else "mismatch"
            yield Finding(f"prose.prior.{subject}", "prose", f"Prior-year {subject} implied in different places agree",
                          f"各处隐含的上年{subject}一致", "prose lines " + _lines(*[ln for _, ln in found]),
                          found[0][0], max(values, key=lambda v: abs(v - found[0][0])),
                          max(values) - min(values), D0, status)
    yield from _three_prior(data, priors)


def _three_prior(data, priors) -> Iterator[Finding]:
    base = data["performance_base"]
    year = data["report"]["year"]
    row = base[(base.item_zh == "三公经费") & (base.column_zh == f"{year - 1}年决算数")]
    implied = [p for s, p, ln, sec in priors if "三公" in (sec or "") and "三公" in s]
    if row.empty or not implied:
        return
    yield compare("prose.prior.three_public", "prose", "Prior-year 三公 implied by the prose equals the base-data table",
                  "情况说明隐含的上年三公经费=绩效基础数据表上年决算数", f"performance_base line {row.line.iloc[0]}",
                  row.value.iloc[0], implied[0])


def prose_execution(data) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "execution_rate":
                continue
            budget = next((p for p in reversed(rows[:i]) if p.metric == "budget" and p.unit == "万元"), None)
            actual = next((p for p in reversed(rows[:i]) if p.metric == "actual" and p.unit == "万元"), None)
            if budget is None or actual is None:
                continue
            if budget.value == 0:
                yield special(f"prose.execution.{line}.{r.seq}", "prose", "An execution rate of a zero budget",
                              "零预算的执行率", f"prose line {line}", "not_applicable",
                              f"the report states {r.value}% of a zero budget; «{r.quote_zh}»", found=r.value)
                continue
            expected = (actual.value * 100 / budget.value).quantize(Decimal("0.01"))
            yield compare(f"prose.execution.{line}.{r.seq}", "prose", "The execution rate is actual over budget",
                          "预算完成率=决算数/预算数", f"prose line {line}", expected, r.value,
                          _share_tolerance(actual.value, budget.value), f"«{r.quote_zh}»")


RELATION = {"greater": lambda a, b: a > b, "less": lambda a, b: a < b, "equal": lambda a, b: a == b}


def prose_words(data) -> Iterator[Finding]:
    """增加/减少/持平 and 大于/小于/等于 against the numbers beside them."""
    prose = data["prose_numbers"]
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for r in rows:
            if r.metric != "comparison":
                continue
            left, right = (r.subject_zh or "/").split("/", 1)
            title = f"«{r.quote_zh}» agrees with the figures"
            if "预算" in right:
                budget = next((p for p in rows if p.metric == "budget" and p.unit == "万元"), None)
                actual = next((p for p in rows if p.metric == "actual" and p.unit == "万元"), None)
                if budget is None or actual is None:
                    yield special(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致",
                                  f"prose line {line}", "missing_data", "no budget and actual in the sentence")
                    continue
                ok = RELATION[r.direction](actual.value, budget.value)
                yield Finding(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致", f"prose line {line}",
                              r.direction, f"决算 {actual.value} vs 预算 {budget.value}", actual.value - budget.value,
                              D0, "ok" if ok else "mismatch")
            else:
                change = next((p for p in rows if p.metric == "change_amount"), None)
                if change is None:
                    yield special(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致",
                                  f"prose line {line}", "missing_data", "the sentence states no prior-year figure")
                    continue
                signed = change.value if change.direction == "increase" else -change.value
                ok = RELATION[r.direction](signed, D0)
                yield Finding(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致", f"prose line {line}",
                              r.direction, f"change {signed}", signed, D0, "ok" if ok else "mismatch")
    for _, r in prose[prose.metric.isin(["change_amount", "change_pct"])].iterrows():
        if r.value == 0 and r.direction:
            yield special(f"prose.word.zero.{r.line}.{r.seq}", "prose", "A change of zero is called an increase or decrease",
                          "零变动却称增减", f"prose line {r.line}", "mismatch", f"«{r.quote_zh}»")


def staff(data) -> Iterator[Finding]:
    prose = data["prose_numbers"]
    rows = prose[prose.metric == "staff_count"]
    for line, group in rows.groupby("line", sort=False):
        values = list(group.itertuples())
        if len(values) >= 3 and "其中" in (values[1].quote_zh or ""):
            yield compare(f"staff.parts.{line}", "prose", "Staff: the parts add up to the stated total",
                          "人员：各类人数之和等于总人数", f"prose line {line}", _sum(v.value for v in values[1:]),
                          values[0].value, note=" + ".join(f"{v.subject_zh} {v.value}" for v in values[1:]))
    base = data["performance_base"]
    in_post = base[base.column_zh.str.contains("实际在职")]
    stated = rows[rows.subject_zh.fillna("").str.contains("在职")]
    if len(in_post) and len(stated):
        yield compare("staff.in_post", "prose", "Staff in post: prose against the base-data table",
                      "实有在职人数：情况说明与绩效基础数据表", f"prose line {stated.line.iloc[0]}; performance_base line "
                      f"{in_post.line.iloc[0]}", in_post.value.iloc[0], stated.value.iloc[0])


# ---------------------------------------------------------------- procurement


def _proc(data, metric, category):
    p = data["procurement"]
    row = p[(p.metric == metric) & (p.category == category)]
    return row.iloc[0] if len(row) else None


def procurement(data) -> Iterator[Finding]:
    total = _proc(data, "purchases", "all")
    cats = [_proc(data, "purchases", c) for c in ("goods", "works", "services")]
    if total is None:
        yield special("proc.total", "procurement", "Procurement figures", "政府采购", "prose", "missing_data",
                      "the report states no procurement total")
        return
    amounts = [c.amount_wan_yuan for c in cats if c is not None]
    yield compare("proc.categories", "procurement", "Goods + works + services = procurement total",
                  "货物+工程+服务=政府采购支出总额", f"prose line {total.line}",
                  _sum(amounts) if len(amounts) == 3 else None, total.amount_wan_yuan, envelope(3))
    for metric, base in (("sme_awarded", total), ("small_micro_awarded", _proc(data, "sme_awarded", "all"))):
        r = _proc(data, metric, "all")
        if r is None or base is None or r.share_pct is None:
            continue
        if base.amount_wan_yuan == 0:
            yield special(f"proc.share.{metric}", "procurement", f"{metric} share of a zero base", "零基数占比",
                          f"prose line {r.line}", "not_applicable", f"the report states {r.share_pct}%")
            continue
        yield compare(f"proc.share.{metric}", "procurement", f"The stated {metric} share is its amount over its base",
                      "中小企业（小微企业）占比=合同金额/基数", f"prose line {r.line}",
                      (r.amount_wan_yuan * 100 / base.amount_wan_yuan).quantize(Decimal("0.01")), r.share_pct,
                      _share_tolerance(r.amount_wan_yuan, base.amount_wan_yuan))
    implied, tol, usable = D0, HALF, True
    for category, cat in zip(("goods", "works", "services"), cats):
        share = _proc(data, "sme_awarded", category)
        if cat is None or share is None or share.share_pct is None:
            usable = False
            continue
        if cat.amount_wan_yuan == 0:
            yield special(f"proc.share.sme.{category}", "procurement", f"SME share of {category}: a zero base",
                          f"{category}中小企业占比：零基数", f"prose line {share.line}", "not_applicable",
                          f"the report states {share.share_pct}% of 0.00 万元", found=share.share_pct)
            continue
        implied += cat.amount_wan_yuan * share.share_pct / 100
        tol += cat.amount_wan_yuan * HALF / 100 + share.share_pct / 100 * HALF
    sme = _proc(data, "sme_awarded", "all")
    if usable and sme is not None and sme.amount_wan_yuan is not None:
        yield compare("proc.sme.implied", "procurement",
                      "Amounts implied by the per-category SME shares add up to the SME total",
                      "按各类占比推算的中小企业合同金额之和=中小企业合同金额", f"prose line {sme.line}",
                      implied.quantize(Decimal("0.01")), sme.amount_wan_yuan, tol.quantize(Decimal("0.01")))
    base = data["performance_base"]
    year = data["report"]["year"]
    row = base[(base.item_zh == "政府采购金额") & (base.column_zh == f"{year}年决算数")]
    if len(row):
        yield compare("proc.base_table", "procurement", "Procurement in the prose equals the base-data table",
                      "政府采购支出总额=绩效基础数据表政府采购金额", f"prose line {total.line}; performance_base line "
                      f"{row.line.iloc[0]}", row.value.iloc[0], total.amount_wan_yuan)


# ---------------------------------------------------------------- performance


def performance(data) -> Iterator[Finding]:
    ind = data["performance_indicators"]
    if ind.empty:
        yield special("perf", "performance", "Performance self-evaluation", "绩效自评", "annex", "missing_data",
                      "the report has no 绩效自评表")
        return
    pb = data["performance_budget"]
    row = pb[pb.row_zh.str.endswith("年度资金总额")]
    b = dict(zip(row.column, row.value))
    st = data["stated_totals"]
    stated = dict(zip(st[st.dataset == "performance_indicators"].measure, st[st.dataset == "performance_indicators"].value))
    weights = _sum(ind.weight_points) + b.get("weight", D0)
    yield compare("perf.weights", "performance", "Weights total 100", "分值合计为100", "performance",
                  Decimal(100), weights)
    if "weight_points" in stated:
        yield compare("perf.weights.stated", "performance", "The stated weight total equals the sum of the weights",
                      "总分行分值=各项分值之和", "performance 总分 row", weights, stated["weight_points"])
    over = ind[ind.score_points > ind.weight_points]
    yield Finding("perf.score_le_weight", "performance", "No score exceeds its weight", "得分不超过分值",
                  "performance", Decimal(0), Decimal(len(over)), Decimal(len(over)), D0,
                  "ok" if over.empty else "mismatch", ", ".join(f"line {x}" for x in over.line))
    for name in dict.fromkeys(ind.level1_zh):
        part = ind[ind.level1_zh == name]
        points = part.level1_points_stated.iloc[0]
        yield compare(f"perf.dimension.{name}", "performance", f"{name}: the rows' weights equal its stated points",
                      f"{name}：各指标分值之和=标注分值", f"performance lines {_lines(part.line.min(), part.line.max())}",
                      points, _sum(part.weight_points),
                      note=f"{len(part)} indicators; a row may sit under the wrong dimension in the conversion")
    recomputed = _sum(ind.score_points) + b.get("score", D0)
    if "score_points" in stated:
        yield compare("perf.total", "performance", "The stated total score equals the sum of the scores",
                      "总分=各项得分之和", "performance 总分 row", recomputed, stated["score_points"])
    prose = data["prose_numbers"]
    for _, r in prose[prose.metric == "score"].iterrows():
        yield compare(f"perf.prose.{r.line}", "performance", "The score the prose states equals the table's",
                      "文字所述自评得分=自评表总分", f"prose line {r.line}", stated.get("score_points", recomputed),
                      r.value, note=f"«{r.quote_zh}»")
    if {"rate", "weight", "score"} <= set(b):
        yield compare("perf.budget.score", "performance", "Budget-execution score = rate × weight",
                      "预算执行得分=执行率×分值", f"performance line {row.line.iloc[0]}",
                      (b["rate"] * b["weight"]).quantize(Decimal("0.01")), b["score"], HALF)
    if {"rate", "executed", "full_year_budget"} <= set(b) and b["full_year_budget"]:
        places = Decimal(1).scaleb(b["rate"].as_tuple().exponent)
        yield compare("perf.budget.rate", "performance", "Execution rate = executed / full-year budget",
                      "执行率=全年执行数/全年预算数", f"performance line {row.line.iloc[0]}",
                      (b["executed"] / b["full_year_budget"]).quantize(places), b["rate"], places,
                      "compared at the precision the table prints; a printed rate may be truncated, not rounded")
    if "executed" in b:
        yield compare("perf.budget.executed", "performance", "全年执行数 equals table 03's total expenditure",
                      "全年执行数=支出决算表合计", f"performance line {row.line.iloc[0]}; t03",
                      _total(data, "t03_expenditure"), b["executed"])


# ---------------------------------------------------------------- identity


def identity(data) -> Iterator[Finding]:
    report = data["report"]
    year = report["year"]
    yield compare("id.year", "identity", "The report's stated year is the year ingested", "报告年度一致", "cover",
                  Decimal(year), Decimal(report["year_stated"]) if report.get("year_stated") else None)
    prose = data["prose_numbers"]
    for _, r in prose[(prose.metric == "year") & prose.quote_zh.str.contains("截至|截止")].iterrows():
        yield compare(f"id.year.{r.line}", "identity", "A 截至 date names the report's year", "截至日期年度一致",
                      f"prose line {r.line}", Decimal(year), r.value, note=f"«{r.quote_zh}»")
    names = {t: v.get("unit_name_zh", "") for t, v in report["tables"].items()}
    odd = {t: n for t, n in names.items() if n and n != report["unit_zh"]}
    yield Finding("id.unit", "identity", "Every table names the same unit", "各表编制单位一致",
                  ", ".join(sorted(names)), report["unit_zh"], next(iter(odd.values()), report["unit_zh"]), None, D0,
                  "mismatch" if odd else "ok", "; ".join(f"{t}: {n}" for t, n in odd.items()))


CHECKS = [t01_balance, functional_rows, functional_tree, shifted_rows, t07_carry_over, t04_identities, t06_composition, t09_sums,
          between, prose_amounts, prose_shares, prose_changes, prose_execution, prose_words, staff, procurement,
          performance, identity]


def run(data) -> list[Finding]:
    from .datasets import zero_blanks

    data = zero_blanks(data)  # blank table cells count as zero in the identities
    findings = []
    for check in CHECKS:
        findings.extend(check(data))
    unread = [special(f"unread.{u['table']}", "identity", f"Table {u['table']} ({u['title_zh']}) was not read",
                      f"{u['title_zh']}未能读取", f"{u['table']} line {u['line'] or '-'}", "missing_data", u["reason"])
              for u in data["report"].get("unread", [])]
    return unread + [_unavailable(f, data["report"]) for f in findings]


_TABLE_KEY = re.compile(r"(?<![a-z0-9])(t0[1-9]|u04)(?![0-9])")


def _unavailable(finding: Finding, report: dict) -> Finding:
    """A check that lacks data because its table is not in the report's template is not applicable; one whose table
    was left unread (ingest --partial) says so."""
    if finding.status != "missing_data":
        return finding
    template = report.get("template", {}).get("id", "national")
    tables = set(_TABLE_KEY.findall(f"{finding.id} {finding.sources}"))
    absent = sorted(t for t in tables if t not in TEMPLATES[template]["tables"])
    unread = {u["table"]: u["reason"] for u in report.get("unread", [])}
    if absent:
        note = f"the {TEMPLATES[template]['name_en']} template has no table {', '.join(absent)}"
        return replace(finding, status="not_applicable", note=note)
    if tables & unread.keys():
        table = sorted(tables & unread.keys())[0]
        return replace(finding, note=f"table {table} was not read: {unread[table]}")
    return finding


def counts(findings) -> dict[str, int]:
    return {s: sum(f.status == s for f in findings) for s in STATUSES}


FAMILIES = {"within": "within a table", "between": "between tables", "prose": "prose against tables",
            "procurement": "procurement", "performance": "performance", "identity": "year and unit"}


def status_table(findings):
    """Counts by family (rows) and status (columns)."""
    import pandas as pd

    rows = []
    for family, label in FAMILIES.items():
        part = [f for f in findings if f.family == family]
        rows.append({"family": label, **{s: sum(f.status == s for f in part) for s in STATUSES}, "checks": len(part)})
    rows.append({"family": "all", **counts(findings), "checks": len(findings)})
    return pd.DataFrame(rows)


SEVERITY = {"mismatch": 0, "missing_data": 1, "not_applicable": 2, "rounding": 3, "ok": 4}


def frame(findings, *, by_severity: bool = False):
    """Findings as a table; ``by_severity`` puts mismatches first (order within a status is kept)."""
    import pandas as pd

    if by_severity:
        findings = sorted(findings, key=lambda f: SEVERITY[f.status])
    return pd.DataFrame([{
        "status": f.status, "check": f.title_en, "检查": f.title_zh, "sources": f.sources,
        "expected": "—" if f.expected is None else f.expected, "found": "—" if f.found is None else f.found,
        "difference": "—" if f.difference is None else f.difference, "tolerance": f.tolerance, "note": f.note,
        "id": f.id,
    } for f in findings])


def across_years(datas: dict[int, dict]) -> list[Finding]:
    """Reports about the same year: a later report's prior-year figures against that year's own report."""
    from . import trends

    findings = []
    for year, data in sorted(datas.items()):
        previous = datas.get(year - 1)
        if previous is None:
            continue
        mine = trends.own(previous)
        for r in trends.stated_prior(data):
            if mine.get(r["metric"]) is None:
                continue
            findings.append(compare(f"across.{year - 1}.{r['metric']}.{len(findings)}", "across",
                                    f"{year - 1} {r['metric']}: the {year} report against the {year - 1} report",
                                    f"{year}年报告所述上年数与{year - 1}年报告一致", r["source"],
                                    mine[r["metric"]], r["value"]))
    return findings
