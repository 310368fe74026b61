"""Year-on-year changes the prose states (与上年相比，减少 765.34 万元，降低 21.63%): each with the figure it is a change
of, the prior year it implies, and the stated and recomputed percentages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..data.vocab import DOWN, UP
from ..text import key
from .numbers import share

_LEAD = re.compile(r"^(.*\d{4}年度?)?(本部门|本单位|我单位|我中心)?(其中|主要包括|包括|共|整体)*")
_CHANGE_WORDS = re.compile(rf"{UP}|{DOWN}|与上年相比|比上年|同比|较上年|比\d{{4}}年度?|(与|较)\d{{4}}年度?相比|各|分别")


@dataclass(frozen=True)
class Change:
    subject: str  # the figure's subject as published, without year and lead words (收支总计, 财政拨款支出)
    section: str
    current: Decimal
    change: Decimal  # signed: negative for a decrease
    prior: Decimal  # implied: current - change
    pct_stated: Decimal | None  # signed, as stated
    pct_recomputed: Decimal | None  # change / prior, at the stated precision (0.01 when none is stated)
    unit: str
    line: int


def subject(text: str) -> str:
    """A figure's subject without the unit's name, the year and lead words: 上海市普陀区财政局2024年度收入支出总计 ->
    收入支出总计."""
    return _LEAD.sub("", key(text or "").replace("、", ""), count=1)


def own_subject(change_subject: str) -> str:
    """What a change names as its own subject (…与2024年度相比，收入支出总计增加 -> 收入支出总计), if anything."""
    return subject(_CHANGE_WORDS.sub("", key(change_subject or "")))


def _of(change_subject: str, current_subject: str) -> bool:
    """Whether a change (…支出减少 765.34 万元) is of the figure before it: it names no subject of its own, or that one,
    or the figure names none."""
    own = own_subject(change_subject)
    return not own or not current_subject or own in current_subject or current_subject in own


def stated(data) -> list[Change]:
    """Every change the prose states with its current figure in the same sentence (the nearest figure before it in
    the same unit), in the report's order."""
    prose = data["prose_numbers"]
    out = []
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for i, r in enumerate(rows):
            if r.metric != "change_amount" or r.value is None:
                continue
            current = next((p for p in reversed(rows[:i]) if p.metric in ("total", "actual", "amount")
                            and p.unit == r.unit and p.value is not None), None)
            if current is None or not _of(r.subject_zh, subject(current.subject_zh)):
                continue
            found = _change(rows, i, subject(current.subject_zh) or own_subject(r.subject_zh), current.value, line)
            if found is not None:  # else not a change of this figure: the sentence was read wrongly or says otherwise
                out.append(found)
    return out


def _change(rows, i: int, subject_: str, current: Decimal, line) -> Change | None:
    """The change stated by rows[i] (a change_amount, or a 持平 word: none) of ``current``, with the percentage stated
    after it (before the next change); None where the prior year it implies would be below zero."""
    r = rows[i]
    signed = Decimal(0) if r.metric == "comparison" else r.value if r.direction == "increase" else -r.value
    prior = current - signed
    if prior < 0:
        return None
    after = rows[i + 1:] if r.metric == "change_amount" else []
    stop = next((k for k, p in enumerate(after) if p.metric == "change_amount"), len(after))
    pct = next((p for p in after[:stop] if p.metric == "change_pct" and p.value is not None), None)
    pct_signed = None if pct is None else (pct.value if pct.direction == "increase" else -pct.value)
    places = "0.01" if pct is None else str(Decimal(1).scaleb(min(pct.value.as_tuple().exponent, 0)))
    return Change(subject_, r.section_zh or "", current, signed, prior, pct_signed, share(signed, prior, places),
                  r.unit if r.metric == "change_amount" else "万元", int(line))


def meant(c: Change) -> bool:
    """Whether a change was read as meant: an amount in 万元 whose stated percentage, if any, is about the change over
    the prior year it implies (within half a point: a small slip is the audit's to report)."""
    return c.unit == "万元" and (c.pct_stated is None or (
        c.pct_recomputed is not None and abs(c.pct_stated - c.pct_recomputed) <= Decimal("0.5")))


def first(data, *patterns: str) -> Change | None:
    """The first stated change (read as meant) whose subject matches one of ``patterns``, tried in order."""
    changes = [c for c in stated(data) if meant(c)]
    for pattern in patterns:
        hit = next((c for c in changes if re.search(pattern, c.subject)), None)
        if hit is not None:
            return hit
    return None


def three_public(data, current: Decimal | None) -> Change | None:
    """The change of the “三公” total on the prior year that the text states, as a change of ``current`` (this year's
    total from table 09: the sentence need not restate it, and its first figure may be an item's, 因公出国（境）费支出决算
    0 万元); 0 where it says 持平 (与2023年度持平). In a section on 三公, the change of the total is the first whose own
    words name “三公”, or that names no subject of its own in a line that opens on a “三公” figure (与上年相比减少 0.21
    万元 after “三公”经费财政拨款支出预算为…); its stated percentage, if any, must fit the prior year it implies."""
    if current is None:
        return None
    prose = data["prose_numbers"]
    for line, group in prose[prose.section_zh.fillna("").str.contains("三公")].groupby("line", sort=False):
        rows = list(group.itertuples())
        lead = next((r for r in rows if r.metric != "year"), None)
        opens = lead is not None and "三公" in (lead.subject_zh or "")
        for i, r in enumerate(rows):
            words = f"{r.subject_zh or ''}{r.quote_zh or ''}"
            change = r.metric == "change_amount" and r.unit == "万元" and r.value is not None and (
                "三公" in words or (opens and not own_subject(r.subject_zh)))
            level = r.metric == "comparison" and r.direction == "equal" and (r.subject_zh or "").endswith("/上年") \
                and "三公" in words
            found = _change(rows, i, "“三公”经费", current, line) if change or level else None
            if found is not None and meant(found):
                return found
    return None
