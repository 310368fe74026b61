"""Rehearse adding a year, end to end, in a temporary copy: ingest, build, nbval.

The second year is a fixture made here from the seed (its years shifted back by one), never published."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEED_UNIT, copy_project


def juesuan(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=900)


def test_adding_a_year_builds_two_year_parts_and_a_trends_chapter(tmp_path, seed_text):
    root = copy_project(tmp_path / "copy")
    fixture = tmp_path / "fixture-2023.txt"
    fixture.write_text(seed_text.replace("2022", "2021").replace("2023", "2022").replace("2024", "2023"),
                       encoding="utf-8")

    first = juesuan("build", cwd=root)  # the book as it was: the site of one year
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    ingest = juesuan("ingest", str(fixture), "--year", "2023", cwd=root)
    assert ingest.returncode == 0, ingest.stderr
    assert (root / "data" / SEED_UNIT / "2023" / "report.json").exists()  # the unit worked out from the report
    build = juesuan("build", cwd=root)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]

    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    assert 'caption: "2024 年度"' in toc and 'caption: "2023 年度"' in toc and f"book/zh/{SEED_UNIT}/trends" in toc
    assert toc.index('"2024 年度"') < toc.index('"2023 年度"')  # newest year first
    assert 'caption: "2024"' in toc and 'caption: "2023"' in toc and f"book/en/{SEED_UNIT}/trends" in toc  # English
    for lang in ("zh", "en"):
        unit = root / "book" / lang / SEED_UNIT
        assert sorted(p.name for p in (unit / "2023").glob("*.ipynb")) == sorted(
            p.name for p in (ROOT / "book" / lang / SEED_UNIT / "2024").glob("*.ipynb"))
        for page in ("2023/income.html", "2024/audit.html", "trends.html", "index.html"):
            assert (root / "_build" / "html" / lang / SEED_UNIT / page).exists(), page

    # a page kept as it was (2024's income: neither its notebook nor its text changed) is written again, its
    # sidebar now naming the new year's part and pages (site.restale)
    kept = (root / "_build" / "html" / "zh" / SEED_UNIT / "2024" / "income.html").read_text(encoding="utf-8")
    assert 'href="../2023/income.html"' in kept and "2023 年度" in kept

    trends = json.dumps(json.loads((root / "book" / "en" / SEED_UNIT / "trends.ipynb").read_text(encoding="utf-8"))
                        ["cells"], ensure_ascii=False)
    # the fixture says 2023's grand total was 2773.47; the 2024 report implies 3538.81: the audit says so
    assert "3,538.81" in trends and "error of the report" in trends

    # a chapter of the new year and the trends chapter that now spans two years pass nbval (the 2024 chapters are
    # kept as committed, and `make test` runs nbval over them, template by template)
    assert build.stdout.startswith("16 notebooks ran, 12 kept")  # 2023's six chapters, the unit's home and trends, twice
    nbval = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval",
                            "--nbval-current-env", "--rootdir", str(root),
                            str(root / "book" / "zh" / SEED_UNIT / "2023" / "income.ipynb"),
                            str(root / "book" / "en" / SEED_UNIT / "trends.ipynb")],
                           cwd=root, capture_output=True, text=True, timeout=900)
    assert nbval.returncode == 0, nbval.stdout[-3000:]
