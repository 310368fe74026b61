"""Text laid out with spaces (read/layout.py): the seed with every table set out in aligned columns, as a text layer
extracted with its layout sets it (figures set right, labels over several columns centred over them, a label over
several rows in its first, every character one column wide or, CJK, two), reads to the same tables as the seed."""

from __future__ import annotations

import re
import unicodedata

import pytest

from .test_hunan_pdf import _FIGURE, _spans, assert_read_alike

NINE = ["t01_summary", "t02_income", "t03_expenditure", "t04_fiscal_summary", "t05_general_budget",
        "t06_basic_economic", "t07_gov_fund", "t08_state_capital", "t09_three_public"]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _aligned(rows: list[list[str]]) -> list[str]:
    """A table's rows set out with spaces: each column as wide as its widest cell, two spaces between columns."""
    n = max(len(r) for r in rows)
    rows = [[re.sub(r"</?b>", "", c) for c in r] + [""] * (n - len(r)) for r in rows]
    head = 0
    while head < min(4, len(rows) - 1) and not any(_FIGURE.match(c) for c in rows[head]):
        head += 1
    spans = _spans(rows[:head]) if head else {}
    width = [0] * n
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if r >= head or spans.get((r, c), (1, 1))[1] == 1:
                width[c] = max(width[c], _width(cell))
    out = []
    for r, row in enumerate(rows):
        line, skip = "", 0
        for c, cell in enumerate(row):
            if r < head:
                if skip:
                    skip -= 1
                    continue
                if (r, c) not in spans:  # under a label spanning rows
                    line += " " * (width[c] + 2)
                    continue
                cols = spans[(r, c)][1]
                skip = cols - 1
                pad = sum(width[c:c + cols]) + 2 * (cols - 1) - _width(cell)
                line += " " * (pad // 2) + cell + " " * (pad - pad // 2) + "  "
            elif _FIGURE.match(cell):
                line += " " * (width[c] - _width(cell)) + cell + "  "
            else:
                line += cell + " " * (width[c] - _width(cell)) + "  "
        out.append(line.rstrip())
    return out


def laid_out(text: str) -> str:
    from juesuan.read.blocks import split
    from juesuan.text import normalise

    lines = text.split("\n")
    for block in split(normalise(text)).blocks:
        numbers = [r.line for r in block.rows]
        for number, line in zip(numbers, _aligned([lines[k - 1].split("\t") for k in numbers])):
            lines[number - 1] = line
    return "\n".join(lines)


@pytest.fixture(scope="module")
def both(seed_text):
    from juesuan.read.ingest import parse

    text = laid_out(seed_text)
    assert "\t" not in text and "  2,773.47  " in text
    return parse(seed_text, 2024), parse(text, 2024)


@pytest.mark.parametrize("name", NINE + ["projects", "procurement", "performance_indicators", "performance_base"])
def test_a_text_laid_out_with_spaces_reads_to_the_same_tables(both, name):
    text, laid = both
    assert text.datasets[name]
    assert_read_alike(text, laid, name)


def test_its_lines_keep_their_numbers_and_the_report_says_how_it_was_read(both):
    text, laid = both
    for table in ("t01", "t05", "t09"):
        assert laid.report["tables"][table]["read"] == "character positions"
        assert laid.report["tables"][table]["lines"] == text.report["tables"][table]["lines"]
    assert laid.report["sections"]["projects"]["read"] == "character positions"


def test_a_conversion_with_tab_rows_is_left_as_it_is(seed_text):
    from juesuan.read.layout import tabulate

    assert tabulate(seed_text) == (seed_text, [])
