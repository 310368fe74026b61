"""English renderings of official terms: one file, glossary.csv, beside this module.

Lookups take the term as published; unknown terms keep their Chinese name (and callers list them).
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from ..text import key


@cache
def _entries() -> dict[tuple[str, str], str]:
    entries: dict[tuple[str, str], str] = {}
    with resources.files(__package__).joinpath("glossary.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["code"]:
                entries[(row["kind"], row["code"])] = row["en"]
            entries.setdefault((row["kind"] + ":zh", key(row["zh"])), row["en"])
    return entries


def code_name(kind: str, code: str) -> str | None:
    """English name of a functional or economic classification code, None when unknown."""
    return _entries().get((kind, code))


def term(zh: str) -> str | None:
    """English rendering of a published term (table line, column header, indicator level), None when unknown."""
    k = key(zh)
    for kind in ("term", "functional", "economic", "table"):
        if (en := _entries().get((kind + ":zh", k))) is not None:
            return en
    return None


def table_title(table: str) -> str | None:
    return _entries().get(("table", table))


def english(zh: str, *, code: str = "", kind: str = "") -> str:
    """The English rendering, or the Chinese as published when there is none."""
    return (code and code_name(kind, code)) or term(zh) or zh
