"""Procurement and SME shares chapter (政府采购与中小企业)."""

from __future__ import annotations

import pandas as pd

from .. import i18n
from .numbers import dec, pct, rounded, share, stated_pct, table_total

CATEGORIES = [("goods", "货物"), ("works", "工程"), ("services", "服务")]
SME_SOURCES = {  # sme_awarded's how: its message
    "stated": "procurement.how_stated", "reserved + other projects, as stated": "procurement.how_reserved_other",
    "not stated": "procurement.how_not_stated"}


def _get(data, metric: str, category: str, field: str):
    p = data["procurement"]
    row = p[(p.metric == metric) & (p.category == category)]
    return None if row.empty else row[field].iloc[0]


def available(data) -> bool:
    return _get(data, "purchases", "all", "amount_wan_yuan") is not None


def sme_awarded(data):
    """(amount, how): the SME award as stated, or as the sum of the awards in reserved and other projects."""
    stated = _get(data, "sme_awarded", "all", "amount_wan_yuan")
    if stated is not None:
        return stated, "stated"
    parts = [_get(data, m, "all", "amount_wan_yuan") for m in ("sme_awarded_reserved", "sme_awarded_other")]
    if all(p is None for p in parts):
        return None, "not stated"
    return sum((p for p in parts if p is not None), dec(0)), "reserved + other projects, as stated"


def categories(data) -> pd.DataFrame:
    whole = _get(data, "purchases", "all", "amount_wan_yuan")
    rows = []
    for cat, zh in CATEGORIES:
        amount = _get(data, "purchases", cat, "amount_wan_yuan")
        rows.append({"category": zh, "English": cat, "amount (万元)": amount,
                     "share of procurement": pct(share(amount, whole)) if amount is not None and whole else "n/a"})
    rows.append({"category": "合计", "English": "total", "amount (万元)": whole, "share of procurement": "100.00%"
                 if whole else "n/a"})
    return pd.DataFrame(rows)


def sme_shares(data) -> pd.DataFrame:
    """SME shares per category as stated, with the amounts they imply (share x base), and a total row whose implied
    amount is the sum of the rows above it (the SME amount the report states stands beside it). A share stated on
    a zero base is shown as stated and marked so; it implies no amount."""
    rows = []
    whole = _get(data, "purchases", "all", "amount_wan_yuan")
    stated_all = _get(data, "sme_awarded", "all", "share_pct")
    sme_amount, _ = sme_awarded(data)
    implied = []
    for cat, zh in CATEGORIES:
        base = _get(data, "purchases", cat, "amount_wan_yuan")
        stated = _get(data, "sme_awarded", cat, "share_pct")
        amount = rounded(base * stated / 100) if base is not None and stated is not None else None
        implied.append(amount)
        rows.append({"category": f"{zh} {cat}", "base (万元)": base, "SME share (stated)": stated_pct(stated, base),
                     "SME amount (stated, 万元)": _get(data, "sme_awarded", cat, "amount_wan_yuan"),
                     "SME amount (implied, 万元)": amount})
    rows.insert(0, {"category": "合计 total", "base (万元)": whole, "SME share (stated)": stated_pct(stated_all, whole),
                    "SME amount (stated, 万元)": sme_amount,
                    "SME amount (implied, 万元)": None if any(a is None for a in implied) else sum(implied, dec(0))})
    return pd.DataFrame(rows)


def implied_total(data) -> dict:
    """The SME award three ways: as stated, as the overall share implies it (share x total), and as the categories'
    shares imply it (the sum of share x base), each to 0.01 万元."""
    whole = _get(data, "purchases", "all", "amount_wan_yuan")
    stated_all = _get(data, "sme_awarded", "all", "share_pct")
    by_rows = sme_shares(data)["SME amount (implied, 万元)"].iloc[0]
    return {"stated": sme_awarded(data)[0], "by_share": rounded(whole * stated_all / 100)
            if whole is not None and stated_all is not None else None, "by_categories": by_rows}


