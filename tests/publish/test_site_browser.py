"""The built site in a real browser: headless Chromium opens every page of both editions and searches each.

A copy of the project with two units is built for the run (conftest.two_units: a clean clone has no _build/), served on 127.0.0.1 from a thread, and read
with selenium through Debian's chromium and chromium-driver (.ci/run installs them with fonts-noto-cjk). Each
edition is a site of its own (_build/html/zh/, _build/html/en/). Every page of both is opened once (the `seen`
fixture) and what a reader meets there is kept as a Seen record: the page's language, its visible content, the
words and labels of the theme around it, its links (sidebar, Previous/Next, the switch to the other edition), its
images and console errors. The tests below check those records; to check something more on every page, write a
test over `seen`, or over page_texts(seen): (edition, page, visible text).

With JUESUAN_SCREENSHOTS=1 in the environment, a full-page screenshot of each page is saved in _build/screenshots/
(git-ignored), and the test prints that folder's path, so that a person can look at what a reader sees (off by
default: the pictures are for a person, and cost `make test` a third of this file's time)."""

from __future__ import annotations

import base64
import functools
import os
import http.server
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
import yaml
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from juesuan.i18n import LANGS
from juesuan.publish.site import edition_toc

from ..conftest import ROOT, SEED_UNIT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL = "apt-get update && apt-get install -y chromium chromium-driver fonts-noto-cjk"
SHOTS = ROOT / "_build" / "screenshots"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1000",
         "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]  # no other host: the site needs none
