"""The shares the prose states (占…的 X%) against their base, and the shares listed together that add up to 100%."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from ..analysis.numbers import rounded
from ..text import key
from .core import Finding, compare, fsum, noted, place_zh, share_tolerance, special, step, truncated
from .prose import _consequence, _lookup, _names, misstated


def _section_base(rows, i, part):
    """The base a share without a named base is of: the section's first total (or first amount) before it."""
    first = next((p for p in rows[:i] if p.metric == "total" and p.unit == "万元"), None) or \
        next((p for p in rows[:i] if p.metric in ("amount", "total") and p.unit == "万元"), None)
    return None if first is None or first is part else first


def prose_shares(data) -> Iterator[Finding]:
    """A stated share against its base: the base the sentence names (占基本支出的…), else the section's first
    total (or first amount), which is how the 情况说明 introduce a breakdown. A share that is wrong on the base it
    names but right on the section's total says so: the sentence misnames its base. Shares of one base listed together
    that add up to exactly 100.00%, one of them 0.01 off its own rounding so that they do, follow standard practice
    (尾差调整): a note, not an error."""
    found = list(_shares(data))
    groups: dict[tuple, list[Finding]] = {}
    for finding, group in found:
        groups.setdefault(group, []).append(finding)
    for finding, group in found:
        yield truncated(_tail(finding, groups[group]))  # a share printed truncated, unless it is the tail adjusted


def _tail(finding: Finding, group: list[Finding]) -> Finding:
    """The share adjusted so that the shares listed with it add up to 100.00% (尾差调整) is a note."""
    if finding.status != "mismatch" or finding.difference is None or not isinstance(finding.found, Decimal):
        return finding
    listed = [f for f in group if isinstance(f.found, Decimal) and isinstance(f.expected, Decimal)]
    others = [f for f in listed if f is not finding]
    if not others or any(f.status not in ("ok", "rounding") for f in others) \
            or abs(finding.difference) != step(finding.found):
        return finding
    printed, right = fsum(f.found for f in listed), fsum(f.expected for f in listed)
    if printed != 100 or right == 100:
        return finding
    shares = " + ".join(str(f.found) for f in listed)
    return noted(finding, f"tail adjustment (尾差调整): the {len(listed)} shares listed together add up to exactly 100% "
                          f"({shares}), and rounded each on its own they would add up to {right}%",
                 f"尾差调整：并列的 {len(listed)} 项占比合计恰为 100%（{shares}），各自四舍五入则合计为 {right}%，"
                 "调整其中一项属通行做法")


def _shares(data) -> Iterator[tuple[Finding, tuple]]:
    """Each stated share's finding, with the group of shares listed with it: its section and base."""
    prose = data["prose_numbers"]
    names = _names(data)
    wrong = misstated(data)
    sections = prose.section_zh.fillna("")
    procured = set(data["procurement"].line) if "procurement" in data else set()  # checked by proc.share instead
    for section in dict.fromkeys(sections):
        rows = list(prose[sections == section].itertuples())
        for i, r in enumerate(rows):
            if r.metric != "share" or "采购" in section or r.line in procured:
                continue
            part = next((p for p in reversed(rows[:i]) if p.metric in ("amount", "total", "actual")
                         and p.unit == "万元" and p.line == r.line), None)
            if part is None:
                continue  # a share of something the sentence gives no amount for (a narrative statistic)
            fid = f"prose.share.{r.line}.{r.seq}"
            base_name = re.search(r"占(.+?)的", key(r.subject_zh or "") + "的")
            alternative = None
            if base_name and base_name.group(1) not in ("", "比"):
                hit = _lookup(names, section, base_name.group(1))
                if hit is None:
                    yield special(fid, "prose", "A stated share against its base", "情况说明所述占比",
                                  f"prose line {r.line}", "missing_data", f"no table states the base it names, "
                                  f"«{base_name.group(1)}»; «{r.quote_zh}»", found=r.value,
                                  note_zh=f"句中所称的基数«{base_name.group(1)}»不见于任何一张表；«{r.quote_zh}»"), ()
                    continue
                whole, where, base = hit[1][0], f"base {hit[0]}, {hit[1][1]}", None
                alternative = _section_base(rows, i, part)
            else:
                base = _section_base(rows, i, part)
                if base is None:
                    yield special(fid, "prose", "A stated share against its base", "情况说明所述占比",
                                  f"prose line {r.line}", "missing_data", f"no base in the section; «{r.quote_zh}»",
                                  found=r.value, note_zh=f"该部分没有可作基数的数字；«{r.quote_zh}»"), ()
                    continue
                whole, where = base.value, f"base prose line {base.line}"
            if whole == 0:
                yield special(fid, "prose", "A stated share of a zero base", "零基数的占比", f"prose line {r.line}",
                              "not_applicable", f"stated as {r.value}% of a zero base ({where}); a share of zero is "
                              f"undefined; «{r.quote_zh}»", found=r.value, note_zh=f"所列占比 {r.value}% 的基数为零"
                              f"（{place_zh(where.removeprefix('base '))}），以零为基数的占比没有意义；«{r.quote_zh}»"), ()
                continue

            def share(values, r=r, where=where, fid=fid, part=part):
                part_value, whole_value = values
                return compare(fid, "prose", f"Stated share of {part.subject_zh or part.quote_zh} is its amount over "
                               "the base", f"{part.subject_zh}占比=金额/基数", f"prose line {r.line}; {where}",
                               rounded(part_value * 100 / whole_value, step(r.value)), r.value,
                               share_tolerance(part_value, whole_value, step(r.value)), f"«{r.quote_zh}»",
                               exact=part_value * 100 / whole_value)
            finding = _consequence(share([part.value, whole]), wrong, [part] + ([base] if base else []), share)
            if finding.status == "mismatch" and alternative is not None and alternative.value:
                other = rounded(part.value * 100 / alternative.value, step(r.value))
                if abs(other - r.value) <= share_tolerance(part.value, alternative.value, step(r.value)):
                    finding = replace(finding, note=f"{r.value}% is the share of «{alternative.quote_zh}» (prose line "
                                      f"{alternative.line}), not of the base the sentence names; {finding.note}",
                                      note_zh=f"{r.value}% 是占«{alternative.quote_zh}»（文字说明第 {alternative.line} 行）"
                                      f"的比重，而非占句中所称基数的比重；{finding.zh_note}")
            yield finding, (section, where)
