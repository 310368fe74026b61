"""Year and unit: every date and every table names the report's year and unit."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from .core import D0, Finding, compare, place_zh


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
                  "mismatch" if odd else "ok", "; ".join(f"{t}: {n}" for t, n in odd.items()),
                  note_zh="；".join(f"{place_zh(t)}：{n}" for t, n in odd.items()))
