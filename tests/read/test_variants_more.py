"""More variants of layout and spelling (docs/variants.md, seen = made-up text): the seed, or a Shanghai sample,
rewritten the way other provinces' reports and other conversions lay it out gives the original's figures. Every
rewrite is made here from the report's own text; no figure is typed."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from juesuan.read.ingest import parse

from ..conftest import SHARED

TABLES = ["t01_summary", "t02_income", "t03_expenditure", "t04_fiscal_summary", "t05_general_budget",
          "t06_basic_economic", "t07_gov_fund", "t08_state_capital", "t09_three_public"]
LABELS = ("column_zh", "name_zh", "item_zh")  # the header's or the row's own words, which a variant may reword


def figures(result, *, labels: bool = True, tables: list[str] | None = None) -> dict[str, list[tuple]]:
    """Each table's records as sorted tuples of (field, value), amounts by value (0.00, 0 and - alike), without line
    numbers, how a figure was printed and, with ``labels=False``, the header's and rows' own words."""
    out = {}
    for name in tables or TABLES:
        rows = []
        for r in result.datasets[name]:
            rows.append(tuple((k, Decimal(v or 0) if k == "amount_wan_yuan" else v) for k, v in sorted(r.items())
                              if k not in ("line", "printed") and (labels or k not in LABELS)))
        out[name] = sorted(rows)
    return out


@pytest.fixture(scope="module")
def original(seed_text):
    return parse(seed_text, 2024)


def rewrite(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def table(text: str, title: str) -> tuple[int, int]:
    """Where a table of the seed stands: from its title line to the blank line before its 注."""
    start = text.index(title + "\n")
    return start, text.index("\n\n注", start)


def rewrite_rows(text: str, title: str, change) -> str:
    """The seed with each line of one table passed through ``change`` (cells in, cells out)."""
    start, end = table(text, title)
    lines = [("\t".join(change(line.split("\t"))) if "\t" in line else line) for line in text[start:end].split("\n")]
    return text[:start] + "\n".join(lines) + text[end:]


FUNCTIONAL = ["# 收入决算表", "## 支出决算表", "# 一般公共预算财政拨款支出决算表", "## 政府性基金预算财政拨款收入支出决算表",
              "## 国有资本经营预算财政拨款支出决算表"]
T03_ROW = "20502\t普通教育\t46.95\t0.00\t46.95\t0.00\t0.00\t0.00\n"
T03_HEAD = "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出\n科目代码\t科目名称\t\t\t\t\t\t\n"


# ---------------------------------------------------------------- characters


@pytest.mark.parametrize("how", ["comma and space", "full-width comma", "full-width minus", "en dash minus"])
def test_thousands_separators_and_minus_signs_of_other_widths(seed_text, original, how):
    text = {
        "comma and space": seed_text.replace("2,773.47", "2, 773.47"),
        "full-width comma": seed_text.replace("2,773.47", "2，773.47"),
        "full-width minus": seed_text.replace("\t0.00\n", "\t－0.00\n"),  # −0.00 equals 0.00: the figures are alike
        "en dash minus": seed_text.replace("\t0.00\n", "\t–0.00\n"),
    }[how]
    assert figures(parse(text, 2024)) == figures(original)


# ---------------------------------------------------------------- pages and lines


def test_page_header_and_unit_lines_inside_a_table_run(seed_text, original):
    page_top = "=== 第8页 ===\n长沙市现代教育技术中心2024年度部门决算\n单位：万元\n"
    text = rewrite(seed_text, T03_ROW, T03_ROW + "- 7 -\n" + page_top)
    assert figures(parse(text, 2024)) == figures(original)


def test_a_title_repeated_without_a_continuation_mark_on_the_next_page(seed_text, original):
    text = rewrite(seed_text, T03_ROW, T03_ROW + "=== 第8页 ===\n支出决算表\n单位：万元\n" + T03_HEAD)
    assert figures(parse(text, 2024)) == figures(original)


@pytest.mark.parametrize("name, unit", [("2025_shanghai-putuo-wenlvju.txt", "上海市普陀区文化和旅游局"),
                                        ("2025_shanghai-putuo-shiquanlu.txt", "上海市普陀区人民政府石泉路街道办事处")])
def test_a_page_header_on_every_page_of_a_shanghai_report(name, unit):
    path = SHARED / "reports" / name
    if not path.exists():
        pytest.skip(f"the sample report is not beside the project ({name} is absent)")
    text = path.read_text(encoding="utf-8")
    with_headers = re.sub(r"(?m)^(=== 第\d+页 ===)$", rf"\1\n{unit} 2025 年度部门决算", text)
    assert figures(parse(with_headers, 2025, partial=True)) == figures(parse(text, 2025, partial=True))


def _html(rows: list[list[str]], one_line: bool) -> str:
    """An HTML table as converters write it: a header label followed by blank cells spans them (colspan)."""
    trs = []
    for cells in rows:
        numeric = any(re.fullmatch(r"[\d,]+\.\d+", c) for c in cells)
        tds, i = [], 0
        while i < len(cells):
            span = 1
            while (not numeric and cells[i] and cells[i] not in ("项目", "科目代码") and i + span < len(cells)
                   and not cells[i + span]):
                span += 1
            tds.append(f'<td colspan="{span}">{cells[i]}</td>' if span > 1 else f"<td>{cells[i]}</td>")
            i += span
        trs.append("<tr>" + "".join(tds) + "</tr>")
    sep = "" if one_line else "\n"
    return "<table>" + sep + sep.join(trs) + sep + "</table>"


@pytest.mark.parametrize("one_line", [False, True])
def test_html_tables_with_merged_cells(seed_text, original, one_line):
    text = seed_text
    for title in ["# 收入支出决算总表", *FUNCTIONAL, "## 财政拨款“三公”经费支出决算表"]:
        start, end = table(text, title)
        lines = text[start:end].split("\n")
        rows = [line.replace("<b>", "").replace("</b>", "").split("\t") for line in lines if "\t" in line]
        text = text[:start] + "\n".join(line for line in lines if "\t" not in line) + "\n" + _html(rows, one_line) \
            + text[end:]
    assert figures(parse(text, 2024)) == figures(original)


def test_html_table_header_merged_down_rows(seed_text, original):
    start = seed_text.index("项目\t\t本年收入合计")
    body = seed_text[seed_text.index("\n栏次", start) + 1:seed_text.index("\n\n注", start)].split("\n")
    columns = seed_text[start:seed_text.index("\n", start)].split("\t")[2:]
    head = ('<tr><td colspan="2">项目</td>' + "".join(f'<td rowspan="2">{c}</td>' for c in columns) + "</tr>"
            "<tr><td>科目代码</td><td>科目名称</td></tr>")
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in line.split("\t")) + "</tr>" for line in body)
    text = seed_text[:start] + "<table>" + head + rows + "</table>" + seed_text[seed_text.index("\n\n注", start):]
    assert figures(parse(text, 2024)) == figures(original)


@pytest.mark.parametrize("outer", ["| ", ""])
def test_markdown_tables_with_short_alignment_rows(seed_text, original, outer):
    text = seed_text
    for title in FUNCTIONAL:
        start, end = table(text, title)
        lines = text[start:end].split("\n")
        first = next(i for i, line in enumerate(lines) if "\t" in line)
        width = lines[first].count("\t") + 1
        piped = [outer + " | ".join(line.split("\t")) + outer[::-1] if "\t" in line else line for line in lines]
        piped.insert(first + 1, "|" + "--|" * width)
        text = text[:start] + "\n".join(piped) + text[end:]
    assert figures(parse(text, 2024)) == figures(original)


# ---------------------------------------------------------------- titles, labels and units


@pytest.mark.parametrize("title", [
    "收入决算表（公开02表）", "收入决算表 公开02表", "附表1-2 收入决算表", "附件2：收入决算表", "（公开02表）收入决算表",
    "2024年度长沙市现代教育技术中心收入决算表", "长沙市现代教育技术中心2024年度部门决算收入决算表", "收入决算表（2024年度）",
    "收入决算表（按功能分类）",
])
def test_titles_with_a_label_year_or_unit_before_or_after(seed_text, original, title):
    text = rewrite(seed_text, "# 收入决算表\n\n公开 02 表  \n", title + "\n")
    result = parse(text, 2024)
    assert figures(result) == figures(original)
    assert result.report["tables"]["t02"]["title_zh"] == title.replace(" ", "").replace("：", ":")


@pytest.mark.parametrize("line", ["收入决算表          单位：万元", "收入决算表\t\t\t\t\t\t\t\t单位：万元",
                                  "公开02表    收入决算表    单位：万元"])
def test_a_title_beside_its_unit_on_one_line(seed_text, original, line):
    result = parse(rewrite(seed_text, "# 收入决算表\n\n公开 02 表  \n单位：万元\n", line + "\n"), 2024)
    assert figures(result) == figures(original)
    assert result.report["tables"]["t02"]["unit"] == "万元"

@pytest.mark.parametrize("old, first, second", [
    ("# 一般公共预算财政拨款基本支出决算明细表\n", "一般公共预算财政拨款基本支出", "决算明细表"),
    ("## 政府性基金预算财政拨款收入支出决算表\n", "政府性基金预算财政拨款", "收入支出决算表"),  # not table 03's title
])
def test_a_title_broken_over_two_lines(seed_text, original, old, first, second):
    assert figures(parse(rewrite(seed_text, old, f"{first}\n{second}\n"), 2024)) == figures(original)


def test_title_and_unit_lines_set_as_rows_of_the_grid(seed_text, original):
    text = rewrite(seed_text, "# 收入决算表\n\n公开 02 表  \n单位：万元\n\n单位：长沙市现代教育技术中心\n",
                   "收入决算表\t\t\t\n编制单位：长沙市现代教育技术中心\t2024年度\t单位：万元\n")
    text = rewrite(text, "单位：万元\n\n单位：长沙市现代教育技术中心\n\n项目\t\t本年支出合计",
                   "\n\t\t\t\t\t\t\t单位：万元\n项目\t\t本年支出合计")
    result = parse(text, 2024)
    assert figures(result) == figures(original)
    assert result.report["tables"]["t02"]["unit"] == result.report["tables"]["t03"]["unit"] == "万元"
    assert result.report["tables"]["t02"]["unit_name_zh"] == "长沙市现代教育技术中心"


def _blank(seed_text: str, title: str, replacement: str) -> str:
    start = seed_text.index(title + "\n")
    end = seed_text.index("\n## ", start + len(title))
    return seed_text[:start] + title + "\n\n" + replacement + "\n" + seed_text[end:]


@pytest.mark.parametrize("table_key, title, replacement", [
    ("t07", "## 政府性基金预算财政拨款收入支出决算表",
     "公开 07 表\n\n单位：万元\n\n本部门无政府性基金预算财政拨款收入支出，故本表为空表。"),
    ("t08", "## 国有资本经营预算财政拨款支出决算表", "本单位2024年度无国有资本经营预算财政拨款支出，故本表无数据。"),
])
def test_a_table_published_blank_without_a_grid(seed_text, original, table_key, title, replacement):
    result = parse(_blank(seed_text, title, replacement), 2024)
    name = {"t07": "t07_gov_fund", "t08": "t08_state_capital"}[table_key]
    others = [t for t in TABLES if t != name]
    assert result.datasets[name] == []
    assert result.report["tables"][table_key]["blank"] is True
    assert result.report["tables"][table_key]["notes_zh"] == [replacement.split("\n")[-1]]
    assert figures(result, tables=others) == figures(original, tables=others)


def test_a_table_with_a_header_and_no_rows_published_blank(seed_text, original):
    start, end = table(seed_text, "## 政府性基金预算财政拨款收入支出决算表")
    total_row = next(line for line in seed_text[start:end].split("\n") if line.startswith("合计\t"))
    result = parse(rewrite(seed_text, total_row + "\n", ""), 2024)
    others = [t for t in TABLES if t != "t07_gov_fund"]
    assert result.datasets["t07_gov_fund"] == [] and result.report["tables"]["t07"]["blank"] is True
    assert figures(result, tables=others) == figures(original, tables=others)


# ---------------------------------------------------------------- headers and columns


@pytest.mark.parametrize("layout", ["parts only where new", "full code in its level's column"])
def test_functional_codes_in_class_subclass_item_columns(seed_text, original, layout):
    def split(cells):
        code = cells[0]
        if re.fullmatch(r"\d{3}(\d{2}){0,2}", code):
            parts = [code[:3], code[3:5], code[5:]]
            if layout == "parts only where new":
                parts = [p if i == len(code) // 2 - 1 else "" for i, p in enumerate(parts)]
            else:
                parts = [code if len(code) == n else "" for n in (3, 5, 7)]
            return parts + cells[1:]
        if cells[:2] == ["科目代码", "科目名称"]:
            return ["类", "款", "项"] + cells[1:]
        return [cells[0], "", ""] + cells[1:] if cells[0] in ("项目", "合计", "栏次") else cells

    text = seed_text
    for title in FUNCTIONAL:
        text = rewrite_rows(text, title, split)
    assert figures(parse(text, 2024)) == figures(original)


T01_HEAD = "收入\t\t\t支出\t\t\n项目\t行次\t金额\t项目\t行次\t金额\n"
T04_HEAD = ("收 入\t\t\t支 出\t\t\t\t\t\n项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t"
            "国有资本经营预算财政拨款\n")


@pytest.mark.parametrize("t01, t04", [
    ("收入项目\t行次\t金额\t支出项目\t行次\t金额\n",
     T04_HEAD.split("\n")[1].replace("项目", "收入项目", 1).replace("\t项目", "\t支出项目") + "\n"),
    ("项目（收入）\t行次\t决算数\t项目（支出）\t行次\t决算数\n", T04_HEAD.split("\n")[1].replace("合计", "小计") + "\n"),
    ("项目\t行次\t本年数\t项目\t行次\t本年数\n", T04_HEAD.split("\n")[1] + "\n"),  # sides by place
    ("项目\t行次\t金额\t项目\t行次\t金额\n收入\t\t\t支出\t\t\n", T04_HEAD.split("\n")[1] + "\n" + T04_HEAD.split("\n")[0] + "\n"),
    ("收入\t\t\t支出\t\t\n项目名称\t行次\t金额\t项目名称\t行次\t金额\n", T04_HEAD),
])
def test_summary_tables_with_other_headers(seed_text, original, t01, t04):
    text = rewrite(rewrite(seed_text, T01_HEAD, t01), T04_HEAD, t04)
    assert figures(parse(text, 2024), labels=False) == figures(original, labels=False)


def test_summary_expenditure_lines_with_their_functional_codes(seed_text, original):
    classes = {r["name_zh"]: r["code"] for r in original.datasets["t03_expenditure"] if r["level"] == "class"}

    def with_codes(cells):
        name = re.sub(r"^[一二三四五六七八九十]+、", "", cells[3])
        code = "科目编码" if cells[3] == "项目" else classes.get(name, "")
        return cells[:3] + [code] + cells[3:]

    text = rewrite_rows(seed_text, "# 收入支出决算总表", with_codes)  # a code column before the expenditure item
    assert figures(parse(text, 2024)) == figures(original)
    text = seed_text.replace("五、教育支出\t", f"{classes['教育支出']} 教育支出\t")  # the code in the item's cell
    assert figures(parse(text, 2024)) == figures(original)


def test_column_headers_worded_otherwise(seed_text, original):
    text = rewrite(seed_text, "项目\t\t本年收入合计", "项目\t\t收入合计")
    text = rewrite(text, "项目\t\t本年支出合计", "项目\t\t合计")
    text = rewrite(text, "收入合计\t财政拨款收入", "收入合计\t财政拨款")
    assert figures(parse(text, 2024), labels=False) == figures(original, labels=False)


def test_merged_header_labels_repeated_in_every_cell_they_span(seed_text, original):
    def repeat(cells):
        out = []
        for cell in cells:
            out.append(cell or (out[-1] if out and out[-1] in ("收入", "支出", "预算数", "决算数", "本年支出") else ""))
        return out

    text = seed_text
    for title in ("# 收入支出决算总表", "# 一般公共预算财政拨款支出决算表", "## 财政拨款“三公”经费支出决算表"):
        text = rewrite_rows(text, title, repeat)
    assert figures(parse(text, 2024), labels=False) == figures(original, labels=False)


def test_basic_expenditure_split_into_personnel_and_public_columns(seed_text, original):
    """Table 05 with 基本支出 › 合计 | 人员经费 | 公用经费: the parts are keyed basic_personnel and basic_public, never
    summed into basic. The parts' figures are table 06's stated totals."""
    stated = {r["group"]: r["amount_wan_yuan"]
              for r in original.datasets["t06_basic_economic"] if r["level"] == "total"}
    basic = {r["code"]: r["amount_wan_yuan"] for r in original.datasets["t05_general_budget"] if r["column"] == "basic"}

    def widen(cells):
        if cells[:2] == ["科目代码", "科目名称"]:
            return cells[:4] + ["", ""] + cells[4:]
        if cells[0] == "项目":
            return cells + ["", ""]
        if cells[0] == "栏次":
            return cells + [str(len(cells) - 1), str(len(cells))]
        whole = Decimal(basic[cells[0] if cells[0] != "合计" else ""] or 0) == Decimal(stated["personnel"]) + Decimal(
            stated["public"])
        parts = [stated["personnel"], stated["public"]] if whole else ["0.00", "0.00"]
        return cells[:4] + parts + cells[4:]

    text = rewrite_rows(seed_text, "# 一般公共预算财政拨款支出决算表", widen)
    text = rewrite(text, "科目代码\t科目名称\t小计\t基本支出\t\t\t项目支出\n",
                   "科目代码\t科目名称\t小计\t基本支出\t\t\t项目支出\n\t\t\t合计\t人员经费\t公用经费\t\n")
    result = parse(text, 2024)
    read = result.datasets["t05_general_budget"]
    assert figures(result, labels=False, tables=TABLES[:4] + TABLES[5:]) == figures(
        original, labels=False, tables=TABLES[:4] + TABLES[5:])
    assert sorted((r["code"], r["column"], r["amount_wan_yuan"]) for r in read if "_" not in r["column"]) == sorted(
        (r["code"], r["column"], r["amount_wan_yuan"]) for r in original.datasets["t05_general_budget"])
    parts = {r["column"]: r["amount_wan_yuan"] for r in read if r["level"] == "total" and "_" in r["column"]}
    assert parts == {"basic_personnel": stated["personnel"], "basic_public": stated["public"]}


def _economic(seed_text: str) -> tuple[list[list[tuple[str, str, str]]], dict[str, str]]:
    """Table 06 of the seed: its three column groups' (code, name, amount) rows, and its stated totals."""
    start = seed_text.index("人员经费\t\t\t公用经费")
    end = seed_text.index("\n\n注", start)
    groups: list[list[tuple[str, str, str]]] = [[], [], []]
    for line in seed_text[start:end].split("\n")[2:]:
        cells = line.split("\t")
        if "合计" not in line:
            for g in range(3):
                if len(cells) >= 3 * g + 3 and cells[3 * g]:
                    groups[g].append(tuple(cells[3 * g:3 * g + 3]))
    totals = {"personnel": line.split("\t")[2], "public": line.split("\t")[-1]}
    return groups, totals


