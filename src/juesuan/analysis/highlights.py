"""What a reader should learn first (主要发现): facts computed from a year's data by rules that hold for any report,
each with its figure and its base. A fact is a message key and its values; publish.findings puts it in words
(messages/findings.toml). A rule whose figures the report does not give yields nothing.

Value names say how a value is shown: ``*_wan`` an amount in 万元, ``*_pct`` a percentage, ``*_n`` a count, anything
else as it is (names as published, years, lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from . import basic, budget, changes, income, procurement, scoring, spending
from .numbers import dec, share, total

YUAN_PER_WAN = Decimal(10000)


@dataclass(frozen=True)
class Fact:
    key: str
    values: dict = field(default_factory=dict)


def _direction(value: Decimal) -> str:
    return "up" if value > 0 else "down" if value < 0 else "same"


# ---------------------------------------------------------------------------------------------------------------- money


def change(data, *patterns: str) -> list[Fact]:
    """The change on the prior year the prose states for the first subject matching ``patterns``."""
    c = changes.first(data, *patterns)
    if c is None:
        return []
    if c.change == 0:
        return [Fact("change_same", {"subject": c.subject, "current_wan": c.current, "line": c.line})]
    pct = c.pct_stated if c.pct_stated is not None else c.pct_recomputed
    return [Fact(f"change_{_direction(c.change)}", {
        "subject": c.subject, "current_wan": c.current, "by_wan": abs(c.change), "by_pct": abs(pct) if pct is not None
        else None, "prior_wan": c.prior, "line": c.line})]


def income_sources(data) -> list[Fact]:
    """Total income and its largest source, with that source's share."""
    s = income.summary(data)
    if s["total"] is None or not s["total"]:
        return []
    sources = income.by_source(data)
    ranked = sorted(zip(sources["source (as published)"], sources["amount (万元)"]), key=lambda x: -(x[1] or 0))
    name, amount = ranked[0]
    if amount == s["total"]:
        return [Fact("income_all_one", {"total_wan": s["total"], "source": name})]
    return [Fact("income_largest", {"total_wan": s["total"], "source": name, "amount_wan": amount,
                                    "share_pct": share(amount, s["total"])})]


def largest_function(data, dataset: str = "t03_expenditure") -> list[Fact]:
    """The functional item (项) that takes most of the total, and its share."""
    t = data[dataset]
    whole = total(t[(t.level == "total") & (t.column == "total")].amount_wan_yuan)
    items = t[(t.level == "item") & (t.column == "total")]
    if items.empty or not whole:
        return []
    top = max(items.itertuples(), key=lambda r: r.amount_wan_yuan or 0)
    return [Fact("largest_item", {"code": top.code, "name": top.name_zh, "amount_wan": top.amount_wan_yuan,
                                  "share_pct": share(top.amount_wan_yuan, whole), "total_wan": whole})]


def kinds(data) -> list[Fact]:
    """Basic against project spending, with their shares of the total (table 03)."""
    s = spending.summary(data)
    if s["total"] is None or not s["total"] or s["basic"] is None or s["project"] is None:
        return []
    return [Fact("kinds", {"total_wan": s["total"], "basic_wan": s["basic"], "basic_pct": s["basic_share"],
                           "project_wan": s["project"], "project_pct": s["project_share"]})]


def budget_parts(data) -> list[Fact]:
    """The project budget at the start of the year against the money added during it, what was spent of the
    full-year budget, and what was left unspent; the same for the whole unit where the report states it."""
    f = budget.figures(data)
    out = []
    initial, full, spent = (f[k].value if f[k] else None for k in ("project_initial", "project_full",
                                                                    "project_executed"))
    if full is not None and spent is not None and full:
        values = {"full_wan": full, "spent_wan": spent, "rate_pct": share(spent, full), "unspent_wan": full - spent}
        if initial is not None and initial == 0:
            out.append(Fact("project_all_added", values))
        elif initial is not None:
            out.append(Fact("project_added", {**values, "initial_wan": initial, "added_wan": full - initial,
                                              "added_pct": share(full - initial, full)}))
        else:
            out.append(Fact("project_full", values))
    r = budget.initial_ratio(data)
    if r["initial"] is not None and r["full_year"] is not None and r["executed"] is not None and r["full_year"]:
        out.append(Fact("whole_budget", {"initial_wan": r["initial"], "added_wan": r["full_year"] - r["initial"],
                                         "full_wan": r["full_year"], "spent_wan": r["executed"],
                                         "rate_pct": share(r["executed"], r["full_year"]),
                                         "unspent_wan": r["full_year"] - r["executed"]}))
    return out


_LATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*下达?")


def late_allocations(data) -> list[Fact]:
    """Money the prose says was allocated (下达) in the last quarter of the year, with the date and the line."""
    prose = data["prose_numbers"]
    found = []
    for r in prose[(prose.unit == "万元") & prose.value.notna()].itertuples():
        m = _LATE.search(f"{r.subject_zh or ''}{r.quote_zh or ''}")
        if m and 10 <= int(m.group(1)) <= 12 and "下" in (r.quote_zh or ""):
            found.append({"month": int(m.group(1)), "day": int(m.group(2)), "amount_wan": r.value, "line": r.line})
    if not found:
        return []
    return [Fact("late", {"items": found, "total_wan": total(x["amount_wan"] for x in found), "n": len(found),
                          "line": found[0]["line"]})]


_NAMED_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年(?!度?\s*内)")


def projects(data) -> list[Fact]:
    """How concentrated the project list is, and the projects named for an earlier year that the year's money paid."""
    if not spending.has_projects(data):
        return []
    c = spending.concentration(data)
    out = []
    if c["top10_share"] is not None and c["count"] > 10:
        out.append(Fact("concentration", {"count_n": c["count"], "total_wan": c["total"] / YUAN_PER_WAN,
                                          "top10_pct": c["top10_share"], "k_n": c["for_80pct"]}))
    elif c["count"]:
        out.append(Fact("project_count", {"count_n": c["count"], "total_wan": c["total"] / YUAN_PER_WAN}))
    year = data["report"]["year"]
    earlier = []
    for name, amount in zip(data["projects"].name_zh, data["projects"].amount_yuan):
        named = [int(y) for y in _NAMED_YEAR.findall(name or "")]  # 2023年…项目; not the year of its 〔2024〕 document
        if named and named[0] < year and amount:
            earlier.append((name, named[0], dec(amount)))
    if earlier:
        spent = total(a for *_, a in earlier)
        out.append(Fact("earlier_years", {
            "count_n": len(earlier), "years": sorted({y for _, y, _ in earlier}), "amount_wan": spent / YUAN_PER_WAN,
            "share_pct": share(spent, c["total"]), "year": year,
            "names": [spending.short_name(n) for n, _, _ in sorted(earlier, key=lambda e: -e[2])][:3]}))
    return out


# ---------------------------------------------------------------------------------------------------------------- basic


def personnel(data) -> list[Fact]:
    s = basic.summary(data)
    if not s["basic"]:
        return []
    return [Fact("personnel", {"basic_wan": s["basic"], "personnel_wan": s["personnel"],
                               "personnel_pct": share(s["personnel"], s["basic"]), "public_wan": s["public"],
                               "public_pct": share(s["public"], s["basic"])})]


def largest_items(data, n: int = 3) -> list[Fact]:
    items = basic.items(data)
    if items.empty:
        return []
    top = items.head(n)
    whole = basic.summary(data)["basic"]
    return [Fact("largest_economic", {"items": list(zip(top["科目名称"], top["amount (万元)"])),
                                      "share_pct": share(total(top["amount (万元)"]), whole), "n": len(top)})]


def per_head(data) -> list[Fact]:
    base = basic.head_base(data)
    if not base["people"]:
        return []
    heads = basic.per_head(data).set_index("code")
    wages = heads.loc["301", "per head (万元)"] if "301" in heads.index else None
    if wages is None:
        return []
    return [Fact("per_head", {"people_n": base["people"], "kind": base["kind"], "wages_wan": wages,
                              "amount_wan": heads.loc["301", "amount (万元)"], "line": base["line"]})]


