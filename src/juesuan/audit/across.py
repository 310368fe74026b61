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


def overlaps(datas: dict[int, dict]) -> list[dict]:
    """Each year described by two reports of the book (its own, and the next year's statement of its figures), with
    how many figures both give and how many of them differ: year, later (the year of the later report), compared,
    differ."""
    out: dict[int, dict] = {}
    for f in across_years(datas):
        year = int(f.id.split(".")[1])
        o = out.setdefault(year, {"year": year, "later": year + 1, "compared": 0, "differ": 0})
        o["compared"] += 1
        o["differ"] += f.status != "ok"
    return [out[y] for y in sorted(out)]


def disagreements(datas) -> pd.DataFrame:
    """Where a report's statement about its previous year differs from that year's own report, by any amount (the
    status and the check in the page's language): the figures that agree are counted by overlaps, not listed."""
    import pandas as pd

    from .. import i18n

    found = [f for f in across_years(datas) if f.status != "ok"]
    zh = i18n.lang() == "zh"
    return pd.DataFrame([{"status": status_name(f.status), "check": f.title_zh if zh else f.title_en,
                          "expected (own report)": f.expected,
                          "found (later report)": f.found, "difference": f.difference, "sources": f.sources}
                         for f in found])
