"""Incremental builds: what re-runs when a data file, a template or the package changes (no notebook runs)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from juesuan.publish import planning

from ..conftest import ROOT, SEED_UNIT

OTHER = "xinandaxue"  # a second unit of the committed collection: the overview is planned once there are two


def decisions(root: Path, package: Path | None = None) -> dict[str, tuple[bool, str]]:
    jobs = planning.plan(root)
    return {str(j.output.relative_to(root)): (run, why) for j, run, why in planning.explain(root, jobs, package)}


def test_committed_book_is_current_with_its_inputs():
    """Every committed notebook of every unit was executed from the templates, data, package and lock as they are
    now (nbval re-executes one unit's; this proves the rest are not stale)."""
    found = decisions(ROOT)
    assert len(found) > 2 * (len(planning.TOPICS) + 2)
    assert all(not run for run, _ in found.values()), {k: v for k, v in found.items() if v[0]}


@pytest.fixture
def copy(tmp_path) -> tuple[Path, Path]:
    """A copy of the project: the seed unit with a second year (2023, a copy of 2024) and a second unit, every
    notebook recorded as built (their contents are not read: nothing runs here)."""
    root = tmp_path / "p"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "requirements.lock", root / "requirements.lock")
    package = tmp_path / "juesuan"
    shutil.copytree(Path(planning.__file__).parents[1], package, ignore=shutil.ignore_patterns("__pycache__"))
    seed = root / "data" / SEED_UNIT
    shutil.copytree(ROOT / "data" / SEED_UNIT / "2024", seed / "2024")
    shutil.copytree(seed / "2024", seed / "2023")
    shutil.copytree(ROOT / "data" / OTHER / "2024", root / "data" / OTHER / "2024")
    for job in planning.plan(root):
        job.output.parent.mkdir(parents=True, exist_ok=True)
        job.output.write_text("{}", encoding="utf-8")
    planning.record(root, planning.plan(root), package)
    assert not any(run for run, _ in decisions(root, package).values())
    return root, package


def reruns(root, package) -> dict[str, str]:
    return {k: why for k, (run, why) in decisions(root, package).items() if run}


def pages(unit: str, *names: str) -> set[str]:
    return {f"book/{lang}/{unit}/{n}.ipynb" for lang in ("zh", "en") for n in names}


OVERVIEW = {"book/zh/index.ipynb", "book/en/index.ipynb"}


def test_the_plan_has_each_units_chapters_home_and_trends_and_one_overview(copy):
    root, _ = copy
    found = set(decisions(root))
    seed = [f"{y}/{t}" for y in (2023, 2024) for t in planning.TOPICS] + ["index", "trends"]
    other = [f"2024/{t}" for t in planning.TOPICS] + ["index", "trends"]
    assert found == pages(SEED_UNIT, *seed) | pages(OTHER, *other) | OVERVIEW


def test_one_unit_has_no_overview(copy):
    root, package = copy
    shutil.rmtree(root / "data" / OTHER)
    assert not any(p.startswith(f"book/{lang}/{OTHER}") or p == f"book/{lang}/index.ipynb"
                   for p in decisions(root, package) for lang in ("zh", "en"))


def test_a_changed_figure_reruns_that_year_its_units_pages_and_the_overview(copy):
    root, package = copy
    csv = root / "data" / SEED_UNIT / "2023" / "t03_expenditure.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("642.36", "642.46", 1), encoding="utf-8")
    expected = pages(SEED_UNIT, *[f"2023/{t}" for t in planning.TOPICS], "trends", "index") | OVERVIEW
    assert set(reruns(root, package)) == expected
    assert reruns(root, package)[f"book/zh/{SEED_UNIT}/2023/income.ipynb"] == "changed: data"


def test_a_new_unit_year_runs_its_chapters_its_units_pages_and_the_overview_only(copy):
    root, package = copy
    shutil.copytree(ROOT / "data" / OTHER / "2023", root / "data" / OTHER / "2023")
    expected = pages(OTHER, *[f"2023/{t}" for t in planning.TOPICS], "trends", "index") | OVERVIEW
    found = reruns(root, package)
    assert set(found) == expected
    assert found[f"book/zh/{OTHER}/2023/income.ipynb"] == "no executed notebook yet"


def test_a_changed_template_reruns_its_chapter_in_every_unit_and_year(copy):
    root, package = copy
    template = root / "notebooks" / "basic.ipynb"
    template.write_text(template.read_text(encoding="utf-8").replace("Basic-expense", "Basic expense"),
                        encoding="utf-8")
    expected = {f"book/{lang}/{u}/{y}/basic.ipynb": "changed: template" for lang in ("zh", "en")
                for u, y in ((SEED_UNIT, 2023), (SEED_UNIT, 2024), (OTHER, 2024))}
    assert reruns(root, package) == expected


def test_a_changed_package_reruns_everything(copy):
    root, package = copy
    (package / "analysis" / "numbers.py").write_text((package / "analysis" / "numbers.py").read_text() + "\n# changed\n")
    found = reruns(root, package)
    assert len(found) == 2 * (3 * len(planning.TOPICS) + 2 * 2 + 1) and set(found.values()) == {"changed: package"}


def test_a_changed_message_reruns_everything(copy):
    """A sentence a chapter shows lives in messages/*.toml: changing it changes the published page."""
    root, package = copy
    messages = package / "messages" / "findings.toml"
    messages.write_text(messages.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert set(reruns(root, package).values()) == {"changed: package"}
    assert len(reruns(root, package)) == len(decisions(root, package))


def test_changed_requirements_rerun_everything(copy):
    root, package = copy
    (root / "requirements.lock").write_text((root / "requirements.lock").read_text() + "\n")
    assert set(reruns(root, package).values()) == {"changed: requirements"}


def test_the_keys_file_forgets_a_removed_unit(copy):
    root, package = copy
    shutil.rmtree(root / "data" / OTHER)
    planning.record(root, planning.plan(root), package)
    keys = json.loads((root / planning.KEYS).read_text(encoding="utf-8"))
    assert keys and not [k for k in keys if OTHER in k or k.endswith("/index.ipynb") and k.count("/") == 2]


def test_notebooks_are_run_longest_first_by_their_last_recorded_times(copy):
    root, _ = copy
    jobs = [j for j in planning.plan(root) if SEED_UNIT in j.output.parts]
    names = lambda ordered: [str(j.output.relative_to(root)) for j in ordered]  # noqa: E731
    first = names(planning.longest_first(root, jobs))
    across = [f"book/{lang}/{SEED_UNIT}/{n}.ipynb" for lang in ("zh", "en") for n in ("index", "trends")]
    assert sorted(first[:4]) == sorted(across)  # nothing recorded: the cross-year pages, which grow with the years
    assert first[4:] == [n for n in names(jobs) if n not in across]  # then as planned

    zh = f"book/zh/{SEED_UNIT}"
    planning.remember(root, {f"{zh}/2024/audit.ipynb": 3.0, f"{zh}/trends.ipynb": 0.5,
                             f"{zh}/2024/income.ipynb": 1.0})
    ordered = names(planning.longest_first(root, jobs))
    assert ordered[0] == f"{zh}/2024/audit.ipynb"
    assert ordered.index(f"{zh}/2024/income.ipynb") < ordered.index(f"{zh}/trends.ipynb")
    # the unrecorded ones are guessed at the mean (1.5 s): after audit, before income
    assert ordered.index(f"{zh}/2023/basic.ipynb") < ordered.index(f"{zh}/2024/income.ipynb")
    assert sorted(ordered) == sorted(names(jobs))
