"""Each edition speaks its reader's language: every page of the built site is scanned, its main text only (the
article, not the theme's navigation). A Chinese page holds no English sentence; an English page no Chinese
sentence of ours (official terms and the report's own words in tables and «quotes» are the report's, shown as
published). Also: each edition is a site of its own in its language (_build/html/zh/, _build/html/en/), the site
opens on the Chinese overview of the units, and each page's header links to the same page in the other edition. The site
is the two-unit copy of the project built once for the run (conftest.two_units)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from juesuan.publish.site import edition_toc

from ..conftest import SECOND_UNIT as OTHER, SEED_UNIT

ENGLISH_SENTENCE = re.compile(r"[A-Za-z][a-z]+(?:[ ,;:'’()/-]+[A-Za-z][a-z]*){3,}")  # four or more English words
CHINESE_SENTENCE = re.compile(r"[\u4e00-\u9fff“”、（）\d.%]{4,}[，。；][\u4e00-\u9fff“”、（）\d.%，。；]{4,}")
QUOTED = re.compile(r"«[^»]*»|“[^”]*”")  # the report's own words, quoted
SKIP = {"script", "style", "code", "pre"}


class MainText(HTMLParser):
    """The text of a page's article, as (text, inside a table?) runs."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.runs: list[tuple[str, bool]] = []
        self.stack: list[tuple[str, set[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "source"}:
            return
        self.stack.append((tag, set(dict(attrs).get("class", "") .split())))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        tags = [t for t, _ in self.stack]
        classes = set().union(*(c for _, c in self.stack)) if self.stack else set()
        if "article" in tags and "prev-next-footer" not in classes and not SKIP & set(tags) and data.strip():
            self.runs.append((" ".join(data.split()), "table" in tags))


@pytest.fixture(scope="module")
def site(two_units) -> Path:
    return two_units / "_build" / "html"


def pages(site: Path, lang: str) -> dict[str, list[tuple[str, bool]]]:
    """Each page of edition lang (as its path in the edition's site, less .html): its article's text runs."""
    toc = edition_toc(yaml.safe_load((site.parents[1] / "_toc.yml").read_text(encoding="utf-8")), lang)
    files = [toc["root"]] + [f for part in toc["parts"] for c in part["chapters"] for f in _files(c)]
    assert f"{SEED_UNIT}/2024/audit" in files and f"{OTHER}/index" in files
    found = {f: MainText((site / lang / f"{f}.html").read_text(encoding="utf-8")).runs for f in files}
    assert len(found) >= 3, found.keys()
    return found


def _files(entry: dict) -> list[str]:
    """A chapter's file and its sections', depth first."""
    return [entry["file"]] + [f for s in entry.get("sections", []) for f in _files(s)]


def test_the_site_opens_on_the_chinese_overview(site):
    assert 'content="0; url=zh/index.html"' in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, html_lang", [("zh", "zh-CN"), ("en", "en")])
def test_every_page_of_an_edition_is_marked_as_its_language(site, lang, html_lang):
    for page in [*pages(site, lang), "search", "genindex"]:
        assert f'<html lang="{html_lang}"' in (site / lang / f"{page}.html").read_text(encoding="utf-8"), page


def test_a_chinese_page_holds_no_english_sentence(site):
    found = {page: hits for page, runs in pages(site, "zh").items()
             if (hits := [m.group(0) for text, _ in runs for m in ENGLISH_SENTENCE.finditer(QUOTED.sub("", text))])}
    assert found == {}


def test_an_english_page_holds_no_chinese_sentence_of_ours(site):
    found = {page: hits for page, runs in pages(site, "en").items()
             if (hits := [m.group(0) for text, in_table in runs if not in_table
                          for m in CHINESE_SENTENCE.finditer(QUOTED.sub("", text))])}
    assert found == {}


def test_the_scans_can_fail():
    english = "Per-head figures divide by the staff on the establishment"
    assert ENGLISH_SENTENCE.search(english) and not ENGLISH_SENTENCE.search("prose.amount.370.61 万元 t03 2024")
    assert CHINESE_SENTENCE.search("本单位收入合计2773.47万元，其中财政拨款收入2773.47万元。")
    assert not CHINESE_SENTENCE.search("基本支出 basic expenditure") and not CHINESE_SENTENCE.search(
        QUOTED.sub("", "the prose says «支出决算数为642.37万元，预算执行率为102.03%»"))
    assert not CHINESE_SENTENCE.search(QUOTED.sub("", "the unit says “我中心为非参公事业单位，无机关运行经费支出” (line 408)"))


@pytest.mark.parametrize("lang, other, other_lang, text", [("zh", "en", "en", "English"), ("en", "zh", "zh-CN", "中文")])
def test_each_page_links_to_the_same_page_in_the_other_edition(site, lang, other, other_lang, text):
    for page in [*pages(site, lang), "search"]:
        html = (site / lang / f"{page}.html").read_text(encoding="utf-8")
        target = "../" * page.count("/") + f"../{other}/{page}.html"
        switch = re.search(
            r'<a class="[^"]*edition-switch[^"]*" href="([^"]+)"[^>]*>\s*<span lang="([^"]+)">([^<]*)</span>', html)
        assert switch and switch.groups() == (target, other_lang, text), page
        assert (site / other / f"{page}.html").exists()
