"""From a report file to validated datasets: read, split, parse, validate. Pure except for reading the file."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from . import annex, economic, layout, outline, prose, status, tables, units, wording
from ..data import glossary
from .blocks import Block, Document, find_table, says_empty, split
from ..data.datasets import DATASETS, Result, failure
from ..errors import IngestError, NotFinalAccounts
from ..text import key, normalise
from ..data.vocab import UNIT_YEAR_LINE, BUDGET_COVER, BUDGET_TITLE, FINAL_WORD, STANDARD_TITLES, TEMPLATES, TITLE_MAX

PARSERS = {
    "t01": ("t01_summary", tables.line_items), "t02": ("t02_income", tables.functional),
    "t03": ("t03_expenditure", tables.functional), "t04": ("t04_fiscal_summary", tables.line_items),
    "t05": ("t05_general_budget", tables.functional), "t06": ("t06_basic_economic", economic.economic),
    "t07": ("t07_gov_fund", tables.functional), "t08": ("t08_state_capital", tables.functional),
    "t09": ("t09_three_public", tables.three_public), "u04": ("u04_fiscal_expenditure", tables.functional),
}


# A text conversion of a real 部门决算 is far smaller: the seed (a 40-page report) is 69 KB and a 500-page report
# converts to under 1 MB. Hostile text costs the parser up to ~8 s and ~250 MB per MB, so this bound keeps every
# answer within seconds; larger input is refused before it is read. PDFs are exempt: images make them large.
MAX_TEXT_BYTES = 2 * 1024 * 1024
_SNIFF = 65536  # bytes read first to tell a PDF, binary data or UTF-16 from text


def read_text(path: Path) -> str:
    """The report's text. Errors name the file."""
    return read_source(path)[0]


def read_source(path: Path) -> tuple[str, list[dict] | None]:
    """The report's text, and for a PDF where each of its pages starts ([{line, page}]; None for a text file, whose
    pages only its own markers can tell). Errors name the file."""
    return _source(path)[:2]


def _source(path: Path) -> tuple[str, list[dict] | None, list[dict] | None]:
    """read_source(), and for a PDF how each table's rows were read ([{lines, read}], pdf.read)."""
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(_SNIFF)
            if head[:5] == b"%PDF-":
                from .pdf import read

                return read(path)
            if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
                raise IngestError("UTF-16 text, not UTF-8: convert the file to UTF-8", file=name)
            if b"\x00" in head:
                raise IngestError("binary data, not report text", file=name)
            if size > MAX_TEXT_BYTES:
                raise IngestError(f"the file is {size / 2**20:.1f} MB; a 部门决算 text conversion is far smaller (the "
                                  f"limit is {MAX_TEXT_BYTES // 2**20} MB): check that this is the report", file=name)
            data = head + f.read(MAX_TEXT_BYTES + 1 - len(head))
    except OSError as err:
        raise IngestError(f"cannot read the file ({err.strerror})", file=name) from None
    if len(data) > MAX_TEXT_BYTES:  # the file grew while it was read
        raise IngestError(f"the file is larger than {MAX_TEXT_BYTES // 2**20} MB: check that this is the report",
                          file=name)
    if not data.strip():
        raise IngestError("the file is empty", file=name)
    try:
        return data.decode("utf-8-sig"), None, None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        hint = "convert the file to UTF-8"
        try:
            legacy = data.decode("gb18030")
            if re.search(r"[\u4e00-\u9fff]", legacy) and not re.search(r"[\x00-\x08\x0e-\x1f]", legacy):
                hint = "it reads as GBK/GB18030: convert it to UTF-8 (iconv -f GB18030 -t UTF-8)"
        except UnicodeDecodeError:
            pass
        raise IngestError(f"not UTF-8 text (byte {err.start}): {hint}", file=name, line=line) from None


