"""Shared fixtures. The seed report is read from ../shared (never copied into the repository)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_c4f6e95a5d25307f.txt"
SEED_DATA = ROOT / "data"  # the seed's data folder (the lead points it at data/<unit> with the collection, issue 22)


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


def copy_project(root: Path) -> Path:
    """A working copy of the project at root: data, the committed book, the templates and the configuration."""
    for name in ("data", "book", "notebooks"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
    for name in ("_config.yml", "_toc.yml", "requirements.lock"):
        shutil.copy(ROOT / name, root / name)
    return root


# The longest test files, measured (pytest --durations): started first, so that `pytest -n 2 --dist loadfile`
# finishes them while the many short files fill the other worker.
LONGEST_FIRST = ("test_interrupt.py", "test_hunan_pdf.py", "test_add_year.py", "test_site_browser.py",
                 "test_build_run.py", "test_untrusted.py", "test_hostile.py", "test_book.py")


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
