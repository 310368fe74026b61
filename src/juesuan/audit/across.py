"""Across years: a later report's prior-year figures against that year's own report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .core import Finding, compare, status_name

if TYPE_CHECKING:
    import pandas as pd


def across_years(datas: dict[int, dict]) -> list[Finding]:
    """Reports about the same year: a later report's prior-year figures against that year's own report."""
    from ..analysis import trends

    findings = []
    terms = {key: zh for key, zh, _ in trends.METRICS}
    english = {key: en for key, _, en in trends.METRICS}
    for year, data in sorted(datas.items()):
        previous = datas.get(year - 1)
        if previous is None:
            continue
        mine = trends.own(previous)
        for r in trends.stated_prior(data):
            if mine.get(r["metric"]) is None:
                continue
            findings.append(compare(f"across.{year - 1}.{r['metric']}.{len(findings)}", "across",
                                    f"{year - 1} {terms[r['metric']]} ({english[r['metric']]}): the {year} report "
                                    f"against the {year - 1} report",
                                    f"{year}年报告所述{year - 1}年{terms[r['metric']]}与{year - 1}年报告一致", r["source"],
                                    mine[r["metric"]], r["value"]))
    return findings


def disagreements(datas) -> pd.DataFrame:
    """Where a report's statement about its previous year differs from that year's own report (the status and
    the check in the page's language)."""
    import pandas as pd

    from .. import i18n

    found = across_years(datas)
    zh = i18n.lang() == "zh"
    return pd.DataFrame([{"status": status_name(f.status), "check": f.title_zh if zh else f.title_en,
                          "expected (own report)": f.expected,
                          "found (later report)": f.found, "difference": f.difference, "sources": f.sources}
                         for f in found])
