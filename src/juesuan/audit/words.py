"""增加/减少/持平 and 大于/小于/等于: the prose's words of comparison against the figures they compare.

A comparison is judged against the figures of its own sentence (report.json's ``comparisons``, recorded at ingest), else
those of the sentence before it; a reason clause (决算数小于预算数的主要原因是：…) against the sentence it explains, and
where that sentence states no figures to compare, it is not a claim. 决算数小于预算数 is judged against the budget the
sentence uses: the 全年预算 where it states both it and the 年初预算, unless the words name the 年初预算.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .core import D0, Finding, special
from ..analysis.changes import own_subject
from ..text import key
from .prose import subject_key
from ..data.vocab import THREE_ZH, three_item
from .restated import prior_three


RELATION = {"greater": lambda a, b: a > b, "less": lambda a, b: a < b, "equal": lambda a, b: a == b}
FIGURES = ("budget", "actual", "amount", "total", "change_amount")
INITIAL = re.compile(r"年初")
FULL_YEAR = re.compile(r"全年|调整后|调整预算")


def prose_words(data) -> Iterator[Finding]:
    """增加/减少/持平 and 大于/小于/等于 against the numbers beside them."""
    prose = data["prose_numbers"]
    by_seq = {r.seq: r for r in prose.itertuples()}
    told = {c["seq"]: c for c in data["report"].get("comparisons", [])}
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for r in rows:
            if r.metric != "comparison":
                continue
            right = (r.subject_zh or "/").split("/", 1)[1]
            title = f"«{r.quote_zh}» agrees with the figures"
            fid = f"prose.word.{line}.{r.seq}"
            where = told.get(r.seq)
            if where is None:  # data ingested before comparisons were recorded: the paragraph's figures
                figures = [p for p in rows if p.metric != "comparison"]
            else:
                own = [by_seq[s] for s in where["sentence"] if s in by_seq]
                previous = [by_seq[s] for s in where["previous"] if s in by_seq]
                # a reason clause (决算数小于预算数的主要原因是…) restates the sentence it explains, whose figures it is
                # judged against (its own are the reasons: 年中追加预算 50 万元); a comparison stating its figures is
                # judged against them, else against the sentence before it
                figures = previous if where["reason"] or not any(p.metric in FIGURES for p in own) else own
                if where["reason"] and not _states(figures, right):
                    yield special(fid, "prose", title, "比较用语与数字一致", f"prose line {line}", "not_applicable",
                                  "a reason clause with no figures of its own is not a claim (the sentence before it "
                                  f"states no figures to compare); «{r.quote_zh}»",
                                  note_zh=f"说明原因的分句本身不列数字，其前一句也未列可比较的数字，不作为独立表述核对；"
                                  f"«{r.quote_zh}»")
                    continue
            if "预算" in right:
                yield _against_budget(fid, line, r, right, figures, title)
            else:
                yield _against_prior(data, line, r, figures, title)
    for _, r in prose[prose.metric.isin(["change_amount", "change_pct"])].iterrows():
        if r.value == 0 and r.direction:
            yield special(f"prose.word.zero.{r.line}.{r.seq}", "prose", "A change of zero is called an increase or decrease",
                          "零变动却称增减", f"prose line {r.line}", "mismatch", f"«{r.quote_zh}»")


def _names(quote: str, change_subject: str) -> bool:
    """Whether a comparison's words (its quote) are about a change: the change names no subject of its own, or the
    quote names it."""
    own = own_subject(change_subject)
    return not own or own in key(quote or "")


def _states(figures, right: str) -> bool:
    """Whether the figures give what a comparison needs: a budget and an actual (大于预算数), else a change or a
    figure to set against the prior year (比上年增加)."""
    metrics = {p.metric for p in figures if p.unit in ("万元", "元")}
    if "预算" in right:
        return {"budget", "actual"} <= metrics
    return bool(metrics & {"change_amount", "actual", "amount"})


def _against_budget(fid, line, r, right, figures, title) -> Finding:
    """决算数大于/小于/等于预算数 against the actual and the budget the sentence uses: the 年初预算 where the words
    name it, else the 全年预算 where the sentence states it, else the budget stated before the actual."""
    actual = next((p for p in reversed(figures) if p.metric == "actual" and p.unit == "万元"), None)
    budgets = [p for p in figures if p.metric == "budget" and p.unit in ("万元", "元")
               and (actual is None or p.seq < actual.seq)]
    if INITIAL.search(right):
        budget = next((p for p in budgets if INITIAL.search(p.subject_zh or "")), None)
    else:
        budget = next((p for p in budgets if FULL_YEAR.search(p.subject_zh or "")), None) or \
            (budgets[-1] if budgets else None)
    if budget is None or actual is None:
        return special(fid, "prose", title, "比较用语与数字一致", f"prose line {line}", "missing_data",
                       "no budget and actual in the sentence", note_zh="句中没有预算数和决算数")
    value = budget.value / 10000 if budget.unit == "元" else budget.value
    ok = RELATION[r.direction](actual.value, value)
    kind = "全年预算" if FULL_YEAR.search(budget.subject_zh or "") else "年初预算" if INITIAL.search(
        budget.subject_zh or "") else "预算"
    return Finding(fid, "prose", title, "比较用语与数字一致", f"prose line {line}", r.direction,
                   f"决算 {actual.value} vs {kind} {value}", actual.value - value, D0, "ok" if ok else "mismatch",
                   f"«{r.quote_zh}»")


def _against_prior(data, line, r, rows, title) -> Finding:
    """增加/减少/持平 against the prior year: the change the sentence states, else the prior year's figure the
    report states elsewhere (the base-data table's 上年决算数 for a 三公 item). A change that names its own subject
    (公务接待费支出决算增加 0.40 万元) is only the word's when the word's clause names it too: 因公出国（境）费支出决算与
    2024年持平 beside it is not about 公务接待费."""
    fid = f"prose.word.{line}.{r.seq}"
    change = next((p for p in reversed(rows) if p.metric == "change_amount" and _names(r.quote_zh, p.subject_zh)),
                  None)
    if change is not None:
        signed = change.value if change.direction == "increase" else -change.value
        return Finding(fid, "prose", title, "比较用语与数字一致", f"prose line {line}", r.direction,
                       f"change {signed}", signed, D0, "ok" if RELATION[r.direction](signed, D0) else "mismatch")
    actual = next((p for p in reversed(rows) if p.metric in ("actual", "amount") and p.unit == "万元"), None)
    subject = next((p.subject_zh for p in rows if p.metric in ("budget", "actual", "amount")), "") or ""
    item = three_item(subject) if "三公" in (r.section_zh or "") else None
    prior = prior_three(data, item) if item else None
    if actual is None or prior is None:
        what = THREE_ZH[item] if item else subject_key(subject) or "the figure"
        return special(fid, "prose", title, "比较用语与数字一致", f"prose line {line}", "missing_data",
                       f"the report states no prior-year figure for {what}, neither in the sentence nor in the "
                       "base-data table", note_zh=f"报告未列{what if what != 'the figure' else '该数字'}的上年数，"
                       "句中和绩效评价基础数据表中都没有")
    signed = actual.value - prior[0]
    return Finding(fid, "prose", title, "比较用语与数字一致", f"prose line {line}; performance_base line {prior[1]}",
                   r.direction, f"决算 {actual.value} vs 上年 {prior[0]}", signed, D0,
                   "ok" if RELATION[r.direction](signed, D0) else "mismatch")
