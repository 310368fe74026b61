"""Reading one report into the collection as a job that runs anywhere (juesuan.workers: a local process or a Dask
worker): it never raises for a bad report, and returns what to print."""

from __future__ import annotations

from pathlib import Path


def ingest_report(path: str, data_dir: str, year: int | None = None, unit: str | None = None, *,
                  force: bool = False, partial: bool = False) -> dict:
    """Read one report into data_dir/<unit>/<year>/ atomically. Returns {"status": "wrote" | "replaced" |
    "unchanged" | "partial" | "failed" | "refused", "line": what to print, "notes": more lines, "brief": the line
    with the notes counted (one line of many), "unit", "year"}; never raises for a bad report (its one-line error
    is the line)."""
    from .data.collection import unit_key
    from .data.store import save
    from .errors import IngestError, NotFinalAccounts
    from .read.ingest import parse_file

    name = Path(path).name
    try:
        result = parse_file(Path(path), year, partial=partial)
        report = result.report
        key = unit_key(report.get("unit_zh") or "")
        if not report.get("unit_zh") and not unit:
            raise IngestError("the report states no unit name: give the unit's folder with --unit", file=name)
        if unit and report.get("unit_zh") and unit != key:
            raise IngestError(f"the report is of {report['unit_zh']} ({key}), not {unit}: check --unit", file=name)
        key = unit or key
        target = Path(data_dir) / key
        changes = save(result, target, report["year"], force=force)
    except NotFinalAccounts as err:
        line = f"refused {name}: {err.message}"  # one of many: listed; alone: an error (err_line)
        return {"status": "refused", "line": line, "notes": [], "brief": line, "unit": None, "year": None,
                "err_line": f"error: {err}"}
    except IngestError as err:
        line = f"error: {err}"
        return {"status": "failed", "line": line, "notes": [], "brief": line, "unit": None, "year": None}
    rows = sum(len(v) for v in result.datasets.values())
    folder = target / str(report["year"])
    if changes is None:
        line, status = f"wrote {folder}: {report['unit_zh']} {report['year']}, {len(result.datasets)} datasets, {rows} rows", "wrote"
    elif not changes:
        line, status = f"{folder} is unchanged ({rows} rows)", "unchanged"
    else:
        line = f"replaced {folder}: " + ", ".join(f"{k} ({v} cells)" for k, v in changes.items())
        status = "replaced"
    notes = []
    if report["unknown_codes"]:
        notes.append(f"{len(report['unknown_codes'])} codes have no English name yet: "
                     + ", ".join(f"{u['code']} {u['name_zh']}" for u in report["unknown_codes"][:10]))
    notes += [f"not placed: line {item['line']}: {item['text_zh']}" for item in report["unplaced"]]
    notes += [f"unread: {name}: table {item['table']}, line {item['line'] or '-'}: {item['reason']}"
              for item in report["unread"]]
    counts = [(len(report["unread"]), "table unread", "tables unread"),
              (len(report["unknown_codes"]), "code without an English name", "codes without an English name"),
              (len(report["unplaced"]), "line not placed", "lines not placed")]
    brief = "; ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)
    return {"status": "partial" if report["unread"] else status, "line": line, "notes": notes, "unit": key,
            "year": report["year"], "brief": f"{line} ({brief})" if brief else line}
