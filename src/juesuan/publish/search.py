"""Site search for a book that is half Chinese: a Sphinx extension (named in _config.yml) replacing Sphinx's
Chinese search language.

Sphinx's own splits Chinese with jieba, whose dictionary takes about a second to load and whose segmentation
took about a third of the site build; it also finds only whole dictionary words, so a name such as 现代教育技术
matched nothing. Here Chinese text is indexed as its single characters and overlapping pairs of characters
(bigrams, as Lucene's CJK analyser does), and the browser splits a query the same way: a one-character query
looks up that character, a longer one every pair in it, and Sphinx's search requires all of them on a page.
English words are stemmed as in Sphinx's English search.

A figure is one term, without its thousands separators: the page's "2,131.10" is indexed as 2131.10, and a query
for 2131.10 or 2,131.10 looks that up. (Sphinx's search page drops a query term of digits only, such as a year, so
a whole number without a decimal point is indexed but not searched for.) The excerpt under a result shows the
figure as the page prints it: the search page is told to look for its grouped form too.

The Python split and the JavaScript splitQuery below must agree; tests/publish/test_search.py and the browser
test check both.
"""

from __future__ import annotations

import re

from sphinx.search.en import SearchEnglish

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK unified ideographs, extension A, compatibility
NUMBER = r"\d+(?:,\d{3}(?!\d))*(?:\.\d+)?"  # 2131.10, 2,131.10, 2024; "2023,2024" is two numbers
_TOKEN = re.compile(f"({NUMBER})|[{HAN}]+|[^\\W{HAN}]+")  # a figure, a run of Chinese, a run of other word characters
_HAN_RUN = re.compile(f"[{HAN}]+")


def _terms(text: str, *, singles: bool) -> list[str]:
    terms: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if match.group(1):
            terms.append(token.replace(",", ""))
        elif not _HAN_RUN.fullmatch(token):
            terms.append(token)
        else:
            pairs = [token[i:i + 2] for i in range(len(token) - 1)]
            terms += [*token, *pairs] if singles else pairs or [token]
    return terms


def split(text: str) -> list[str]:
    """Index terms: each Chinese character and each overlapping pair of them, each figure, each other word."""
    return _terms(text, singles=True)


def query_terms(query: str) -> list[str]:
    """What a query is split into (the Python twin of splitQuery): a lone character, else its pairs."""
    return _terms(query, singles=False)


def grouped(term: str) -> str:
    """A figure as the pages print it, with thousands separators (2131.10 -> 2,131.10); other terms unchanged."""
    if not re.fullmatch(r"\d+(?:\.\d+)?", term):
        return term
    whole, dot, fraction = term.partition(".")
    return f"{int(whole):,}{dot}{fraction}" if len(whole) <= 30 else term


# splitQuery is Sphinx's hook for a language's query splitting; it is written into language_data.js, which the
# pages load after searchtools.js, so the same file can also widen to a figure's grouped form the excerpt's search
# (makeSearchSummary looks for the query's terms in the page's text) and the terms highlighted (_parseQuery's
# fourth part: in the excerpts, and on the page a result opens).
_JS_SPLITTER = r"""
function splitQuery(query) {
  const terms = [];
  for (const [token, number] of query.matchAll(/(NUMBER)|[HAN]+|(?:(?![HAN])[\p{L}\p{N}_])+/gu)) {
    if (number) terms.push(number.replaceAll(",", ""));
    else if (!/^[HAN]+$/u.test(token) || token.length === 1) terms.push(token);
    else for (let i = 0; i + 1 < token.length; i++) terms.push(token.slice(i, i + 2));
  }
  return terms;
}

function groupedFigure(term) {
  const figure = /^(\d+)(\.\d+)?$/.exec(term);
  return figure ? figure[1].replace(/\B(?=(\d{3})+$)/g, ",") + (figure[2] || "") : term;
}

if (typeof Search !== "undefined") {
  const makeSearchSummary = Search.makeSearchSummary, parseQuery = Search._parseQuery;
  Search.makeSearchSummary = (htmlText, keywords, anchor) =>
    makeSearchSummary(htmlText, new Set([...keywords].flatMap((k) => [k, groupedFigure(k)])), anchor);
  Search._parseQuery = (query) => {  // the terms to highlight: a figure as printed too
    const parsed = parseQuery(query);
    for (const term of [...parsed[3]]) parsed[3].add(groupedFigure(term));
    return parsed;
  };
}
""".replace("NUMBER", NUMBER.replace(r"\d", r"\p{Nd}")).replace("HAN", HAN.encode("unicode_escape").decode())


class SearchChinese(SearchEnglish):
    lang = "zh"
    language_name = "Chinese"
    js_splitter_code = _JS_SPLITTER

    def split(self, input: str) -> list[str]:
        return split(input)

    def stem(self, word: str) -> str:
        return super().stem(word) if word.isascii() else word

    def word_filter(self, word: str) -> bool:
        return bool(word) and not (word.isascii() and word in self.stopwords)


def _no_sphinx_figure_numbers(app, config) -> None:
    """The chapters number their figures per page in the page's language (图 1, Figure 1: publish.charts); Sphinx's
    own numbers ("Fig. 20", in English, counted across the book) would stand beside them. jupyter-book's LaTeX
    extension turns them on for every builder, so this runs after it."""
    config.numfig = False


def setup(app):
    app.connect("config-inited", _no_sphinx_figure_numbers, priority=900)
    app.add_search_language(SearchChinese)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
