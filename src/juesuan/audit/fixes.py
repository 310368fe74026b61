"""The audit as a list of fixes (整改清单) a reviewer can send to the unit: one row per error of the report (root
cause), in the order of the report, each with 位置 (part, heading, table and row, page where the report has page
numbers; the text line only as a secondary reference), 原文 (the quote), 问题, 应改为 (the corrected figure or
wording, at the report's precision) and 依据 (the table or identity that says so); the findings that only follow
from it are listed under it. Probable artefacts of the conversion are listed apart: to be checked against the
published report, not corrected by the unit.

Every check's finding says what it compares (Finding.sources: "prose line 370; t06 line 249"); the rows here are
made from that, by one rule per kind of check, so a new check gets a row without code here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .. import i18n
from ..analysis.numbers import CENT, step
from .core import Finding, quoted

_REF = re.compile(r"\b(prose|t0[1-9]|u04|performance_base|performance|projects|绩效自评表)\b"
                  r"(?: lines? (\d+)| (合计|总分))?")
PERCENT = ("prose.share", "prose.execution", "prose.change_pct", "proc.share", "proc.execution")
POINTS = ("perf.",)
WORDED = ("wording", "completeness")  # checks of the report's words: what it should read is their expected wording


@dataclass(frozen=True)
class Fix:
    finding: Finding
    place: str  # 位置, in the page's language
    line: int | None  # the line of the report's text: a secondary reference
    quote: str  # 原文
    problem: str  # 问题
    correction: str  # 应改为
    basis: str  # 依据
    follows: list[str] = field(default_factory=list)  # what follows from it, in words

    @property
    def status(self) -> str:
        return self.finding.status

    @property
    def advice(self) -> bool:
        """Whether 应改为 says what to do (填入实际内容, 在表下注明…) rather than giving the report's words corrected."""
        from difflib import SequenceMatcher

        return bool(self.correction) and self.finding.family in WORDED and \
            SequenceMatcher(None, self.quote, self.correction).ratio() < 0.5

    @property
    def short_place(self) -> str:
        """The place in a sentence: its innermost heading (…（三）一般公共预算财政拨款支出决算具体情况), or the table and row."""
        return self.place.split(" › ")[-1]


def refs(sources: str) -> list[tuple[str, int | None, str]]:
    """(table or section, line, row word) for each place a finding's sources name, in order: "prose line 370; t06 line
    249" -> [("prose", 370, ""), ("t06", 249, "")]; "t05 合计" -> [("t05", None, "合计")]."""
    out = []
    for m in _REF.finditer(sources or ""):
        kind = "performance" if m.group(1) == "绩效自评表" else m.group(1)
        out.append((kind, int(m.group(2)) if m.group(2) else None, m.group(3) or ""))
    return out


def _unit(finding: Finding) -> str:
    if finding.id.startswith(PERCENT):
        return "%"
    if finding.id.startswith("staff."):
        return "人"
    if finding.id.startswith(POINTS) and not finding.id.startswith("perf.fund"):
        return "分"
    return "万元"


def _at(finding: Finding) -> Decimal:
    """The precision a correction is printed with: the report's (0.01; a head count in whole people), or finer where
    the figure is printed finer."""
    found = finding.found if isinstance(finding.found, Decimal) else None
    if _unit(finding) == "人":
        return Decimal(1)
    return CENT if found is None else min(step(found), CENT)


def corrected(finding: Finding) -> Decimal | None:
    """The figure the report should print: the expected one (before rounding where the check kept it), rounded
    half-up at the report's precision."""
    value = finding.exact if finding.exact is not None else finding.expected
    if not isinstance(value, Decimal):
        return None
    return value.quantize(_at(finding), ROUND_HALF_UP)


def _printed(value: Decimal) -> list[str]:
    """How a figure may be printed in the report's text: 2131.10, 2,131.10."""
    plain = format(value, "f")
    whole, dot, frac = plain.partition(".")
    grouped = f"{int(whole):,}{dot}{frac}" if whole.lstrip("-").isdigit() else plain
    return list(dict.fromkeys([grouped, plain]))


def _replace_figure(quote: str, found: Decimal, right: Decimal) -> str | None:
    """The quote with the figure it prints replaced by the right one; None when the quote does not print it."""
    for text in _printed(found):
        hits = [m.start() for m in re.finditer(rf"(?<![\d.]){re.escape(text)}(?![\d])", quote)]
        if len(hits) == 1:
            shown = format(right, ",f" if "," in text else "f")  # in the report's own style
            return quote[:hits[0]] + shown + quote[hits[0] + len(text):]
    return None


