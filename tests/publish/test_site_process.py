"""The site process (juesuan.publish.site): it prepares while the notebooks run and builds only when told "go";
each edition a site of its own from its part of the table of contents."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.publish import planning, site

from ..conftest import ROOT, SEED_UNIT, copy_project

U = SEED_UNIT


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


def start(root: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "juesuan.publish.site", str(root)], cwd=root, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:  # it has loaded Sphinx and read the configuration and the table of contents
        if line.strip() == site.WAITING:
            return proc
    raise AssertionError(f"the site process ended before it was ready (exit {proc.wait()})")


def finish(proc: subprocess.Popen, answer: str) -> int:
    proc.stdin.write(answer)
    proc.stdin.close()
    proc.stderr.read()
    return proc.wait(timeout=300)


def test_it_writes_the_downloads_and_builds_nothing_unless_told_go(project):
    assert finish(start(project), "stop\n") == 0
    assert sorted(p.name for p in (project / "_build" / "downloads").iterdir()) == [
        f"juesuan-{U}-2024-en.xlsx", f"juesuan-{U}-2024-fixes-en.xlsx", f"juesuan-{U}-2024-fixes-zh.xlsx",
        f"juesuan-{U}-2024-zh.xlsx", f"juesuan-{U}-2024.zip", "juesuan.duckdb"]
    assert not (project / "_build" / "html" / "index.html").exists()  # Sphinx made the folder, wrote nothing


def test_it_asks_for_a_restart_when_the_table_of_contents_changed_while_it_waited(project):
    proc = start(project)
    toc = project / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").replace("book/zh/data", "book/zh/data\n  # a year was added"),
                   encoding="utf-8")
    assert finish(proc, "go\n") == site.RESTART
    assert not (project / "_build" / "html" / "index.html").exists()  # Sphinx made the folder, wrote nothing


def test_told_go_it_builds_each_edition_as_a_site_of_its_own(project):
    html = project / "_build" / "html"
    (html / "book" / "zh").mkdir(parents=True)  # the one site of both editions an earlier build made
    (html / "book" / "zh" / "index.html").write_text("stale", encoding="utf-8")
    (html / "searchindex.js").write_text("stale", encoding="utf-8")
    (html / "zh" / "2024").mkdir(parents=True)  # a page of the layout before units: no longer in the book
    (html / "zh" / "2024" / "income.html").write_text("stale", encoding="utf-8")
    assert finish(start(project), "go\n") == 0
    assert sorted(p.name for p in html.iterdir()) == ["en", "index.html", "zh"]
    assert not (html / "zh" / "2024").exists()
    for lang, html_lang in (("zh", "zh-CN"), ("en", "en")):
        page = (html / lang / U / "2024" / "income.html").read_text(encoding="utf-8")
        assert f'<html lang="{html_lang}"' in page
        assert not list((html / lang).rglob("*/book/*")), "an edition holds pages of the book's root"
    assert not (html / "jupyter_execute").exists()  # myst-nb's images folder is beside the site, not in it
    assert f'url=zh/{U}/index.html' in (html / "index.html").read_text(encoding="utf-8")  # one unit: its home


def test_with_j1_it_builds_one_edition_after_the_other(project):
    proc = subprocess.Popen([sys.executable, "-m", "juesuan.publish.site", str(project), "-j1"], cwd=project,
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert finish(proc, "go\n") == 0
    assert (project / "_build" / "html" / "en" / U / "index.html").exists()
    assert '<html lang="zh-CN"' in (project / "_build" / "html" / "zh" / U / "index.html").read_text(encoding="utf-8")


def test_each_edition_s_table_of_contents_is_its_part_of_the_root_one():
    """The committed collection's: the overview, then a part of units (each unit's home page a chapter, its years'
    chapters and its trends the sections), then the appendix; the English edition's part names in English."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    zh, en = site.edition_toc(toc, "zh"), site.edition_toc(toc, "en")
    assert zh["root"] == en["root"] == "index"
    assert [p["caption"] for p in zh["parts"]] == ["各单位", "附录"]
    assert [p["caption"] for p in en["parts"]] == ["Units", "Appendix"]  # not "English edition"
    seed = next(c for c in en["parts"][0]["chapters"] if c["file"] == f"{U}/index")
    assert seed["title"] == "长沙市现代教育技术中心"  # the unit's name as published, in both editions
    assert [s["file"] for s in seed["sections"]] == [*(f"{U}/2024/{t}" for t in planning.TOPICS), f"{U}/trends"]
    assert seed["sections"][0]["title"] == "2024: Income" and seed["sections"][-1].get("title") is None
    zh_seed = next(c for c in zh["parts"][0]["chapters"] if c["file"] == f"{U}/index")
    assert zh_seed["sections"][0]["title"] == "2024 年度收入"
    assert en["parts"][-1]["chapters"] == [{"file": "data"}]


def test_the_switch_links_a_page_to_the_same_page_of_the_other_edition():
    from juesuan.publish import edition

    assert edition.other_page(f"{U}/2024/income", "zh") == ("en", f"../../../en/{U}/2024/income.html")
    assert edition.other_page("index", "en") == ("zh", "../zh/index.html")
    assert edition.theme_words("en") == {}
    assert edition.theme_words("zh")["Toggle primary sidebar"] == "显示或隐藏目录栏"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_edition_that_fails_fails_the_site(project, lang):
    """Either edition, the one built in the process or the one forked beside it: warnings are errors."""
    data = project / "book" / lang / "data.md"
    data.write_text(data.read_text(encoding="utf-8") + "\n[broken](nowhere.md)\n", encoding="utf-8")
    assert finish(start(project), "go\n") not in (0, site.RESTART)
    assert not (project / "_build" / "html" / "index.html").exists()


def test_a_year_added_to_a_unit_writes_that_unit_s_pages_again_and_a_unit_added_the_whole_edition():
    """restale: which pages of an edition must be written again when its table of contents changed (their sidebar,
    Previous or Next is not what it was); None for the whole edition."""
    import copy

    import yaml

    after = site.edition_toc(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")), "zh")
    swu = next(c for c in after["parts"][0]["chapters"] if c["file"] == "xinandaxue/index")
    before = copy.deepcopy(after)  # 西南大学 with its 2023 pages only
    mine = next(c for c in before["parts"][0]["chapters"] if c["file"] == "xinandaxue/index")
    mine["sections"] = [s for s in mine["sections"] if "/2024/" not in s["file"]]
    assert len(mine["sections"]) == len(swu["sections"]) - 6

    stale = site.restale(before, after)
    assert stale == {"xinandaxue/index", "xinandaxue/trends", *(s["file"] for s in swu["sections"])}
    assert site.restale(after, after) == set()
    assert site.restale(after, before) is None  # pages left the book: written anew, none left behind
    fewer = copy.deepcopy(after)
    fewer["parts"][0]["chapters"].remove(next(c for c in fewer["parts"][0]["chapters"] if c["file"] == U + "/index"))
    assert site.restale(fewer, after) is None  # a unit added: every page's sidebar lists it
    assert site.restale(None, after) is None
