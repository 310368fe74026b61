"""The collection as one DuckDB database, _build/juesuan.duckdb beside data/ (derived, never committed): every
dataset one table with ``unit`` and ``year`` columns (amounts as exact DECIMALs, at the finest precision any report
prints them), ``reports`` (one row per unit-year: its name, template, source and sha256), ``measures`` (what the
overview compares, analysis.overview), ``findings`` (the audit of every unit-year), and the views the overview reads
(``overview``, ``errors``). Built anew only when data/ or the package changed (a content key beside it), into a
temporary file moved into place, so a reader never sees half a database.

    juesuan sql "select unit_zh, year, total from overview order by total desc"
"""

from __future__ import annotations

import os
from pathlib import Path

FILE = "juesuan.duckdb"

VIEWS = {
    "overview": """select r.unit, r.unit_zh, r.year, r.template, m.* exclude (unit, year, unit_zh, template),
                          f.errors, f.consequences, f.artefacts, f.notes
                   from reports r join measures m using (unit, year)
                   left join (select unit, year,
                                     count(*) filter (where status = 'mismatch') as errors,
                                     count(*) filter (where status = 'consequence') as consequences,
                                     count(*) filter (where status = 'artefact') as artefacts,
                                     count(*) filter (where status = 'note') as notes
                              from findings group by unit, year) f using (unit, year)
                   order by r.unit, r.year""",
    "errors": """select f.unit, r.unit_zh, f.year, f.id, f.title_zh, f.title_en, f.sources, f.expected, f.found,
                        f.note, f.note_zh
                 from findings f join reports r using (unit, year) where f.status = 'mismatch'""",
}


RENAMED = {"unit": "measure_unit"}  # a dataset's own column named like the collection's key (人, 万元, %)


def path(data_dir: Path) -> Path:
    return Path(data_dir).resolve().parent / "_build" / FILE


def _key(data_dir: Path) -> str:
    from ..data.collection import collection
    from .planning import digest, package_key

    files = [p for u, y in collection(data_dir) for p in sorted((Path(data_dir) / u / str(y)).iterdir()) if p.is_file()]
    return digest(files, Path(data_dir).resolve()) + package_key()


def database(data_dir: str | Path = "data") -> Path:
    """The database of the collection in data_dir, built when missing or when data/ or the package changed."""
    data_dir = Path(data_dir)
    target = path(data_dir)
    stamp = target.with_suffix(".key")
    key = _key(data_dir)
    if target.exists() and stamp.exists() and stamp.read_text() == key:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(f".{FILE}.{os.getpid()}")
    staged.unlink(missing_ok=True)
    try:
        build(data_dir, staged)
        os.replace(staged, target)
    finally:
        staged.unlink(missing_ok=True)
    stamp.write_text(key)
    return target


def connect(data_dir: str | Path = "data"):
    """A read-only connection to the collection's database (built first where needed)."""
    import duckdb

    return duckdb.connect(str(database(data_dir)), read_only=True)


def _scale(value: str) -> int:
    return len(value.split(".", 1)[1]) if "." in value else 0


def _type(values, kind: str) -> str:
    if kind == "int":
        return "INTEGER"
    if kind != "decimal":
        return "VARCHAR"
    scale = max([_scale(v) for v in values if v] or [2])
    return f"DECIMAL(38, {min(scale, 30)})"


def build(data_dir: Path, target: Path) -> None:
    """Write the database of every unit-year in data_dir to ``target``."""
    import duckdb

    from ..data.collection import collection
    from ..data.datasets import DATASETS, load, read_csv

    found = collection(data_dir)
    con = duckdb.connect(str(target))
    try:
        for name, spec in DATASETS.items():
            files = [(u, y, Path(data_dir) / u / str(y) / f"{name}.csv") for u, y in found]
            rows = [(u, y, r) for u, y, f in files if f.exists() for r in read_csv(f)]
            types = {c: _type([r[c] for _, _, r in rows], col.kind) for c, col in spec["columns"].items()}
            columns = {"unit": "VARCHAR", "year": "INTEGER", **{RENAMED.get(c, c): t for c, t in types.items()}}
            _table(con, name, columns, [[u, str(y), *(r[c] for c in types)] for u, y, r in rows])
        _derived(con, data_dir, found, load)
        for view, sql in VIEWS.items():
            con.execute(f"create view {view} as {sql}")
    finally:
        con.close()


