"""Where a line of the report stands, as a reviewer cites it: its part, heading and sub-headings, the table or annex
grid it is in, and its page — from what ingest recorded in report.json (outline, contents, pages, and the line ranges
of tables and sections; read/outline.py and read/pages.py). Pure: a report dict in, a Place or a string out.

``locate(report, line)`` answers for one line of the report text; ``describe(place, lang)`` writes it for the page,
in Chinese (第三部分 … › 六、… › （三）…，第 12 页) or English (Part 3: … › section 六、… › （三）…, page 12): headings and
table titles are the report's own words and stay as published. The text line itself is kept out: it is a reference
to the conversion, not to the report, and is shown apart.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .. import i18n
from .vocab import STANDARD_TITLES


@dataclass(frozen=True)
class Place:
    """Where a line stands. Every field is None where the report does not tell it."""

    part: str | None = None  # 第三部分 2024年度部门决算情况说明
    part_number: int | None = None  # 3
    heading: str | None = None  # 六、一般公共预算财政拨款基本支出决算情况说明
    subheading: str | None = None  # （三）一般公共预算财政拨款支出决算具体情况
    point: str | None = None  # 1.项目资金安排落实、总投入等情况分析
    title: str | None = None  # a heading without a number under those above (an annex report's title)
    table: str | None = None  # t06, or an annex section: projects, performance, performance_base
    table_title: str | None = None  # as published (None for an annex grid published without a title)
    table_label: str | None = None  # 公开06表, where the report prints one
    page: int | None = None  # the page as the PDF (or the conversion's page markers) counts it, from 1
    printed_page: int | None = None  # the number printed on that page, where it prints one
    contents: bool = False  # the line is in the table of contents (目录)


_PART_NUMBER = re.compile(r"^第[一二三四五六七八九十]+部分\s*")
_FIELDS = {2: "heading", 3: "subheading", 4: "point"}


def locate(report: dict, line: int | None) -> Place:
    """Where line ``line`` of the report text stands (nothing known for None: a finding without a line)."""
    if line is None:
        return Place()
    found: dict = {}
    for entry in report.get("outline", []):
        if entry["line"] > line:
            break
        level = entry["level"]
        if level == 0:  # a heading without a number stands under those above it, until the next heading
            found["title"] = entry["text"]
        elif level == 1:
            found = {"part": entry["text"], "part_number": entry.get("number")}
        else:  # a heading closes those of its own level and below
            for name in [name for deeper, name in _FIELDS.items() if deeper >= level] + ["title"]:
                found.pop(name, None)
            found[_FIELDS[level]] = entry["text"]
    found.update(_grid(report, line))
    found.update(_page(report, line))
    contents = report.get("contents", [])
    if contents and contents[0]["line"] <= line <= contents[-1]["line"]:
        found = {"contents": True, **_page(report, line)}
    return Place(**found)


def _grid(report: dict, line: int) -> dict:
    """The table or annex grid the line is in ({} for a line outside them)."""
    for key, table in report.get("tables", {}).items():
        first, last = table.get("lines", (0, -1))
        if first <= line <= last:
            return {"table": key, "table_title": table.get("title_zh") or None, "table_label": table.get("label") or None}
    for key, section in report.get("sections", {}).items():
        first, last = section.get("lines", (0, -1))
        if first <= line <= last:
            return {"table": key, "table_title": section.get("title_zh")}
    return {}


def _page(report: dict, line: int) -> dict:
    pages = report.get("pages", [])
    i = bisect_right([p["line"] for p in pages], line)
    if not i:
        return {}
    page = pages[i - 1]
    return {"page": page["page"], "printed_page": page.get("printed")}


def describe(place: Place, lang: str) -> str:
    """The place as a reviewer reads it, in ``lang`` (zh or en); '' when nothing is known."""
    def t(name: str, **values) -> str:
        return i18n.catalogue()[0][f"places.{name}"][lang].format(**values)

    where = []
    if place.contents:
        where.append(t("contents"))
    if place.part:
        title = _PART_NUMBER.sub("", place.part)
        if place.part_number is None:
            where.append(place.part)
        else:
            where.append(t("part" if title else "part_bare", number=place.part_number, title=title, text=place.part))
    if place.heading:
        where.append(t("section", text=place.heading))
    where += [text for text in (place.subheading, place.point, place.title) if text]
    if place.table:
        title = place.table_title or STANDARD_TITLES.get(place.table, place.table)  # an annex grid without a title
        name = " ".join(s for s in (place.table_label, title) if s)
        where.append(t("table", text=name))
    text = t("separator").join(where)
    if place.page is None:
        return text
    if place.printed_page is not None and place.printed_page != place.page:
        page = t("page_printed", page=place.page, printed=place.printed_page)
    else:
        page = t("page", page=place.page)
    return t("where_page", where=text, page=page) if text else page
