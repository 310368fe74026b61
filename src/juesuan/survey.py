"""``juesuan survey``: read many reports, each into a throw-away folder, and say how far each was read.

One report is one plain dict row (``survey_file``, run in a worker process); the rows are formatted as an
aligned terminal table (``format_text``) or JSON lines (``format_json``). Nothing is written outside a
temporary folder, so a survey never touches data/.
"""

from __future__ import annotations

import json
import os
import sys
import time
import unicodedata
from pathlib import Path

SUFFIXES = (".pdf", ".txt", ".md")
STATUSES = ("whole", "partial", "failed", "not_final_accounts")
KEYS = ("file", "unit", "year", "template", "tables_read", "tables_expected", "rows", "ok", "rounding", "mismatch",
        "note", "consequence", "seconds", "status", "reason")
COUNTED = ("ok", "rounding", "mismatch", "note", "consequence")  # the audit's counts each row gives
UNIT_WIDTH = 24  # terminal cells: 12 CJK characters
FILE_WIDTH = 44


# ---- which files -------------------------------------------------------------------------------------------------

def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def collect(paths: list[Path]) -> list[Path]:
    """The report files named by ``paths``, in order: a file as given; a folder as every .pdf/.txt/.md file under
    it (recursively, sorted; hidden files and folders, and README files, skipped). A file named twice counts once.
    Raises FileNotFoundError for a path that does not exist."""
    out: list[Path] = []
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(path)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.is_file() and p.suffix.lower() in SUFFIXES and not _hidden(p, path)
                           and p.stem.lower() != "readme")
        else:
            found = [path]
        for p in found:
            if p.resolve() not in seen:
                seen.add(p.resolve())
                out.append(p)
    return out


# ---- one report --------------------------------------------------------------------------------------------------

def _row(path: Path, **values) -> dict:
    row = dict.fromkeys(KEYS)
    row.update(file=path.name, unit="", template="")
    row.update(values)
    return row


def survey_file(path: str | Path) -> dict:
    """Read one report (partial reading allowed) into a temporary folder, audit it, and return its row.

    Never raises for a bad report: an IngestError becomes a "failed" row with its one-line reason, a
    NotFinalAccounts a "not_final_accounts" row, and any other exception a "failed" row naming it.
    """
    import tempfile

    from .audit import checks
    from .data.datasets import load
    from .errors import IngestError, NotFinalAccounts
    from .read.ingest import parse_file
    from .data.store import save

    path = Path(path)
    start = time.perf_counter()

    def seconds() -> float:
        return round(time.perf_counter() - start, 1)

    try:
        result = parse_file(path, None, partial=True)
    except NotFinalAccounts as err:
        return _row(path, status="not_final_accounts", reason=err.message, seconds=seconds())
    except IngestError as err:
        return _row(path, status="failed", reason=str(err), seconds=seconds())
    except Exception as err:  # a parser bug must not stop the survey of the other reports
        return _row(path, status="failed", reason=f"{path.name}: internal error: {type(err).__name__}: {err}",
                    seconds=seconds())
    report = result.report
    unread = report["unread"]
    read = len(report["tables"])
    row = _row(path, unit=report["unit_zh"], year=report["year"], template=report["template"]["id"],
               tables_read=read, tables_expected=read + len(unread),
               rows=sum(len(v) for v in result.datasets.values()),
               status="partial" if unread else "whole",
               reason="unread: " + "; ".join(f"{u['table']} ({u['reason']})" for u in unread) if unread else None)
    try:
        with tempfile.TemporaryDirectory(prefix="juesuan-survey-") as tmp:
            save(result, Path(tmp), row["year"])
            found = checks.counts(checks.run(load(row["year"], tmp)))
        row.update({k: found[k] for k in COUNTED})
    except Exception as err:  # the report was read but its audit could not run: not read whole, and said so
        note = f"audit failed: {type(err).__name__}: {err}"
        row["reason"] = f"{row['reason']}; {note}" if row["reason"] else note
        row["status"] = "failed"
    row["seconds"] = seconds()
    return row


# ---- many reports --------------------------------------------------------------------------------------------

def _quiet() -> None:
    """Worker start-up: library warnings and log records (pdfminer's) never reach the terminal."""
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.CRITICAL)
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the worker


def survey(files: list[Path], jobs: int | None = None, *, progress: bool = False,
           scheduler: str | None = None) -> list[dict]:
    """One row per file, in the order given; reports are read in parallel (one process per core by default, or
    on the Dask cluster at ``scheduler``)."""
    from concurrent.futures import as_completed

    from .workers import executor

    if not files:
        return []
    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    rows: list[dict | None] = [None] * len(files)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="report", file=sys.stderr, leave=False, miniters=1)
    try:
        with executor(workers, scheduler, initializer=_quiet) as pool:
            futures = {pool.submit(survey_file, str(f)): i for i, f in enumerate(files)}
            for future in as_completed(futures):
                i = futures[future]
                try:
                    rows[i] = future.result()
                except Exception as err:  # the worker died (killed, out of memory): only this report fails
                    rows[i] = _row(files[i], status="failed",
                                   reason=f"{files[i].name}: the worker reading it stopped ({type(err).__name__})")
                if bar is not None:
                    bar.set_postfix_str(files[i].name, refresh=False)
                    bar.update()
    finally:
        if bar is not None:
            bar.close()
    return rows  # type: ignore[return-value]


