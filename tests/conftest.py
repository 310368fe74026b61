"""Shared fixtures. The seed report is read from ../shared (never copied into the repository)."""

from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c4f6e95a5d25307f.txt"
SEED_UNIT = "changshashixiandaijiaoyujishuzhongxin"  # the seed's unit: data/<unit>/, its key made from its name
SEED_DATA = ROOT / "data" / SEED_UNIT  # the seed unit's folder of years: load(2024, SEED_DATA)


def unit_folder(data: Path) -> Path:
    """The one unit's folder that a test's ingest wrote under ``data`` (named by the key of the report's unit)."""
    [folder] = [p for p in data.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return folder


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed report is not beside the project ({SEED.relative_to(ROOT.parent)} is absent)")
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(seed_path: Path):
    from juesuan.read.ingest import parse_file

    return parse_file(seed_path, 2024)


@pytest.fixture
def warm_kernel():
    """One kernel for all the notebooks a test runs, as `juesuan build` runs them (each still comes out as from a
    fresh kernel: tests/publish/test_build_run.py checks that)."""
    from juesuan.publish import kernel

    kernel.start_kernel()
    yield
    kernel.stop_kernel()


def copy_project(root: Path, units: tuple[str, ...] | None = (SEED_UNIT,)) -> Path:
    """A working copy of the project at root: the templates, the configuration, and the data and committed book of
    ``units`` (the seed's unit alone by default, so that a test that builds the book costs what one unit costs,
    however large the committed collection grows; None for every unit)."""
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "notebooks", root / "notebooks", ignore=ignore)
    for name in ("_config.yml", "_toc.yml", "requirements.lock"):
        shutil.copy(ROOT / name, root / name)
    names = [p.name for p in (ROOT / "data").iterdir() if p.is_dir()] if units is None else list(units)
    (root / "data").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "data" / "README.md", root / "data" / "README.md")
    for unit in names:
        shutil.copytree(ROOT / "data" / unit, root / "data" / unit, ignore=ignore)
        for lang in ("zh", "en"):
            if (ROOT / "book" / lang / unit).exists():
                shutil.copytree(ROOT / "book" / lang / unit, root / "book" / lang / unit, ignore=ignore)
    shutil.copytree(ROOT / "book" / "_static", root / "book" / "_static", ignore=ignore)
    if (ROOT / "book" / "_templates").exists():
        shutil.copytree(ROOT / "book" / "_templates", root / "book" / "_templates", ignore=ignore)
    keys = json.loads((ROOT / "book" / ".build-keys.json").read_text(encoding="utf-8"))  # the copied notebooks' own
    mine = {k: v for k, v in keys.items() if any(k.startswith(f"book/{lang}/{u}/") for lang in ("zh", "en")
                                                 for u in names)}
    (root / "book" / ".build-keys.json").write_text(json.dumps(mine, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if names:  # the table of contents and the appendix of these units, as `juesuan build` writes them
        from juesuan.publish import book

        (root / "_toc.yml").write_text(book.toc(root), encoding="utf-8")
        for lang in ("zh", "en"):
            (root / "book" / lang / "data.md").write_text(book.appendix(root, lang), encoding="utf-8")
    return root


SECOND_UNIT = "shanghaishiputuoqucaizhengju"  # with the seed's, a collection of two: an overview, two unit homes


@contextmanager
def _locked(path: Path):
    """An exclusive lock on path, held across the test processes of one run (pytest-xdist's workers)."""
    import fcntl

    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def two_units(tmp_path_factory) -> Path:
    """A copy of the project holding the seed's unit and a second one, built once with `juesuan build` (kept
    notebooks, the overview run, a fresh site) for every test of the run that reads a built site, whichever worker
    it runs on. Read it, never change it."""
    import subprocess
    import sys

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if base.name.startswith("popen-gw") else base  # the run's folder, above each worker's
    root = shared / "two-units"
    with _locked(shared / "two-units.lock"):
        if not (root / "_build" / "html" / "index.html").exists():
            if root.exists():
                shutil.rmtree(root)
            copy_project(root, units=(SEED_UNIT, SECOND_UNIT))
            build = subprocess.run([sys.executable, "-m", "juesuan", "build"], cwd=root, capture_output=True,
                                   text=True, timeout=900)
            assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    return root


# The longest test files, measured (pytest --durations): started first, so that `pytest -n 2 --dist loadfile`
# finishes them while the many short files fill the other worker.
LONGEST_FIRST = ("test_site_process.py", "test_add_year.py", "test_site_browser.py", "test_untrusted.py",
                 "test_hunan_pdf.py", "test_build_run.py", "test_interrupt.py", "test_chart_data.py", "test_checks.py")


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts and ends in the English edition: a test (or a chapter run in-process) that switches to
    Chinese cannot leak its language into the next test."""
    from juesuan import i18n

    i18n.use("en")
    yield
    i18n.use("en")