_SHARE_NAMES = {"sme_awarded": "procurement.share_sme", "small_micro_awarded": "procurement.share_small_micro"}


def how(source: str) -> str:
    """How the SME award was found (``sme_awarded``'s second value), in the page's language."""
    return i18n.t(SME_SOURCES[source])


def zero_bases(data) -> pd.DataFrame:
    """Every share the report states on a zero base: its category, the share as stated (named in the page's
    language), and the line."""
    p = data["procurement"]
    rows = []
    for _, r in p[p.share_pct.notna()].iterrows():
        metric, _, category = (r.share_of or "").partition("/")
        base = _get(data, metric, category, "amount_wan_yuan") if metric else None
        if base is not None and dec(base) == 0:
            name = i18n.t(_SHARE_NAMES[r.metric]) if r.metric in _SHARE_NAMES else r.metric
            zh = dict(CATEGORIES).get(r.category, "")
            share_name = i18n.t("procurement.share_of", name=name, zh=zh, category=r.category).replace("  ", " ")
            rows.append({"share": share_name, "of": r.share_of, "stated": f"{r.share_pct}%",
                         "base (万元)": base, "quote": r.quote_zh, "line": r.line})
    return pd.DataFrame(rows, columns=["share", "of", "stated", "base (万元)", "quote", "line"])


def small_micro(data) -> pd.DataFrame:
    sme = _get(data, "sme_awarded", "all", "amount_wan_yuan")
    amount = _get(data, "small_micro_awarded", "all", "amount_wan_yuan")
    stated = _get(data, "small_micro_awarded", "all", "share_pct")
    whole = _get(data, "purchases", "all", "amount_wan_yuan")
    return pd.DataFrame([{
        "small & micro amount (万元)": amount, "share of SME awards (stated)": stated_pct(stated, sme),
        "share of SME awards (recomputed)": pct(share(amount, sme)) if amount is not None and sme is not None else "n/a",
        "share of all procurement": pct(share(amount, whole)) if amount is not None and whole else "n/a",
    }])


def in_context(data) -> pd.DataFrame:
    """Procurement against total expenditure, and against the prior year where the report states it."""
    whole = _get(data, "purchases", "all", "amount_wan_yuan")
    t03 = data["t03_expenditure"]
    spend = table_total(t03)
    year = data["report"]["year"]
    base = data["performance_base"]
    prior = base[(base.item_zh == "政府采购金额") & (base.column_zh == f"{year - 1}年决算数")]
    prior_value = prior.value.iloc[0] if not prior.empty else None
    return pd.DataFrame({
        "figure": ["procurement (万元)", "total expenditure, table 03 (万元)", "procurement / expenditure",
                   i18n.t("procurement.prior_year_row", year=year - 1), "change on prior year (万元)",
                   "change on prior year (%)"],
        "value": [whole, spend, pct(share(whole, spend)) if whole is not None else "n/a", prior_value,
                  (whole - prior_value) if whole is not None and prior_value is not None else None,
                  pct(share(whole - prior_value, prior_value)) if whole is not None and prior_value else "n/a"],
    })


def lowest_category(data) -> dict | None:
    """The category with the smallest SME share the report states, among those with purchases (a share of a zero
    base says nothing); None when fewer than two categories have one."""
    stated = []
    for cat, zh in CATEGORIES:
        base = _get(data, "purchases", cat, "amount_wan_yuan")
        share_ = _get(data, "sme_awarded", cat, "share_pct")
        if base and share_ is not None:
            stated.append({"category": cat, "zh": zh, "en": cat, "base": base, "share": share_})
    return min(stated, key=lambda s: s["share"]) if len(stated) >= 2 else None


def summary(data) -> dict:
    total = _get(data, "purchases", "all", "amount_wan_yuan")
    amount, how = sme_awarded(data)
    stated = _get(data, "sme_awarded", "all", "share_pct")
    if stated is None and amount is not None and total:
        stated = share(amount, total)
    return {"total": total, "sme_share": stated, "sme_amount": amount, "sme_source": how}
