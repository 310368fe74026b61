"""The reports' vocabulary, in one place: table titles, templates, column headers, units, page furniture, and
what a document that is not a 决算 calls its tables.

Every pattern here is matched against text already normalised by ``text.normalise`` and keyed by ``text.key``
(no spaces, one bracket style, no leading ordinal). docs/variants.md lists each variant and where it was seen.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- tables

# The tables a report may hold: a title pattern (full match on the title's core, after the prefixes and suffixes
# below are removed) and words (patterns) the table's labels must hold. t01–t09 are the national nine; u04 is the
# universities' 财政拨款支出决算表 (all fiscal appropriations by functional code; the national template has no such table).
TITLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "t01": (r"(部门|高等学校)?收(入)?支(出)?决算总表", ("收入", "支出")),
    "t02": (r"(部门|高等学校)?收入决算表", ("财政拨款",)),
    "t03": (r"(部门|高等学校)?支出决算表", ("基本支出", "项目支出")),
    "t04": (r"(部门)?财政拨款收(入)?支(出)?决算总表", ("收入", "支出")),
    "t05": (r"(部门)?一般公共预算(财政拨款)?(收入)?支出决算(明细)?表", ("基本支出",)),
    "t06": (r"(部门)?一般公共预算(财政拨款)?基本支出(经济分类)?决算(明细)?表", ("科目名称|工资福利|商品和服务",)),
    "t07": (r"(部门)?政府性基金预算财政拨款(收入)?(支出)?决算(明细)?表", ("本年",)),
    "t08": (r"(部门)?国有资本经营预算财政拨款(收入)?(支出)?决算(明细)?表", ("本年",)),
    "t09": (r"(部门)?(一般公共预算)?(财政拨款)?[“\"'‘「《]?三公[”\"'’」》]?经费(支出)?决算(明细)?表", ("公务接待",)),
    "u04": (r"高等学校财政拨款支出决算表", ("基本支出",)),
}
# What may stand before a title's core: a number (表1：, 附表1-1, 附件1, 公开01表, 表一), then the unit's name, the year
# or both (上海市普陀区文化和旅游局2025年度, 2024年度长沙市…中心, …中心2024年度部门决算); and after it: the label, the
# year, the classification or a continuation mark (（公开01表）, （2024年度）, （按功能分类）, 续表). A line is a title when
# its core fully matches one of TITLES and what stands before the core fully matches TITLE_PREFIX (so
# 机关运行经费支出决算表 is not 支出决算表).
UNIT_SUFFIXES = ("中心", "局", "委员会", "委", "厅", "院", "办公室", "办事处", "政府", "部", "学校", "大学", "馆", "所",
                 "站", "队")
_NUMBERED = r"[（(]?(?:(?:附件|附?表)[\d一二三四五六七八九十]+(?:[-－—.]\d+)?|公开\d+表)[)）]?[:：.、]?"
TITLE_PREFIX = re.compile(rf"(?:{_NUMBERED})?(?:[^，。；：:]{{0,40}}?(?:\d{{4}}年度?|{'|'.join(UNIT_SUFFIXES)}))?"
                          r"(?:\d{4}年度?)?(?:部门|单位)?(?:决算)?")
TITLE_SUFFIX = re.compile(
    r"(?:[（(]?(?:续表?|公开\d+表|附?表\d+|\d{4}年度?|按?(?:支出)?(?:功能|经济)分类(?:科目)?)[)）]?)*$")
CONTINUED = "续"  # in the suffix: the rest of a table begun on an earlier page
TITLE_MAX = 60  # a longer line is prose that mentions a table, not a title

# Templates: which tables each has. A table of its list that is not found is an error (a truncated file, most
# often); a table the template does not have is absent, and the book says so.
TEMPLATES: dict[str, dict] = {
    "national": {
        "name_zh": "部门决算（九张表）", "name_en": "national nine-table final accounts",
        "tables": ["t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"],
    },
    "university": {
        "name_zh": "高等学校部门决算（四张表）", "name_en": "universities' four-table final accounts (Ministry of Education)",
        "tables": ["t01", "t02", "t03", "u04"],
        "marker": "高等学校",  # the template's titles carry this word
    },
}
# For messages: each table's usual title.
STANDARD_TITLES = {
    "t01": "收入支出决算总表", "t02": "收入决算表", "t03": "支出决算表", "t04": "财政拨款收入支出决算总表",
    "t05": "一般公共预算财政拨款支出决算表", "t06": "一般公共预算财政拨款基本支出决算明细表",
    "t07": "政府性基金预算财政拨款收入支出决算表", "t08": "国有资本经营预算财政拨款支出决算表",
    "t09": "财政拨款“三公”经费支出决算表", "u04": "高等学校财政拨款支出决算表",
    "projects": "项目支出明细", "performance": "绩效自评表", "performance_base": "绩效评价基础数据表",
}

# ---------------------------------------------------------------- lines around a table

LABEL = re.compile(r"^(公开)?(\d{1,2})表$")  # 公开01表, 公开 02 表
# 单位：万元, 金额单位: 万元, 单位名称：单位：万元 (not 单位：元宝山区…, a unit's name)
UNIT = re.compile(r"(?:金额)?单位[:：](万元|元|千元|亿元)(?=$|[^\u4e00-\u9fff]|单位)")
# 编制单位：长沙市现代教育技术中心, with the year that may stand beside it on the same line
UNIT_NAME = re.compile(r"^(?:编制|填报)?单位(?:名称)?[:：]\s*(.*?)\s*(?:(?:19|20)\d{2}\s*年度?)?\s*$")
# The line that names the unit and the year: 西南大学 2023 年度部门决算, 上海市…文化和旅游局 2025 年度部门决算表
UNIT_YEAR_LINE = re.compile(r"^(?:第[一二三四五六七八九十]+部分)?\s*(\S.{1,40}?)\s*(?:19|20)\d{2}\s*年度?\s*(?:部门|单位)?决算")
# A table published blank: its title followed by a sentence instead of rows, or a header with no rows and such a note
# (本部门无政府性基金…故本表为空表; 我单位没有…支出，故本表无数据)
EMPTY_NOTE = re.compile(r"空表|无数据|本表无|(?:本|我)(?:单位|部门)[^，。；]{0,20}(?:无|没有)[^，。；]{0,40}(?:收入|支出|收支|经费)")
NOTE = re.compile(r"^(注|说明|备注)\s*[:：\d]|^\d+[.、．]\s*本")
# Page furniture a conversion leaves between the rows of a table that runs over pages.
PAGE_FURNITURE = re.compile(
    r"^(?:=+\s*第\s*\d+\s*页\s*=+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|[-—–]\s*\d+\s*[-—–]|\d{1,3})$"
)

# ---------------------------------------------------------------- columns

TOTAL_LABELS = ("合计", "总计")
CODE_HEADER = re.compile(r"(科目)?(代码|编码)$|^[类款项]$")  # 科目代码, 功能分类科目编码, 经济分类科目编码, 类/款/项
NAME_HEADER = re.compile(r"名称$|^项目$")
OF_WHICH = re.compile(r"^其中")  # an 'of which' column or line: part of another, never summed with it
# Under a named column, a label that is that column's own figure (事业收入 › 金额, 项目支出 › 小计); any other label under
# it is a sub-column (基本支出 › 人员经费), keyed after it (basic_personnel) and never summed with it.
SELF_LABEL = re.compile(r"^(?:金额|小计|合计|金额合计|决算数|本年数|本年决算数)$")
# The item column of tables 01 and 04, heading a side: 项目, 收入项目, 项目（收入）, 项目（按功能分类）, 项目名称
ITEM_HEADER = re.compile(r"^(?:收入|支出)?(?:项目|科目)(?:名称)?(?:[（(].*[)）])?$")
SIDES = [("收入", "income"), ("支出", "expenditure")]  # named by the side's top label, else by its place

# Column vocabularies: the first pattern found in a column's header labels names it (tables 02–08: the top-most label
# it names; tables 01, 04: the labels joined by /).
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "t01": [("预算", "budget"), ("金额|合计|决算|本年", "amount")],
    "t02": [
        ("收入合计|^合计$", "total"), ("财政拨款", "fiscal"), ("上级补助", "upper_subsidy"),
        ("事业收入", "service"), ("经营收入", "operating"), ("附属单位", "affiliated"), ("其他收入", "other"),
    ],
    "t03": [
        ("支出合计|^合计$", "total"), ("基本支出", "basic"), ("项目支出", "project"),
        ("上缴上级", "remit_upper"), ("经营支出", "operating"), ("附属单位", "affiliated"),
    ],
    "t04": [
        ("^(金额|决算数|本年数)$", "amount"), ("合计|小计", "total"), ("一般公共预算", "general_budget"),
        ("政府性基金", "gov_fund"), ("国有资本经营", "state_capital"),
    ],
    "t05": [("小计|合计", "total"), ("基本支出", "basic"), ("项目支出", "project")],
    "t07": [
        ("年初", "opening_balance"), ("年末", "closing_balance"), ("本年收入", "income"),
        ("小计|合计", "expenditure"), ("基本支出", "basic"), ("项目支出", "project"),
    ],
    "t08": [
        ("年初", "opening_balance"), ("年末", "closing_balance"), ("本年收入", "income"),
        ("小计|合计", "total"), ("基本支出", "basic"), ("项目支出", "project"),
    ],
    "u04": [("基本支出", "basic"), ("项目支出", "project"), ("小计|合计", "total")],
    "t09_item": [
        ("因公出国", "outbound"), ("公务用车购置费$", "vehicle_purchase"), ("公务用车运行(维护)?费$", "vehicle_operation"),
        ("购置及运行(维护)?费(/小计)?$|公务用车.*小计$", "vehicles"), ("公务接待", "reception"), ("合计$|总计$", "total"),
    ],
}
BASIS = [("预算", "budget"), ("决算|实际", "actual")]
BASIS_LABEL = re.compile(r"(?:全年|年初|调整后?|本年)?(?:预算|决算|实际(?:支出)?)数?")  # 预算数, 全年预算数, 实际支出数
GROUPS = [("人员", "personnel"), ("公用", "public")]
# Table 06's stated totals (人员经费合计, 公用经费合计, 合计), and a group's own line: with a figure, the group's total
# (人员经费 597.40); without, a heading over the group's rows in a table that lists them all in one column.
ECONOMIC_TOTAL = re.compile(r"(?:合计|总计|小计)$")
ECONOMIC_GROUP = re.compile(r"^(?:人员|日常公用|公用)经费$")
PERSONNEL_CLASSES = ("301", "303")  # the national rule where the header names no group

# ---------------------------------------------------------------- documents that are not final accounts

# A table title of a 部门预算 (budget): 收支预算总表, 收入预算表, 一般公共预算支出功能分类预算表 …
BUDGET_TITLE = re.compile(r"预算(总)?表$")
BUDGET_COVER = re.compile(r"部门预算|预算编制说明|单位预算")
FINAL_WORD = "决算"

# the word that names the procurement statement, in its heading or (under 其他说明) in its paragraph
PROCUREMENT_TOPIC = "政府采购"

# the prose's words for a change from the prior year
UP = r"增加|增长|上升|提高|多支"
DOWN = r"减少|降低|下降|压减|节约|少支"


# the “三公” items, as the prose and the base-data table name them (the order matters: 购置及运行维护 before 购置)
THREE_ITEMS = [(r"购置费?(及|和)(运行)?维护", "vehicles"), ("购置", "vehicle_purchase"), ("运行维护|运维", "vehicle_operation"),
               ("出国", "outbound"), ("接待", "reception"), ("三公", "total")]
THREE_ZH = {"total": "“三公”经费", "outbound": "因公出国（境）费", "vehicles": "公务用车购置及运行维护费",
            "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行维护费", "reception": "公务接待费"}
THREE_ROW = re.compile(r"三公|车|出国|接待")  # a base-data row about a 三公 item (not 运行维护专项, a project)


def three_item(subject: str) -> str | None:
    """Which 三公 item a subject names (因公出国, 公务用车…, 公务接待, or the whole)."""
    for pattern, item in THREE_ITEMS:
        if re.search(pattern, subject or ""):
            return item
    return None
