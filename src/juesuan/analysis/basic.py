"""Basic-expense composition chapter (基本支出构成): 人员经费 vs 公用经费, economic items, per staff, 三公, 机关运行经费."""

from __future__ import annotations

import pandas as pd

from ..data.glossary import english as en
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


def per_staff(data) -> pd.DataFrame:
    """Basic expenditure and its groups per person, for each staff count the report states."""
    t06 = data["t06_basic_economic"]
    classes = t06[t06.level == "class"]
    basic = total(classes.amount_wan_yuan)
    personnel = total(classes[classes.group == "personnel"].amount_wan_yuan)
    public = total(classes[classes.group == "public"].amount_wan_yuan)
    rows = []
    for s in data["report"].get("staff", []):
        n = s["count"]
        per = (lambda v: rounded(v / n)) if n else (lambda v: None)
        rows.append({"staff count (as published)": s["label_zh"], "source": s["source"], "people": n,
                     "basic per person (万元)": per(basic), "personnel per person (万元)": per(personnel),
                     "public per person (万元)": per(public), "report line": s["line"]})
    return pd.DataFrame(rows)


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


_PRIOR_ITEMS = {"三公经费": "total", "出国经费": "outbound", "公务用车购置和维护经费": "vehicles", "公车购置": "vehicle_purchase",
                "公车运行维护": "vehicle_operation", "公务接待": "reception"}


def _prior_three_public(data) -> dict:
    """Prior-year 三公 figures from the performance base-data table's 决算 column of the previous year."""
    base = data["performance_base"]
    year = data["report"]["year"]
    out = {}
    for item, column, value in zip(base.item_zh, base.column_zh, base.value):
        name = item.split("、")[-1].replace("其中：", "").replace("其中:", "")
        if column == f"{year - 1}年决算数" and name in _PRIOR_ITEMS:
            out[_PRIOR_ITEMS[name]] = value
    return out


def running_costs(data) -> pd.DataFrame:
    """机关运行经费 as the prose states it."""
    prose = data["prose_numbers"]
    rows = prose[prose.section_zh.str.contains("机关运行经费", regex=False) & prose.value.notna()]
    return pd.DataFrame({"metric": rows.metric.values, "subject (as published)": rows.subject_zh.values,
                         "value": rows.value.values, "unit": rows.unit.values, "line": rows.line.values})


def summary(data) -> dict:
    g = groups(data).set_index("English")
    t06 = data["t06_basic_economic"]
    return {"basic": total(t06[t06.level == "class"].amount_wan_yuan),
            "personnel": dec(g.iloc[0]["sum of classes (万元)"]), "public": dec(g.iloc[1]["sum of classes (万元)"])}
