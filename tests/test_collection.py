"""A collection at scale, and the committed one: the plan, the navigation and the overview on a synthetic
collection of 100 unit-years (50 units × 2 years, each a copy of the seed's data under another name, made in a
temporary folder and never committed); `juesuan ingest ../shared/reports` reading every sample report; the
collection's database asked across units and years."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from juesuan.cli import main
from juesuan.data.collection import collection, unit_key, units
from juesuan.publish import book, planning, site

from .conftest import ROOT, SEED_DATA, SHARED, SEED_UNIT
from .test_cli_ingest import tree_digest

UNITS = 50
NAMES = [f"合成测试单位{n:03d}" for n in range(UNITS)]  # made-up units: every one a copy of the seed's data


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Path:
    """A project whose data/ holds 100 unit-years: each unit the seed's 2024 and a 2023 made from it."""
    root = tmp_path_factory.mktemp("collection") / "p"
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "requirements.lock", root / "requirements.lock")
    for name in NAMES:
        for year in (2023, 2024):
            folder = root / "data" / unit_key(name) / str(year)
            shutil.copytree(SEED_DATA / "2024", folder)
            report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
            report.update(unit_zh=name, year=year, year_stated=year)
            (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    assert len(collection(root / "data")) == 2 * UNITS
    return root


def test_the_plan_of_100_unit_years(large):
    jobs = planning.plan(large)
    outputs = [str(j.output.relative_to(large)) for j in jobs]
    assert len(outputs) == len(set(outputs)) == 2 * (2 * UNITS * len(planning.TOPICS) + 2 * UNITS + 1)
    assert outputs.count("book/zh/index.ipynb") == outputs.count("book/en/index.ipynb") == 1  # one overview
    key = unit_key(NAMES[7])
    mine = [o for o in outputs if o.startswith(f"book/zh/{key}/")]
    assert sorted(mine) == sorted([f"book/zh/{key}/{y}/{t}.ipynb" for y in (2023, 2024) for t in planning.TOPICS]
                                  + [f"book/zh/{key}/index.ipynb", f"book/zh/{key}/trends.ipynb"])
    params = next(j.params for j in jobs if str(j.output.relative_to(large)) == f"book/en/{key}/2023/audit.ipynb")
    assert params == {"year": 2023, "data_dir": f"../../../../data/{key}", "lang": "en"}


def test_adding_a_unit_year_to_100_runs_its_pages_and_the_overview_only(large, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(large, root)
    for job in planning.plan(root):  # every notebook recorded as built (nothing runs here)
        job.output.parent.mkdir(parents=True, exist_ok=True)
        job.output.write_text("{}", encoding="utf-8")
    planning.record(root, planning.plan(root))
    key = unit_key(NAMES[7])
    shutil.copytree(root / "data" / key / "2023", root / "data" / key / "2022")
    runs = {str(j.output.relative_to(root)) for j, run, _ in planning.explain(root, planning.plan(root)) if run}
    assert runs == {f"book/{lang}/{n}.ipynb" for lang in ("zh", "en")
                    for n in [f"{key}/2022/{t}" for t in planning.TOPICS] + [f"{key}/index", f"{key}/trends", "index"]}


def _files(entry: dict) -> list[str]:
    return [entry["file"]] + [f for s in entry.get("sections", []) for f in _files(s)]


@pytest.mark.parametrize("lang, part, year_title", [("zh", "各单位", "2024 年度勾稽检查"), ("en", "Units", "2024: Consistency audit")])
def test_the_navigation_of_100_unit_years_groups_by_unit(large, lang, part, year_title):
    toc = site.edition_toc(yaml.safe_load(book.toc(large)), lang)
    assert toc["root"] == "index"  # the overview: the sidebar's home link on every page
    assert [p["caption"] for p in toc["parts"]][0] == part
    chapters = toc["parts"][0]["chapters"]
    assert [c["title"] for c in chapters] == sorted(NAMES)  # one entry per unit, by its name as published
    seven = next(c for c in chapters if c["title"] == NAMES[7])
    key = unit_key(NAMES[7])
    assert seven["file"] == f"{key}/index" and len(seven["sections"]) == 2 * len(planning.TOPICS) + 1
    assert seven["sections"][len(planning.TOPICS) - 1] == {"file": f"{key}/2024/audit", "title": year_title}
    assert seven["sections"][len(planning.TOPICS)]["file"] == f"{key}/2023/income"  # the newest year first
    planned = {str(j.output.relative_to(large / "book" / lang).with_suffix("")) for j in planning.plan(large)
               if j.output.is_relative_to(large / "book" / lang)}
    listed = [toc["root"], *(f for p in toc["parts"] for c in p["chapters"] for f in _files(c))]
    assert len(listed) == len(set(listed)) and planned == set(listed) - {"data"}  # every page listed once


@pytest.fixture(scope="module")
def overview_frame(large):
    """The overview's rows of the 100 unit-years, from the collection's database. Each unit-year is the seed's
    data, so the audit, the same for each, is run once and its findings reused."""
    from juesuan.audit import checks
    from juesuan.publish import overview

    real, seen = checks.run, []

    def once(data):
        if not seen:
            seen.append(real(data))
        return seen[0]
    checks.run = once
    try:
        frame = overview.frame(large / "data")
    finally:
        checks.run = real
    return frame, seen[0]


def test_the_overview_of_100_unit_years(overview_frame):
    from juesuan import i18n
    from juesuan.publish import overview

    frame, findings = overview_frame
    assert len(frame) == 2 * UNITS and sorted(set(frame["unit_zh"])) == sorted(NAMES)
    assert set(frame["total"]) == {frame["total"].iloc[0]} and str(frame["total"].iloc[0]) == "2773.47"
    # each unit-year's errors of the report counted from its findings (the audit, the same for every copy)
    assert set(frame["errors"]) == {sum(f.status == "mismatch" for f in findings)}
    assert set(frame["notes"]) == {sum(f.status == "note" for f in findings)}
    i18n.use("zh")
    try:
        table = overview.comparison(frame)
        assert len(table) == 2 * UNITS and table.iloc[0, 0] == f"{sorted(NAMES)[0]} 2023"
        links = overview.units(frame)._repr_markdown_()
        assert links.count("\n- ") == UNITS - 1 and f"]({unit_key(NAMES[7])}/2024/audit.html)" in links
    finally:
        i18n.use("en")


def test_the_overview_charts_every_unit_year_on_one_scale(overview_frame):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from juesuan.publish import overview

    ax = overview.chart(overview_frame[0], "total")
    assert len(ax.patches) == 2 * UNITS and {p.get_width() for p in ax.patches} == {2773.47}
    plt.close("all")


# ---------------------------------------------------------------- the committed collection

REPORTS = SHARED / "reports"


def test_ingest_reads_every_sample_report_and_refuses_the_budget_one_line_each(tmp_path):
    """And what it writes is the committed data/, byte for byte: data/ is what `juesuan ingest` wrote."""
    if not REPORTS.exists():
        pytest.skip("../shared/reports is not beside the project")
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["ingest", str(REPORTS), str(SHARED / "seeds" / "000_c4f6e95a5d25307f.txt"),
                                       "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    reports = sorted(p for p in REPORTS.rglob("*") if p.suffix in (".pdf", ".txt") and p.name != "README.md")
    assert len(lines) == len(reports) + 1  # one line each, the seed's too
    assert [line for line in lines if line.startswith("refused ")] == [
        "refused 2025_shanghai-putuo-govoffice-budget.pdf: this is a 部门预算 (budget) for 2025, not a 决算 (final "
        "accounts): its tables are budget tables such as 2025年部门财务收支预算总表"]
    assert sum(line.startswith("wrote ") for line in lines) == len(reports)  # the seed's included, the budget not
    assert units(data) == units(ROOT / "data") and collection(data) == collection(ROOT / "data")
    for unit, year in collection(data):
        assert tree_digest(data / unit / str(year)) == tree_digest(ROOT / "data" / unit / str(year)), (unit, year)


def test_a_unit_named_on_the_command_line_must_be_the_reports(seed_path, tmp_path):
    result = CliRunner().invoke(main, ["ingest", str(seed_path), "--unit", "xinandaxue", "--data-dir",
                                       str(tmp_path)])
    assert result.exit_code == 2 and not any(tmp_path.iterdir())
    assert result.stderr.strip() == ("error: 000_c4f6e95a5d25307f.txt: table -, line -: the report is of "
                                     f"长沙市现代教育技术中心 ({SEED_UNIT}), not xinandaxue: check --unit")


def test_one_bad_report_among_many_fails_the_command_and_only_itself(seed_path, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path, folder / seed_path.name)  # its name is recorded in report.json
    (folder / "empty.txt").write_text("", encoding="utf-8")
    data = tmp_path / "data"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--data-dir", str(data)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: empty.txt: table -, line -: the file is empty"
    assert result.stdout.startswith(f"wrote {data}/{SEED_UNIT}/2024: 长沙市现代教育技术中心 2024")
    assert tree_digest(data / SEED_UNIT / "2024") == tree_digest(SEED_DATA / "2024")


def test_the_database_answers_across_units_and_years():
    from juesuan.publish import database

    totals = database.query("select unit, year, amount_wan_yuan from t03_expenditure where level = 'total' and "
                            "\"column\" = 'total' order by unit, year", ROOT / "data")
    found = {(r.unit, r.year): str(r.amount_wan_yuan) for r in totals.itertuples()}
    # each report's 支出决算表 合计 as printed: the seed's line 178; 西南大学 2023 p. 11; 上海市普陀区财政局 2024 p. 8
    assert found[(SEED_UNIT, 2024)] == "2773.47"
    assert found[("xinandaxue", 2023)] == "457676.75"
    assert found[("shanghaishiputuoqucaizhengju", 2024)] == "2940.05"
    per_year = database.query("select year, count(distinct unit) as units from reports group by year order by year",
                              ROOT / "data")
    assert dict(zip(per_year.year, per_year.units)) == {2023: 1, 2024: 3, 2025: 2}
    errors = database.query("select unit, year, count(*) as n from errors group by unit, year", ROOT / "data")
    assert {(r.unit, r.year): r.n for r in errors.itertuples()}[(SEED_UNIT, 2024)] == 5  # the seed's five errors
