"""The command line: ``juesuan ingest``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import IngestError


@click.group(help="juesuan: Chinese government final accounts (部门决算) into tested data and a book.")
def main() -> None:
    pass


@main.command(help="Parse REPORT (text or markdown conversion of a 部门决算) into DATA_DIR/YEAR/.")
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--year", type=int, required=True, help="The report's year, e.g. 2024.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True, help="Where the year's folder is written.")
@click.option("--force", is_flag=True, help="Replace an existing year whose figures would change.")
@click.option("--partial", is_flag=True, help="When a table cannot be read, write everything else, record the table, "
                                              "its line and the reason in report.json, and exit 3.")
def ingest(report: Path, year: int, data_dir: Path, force: bool, partial: bool) -> None:
    from .read.ingest import parse_file
    from .data.store import save

    try:
        result = parse_file(report, year, partial=partial)
        changes = save(result, data_dir, year, force=force)
    except IngestError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(2)
    rows = sum(len(v) for v in result.datasets.values())
    target = data_dir / str(year)
    if changes is None:
        click.echo(f"wrote {target}: {len(result.datasets)} datasets, {rows} rows")
    elif not changes:
        click.echo(f"{target} is unchanged ({rows} rows)")
    else:
        click.echo(f"replaced {target}: " + ", ".join(f"{k} ({v} cells)" for k, v in changes.items()))
    unknown = result.report["unknown_codes"]
    if unknown:
        click.echo(f"{len(unknown)} codes have no English name yet: "
                   + ", ".join(f"{u['code']} {u['name_zh']}" for u in unknown[:10]))
    for item in result.report["unplaced"]:
        click.echo(f"not placed: line {item['line']}: {item['text_zh']}")
    for item in result.report["unread"]:
        click.echo(f"unread: {report.name}: table {item['table']}, line {item['line'] or '-'}: {item['reason']}", err=True)
    if result.report["unread"]:
        sys.exit(3)


@main.command(help="Check every year in DATA_DIR against the dataset schemas, and its datapackage.json against the "
                   "schemas and the files (a year whose files and schemas are unchanged since it was last found valid "
                   "is not read again).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True)
@click.option("--all", "every", is_flag=True, help="Validate every year, changed or not.")
def validate(data_dir: Path, every: bool) -> None:
    from .data.store import ValidationRecord, recover

    for done in recover(data_dir):
        click.echo(done, err=True)
    from .data.datasets import years

    found = years(data_dir)
    if not found:
        click.echo(f"error: no year in {data_dir}/ (run `juesuan ingest REPORT --year YEAR`)", err=True)
        sys.exit(2)
    record = ValidationRecord(data_dir)
    bad = 0
    for year in found:
        if not every and record.current(year):
            click.echo(f"{data_dir}/{year}: valid (unchanged since validated)")
            continue
        problems = _validate_year(data_dir, year)
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        bad += len(problems)
        if not problems:
            record.passed(year)
        click.echo(f"{data_dir}/{year}: {'datasets valid' if not problems else 'INVALID'}")
    record.save()
    sys.exit(2 if bad else 0)


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


@main.command(help="Run every chapter whose inputs changed, for every year in data/, into book/; then build the "
                   "site into _build/html.")
@click.option("--no-site", is_flag=True, help="Only run the notebooks; skip jupyter-book.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, help="Notebooks run at once (default: one per core).")
@click.option("--explain", is_flag=True, help="Say, for each notebook, whether it runs or is kept, and why.")
@click.option("--dry-run", is_flag=True, help="With --explain: only explain, run nothing.")
def build(no_site: bool, jobs: int | None, explain: bool, dry_run: bool) -> None:
    from .publish.book import build as run

    sys.exit(run(Path("."), site=not no_site, jobs=jobs, explain_only=dry_run, show_explain=explain,
                 echo=click.echo))


@main.command(help="Run the consistency audit for YEAR and print every finding.")
@click.option("--year", type=int, required=True)
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"),
              show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per check.")
@click.option("--strict", is_flag=True, help="Exit 1 when the audit finds an error of the report (a mismatch; consequences and conversion artefacts do not count).")
@click.option("--all", "show_all", is_flag=True, help="List ok checks too (text output).")
def check(year: int, data_dir: Path, as_json: bool, strict: bool, show_all: bool) -> None:
    import json

    from .audit import checks
    from .data.datasets import load
    from .data.store import recover

    for done in recover(data_dir):
        click.echo(done, err=True)
    folder = data_dir / str(year)
    if not (folder / "report.json").exists():
        click.echo(f"error: {folder}: no data (run `juesuan ingest REPORT --year {year}`)", err=True)
        sys.exit(2)
    from .data.datasets import years

    findings = checks.run(load(year, data_dir))
    nearby = {y: load(y, data_dir) for y in years(data_dir) if y in (year - 1, year, year + 1)}
    findings += [f for f in checks.across_years(nearby) if f".{year}." in f.id or f"the {year} report" in f.title_en]
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        for f in findings:
            if f.status != "ok" or show_all:
                size = f" (difference {f.difference}, tolerance {f.tolerance})" if f.difference is not None else ""
                click.echo(f"{f.status:<14} {f.id}: {f.title_en}; expected {f.expected}, found {f.found}{size}"
                           + (f"; {f.note}" if f.note else ""))
        click.echo(checks.summary(checks.counts(findings)))
    if strict and any(f.status == "mismatch" for f in findings):
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
def survey(paths: tuple[Path, ...], jobs: int | None, as_json: bool) -> None:
    from . import survey as sv

    files = sv.collect(list(paths))
    if not files:
        click.echo(f"error: no .pdf, .txt or .md file in {', '.join(map(str, paths))}", err=True)
        sys.exit(2)
    rows = sv.survey(files, jobs, progress=sys.stderr.isatty())
    click.echo(sv.format_json(rows) if as_json else sv.format_text(rows), nl=False)
    sys.exit(sv.exit_code(rows))
