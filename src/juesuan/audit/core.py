"""The audit's common ground: a Finding, and the comparisons that decide ok, rounding or mismatch.

A *mismatch* is one error of the report. A finding that only follows from another (a rate computed from a
mistyped amount) is a *consequence* and names its cause; a difference better explained by the conversion of
the report (a row under the wrong heading) is a probable *artefact*. Both are counted apart from errors. A *note* is a
reviewer's remark on a difference that standard practice allows (a share adjusted by 0.01 so that the shares listed
together add up to 100.00%, 尾差调整): said, counted apart, never an error."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from .. import i18n
from ..analysis import numbers
from ..analysis.numbers import CENT, step, total


STATUSES = ("ok", "rounding", "note", "mismatch", "consequence", "artefact", "not_applicable", "missing_data")
D0 = Decimal(0)
HALF = Decimal("0.005")


def status_name(status: str) -> str:
    """A status as the reader of the page's language reads it (the English edition: the status itself)."""
    return i18n.t(f"audit.status_{status}")


@dataclass(frozen=True)
class Finding:
    id: str
    family: str  # within | between | prose | procurement | performance | identity
    title_en: str
    title_zh: str
    sources: str  # the tables or sections involved, with lines
    expected: Decimal | str | None
    found: Decimal | str | None
    difference: Decimal | None
    tolerance: Decimal
    status: str
    note: str = ""
    cause: str = ""  # for a consequence: the id of the finding it follows from
    note_zh: str = ""  # the note in Chinese, for the Chinese edition of the book
    exact: Decimal | None = None  # expected before rounding to the printed precision (a share, a rate), when it was

    @property
    def zh_note(self) -> str:
        """The note for a Chinese reader: note_zh, else only what needs no translation, the report's own words
        the note quotes («…»)."""
        return self.note_zh or quoted(self.note)

    def as_dict(self) -> dict:
        d = asdict(self)
        del d["note_zh"]  # the command line speaks English
        for k in ("expected", "found", "difference", "tolerance", "exact"):
            d[k] = None if d[k] is None else str(d[k])
        return d


def compare(id, family, title_en, title_zh, sources, expected, found, tolerance=D0, note="", note_zh="",
            exact=None) -> Finding:
    if expected is None or found is None:
        return Finding(id, family, title_en, title_zh, sources, expected, found, None, tolerance, "missing_data", note,
                       note_zh=note_zh, exact=exact)
    diff = found - expected
    status = "ok" if diff == 0 else "rounding" if abs(diff) <= tolerance else "mismatch"
    return Finding(id, family, title_en, title_zh, sources, expected, found, diff, tolerance, status, note,
                   note_zh=note_zh, exact=exact)


def stated(id, family, title_en, title_zh, sources, exact, printed, note="", note_zh="") -> Finding:
    """A figure restated elsewhere agrees when both round to the same value at the coarser of the two precisions
    they are printed with: 99.68 restated as "99.7" agrees (at 0.1), as "99.70" it does not."""
    if exact is None or printed is None:
        return compare(id, family, title_en, title_zh, sources, exact, printed, note=note, note_zh=note_zh)
    at = max(step(exact), step(printed))
    same = exact.quantize(at, ROUND_HALF_UP) == printed.quantize(at, ROUND_HALF_UP)
    diff = printed - exact
    status = "ok" if diff == 0 else "rounding" if same else "mismatch"
    shown = at > CENT or status == "rounding"
    precision, precision_zh = (f"compared at {at} (the precision printed)", f"按所列精度 {at} 比较") if shown else ("", "")
    return Finding(id, family, title_en, title_zh, sources, exact, printed, diff, at / 2, status,
                   "; ".join(x for x in (note, precision) if x),
                   note_zh="；".join(x for x in (note_zh or quoted(note), precision_zh) if x))


def truncated(finding: Finding) -> Finding:
    """A rate or share printed as the truncation of its exact value (99.865% printed 99.86%) is within the printed
    precision by truncation, not rounding: graded with the roundings, with a note saying so."""
    if finding.status != "mismatch" or finding.exact is None or not isinstance(finding.found, Decimal):
        return finding
    at = step(finding.found)
    if finding.exact.quantize(at, ROUND_DOWN) != finding.found:
        return finding
    return replace(finding, status="rounding",
                   note="; ".join(x for x in (f"{finding.found} is {numbers.rounded(finding.exact, '0.0001')} "
                                              "truncated, not rounded: within the printed precision by truncation",
                                              finding.note) if x),
                   note_zh="；".join(x for x in (f"{finding.found} 系将 {numbers.rounded(finding.exact, '0.0001')} "
                                                 "截尾而非四舍五入所得，按截尾计在所列精度以内", finding.zh_note) if x))


def follows(finding: Finding, cause: Finding | str, why: str, why_zh: str = "") -> Finding:
    """Mark a disagreeing finding as a consequence of another finding (an error or an artefact); without
    ``why_zh`` the Chinese note says only which finding it follows from."""
    if finding.status not in ("mismatch", "artefact"):
        return finding
    cause_id = cause if isinstance(cause, str) else cause.id
    return replace(finding, status="consequence", cause=cause_id,
                   note="; ".join(x for x in (why, finding.note) if x),
                   note_zh="；".join(x for x in (why_zh or _caused_by(cause), finding.zh_note) if x))


