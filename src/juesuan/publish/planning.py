"""Planning a build: which notebooks must run, by content hashes of what each depends on (its template, its
data, the package, the lock, its parameters), recorded in book/.build-keys.json; and longest first."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..data.datasets import years as data_years

# The chapters of every year, in the order of the book.
TOPICS = ["income", "expenditure", "basic", "procurement", "performance", "audit"]
KEYS = "book/.build-keys.json"  # what each executed notebook was built from (content hashes), committed


@dataclass(eq=False)  # jobs are compared by identity
class Job:
    """One notebook to execute: its template, output, parameters and the files it depends on."""

    template: Path
    output: Path
    params: dict
    data: list[Path]

    def parts(self, root: Path, package: list[Path], requirements: Path) -> dict[str, str]:
        return {"template": digest([self.template], root), "data": digest(self.data, root),
                "package": digest(package, package_base(package)),
                "requirements": digest([requirements] if requirements.exists() else [], root),
                "parameters": hashlib.sha256(json.dumps(self.params, sort_keys=True).encode()).hexdigest()[:16]}


def digest(paths: list[Path], root: Path) -> str:
    """A content hash of files, each named from ``root``; the same files unchanged (by modification time and size)
    are hashed once per process: planning a collection's hundreds of notebooks names the same package and data files
    over and over."""
    named = []
    prefix = os.path.join(str(root), "")  # names by string, not pathlib: hundreds of notebooks, thousands of files
    for path in sorted(map(str, paths)):
        stat = os.stat(path)
        name = path[len(prefix):] if path.startswith(prefix) else os.path.basename(path)
        named.append((path, name, stat.st_mtime_ns, stat.st_size))
    key = tuple(named)
    if key not in _digests:
        h = hashlib.sha256()
        for path, name, _, _ in named:
            h.update(name.encode() + b"\0" + Path(path).read_bytes() + b"\0")
        _digests[key] = h.hexdigest()[:16]
    return _digests[key]


_digests: dict[tuple, str] = {}


def package_base(package: list[Path]) -> Path:
    """Package files are named from the folder holding the package (juesuan/publish/book.py), wherever it is installed,
    so a copy of the project (a test's, the benchmark's) keeps the committed notebooks."""
    return min((p for p in package if p.name == "__init__.py"), key=lambda p: len(p.parts)).parent.parent


def package_key() -> str:
    """The content key of the installed package's source (every stage): what a derived file (a chapter, the
    database, a download) was computed with."""
    package = package_files()
    return digest(package, package_base(package))


def package_files(package_dir: Path | None = None) -> list[Path]:
    folder = package_dir or Path(__file__).parents[1]  # the whole juesuan package, every stage
    return sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".csv", ".toml") and "__pycache__" not in p.parts)


def plan(root: Path) -> list[Job]:
    """Every notebook of the book, once per edition (book/<lang>/…, the same template with the parameter ``lang``):
    the six chapters of every unit and year (book/<lang>/<unit>/<year>/<topic>), each unit's home page and its
    trends across its own years (book/<lang>/<unit>/index, trends), and, when the collection has more than one unit,
    the overview (book/<lang>/index). Each depends on the data it reads: a chapter on its unit-year's files, a unit's
    pages on its years, the overview on everything."""
    from ..data.collection import units as data_units, unit_name

    data = root / "data"
    jobs = []
    names = data_units(data)
    files = {(u, y): sorted(p for p in (data / u / str(y)).iterdir() if p.is_file())
             for u in names for y in data_years(data / u)}
    for lang in i18n.LANGS:
        book = root / "book" / lang
        for unit in names:
            mine = sorted(y for u, y in files if u == unit)
            folder = f"data/{unit}"
            jobs += [Job(root / "notebooks" / f"{t}.ipynb", book / unit / str(y) / f"{t}.ipynb",
                         {"year": y, "data_dir": f"../../../../{folder}", "lang": lang}, files[(unit, y)])
                     for y in mine for t in TOPICS]
            everything = [f for y in mine for f in files[(unit, y)]]
            jobs.append(Job(root / "notebooks" / "intro.ipynb", book / unit / "index.ipynb",
                            {"year": max(mine), "data_dir": f"../../../{folder}", "lang": lang,
                             "unit_zh": unit_name(data, unit)}, everything))
            jobs.append(Job(root / "notebooks" / "trends.ipynb", book / unit / "trends.ipynb",
                            {"data_dir": f"../../../{folder}", "lang": lang}, everything))
        if len(names) > 1:
            jobs.append(Job(root / "notebooks" / "overview.ipynb", book / "index.ipynb",
                            {"data_dir": "../../data", "lang": lang}, [f for fs in files.values() for f in fs]))
    return jobs


def explain(root: Path, jobs: list[Job], package_dir: Path | None = None) -> list[tuple[Job, bool, str]]:
    """For each job: (job, run?, why)."""
    keys_path = root / KEYS
    keys = json.loads(keys_path.read_text(encoding="utf-8")) if keys_path.exists() else {}
    package = package_files(package_dir)
    out = []
    for job in jobs:
        rel = str(job.output.relative_to(root))
        now = job.parts(root, package, root / "requirements.lock")
        before = keys.get(rel)
        if not job.output.exists():
            out.append((job, True, "no executed notebook yet"))
        elif before is None:
            out.append((job, True, "no recorded inputs"))
        elif before != now:
            changed = [k for k in now if before.get(k) != now[k]]
            out.append((job, True, "changed: " + ", ".join(changed)))
        else:
            out.append((job, False, "inputs unchanged"))
    return out


def keys_text(root: Path, jobs: list[Job], package_dir: Path | None = None) -> str:
    """The keys file with these notebooks' inputs recorded (and notebooks no longer in the plan dropped)."""
    keys_path = root / KEYS
    keys = json.loads(keys_path.read_text(encoding="utf-8")) if keys_path.exists() else {}
    package = package_files(package_dir)
    for job in jobs:
        keys[str(job.output.relative_to(root))] = job.parts(root, package, root / "requirements.lock")
    live = {str(j.output.relative_to(root)) for j in plan(root)}
    keys = {k: v for k, v in sorted(keys.items()) if k in live}
    return json.dumps(keys, indent=1, sort_keys=True) + "\n"


