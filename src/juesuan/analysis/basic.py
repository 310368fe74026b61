"""Basic-expense composition chapter (基本支出构成): 人员经费 vs 公用经费, economic items, per staff, 三公, 机关运行经费."""

from __future__ import annotations

import re

import pandas as pd

from .. import i18n
from ..data.glossary import english as en
from ..data.vocab import THREE_ROW, three_item
from ..text import key
from .numbers import dec, pct, rounded, share, total

GROUP_ZH = {"personnel": "人员经费", "public": "公用经费"}
THREE_PUBLIC = [("total", "合计"), ("outbound", "因公出国（境）费"), ("vehicles", "公务用车购置及运行维护费"),
                ("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行维护费"),
                ("reception", "公务接待费")]


def groups(data) -> pd.DataFrame:
    """人员经费 and 公用经费: the table's stated totals beside the sums of their classes."""
    t06 = data["t06_basic_economic"]
    classes = t06[t06.level == "class"]
    stated = t06[t06.level == "total"].set_index("group").amount_wan_yuan
    whole = total(classes.amount_wan_yuan)
    rows = []
    for group, zh in GROUP_ZH.items():
        summed = total(classes[classes.group == group].amount_wan_yuan)
        rows.append({"group": zh, "English": en(zh), "stated (万元)": stated.get(group),
                     "sum of classes (万元)": summed, "share of basic": pct(share(summed, whole))})
    return pd.DataFrame(rows)


def items(data) -> pd.DataFrame:
    """Every economic item (款) with a non-zero amount, largest first."""
    t06 = data["t06_basic_economic"]
    rows = t06[(t06.level == "subclass") & (t06.amount_wan_yuan != 0)].sort_values(
        "amount_wan_yuan", ascending=False, kind="stable")
    whole = total(t06[t06.level == "class"].amount_wan_yuan)
    return pd.DataFrame({
        "rank": range(1, len(rows) + 1), "code": rows.code.values, "科目名称": rows.name_zh.values,
        "English": [en(n, code=c, kind="economic") for n, c in zip(rows.name_zh, rows.code)],
        "group": [GROUP_ZH[g] for g in rows.group], "amount (万元)": rows.amount_wan_yuan.values,
        "share of basic": [pct(share(v, whole)) for v in rows.amount_wan_yuan],
    })


STAFF_KINDS = {  # kind: English (the 编制 is a number of posts, not of people)
    "编制": "authorised posts (编制数)",
    "在编": "staff on the establishment (在编)",
    "临聘": "temporary or contract hires (临聘, 编外)",
    "实有": "actual headcount in post (实有在职)",
    "财政供养": "in post, fiscally supported (财政供养人员情况)",
    "离退休": "retirees (离退休)",
    "其他": "other count",
}


def kind_name(kind: str) -> str:
    """A kind of staff count named for a sentence in the page's language (in English, as in ``STAFF_KINDS``)."""
    english = STAFF_KINDS[kind]
    return (i18n.zh_text(english) or english) if i18n.lang() == "zh" else english


_RETIRED = re.compile(r"离休|退休|离退")
_HIRED = re.compile(r"编外|编制外|临聘|聘用|临时|劳务派遣|合同制|外聘|借调")
_ON_ESTABLISHMENT = re.compile(r"在编|编制内|编内")
_IN_POST = re.compile(r"实有|在职|在岗|职工|人员|人数|干部")


def staff_kind(label_zh: str, *, base_data: bool = False) -> str:
    """The kind of a staff count from its label as published; ``base_data`` for a count in the performance
    base-data table's 财政供养人员情况 section (its in-post count is the fiscally supported staff)."""
    label = label_zh or ""
    if _RETIRED.search(label):
        return "离退休"
    if _HIRED.search(label):
        return "临聘"
    if _ON_ESTABLISHMENT.search(label):
        return "在编"
    if "编制" in label:
        return "编制"
    if base_data or "财政供养" in label:
        return "财政供养"
    if _IN_POST.search(label):
        return "实有"
    return "其他"


SOURCES = {"prose": "the report's text", "performance_base": "performance base-data table"}  # in Chinese: [values]