def _caused_by(cause: Finding | str) -> str:
    return f"由“{cause.title_zh}”一项引起" if isinstance(cause, Finding) else "由另一项差异引起"


def artefact(finding: Finding, why: str, why_zh: str = "") -> Finding:
    """Mark a disagreeing finding as a probable artefact of the conversion, with the explanation."""
    if finding.status != "mismatch":
        return finding
    return replace(finding, status="artefact", note="; ".join(x for x in (why, finding.note) if x),
                   note_zh="；".join(x for x in (why_zh or ARTEFACT_ZH, finding.zh_note) if x))


ARTEFACT_ZH = "疑似报告转换为数据时产生的错位，并非报告本身的错误"


def noted(finding: Finding, why: str, why_zh: str) -> Finding:
    """Mark a disagreeing finding as a reviewer's note: a difference standard practice allows (尾差调整), said with
    the reason, not an error."""
    if finding.status != "mismatch":
        return finding
    return replace(finding, status="note", note="; ".join(x for x in (why, finding.note) if x),
                   note_zh="；".join(x for x in (why_zh, finding.zh_note) if x))


def special(id, family, title_en, title_zh, sources, status, note="", expected=None, found=None,
            note_zh="") -> Finding:
    return Finding(id, family, title_en, title_zh, sources, expected, found, None, D0, status, note, note_zh=note_zh)


_QUOTED = re.compile(r"«[^«»]*»")


def quoted(note: str) -> str:
    """The report's own words a note quotes, «…», which need no translation."""
    return "；".join(_QUOTED.findall(note or ""))


_PLACES = [  # where a figure is, in Chinese: the tables, annex sections and prose as the sources name them
    (r"\b(?:performance_base|base-data table)\b", "绩效评价基础数据表"), (r"\bperformance\b", "绩效自评表"),
    (r"\bprojects\b", "项目支出明细"), (r"\bprose\b", "文字说明"), (r"\bcover\b", "封面"), (r"\bannex\b", "附件"),
    (r"\breport staff counts\b", "报告所列人数"), (r"\bu04\b", "高等学校财政拨款支出决算表"), (r"\bt(0\d)\b", r"表\1"),
    (r" ?\blines? (\d+(?:[-–]\d+)?(?:, \d+(?:[-–]\d+)?)*)", lambda m: f"第 {m.group(1).replace(', ', '、')} 行"),
    (r" both sides\b", "（收支两方）"), (r" income side\b", "收入方"), (r" classes\b", "各类"), (r" row\b", "行"),
    (r"\bbase ", "基数："), ("; ", "；"), (", ", "，"), (r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", ""),
    (r"(?<=表\d\d) (?=[\u4e00-\u9fff])", ""),
]


_PLACES_EN = [(r"\bperformance_base\b", "base-data table"), (r"\bperformance\b", "self-evaluation table"),
               (r"\bprojects\b", "project list"), (r"\bprose\b", "text"), (r"\bt(0\d)\b", r"table \1"),
               (r"\bu04\b", "table 04")]


def place_en(sources: str, *, in_note: bool = False) -> str:
    """A finding's sources (prose line 370; t06 line 249) in words (text line 370; table 06 line 249); in a note, only
    a source named with its line ("performance_base line 797"), so that the note's own words stay."""
    for pattern, english in _PLACES_EN:
        sources = re.sub(pattern + (r"(?= lines? \d)" if in_note else ""), english, sources)
    return sources


def place_zh(sources: str) -> str:
    """A finding's sources (prose line 370; t06 line 249) as a Chinese reader reads them (文字说明第 370 行；表06第 249 行)."""
    for pattern, chinese in _PLACES:
        sources = re.sub(pattern, chinese, sources)
    return sources


def cached(data, name: str, compute):
    """``compute()``, once per audit run: what several checks ask of the same data (checks.run keeps the cache in
    data["_audit_cache"]; called outside a run, it computes)."""
    cache = data.get("_audit_cache")
    if cache is None:
        return compute()
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def fsum(values) -> Decimal:
    """The sum of the figures that are known (analysis.numbers.total)."""
    return total(values)


def known_sum(values) -> Decimal | None:
    """The sum of table figures, or None (unknown: the check is missing_data) when one of them is a lost cell."""
    values = list(values)
    return None if any(v is None for v in values) else fsum(values)


def line_list(*lines) -> str:
    return ", ".join(sorted({str(x) for x in lines if x not in (None, "")}, key=lambda s: int(s) if s.isdigit() else 0))


# ---------------------------------------------------------------- within tables


def table_total(data, name, column="total"):
    """The 合计 figure of dataset ``name`` in ``column`` (analysis.numbers.table_total, by dataset name)."""
    return numbers.table_total(data[name], column)


def t01_figure(data, side, item):
    t = data["t01_summary"]
    row = t[(t.side == side) & (t.item_zh == item)]
    return row.amount_wan_yuan.iloc[0] if len(row) else None


def share_tolerance(part: Decimal, whole: Decimal, printed: Decimal = CENT) -> Decimal:
    """Half the step the share is printed with (0.01 point unless told: "100%" is printed to 1 point) plus what
    rounding of both amounts to 0.01 万元 can move the share."""
    return (printed / 2 + 100 * HALF * (1 / whole + abs(part) / (whole * whole))).quantize(Decimal("0.0001"), ROUND_UP)
