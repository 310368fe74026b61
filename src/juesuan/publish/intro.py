"""The introduction page: what the unit is, and the year's key figures beside the prior year where the report states
it (its sentences and the key-figures table's headers in messages/intro.toml)."""

from __future__ import annotations

import pandas as pd

from .. import i18n
from ..analysis import income, scoring, trends
from ..analysis.numbers import share
from .display import say


def about(data, data_dir=None):
    """What the unit's pages hold: its reports' years, and the latest one's source file and checksum."""
    from ..data.datasets import years

    r = data["report"]
    held = years(data_dir) if data_dir is not None else [r["year"]]
    return say("intro.about", unit=r["unit_zh"], year=r["year"], file=r["source"]["file"],
               sha=r["source"]["sha256"][:12], cur=r["currency_unit"],
               years=i18n.t("common.list_sep").join(str(y) for y in held))


def chapters(data_dir):
    """Each year of the unit with links to its six chapters, and the unit's trends (Markdown linking the built pages,
    .html: Sphinx does not resolve links in a notebook's output)."""
    from ..data.datasets import years
    from .display import text
    from .planning import TOPICS

    lines = []
    for year in sorted(years(data_dir), reverse=True):
        links = i18n.t("common.list_sep").join(f"[{i18n.t(f'book.topic_{t}')}]({year}/{t}.html)" for t in TOPICS)
        lines.append(f"- **{i18n.t('book.year', year=year)}**{i18n.t('intro.colon')}{links}")
    lines.append(f"- [{i18n.t('book.across_years')}](trends.html)")
    return text("\n".join(lines))


ROWS = [  # key (trends.own, or income), the term as published, English, unit
    ("income", "收入合计", "total income", "万元"),
    ("fiscal", "财政拨款收入", "fiscal appropriations", "万元"),
    ("grand_total", "收支总计", "grand total (income plus balances)", "万元"),
    ("expenditure", "支出合计", "total expenditure", "万元"),
    ("basic", "基本支出", "basic expenditure", "万元"),
    ("project", "项目支出", "project expenditure", "万元"),
    ("personnel", "人员经费", "personnel expenses", "万元"),
    ("public", "公用经费", "public operating expenses", "万元"),
    ("three_public", "“三公”经费", "“three public expenses”", "万元"),
    ("procurement", "政府采购", "procurement", "万元"),
    ("sme_share", "中小企业占比", "SME share of procurement", "%"),
    ("score", "绩效自评得分（自评表总分）", "performance self-score, the self-evaluation table's total", "分"),
]


def key_figures(data) -> pd.DataFrame:
    """The year's key figures, each beside the prior year's figure where the report states one (its base-data table's
    previous-year column, or the prior year a stated change implies) and the change; the score told as on every page
    (the 自评表's total, what the prose states where it differs, the total recomputed)."""
    own = trends.own(data)
    i = income.summary(data)
    own.update(income=i["total"], fiscal=i["fiscal"])
    prior = {r["metric"]: r["value"] for r in trends.stated_prior(data)}
    rows = []
    for key, zh, en, unit in ROWS:
        value = own.get(key)
        if value is None:
            continue
        before = prior.get(key)
        change = value - before if before is not None and unit == "万元" else None
        rows.append({"term": zh, "English": en, "this year": value, "prior year": before, "change": change,
                     "change (%)": f"{share(change, before):+}%" if change is not None and before else "—",
                     "unit": unit})
    return pd.DataFrame(rows, dtype=object)


def score_note(data):
    """The self-evaluation score told as on every page (the 自评表's total, what the prose says where it differs,
    the total recomputed): the performance chapter's first finding; None without a 自评表."""
    from ..analysis.highlights import Fact
    from .display import text
    from .findings import sentence

    if not scoring.available(data):
        return None
    return text(sentence(Fact("score", scoring.headline(data))))


def figures_source(data) -> str:
    """The key-figures table's sources: the tables, the text and the annex tables it reads, those the report has
    (a university's four tables have no 06 or 09, nor a self-evaluation)."""
    from .display import source

    tables = data["report"].get("tables", {})
    return source(data, *(t for t in ("t01", "t02", "t03", "t06", "t09") if t in tables), "prose",
                  *(part for part in ("performance_base", "performance")
                    if data["report"].get("sections", {}).get(part, {}).get("found")))


def over_years(data_dir) -> pd.DataFrame:
    """The unit's key figures year by year (analysis.trends.table, without its sources column)."""
    from ..data.datasets import load, years

    table = trends.table({y: load(y, data_dir) for y in years(data_dir)})
    return table.drop(columns=[c for c in ("sources",) if c in table.columns])
