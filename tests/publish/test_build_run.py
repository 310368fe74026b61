"""Running notebooks: a reused kernel gives the same notebook as a fresh one, and failures are contained."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from juesuan.publish import book, kernel, planning

from ..conftest import SEED_UNIT, copy_project


def template(folder: Path, name: str, *sources: str) -> Path:
    params = new_code_cell("year = 0")
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[params, *(new_code_cell(s) for s in sources)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture
def warm():
    kernel.start_kernel()
    yield kernel._kernel
    kernel.stop_kernel()


def outputs(path: Path) -> list:
    return [(c.get("execution_count"), c.get("outputs")) for c in nbformat.read(path, as_version=4).cells]


def test_a_reused_kernel_leaks_nothing_into_the_next_notebook(tmp_path, warm):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    polluter = template(tmp_path, "polluter", "leak = year * 2\nimport os\nos.chdir('/')\nleak")
    probe = template(tmp_path, "probe", "import os\nprint(os.path.basename(os.getcwd()), 'leak' in dir(), year)", "year + 1")
    kernel.run_notebook(polluter, tmp_path / "a" / "polluter.ipynb", {"year": 21})
    kernel.run_notebook(probe, tmp_path / "b" / "warm.ipynb", {"year": 7})
    warm_cells = outputs(tmp_path / "b" / "warm.ipynb")
    assert warm_cells[2][1][0]["text"] == "b False 7\n"  # its own folder, no variable from before
    assert [c[0] for c in warm_cells if c[0] is not None] == [1, 2, 3, 4]  # counts start again at 1

    warm_kernel, kernel._kernel = kernel._kernel, None  # the same notebook in a fresh kernel, as nbval runs it
    try:
        kernel.run_notebook(probe, tmp_path / "b" / "fresh.ipynb", {"year": 7})
    finally:
        kernel._kernel = warm_kernel
    assert (tmp_path / "b" / "warm.ipynb").read_bytes() == (tmp_path / "b" / "fresh.ipynb").read_bytes()


def test_a_notebook_that_kills_its_kernel_fails_alone(tmp_path, warm):
    killer = template(tmp_path, "killer", "import os\nos._exit(1)")
    with pytest.raises(Exception):
        kernel.run_notebook(killer, tmp_path / "killer-out.ipynb", {"year": 1})
    assert not (tmp_path / "killer-out.ipynb").exists()  # nothing half-written
    after = template(tmp_path, "after", "year * 3")
    kernel.run_notebook(after, tmp_path / "after-out.ipynb", {"year": 5})
    assert outputs(tmp_path / "after-out.ipynb")[2][1][0]["data"]["text/plain"] == "15"


def test_a_failing_chapter_is_named_with_its_error_and_the_others_still_run(tmp_path):
    """The procurement template broken and the audit chapters stale: procurement fails in both editions, the audit
    chapters still run, and the book keeps what it had."""
    import json

    root = copy_project(tmp_path / "p")
    broken = nbformat.read(root / "notebooks" / "procurement.ipynb", as_version=4)
    broken.cells.append(new_code_cell("raise ValueError('deliberately broken')"))
    nbformat.write(broken, root / "notebooks" / "procurement.ipynb")
    keys = json.loads((root / planning.KEYS).read_text(encoding="utf-8"))
    for lang in ("zh", "en"):
        keys[f"book/{lang}/{SEED_UNIT}/2024/audit.ipynb"]["template"] = "stale"
    (root / planning.KEYS).write_text(json.dumps(keys, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    unit = {lang: root / "book" / lang / SEED_UNIT for lang in ("zh", "en")}
    before = (unit["zh"] / "2024" / "procurement.ipynb").read_bytes()
    (unit["zh"] / "2024" / "audit.ipynb").unlink()  # so that its coming back shows it ran
    lines: list[str] = []
    code = book.build(root, site=False, jobs=2, echo=lines.append)
    assert code == 1
    assert "2 notebooks ran, 12 kept, 2 failed" in lines[0]
    assert sorted(lines[1:3])[0].startswith(f"error: book/en/{SEED_UNIT}/2024/procurement.ipynb: ")
    assert all("ValueError: deliberately broken" in line for line in lines[1:3])
    assert (unit["zh"] / "2024" / "procurement.ipynb").read_bytes() == before  # the last good one is kept
    assert (unit["zh"] / "2024" / "audit.ipynb").exists() and (unit["en"] / "trends.ipynb").exists()
    keys = json.loads((root / planning.KEYS).read_text(encoding="utf-8"))
    assert keys[f"book/zh/{SEED_UNIT}/2024/audit.ipynb"]["template"] != "stale"  # recorded as built
    assert [run for job, run, _ in planning.explain(root, planning.plan(root))
            if job.template.stem == "procurement"] == [True, True]  # it runs again next time
