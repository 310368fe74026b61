"""Interrupted work leaves nothing half-done: an ingest or a build killed part-way leaves data/ and book/ either
as they were or complete (after the next command has tidied up what the kill left)."""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from juesuan.publish import book, planning
from juesuan.data.store import recover

from .conftest import ROOT, SEED_DATA, SEED_UNIT, copy_project
from .test_cli_ingest import tree_digest

JUESUAN = [sys.executable, "-m", "juesuan"]


def visible(folder: Path) -> dict[str, str]:
    """What readers of the folder see: hidden staging and backup entries aside."""
    return {k: v for k, v in tree_digest(folder).items() if not any(p.startswith(".") for p in Path(k).parts)}


def unit_pages(book_dir: Path) -> dict[str, str]:
    """The seed unit's executed notebooks in a book folder (a copy's book holds that unit only)."""
    return {k: v for k, v in visible(book_dir).items() if Path(k).parts[1:2] == (SEED_UNIT,)}


def kill_group(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def staged(data: Path, seconds: float, files: int = 1) -> bool:
    """A staging folder of the year holds so many files (it may be renamed into place while it is looked at). Moved
    aside, between the two renames of a replace, is too short a moment to catch: recover() is tested there below."""
    try:
        return any(p.name.startswith(".2024.") and p.name != ".2024.old" and len(list(p.iterdir())) >= files
                   for p in data.iterdir())
    except FileNotFoundError:
        return False


EVERY_FILE = [p.name for p in (SEED_DATA / "2024").iterdir()]


# The moments of an ingest that replaces a year (store.save), each told from the unit's folder and the seconds since
# the ingest started: a kill at each, and a run left to complete.
MOMENTS = {
    "while reading": lambda data, seconds: seconds >= 0.3,  # before a file is written
    "once a file is staged": staged,
    "once every file is staged": lambda data, seconds: staged(data, seconds, files=len(EVERY_FILE)),
    "never": None,
}


def until(proc: subprocess.Popen, moment, limit: float = 120) -> bool:
    """Wait, polling every millisecond, until moment(seconds since the start) holds (True) or the process ends
    (False)."""
    start = time.monotonic()
    while moment is None or not moment(time.monotonic() - start):
        if proc.poll() is not None:
            return False
        assert time.monotonic() - start < limit, "the ingest neither ended nor reached the moment"
        time.sleep(0.001)
    return True


def test_an_ingest_killed_at_any_moment_leaves_the_year_as_before_or_complete(seed_text, tmp_path):
    changed = tmp_path / "changed.txt"  # the seed with one figure changed, so --force replaces the year
    changed.write_text(seed_text.replace("642.36", "642.46", 1), encoding="utf-8")
    complete = tmp_path / "complete"
    subprocess.run([*JUESUAN, "ingest", str(changed), "--year", "2024", "--data-dir", str(complete)], check=True,
                   capture_output=True)
    top = tmp_path / "data"
    data = top / SEED_UNIT  # the unit's folder of years
    shutil.copytree(SEED_DATA / "2024", data / "2024")
    before, after = visible(data / "2024"), visible(complete / SEED_UNIT / "2024")
    assert before != after
    outcomes = []
    for moment, when in MOMENTS.items():
        proc = subprocess.Popen([*JUESUAN, "ingest", str(changed), "--year", "2024", "--data-dir", str(top), "--force"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if until(proc, None if when is None else functools.partial(when, data)):
            kill_group(proc)
        else:  # run to its end (a moment it passed too quickly to be caught: the year must then be complete)
            assert proc.wait() == 0, f"the ingest left to run failed (killed {moment})"
        recover(top)  # what the next juesuan command does first, over every unit of the collection
        assert sorted(p.name for p in top.iterdir()) == [SEED_UNIT]
        assert sorted(p.name for p in data.iterdir()) == ["2024"]  # no staging or backup folder is left
        state = visible(data / "2024")
        assert state in (before, after), f"killed {moment}: the year is neither as before nor complete"
        outcomes.append("before" if state == before else "complete")
        if state == after:
            shutil.rmtree(data / "2024")
            shutil.copytree(SEED_DATA / "2024", data / "2024")
    assert outcomes[:2] == ["before", "before"] and outcomes[-1] == "complete", outcomes  # kills landed mid-way


def test_recover_puts_back_a_year_moved_aside_and_removes_leftovers(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA / "2024", data / ".2024.old")  # killed between the two renames of a replace
    (data / ".2023.k2j4x").mkdir(parents=True)  # a staging folder
    (data / ".2023.k2j4x" / "t01_summary.csv").write_text("half", encoding="utf-8")
    done = recover(data)
    assert sorted(p.name for p in data.iterdir()) == ["2024"]
    assert visible(data / "2024") == visible(SEED_DATA / "2024")
    assert len(done) == 2 and any("restored" in line for line in done)

    shutil.copytree(SEED_DATA / "2024", data / ".2024.old")  # killed after the new year was in place
    (data / "2024" / "marker").write_text("new", encoding="utf-8")
    recover(data)
    assert sorted(p.name for p in data.iterdir()) == ["2024"] and (data / "2024" / "marker").exists()


def test_saving_one_year_leaves_another_year_s_ingest_in_progress_alone(tmp_path):
    """Two reports of one unit read at once (西南大学 2023 and 2024): each save clears only its own year's leftovers."""
    from juesuan.data.store import save
    from juesuan.read.ingest import parse_file

    from .conftest import SEED

    data = tmp_path / "unit"
    (data / ".2023.busy").mkdir(parents=True)  # the other worker, writing 2023 at this moment
    save(parse_file(SEED, 2024), data, 2024)
    assert sorted(p.name for p in data.iterdir()) == [".2023.busy", "2024"]


def test_a_build_killed_mid_way_leaves_the_book_as_it_was_and_the_next_one_completes_it(tmp_path):
    root = copy_project(tmp_path / "p")
    keys = json.loads((root / planning.KEYS).read_text(encoding="utf-8"))
    stale = [k for k in keys if "/2024/" in k and not k.endswith(("audit.ipynb", "expenditure.ipynb"))]
    for key in stale:
        keys[key]["template"] = "stale"  # eight chapters must run again: a build to kill part-way
    (root / planning.KEYS).write_text(json.dumps(keys, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    before = visible(root / "book")
    proc = subprocess.Popen([sys.executable, "-m", "juesuan", "build", "--no-site", "-j", "2"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    stage = root / book.STAGE
    deadline = time.monotonic() + 120
    while not any(stage.rglob("*.ipynb")) or all(p.name.endswith(".tmp.ipynb") for p in stage.rglob("*.ipynb")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before it could be killed"
        time.sleep(0.05)
    kill_group(proc)  # some notebooks are executed, others not
    assert visible(root / "book") == before

    lines: list[str] = []
    assert book.build(root, site=False, jobs=2, echo=lines.append) == 0, lines
    assert lines[-1].startswith("8 notebooks ran, 8 kept, 0 failed")
    assert unit_pages(root / "book") == unit_pages(ROOT / "book")  # complete: what the repository's inputs give
    assert not (root / book.STAGE).exists()


def test_a_promotion_cut_short_is_completed_by_the_next_build(tmp_path):
    root = copy_project(tmp_path / "p")
    page = Path("book") / "zh" / SEED_UNIT / "2024" / "income.ipynb"
    staged = root / book.STAGE / page
    staged.parent.mkdir(parents=True)
    staged.write_text((ROOT / page).read_text(encoding="utf-8"), encoding="utf-8")
    (root / page).write_text("{}", encoding="utf-8")  # the old one, say
    journal = root / book.JOURNAL
    journal.write_text(json.dumps([[str(staged), str(root / page)]]), encoding="utf-8")
    lines: list[str] = []
    assert book.build(root, site=False, echo=lines.append) == 0
    assert lines[0] == "completed the promotion of an interrupted build"
    assert unit_pages(root / "book") == unit_pages(ROOT / "book") and not journal.exists()
    assert lines[-1].startswith("0 notebooks ran, 16 kept")