def three_public(data) -> list[Fact]:
    t = basic.three_public(data).set_index("item")
    if "合计" not in t.index:
        return []
    row = t.loc["合计"]
    budget_, actual, prior = row["budget (万元)"], row["actual (万元)"], row["prior year (万元)"]
    if actual is None:
        return []
    values = {"actual_wan": actual, "budget_wan": budget_, "rate_pct": share(actual, budget_) if budget_ else None,
              "prior_wan": prior}
    return [Fact("three_public" + ("_prior" if prior is not None else ""), values)]


def running_costs(data) -> list[Fact]:
    rc = basic.running_costs_status(data)
    if rc["not_managed"] and not rc["amount"]:
        return [Fact("running_none", {"line": rc["not_managed"]["line"]})]
    if rc["amount"]:
        return [Fact("running", {"amount_wan": rc["amount"], "line": rc["line"]})]
    return []


# ---------------------------------------------------------------------------------------------------------- procurement


def procurement_facts(data) -> list[Fact]:
    if not procurement.available(data):
        return []
    s = procurement.summary(data)
    spent = spending.summary(data)["total"]
    out = [Fact("procurement", {"total_wan": s["total"], "share_pct": share(s["total"], spent) if spent else None,
                                "spent_wan": spent})]
    if s["sme_share"] is not None:
        out.append(Fact("sme", {"sme_wan": s["sme_amount"], "sme_pct": s["sme_share"], "total_wan": s["total"]}))
    low = procurement.lowest_category(data)
    if low is not None:
        out.append(Fact("sme_low" if low["share"] < 50 else "sme_lowest", {
            "category": low["zh"], "category_en": low["en"], "base_wan": low["base"], "share_pct": low["share"],
            "rest_pct": Decimal(100) - low["share"]}))
    small = procurement.small_micro(data).iloc[0]
    stated = small["share of SME awards (stated)"]
    if small["small & micro amount (万元)"] is not None and isinstance(stated, str) and stated.endswith("%"):
        out.append(Fact("small_micro", {"amount_wan": small["small & micro amount (万元)"], "share": stated}))
    return out


# ---------------------------------------------------------------------------------------------------------- performance


def performance_facts(data) -> list[Fact]:
    if not scoring.available(data):
        return []
    out = [Fact("score", scoring.headline(data))]
    k = scoring.kind_counts(data)
    if k["indicators"]:
        if k["full"] == k["indicators"]:
            out.append(Fact("full_marks_all", {"n_n": k["indicators"]}))
        else:
            out.append(Fact("full_marks_some", {"full_n": k["full"], "n_n": k["indicators"],
                                                "below_n": k["indicators"] - k["full"]}))
        out.append(Fact("indicator_kinds", {"quantitative_n": k["quantitative"], "qualitative_n": k["qualitative"]}))
    b = scoring.budget_recomputed(data)
    if b["score"] is not None and b["stated"] is not None and b["score"] != b["stated"]:
        out.append(Fact("budget_score", {"rate_pct": scoring.rate_pct(b["rate"]), "weight": b["weight"],
                                         "stated": b["stated"], "recomputed": b["score"]}))
    return out


# --------------------------------------------------------------------------------------------------------- across years


def trend_facts(datas: dict) -> list[Fact]:
    """Each key figure from its earliest year in the book to its latest, where two years are known."""
    from .trends import changes as year_changes

    out = []
    for c in year_changes(datas):
        key = "trend_same" if c["change"] == 0 else f"trend_{_direction(c['change'])}"
        out.append(Fact(key, {"subject": c["zh"], "from_year": c["from_year"], "from_wan": c["from"],
                              "to_year": c["to_year"], "to_wan": c["to"], "by_wan": abs(c["change"]),
                              "by_pct": abs(c["pct"]) if c["pct"] is not None else None}))
    return out