def summary(rows: list[dict]) -> dict:
    """K reports read whole of the N that are final accounts; M refused as not final accounts."""
    refused = sum(r["status"] == "not_final_accounts" for r in rows)
    return {"whole": sum(r["status"] == "whole" for r in rows), "of": len(rows) - refused,
            "not_final_accounts": refused}


def exit_code(rows: list[dict]) -> int:
    """0 when every final-accounts report was read whole, else 1."""
    s = summary(rows)
    return 0 if s["whole"] == s["of"] else 1


# ---- output ------------------------------------------------------------------------------------------------

def cells(text: str) -> int:
    """Terminal cells the text takes: CJK (wide and fullwidth) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def truncate(text: str, width: int) -> str:
    """The text cut to at most ``width`` cells, ending in … when cut."""
    if cells(text) <= width:
        return text
    out, used = "", 0
    for c in text:
        w = cells(c)
        if used + w > width - 1:
            break
        out, used = out + c, used + w
    return out + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - cells(text))
    return fill + text if right else text + fill


def _figures(row: dict) -> list[str]:
    return [
        truncate(row["unit"] or "", UNIT_WIDTH), "" if row["year"] is None else str(row["year"]), row["template"] or "",
        f"{row['tables_read']}/{row['tables_expected']}", str(row["rows"]),
        *("" if row[k] is None else str(row[k]) for k in COUNTED),
        f"{row['seconds']:.1f}" if row["seconds"] is not None else "",
    ]


# errors: the report's own (mismatches), each counted once; notes: a reviewer's remarks (尾差调整), not errors;
# consequences: differences that only follow from an error
HEADER = ["file", "unit", "year", "template", "tables", "rows", "ok", "rounding", "errors", "notes", "consequences",
          "seconds"]
RIGHT = {2, 4, 5, 6, 7, 8, 9, 10, 11}  # columns aligned right (numbers)


def _without_file(reason: str, name: str) -> str:
    """An IngestError's one line without its leading file name (the row names the file)."""
    return reason[len(name) + 2:] if reason.startswith(name + ": ") else reason


def format_text(rows: list[dict]) -> str:
    """An aligned table, one row per report, then the errors of each report audited (notes and consequences counted
    apart), then "K of N read whole"."""
    files = [truncate(r["file"], FILE_WIDTH) for r in rows]
    table = [[f, *_figures(r)] if r["status"] in ("whole", "partial") else [f] for f, r in zip(files, rows)]
    widths = [max([cells(HEADER[i])] + [cells(t[i]) for t in table if len(t) > i]) for i in range(len(HEADER))]

    def line(values: list[str]) -> str:
        return "  ".join(pad(v, widths[i], i in RIGHT) for i, v in enumerate(values))

    out = [line(HEADER)]
    for values, row in zip(table, rows):
        if row["status"] in ("whole", "partial"):
            text = line(values)
            if row["reason"]:
                text += "  " + row["reason"]
        elif row["status"] == "not_final_accounts":
            text = pad(values[0], widths[0]) + "  not a final-accounts report: " + (row["reason"] or "")
        else:
            text = pad(values[0], widths[0]) + "  failed: " + _without_file(row["reason"] or "", row["file"])
        out.append(text.rstrip())
    audited = [r for r in rows if r["mismatch"] is not None]
    if audited:
        each = ", ".join(f"{truncate(r['file'], FILE_WIDTH)} {r['mismatch']}" for r in audited)
        out.append(f"errors of the reports: {sum(r['mismatch'] for r in audited)} ({each}); "
                   f"{sum(r['note'] or 0 for r in audited)} notes and {sum(r['consequence'] or 0 for r in audited)} "
                   "consequences besides")
    s = summary(rows)
    last = f"{s['whole']} of {s['of']} read whole"
    if s["not_final_accounts"]:
        last += f" ({s['not_final_accounts']} refused: not final accounts)"
    out.append(last)
    return "\n".join(out) + "\n"


def format_json(rows: list[dict]) -> str:
    """JSON lines: one object per report (keys as KEYS), then the summary object."""
    lines = [json.dumps({k: r[k] for k in KEYS}, ensure_ascii=False) for r in rows]
    lines.append(json.dumps(summary(rows), ensure_ascii=False))
    return "\n".join(lines) + "\n"