def record(root: Path, jobs: list[Job], package_dir: Path | None = None) -> None:
    """Remember what these notebooks were built from."""
    (root / KEYS).write_text(keys_text(root, jobs, package_dir), encoding="utf-8")


# A build writes nothing into book/ until every notebook has run: executed notebooks, the keys file, _toc.yml
# and book/data.md are staged under _build/.stage, then moved into place following a journal written first.
# A build killed before the journal leaves book/ as it was; one killed while moving is completed by the next
# command that reads the book (finish_promotion), so the book is either as before or complete.


DURATIONS = "_build/.durations.json"  # how long each notebook took when it last ran (not committed)


def last_durations(root: Path) -> dict[str, float]:
    path = root / DURATIONS
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def longest_first(root: Path, todo: list[Job]) -> list[Job]:
    """Longest first, so that no worker is left running a long notebook alone at the end: by the times of the
    last builds (one not yet timed is guessed at their mean); among equals, the one with most data first (the
    cross-year chapter, which grows with every year)."""
    last = last_durations(root)
    known = [last[k] for k in (str(j.output.relative_to(root)) for j in todo) if k in last]
    guess = sum(known) / len(known) if known else 0.0
    return sorted(todo, key=lambda j: (last.get(str(j.output.relative_to(root)), guess), len(j.data)), reverse=True)


def remember(root: Path, durations: dict[str, float]) -> None:
    path = root / DURATIONS
    path.parent.mkdir(parents=True, exist_ok=True)
    timed = last_durations(root) | {k: round(v, 2) for k, v in durations.items()}
    path.write_text(json.dumps(timed, sort_keys=True), encoding="utf-8")
