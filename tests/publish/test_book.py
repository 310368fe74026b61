"""The book: committed notebooks match their templates and data, charts draw Chinese, nbval catches a change."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import warnings

import nbformat
import pytest

from juesuan.data.collection import collection, units
from juesuan.publish import book, charts, planning

from ..conftest import ROOT, SEED_UNIT

BOOK_NOTEBOOKS = sorted((ROOT / "book").rglob("*.ipynb"))
# the seed unit's pages and the overview: each template in both editions (the plan's keys prove the rest current)
CHECKED = [p for p in BOOK_NOTEBOOKS if SEED_UNIT in p.parts or p.name == "index.ipynb" and p.parent.parent.name == "book"]
TEMPLATES = {"index": "intro"}  # a unit's home page is made from notebooks/intro.ipynb, the overview from overview


def test_every_unit_year_has_every_chapter_in_both_editions():
    assert (SEED_UNIT, 2024) in collection(ROOT / "data") and len(units(ROOT / "data")) >= 5
    expected = {ROOT / "book" / lang / u / str(y) / f"{t}.ipynb" for lang in ("zh", "en")
                for u, y in collection(ROOT / "data") for t in planning.TOPICS}
    expected |= {ROOT / "book" / lang / u / f"{n}.ipynb" for lang in ("zh", "en") for u in units(ROOT / "data")
                 for n in ("index", "trends")}
    expected |= {ROOT / "book" / lang / "index.ipynb" for lang in ("zh", "en")}  # the overview
    assert expected == set(BOOK_NOTEBOOKS)


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_book_notebook_is_current_with_its_template(path):
    nb = nbformat.read(path, as_version=4)
    lang = path.relative_to(ROOT / "book").parts[0]
    overview = path.parent == ROOT / "book" / lang
    stem = "overview" if overview else TEMPLATES.get(path.stem, path.stem)
    template = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    cells = [c for c in nb.cells if "injected-parameters" not in c.metadata.get("tags", [])]
    mine = [c for c in template.cells if f"lang-{'en' if lang == 'zh' else 'zh'}" not in c.metadata.get("tags", [])]
    # the same cells as the template's in the page's language (the other edition is linked from the site's header);
    # a unit's home page has the unit's name as published in its title
    unit = next((c for c in nb.cells if c.cell_type == "markdown"), None) if stem == "intro" else None
    assert [c.cell_type for c in cells] == [c.cell_type for c in mine], "book/ is stale: run `make book`"
    assert [c.source.replace("{unit}", "长沙市现代教育技术中心") for c in mine] == [c.source for c in cells], \
        "book/ is stale: run `make book`"
    assert unit is None or unit.source.startswith("# 长沙市现代教育技术中心")
    assert f'lang = "{lang}"' in next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])).source
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "remove-cell" in injected[0].metadata["tags"]
    if overview:
        assert 'data_dir = "../../data"' in injected[0].source
    elif path.parent.name.isdigit():  # a year's chapter: from book/<lang>/<unit>/<year>/ to data/<unit>/
        assert f"year = {path.parent.name}" in injected[0].source
        assert f'data_dir = "../../../../data/{SEED_UNIT}"' in injected[0].source
    else:  # the unit's home page and trends
        assert f'data_dir = "../../../data/{SEED_UNIT}"' in injected[0].source
        assert stem == "trends" or "year = 2024" in injected[0].source
    text = path.read_text(encoding="utf-8")
    assert "papermill" not in nb.metadata and '"end_time"' not in text and '"duration"' not in text
    shown = [str(v) for c in nb.cells if c.cell_type == "code" for o in c.outputs
             for k, v in o.get("data", {}).items() if k.startswith("text/")]  # not image data: base64 may hold "0x…"
    assert not [t for t in shown if re.search(r"0x[0-9a-f]{6,}", t)], "a memory address in an output"
    streams = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type in ("stream", "error")]
    assert streams == [], "a chapter wrote to stdout/stderr or failed"


def test_generated_toc_and_appendix_are_current():
    assert (ROOT / "_toc.yml").read_text(encoding="utf-8") == book.toc(ROOT)
    for lang in ("zh", "en"):
        assert (ROOT / "book" / lang / "data.md").read_text(encoding="utf-8") == book.appendix(ROOT, lang)


def test_templates_have_no_outputs_and_a_parameters_cell():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path
        assert sum("parameters" in c.metadata.get("tags", []) for c in nb.cells) == 1, path


def test_charts_draw_chinese_without_missing_glyphs(caplog):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = [charts.label("一般公共预算财政拨款基本支出决算明细表", "Basic expenditure"),
              "因公出国（境）费", "“三公”经费", "对民间非营利组织和群众性自治组织补贴", "长教函〔2024〕115号"]
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
        warnings.simplefilter("always")
        charts.barh(labels, [1, 2, 3, 4, 5], title="收入决算表 Income")
        charts.grouped(["预算数", "决算数"], {"合计": [1, 2], "公务接待费": [3, 4]}, title="“三公”经费")
        charts.pareto([5, 3, 1], title="项目支出明细")
        for fig in map(plt.figure, plt.get_fignums()):
            fig.canvas.draw()
        plt.close("all")
    messages = [str(w.message) for w in caught] + [r.getMessage() for r in caplog.records]
    assert not [m for m in messages if "Glyph" in m or "findfont" in m], messages
    from matplotlib import font_manager

    assert "Noto Sans SC" in {f.name for f in font_manager.fontManager.ttflist}


def _nbval(root, notebook) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--rootdir", str(root), str(notebook)],
        cwd=root, capture_output=True, text=True, timeout=600)


def test_nbval_fails_when_a_figure_in_data_changes(tmp_path):
    shutil.copytree(ROOT / "data" / SEED_UNIT, tmp_path / "data" / SEED_UNIT)
    shutil.copytree(ROOT / "book" / "zh" / SEED_UNIT, tmp_path / "book" / "zh" / SEED_UNIT)
    notebook = tmp_path / "book" / "zh" / SEED_UNIT / "2024" / "expenditure.ipynb"
    control = _nbval(tmp_path, notebook)
    assert control.returncode == 0, control.stdout[-2000:]
    csv = tmp_path / "data" / SEED_UNIT / "2024" / "t03_expenditure.csv"
    text = csv.read_text(encoding="utf-8")
    changed = text.replace(",合计,total,basic,基本支出,642.36,", ",合计,total,basic,基本支出,642.46,", 1)
    assert changed != text
    csv.write_text(changed, encoding="utf-8")
    result = _nbval(tmp_path, notebook)
    assert result.returncode == 1
    assert "642.46" in result.stdout
