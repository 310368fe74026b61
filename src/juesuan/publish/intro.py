"""The introduction page: what the unit is, and the year's key figures (its sentences and the key-figures table's
headers in messages/intro.toml)."""

from __future__ import annotations

import pandas as pd

from ..analysis import basic, income, procurement, scoring, spending
from .display import say
from ..analysis.numbers import pct


def about(data):
    r = data["report"]
    return say("intro.about",
               unit=r["unit_zh"], year=r["year"], file=r["source"]["file"], sha=r["source"]["sha256"][:12],
               cur=r["currency_unit"])


def key_figures(data) -> pd.DataFrame:
    i, s, b, p, sc = (income.summary(data), spending.summary(data), basic.summary(data), procurement.summary(data),
                      scoring.summary(data))
    rows = [
        ("收入合计", "total income", i["total"], "万元"),
        ("财政拨款收入", "fiscal appropriations", i["fiscal"], "万元"),
        ("支出合计", "total expenditure", s["total"], "万元"),
        ("基本支出", "basic expenditure", s["basic"], "万元"),
        ("项目支出", "project expenditure", s["project"], "万元"),
        ("项目支出占比", "project share of expenditure", pct(s["project_share"]), ""),
        ("人员经费", "personnel expenses", b["personnel"], "万元"),
        ("公用经费", "public operating expenses", b["public"], "万元"),
        ("政府采购", "procurement", p["total"], "万元"),
        ("中小企业占比", "SME share of procurement", pct(p["sme_share"]), ""),
        ("绩效自评得分", "performance self-score (table)", sc["stated"], "points"),
    ]
    return pd.DataFrame(rows, columns=["term", "English", "value", "unit"])