class _Rows:
    """What stands on a line of a table or annex section: its row label (code and name)."""

    def __init__(self, data):
        self.by = {}
        from ..data.datasets import DATASETS

        for name, spec in DATASETS.items():
            frame = data.get(name)
            if frame is None or frame.empty or "line" not in frame:
                continue
            table = spec["table"] or name
            for row in frame.itertuples():
                label = _label(row)
                if label and label not in self.by.setdefault((table, int(row.line)), []):
                    self.by[(table, int(row.line))].append(label)

    def label(self, table: str, line: int | None, word: str = "", hint: str = "") -> str:
        """The row on that line; on a line holding two (the income and expenditure sides of table 01 or 04), the
        one ``hint`` (the finding's title) names."""
        if word or line is None:
            return word
        labels = self.by.get((table, line), [])
        named = [lab for lab in labels if lab.split(" ")[-1] in hint]
        return (named or labels or [""])[0]


def _label(row) -> str:
    """A row's code and name as published (a 自评表 row label "年度预算申请（万元）/年度资金总额": its last part)."""
    get = row._asdict().get
    code = get("code") or ""
    name = (get("name_zh") or get("item_zh") or get("level3_zh") or get("row_zh") or "").split("/")[-1]
    return f"{code} {name}".strip() if name else ""


def where(data, rows: _Rows, kind: str, line: int | None, word: str = "", hint: str = "") -> str:
    """A place in the report as a reviewer reads it, in the page's language: a sentence of the text by its part and
    headings (data.places), a table or annex grid by its label and title as published and the row, with the page where
    the report tells pages."""
    from dataclasses import replace

    from ..data import places

    report = data["report"]
    place = places.locate(report, line)
    if kind == "prose":
        return places.describe(place, i18n.lang()) or i18n.t("fixes.in_prose")
    if place.table != kind:  # a source without a line: the table alone, as the report titles it
        info = report.get("tables", {}).get(kind, {}) or report.get("sections", {}).get(kind, {})
        place = places.Place(table=kind, table_title=info.get("title_zh"), table_label=info.get("label"))
    grid = places.describe(replace(place, part=None, part_number=None, heading=None, subheading=None, point=None,
                                   title=None, page=None), i18n.lang())
    label = rows.label(kind, line, word, hint)
    text = i18n.t("fixes.table_place", table=grid, row=label) if label else grid
    page = places.describe(places.Place(page=place.page, printed_page=place.printed_page), i18n.lang())
    return i18n.t("fixes.with_page", where=text, page=page) if page else text


def _quote(finding: Finding, found: Decimal | None) -> str:
    """The report's own words the finding quotes: the quote that prints the figure checked, else the last one."""
    quotes = [q.strip("«»") for q in quoted(finding.note).split("；") if q]
    if found is not None:
        mine = [q for q in quotes if any(re.search(rf"(?<![\d.]){re.escape(t)}(?!\d)", q) for t in _printed(found))]
        if mine:
            return mine[-1]
    return quotes[-1] if quotes else ""


def _figure(value, unit: str) -> str:
    if not isinstance(value, Decimal):
        return "—" if value is None else str(value)
    text = i18n.amount(value) if unit == "万元" else i18n.number(value)
    return f"{text}{'%' if unit == '%' else ' ' + unit if unit else ''}"


def _gap(value: Decimal, unit: str) -> str:
    """A difference: in percentage points for shares and rates."""
    return i18n.t("fixes.points", value=i18n.number(abs(value))) if unit == "%" else _figure(abs(value), unit)


def _note(finding: Finding, quote: str) -> str:
    """The finding's note without the quote the 原文 column shows (where it stands alone at the note's start or end)
    and without the precision remark (the columns say both)."""
    note = _PRECISION.sub("", finding.zh_note if i18n.lang() == "zh" else finding.note).strip("；; ，,")
    for own in (f"«{quote}»",) if quote else ():
        if note.startswith(own) or note.endswith(own):
            note = note.removeprefix(own).removesuffix(own)
    return note.strip("；; ，,")


_PRECISION = re.compile(r"[；;]?\s*(compared at [^;；]*|按所列精度[^；;]*比较)")


