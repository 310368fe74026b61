"""What the book offers to download, for every unit and year of data/: written under _build/downloads/ when the
site is built (never committed; a unit-year's files again only when its data or the package changed), linked from
each edition's data appendix (book.appendix).

- juesuan-<unit>-<year>.zip: the year's Data Package, flat: datapackage.json, report.json, a README (the data dictionary in
  Chinese and English) and the CSV file of each dataset the report has (the tables of its template, and the parts
  outside the numbered tables that it has). Unzipped, it validates with frictionless. Its CSV files are the committed
  ones with a UTF-8 byte-order mark in front: Excel (on Chinese Windows too) then reads them as UTF-8, where without
  it Excel takes the ANSI code page and shows the Chinese garbled; frictionless, pandas and R skip the mark. The
  committed data/ keeps no mark: a mark in the repository would only show in diffs and trip tools that do not
  expect it. GB18030 was the other way to please Excel; it would garble every other reader, which expects UTF-8.
- juesuan-<unit>-<year>-<lang>.xlsx: the same datasets as an Excel workbook in the edition's language (workbook.py).
- juesuan-<unit>-<year>-fixes-<lang>.xlsx: the audit's list of fixes (整改清单, juesuan.audit.fixes.table), to send to the unit.

- juesuan.duckdb: the collection's database (publish/database.py), as it is.

Every file but the database is written with fixed timestamps and order: building twice gives the same bytes.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

from .. import i18n
from ..data import labels, package
from ..data.datasets import DATASETS, read_csv
from ..data.dictionary import sections
from .workbook import entry, table_workbook, write_bytes, year_workbook

FOLDER = Path("_build") / "downloads"  # under the project's root
BOM = codecs.BOM_UTF8


DATABASE = "juesuan.duckdb"  # the whole collection as one database (publish/database.py), offered as it is


def zip_name(unit: str, year: int) -> str:
    return f"juesuan-{unit}-{year}.zip"


def workbook_name(unit: str, year: int, lang: str) -> str:
    return f"juesuan-{unit}-{year}-{lang}.xlsx"


def fixes_name(unit: str, year: int, lang: str) -> str:
    return f"juesuan-{unit}-{year}-fixes-{lang}.xlsx"


def files(unit: str, year: int, lang: str) -> list[tuple[str, str]]:
    """The downloads of a unit-year in one edition, as (kind, file name under _build/downloads/): what the appendix
    links and write_all writes."""
    return [("zip", zip_name(unit, year)), ("workbook", workbook_name(unit, year, lang)),
            ("fixes", fixes_name(unit, year, lang))]


def datasets(folder: Path, report: dict) -> list[str]:
    """The datasets a year's downloads hold: every table of the report's template (an empty one too: the report
    printed it so), and each part outside the numbered tables (projects, performance, procurement…) that has rows."""
    from ..data.vocab import TITLES

    return [name for name in DATASETS if labels.template_has(name, report)
            and (DATASETS[name]["table"] in TITLES or read_csv(folder / f"{name}.csv"))]


def readme(report: dict, names: list[str]) -> str:
    """The README of a year's zip: what it holds and the dictionary of its datasets, in Chinese, then in English."""
    parts = []
    for lang in i18n.LANGS:
        intro = i18n.catalogue()[0]["downloads.zip_readme"][lang]
        parts += [intro.format(unit=report.get("unit_zh", ""), year=report["year"]), "",
                  sections(lang, names, level=2)]
    return "\n".join(parts)


def data_zip(folder: Path, target: Path) -> list[str]:
    """The year's Data Package as one zip, flat; returns the names of the datasets it holds."""
    import io
    import zipfile

    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    names = datasets(folder, report)
    members = [("datapackage.json", package.text(report, names, download=True).encode("utf-8")),
               ("README.md", readme(report, names).encode("utf-8")),
               ("report.json", (folder / "report.json").read_bytes())]
    members += [(f"{name}.csv", BOM + (folder / f"{name}.csv").read_bytes()) for name in names]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members:
            z.writestr(entry(name), data)
    write_bytes(target, out.getvalue())
    return names


def write_fixes(data: dict, found: list, target: Path, lang: str) -> None:
    """The audit's list of fixes of one unit-year (its data, and the audit's findings of it, which are the same in
    either language) in one edition's language, as a workbook to send to the unit."""
    from ..audit import fixes

    with_lang = i18n.lang()
    i18n.use(lang)
    try:
        frame = fixes.table(data, found)
        title = i18n.t("downloads.fixes_title", year=data["report"]["year"], unit=data["report"].get("unit_zh", ""))
        table_workbook(frame, target, title=title, sheet=i18n.t("downloads.fixes_sheet"))
    finally:
        i18n.use(with_lang)


KEYS = ".downloads.json"  # beside the downloads folder (never offered): what each unit-year's files were written from


def write_all(root: Path) -> list[Path]:
    """Every download of every unit and year of root/data, and the collection's database, under
    root/_build/downloads: a unit-year's files are written again only when its data or the package changed since
    they were (content hashes in _build/.downloads.json); files left there from a unit-year no longer in data/ are removed.
    Returns the files of the collection."""
    import shutil

    from ..audit import checks
    from ..data.collection import collection
    from ..data.datasets import load
    from .database import cache_rows, database
    from .planning import digest, package_key

    data_dir, out = root / "data", root / FOLDER
    keys_path = out.parent / KEYS
    before = json.loads(keys_path.read_text(encoding="utf-8")) if keys_path.exists() else {}
    code = package_key()
    keys, written = {}, []
    for unit, year in collection(data_dir):
        folder = data_dir / unit / str(year)
        mine = [out / name for _, name in files(unit, year, i18n.LANGS[0])] + \
               [out / workbook_name(unit, year, lang) for lang in i18n.LANGS[1:]] + \
               [out / fixes_name(unit, year, lang) for lang in i18n.LANGS[1:]]
        key = keys[f"{unit}/{year}"] = digest(sorted(p for p in folder.iterdir() if p.is_file()), data_dir) + code
        written += mine
        if before.get(f"{unit}/{year}") == key and all(p.exists() for p in mine):
            continue
        names = data_zip(folder, out / zip_name(unit, year))
        data = load(year, data_dir / unit)
        found = checks.run(data)  # the audit once, for the list of fixes in both languages and the database
        cache_rows(data_dir, unit, year, data, found)
        for lang in i18n.LANGS:
            year_workbook(folder, out / workbook_name(unit, year, lang), lang, names)
            write_fixes(data, found, out / fixes_name(unit, year, lang), lang)  # the list of fixes
    copy = out / DATABASE
    source = database(data_dir)
    if not copy.exists() or copy.read_bytes() != source.read_bytes():
        shutil.copyfile(source, copy)
    written.append(copy)
    for old in out.glob("juesuan*"):
        if old not in written:
            old.unlink()
    if keys != before:
        keys_path.write_text(json.dumps(keys, indent=1, sort_keys=True), encoding="utf-8")
    return written