def _table(con, name: str, columns: dict[str, str], rows: list[list]) -> None:
    """Create table ``name`` of ``columns`` (name: SQL type) from rows of text ("" or None for no value): handed to
    DuckDB as one frame of text and cast there, exactly (text to DECIMAL), far faster than row by row."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(len(columns))], dtype=object)
    con.register("incoming", frame)
    try:
        con.execute(f"create table {name} as select " + ", ".join(
            f"cast(nullif(cast(c{i} as VARCHAR), '') as {kind}) as \"{column}\""
            for i, (column, kind) in enumerate(columns.items())) + " from incoming")
    finally:
        con.unregister("incoming")


def _derived(con, data_dir: Path, found, load) -> None:
    """reports, measures and findings: one row per unit-year (findings: per check) from the chapters' own code, each
    unit-year's rows computed once for its data and package (a cache beside the database): adding a unit-year to
    a large collection audits that one only."""
    from ..analysis.overview import MEASURES

    text = "VARCHAR"
    key = {"unit": text, "year": "INTEGER"}
    rows = [_rows(Path(data_dir), unit, year, load) for unit, year in found]
    counts = ("staff", "tables_read", "tables_empty", "tables_missing")
    at = {k: 4 + i for i, (k, *_) in enumerate(MEASURES)}  # each measure's place in a row of measures
    measures = {**key, "unit_zh": text, "template": text,  # an amount at the finest precision any unit-year has it
                **{k: "INTEGER" if k in counts else _type([r["measures"][at[k]] for r in rows], "decimal")
                   for k, *_ in MEASURES}, "staff_kind": text, "three_public_change_basis": text}
    reports = {**key, **dict.fromkeys(("unit_zh", "template", "source_file", "sha256", "currency_unit"), text)}
    findings = {**key, **dict.fromkeys(("id", "family", "status", "title_en", "title_zh", "sources", "expected",
                                        "found", "difference", "note", "note_zh", "cause"), text)}
    _table(con, "reports", reports, [r["report"] for r in rows])
    _table(con, "measures", measures, [r["measures"] for r in rows])
    _table(con, "findings", findings, [f for r in rows for f in r["findings"]])


def cache_rows(data_dir: Path, unit: str, year: int, data, found) -> None:
    """Cache a unit-year's rows from its data and audit, computed by the caller (the downloads): the database built
    next audits it no more."""
    from ..data.datasets import load

    _rows(Path(data_dir), unit, year, load, data, found)


def _rows(data_dir: Path, unit: str, year: int, load, data=None, found=None) -> dict:
    """A unit-year's rows of reports, measures and findings (amounts as text): from the cache when its data (and the
    previous year's, which a measure may compare it with) and the package are those they were computed from, else
    computed and cached (from ``data`` and its audit ``found`` where the caller has them already)."""
    import json

    from ..analysis.overview import MEASURES, measures
    from ..audit import checks
    from .planning import digest, package_key

    folder, before = data_dir / unit / str(year), data_dir / unit / str(year - 1)
    files = [p for f in (before, folder) if f.is_dir() for p in sorted(f.iterdir()) if p.is_file()]
    key = digest(files, data_dir.resolve()) + package_key()
    cache = path(data_dir).parent / ".database" / unit / f"{year}.json"
    if cache.exists():
        kept = json.loads(cache.read_text(encoding="utf-8"))
        if kept.get("key") == key:
            return kept
    data = load(year, data_dir / unit) if data is None else data
    r = data["report"]
    m = measures(data, load(year - 1, data_dir / unit) if before.is_dir() else None)
    text = lambda v: None if v is None else str(v)  # noqa: E731
    rows = {"key": key,
            "report": [unit, year, r.get("unit_zh", ""), r.get("template", {}).get("id", "national"),
                       r.get("source", {}).get("file", ""), r.get("source", {}).get("sha256", ""),
                       r.get("currency_unit", "")],
            "measures": [unit, year, m["unit_zh"], m["template"], *(text(m[k]) if not isinstance(m[k], int) else m[k]
                                                                    for k, *_ in MEASURES), m["staff_kind"],
                         m["three_public_change_basis"]],
            "findings": [[unit, year, f.id, f.family, f.status, f.title_en, f.title_zh, f.sources,
                          *(text(v) for v in (f.expected, f.found, f.difference)), f.note, f.zh_note, f.cause]
                         for f in (checks.run(data) if found is None else found)]}
    cache.parent.mkdir(parents=True, exist_ok=True)
    staged = cache.with_name(f".{year}.{os.getpid()}.json")  # whole or absent: other processes read it meanwhile
    staged.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    os.replace(staged, cache)
    return rows


def query(sql: str, data_dir: str | Path = "data"):
    """Rows of a query against the collection's database, as a pandas DataFrame."""
    with connect(data_dir) as con:
        return con.execute(sql).df()


def describe(data_dir: str | Path = "data") -> str:
    """The tables and views with their columns: what a user can ask about (juesuan sql --schema)."""
    with connect(data_dir) as con:
        rows = con.execute("select table_name, string_agg(column_name, ', ' order by ordinal_position) "
                           "from information_schema.columns group by table_name order by table_name").fetchall()
    return "\n".join(f"{t}: {c}" for t, c in rows) + "\n"
