"""Procurement figures: categories against the total, SME shares against their amounts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..analysis.numbers import envelope, rounded, step
from .core import D0, Finding, HALF, compare, fsum, share_tolerance, special, stated


CATEGORY_ZH = {"goods": "货物", "works": "工程", "services": "服务"}


def _proc(data, metric, category):
    p = data["procurement"]
    row = p[(p.metric == metric) & (p.category == category)]
    return row.iloc[0] if len(row) else None


WHO = {"sme_awarded": "SMEs (中小企业)", "small_micro_awarded": "small and micro enterprises (小微企业)"}


def procurement(data) -> Iterator[Finding]:
    total = _proc(data, "purchases", "all")
    cats = [_proc(data, "purchases", c) for c in ("goods", "works", "services")]
    if total is None:
        yield special("proc.total", "procurement", "Procurement figures", "政府采购", "prose", "missing_data",
                      "the report states no procurement total", note_zh="报告未列政府采购支出总额")
        return
    amounts = [c.amount_wan_yuan for c in cats if c is not None]
    yield compare("proc.categories", "procurement", "Goods + works + services = procurement total",
                  "货物+工程+服务=政府采购支出总额", f"prose line {total.line}",
                  fsum(amounts) if len(amounts) == 3 else None, total.amount_wan_yuan, envelope(3))
    for metric, base in (("sme_awarded", total), ("small_micro_awarded", _proc(data, "sme_awarded", "all"))):
        r = _proc(data, metric, "all")
        if r is None or base is None or r.share_pct is None:
            continue
        if base.amount_wan_yuan == 0:
            yield special(f"proc.share.{metric}", "procurement", f"A share awarded to {WHO.get(metric, metric)} of a zero base",
                          "零基数占比",
                          f"prose line {r.line}", "not_applicable", f"the report states {r.share_pct}%",
                          note_zh=f"基数为零，报告所列占比为 {r.share_pct}%")
            continue
        yield compare(f"proc.share.{metric}", "procurement",
                      f"The stated share awarded to {WHO.get(metric, metric)} is its amount over its base",
                      "中小企业（小微企业）占比=合同金额/基数", f"prose line {r.line}",
                      rounded(r.amount_wan_yuan * 100 / base.amount_wan_yuan, step(r.share_pct)), r.share_pct,
                      share_tolerance(r.amount_wan_yuan, base.amount_wan_yuan, step(r.share_pct)))
    implied, tol, usable = D0, HALF, True
    for category, cat in zip(("goods", "works", "services"), cats):
        share = _proc(data, "sme_awarded", category)
        if cat is None or share is None or share.share_pct is None:
            usable = False
            continue
        if cat.amount_wan_yuan == 0:
            yield special(f"proc.share.sme.{category}", "procurement", f"SME share of {category}: a zero base",
                          f"{CATEGORY_ZH[category]}中小企业占比：零基数", f"prose line {share.line}", "not_applicable",
                          f"the report states {share.share_pct}% of 0.00 万元", found=share.share_pct,
                          note_zh=f"报告所列为 0.00 万元的 {share.share_pct}%")
            continue
        implied += cat.amount_wan_yuan * share.share_pct / 100
        tol += cat.amount_wan_yuan * HALF / 100 + share.share_pct / 100 * HALF
    sme = _proc(data, "sme_awarded", "all")
    if usable and sme is not None and sme.amount_wan_yuan is not None:
        yield compare("proc.sme.implied", "procurement",
                      "Amounts implied by the per-category SME shares add up to the SME total",
                      "按各类占比推算的中小企业合同金额之和=中小企业合同金额", f"prose line {sme.line}",
                      implied.quantize(Decimal("0.01")), sme.amount_wan_yuan, tol.quantize(Decimal("0.01")))
    base = data["performance_base"]
    year = data["report"]["year"]
    rows = base[base.item_zh.str.contains("政府采购")]
    row = rows[rows.column_zh == f"{year}年决算数"]
    planned = rows[rows.column_zh == f"{year}年预算数"]
    if len(row):
        yield stated("proc.base_table", "procurement", "Procurement in the prose equals the base-data table",
                     "政府采购支出总额=绩效基础数据表政府采购金额", f"prose line {total.line}; performance_base line "
                     f"{row.line.iloc[0]}", total.amount_wan_yuan, row.value.iloc[0])
    ind = data["performance_indicators"]
    rate = ind[ind.level3_zh.fillna("").str.contains("政府采购执行率")]
    if len(row) and len(planned) and planned.value.iloc[0] and len(rate):
        actual = _number(rate.actual.iloc[0])
        if actual is not None:
            exact = (row.value.iloc[0] / planned.value.iloc[0] * (100 if actual > 2 else 1)).quantize(Decimal("0.000001"))
            yield stated("proc.execution", "procurement", "The 自评表's procurement execution rate is executed over "
                         "planned procurement", "政府采购执行率=政府采购决算数/预算数", f"performance line "
                         f"{rate.line.iloc[0]}; performance_base line {row.line.iloc[0]}", exact, actual,
                         note=f"{row.value.iloc[0]} / {planned.value.iloc[0]}",
                         note_zh=f"{row.value.iloc[0]} ÷ {planned.value.iloc[0]}")


def _number(text) -> Decimal | None:
    """An indicator's actual value when it is a plain number (1, 0.97, 96.5%), else None."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(%|％)?\s*", str(text or ""))
    return Decimal(m.group(1)) if m else None