def build(data, finding: Finding, rows: _Rows, consequences: list[Finding], after: dict[str, Finding]) -> Fix:
    """One row of the list from one finding (an error or an artefact) and the findings that follow from it;
    ``after`` holds the other findings by id (a figure restated from a total that is itself wrong is corrected to
    what the total becomes)."""
    places = refs(finding.sources) or [("prose", None, "")]
    first_off = _first_off(finding, after)
    if re.match(r"x\.(t0\d|u04)_(t0\d|u04)\.", finding.id) and len(places) > 1 and not first_off:
        places = [places[1], places[0], *places[2:]]  # "table 01 equals table 03": the figure checked is the second
    kind, line, word = places[0]
    unit = _unit(finding)
    found = finding.found if isinstance(finding.found, Decimal) else None
    right = corrected(finding)
    if first_off:  # the summary table's line is the one off: it should read what the detailed table (and its items) say
        found, right = finding.expected, finding.found
    quote = _quote(finding, found)
    if kind != "prose" and not quote and found is not None:
        cell = rows.label(kind, line, word, finding.title_zh)
        quote = f"{cell}：{_figure(found, unit)}" if cell else _figure(found, unit)
    basis = "；".join(where(data, rows, *p, hint=finding.title_zh) for p in places[1:3])
    title = finding.title_zh if i18n.lang() == "zh" else finding.title_en
    then = ""
    total = after.get("perf.recomputed_total")
    if finding.id.startswith("perf.prose") and total is not None and total.status == "consequence":
        then = i18n.t("fixes.then", value=_figure(total.expected, unit))  # the 自评表's total is wrong too
    correction = ""
    if finding.status in ("artefact", "note"):
        problem = f"{title}：{_note(finding, quote)}" if i18n.lang() == "zh" else f"{title}: {_note(finding, quote)}"
        correction = i18n.t("fixes.artefact" if finding.status == "artefact" else "fixes.note_kept")
    elif found is not None and right is not None:
        values = {"found": _figure(found, unit), "expected": _figure(right, unit), "difference": _gap(found - right, unit),
                  "basis": basis, "title": title}
        restated = basis and not finding.id.startswith(PERCENT)  # a share or rate is computed, from a base
        problem = i18n.t("fixes.problem_restated" if restated else "fixes.problem_computed", **values)
        if basis and not restated:
            problem += i18n.t("fixes.base", basis=basis)
        extra = _note(finding, quote)
        problem += i18n.t("fixes.note", note=extra) if extra else ""
        correction = (_replace_figure(quote, found, right) if quote else None) or _figure(right, unit)
        correction += then
    else:
        extra = _note(finding, quote)
        problem = i18n.t("fixes.problem_noted", title=title, note=extra) if extra else title
        if finding.family in WORDED and isinstance(finding.expected, str):
            correction = finding.expected  # the wording it should have, in the report's own words
    return Fix(finding, where(data, rows, *places[0], hint=finding.title_zh), line, quote, problem, correction,
               title if finding.status in ("artefact", "note") or not basis else basis,
               [_consequence(c) for c in consequences])


def _first_off(finding: Finding, after: dict[str, Finding]) -> bool:
    """Whether a class that a summary table (01 or 04) prints otherwise than the detailed table (03 or 05) is off in
    the summary: the detailed table's class adds up from its own items."""
    m = re.match(r"x\.(t01|t04)_(t03|t05)\.(\d{3})$", finding.id)
    tree = after.get(f"{m.group(2)}.tree.{m.group(3)}.total") if m else None
    return tree is not None and tree.status in ("ok", "rounding") and isinstance(finding.expected, Decimal)


def _consequence(f: Finding) -> str:
    title = f.title_zh if i18n.lang() == "zh" else f.title_en
    q = _quote(f, f.found if isinstance(f.found, Decimal) else None)
    return f"{title}（«{q}»）" if q and i18n.lang() == "zh" else f"{title} («{q}»)" if q else title


def _order(fix: Fix) -> tuple:
    return (fix.line is None, fix.line or 0, fix.finding.id)


def fixes(data, findings: list[Finding]) -> list[Fix]:
    """One row per error of the report (then per reviewer's note, then per probable artefact), in the report's
    order."""
    rows = _Rows(data)
    by_id = {f.id: f for f in findings}
    follow: dict[str, list[Finding]] = {}
    for f in findings:
        if f.cause:
            follow.setdefault(f.cause, []).append(f)
    errors = [build(data, f, rows, follow.get(f.id, []), by_id) for f in findings if f.status == "mismatch"]
    notes = [build(data, f, rows, follow.get(f.id, []), by_id) for f in findings if f.status == "note"]
    artefacts = [build(data, f, rows, follow.get(f.id, []), by_id) for f in findings if f.status == "artefact"]
    return sorted(errors, key=_order) + sorted(notes, key=_order) + sorted(artefacts, key=_order)


COLUMNS = ("number", "place", "quote", "problem", "correction", "basis", "follows")


def table(data, findings: list[Finding] | None = None, *, status: str = "mismatch"):
    """The list of fixes (or, with status="note" or "artefact", the reviewer's notes or the probable artefacts) as a
    table in the page's language:
    序号, 位置, 原文, 问题, 应改为, 依据, 由此引起."""
    import pandas as pd

    from .checks import run

    found = [f for f in fixes(data, run(data) if findings is None else findings) if f.status == status]
    sep = i18n.t("fixes.follows_sep")
    rows = [{
        "number": n, "place": fix.place + (i18n.t("fixes.line", line=fix.line) if fix.line else ""),
        "quote": fix.quote or "—", "problem": fix.problem, "correction": fix.correction or "—", "basis": fix.basis,
        "follows": sep.join(fix.follows) or "—"} for n, fix in enumerate(found, 1)]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    return frame.rename(columns={c: i18n.t(f"fixes.col_{c}") for c in COLUMNS})
