"""Build-speed benchmark (not a test): whole-process wall times in temporary copies of the project, one run each,
side by side on this machine.

    .venv/bin/python bench/run.py [--repeat 1]

Cases: a cold build (book/ and _build/ removed) of one unit-year, the seed's, alone; a cold build of the committed
collection; the same collection less one unit-year, built, then that unit-year added (its chapters, its unit's home
page and trends, the overview and the site run; nothing else); `juesuan validate` and `juesuan build` (what
`make book` runs) with nothing changed; and the one unit-year built serially (-j 1). Prints one table, then the
targets of issue 22 (and the parallel one of issue 6). `bench/setup.py` times a fresh clone's first `make book`
and `make test`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SEED_UNIT = "changshashixiandaijiaoyujishuzhongxin"
NOTHING = "`make book`'s commands, nothing changed"
ADDED = ("xinandaxue", "2024")  # the unit-year added to a built collection: a second year of a unit already there


def copy_project(target: Path, units: list[str] | None = None) -> Path:
    """The project's templates, configuration and data (of ``units``, every unit by default); no book."""
    for name in ("notebooks",):
        shutil.copytree(ROOT / name, target / name)
    for name in ("_config.yml", "_toc.yml", "requirements.lock"):
        shutil.copy(ROOT / name, target / name)
    (target / "book").mkdir()
    for static in ("_static", "_templates"):
        shutil.copytree(ROOT / "book" / static, target / "book" / static)
    for unit in units or sorted(p.name for p in (ROOT / "data").iterdir() if p.is_dir()):
        shutil.copytree(ROOT / "data" / unit, target / "data" / unit)
    shutil.copy(ROOT / "data" / "README.md", target / "data" / "README.md")
    return target


def unit_years(root: Path) -> int:
    return sum(1 for p in (root / "data").glob("*/*") if p.is_dir() and p.name.isdigit())


def run(root: Path, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run([str(BIN / "juesuan"), *args], cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"juesuan {' '.join(args)} failed in {root}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def clean(root: Path) -> None:
    shutil.rmtree(root / "_build", ignore_errors=True)
    for p in (root / "book").rglob("*.ipynb"):
        p.unlink()
    (root / "book" / ".build-keys.json").unlink(missing_ok=True)


def cold(root: Path, *args: str) -> float:
    clean(root)
    return run(root, "build", *args)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    opts = parser.parse_args()
    rows: list[tuple[str, float]] = []

    def median(fn) -> float:
        return statistics.median(fn() for _ in range(opts.repeat))

    with tempfile.TemporaryDirectory() as tmp:
        one = copy_project(Path(tmp) / "one", [SEED_UNIT])
        rows.append(("cold build, one unit-year (the seed's)", median(lambda: cold(one))))
        rows.append(("cold build, one unit-year, -j 1 (serial)", median(lambda: cold(one, "-j", "1"))))

        whole = copy_project(Path(tmp) / "whole")
        n = unit_years(whole)
        rows.append((f"cold build, the committed collection ({n} unit-years)", median(lambda: cold(whole))))

        def nothing() -> float:
            return run(whole, "build", "--validate")[0]  # what `make book` runs
        nothing()  # the validation record written once
        rows.append((NOTHING, median(nothing)))

        less = copy_project(Path(tmp) / "less")
        unit, year = ADDED
        aside = Path(tmp) / "aside"
        shutil.move(less / "data" / unit / year, aside)

        def add() -> float:
            if (less / "data" / unit / year).exists():
                shutil.move(less / "data" / unit / year, aside)
            cold(less)
            shutil.move(aside, less / "data" / unit / year)
            took, out = run(less, "build")
            print(f"adding {unit}/{year}: {out.splitlines()[0]}", file=sys.stderr)
            return took
        rows.append((f"add one unit-year ({unit} {year}) to the built collection", median(add)))

    width = max(len(name) for name, _ in rows)
    print(f"{'case':<{width}}  {'seconds':>8}  {'× one':>6}")
    base = rows[0][1]
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:>8.2f}  {seconds / base:>6.2f}")
    t = dict(rows)
    whole_s = next(v for k, v in t.items() if k.startswith("cold build, the committed"))
    added = next(v for k, v in t.items() if k.startswith("add one unit-year"))
    print(f"\ntargets (issue 22, {os.cpu_count()} cores)")
    print(f"  cold collection / ({n} × cold unit-year)  {whole_s / (n * base):6.3f}  (at most 1.00: linear or better)")
    print(f"  add one unit-year / cold unit-year       {added / base:6.3f}  (at most 1.50)")
    print(f"  nothing changed                          {t[NOTHING]:6.2f} s  (at most 0.50 s)")
    print(f"  parallel / serial, one unit-year         {base / t['cold build, one unit-year, -j 1 (serial)']:6.3f}  "
          "(issue 6: at most 0.65)")


if __name__ == "__main__":
    main()
