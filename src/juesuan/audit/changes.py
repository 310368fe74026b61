"""Changes on the prior year the prose states (增加 X 万元，增长 Y%): the percentage follows from the amounts, and the
prior year they imply agrees wherever it is implied."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..analysis.numbers import rounded
from ..data.vocab import DOWN, UP, three_item
from .core import D0, Finding, compare, line_list, share_tolerance, special, step, truncated
from .prose import _consequence, misstated, subject_key


_CHANGE_WORDS = re.compile(rf"{UP}|{DOWN}|与上年相比|比上年|同比|较上年|比\d{{4}}年度?|(与|较)\d{{4}}年度?相比|减")


def _same_subject(change, current) -> bool:
    """Whether a change (…支出决算增加 21.90 万元) is of the figure before it: the change names no subject of its own,
    or the same one (a 三公 item by the same item)."""
    own = _CHANGE_WORDS.sub("", subject_key(change.subject_zh))
    if not own:
        return True
    other = subject_key(current.subject_zh)
    if own in other or (other and other in own):
        return True
    a, b = three_item(own), three_item(other)
    return a is not None and a == b


def prose_changes(data) -> Iterator[Finding]:
    """Year-on-year changes: the percentage follows from the amounts (a percentage computed from a misstated figure
    follows from that error), and implied prior years agree."""
    prose = data["prose_numbers"]
    wrong = misstated(data)
    priors = []
    sections = {s: list(g.itertuples()) for s, g in prose.groupby(prose.section_zh.fillna(""), sort=False)}
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "change_amount":
                continue
            current = next((p for p in reversed(rows[:i]) if p.metric in ("total", "actual", "amount")
                            and p.unit == r.unit and _same_subject(r, p)), None)
            if current is None and _CHANGE_WORDS.sub("", subject_key(r.subject_zh)):
                # a change that names its subject, whose figure the paragraph before states (三公 items: 决算为 X
                # above, 比2024年度增加 Y below): the nearest figure of that subject earlier in the section
                earlier = [p for p in sections.get(r.section_zh or "", []) if p.seq < r.seq and p.line != line]
                current = next((p for p in reversed(earlier) if p.metric in ("total", "actual", "amount")
                                and p.unit == r.unit and _same_subject(r, p)), None)
            pct = next((p for p in rows[i + 1:] if p.metric == "change_pct"), None)
            if current is None:
                yield special(f"prose.change.{line}.{r.seq}", "prose", "A stated change against its current figure",
                              "同比变动", f"prose line {line}", "missing_data", f"«{r.quote_zh}»")
                continue
            signed = r.value if r.direction == "increase" else -r.value
            prior = current.value - signed
            # filed under the figure's own subject; a bare 支出决算 is the subject the sentence began with (三公…)
            subject = subject_key(current.subject_zh)
            if re.fullmatch(r"(支出)?(决算|执行)?数?|支出", subject):
                mine = rows if current.line == line else sections.get(r.section_zh or "", [])
                subject = subject_key(next((p for p in mine if p.line == current.line and p.metric != "year"
                                            and p.unit == r.unit), current).subject_zh)
            priors.append((subject, prior, line, r.section_zh))
            if pct is None:
                continue
            if prior == 0:
                yield _zero_base_change(line, r, pct)
                continue

            def change(values, r=r, line=line, pct=pct):
                current_value, change_value = values
                size = change_value if r.direction == "increase" else -change_value
                before = current_value - size
                if before == 0:
                    return special(f"prose.change_pct.{line}.{r.seq}", "prose", "", "", "", "not_applicable")
                return compare(f"prose.change_pct.{line}.{r.seq}", "prose",
                               "The stated change in percent follows from the amounts", "变动率=变动额/上年数",
                               f"prose line {line}", rounded(abs(size) * 100 / before, step(pct.value)), pct.value,
                               share_tolerance(abs(size), before, step(pct.value)),
                               f"prior year implied {before}; «{pct.quote_zh}»", f"推算的上年数为 {before}；«{pct.quote_zh}»",
                               exact=abs(size) * 100 / before)
            yield truncated(_consequence(change([current.value, r.value]), wrong, [current, r], change))
    # the same prior-year figure, implied in different places
    by_value: dict[Decimal, list] = {}
    for subject, prior, line, section in priors:
        by_value.setdefault(subject, []).append((prior, line))
    for subject, found in by_value.items():
        values = {p for p, _ in found}
        if len(found) > 1:
            status = "ok" if len(values) == 1 else "mismatch"
            yield Finding(f"prose.prior.{subject}", "prose", f"Prior-year {subject} implied in different places agree",
                          f"各处隐含的上年{subject}一致", "prose lines " + line_list(*[ln for _, ln in found]),
                          found[0][0], max(values, key=lambda v: abs(v - found[0][0])),
                          max(values) - min(values), D0, status)
    yield from _three_prior(data, priors)


def _zero_base_change(line, change, pct) -> Finding:
    """A change in percent of a zero prior year: undefined, so not applicable; but 增长100% (or any rise in percent)
    from nothing is a wording error: a rise from zero has no percentage (say 新增, or the amount alone)."""
    fid = f"prose.change_pct.{line}.{change.seq}"
    if change.direction == "increase" and pct.value != 0:
        return special(fid, "wording", "A rise from a zero prior year is stated in percent",
                       "上年为零却表述为增长百分比", f"prose line {line}", "mismatch",
                       f"the prior year implied is 0 (the change {change.value} equals this year's figure): a "
                       f"rise from nothing has no percentage; «{pct.quote_zh}»", found=pct.value,
                       expected=f"删去“{pct.quote_zh}”，说明上年无此项支出（新增 {change.value} 万元）",
                       note_zh=f"推算的上年数为 0（增加额 {change.value} 等于本年数），从零增长无法计算百分比；"
                       f"«{pct.quote_zh}»")
    return special(fid, "prose", "A change in percent of a zero prior year", "上年为零的变动率", f"prose line {line}",
                   "not_applicable", f"«{pct.quote_zh}»")


def _three_prior(data, priors) -> Iterator[Finding]:
    base = data["performance_base"]
    year = data["report"]["year"]
    row = base[(base.item_zh == "三公经费") & (base.column_zh == f"{year - 1}年决算数")]
    implied = [p for s, p, ln, sec in priors if "三公" in (sec or "") and "三公" in s]
    if row.empty or not implied:
        return
    yield compare("prose.prior.three_public", "prose", "Prior-year 三公 implied by the prose equals the base-data table",
                  "情况说明隐含的上年三公经费=绩效基础数据表上年决算数", f"performance_base line {row.line.iloc[0]}",
                  row.value.iloc[0], implied[0])
