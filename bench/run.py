"""Build-speed benchmark (not a test): whole-process wall times in a temporary copy of the project.

    .venv/bin/python bench/run.py [--repeat 3] [--years 1,5,10] [--against REV]

Extra years are made from data/2024 for the benchmark only (copies with their year renamed); nothing is
published. Prints one table: each case's median wall time over --repeat runs and its ratio to the cold build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from juesuan.i18n import LANGS
from juesuan.publish.planning import TOPICS

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def copy_project(target: Path, years: int, source: Path = ROOT) -> Path:
    for name in ("data", "book", "notebooks"):
        shutil.copytree(source / name, target / name)
    for name in ("_config.yml", "_toc.yml", "requirements.lock"):
        shutil.copy(source / name, target / name)
    for k in range(1, years):  # extra years, made from 2024 for the benchmark only
        year = 2024 - k
        shutil.copytree(target / "data" / "2024", target / "data" / str(year))
        report = target / "data" / str(year) / "report.json"
        meta = json.loads(report.read_text(encoding="utf-8"))
        meta["year"] = meta["year_stated"] = year
        report.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def clean(root: Path) -> None:
    shutil.rmtree(root / "_build", ignore_errors=True)
    for p in (root / "book").rglob("*.ipynb"):
        p.unlink()
    (root / "book" / ".build-keys.json").unlink(missing_ok=True)


def build(root: Path, *args: str, expect_runs: bool | None = None, package: Path | None = None) -> float:
    start = time.perf_counter()
    env = os.environ | ({"PYTHONPATH": str(package)} if package else {})
    result = subprocess.run([str(BIN / "juesuan"), "build", *args], cwd=root, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build failed in {root}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    ran = not result.stdout.startswith("0 notebooks ran") and "\n0 notebooks ran" not in result.stdout
    if expect_runs is not None and ran != expect_runs:
        raise SystemExit(f"expected {'some' if expect_runs else 'no'} notebooks to run:\n{result.stdout}")
    return elapsed


def cold(root: Path, *args: str, package: Path | None = None):
    """A cold build of root (book/ and _build/ removed first), to be timed."""
    def run() -> float:
        clean(root)
        return build(root, *args, package=package)
    return run


def bare_notebook(folder: Path) -> Path:
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    nb = new_notebook(cells=[new_code_cell("1+1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "bare.ipynb"
    nbformat.write(nb, path)
    return path


def papermill(template: Path, out: Path, cwd: Path, params: dict) -> list[str]:
    args = [str(BIN / "papermill"), str(template), str(out), "--cwd", str(cwd), "-k", "python3"]
    for k, v in params.items():
        args += ["-p", k, str(v)]
    return args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--years", default="1,5,10")
    parser.add_argument("--against", metavar="REV", help="also time a cold build of the project at git revision REV "
                        "(e.g. the last single-edition commit, bf6ba01), with that revision's own package")
    opts = parser.parse_args()
    rows: list[tuple[str, float]] = []

    def median(fn) -> float:
        return statistics.median(fn() for _ in range(opts.repeat))

    with tempfile.TemporaryDirectory() as tmp:
        root = copy_project(Path(tmp) / "p", 1)

        rows.append(("cold build (book/ and _build/ removed), -j default", median(cold(root))))
        rows.append(("cold build, -j 1 (serial)", median(cold(root, "-j", "1"))))
        build(root)
        rows.append(("rebuild, nothing changed", median(lambda: build(root, expect_runs=False))))

        book2024 = root / "book" / "zh" / "2024"
        rows.append(("one book notebook (papermill, income)", median(lambda: timed(
            papermill(root / "notebooks" / "income.ipynb", Path(tmp) / "out.ipynb", book2024,
                      {"year": 2024, "data_dir": "../../../data", "lang": "zh"}), root))))
        bare = bare_notebook(Path(tmp))
        rows.append(("bare notebook evaluating 1+1 (papermill)", median(lambda: timed(
            papermill(bare, Path(tmp) / "bare-out.ipynb", Path(tmp), {}), root))))

        def naive():
            clean(root)
            start = time.perf_counter()
            for lang in LANGS:
                year_dir = root / "book" / lang / "2024"
                year_dir.mkdir(parents=True, exist_ok=True)
                for topic in TOPICS:
                    timed(papermill(root / "notebooks" / f"{topic}.ipynb", year_dir / f"{topic}.ipynb", year_dir,
                                    {"year": 2024, "data_dir": "../../../data", "lang": lang}), root)
                for name in ("intro", "trends"):
                    timed(papermill(root / "notebooks" / f"{name}.ipynb", root / "book" / lang / f"{name}.ipynb",
                                    root / "book" / lang, {"data_dir": "../../data", "lang": lang}
                                    | ({"year": 2024} if name == "intro" else {})), root)
            # _toc.yml and book/<lang>/data.md are already in place (clean() removes notebooks only); the site
            # builder, told "go" at once, writes the workbooks and builds one edition after the other
            site = subprocess.run([sys.executable, "-m", "juesuan.publish.site", str(root), "-j1"], cwd=root,
                                  input="go\n", capture_output=True, text=True)
            if site.returncode:
                raise SystemExit(f"site build failed:\n{site.stderr[-2000:]}")
            return time.perf_counter() - start
        rows.append(("naive: papermill one after another, then each edition's site", median(naive)))

    with tempfile.TemporaryDirectory() as tmp:  # one figure of one (not the latest) year, in a 5-year book
        root = copy_project(Path(tmp) / "p", 5)
        clean(root)
        build(root)
        csv = root / "data" / "2022" / "t03_expenditure.csv"
        original = csv.read_text(encoding="utf-8")

        def one_figure():
            text = csv.read_text(encoding="utf-8")
            csv.write_text(original.replace("642.36", "642.46", 1) if text == original else original, encoding="utf-8")
            return build(root, expect_runs=True)
        rows.append(("5-year book: rebuild after one figure of 2022 changed", median(one_figure)))

    for n in [int(x) for x in opts.years.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            root = copy_project(Path(tmp) / "p", n)

            rows.append((f"cold build, {n} year(s)", median(cold(root))))
            if n == 5:
                rows.append((f"cold build, {n} year(s), -j 1 (serial)", median(cold(root, "-j", "1"))))

    if opts.against:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "tree"
            subprocess.run(["git", "worktree", "add", "--detach", str(tree), opts.against], cwd=ROOT, check=True,
                           capture_output=True)
            try:
                root = copy_project(Path(tmp) / "p", 1, source=tree)
                rows.append((f"cold build at {opts.against}", median(cold(root, package=tree / "src"))))
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)

    base = rows[0][1]
    width = max(len(name) for name, _ in rows)
    print(f"{'case':<{width}}  {'median s':>9}  {'× cold':>7}")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:>9.2f}  {seconds / base:>7.3f}")
    t = dict(rows)
    print("\ntargets (issue 6)")
    print(f"  nothing changed / cold            {t['rebuild, nothing changed'] / base:6.3f}   (at most 0.10)")
    print(f"  parallel / serial, 1 year         {base / t['cold build, -j 1 (serial)']:6.3f}   (at most 0.65)")
    if "cold build, 5 year(s), -j 1 (serial)" in t:
        print(f"  parallel / serial, 5 years        "
              f"{t['cold build, 5 year(s)'] / t['cold build, 5 year(s), -j 1 (serial)']:6.3f}   (at most 0.65)")
    if opts.against:
        print(f"  cold / cold at {opts.against}         {base / t[f'cold build at {opts.against}']:6.3f}   "
              "(issue 16, two editions against one: at most 1.7)")
    one, bare = t["one book notebook (papermill, income)"], t["bare notebook evaluating 1+1 (papermill)"]
    print(f"  one notebook / bare notebook      {one / bare:6.3f}   (at most 1.5)")
    years = sorted(int(n.split()[2]) for n in t if n.startswith("cold build, ") and n.endswith("year(s)"))
    if len(years) > 1:
        lo, hi = years[0], years[-1]
        per_year = (t[f"cold build, {hi} year(s)"] - t[f"cold build, {lo} year(s)"]) / (hi - lo)
        allowance = len(TOPICS) * one / (os.cpu_count() or 1) * 1.2
        print(f"  each added year                   {per_year:6.2f} s (at most {allowance:.2f} s: its "
              f"{len(TOPICS)} notebooks / {os.cpu_count()} cores + 20%)")


if __name__ == "__main__":
    main()