def _with_economic(seed_text: str, rows: list[str]) -> str:
    start = seed_text.index("人员经费\t\t\t公用经费")
    return seed_text[:start] + "\n".join(rows) + seed_text[seed_text.index("\n\n注", start):]


@pytest.mark.parametrize("layout", ["heading rows", "subtotal rows", "subtotals after each group",
                                    "personnel and public columns", "code and name in one cell, no code header",
                                    "class and subclass columns, parts where new",
                                    "class and subclass columns, full code"])
def test_basic_expenditure_by_economic_code_laid_out_otherwise(seed_text, original, layout):
    groups, totals = _economic(seed_text)
    personnel, public = groups[0], groups[1] + groups[2]
    lines = lambda rows: ["\t".join(r) for r in rows]  # noqa: E731
    if layout == "heading rows":
        rows = ["科目代码\t科目名称\t决算数", "人员经费\t\t", *lines(personnel), "公用经费\t\t", *lines(public),
                f"人员经费合计\t\t{totals['personnel']}", f"公用经费合计\t\t{totals['public']}"]
    elif layout == "subtotal rows":
        rows = ["项目\t\t决算数", "科目代码\t科目名称\t", f"人员经费\t\t{totals['personnel']}", *lines(personnel),
                f"公用经费\t\t{totals['public']}", *lines(public)]
    elif layout == "subtotals after each group":
        rows = ["科目代码\t科目名称\t决算数", *lines(personnel), f"人员经费合计\t\t{totals['personnel']}", *lines(public),
                f"公用经费合计\t\t{totals['public']}"]
    elif layout == "code and name in one cell, no code header":
        rows = (["经济分类科目\t决算数\t经济分类科目\t决算数"]
                + [f"{a[0]} {a[1]}\t{a[2]}\t" + (f"{b[0]} {b[1]}\t{b[2]}" if b else "\t")
                   for a, b in zip(personnel, public)] + [f"\t\t{c} {n}\t{a}" for c, n, a in public[len(personnel):]]
                + [f"人员经费合计\t{totals['personnel']}\t公用经费合计\t{totals['public']}"])
    elif layout == "personnel and public columns":
        rows = (["科目编码\t科目名称\t人员经费\t公用经费"] + [f"{c}\t{n}\t{a}\t" for c, n, a in personnel]
                + [f"{c}\t{n}\t\t{a}" for c, n, a in public] + [f"合计\t\t{totals['personnel']}\t{totals['public']}"])
    else:
        def split(row):
            code, name, figure = row
            if layout.endswith("parts where new"):
                return (code, "", name, figure) if len(code) == 3 else ("", code[3:], name, figure)
            return (code[:3], code if len(code) == 5 else "", name, figure)

        rows = ["人员经费\t\t\t\t公用经费" + "\t" * 7, "\t".join(["经济分类科目编码", "", "科目名称", "决算数"] * 3),
                "\t".join(["类", "款", "", ""] * 3)]
        for i in range(max(map(len, groups))):
            rows.append("\t".join(c for g in groups for c in (split(g[i]) if i < len(g) else ("", "", "", ""))))
        rows.append(f"人员经费合计\t\t\t{totals['personnel']}\t公用经费合计" + "\t" * 7 + totals["public"])
    assert figures(parse(_with_economic(seed_text, rows), 2024), labels=False) == figures(original, labels=False)


