"""The consistency audit (勾稽检查): identities inside, between and beyond the tables.

Each check is a small pure function over one year's data (as ``datasets.load`` returns it) yielding
``Finding``s. A difference inside the envelope that rounding to 0.01 allows (or, for a restated figure, the
precision it is printed with) is ``rounding``, outside it ``mismatch`` — one error of the report. A finding that
only follows from another is a ``consequence`` naming its cause; one better explained by the conversion is an
``artefact``; a share of a zero base is ``not_applicable``; a check whose inputs are absent is ``missing_data``
(never counted as ok). Differences are always shown with their size.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .. import i18n
from ..data.vocab import TEMPLATES
from .core import STATUSES, Finding, artefact, cached, follows, place_en, place_zh, special, status_name
from .core import compare  # noqa: F401  the audit's surface, with run and counts below
from .across import across_years, disagreements, overlaps  # noqa: F401
from .within import t01_balance, functional_rows, functional_tree, shifted_rows, t07_carry_over, t04_identities, t06_composition, t09_sums
from .between import between
from .prose import prose_amounts, prose_execution
from .shares import prose_shares
from .changes import prose_changes
from .words import prose_words
from .staff import staff
from .procurement import procurement
from .performance import performance
from .identity import identity
from .restated import base_data, budgets
from .wording import wording
from .completeness import completeness
from .twice import twice


CHECKS = [t01_balance, functional_rows, functional_tree, shifted_rows, t07_carry_over, t04_identities, t06_composition, t09_sums,
          between, prose_amounts, prose_shares, prose_changes, prose_execution, prose_words, staff, procurement,
          base_data, budgets, performance, identity, wording, completeness, twice]


def run(data) -> list[Finding]:
    from ..data.datasets import zero_blanks

    data = zero_blanks(data)  # blank table cells count as zero in the identities
    data["_audit_cache"] = {}  # what several checks compute alike, once per run (prose.restatements)
    findings = []
    for check in CHECKS:
        findings.extend(cached(data, check.__name__, lambda check=check: list(check(data))))
    unread = [_unread(u) for u in data["report"].get("unread", [])]
    findings = _one_cell(_after_shifts([_unavailable(f, data["report"]) for f in findings]))
    findings = _after_cuts(findings, cut_tables(data))
    return unread + _restated_alike(_after_missing(findings, [f for f in unread if f.status == "mismatch"]))


CUT_GAP = 3  # lines between a table's last row and an unread grid that carries on from it


def cut_tables(data) -> dict[str, str]:
    """Tables the conversion probably cut short: read without their 合计 row while a grid it could not place starts
    just after their last line (a row whose cells a PDF's text layer ran together), by table, with why."""
    report = data["report"]
    out = {}
    for table, info in report.get("tables", {}).items():
        frame = data.get(info.get("dataset", ""))
        if info.get("blank") or frame is None or "level" not in frame or (frame.level == "total").any():
            continue
        last = info["lines"][1]
        after = next((u for u in report.get("unplaced", []) if 0 < u["line"] - last <= CUT_GAP), None)
        if after:
            out[table] = (f"table {table[1:]} was read without its 合计 row, and the grid after its last line ({last}) "
                          f"could not be read (line {after['line']}: «{after['text_zh']}»): rows were probably lost in "
                          "conversion")
    return out


def _after_cuts(findings: list[Finding], cut: dict[str, str]) -> list[Finding]:
    """A disagreement involving a table the conversion cut short is a probable artefact (one per table; the others
    follow from it)."""
    if not cut:
        return findings
    roots: dict[str, Finding] = {}
    out = []
    for f in findings:
        table = next((t for t in _TABLE_KEY.findall(f"{f.id} {f.sources}") if t in cut), None)
        if f.status == "mismatch" and table:
            if table in roots:
                f = follows(f, roots[table], f"table {table[1:]} was cut short in conversion")
            else:
                f = roots[table] = artefact(f, cut[table], f"表{table[1:]}读取时缺少合计行，其后有未能读取的表格行：疑似转换时"
                                                          "丢失了部分行")
        out.append(f)
    return out


def _unread(u: dict) -> Finding:
    """A table or annex section that ingest --partial could not read: missing data; but a table of the template that
    the report does not have at all (not found) is a finding of the report, 缺表."""
    if "not found" in u["reason"] and re.fullmatch(r"t0\d|u04", u["table"]):
        return special(f"unread.{u['table']}", "identity",
                       f"The report has no table {u['table'][1:]} ({u['title_zh']})",
                       f"缺表：报告中没有{u['title_zh']}", f"{u['table']} line {u['line'] or '-'}", "mismatch",
                       f"a table its template requires; {u['reason']}",
                       note_zh=f"该表为报告格式所要求的表格，报告中未能找到（{u['reason']}）")
    if "has a header but no rows" in u["reason"]:  # published empty, and no note says so (本表无数据)
        return special(f"empty.{u['table']}", "completeness", f"Table {u['table'][1:]} is published empty without its "
                       "note", f"{u['title_zh']}为空表，未注明无数据的原因", f"{u['table']} line {u['line'] or '-'}",
                       "mismatch", f"a header and no rows, and no note saying why (本表无数据); «{u['title_zh']}»",
                       found=u["title_zh"], expected="在表下注明：本单位无此项收支，故本表无数据",
                       note_zh=f"表格只有表头、没有数据行，且未注明“本表无数据”及原因；«{u['title_zh']}»")
    return special(f"unread.{u['table']}", "identity", f"Table {u['table']} ({u['title_zh']}) was not read",
                   f"{u['title_zh']}未能读取", f"{u['table']} line {u['line'] or '-'}", "missing_data", u["reason"])


def _after_missing(findings: list[Finding], missing: list[Finding]) -> list[Finding]:
    """A check that fails because a table is missing from the report follows from that one finding (缺表)."""
    roots = {f.id.split(".")[1]: f for f in missing}
    if not roots:
        return findings
    return [follows(f, roots[t], f"table {t[1:]} is missing from the report", f"报告缺少表{t[1:]}")
            if f.status == "mismatch"
            and (t := next((t for t in _TABLE_KEY.findall(f"{f.id} {f.sources}") if t in roots), None)) else f
            for f in findings]


_RESTATES = {"t05": "t03", "t04": "t01"}  # a table that restates another's figures for general-budget money


def _restated_alike(findings: list[Finding]) -> list[Finding]:
    """One difference that shows in two tables restating each other is one error: table 05's cell misprinted as table
    03's (the same code, column and difference), or one class that tables 01 and 04 print alike and tables 03 and 05
    print otherwise (x.t01_t03.<code> and x.t04_t05.<code> by the same difference). The second follows from the
    first, and what followed from the second follows from the first."""
    by_id = {f.id: f for f in findings}
    moved: dict[str, Finding] = {}
    for f in findings:
        if f.status != "mismatch" or f.difference is None:
            continue
        m = re.match(r"^(t05)\.(row|tree)\.(.+)$", f.id) or re.match(r"^x\.(t04)_(t05)\.(.+)$", f.id)
        if m is None:
            continue
        first = (f"t03.{m.group(2)}.{m.group(3)}" if m.group(1) == "t05" else f"x.t01_t03.{m.group(3)}")
        other = by_id.get(first)
        if other is None or other.status != "mismatch" or other.difference != f.difference or other.found != f.found:
            continue
        moved[f.id] = follows(f, other, "the same difference as in the table it restates: one error, printed alike "
                              f"in both (“{other.title_en}”)", f"与所重述的表格差异相同，是同一处错误（“{other.title_zh}”）")
    if not moved:
        return findings
    out = [moved.get(f.id, f) for f in findings]
    return [replace(f, cause=moved[f.cause].cause) if f.cause in moved else f for f in out]


_WITHIN = re.compile(r"^(t0\d)\.(row|tree)\.(\w+)")


def _one_cell(findings: list[Finding]) -> list[Finding]:
    """Sums of one table that break by the same amount break because of one misprinted cell: the finding that
    names the cell (the most detailed code; a tree check, which says which column) is the error, the rest its
    consequences."""
    groups: dict[tuple[str, object], list[Finding]] = {}
    for f in findings:
        m = _WITHIN.match(f.id)
        if m and f.status == "mismatch" and f.difference is not None:
            size = abs(f.difference)  # a large misprint moves every sum by the same amount, give or take rounding;
            size = size.quantize(Decimal("0.1")) if size >= 1 else size  # small differences must be equal
            groups.setdefault((m.group(1), size), []).append(f)
    consequence = {}
    for (table, size), group in groups.items():
        if len(group) < 2:
            continue

        def detail(f):
            kind, code = _WITHIN.match(f.id).group(2, 3)
            return (0 if code == "total" else len(code), kind == "tree")

        root = max(group, key=detail)
        for f in group:
            if f is not root:
                consequence[f.id] = follows(f, root, f"the same difference of {size} in table {table[1:]}: one "
                                                     f"misprinted cell, “{root.title_en}”",
                                            f"表{table[1:]}中同样相差 {size}：源自同一个错填的数字（“{root.title_zh}”）")
    return [consequence.get(f.id, f) for f in findings]


def _after_shifts(findings: list[Finding]) -> list[Finding]:
    """Rows shifted against their codes are most probably an artefact of the conversion (one per table, the other
    runs its consequences), and every disagreement that involves the shifted table follows from it."""
    roots: dict[str, Finding] = {}
    out = []
    for f in findings:
        if f.id.startswith("x.shift.") and f.status == "mismatch":
            table = f.id.split(".")[2]
            if table in roots:
                f = follows(f, roots[table], "another run of the same table's shifted rows")
            else:
                f = roots[table] = artefact(f, "probably a conversion artefact: a grid whose rows slid against their "
                                               "codes")
        out.append(f)
    if not roots:
        return out
    return [follows(f, roots[t], f"table {t[1:]}'s rows stand beside the wrong codes (“{roots[t].title_en}”): a sum or "
                                 "comparison over them cannot hold",
                    f"表{t[1:]}的数字与科目代码错行（“{roots[t].title_zh}”），涉及这些行的合计或比较都无法成立")
            if f.status == "mismatch" and not f.id.startswith("x.shift.")
            and (t := next((t for t in _TABLE_KEY.findall(f"{f.id} {f.sources}") if t in roots), None)) else f
            for f in out]


_TABLE_KEY = re.compile(r"(?<![a-z0-9])(t0[1-9]|u04)(?![0-9])")


def _unavailable(finding: Finding, report: dict) -> Finding:
    """A check that lacks data because its table is not in the report's template is not applicable; one whose table
    was left unread (ingest --partial) says so."""
    if finding.status != "missing_data":
        return finding
    template = report.get("template", {}).get("id", "national")
    tables = set(_TABLE_KEY.findall(f"{finding.id} {finding.sources}"))
    absent = sorted(t for t in tables if t not in TEMPLATES[template]["tables"])
    unread = {u["table"]: u["reason"] for u in report.get("unread", [])}
    if absent:
        note = f"the {TEMPLATES[template]['name_en']} template has no table {', '.join(absent)}"
        note_zh = f"{TEMPLATES[template]['name_zh']}格式没有{'、'.join(place_zh(t) for t in absent)}"
        return replace(finding, status="not_applicable", note=note, note_zh=note_zh)
    if tables & unread.keys():
        table = sorted(tables & unread.keys())[0]
        return replace(finding, note=f"table {table} was not read: {unread[table]}", note_zh=f"{place_zh(table)}未能读取")
    return finding


def counts(findings) -> dict[str, int]:
    return {s: sum(f.status == s for f in findings) for s in STATUSES}


FAMILIES = {"within": "within a table", "between": "between tables", "prose": "prose against tables",
            "procurement": "procurement", "performance": "performance", "identity": "year and unit",
            "wording": "wording", "completeness": "completeness"}


def status_table(findings):
    """Counts by family (rows) and status (columns), the families and statuses in the page's language."""
    import pandas as pd

    rows = []
    for family in FAMILIES:  # audit.family_<family> is FAMILIES[family] in English
        part = [f for f in findings if f.family == family]
        rows.append({"family": i18n.t(f"audit.family_{family}"),
                     **{status_name(s): sum(f.status == s for f in part) for s in STATUSES}, "checks": len(part)})
    rows.append({"family": i18n.t("audit.family_all"), **{status_name(s): n for s, n in counts(findings).items()},
                 "checks": len(findings)})
    return pd.DataFrame(rows)


SEVERITY = {"mismatch": 0, "artefact": 1, "consequence": 2, "note": 3, "missing_data": 4, "not_applicable": 5,
            "rounding": 6, "ok": 7}


def summary(c: dict[str, int]) -> str:
    """The counts in words: errors, not symptoms."""
    return (f"{sum(c.values())} checks: {c['mismatch']} errors of the report, {c['consequence']} consequences of them, "
            f"{c['artefact']} probable conversion artefacts, {c['note']} reviewer's notes (not errors), "
            f"{c['rounding']} within rounding or printed precision, "
            f"{c['ok']} exact, {c['not_applicable']} not applicable, {c['missing_data']} missing data")


def frame(findings, *, by_severity: bool = False):
    """Findings as a reader's table (no internal id: `juesuan check --json` has them); ``by_severity`` puts mismatches
    first (order within a status is kept). In the Chinese edition the check is its Chinese title alone, and the
    status, sources and note are in Chinese."""
    import pandas as pd

    zh = i18n.lang() == "zh"
    if by_severity:
        findings = sorted(findings, key=lambda f: SEVERITY[f.status])
    rows = [{
        "status": status_name(f.status), "check": f.title_en, "检查": f.title_zh,
        "sources": place_zh(f.sources) if zh else place_en(f.sources), "expected": _figure(f.expected, zh, f.id),
        "found": _figure(f.found, zh, f.id), "difference": "—" if f.difference is None else f.difference,
        "tolerance": f.tolerance, "note": f.zh_note if zh else place_en(f.note, in_note=True),
    } for f in findings]
    if zh:
        for row in rows:
            del row["check"]
    return pd.DataFrame(rows)


_WORDS_ZH = [(re.compile(r"^greater$"), "大于"), (re.compile(r"^less$"), "小于"), (re.compile(r"^equal$"), "等于"),
             (re.compile(r"^change "), "增减额 "), (re.compile(r" vs "), "，")]  # what words.py puts in a figure's place


def _figure(value, zh: bool, check: str = ""):
    """An expected or found figure as shown: "—" when there is none; a year as a year (2024, not 2,024); the
    comparison words in Chinese (zh)."""
    if value is None:
        return "—"
    if check.startswith("id.year") and isinstance(value, Decimal):
        return str(int(value))
    if zh and isinstance(value, str):
        for pattern, chinese in _WORDS_ZH:
            value = pattern.sub(chinese, value)
    return value
