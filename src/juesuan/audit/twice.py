"""The same figure stated twice in the text agrees: the figures a report states once for the whole unit, named alike
in two places."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .core import Finding, stated
from .prose import _context, restatements, subject_key

# The figures a report states once for the whole unit, by the words that name them: stated in two places, they agree.
ONE_FIGURE = {
    "机关运行经费": r"机关运行经费", "“三公”经费": r"^[“\"]?三公[”\"]?经费(财政拨款)?(支出)?(决算)?$",
    "政府采购金额": r"政府采购(支出总额|金额)", "收入支出总计": r"^(收入支出|收支)总计$",
    "财政拨款收入支出总计": r"^财政拨款(收入支出|收支)总计$", "本年收入合计": r"^(本年)?收入合计$",
    "本年支出合计": r"^(本年)?支出合计$", "一般公共预算财政拨款支出": r"^一般公共预算财政拨款支出(决算)?$",
}


def stated_twice(data, restated: set[int]) -> Iterator[Finding]:
    """A figure the report states once for the whole unit (机关运行经费, the 三公 total, 政府采购金额, the totals),
    named alike in two places of the text, states one value. Figures a table restates are judged against the table
    instead."""
    prose = data["prose_numbers"]
    seen: dict[tuple[str, str], list] = {}
    for r in prose.itertuples():
        if r.unit != "万元" or r.metric not in ("total", "amount", "actual") or r.seq in restated:
            continue
        subject = re.sub(r"[（(][^）)]*[）)]", "", subject_key(r.subject_zh or ""))
        name = next((n for n, pattern in ONE_FIGURE.items() if re.search(pattern, subject)), None)
        if name:
            seen.setdefault((_context(r.section_zh or ""), name), []).append(r)
    for (_, name), rows in seen.items():
        first = rows[0]
        for r in rows[1:]:
            if r.line != first.line:
                yield stated(f"prose.twice.{r.line}.{r.seq}", "prose", f"{name} stated twice agrees",
                             f"{name}前后所列一致", f"prose line {first.line}; prose line {r.line}", first.value,
                             r.value, note=f"«{first.quote_zh}»; «{r.quote_zh}»")


def twice(data) -> Iterator[Finding]:
    done = {seq for seq, _ in restatements(data)}
    yield from stated_twice(data, done)

