"""The site build: each edition of the book a Sphinx site of its own, in its own language, built in a process that
`juesuan build` starts alongside its notebook workers (with -j 1, after them: one thing at a time).

Edition <lang> is built from its folder book/<lang> into _build/html/<lang>/, with the shared _config.yml and,
over it, the edition's settings (settings()): its Sphinx language (theme words, <html lang>, the search page),
its title, its part of the root _toc.yml (edition_toc(), written to _build/toc/<lang>.yml). So each edition's
sidebar, Previous/Next and search hold its own pages only. _build/html/index.html sends a reader on to the
Chinese edition's first page.

Everything before Sphinx reads the first page needs nothing from the notebooks: loading Sphinx, the theme and
the extensions, reading the configuration and the table of contents, and writing the downloads from data/.
That is done while the notebooks run; the process then waits, inside Sphinx's build, for the parent to
write "go" (the executed notebooks, _toc.yml and book/<lang>/data.md are in place) and stops on anything else (a
notebook failed). If the table of contents changed meanwhile (a year was added), it exits with RESTART and the
parent starts a fresh one.

The first edition is built in this process, each other one in a process forked from it once Sphinx is loaded and
the workbooks are written, waiting for the word that this one heard: both editions are built at once, on two
cores (measured on 2 cores with the seed's book: 3.2 s against 4.3 s one after the other, medians). With -j1, one after the other.

    python -m juesuan.publish.site ROOT [LANG ...] [-j1]    (then "go" on stdin; every edition when none is named)
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .. import i18n

RESTART = 75
WAITING = "juesuan.publish.site: ready, waiting for go"
HTML = "_build/html"
LANGUAGE = {"zh": "zh_CN", "en": "en"}  # Sphinx's language of each edition (sphinx-book-theme ships zh_CN)


def html_lang(lang: str) -> str:
    """Edition lang's language as HTML names it (zh-CN, en)."""
    return LANGUAGE[lang].replace("_", "-")


def edition_toc(toc: dict, lang: str) -> dict:
    """Edition lang's table of contents, from the root one of both editions: the files under book/<lang>/, named
    from that folder; its first file is its root; each part keeps its caption, and one left with no file of this
    edition (the English edition's heading in the root table, which holds only its root) is left out."""
    prefix = f"book/{lang}/"
    files = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    root = next(f for f in files if f.startswith(prefix))

    def mine(entry: dict) -> dict:  # an entry of this edition, named from its folder, its sections too
        out = {**entry, "file": entry["file"].removeprefix(prefix)}
        if "sections" in entry:
            out["sections"] = [mine(s) for s in entry["sections"] if s["file"].startswith(prefix)]
        return out

    parts = []
    for part in toc["parts"]:
        chapters = [mine(chapter) for chapter in part["chapters"]
                    if chapter["file"].startswith(prefix) and chapter["file"] != root]
        if chapters:
            parts.append({**part, "chapters": chapters})
    return {"format": toc["format"], "root": root.removeprefix(prefix), "parts": parts}


def words(key: str, lang: str) -> str:
    """The message site.<key> (src/juesuan/messages/site.toml) in lang."""
    return i18n.catalogue()[0][f"site.{key}"][lang]


def settings(root: Path, lang: str) -> dict:
    """Edition lang's Sphinx settings over _config.yml's."""
    return {"language": LANGUAGE[lang], "juesuan_edition": lang, "project": words("title", lang),
            "html_title": words("title", lang), "author": words("author", lang),
            "html_theme_options": {"search_bar_text": words("search_bar", lang)},
            "togglebutton_hint": words("toggle_show", lang), "togglebutton_hint_hide": words("toggle_hide", lang),
            "external_toc_path": str(root / "_build" / "toc" / f"{lang}.yml"),
            "nitpicky": True,  # every broken reference reported
            "latex_individualpages": False}  # jupyter-book's own setting, expected by its build_sphinx


