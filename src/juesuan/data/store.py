"""Writing one year's data atomically, and saying what changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

from . import package
from .datasets import DATASETS, Result, read_csv, write_csv
from ..errors import IngestError


def dump_json(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_files(folder: Path, result: Result) -> None:
    for name in DATASETS:
        write_csv(folder / f"{name}.csv", name, result.datasets[name])
    (folder / "report.json").write_text(dump_json(result.report), encoding="utf-8")
    package.write(folder, result.report)


def _flatten(obj, prefix: str = "") -> dict[str, object]:
    if isinstance(obj, (dict, list)) and not obj:
        return {prefix: type(obj).__name__}  # an empty list or object is a value too: its appearing is a change
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(obj, list):
        out = {}
        for i, v in enumerate(obj):
            out.update(_flatten(v, f"{prefix}[{i}]"))
        return out
    return {prefix: obj}


def diff(old: Path, new: Path) -> dict[str, int]:
    """Changed cells (CSV) or values (JSON) per file; files only on one side count all their cells."""
    changes: dict[str, int] = {}
    names = sorted({p.name for p in old.iterdir()} | {p.name for p in new.iterdir()})
    for name in names:
        a, b = old / name, new / name
        if name.endswith(".csv"):
            rows_a = [list(r.values()) for r in read_csv(a)] if a.exists() else []
            rows_b = [list(r.values()) for r in read_csv(b)] if b.exists() else []
            count = 0
            for i in range(max(len(rows_a), len(rows_b))):
                ra = rows_a[i] if i < len(rows_a) else []
                rb = rows_b[i] if i < len(rows_b) else []
                count += sum(1 for j in range(max(len(ra), len(rb))) if (ra[j:j + 1] or [None]) != (rb[j:j + 1] or [None]))
        else:
            fa = _flatten(json.loads(a.read_text(encoding="utf-8"))) if a.exists() else {}
            fb = _flatten(json.loads(b.read_text(encoding="utf-8"))) if b.exists() else {}
            count = sum(1 for k in fa.keys() | fb.keys() if fa.get(k) != fb.get(k))
        if count:
            changes[name] = count
    return changes


def recover(data_dir: Path, year: int | None = None) -> list[str]:
    """Undo what an ingest killed part-way left, in a unit's folder of years or in every unit of a collection: a
    staging folder is removed, and a year moved aside to be replaced is put back when its replacement never arrived
    (else the old copy is removed). With ``year``, only that year's (in a unit's folder): an ingest writing another
    year of the unit at the same moment keeps its staging folder. Returns what it did."""
    done = []
    if not data_dir.is_dir():
        return done
    for unit in sorted(p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
                       and not p.name.isdigit()) if year is None else ():
        done += recover(unit)
    for path in sorted(data_dir.glob(".*")):
        year_of = path.name[1:].split(".")[0]
        if not (path.is_dir() and year_of.isdigit()) or (year is not None and year_of != str(year)):
            continue
        if path.name == f".{year_of}.old" and not (data_dir / year_of).exists():
            os.rename(path, data_dir / year_of)
            done.append(f"restored {data_dir / year_of} (an ingest was interrupted while replacing it)")
        else:
            shutil.rmtree(path)
            done.append(f"removed {path} (left by an interrupted ingest)")
    return done


def save(result: Result, data_dir: Path, year: int, *, force: bool = False) -> dict[str, int] | None:
    """Write data_dir/year atomically. Returns the changes (None for a new year); data is untouched on error."""
    data_dir.mkdir(parents=True, exist_ok=True)
    recover(data_dir, year)
    target = data_dir / str(year)
    staging = Path(tempfile.mkdtemp(prefix=f".{year}.", dir=data_dir))
    try:
        write_files(staging, result)
        changes = diff(target, staging) if target.exists() else None
        if changes and not force:
            cells = sum(changes.values())
            raise IngestError(
                f"{target} exists and {cells} cells in {len(changes)} files would change "
                f"({', '.join(f'{k}: {v}' for k, v in changes.items())}); rerun with --force to replace it",
                file=result.report.get("source", {}).get("file", ""),
            )
        if changes == {}:
            return changes
        if target.exists():
            backup = data_dir / f".{year}.old"
            shutil.rmtree(backup, ignore_errors=True)
            os.rename(target, backup)
            try:
                os.rename(staging, target)
            except OSError:
                os.rename(backup, target)
                raise
            shutil.rmtree(backup)
        else:
            os.rename(staging, target)
        return changes
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class ValidationRecord:
    """Which unit-years were found valid, by a content hash of their files and of the schemas: a year whose hash is
    the recorded one needs no validating again. Kept in _build/.validated.json beside data/ (not committed); a year is
    named by its folder under data/ (<unit>/<year>)."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.path = data_dir.resolve().parent / "_build" / ".validated.json"
        try:
            self.seen = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.seen = {}

    def _hash(self, year: int | str) -> str:
        from importlib.metadata import version

        digest = hashlib.sha256()
        for module in ("datasets.py", "package.py"):  # the schemas and the data package made from them
            digest.update(Path(__file__).with_name(module).read_bytes())
        for checker in ("pandera", "frictionless"):  # and what checks them
            digest.update(version(checker).encode())
        for path in sorted((self.data_dir / str(year)).iterdir()):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()

    def current(self, year: int | str) -> bool:
        return self.seen.get(str(year)) == self._hash(year)

    def passed(self, year: int | str) -> None:
        self.seen[str(year)] = self._hash(year)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        staged = self.path.with_suffix(".tmp")
        staged.write_text(json.dumps(self.seen, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(staged, self.path)