def parse_file(path: Path, year: int | None = None, *, partial: bool = False) -> Result:
    """Parse the report at ``path``. ``year`` None takes the year the report states; ``partial`` records a table
    that cannot be read in report["unread"] instead of failing."""
    text, pages, readings = _source(path)
    try:
        result = parse(text, year, partial=partial, pages=pages, readings=readings)
    except IngestError as err:
        err.file = path.name
        raise
    result.report["source"] = {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    return result


def parse(text: str, year: int | None = None, *, partial: bool = False, pages: list[dict] | None = None,
          readings: list[dict] | None = None) -> Result:
    """Parse report text. ``pages`` gives where each page starts ([{line, page}], as a PDF tells it); None reads the
    pages from the text's own page markers, where it has them. ``readings`` says how a PDF's tables were read
    ([{lines, read}]); None for text, whose tables are read as the conversion sets them (tab, pipe or HTML rows), or
    from the columns its spaces align (layout.py)."""
    text = normalise(text)
    if readings is None:
        text, readings = layout.tabulate(text)
    doc = split(text)
    try:
        result = _parse(doc, year, partial)
    except IngestError as err:
        end = max((n for n, line in enumerate(doc.lines, start=1) if line.strip()), default=0)
        if err.line == end and "truncated" not in err.message:
            err.message += "; the text ends on this line: is the file truncated?"
        raise
    outline.record(doc, result.report, pages)
    wording.record(doc, result.report)
    _record_readings(result.report, readings)
    return result


def _record_readings(report: dict, readings: list[dict]) -> None:
    """Say in report.json how each table's rows were read: "ruled cells" or "word positions" (a PDF), "character
    positions" (text aligned by spaces), "text conversion" (tab, pipe or HTML rows as given)."""
    places = [report["tables"][t] for t in report["tables"]]
    places += [v for v in report["sections"].values() if isinstance(v, dict) and v.get("lines")]
    for place in places:
        first, last = place["lines"]
        hows = list(dict.fromkeys(r["read"] for r in readings if r["lines"][0] <= last and r["lines"][1] >= first))
        place["read"] = " + ".join(hows) if hows else "text conversion"


def _template(doc: Document) -> dict:
    """Which template the report follows, and how its tables are laid out (recorded in report.json)."""
    found = [b for b in doc.blocks if b.key]
    marker = TEMPLATES["university"]["marker"]
    university = any(b.key == "u04" or marker in b.title for b in found)
    blank = [b for b in doc.blank if b.key not in {f.key for f in found}]
    order = list(dict.fromkeys(b.key for b in sorted(found + blank, key=lambda b: b.first_line)))
    template = {"id": "university" if university else "national"}
    template.update(name_zh=TEMPLATES[template["id"]]["name_zh"], name_en=TEMPLATES[template["id"]]["name_en"])
    template["layout"] = {
        "labels": any(b.label for b in found),  # 公开NN表 labels (the Hunan layout)
        "order": order,  # the tables in the order they stand (Shanghai puts 三公 before 政府性基金)
        "split_codes": any(r.cells[:3] == ("类", "款", "项") for b in found for r in b.rows[:6]),
    }
    return template


def _refuse_other_documents(doc: Document) -> None:
    """A 部门预算 (budget), or any document without a final-accounts table, is refused and said what it seems."""
    if any(b.key for b in doc.blocks):
        return
    lines = [(n, clean_line) for n, clean_line in doc.prose if len(clean_line) <= TITLE_MAX]
    budget = [(n, t) for n, t in lines if BUDGET_TITLE.search(key(t)) and FINAL_WORD not in t]
    cover = " ".join(t for _, t in doc.prose[:8])
    year = re.search(r"((?:19|20)\d{2})\s*年", cover)
    when = f" for {year.group(1)}" if year else ""
    if len(budget) >= 2 or (BUDGET_COVER.search(cover) and FINAL_WORD not in cover):
        line, title = budget[0] if budget else (doc.prose[0] if doc.prose else (None, ""))
        raise NotFinalAccounts(f"this is a 部门预算 (budget){when}, not a 决算 (final accounts): its tables are "
                               f"budget tables such as {key(title)[:30]}", line=line)
    if not any(FINAL_WORD in t for _, t in doc.prose):
        raise NotFinalAccounts("not a final-accounts report: no 决算 table and no mention of 决算 in the text")
    raise IngestError("no final-accounts table was found (收入支出决算总表 …): the text mentions 决算 but holds "
                      "none of its tables; is this only the explanatory text, or a scan?")


def _parse(doc: Document, year: int | None, partial: bool = False) -> Result:
    _refuse_other_documents(doc)
    template = _template(doc)
    datasets: dict[str, list[dict]] = {}
    report: dict = {"year": year, "template": template, "tables": {}, "sections": {}, "unread": []}
    used: set[int] = set()
    for table in TEMPLATES[template["id"]]["tables"]:
        name, parser = PARSERS[table]
        try:
            block = find_table(doc, table)
            used.add(id(block))
            datasets[name] = [] if block.blank else parser(block)
            converted = units.to_wan_yuan(datasets[name]) if block.unit == "元" else None
            if not datasets[name] and not block.blank:
                block.blank = says_empty(doc, block)
                if not block.blank:
                    raise IngestError(f"table {table[1:]} has a header but no rows", table=table, line=block.last_line)
        except IngestError as err:
            if not partial:
                raise
            datasets[name] = []
            _unread(report, table, err)
            continue
        report["tables"][table] = {
            "dataset": name, "title_zh": key(block.title), "title_en": glossary.table_title(table) or "",
            "label": block.label, "unit": block.unit, "unit_name_zh": block.unit_name,
            "lines": [block.first_line, block.last_line],
            "notes_zh": block.notes,
        }
        if block.blank:  # published blank: no figures, and its note says why
            report["tables"][table]["blank"] = True
        if block.blank or wording.empty(datasets[name]):  # no figure but zero: does a note (or the text after) say so?
            report["tables"][table]["empty"] = True
            report["tables"][table]["says_empty"] = block.blank or says_empty(doc, block)
        if converted:  # printed in 元: stored in 万元, exactly, at the precision printed
            report["tables"][table]["stored"] = {"unit": "万元", "factor": "0.0001", "precision": converted}
            report["tables"][table]["unit_line"] = block.unit_line
    for name in DATASETS:
        datasets.setdefault(name, [])  # a table the template does not have: an empty dataset
    units.check_scale(datasets, report["tables"])
    _read_annex(doc, datasets, report, used, partial)
    datasets["procurement"] = prose.procurement(doc)
    datasets["prose_numbers"] = prose.numbers(doc)
    report["comparisons"] = prose.comparisons(datasets["prose_numbers"])  # what each 大于/小于 is judged against
    report["civil_service"] = status.civil_service(doc)  # the unit's word on being 参公 (explains 机关运行经费)
    report["sections"]["procurement"] = {"found": bool(datasets["procurement"])}
    _metadata(doc, datasets, report, year)
    report["unplaced"] = [
        {"line": b.first_line, "text_zh": "".join(b.rows[0].cells)[:30]} for b in doc.blocks if id(b) not in used
    ]
    for name in DATASETS:
        datasets.setdefault(name, [])
        problem = failure(name, datasets[name])
        if problem:
            raise IngestError(f"data does not fit its schema: {problem[0]}", table=DATASETS[name]["table"],
                              line=problem[1])
    return Result(datasets, report)


def _projects(block: Block, datasets: dict, stated: list[dict]) -> dict:
    rows, info = annex.projects(block)
    unit, source = _project_unit(block, rows, info["stated_total"], datasets["t03_expenditure"])
    for r in rows:
        amount = r.pop("amount")
        r["amount_yuan"] = amount if unit == "元" else str(Decimal(amount) * 10000)
    datasets["projects"] = rows
    if info["stated_total"]:
        stated.append({"dataset": "projects", "label_zh": "合计", "measure": "amount_yuan",
                       "value": info["stated_total"] if unit == "元" else str(Decimal(info["stated_total"]) * 10000),
                       "line": str(info["total_line"])})
    return {"unit_published": unit, "unit_source": source}


def _performance(block: Block, datasets: dict, stated: list[dict]) -> dict:
    indicators, budget, totals = annex.performance(block)
    datasets["performance_indicators"], datasets["performance_budget"] = indicators, budget
    for measure in ("weight_total", "score_total"):
        if totals.get(measure):
            stated.append({"dataset": "performance_indicators", "label_zh": "总分",
                           "measure": "weight_points" if measure == "weight_total" else "score_points",
                           "value": totals[measure], "line": str(totals["line"])})
    return {}


def _performance_base(block: Block, datasets: dict, stated: list[dict]) -> dict:
    datasets["performance_base"] = annex.performance_base(block)
    return {}


# The annex's grids have no standard title: each is found by the words of its header (the first set that a grid
# holds), then read. A section not found is recorded as absent.
ANNEX = {
    "projects": ([("序号", "金额")], _projects),
    "performance": ([("一级指标", "三级指标")], _performance),
    "performance_base": ([("经费控制情况",), ("财政供养人员",)], _performance_base),
}


def _read_annex(doc: Document, datasets: dict, report: dict, used: set[int], partial: bool) -> None:
    stated: list[dict] = []
    for section, (finders, read) in ANNEX.items():
        block = next((b for words in finders if (b := annex.find(doc.blocks, *words))), None)
        if not block:
            report["sections"][section] = {"found": False}
            continue
        used.add(id(block))
        try:
            extra = read(block, datasets, stated)
        except IngestError as err:
            if not partial:
                raise
            report["sections"][section] = {"found": True, "unread": True}
            _unread(report, section, err)
            continue
        report["sections"][section] = {"found": True, "lines": [block.first_line, block.last_line], **extra}
    datasets["stated_totals"] = stated


def _unread(report: dict, key: str, err: IngestError) -> None:
    """Record, under ingest --partial, a table or annex section that could not be read, and why."""
    report["unread"].append({"table": key, "title_zh": STANDARD_TITLES[key], "line": err.line, "reason": err.message})


def _project_unit(block: Block, rows: list[dict], stated_total: str, t03: list[dict]) -> tuple[str, str]:
    """元 or 万元 for the project list: stated in its header or unit line, else inferred against table 03 from the
    list's sum or, when one amount is off (a misprint, a lost digit), from its stated 合计."""
    header = "".join(block.rows[0].cells)
    for unit in ("万元", "元"):
        if unit in header or block.unit == unit:
            return unit, "stated"
    project = tables.total(t03, level="total", column="project")
    candidates = [(annex.decimal_sum(r["amount"] for r in rows), "the list sums to"),
                  (Decimal(stated_total or 0), "its 合计 is")]
    for amount, says in candidates:
        if project and amount:
            ratio = amount / project
            if units.about(ratio, 10000):
                return "元", f"inferred: {says} about 10,000 times table 03's 项目支出"
            if units.about(ratio, 1):
                return "万元", f"inferred: {says} about table 03's 项目支出"
    raise IngestError("the project list states no unit (元 or 万元) and its sum does not tell", table="projects",
                      line=block.first_line)


_COVER_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")


def _metadata(doc: Document, datasets: dict, report: dict, year: int | None) -> None:
    names = Counter(b.unit_name for b in doc.blocks if b.key and b.unit_name)
    printed_units = Counter(b.unit for b in doc.blocks if b.key and b.unit)
    cover = doc.prose[:8]
    stated_year, year_line = None, None
    for line, text in cover:
        if m := _COVER_YEAR.search(text):
            stated_year, year_line = int(m.group(1)), line
            break
    if stated_year is None:
        years = Counter(r["value"] for r in datasets["prose_numbers"] if r["metric"] == "year")
        if years:
            stated_year = int(years.most_common(1)[0][0])
    if year is None:
        if stated_year is None:
            raise IngestError("the report states no year: give it with --year", line=None)
        report["year"] = stated_year
    elif stated_year is not None and stated_year != year:
        raise IngestError(f"the report is for {stated_year}, not {year}: check --year", line=year_line)
    unit_name = names.most_common(1)[0][0] if names else ""
    if not unit_name:
        unit_name = next((m.group(1) for _, text in doc.prose if len(text) <= TITLE_MAX
                          and (m := UNIT_YEAR_LINE.match(text))), "")
    if not unit_name:
        for line, text in cover:
            if text.endswith(("中心", "局", "委员会", "厅", "院", "办公室", "部", "学校", "馆", "所", "站", "队")):
                unit_name = text
                break
    report["unit_zh"] = unit_name
    report["year_stated"] = stated_year
    report["currency_unit"] = "万元" if printed_units else ""  # the tables' amounts, stored in 万元 (units.py)
    report["staff"] = [
        {"source": "prose", "label_zh": r["subject_zh"], "count": int(Decimal(r["value"])), "line": int(r["line"])}
        for r in datasets["prose_numbers"] if r["metric"] == "staff_count"
    ] + [
        {"source": "performance_base", "label_zh": r["column_zh"], "count": int(Decimal(r["value"])),
         "line": int(r["line"])}
        for r in datasets.get("performance_base", []) if r["unit"] == "人"
    ]
    unknown = []
    for name in ("t02_income", "t03_expenditure", "t05_general_budget", "t07_gov_fund", "t08_state_capital"):
        for r in datasets[name]:
            if r["code"] and glossary.code_name("functional", r["code"]) is None:
                unknown.append(("functional", r["code"], r["name_zh"]))
    for r in datasets["t06_basic_economic"]:
        if r["code"] and glossary.code_name("economic", r["code"]) is None:
            unknown.append(("economic", r["code"], r["name_zh"]))
    report["unknown_codes"] = [{"kind": k, "code": c, "name_zh": n} for k, c, n in sorted(set(unknown))]