def landing(root: Path) -> str:
    """_build/html/index.html: to the first page of the first edition, with a link to each edition."""
    import yaml

    first = i18n.LANGS[0]
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    links = " · ".join(f'<a href="{lang}/{edition_toc(toc, lang)["root"]}.html" hreflang="{html_lang(lang)}" '
                       f'lang="{html_lang(lang)}">{words("title", lang)}</a>' for lang in i18n.LANGS)
    target = f'{first}/{edition_toc(toc, first)["root"]}.html'
    return (f'<!DOCTYPE html>\n<html lang="{html_lang(first)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Refresh" content="0; url={target}">\n'
            f'<title>{words("title", first)}</title>\n</head>\n<body>\n<p>{links}</p>\n'
            '</body>\n</html>\n')


def navigation(toc: dict) -> tuple[list, dict[str, tuple]]:
    """What an edition's table of contents puts around its pages: the sidebar's top level (each part's caption, its
    chapters and their titles), and for each page the entries the sidebar opens under its chapter
    (collapse_navbar: the reader's unit only), its Previous and its Next."""
    top = [(part.get("caption"), [(c["file"], c.get("title")) for c in part["chapters"]]) for part in toc["parts"]]
    order, opened = [toc["root"]], {}
    for part in toc["parts"]:
        for chapter in part["chapters"]:
            sections = tuple((s["file"], s.get("title")) for s in chapter.get("sections", []))
            for page in (chapter["file"], *(s["file"] for s in chapter.get("sections", []))):
                order.append(page)
                opened[page] = sections
    around = {page: (opened.get(page), order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)
              for i, page in enumerate(order)}
    return top, around


def restale(before: dict | None, after: dict) -> set[str] | None:
    """The pages of an edition to write again when its table of contents changed from ``before`` to ``after``:
    those new, and those whose sidebar, Previous or Next changed (adding a year to a unit: that unit's pages and
    its neighbours). None, to write the whole edition anew, where the sidebar's top level changed (a unit came or
    went) or a page left the book (Sphinx never removes a page it no longer builds)."""
    deeper = any("sections" in s for toc in (before or {}, after) for part in toc.get("parts", [])
                 for chapter in part["chapters"] for s in chapter.get("sections", []))
    if before is None or deeper:  # (a book of this project has two levels: a unit, and its pages)
        return None
    (top_before, was), (top_after, now) = navigation(before), navigation(after)
    if top_before != top_after or set(was) - set(now):
        return None
    return {page for page, around in now.items() if was.get(page) != around}


def _write(path: Path, text: str) -> bool:
    """Write text to path unless it holds it already; True when it was written."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return True
    return False


def build(root: Path, lang: str) -> int:
    """Build edition lang (its table of contents in place); Sphinx's status: 0 when it built cleanly."""
    from jupyter_book.sphinx import build_sphinx
    from sphinx import locale

    locale.translators.clear()  # Sphinx keeps the catalogues of a build's language for the next build's
    out = root / HTML / lang
    # sphinx-external-toc writes the edition's index.html only where missing: made anew, it follows the toc's root
    (out / "index.html").unlink(missing_ok=True)
    result = build_sphinx(root / "book" / lang, out, noconfig=True, path_config=str(root / "_config.yml"),
                          confoverrides=settings(root, lang), doctreedir=root / "_build" / ".doctrees" / lang,
                          warningiserror=True, keep_going=True, quiet=True)
    return result if isinstance(result, int) else 1