CJK = re.compile("[\u4e00-\u9fff]")
PAGE_WAIT = 20  # seconds, for the search to finish and images to load on a busy 2-core machine

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin letters a Chinese page's chrome may show: key and file-format names, as Chinese software writes them too
# (the search box's Ctrl+K, the download menu's .ipynb, .md and .pdf). The switch to the English edition is marked
# lang="en" and so not read as this page's words.
CHROME_LATIN = {"Ctrl", "PDF", "ipynb", "md", "pdf"}
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z]+(?:[ ,;:'’()/-]+[A-Za-z][a-z]*){3,}")  # four or more English words
QUOTED = re.compile(r"«[^»]*»|“[^”]*”")  # the report's own words, quoted


def missing_browser() -> str | None:
    """What is missing to run the browser, with how to install it; None when all is there."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True) \
        if shutil.which("fc-list") else None
    if fonts is None or not fonts.stdout.strip():
        missing.append("a font with Chinese glyphs (fonts-noto-cjk)")
    if not missing:
        return None
    return (f"the browser test needs Debian's chromium, chromium-driver and fonts-noto-cjk; missing: "
            f"{', '.join(missing)}. Install them with `{INSTALL}` (as root, or with sudo), or run .ci/run, "
            f"which does so on a fresh machine")


def test_chromium_its_driver_and_chinese_fonts_are_installed():
    problem = missing_browser()
    assert problem is None, problem


@pytest.fixture(scope="module")
def site(two_units) -> Path:
    """The two-unit copy of the project built once for the run (conftest.two_units). Returns the copy's root."""
    if problem := missing_browser():  # say so before spending time on the build
        pytest.fail(problem)
    assert (two_units / "_build" / "html" / "index.html").exists()
    return two_units


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def base_url(site: Path):
    handler = functools.partial(QuietHandler, directory=str(site / "_build" / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(site: Path, tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def shots() -> Path | None:
    """The screenshot folder, emptied of an earlier run's pictures; None, no pictures, unless JUESUAN_SCREENSHOTS=1."""
    if os.environ.get("JUESUAN_SCREENSHOTS") != "1":
        return None
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    return SHOTS


def edition_pages(root: Path) -> dict[str, list[str]]:
    """Every page of each edition, as its path in the edition's site: those its part of _toc.yml lists, then its
    search page."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = {}
    for lang in LANGS:
        mine = edition_toc(toc, lang)
        files = [mine["root"]] + [f for part in mine["parts"] for chapter in part["chapters"] for f in _files(chapter)]
        pages[lang] = [f"{name}.html" for name in files] + ["search.html"]
    return pages


def _files(entry: dict) -> list[str]:
    """A chapter's file and its sections', depth first."""
    return [entry["file"]] + [f for s in entry.get("sections", []) for f in _files(s)]


def console_errors(driver, base_url: str) -> list[str]:
    """SEVERE console entries since the last call. The one left out: Chromium asks the server's root for
    /favicon.ico when a page names no icon; the book names none, and where it is published that root is the
    host's, not the book's, so the 404 says nothing about the site. Any other 404, of the book's own
    /favicon.ico in a sub-folder too, still counts."""
    favicon = f"{base_url}/favicon.ico - Failed to load resource: the server responded with a status of 404"
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"
            and not (entry["source"] == "network" and entry["message"].startswith(favicon))]


def open_page(driver, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, PAGE_WAIT).until(lambda d: d.execute_script("return document.readyState") == "complete")


def images(driver) -> list[tuple[str, int]]:
    """(address, natural width) of every <img>, once each has finished loading or failed (lazy ones scrolled to)."""
    driver.execute_script("for (const img of document.images) { img.loading = 'eager'; img.scrollIntoView(); }"
                          "window.scrollTo(0, 0);")
    WebDriverWait(driver, PAGE_WAIT).until(
        lambda d: d.execute_script("return [...document.images].every(img => img.complete)"))
    return [tuple(pair) for pair in driver.execute_script(
        "return [...document.images].map(img => [img.currentSrc || img.src, img.naturalWidth])")]


def screenshot(driver, shots: Path | None, name: str) -> Path | None:
    """The whole page, as shots/name.png (none when shots is None): the window made as tall as the page for one
    picture (selenium's full-page screenshot is Firefox-only, and Chromium's captureBeyondViewport lays this theme's
    sidebars out wrongly)."""
    if shots is None:
        return None
    width, height = driver.execute_script(
        "return [window.innerWidth, Math.min(document.documentElement.scrollHeight, 60000)]")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    target = shots / f"{name}.png"
    target.write_bytes(base64.b64decode(shot["data"]))
    return target


# What a reader meets on the open page, in one call once its scripts have run. The chrome is everything outside
# the article: its text (hidden menus and tooltips too: they show on a click or a hover) and the labels a screen
# reader speaks or a hover shows. Each comes with the language of its nearest element that says one, so that
# text marked as another language's (the switch's "English") is not taken for the page's own.
READ_PAGE = """
const article = document.querySelector('article.bd-article') || document.querySelector('main');
const outside = (node) => !(article && article.contains(node));
const langOf = (el) => (el && el.closest('[lang]') || document.documentElement).lang;
const chrome = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement;
  if (node.textContent.trim() && outside(node) && !el.closest('script, style, noscript, template'))
    chrome.push([node.textContent.trim(), langOf(el)]);
}
const labels = ['title', 'aria-label', 'placeholder', 'alt', 'data-bs-title', 'data-bs-original-title'];
for (const el of document.body.querySelectorAll('*'))
  if (outside(el))
    for (const name of labels)
      if (el.getAttribute(name)) chrome.push([`${el.tagName.toLowerCase()}[${name}]: ${el.getAttribute(name)}`,
                                             langOf(el)]);
const unfolded = (el) => {  // the text as it reads with every folded part (<details>) open, then folded again
  const shut = [...el.querySelectorAll('details:not([open])')];
  shut.forEach((d) => { d.open = true; });
  const text = el.innerText;
  shut.forEach((d) => { d.open = false; });
  return text;
};
const links = (selector) => [...document.querySelectorAll(selector)].map((a) => a.href);
const edition = document.querySelector('a.edition-switch');
return {
  lang: document.documentElement.lang, title: document.title,
  content: article ? article.innerText : '', chrome: chrome,
  text: article ? unfolded(article) : '',
  alts: article ? [...article.querySelectorAll('img')].map((img) => img.alt) : [],
  code: article ? [...article.querySelectorAll('pre')].map((pre) => pre.innerText) : [],
  sidebar: links('.bd-sidebar-primary a[href]'),
  prevnext: links('.prev-next-area a[href]'),
  body: article ? [...article.querySelectorAll('a[href]')].map((a) => a.href) : [],
  edition: edition ? [edition.href, edition.innerText.trim()] : null,
};
"""


@dataclass
class Seen:
    """One page as a reader met it."""

    edition: str  # zh or en
    page: str  # its path in the edition's site, e.g. 2024/income.html
    url: str
    lang: str  # <html lang>
    title: str  # the window's title
    content: str  # the visible text of the page's article
    chrome: list[tuple[str, str]]  # (a text or "tag[attribute]: value" of the theme around it, its language)
    sidebar: list[str]  # the links of the sidebar
    prevnext: list[str]  # Previous and Next
    edition_switch: tuple[str, str] | None  # (link, label) of the switch to the other edition
    images: list[tuple[str, int]]  # (address, natural width)
    console: list[str]  # console errors
    text: str = ""  # all the text of the article, folded parts too (the audit's every check)
    alts: list[str] = field(default_factory=list)  # the alt text of each image of the article
    code: list[str] = field(default_factory=list)  # the text of each code block (a query to copy) of the article
    body: list[str] = field(default_factory=list)  # the links of the article (to other pages, downloads)


def visit(driver, base_url: str, edition: str, page: str, shots: Path | None) -> Seen:
    url = f"{base_url}/{edition}/{page}"
    open_page(driver, url)
    loaded = images(driver)
    read = driver.execute_script(READ_PAGE)
    screenshot(driver, shots, f"{edition}-{page.removesuffix('.html').replace('/', '-')}")
    return Seen(edition, page, url, read["lang"], read["title"], read["content"], [tuple(c) for c in read["chrome"]],
                read["sidebar"], read["prevnext"], tuple(read["edition"]) if read["edition"] else None, loaded,
                console_errors(driver, base_url), read["text"], read["alts"], read["code"], read["body"])


@pytest.fixture(scope="module")
def seen(site, base_url, browser, shots) -> list[Seen]:
    """Every page of both editions, each opened once."""
    pages = edition_pages(site)
    # the overview; each unit's home page, its year's six chapters and its trends; the appendix; the search page
    assert all(len(listed) == 1 + 2 * 8 + 2 for listed in pages.values()), pages
    found = []
    for edition, listed in pages.items():
        for page in listed:
            assert (site / "_build" / "html" / edition / page).exists(), f"{edition}/{page}: listed but not built"
            found.append(visit(browser, base_url, edition, page, shots))
    return found


def page_texts(seen: list[Seen]):
    """(edition, page, visible text of its content) of every page of both editions."""
    for one in seen:
        yield one.edition, one.page, one.content


def path_of(url: str) -> str:
    return urlsplit(url).path


def test_every_page_opens_cleanly_in_chromium(seen, shots, capsys):
    if shots is not None:
        with capsys.disabled():  # before the verdict: the pictures help most when something is wrong
            print(f"\nscreenshots of {len(seen)} pages: {shots}")
    problems = [f"{s.edition}/{s.page}: image not loaded: {src}" for s in seen for src, width in s.images if width <= 0]
    problems += [f"{s.edition}/{s.page}: console: {message}" for s in seen for message in s.console]
    problems += [f"{edition}/{page}: no Chinese text in the page's content" for edition, page, text in page_texts(seen)
                 if page != "search.html" and not CJK.search(text)]
    assert sum(len(s.images) for s in seen) > 0, "not one image in the whole book: the charts are missing"
    assert not problems, "\n".join(problems)


def test_every_link_in_a_page_leads_to_a_page_or_file_of_the_site(seen, site):
    html = site / "_build" / "html"
    links = [(s.edition, s.page, href) for s in seen for href in s.body if urlsplit(href).netloc.startswith("127.")]
    assert any(href.endswith("/audit.html") for _, page, href in links if page == "index.html")  # the overview's
    broken = [(e, page, href) for e, page, href in links if not (html / unquote(path_of(href)).lstrip("/")).is_file()]
    assert not broken, broken[:5]


def test_every_page_says_its_edition_s_language(seen):
    assert {(s.edition, s.lang) for s in seen} == {("zh", "zh-CN"), ("en", "en")}


def test_no_english_word_in_the_chrome_of_a_chinese_page(seen):
    found = {f"{s.edition}/{s.page}": hits for s in seen if s.edition == "zh"
             if (hits := sorted({text for text, lang in s.chrome if lang.startswith("zh")
                                 and set(ENGLISH_WORD.findall(text.split("]: ", 1)[-1])) - CHROME_LATIN}))}
    assert found == {}


def test_the_chrome_scan_can_fail(seen):
    """It reads the theme's words: the English edition's chrome has the words a Chinese one must not show."""
    english = {word.lower() for s in seen if s.edition == "en" for text, _ in s.chrome
               for word in ENGLISH_WORD.findall(text)}
    assert {"search", "contents", "by", "previous", "next", "fullscreen", "light", "dark", "sidebar"} <= english


def prose(one: Seen) -> str:
    """A page's content less its code blocks (SQL to copy is written in SQL in either edition)."""
    text = one.content
    for block in one.code:
        text = text.replace(block, "")
    return text


def test_no_run_of_english_words_in_a_chinese_page(seen):
    found = {f"{s.edition}/{s.page}": hits for s in seen if s.edition == "zh"
             if (hits := ENGLISH_RUN.findall(QUOTED.sub("", prose(s))))}
    assert found == {}
    assert any(s.code for s in seen if s.edition == "zh")  # there are such blocks: the overview's example queries


LONG_DECIMAL = re.compile(r"(?<![\w.])-?\d[\d,]*\.\d{5,}(?![\d])")  # 2210.109493, 0.966190794699218
EXPONENT = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])")  # -1E-7, 1e6
INTERNAL_ID = re.compile(r"\b(?:prose|perf|proc|x|t0\d|u04|budget|base|staff|id|across|projects|unread)\.[a-z0-9_]+")


def test_no_figure_on_any_page_has_more_than_four_decimals_or_an_exponent(seen):
    found = {f"{s.edition}/{s.page}": hits for s in seen
             if (hits := LONG_DECIMAL.findall(s.text) + EXPONENT.findall(s.text))}
    assert found == {}


def test_the_audit_pages_show_no_internal_check_id(seen):
    audits = [s for s in seen if s.page.endswith("/audit.html")]
    assert len(audits) >= 2 and all("342" not in s.page for s in audits)  # both editions' audit chapters
    found = {f"{s.edition}/{s.page}": INTERNAL_ID.findall(s.text) for s in audits if INTERNAL_ID.search(s.text)}
    assert found == {}


def test_the_scans_for_figures_and_ids_can_fail():
    assert LONG_DECIMAL.findall("项目支出全年预算 2210.109493 万元；执行率 0.966190794699218") == ["2210.109493",
                                                                                   "0.966190794699218"]
    assert EXPONENT.findall("差额 -1E-7；坐标 1e6 元；哈希 ee9ac6847fb9") == ["-1E-7", "1e6"]
    assert INTERNAL_ID.findall("prose.amount.370.61 与 perf.budget.score；table 03.") == ["prose.amount", "perf.budget"]


def test_every_chart_has_an_alt_text_in_its_edition_s_language(seen):
    charts = [(s.edition, s.page, alt) for s in seen for alt in s.alts]
    assert len(charts) >= 20  # both editions' charts
    wrong = [(e, p, a) for e, p, a in charts if not a.startswith("图 " if e == "zh" else "Figure ")]
    assert wrong == []


def test_the_window_title_is_in_the_edition_s_language(seen):
    assert all(s.title.endswith("决算细读") and CJK.search(s.title) for s in seen if s.edition == "zh"), \
        [s.title for s in seen if s.edition == "zh"]
    assert all(s.title.endswith("juesuan: final accounts, read closely") for s in seen if s.edition == "en")


def test_the_sidebar_lists_every_unit_and_the_pages_of_the_reader_s_unit_in_its_own_edition(seen):
    """Each unit's home page and the appendix on every page, the pages of the unit the reader is in too; the other
    units' pages are not rendered (collapse_navbar), so that the sidebar stays small with a hundred units."""
    for s in seen:
        pages = edition_pages_of(seen, s.edition)
        links = {path_of(href) for href in s.sidebar}
        assert links <= {f"/{s.edition}/{page}" for page in pages}, f"{s.edition}/{s.page}: {sorted(links)}"
        unit = s.page.split("/")[0] if "/" in s.page else None
        homes = [p for p in pages if p.count("/") == 1 and p.endswith("/index.html")]
        assert len(homes) == 2  # the seed's unit and the second one
        expected = {f"/{s.edition}/{p}" for p in pages
                    if p in homes or p == "data.html" or (unit is not None and p.startswith(f"{unit}/"))}
        assert expected <= links, f"{s.edition}/{s.page}: {sorted(expected - links)} not in the sidebar"
        others = {f"/{s.edition}/{p}" for p in pages if "/" in p and p not in homes and not p.startswith(f"{unit}/")}
        assert not links & others, f"{s.edition}/{s.page}: {sorted(links & others)} (another unit's pages)"


def test_previous_and_next_stay_in_the_edition(seen):
    for s in seen:
        if s.page == "search.html":
            continue
        own = {f"/{s.edition}/{page}" for page in edition_pages_of(seen, s.edition)}
        assert s.prevnext and {path_of(href) for href in s.prevnext} <= own, f"{s.edition}/{s.page}: {s.prevnext}"


def test_every_page_switches_to_the_same_page_of_the_other_edition(seen, site):
    label = {"zh": "English", "en": "中文"}
    for s in seen:
        other = next(x for x in LANGS if x != s.edition)
        assert s.edition_switch is not None, f"{s.edition}/{s.page}: no switch"
        href, text = s.edition_switch
        assert (path_of(href), text) == (f"/{other}/{s.page}", label[s.edition]), f"{s.edition}/{s.page}"
        assert (site / "_build" / "html" / other / s.page).exists()


def edition_pages_of(seen: list[Seen], edition: str) -> list[str]:
    return [s.page for s in seen if s.edition == edition]


def test_the_site_opens_on_the_chinese_overview(base_url, browser):
    open_page(browser, f"{base_url}/")
    WebDriverWait(browser, PAGE_WAIT).until(lambda d: path_of(d.current_url) == "/zh/index.html")


def search(driver, base_url: str, edition: str, term: str) -> list[tuple[str, str, str]]:
    """The results an edition's search page lists for term once its script has finished: (link, title,
    excerpt)."""
    open_page(driver, f"{base_url}/{edition}/search.html?q={quote(term)}")
    summary = "const s = document.querySelector('#search-results .search-summary'); return s ? s.innerText : '';"
    WebDriverWait(driver, PAGE_WAIT).until(lambda d: d.execute_script(summary).strip())
    return [tuple(result) for result in driver.execute_script(
        "return [...document.querySelectorAll('#search-results ul.search > li')].map(li => [li.querySelector('a').href,"
        " li.querySelector('a').innerText, (li.querySelector('p.context') || {innerText: ''}).innerText])")]


@pytest.mark.parametrize("edition, term, shown", [
    ("zh", "奖金", ["奖金"]), ("zh", "2131.10", ["2131.10", "2,131.10"]), ("zh", "2,131.10", ["2131.10", "2,131.10"]),
    ("en", "expenditure", ["expenditure"])], ids=["zh-word", "zh-figure", "zh-grouped-figure", "en-word"])
def test_an_edition_s_search_finds_its_own_pages_with_the_term_in_each_excerpt(site, base_url, browser, shots,
                                                                                capsys, edition, term, shown):
    results = search(browser, base_url, edition, term)
    shot = screenshot(browser, shots, "search-%s-%s" % (edition, re.sub(r"\W+", "_", term)))
    if shot is not None:
        with capsys.disabled():
            print(f"\n{edition} search for {term!r}: {len(results)} pages; screenshot {shot}")
    assert results, f"the search for {term!r} found nothing"
    assert all(path_of(href).startswith(f"/{edition}/") for href, _, _ in results), results
    if edition == "zh":
        assert all(CJK.search(title) for _, title, _ in results), results
    missing = [(href, excerpt) for href, _, excerpt in results if not any(t.lower() in excerpt.lower() for t in shown)]
    assert not missing, missing
    assert not console_errors(browser, base_url)


@pytest.mark.parametrize("term", ["奖金", "qqxzv"], ids=["found", "not-found"])
def test_the_chinese_search_page_reports_in_chinese(base_url, browser, term):
    search(browser, base_url, "zh", term)
    words = browser.execute_script("return [...document.querySelectorAll('#search-results > h2, .search-summary')]"
                                   ".map(el => el.innerText).join(' ')")
    assert "搜索" in words and not ENGLISH_WORD.search(words), words


def test_the_site_search_reports_no_match_for_a_word_that_is_nowhere(base_url, browser):
    for edition in LANGS:
        assert search(browser, base_url, edition, "qqxzv") == []  # a search that lists everything fails here


def test_the_site_search_finds_a_chinese_phrase_and_not_one_that_is_absent(site, base_url, browser):
    # the unit's name is on its home page; jieba's whole-word index matched neither this phrase nor 教育支出
    results = search(browser, base_url, "zh", "现代教育技术")
    assert any(path_of(href) == f"/zh/{SEED_UNIT}/index.html" for href, _, _ in results), results
    assert any("现代教育技术" in excerpt for _, _, excerpt in results), results
    text = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "火箭" not in text
    assert search(browser, base_url, "zh", "火箭") == []  # its characters may appear, the pair does not


@pytest.mark.parametrize("query", ["教育", "现代教育技术", "税", "2024年 Expenditure 基本支出", "a,b;c_d 资金（万元）",
                                   "2,131.10万元", "642.36 2023,2024 1,234,567.8"])
def test_the_browser_splits_a_query_as_the_index_was_split(base_url, browser, query):
    from juesuan.publish.search import query_terms

    open_page(browser, f"{base_url}/zh/search.html")
    assert browser.execute_script("return splitQuery(arguments[0])", query) == query_terms(query)


def test_an_excerpt_finds_a_figure_printed_with_thousands_separators(base_url, browser):
    from juesuan.publish.search import grouped

    open_page(browser, f"{base_url}/zh/search.html")
    for term in ("2131.10", "1234567.8", "642.36", "教育"):
        assert browser.execute_script("return groupedFigure(arguments[0])", term) == grouped(term)
    page = "<div role='main'><p>" + "前文" * 300 + "项目支出 2,131.10 万元" + "后文" * 300 + "</p></div>"
    excerpt = browser.execute_script("return Search.makeSearchSummary(arguments[0], new Set(['2131.10']), '')"
                                     ".textContent", page)
    assert "2,131.10" in excerpt
