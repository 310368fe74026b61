"""The command line: ``juesuan ingest``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .errors import IngestError


@click.group(help="juesuan: Chinese government final accounts (部门决算) into tested data and a book.")
def main() -> None:
    pass


@main.command(help="Read each REPORT (a PDF, or a text or markdown conversion of a 部门决算; a folder stands for every "
                   ".pdf, .txt and .md file under it) into DATA_DIR/<unit>/<year>/, the unit and the year as the report "
                   "states them, one line per report, several at once. Each is written atomically. Exit status: 0 when "
                   "every report was read (documents refused as not final accounts are listed, and do not count), 3 "
                   "when a table was left unread (--partial), 2 when a report could not be read.")
@click.argument("reports", nargs=-1, required=True, metavar="REPORT...", type=click.Path(path_type=Path))
@click.option("--year", type=int, default=None, help="The year, checked against the one the report states.")
@click.option("--unit", default=None, help="The unit's folder under DATA_DIR (its key), checked against the report's "
                                           "unit name (default: the key made from that name).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True, help="The collection: one folder per unit, one per year under it.")
@click.option("--force", is_flag=True, help="Replace an existing year whose figures would change.")
@click.option("--partial", is_flag=True, help="When a table cannot be read, write everything else, record the table, "
                                              "its line and the reason in report.json, and exit 3.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Reports read at once (default: one per core).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Read the reports on a Dask cluster (tcp://host:8786) instead of local processes.")
@click.option("-v", "--verbose", is_flag=True, help="With several reports, each one's notes in full (codes without an "
                                                     "English name, lines not placed, tables unread), not counted.")
def ingest(reports: tuple[Path, ...], year: int | None, unit: str | None, data_dir: Path, force: bool, partial: bool,
           jobs: int | None, scheduler: str | None, verbose: bool) -> None:
    from concurrent.futures import as_completed

    from .data.store import recover
    from .jobs import ingest_report
    from .workers import SchedulerError, executor
    from .survey import collect

    missing = [p for p in reports if not p.exists()]
    if missing:
        click.echo(f"error: {IngestError('cannot read the file (no such file or folder)', file=missing[0].name)}",
                   err=True)
        sys.exit(2)
    files = collect(list(reports))
    if not files:
        click.echo(f"error: no .pdf, .txt or .md file in {', '.join(map(str, reports))}", err=True)
        sys.exit(2)
    if (year or unit) and len(files) > 1:
        click.echo("error: --year and --unit name one report's year and unit: give one REPORT with them", err=True)
        sys.exit(2)
    for done in recover(data_dir):
        click.echo(done, err=True)
    results: list[dict | None] = [None] * len(files)
    workers = min(jobs or os.cpu_count() or 1, len(files))
    if len(files) == 1 and not scheduler:  # one report: no worker to start
        results[0] = ingest_report(str(files[0]), str(data_dir), year, unit, force=force, partial=partial)
    else:
        try:
            with executor(workers, scheduler) as pool:
                futures = {pool.submit(ingest_report, str(f), str(data_dir), year, unit, force=force,
                                       partial=partial): i for i, f in enumerate(files)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
        except SchedulerError as err:
            click.echo(f"error: {err}", err=True)
            sys.exit(2)
    if len(results) == 1 and results[0]["status"] == "refused":  # the one document given is not final accounts
        click.echo(results[0]["err_line"], err=True)
        sys.exit(2)
    for result in results:  # one report: its notes in full; many: one line each, the notes counted
        click.echo(result["line"] if len(results) == 1 or verbose else result["brief"],
                   err=result["status"] in ("failed",))
        for note in result["notes"] if len(results) == 1 or verbose else []:
            click.echo(note, err=note.startswith("unread:"))
    statuses = {r["status"] for r in results}
    refused = [r for r in results if r["status"] == "refused"]
    if refused and len(refused) == len(results):
        sys.exit(2)  # nothing here is a final-accounts report
    sys.exit(2 if "failed" in statuses else 3 if "partial" in statuses else 0)


@main.command(help="Check every unit-year in DATA_DIR against the dataset schemas, and its datapackage.json against the "
                   "schemas and the files (a year whose files and schemas are unchanged since it was last found valid "
                   "is not read again).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True)
@click.option("--all", "every", is_flag=True, help="Validate every year, changed or not.")
def validate(data_dir: Path, every: bool) -> None:
    sys.exit(2 if _validate(data_dir, every) else 0)


def _validate(data_dir: Path, every: bool) -> int:
    """Validate the unit-years of data_dir (those changed since last found valid, or every one): the problems found,
    each said on stderr, a line per unit-year on stdout. Exits 2 when data_dir holds no report."""
    from .data.collection import collection
    from .data.store import ValidationRecord, recover

    for done in recover(data_dir):
        click.echo(done, err=True)
    found = collection(data_dir)
    if not found:
        click.echo(f"error: no report in {data_dir}/ (run `juesuan ingest REPORT`)", err=True)
        sys.exit(2)
    record = ValidationRecord(data_dir)
    bad = 0
    for unit, year in found:
        name = f"{unit}/{year}"
        if not every and record.current(name):
            click.echo(f"{data_dir}/{name}: valid (unchanged since validated)")
            continue
        problems = _validate_year(data_dir / unit, year)
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        bad += len(problems)
        if not problems:
            record.passed(name)
        click.echo(f"{data_dir}/{name}: {'datasets valid' if not problems else 'INVALID'}")
    record.save()
    return bad


def _validate_year(data_dir: Path, year: int) -> list[str]:
    from .data.datasets import DATASETS, read_csv, validate as check

    problems = []
    for name in DATASETS:
        path = data_dir / str(year) / f"{name}.csv"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        problem = check(name, read_csv(path))
        if problem:
            problems.append(f"{path}: {problem}")
    if not problems:  # the files fit the schemas: then the data package must describe them
        from .data.package import problems as package_problems

        problems += package_problems(data_dir / str(year))
    return problems


@main.command(help="Print the data dictionary (data/README.md) generated from the dataset schemas.")
def dictionary() -> None:
    from .data.dictionary import readme

    click.echo(readme(), nl=False)


@main.command(help="Run every chapter whose inputs changed, of every unit and year in data/, into book/; then build "
                   "the site into _build/html.")
@click.option("--unit", default=None, help="Run the pages of this unit (its folder under data/) and the overview only; "
                                           "the other units' are kept as they are.")
@click.option("--no-site", is_flag=True, help="Only run the notebooks; skip jupyter-book.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Notebooks run at once (default: one per core).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run the notebooks on a Dask cluster (tcp://host:8786) instead of local processes.")
@click.option("--explain", is_flag=True, help="Say, for each notebook, whether it runs or is kept, and why.")
@click.option("--dry-run", is_flag=True, help="With --explain: only explain, run nothing.")
@click.option("--validate", "validate_first", is_flag=True,
              help="First validate data/ as `juesuan validate` does, and build nothing if a unit-year is invalid "
                   "(`make book`: one process for both).")
def build(unit: str | None, no_site: bool, jobs: int | None, scheduler: str | None, explain: bool,
          dry_run: bool, validate_first: bool) -> None:
    from .data.collection import units
    from .publish.book import build as run
    from .workers import SchedulerError

    if unit is not None and unit not in units(Path("data")):
        click.echo(f"error: no unit {unit!r} in data/ (units: {', '.join(units(Path('data')))})", err=True)
        sys.exit(2)
    try:
        sys.exit(run(Path("."), site=not no_site, jobs=jobs, explain_only=dry_run, show_explain=explain,
                     echo=click.echo, unit=unit, scheduler=scheduler,
                     check=(lambda: not _validate(Path("data"), every=False)) if validate_first else None))
    except SchedulerError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)


@main.command(help="Run the consistency audit and print every finding that is not ok: of every unit and year in "
                   "DATA_DIR, or of the one --unit and --year name.")
@click.option("--unit", default=None, help="A unit's folder under DATA_DIR (default: every unit).")
@click.option("--year", type=int, default=None, help="A year (default: every year).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
@click.option("--strict", is_flag=True, help="Exit 1 when the audit finds an error of the report (a mismatch; consequences and conversion artefacts do not count).")
@click.option("--all", "show_all", is_flag=True, help="List ok checks too (text output).")
def check(unit: str | None, year: int | None, data_dir: Path, as_json: bool, strict: bool, show_all: bool) -> None:
    import json

    from .audit import checks
    from .data.collection import collection
    from .data.datasets import load, years
    from .data.store import recover

    for done in recover(data_dir):
        click.echo(done, err=True)
    chosen = [(u, y) for u, y in collection(data_dir) if unit in (None, u) and year in (None, y)]
    if not chosen:
        which = " ".join(x for x in (unit, str(year) if year else None) if x) or "any report"
        click.echo(f"error: {data_dir}: no data for {which} (run `juesuan ingest REPORT`)", err=True)
        sys.exit(2)
    every, errors = [], 0
    for u, y in chosen:
        folder = data_dir / u
        findings = checks.run(load(y, folder))
        nearby = {x: load(x, folder) for x in years(folder) if x in (y - 1, y, y + 1)}
        findings += [f for f in checks.across_years(nearby) if f".{y}." in f.id or f"the {y} report" in f.title_en]
        every += [{"unit": u, "year": y, **f.as_dict()} for f in findings] if as_json else []
        if not as_json:
            if len(chosen) > 1:
                click.echo(f"== {u} {y}")
            for f in findings:
                if f.status != "ok" or show_all:
                    size = f" (difference {f.difference}, tolerance {f.tolerance})" if f.difference is not None else ""
                    click.echo(f"{f.status:<14} {f.id}: {f.title_en}; expected {f.expected}, found {f.found}{size}"
                               + (f"; {f.note}" if f.note else ""))
            click.echo(checks.summary(checks.counts(findings)))
        errors += sum(f.status == "mismatch" for f in findings)
    if as_json:
        click.echo(json.dumps(every, ensure_ascii=False, indent=1))
    if strict and errors:
        sys.exit(1)


@main.command(help="Read each report in PATH... (files, or folders: every .pdf, .txt and .md file under them) into a "
                   "temporary folder, audit it, and print one row per report: unit, year, template, tables read, "
                   "rows, audit counts, seconds. Nothing is written to data/. Exit status: 0 when every "
                   "final-accounts report was read whole, 1 otherwise (a report not read whole, or failed; documents "
                   "refused as not final accounts do not count), 2 for a missing PATH.")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...", type=click.Path(exists=True, path_type=Path))
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Reports read at once (default: one per core).")
@click.option("--json", "as_json", is_flag=True, help="JSON lines: one object per report, then a summary object.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Read the reports on a Dask cluster (tcp://host:8786) instead of local processes.")
def survey(paths: tuple[Path, ...], jobs: int | None, as_json: bool, scheduler: str | None) -> None:
    from . import survey as sv
    from .workers import SchedulerError

    files = sv.collect(list(paths))
    if not files:
        click.echo(f"error: no .pdf, .txt or .md file in {', '.join(map(str, paths))}", err=True)
        sys.exit(2)
    try:
        rows = sv.survey(files, jobs, progress=sys.stderr.isatty(), scheduler=scheduler)
    except SchedulerError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    click.echo(sv.format_json(rows) if as_json else sv.format_text(rows), nl=False)
    sys.exit(sv.exit_code(rows))


@main.command(help="Ask the collection's database (every dataset a table with unit and year columns; reports, measures, "
                   "findings; the views overview and errors) in SQL, e.g. "
                   "juesuan sql \"select unit_zh, year, total from overview order by total desc\". The database, "
                   "_build/juesuan.duckdb, is built from data/ when missing or stale; DuckDB's own clients open it too.")
@click.argument("query", required=False)
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True)
@click.option("--schema", is_flag=True, help="List the tables and views with their columns.")
@click.option("--csv", "as_csv", is_flag=True, help="Print the rows as CSV.")
def sql(query: str | None, data_dir: Path, schema: bool, as_csv: bool) -> None:
    import duckdb
    import pandas as pd

    from .publish import database

    if schema or not query:
        click.echo(database.describe(data_dir), nl=False)
        return
    try:
        frame = database.query(query, data_dir)
    except duckdb.Error as err:
        click.echo(f"error: {str(err).splitlines()[0]}", err=True)
        sys.exit(2)
    if as_csv:
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        with pd.option_context("display.max_rows", 200, "display.max_columns", 50, "display.width", 200):
            click.echo(frame.to_string(index=False))