def main(argv: list[str] | None = None) -> int:
    import multiprocessing
    import os

    import yaml
    from sphinx.application import Sphinx

    from .downloads import write_all

    args = argv if argv is not None else sys.argv[1:]
    serial = "-j1" in args
    args = [a for a in args if a != "-j1"]
    root = Path(args[0] if args else ".").resolve()
    langs = args[1:] or list(i18n.LANGS)
    os.chdir(root)
    write_all(root)  # the downloads of every year: zip, workbooks (publish/downloads.py)
    toc = (root / "_toc.yml").read_bytes()
    for lang in langs:
        path = root / "_build" / "toc" / f"{lang}.yml"
        before = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
        mine = edition_toc(yaml.safe_load(toc), lang)
        if _write(path, yaml.safe_dump(mine, allow_unicode=True, sort_keys=False)):
            stale = restale(before, mine)
            if stale is None:  # the edition is written anew: no page no longer in the book stays published
                shutil.rmtree(root / HTML / lang, ignore_errors=True)
            for page in stale or ():  # Sphinx writes again a page whose file is missing
                (root / HTML / lang / f"{page}.html").unlink(missing_ok=True)
    _load_extensions(root, langs[0])
    others: list[tuple[object, object]] = []  # (a process building another edition, the pipe to tell it)
    if not serial:  # the other editions in processes forked from this one: Sphinx loaded, the workbooks written
        fork = multiprocessing.get_context("fork")
        for lang in langs[1:]:
            hear, tell = fork.Pipe(duplex=False)
            process = fork.Process(target=_beside, args=(root, lang, hear, tell), name=f"site-{lang}")
            process.start()
            hear.close()
            others.append((process, tell))
    sphinx_build = Sphinx.build

    def verdict() -> int | None:
        """None on "go" with the table of contents unchanged, else the status to stop with."""
        if sys.stdin.readline().strip() != "go":
            return 0
        return RESTART if (root / "_toc.yml").read_bytes() != toc else None

    def build_when_told(app, *args, **kwargs):
        Sphinx.build = sphinx_build  # the first edition waits; the others follow it
        print(WAITING, file=sys.stderr, flush=True)
        stop = verdict()
        for _, tell in others:
            try:
                tell.send(stop)
            except OSError:  # it has ended already: its exit status says why
                pass
        if stop is not None:
            raise SystemExit(stop)
        went.append(True)
        return sphinx_build(app, *args, **kwargs)
    went: list[bool] = []
    Sphinx.build = build_when_told
    try:
        status = 0
        for lang in langs[:1] if others else langs:
            status = status or build(root, lang)
    except SystemExit as done:
        status = done.code if isinstance(done.code, int) else 1
    for process, tell in others:
        tell.close()
        process.join()
        status = status or process.exitcode or 0
    if status == 0 and went and i18n.LANGS[0] in langs:
        _write(root / HTML / "index.html", landing(root))
    if status == 0 and went and set(langs) == set(i18n.LANGS):
        _clear_all_but_editions(root / HTML)
    return status


def _clear_all_but_editions(html: Path) -> None:
    """The site is its editions' folders and the landing page: anything else there (an earlier layout's pages, one
    site for both editions) is removed rather than published stale."""
    import shutil

    for entry in html.iterdir():
        if entry.name not in {*i18n.LANGS, "index.html"}:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _load_extensions(root: Path, lang: str) -> None:
    """Import Sphinx's own extensions and those the configuration names (myst-nb's Sphinx part too, which it imports
    only when set up): once, before the fork, not in each edition's process (about 1 s of CPU less)."""
    import importlib

    from jupyter_book.config import get_final_config
    from sphinx.application import builtin_extensions

    config, _ = get_final_config(user_yaml=root / "_config.yml", cli_config={"latex_individualpages": False},
                                 sourcedir=root / "book" / lang)
    for name in (*builtin_extensions, *config["extensions"], "myst_nb.sphinx_ext"):
        importlib.import_module(name)


def _beside(root: Path, lang: str, hear, tell) -> None:
    """A forked process building edition lang when the first edition's process has heard "go" (and passed it on);
    it stops when told anything else, or when that process is gone."""
    from sphinx.application import Sphinx

    tell.close()
    sphinx_build = Sphinx.build

    def build_when_told(app, *args, **kwargs):
        try:
            stop = hear.recv()
        except EOFError:
            stop = 1
        if stop is not None:
            raise SystemExit(stop)
        return sphinx_build(app, *args, **kwargs)
    Sphinx.build = build_when_told
    sys.exit(build(root, lang))


if __name__ == "__main__":
    sys.exit(main())