def _three_public(seed_text: str) -> tuple[int, int, list[str]]:
    start = seed_text.index("预算数\t\t\t\t\t\t决算数")
    end = seed_text.index("\n\n注", start)
    return start, end, seed_text[start:end].split("\n")[-1].split("\t")


@pytest.mark.parametrize("layout", ["全年预算数 and 实际支出数", "one basis a row", "item and basis in one cell",
                                    "an extra 机关运行经费 column"])
def test_three_public_laid_out_otherwise(seed_text, original, layout):
    start, end, figures_ = _three_public(seed_text)
    grid = seed_text[start:end].split("\n")
    items = ["合计", "因公出国（境）费", "公务用车购置及运行维护费小计", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
    if layout == "全年预算数 and 实际支出数":
        grid[0] = grid[0].replace("预算数", "全年预算数").replace("决算数", "实际支出数")
    elif layout == "one basis a row":
        grid = ["项目\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t\t\t公务接待费",
                "\t\t\t小计\t公务用车购置费\t公务用车运行维护费\t",
                "预算数\t" + "\t".join(figures_[:6]), "决算数\t" + "\t".join(figures_[6:])]
    elif layout == "item and basis in one cell":
        grid = ["\t".join([f"{item}预算数" for item in items] + [f"{item}决算数" for item in items]), "\t".join(figures_)]
    else:
        grid = [row + "\t" + extra for row, extra in zip(grid, ["", "机关运行经费", "", "13", figures_[-1]])]
    text = seed_text[:start] + "\n".join(grid) + seed_text[end:]
    assert figures(parse(text, 2024), labels=False) == figures(original, labels=False)

