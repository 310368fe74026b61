"""The built site in a real browser: headless Chromium opens every page of the book and the search page.

A copy of the project is built here (a clean clone has no _build/), served on 127.0.0.1 from a thread, and read
with selenium through Debian's chromium and chromium-driver (.ci/run installs them with fonts-noto-cjk). Every page
must load without a console error, with every image loaded and Chinese text in its content; the search must find
a Chinese and an English term. A full-page screenshot of each page is saved in _build/screenshots/ (git-ignored),
and the test prints that folder's path, so that a person can look at what a reader sees."""

from __future__ import annotations

import base64
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from ..conftest import ROOT, copy_project

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
def site(tmp_path_factory) -> Path:
    """A copy of the project built with `juesuan build`: kept notebooks, a fresh site. Returns the copy's root."""
    if problem := missing_browser():  # say so before spending time on the build
        pytest.fail(problem)
    root = copy_project(tmp_path_factory.mktemp("site") / "copy")
    build = subprocess.run([sys.executable, "-m", "juesuan", "build"], cwd=root, capture_output=True, text=True,
                           timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert (root / "_build" / "html" / "index.html").exists()
    return root


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
def shots() -> Path:
    """The screenshot folder, emptied of an earlier run's pictures."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    return SHOTS


def book_pages(root: Path) -> list[str]:
    """Every page the generated table of contents lists, as paths of the built site."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    return [f"{name}.html" for name in files]


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


def content_text(driver) -> str:
    """The page's own content (the article, or the main area where there is none), not the navigation."""
    return driver.execute_script(
        "const el = document.querySelector('article.bd-article') || document.querySelector('main');"
        "return el ? el.innerText : '';")


def screenshot(driver, target: Path) -> None:
    """The whole page: the window made as tall as the page for one picture (selenium's full-page screenshot is
    Firefox-only, and Chromium's captureBeyondViewport lays this theme's sidebars out wrongly)."""
    width, height = driver.execute_script(
        "return [window.innerWidth, Math.min(document.documentElement.scrollHeight, 60000)]")
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    target.write_bytes(base64.b64decode(shot["data"]))


def test_every_page_opens_cleanly_in_chromium(site, base_url, browser, shots, capsys):
    pages = book_pages(site) + ["search.html"]
    assert len(pages) >= 10  # intro, six chapters of a year, trends, the data appendix, search
    problems: list[str] = []
    shown = 0
    for page in pages:
        assert (site / "_build" / "html" / page).exists(), f"{page}: listed in _toc.yml but not built"
        open_page(browser, f"{base_url}/{page}")
        loaded = images(browser)
        shown += len(loaded)
        problems += [f"{page}: image not loaded: {src}" for src, width in loaded if width <= 0]
        text = content_text(browser)
        if page != "search.html" and not CJK.search(text):
            problems.append(f"{page}: no Chinese text in the page's content")
        screenshot(browser, shots / (page.removesuffix(".html").replace("/", "-") + ".png"))
        problems += [f"{page}: console: {message}" for message in console_errors(browser, base_url)]
    with capsys.disabled():  # before the verdict: the pictures help most when something is wrong
        print(f"\nscreenshots of {len(pages)} pages: {shots}")
    assert shown > 0, "not one image in the whole book: the charts are missing"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("term, shot", [("教育", "search-zh"), ("expenditure", "search-en")],
                         ids=["chinese", "english"])
def test_the_site_search_finds_chinese_and_english_terms(site, base_url, browser, shots, capsys, term, shot):
    results = search(browser, base_url, term)
    screenshot(browser, shots / f"{shot}.png")
    with capsys.disabled():
        print(f"\nsearch for {term!r}: {len(results)} pages; screenshot {shots / shot}.png")
    assert results, f"the search for {term!r} found nothing"
    assert any(href.split("?")[0].split("#")[0].endswith("/expenditure.html") for href, _ in results), results
    assert any(term.lower() in text.lower() for _, text in results), results  # the excerpt shows the term
    assert not console_errors(browser, base_url)


def test_the_site_search_reports_no_match_for_a_word_that_is_nowhere(site, base_url, browser):
    assert search(browser, base_url, "qqxzv") == []  # the check above is not met by a search that lists everything


def test_the_site_search_finds_a_chinese_phrase_and_not_one_that_is_absent(site, base_url, browser):
    # the unit's name is in the intro; jieba's whole-word index matched neither this phrase nor 教育支出
    results = search(browser, base_url, "现代教育技术")
    assert any(href.split("?")[0].split("#")[0].endswith("/intro.html") for href, _ in results), results
    assert any("现代教育技术" in text for _, text in results), results
    text = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "火箭" not in text
    assert search(browser, base_url, "火箭") == []  # its characters may appear, the pair does not


@pytest.mark.parametrize("query", ["教育", "现代教育技术", "税", "2024年 Expenditure 基本支出", "a,b;c_d 资金（万元）"])
def test_the_browser_splits_a_query_as_the_index_was_split(site, base_url, browser, query):
    from juesuan.publish.search import query_terms

    open_page(browser, f"{base_url}/search.html")
    assert browser.execute_script("return splitQuery(arguments[0])", query) == query_terms(query)


def search(driver, base_url: str, term: str) -> list[tuple[str, str]]:
    """The results Sphinx's search page lists for term once its script has finished: (link, title and excerpt)."""
    open_page(driver, f"{base_url}/search.html?q={quote(term)}")
    summary = "const s = document.querySelector('#search-results .search-summary'); return s ? s.innerText : '';"
    WebDriverWait(driver, PAGE_WAIT).until(
        lambda d: re.search(r"Search finished|did not match", d.execute_script(summary)))
    return [tuple(pair) for pair in driver.execute_script(
        "return [...document.querySelectorAll('#search-results ul.search > li')]"
        ".map(li => [li.querySelector('a').href, li.innerText])")]
