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
            after = rows[i + 1:]
            stop = next((k for k, p in enumerate(after) if p.metric == "change_amount"), len(after))
            pct = next((p for p in after[:stop] if p.metric == "change_pct" and p.value is not None), None)
            signed = r.value if r.direction == "increase" else -r.value
            prior = current.value - signed
            if prior < 0:
                continue  # not a change of this figure: the sentence was read wrongly or says something else
            pct_signed = None if pct is None else (pct.value if pct.direction == "increase" else -pct.value)
            places = "0.01" if pct is None else str(Decimal(1).scaleb(min(pct.value.as_tuple().exponent, 0)))
            out.append(Change(subject(current.subject_zh) or own_subject(r.subject_zh), r.section_zh or "", current.value, signed, prior,
                              pct_signed, share(signed, prior, places), r.unit, int(line)))
    return out


def first(data, *patterns: str) -> Change | None:
    """The first stated change whose subject matches one of ``patterns``, tried in order: an amount in 万元 whose stated
    percentage, if any, is about the change over the prior year it implies (within half a point: else the sentence
    was not read as meant; a small slip is the audit's to report)."""
    changes = [c for c in stated(data) if c.unit == "万元" and (
        c.pct_stated is None or (c.pct_recomputed is not None and abs(c.pct_stated - c.pct_recomputed) <= Decimal("0.5")))]
    for pattern in patterns:
        hit = next((c for c in changes if re.search(pattern, c.subject)), None)
        if hit is not None:
            return hit
    return None
