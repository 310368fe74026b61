"""Incremental builds: what re-runs when a data file, a template or the package changes (no notebook runs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from juesuan.publish import planning
from juesuan.data.datasets import years

from ..conftest import ROOT


def decisions(root: Path, package: Path | None = None) -> dict[str, tuple[bool, str]]:
    jobs = planning.plan(root, years(root / "data"))
    return {str(j.output.relative_to(root)): (run, why) for j, run, why in planning.explain(root, jobs, package)}


def test_committed_book_is_current_with_its_inputs():
    found = decisions(ROOT)
    assert found and all(not run for run, _ in found.values()), {k: v for k, v in found.items() if v[0]}


@pytest.fixture
def copy(tmp_path) -> tuple[Path, Path]:
    """A copy of the project with a second year whose executed notebooks are recorded as built."""
    root = tmp_path / "p"
    for name in ("data", "book", "notebooks"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "requirements.lock", root / "requirements.lock")
    package = tmp_path / "juesuan"
    shutil.copytree(Path(planning.__file__).parents[1], package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "data" / "2024", root / "data" / "2023")
    for lang in ("zh", "en"):
        shutil.copytree(root / "book" / lang / "2024", root / "book" / lang / "2023")
    planning.record(root, planning.plan(root, [2023, 2024]), package)
    assert not any(run for run, _ in decisions(root, package).values())
    return root, package


def reruns(root, package) -> dict[str, str]:
    return {k: why for k, (run, why) in decisions(root, package).items() if run}


def test_a_changed_figure_reruns_that_year_and_the_cross_year_chapter(copy):
    root, package = copy
    csv = root / "data" / "2023" / "t03_expenditure.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("642.36", "642.46", 1), encoding="utf-8")
    expected = {f"book/{lang}/{n}.ipynb" for lang in ("zh", "en") for n in [f"2023/{t}" for t in planning.TOPICS] + ["trends"]}
    assert set(reruns(root, package)) == expected
    assert reruns(root, package)["book/zh/2023/income.ipynb"] == "changed: data"


def test_a_changed_figure_of_the_latest_year_also_reruns_the_introduction(copy):
    root, package = copy
    csv = root / "data" / "2024" / "procurement.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("1809.73", "1809.83", 1), encoding="utf-8")
    expected = {f"book/{lang}/{n}.ipynb" for lang in ("zh", "en")
                for n in [f"2024/{t}" for t in planning.TOPICS] + ["trends", "intro"]}
    assert set(reruns(root, package)) == expected


def test_a_changed_template_reruns_its_chapter_in_every_year(copy):
    root, package = copy
    template = root / "notebooks" / "basic.ipynb"
    template.write_text(template.read_text(encoding="utf-8").replace("Basic-expense", "Basic expense"),
                        encoding="utf-8")
    assert reruns(root, package) == {f"book/{lang}/{y}/basic.ipynb": "changed: template" for lang in ("zh", "en")
                                     for y in (2023, 2024)}


def test_a_changed_package_reruns_everything(copy):
    root, package = copy
    (package / "analysis" / "numbers.py").write_text((package / "analysis" / "numbers.py").read_text() + "\n# changed\n")
    found = reruns(root, package)
    assert len(found) == 2 * (2 * len(planning.TOPICS) + 2) and set(found.values()) == {"changed: package"}


def test_a_changed_message_reruns_everything(copy):
    """A sentence a chapter shows lives in messages/*.toml: changing it changes the published page."""
    root, package = copy
    messages = package / "messages" / "findings.toml"
    messages.write_text(messages.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert set(reruns(root, package).values()) == {"changed: package"}


def test_changed_requirements_rerun_everything(copy):
    root, package = copy
    (root / "requirements.lock").write_text((root / "requirements.lock").read_text() + "\n")
    assert set(reruns(root, package).values()) == {"changed: requirements"}


def test_notebooks_are_run_longest_first_by_their_last_recorded_times(copy):
    root, _ = copy
    jobs = planning.plan(root, [2023, 2024])
    names = lambda ordered: [str(j.output.relative_to(root)) for j in ordered]  # noqa: E731
    first = names(planning.longest_first(root, jobs))
    trends = ["book/zh/trends.ipynb", "book/en/trends.ipynb"]
    assert first[:2] == trends  # nothing recorded: the cross-year chapters, which grow with the years
    assert first[2:] == [n for n in names(jobs) if n not in trends]  # then as planned

    planning.remember(root, {"book/zh/2024/audit.ipynb": 3.0, "book/zh/trends.ipynb": 0.5,
                             "book/zh/2024/income.ipynb": 1.0})
    ordered = names(planning.longest_first(root, jobs))
    assert ordered[0] == "book/zh/2024/audit.ipynb"
    assert ordered.index("book/zh/2024/income.ipynb") < ordered.index("book/zh/trends.ipynb")
    # the unrecorded ones are guessed at the mean (1.5 s): after audit, before income
    assert ordered.index("book/zh/2023/basic.ipynb") < ordered.index("book/zh/2024/income.ipynb")
    assert sorted(ordered) == sorted(names(jobs))