def staff(data) -> pd.DataFrame:
    """Every staff count the report states, with its kind."""
    rows = []
    for s in data["report"].get("staff", []):
        kind = staff_kind(s["label_zh"], base_data=s["source"] == "performance_base")
        rows.append({"staff count (as published)": s["label_zh"], "kind": kind, "English": STAFF_KINDS[kind],
                     "people": s["count"], "source": SOURCES.get(s["source"], s["source"]), "report line": s["line"]})
    return pd.DataFrame(rows, columns=["staff count (as published)", "kind", "English", "people", "source",
                                       "report line"])


def head_base(data) -> dict:
    """The count per-head figures divide by: 在编 staff, else the in-post count of 财政供养人员情况; ``people`` is
    None when the report states neither (``stated`` lists the kinds it does state)."""
    counts = staff(data)
    for kind in ("在编", "财政供养"):
        found = counts[(counts.kind == kind) & (counts.people > 0)]
        if not found.empty:
            r = found.iloc[0]
            return {"people": int(r.people), "kind": kind, "label_zh": r["staff count (as published)"],
                    "line": int(r["report line"]), "stated": list(dict.fromkeys(counts.kind))}
    return {"people": None, "kind": None, "label_zh": None, "line": None, "stated": list(dict.fromkeys(counts.kind))}


def _class(data, code: str):
    t06 = data["t06_basic_economic"]
    row = t06[(t06.level == "class") & (t06.code == code)]
    return row.amount_wan_yuan.iloc[0] if not row.empty else None


def per_head(data) -> pd.DataFrame:
    """工资福利支出 (301) and 商品和服务支出 (302) per head of the base ``head_base`` picks; 对个人和家庭的补助 (303),
    paid mostly to retirees, on its own line and not divided by serving staff. The base ("divided by") is named in the
    page's language."""
    base = head_base(data)
    n = base["people"]
    by = i18n.t("basic.divided_by", n=n, kind=base["kind"], line=base["line"]) if n else "no 在编 or 财政供养 count stated"
    wages, goods, households = _class(data, "301"), _class(data, "302"), _class(data, "303")
    serving = None if wages is None and goods is None else total([wages, goods])
    rows = [("301", "工资福利支出", wages, True), ("302", "商品和服务支出", goods, True),
            ("301+302", "工资福利支出 + 商品和服务支出", serving, True),
            ("303", "对个人和家庭的补助", households, False)]
    r = retirees(data)
    to_retirees = r["stated"] if r["stated"] is not None else r["pensions_t06"]
    mostly = households is not None and households > 0 and to_retirees is not None and to_retirees * 2 >= households
    not_divided = ("not divided: paid mostly to retirees, not to serving staff" if mostly else
                   "not divided: paid to individuals and households, not to serving staff")
    out = []
    for code, zh, amount, divided in rows:
        english = " + ".join(en(z, code=c, kind="economic") for z, c in zip(zh.split(" + "), code.split("+")))
        per = rounded(amount / n) if divided and n and amount is not None else None
        out.append({"code": code, "科目名称": zh, "English": english, "amount (万元)": amount, "per head (万元)": per,
                    "divided by": by if divided else not_divided})
    return pd.DataFrame(out)


_RETIREE_ITEMS = re.compile(r"离退休费|退休费|离休费")


def retirees(data) -> dict:
    """What class 303 holds and how much of it the report itself puts down to retirees."""
    t06 = data["t06_basic_economic"]
    items = t06[(t06.level == "subclass") & t06.code.fillna("").str.startswith("303")]
    pensions = total(items[items.code.isin(["30301", "30302"])].amount_wan_yuan)
    prose = data["prose_numbers"]
    stated = prose[(prose.unit == "万元") & prose.value.notna()
                   & prose.subject_zh.fillna("").str.contains(_RETIREE_ITEMS.pattern)]
    households = _class(data, "303")
    said = stated.iloc[0] if not stated.empty else None
    counts = staff(data)
    retired = counts[counts.kind == "离退休"]
    return {"households": households, "pensions_t06": pensions,
            "stated_zh": said.subject_zh if said is not None else None,
            "stated": said.value if said is not None else None, "stated_line": int(said.line) if said is not None else None,
            "stated_share": share(said.value, households) if said is not None and households else None,
            "retirees": int(retired.people.iloc[0]) if not retired.empty else None,
            "per_retiree": rounded(households / int(retired.people.iloc[0]))
            if households is not None and not retired.empty and retired.people.iloc[0] else None}


