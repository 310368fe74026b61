"""增加/减少/持平 and 大于/小于/等于: the prose's words of comparison against the figures they compare."""

from __future__ import annotations

from collections.abc import Iterator

from .core import D0, Finding, special
from .prose import subject_key
from ..data.vocab import THREE_ZH, three_item
from .restated import prior_three


RELATION = {"greater": lambda a, b: a > b, "less": lambda a, b: a < b, "equal": lambda a, b: a == b}


def prose_words(data) -> Iterator[Finding]:
    """增加/减少/持平 and 大于/小于/等于 against the numbers beside them."""
    prose = data["prose_numbers"]
    for line, group in prose.groupby("line", sort=False):
        rows = list(group.itertuples())
        for r in rows:
            if r.metric != "comparison":
                continue
            right = (r.subject_zh or "/").split("/", 1)[1]
            title = f"«{r.quote_zh}» agrees with the figures"
            if "预算" in right:
                budget = next((p for p in rows if p.metric == "budget" and p.unit == "万元"), None)
                actual = next((p for p in rows if p.metric == "actual" and p.unit == "万元"), None)
                if budget is None or actual is None:
                    yield special(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致",
                                  f"prose line {line}", "missing_data", "no budget and actual in the sentence",
                                  note_zh="句中没有预算数和决算数")
                    continue
                ok = RELATION[r.direction](actual.value, budget.value)
                yield Finding(f"prose.word.{line}.{r.seq}", "prose", title, "比较用语与数字一致", f"prose line {line}",
                              r.direction, f"决算 {actual.value} vs 预算 {budget.value}", actual.value - budget.value,
                              D0, "ok" if ok else "mismatch")
            else:
                yield _against_prior(data, line, r, rows, title)
    for _, r in prose[prose.metric.isin(["change_amount", "change_pct"])].iterrows():
        if r.value == 0 and r.direction:
            yield special(f"prose.word.zero.{r.line}.{r.seq}", "prose", "A change of zero is called an increase or decrease",
                          "零变动却称增减", f"prose line {r.line}", "mismatch", f"«{r.quote_zh}»")


def _against_prior(data, line, r, rows, title) -> Finding:
    """增加/减少/持平 against the prior year: the change the sentence states, else the prior year's figure the
    report states elsewhere (the base-data table's 上年决算数 for a 三公 item)."""
    fid = f"prose.word.{line}.{r.seq}"
    change = next((p for p in rows if p.metric == "change_amount"), None)
    if change is not None:
        signed = change.value if change.direction == "increase" else -change.value
        return Finding(fid, "prose", title, "比较用语与数字一致", f"prose line {line}", r.direction,
                       f"change {signed}", signed, D0, "ok" if RELATION[r.direction](signed, D0) else "mismatch")
    actual = next((p for p in rows if p.metric in ("actual", "amount") and p.unit == "万元"), None)
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
