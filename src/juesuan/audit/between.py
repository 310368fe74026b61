"""Identities between tables: the same figure stated by two tables."""

from __future__ import annotations

from collections.abc import Iterator

from ..analysis.basic import THREE_PUBLIC
from ..analysis.numbers import envelope
from .core import D0, Finding, HALF, compare, fsum, known_sum, line_list, special, t01_figure, table_total


T01_INCOME = [("一般公共预算财政拨款收入", None), ("上级补助收入", "upper_subsidy"), ("事业收入", "service"),
              ("经营收入", "operating"), ("附属单位上缴收入", "affiliated"), ("其他收入", "other")]


def _at(table: str, rows) -> str:
    """A source naming the row's line where there is one: "t03 line 160" (else the table alone)."""
    return f"{table} line {int(rows.line.iloc[0])}" if len(rows) else table


def between(data) -> Iterator[Finding]:
    yield compare("x.t01_t02.total", "between", "Table 01 income total equals table 02's total",
                  "总表本年收入合计=收入决算表合计", "t01, t02", t01_figure(data, "income", "本年收入合计"),
                  table_total(data, "t02_income"))
    fiscal01 = [t01_figure(data, "income", n) for n in
                ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")]
    if all(v is None for v in fiscal01):
        fiscal01 = [t01_figure(data, "income", "财政拨款收入")]  # one line in the universities' template
    yield compare("x.t01_t02.fiscal", "between", "Table 01 fiscal appropriation lines equal table 02's 财政拨款收入",
                  "总表三项财政拨款收入之和=收入决算表财政拨款收入", "t01 lines 1-3, t02",
                  fsum(fiscal01) if any(v is not None for v in fiscal01) else None,
                  table_total(data, "t02_income", "fiscal"), envelope(3))
    for item, column in T01_INCOME[1:]:
        yield compare(f"x.t01_t02.{column}", "between", f"Table 01 {item} equals table 02's column",
                      f"总表{item}=收入决算表{item}", "t01, t02", t01_figure(data, "income", item),
                      table_total(data, "t02_income", column))
    yield compare("x.t01_t03.total", "between", "Table 01 expenditure total equals table 03's total",
                  "总表本年支出合计=支出决算表合计", "t01, t03", t01_figure(data, "expenditure", "本年支出合计"),
                  table_total(data, "t03_expenditure"))
    t01 = data["t01_summary"]
    t03 = data["t03_expenditure"]
    for name, code in zip(t03[(t03.level == "class") & (t03.column == "total")].name_zh,
                          t03[(t03.level == "class") & (t03.column == "total")].code):
        mine = t03[(t03.code == code) & (t03.column == "total")]
        yield compare(f"x.t01_t03.{code}", "between", f"Table 01 line {name} equals table 03 class {code}",
                      f"总表{name}=支出决算表{code}",
                      f"{_at('t01', t01[(t01.side == 'expenditure') & (t01.item_zh == name)])}, {_at('t03', mine)}",
                      t01_figure(data, "expenditure", name), mine.amount_wan_yuan.iloc[0])
    spend = t01[t01.side == "expenditure"]
    subtotal_line = spend[spend.item_zh.str.startswith("本年")].line
    nonzero = spend[spend.amount_wan_yuan.map(lambda v: v is not None and v != 0)
                    & (spend.line < (subtotal_line.iloc[0] if len(subtotal_line) else 0))]
    missing = sorted(set(nonzero.item_zh) - set(t03.name_zh))
    if missing:
        yield special("x.t01_t03.functions", "between", "Every non-zero function line of table 01 is in table 03",
                      "总表各功能支出均见于支出决算表", "t01, t03", "mismatch", "not in table 03: " + "、".join(missing),
                      note_zh="支出决算表（表03）中没有：" + "、".join(missing))
    t04 = data["t04_fiscal_summary"]
    t04_income = t04[(t04.side == "income") & t04.item_zh.str.startswith("本年")].amount_wan_yuan
    yield compare("x.t02_t04.fiscal", "between", "Table 02 fiscal appropriations equal table 04 income",
                  "收入决算表财政拨款收入=财政拨款总表本年收入合计", "t02, t04", table_total(data, "t02_income", "fiscal"),
                  t04_income.iloc[0] if len(t04_income) else None)
    general = t04[(t04.side == "expenditure") & t04.item_zh.str.startswith("本年") & (t04.column == "general_budget")]
    yield compare("x.t04_t05.total", "between", "Table 04 general-budget expenditure equals table 05's total",
                  "财政拨款总表一般公共预算支出=一般公共预算支出表合计", "t04, t05",
                  general.amount_wan_yuan.iloc[0] if len(general) else None, table_total(data, "t05_general_budget"))
    t05 = data["t05_general_budget"]
    for name, code in zip(t05[(t05.level == "class") & (t05.column == "total")].name_zh,
                          t05[(t05.level == "class") & (t05.column == "total")].code):
        row = t04[(t04.side == "expenditure") & (t04.item_zh == name) & (t04.column == "general_budget")]
        mine = t05[(t05.code == code) & (t05.column == "total")]
        yield compare(f"x.t04_t05.{code}", "between", f"Table 04 line {name} equals table 05 class {code}",
                      f"财政拨款总表{name}=一般公共预算支出表{code}", f"{_at('t04', row)}, {_at('t05', mine)}",
                      row.amount_wan_yuan.iloc[0] if len(row) else None, mine.amount_wan_yuan.iloc[0])
    t06 = data["t06_basic_economic"]
    yield compare("x.t05_t06.basic", "between", "Table 05 basic expenditure equals table 06 (人员经费 + 公用经费)",
                  "一般公共预算支出表基本支出=基本支出表人员经费+公用经费", "t05, t06",
                  table_total(data, "t05_general_budget", "basic"), known_sum(t06[t06.level == "class"].amount_wan_yuan),
                  envelope(len(t06[t06.level == "class"])))
    stated = t06[t06.level == "total"]
    if len(stated):
        yield compare("x.t05_t06.stated", "between", "Table 05 basic expenditure equals table 06's stated totals",
                      "一般公共预算支出表基本支出=基本支出表人员经费合计+公用经费合计", "t05, t06",
                      table_total(data, "t05_general_budget", "basic"), known_sum(stated.amount_wan_yuan), envelope(len(stated)))
    yield from _t03_t05(data)
    yield from fund_tables(data)
    yield from _t06_t09(data)
    yield from _projects_t03(data)


def _lines(frame, side: str, pattern: str, column: str | None = None) -> list:
    """The amounts of the lines of table 01 or 04 on ``side`` whose item matches ``pattern`` (in ``column`` for table
    04's expenditure side); a line the table does not have is nil, a cell lost in conversion is None (unknown)."""
    rows = frame[(frame.side == side) & frame.item_zh.str.contains(pattern, regex=True)]
    if column is not None:
        rows = rows[rows.column == column]
    return list(rows.amount_wan_yuan)


def general_scope(data) -> tuple[bool | None, str, str]:
    """Whether all the unit spent is general-budget appropriation, decided from tables 01 and 04 (and 02, 07, 08): no
    income of any other kind, no 政府性基金 or 国有资本经营 money (table 01's or 04's fund lines), no non-fiscal balance
    used (table 01's 年初结转和结余 above table 04's fiscal one, or 使用非财政拨款结余). None when a figure it needs was
    lost in conversion (unknown, never 0); with the reason in English and Chinese."""
    t01, t04 = data["t01_summary"], data["t04_fiscal_summary"]
    other_income = r"^(?:政府性基金|国有资本经营|上级补助|事业收入|经营收入|附属单位|其他收入|使用非财政拨款结余)"
    found = {
        ("income other than general-budget appropriation (table 01)", "一般公共预算财政拨款以外的收入（表01）"):
            _lines(t01, "income", other_income),
        ("政府性基金 or 国有资本经营 money (table 04)", "政府性基金或国有资本经营预算财政拨款（表04）"):
            _lines(t04, "income", r"^[一二三四五六七八九十、]*(?:政府性基金|国有资本经营)")
            + _lines(t04, "expenditure", r"^本年支出", "gov_fund") + _lines(t04, "expenditure", r"^本年支出", "state_capital"),
    }
    if t04.empty:  # no table 04 to tell: the fund tables' own totals
        found[("政府性基金 or 国有资本经营 spending (tables 07, 08)", "政府性基金或国有资本经营预算支出（表07、表08）")] = \
            [table_total(data, "t07_gov_fund", "expenditure"), table_total(data, "t08_state_capital")]
    opening = _lines(t01, "income", r"^年初结转和结余")
    fiscal_opening = _lines(t04, "income", r"^年初")
    if opening:
        gap = None if None in opening + fiscal_opening else fsum(opening) - fsum(fiscal_opening)
        found[("a balance from earlier years that is not fiscal appropriation (table 01's 年初结转和结余 above table "
               "04's)", "非财政拨款的年初结转和结余（表01所列高于表04）")] = [None if gap is None else max(gap, D0)]
    unknown = [k for k, values in found.items() if any(v is None for v in values)]
    if unknown:
        return None, "a figure needed was lost in conversion: " + unknown[0][0], "所需数字在转换中缺失：" + unknown[0][1]
    spent = [k for k, values in found.items() if any(v != 0 for v in values)]
    if spent:
        return False, "; ".join(en for en, _ in spent), "；".join(zh for _, zh in spent)
    fiscal, income = table_total(data, "t02_income", "fiscal"), table_total(data, "t02_income")
    if fiscal is not None and income is not None and fiscal != income:
        return False, "income other than fiscal appropriation (table 02)", "财政拨款以外的收入（表02）"
    return True, "", ""


def _t03_t05(data) -> Iterator[Finding]:
    """Table 03 (all the unit spent) equals table 05 (general-budget appropriation) only when all it spent was
    general-budget appropriation: a unit that also spent other income, fund money or a non-fiscal balance spends more
    in table 03, rightly."""
    scope, why, why_zh = general_scope(data)
    for column in ("total", "basic", "project"):
        if not scope:
            status = "missing_data" if scope is None else "not_applicable"
            yield special(f"x.t03_t05.{column}", "between", f"Table 03 equals table 05 ({column})",
                          f"支出决算表=一般公共预算支出表（{COLUMN_ZH[column]}）", "t03, t05", status,
                          f"not all spending is general-budget appropriation: {why}" if scope is False else why,
                          note_zh=f"支出并非全部为一般公共预算财政拨款：{why_zh}" if scope is False else why_zh)
            continue
        yield compare(f"x.t03_t05.{column}", "between",
                      f"All income is general-budget appropriation, so table 03 equals table 05 ({column})",
                      f"收入全部为一般公共预算拨款：支出决算表=一般公共预算支出表（{COLUMN_ZH[column]}）", "t03, t05",
                      table_total(data, "t03_expenditure", column), table_total(data, "t05_general_budget", column))


COLUMN_ZH = {"total": "合计", "basic": "基本支出", "project": "项目支出"}
FUND_TABLES = [  # table 04's column, the fund table, its name and its expenditure column
    ("gov_fund", "t07_gov_fund", "政府性基金预算财政拨款", "expenditure"),
    ("state_capital", "t08_state_capital", "国有资本经营预算财政拨款", "total"),
]
FUND_FIGURES = [  # what table 04 states of a fund and the column of the fund table that states it again
    ("income", "本年收入", "income"), ("opening", "年初结转和结余", "opening_balance"),
    ("expenditure", "本年支出", None), ("closing", "年末结转和结余", "closing_balance")]


def _t04_fund(t04, fund: str, name: str, what: str):
    """Table 04's figure of one fund: its income line (the first 政府性基金… line, above 本年收入合计), its 年初 line
    (the one under 年初…结转和结余), or its column on the 本年支出合计 or 年末 line; (value, line) or None."""
    income = t04[t04.side == "income"].sort_values("line", kind="stable")
    if what in ("income", "opening"):
        items = list(zip(income.item_zh, income.amount_wan_yuan, income.line))
        start = 0 if what == "income" else next((i for i, (n, _, _) in enumerate(items) if "年初" in n), None)
        if start is None:
            return None
        return next(((v, ln) for n, v, ln in items[start:] if name in n), None)
    pattern = r"^本年支出" if what == "expenditure" else r"年末"
    line = t04[(t04.side == "expenditure") & t04.item_zh.str.contains(pattern)]
    rows = line[line.column == fund]
    if len(rows):
        return rows.amount_wan_yuan.iloc[0], rows.line.iloc[0]
    return (D0, line.line.iloc[0]) if len(line) else None  # a blank cell at the line's end, which the reader drops


def fund_tables(data) -> Iterator[Finding]:
    """Table 04's fund columns against tables 07 and 08: where table 04 shows a fund's income, balance or spending,
    the fund's own table shows the same; where it shows 0, the fund's table is empty (blank cells read as 0). A 合计
    cell lost in conversion is taken from the sum of the table's classes."""
    t04 = data["t04_fiscal_summary"]
    for fund, dataset, name, spent in FUND_TABLES:
        table = data[dataset]
        totals = table[table.level == "total"]
        for what, zh, column in FUND_FIGURES:
            column = column or spent
            mine = totals[totals.column == column]
            if mine.empty and what != "expenditure":
                continue  # a table without that column (the national table 08 states spending only)
            value = mine.amount_wan_yuan.iloc[0] if len(mine) else None
            where = f"{dataset[:3]} 合计"
            if value is None and not table.empty:
                classes = table[(table.level == "class") & (table.column == column)]
                if len(classes):
                    value, where = known_sum(classes.amount_wan_yuan), f"{dataset[:3]} classes"
            stated = _t04_fund(t04, fund, name, what)
            yield compare(f"x.t04_{dataset[:3]}.{what}", "between",
                          f"Table 04 {name} ({zh}) equals table {dataset[1:3]}",
                          f"财政拨款总表{name}{zh}=表{dataset[1:3]}", f"{_at_line('t04', stated)}, {where}",
                          stated[0] if stated else None, value)


def _at_line(table: str, stated) -> str:
    return f"{table} line {int(stated[1])}" if stated else table
T06_T09 = [("30212", "outbound"), ("30217", "reception"), ("30231", "vehicle_operation"), ("31013", "vehicle_purchase")]


def _t06_t09(data) -> Iterator[Finding]:
    t06 = data["t06_basic_economic"]
    t09 = data["t09_three_public"]
    for code, item in T06_T09:
        row = t06[t06.code == code]
        actual = t09[(t09.basis == "actual") & (t09.item == item)]
        title = f"Table 06 item {code} does not exceed the 三公 actual ({dict(THREE_PUBLIC)[item]}) of table 09"
        zh = f"基本支出表{code}不超过三公表决算数"
        if row.empty or actual.empty or row.amount_wan_yuan.iloc[0] is None or actual.amount_wan_yuan.iloc[0] is None:
            yield special(f"x.t06_t09.{code}", "between", title, zh, "t06, t09", "missing_data")  # or a lost cell
            continue
        basic, total = row.amount_wan_yuan.iloc[0], actual.amount_wan_yuan.iloc[0]
        status = "ok" if basic <= total else "mismatch"
        yield Finding(f"x.t06_t09.{code}", "between", title, zh, f"t06 line {row.line.iloc[0]}, t09",
                      total, basic, basic - total, D0, status,
                      "三公 actuals also cover project funds, so table 06 may be lower, never higher",
                      note_zh="“三公”经费决算数也包括项目支出中的开支，因此表06的数可以较低，但不能更高")


def _projects_t03(data) -> Iterator[Finding]:
    p = data["projects"]
    project = table_total(data, "t03_expenditure", "project")
    if p.empty:
        yield special("x.projects_t03", "between", "The project list sums to table 03's project expenditure",
                      "项目支出明细合计=支出决算表项目支出", "projects, t03", "missing_data", "no project list",
                      note_zh="报告未附项目支出明细")
        return
    listed = fsum(p.amount_yuan) / 10000
    yield compare("x.projects_t03", "between", "The project list (元) sums to table 03's project expenditure (万元)",
                  "项目支出明细合计=支出决算表项目支出", f"projects lines {line_list(p.line.min(), p.line.max())}, t03",
                  project, listed, HALF, "the list is in 元; table 03 rounds to 0.01 万元",
                  note_zh="明细以元为单位；表03以万元为单位，保留两位小数")
    st = data["stated_totals"]
    stated = st[(st.dataset == "projects")]
    if len(stated):
        yield compare("projects.total", "within", "The project list's 合计 equals the sum of its rows",
                      "项目支出明细：合计等于各项之和", f"projects line {stated.line.iloc[0]}",
                      fsum(p.amount_yuan), stated.value.iloc[0])