def three_public(data) -> pd.DataFrame:
    """三公 budget and actual (table 09) beside the prior-year figure the report states elsewhere."""
    t09 = data["t09_three_public"]
    got = {(b, i): v for b, i, v in zip(t09.basis, t09.item, t09.amount_wan_yuan)}
    prior = _prior_three_public(data)
    rows = []
    for item, zh in THREE_PUBLIC:
        budget, actual = got.get(("budget", item)), got.get(("actual", item))
        rows.append({"item": zh, "English": en(zh), "budget (万元)": budget, "actual (万元)": actual,
                     "actual / budget": pct(share(actual, budget)) if budget is not None else "n/a",
                     "prior year (万元)": prior.get(item)})
    return pd.DataFrame(rows)


def prior_three_public(data) -> dict[str, tuple]:
    """The prior year's 三公 figures by item (total, outbound, vehicles, …) as the performance base-data table states
    them in its column <year - 1>年决算数, each with its line."""
    base = data["performance_base"]
    year = data["report"]["year"]
    out: dict[str, tuple] = {}
    for item_zh, column, value, line in zip(base.item_zh, base.column_zh, base.value, base.line):
        if key(column) == f"{year - 1}年决算数" and THREE_ROW.search(item_zh) and not re.search("项目|公用", item_zh):
            item = three_item(item_zh)
            if item is not None:
                out.setdefault(item, (value, line))
    return out


def _prior_three_public(data) -> dict:
    return {item: value for item, (value, _) in prior_three_public(data).items()}


def running_costs(data) -> pd.DataFrame:
    """The amounts the prose states under its 机关运行经费 heading (a year or a count in the sentence is not one)."""
    prose = data["prose_numbers"]
    rows = prose[prose.section_zh.str.contains("机关运行经费", regex=False) & prose.value.notna()
                 & prose.unit.isin(["万元", "元", "%"]) & (prose.metric != "year")]
    return pd.DataFrame({"metric": rows.metric.values, "subject (as published)": rows.subject_zh.values,
                         "value": rows.value.values, "unit": rows.unit.values, "line": rows.line.values})


def running_costs_status(data) -> dict:
    """The 机关运行经费 the prose states (amount, line) and what the unit says of being 参公: ``not_managed`` is its
    statement that it is not managed as civil service (quote, line), None when it makes none; ``recorded`` is False
    for data ingested before such statements were recorded in report.json."""
    prose = data["prose_numbers"]
    stated = prose[(prose.metric.isin(["amount", "total", "actual"])) & (prose.unit == "万元") & prose.value.notna()
                   & prose.subject_zh.fillna("").str.contains("机关运行经费", regex=False)]
    statements = data["report"].get("civil_service")
    not_managed = next((s for s in statements or [] if not s["managed"]), None)
    managed = next((s for s in statements or [] if s["managed"]), None)
    return {"amount": stated.value.iloc[0] if not stated.empty else None,
            "line": int(stated.line.iloc[0]) if not stated.empty else None,
            "not_managed": not_managed, "managed": managed, "recorded": statements is not None}


def summary(data) -> dict:
    """基本支出 and its 人员经费 and 公用经费 by table 06; None where the report has no such table (a university's
    template): a figure the report does not state is not 0."""
    g = groups(data).set_index("English")
    t06 = data["t06_basic_economic"]
    if t06.empty and "t06" not in data["report"].get("tables", {}):
        return dict.fromkeys(("basic", "personnel", "public"))
    return {"basic": total(t06[t06.level == "class"].amount_wan_yuan),
            "personnel": dec(g.iloc[0]["sum of classes (万元)"]), "public": dec(g.iloc[1]["sum of classes (万元)"])}
