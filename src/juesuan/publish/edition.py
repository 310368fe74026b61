"""Each edition of the book a site of its own: a Sphinx extension (named in _config.yml) for the edition that
juesuan.publish.site builds with its language in the setting ``juesuan_edition``.

- The header's switch to the same page in the other edition (the template book/_templates/edition-switch.html,
  placed in the header by _config.yml): its label is the other language's name, its link is computed from the
  page's name (each edition is a separate Sphinx project, whose documents cannot reference the other's). The
  page's head also names that page as its alternate in the other language.
- The theme words that the Chinese catalogues of Sphinx, pydata-sphinx-theme and sphinx-book-theme leave in English
  (or give in Taiwan's usage), from src/juesuan/messages/site.toml ([theme_*]: the theme's English and our
  Chinese), put in front of those catalogues; and in a tooltip or label a template writes in English without
  asking a catalogue.
- myst-nb's folder for the notebooks' images: one per edition beside the site (_build/jupyter_execute/<lang>),
  not one shared by both inside the published folder (myst-nb puts it beside the output folder).
"""

from __future__ import annotations

import gettext
import posixpath
import re
from pathlib import Path

from .. import i18n
from .site import html_lang, words


def theme_words(lang: str) -> dict[str, str]:
    """The themes' English words and what the edition in lang shows instead (none in the English edition)."""
    if lang == "en":
        return {}
    return {entry["en"]: entry[lang] for key, entry in i18n.catalogue()[0].items() if key.startswith("site.theme_")}


def other_page(pagename: str, lang: str) -> tuple[str, str]:
    """(the other edition's language, the link from page pagename of edition lang to the same page of it)."""
    other = next(x for x in i18n.LANGS if x != lang)
    return other, posixpath.relpath(f"../{other}/{pagename}.html", posixpath.dirname(pagename) or ".")


class _Catalogue(gettext.NullTranslations):
    """Our words first, then the catalogue they stand in front of."""

    def __init__(self, messages: dict[str, str], behind: gettext.NullTranslations | None):
        super().__init__()
        self.messages = messages
        if behind is not None:
            self.add_fallback(behind)

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or super().gettext(message)


def _builder_inited(app) -> None:
    lang = app.config.juesuan_edition
    if not lang:
        return
    if hasattr(app.env, "mystnb_config"):
        folder = Path(app.outdir).parent.parent / "jupyter_execute" / lang
        app.env.mystnb_config = app.env.mystnb_config.copy(output_folder=str(folder))
    mine = theme_words(lang)
    if mine and app.builder.format == "html":
        from sphinx import locale

        for catalog in ("sphinx", "booktheme"):  # Sphinx's and pydata's words; sphinx-book-theme's
            locale.translators["general", catalog] = _Catalogue(mine, locale.translators.get(("general", catalog)))
        app.translator = locale.translators["general", "sphinx"]
        app.builder.templates.environment.install_gettext_translations(app.translator)
        app.builder.templates.render = _attributes_in(mine, app.builder.templates.render)


ATTRIBUTE = re.compile(r'\b(title|aria-label|data-bs-title|placeholder)="([^"<>]*)"')


def _attributes_in(mine: dict[str, str], render):
    """A template renderer whose pages have tooltips and labels that a theme's template writes in English without
    a catalogue (sphinx-book-theme's sidebar toggles and navigation labels) in the edition's language instead: an
    attribute whose whole value is one of our theme words."""
    def rendered(template: str, context: dict) -> str:
        return ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{mine.get(m.group(2), m.group(2))}"', render(template, context))
    return rendered


def _page_context(app, pagename, templatename, context, doctree) -> None:
    lang = app.config.juesuan_edition
    if not lang:
        return
    other, href = other_page(pagename, lang)
    context["edition_switch"] = {"href": href, "lang": html_lang(other), "label": i18n.NAMES[other],
                                 "title": words("switch_title", lang)}
    context["metatags"] = (context.get("metatags") or "") + \
        f'\n    <link rel="alternate" hreflang="{html_lang(other)}" href="{href}" />'


def _escaped_titles(app, pagename, templatename, context, doctree) -> None:
    """sphinx-book-theme takes the home page's title (the sidebar's first link) and the page's own (the heading of
    its print view) as plain text (``astext()``), and its templates write them unescaped: a unit's home page is
    titled with the unit's name as published, which is report text."""
    import html

    for key in ("root_title", "pagetitle"):  # escaped, and never typeset as math by MathJax
        if key in context:
            context[key] = f'<span class="tex2jax_ignore mathjax_ignore">{html.escape(context[key], quote=False)}</span>'


def setup(app):
    app.add_config_value("juesuan_edition", "", "html", types=[str])
    app.connect("builder-inited", _builder_inited, priority=900)  # after myst-nb has set its folder
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _escaped_titles, priority=900)  # after the theme has set them
    return {"parallel_read_safe": True, "parallel_write_safe": True}
