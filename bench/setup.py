"""Set-up and test-suite benchmark (not a test): what a new user waits for, in a fresh clone of HEAD.

    python3 bench/setup.py [--repeat 3] [--skip-test]

Times, in one run: the first `make book` of a fresh clone (the environment from requirements.lock by uv, with an
empty uv cache, then the book), the previous way of installing (pip from requirements.txt into a new venv),
`make book` with nothing changed against a cold build (book/ and _build/ removed), and `make test` after
`make book`. Prints one table and the ratios issue 13 sets targets for.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    if "pytest" in result.stdout:
        print(result.stdout.strip().splitlines()[-1])  # the test runner's closing line: how many ran
    return elapsed


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-test", action="store_true", help="leave out `make test` (about 85 s)")
    opts = parser.parse_args()
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        # the clone stands beside the project, so that its tests find ../shared as the project's do
        clone = Path(tempfile.mkdtemp(prefix=".juesuan-bench-", dir=ROOT.parent))
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = dict(os.environ, UV_CACHE_DIR=str(Path(tmp) / "uv-cache"))  # nothing downloaded before
        rows.append(("first `make book` in a fresh clone (uv, empty cache)", timed(["make", "book"], clone, env)))

        pip_env = Path(tmp) / "pip-venv"
        start = time.perf_counter()
        timed([sys.executable, "-m", "venv", str(pip_env)], clone)
        timed([str(pip_env / "bin" / "python"), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"], clone)
        rows.append(("previous way: venv + pip install -r requirements.txt", time.perf_counter() - start))

        rows.append(("`make book`, nothing changed", statistics.median(
            timed(["make", "book"], clone) for _ in range(opts.repeat))))

        def cold() -> float:
            shutil.rmtree(clone / "_build", ignore_errors=True)
            for p in (clone / "book").rglob("*.ipynb"):
                p.unlink()
            (clone / "book" / ".build-keys.json").unlink()
            return timed([str(clone / ".venv" / "bin" / "juesuan"), "build"], clone)
        rows.append(("cold build (book/ and _build/ removed)", statistics.median(cold() for _ in range(opts.repeat))))
        subprocess.run(["git", "checkout", "-q", "--", "book"], cwd=clone, check=True)
        timed(["make", "book"], clone)

        if not opts.skip_test:
            rows.append(("`make test` after `make book`", timed(["make", "test"], clone)))
        shutil.rmtree(clone)

    width = max(len(name) for name, _ in rows)
    print(f"{'case':<{width}}  {'seconds':>8}")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:>8.1f}")
    t = dict(rows)
    first, pip = t["first `make book` in a fresh clone (uv, empty cache)"], t[
        "previous way: venv + pip install -r requirements.txt"]
    print("\ntargets (issue 13, 2 cores)")
    print(f"  first `make book`                 {first:6.1f} s  (at most 30 s); {first / pip:.2f} × the pip install alone")
    noop, cold_s = t["`make book`, nothing changed"], t["cold build (book/ and _build/ removed)"]
    print(f"  nothing changed / cold            {noop / cold_s:6.3f}    (at most 0.10)")
    if "`make test` after `make book`" in t:
        print(f"  `make test`                       {t['`make test` after `make book`']:6.1f} s  (at most 85 s)")


if __name__ == "__main__":
    main()
