"""The book's two languages, from one message catalogue (a foundation module: every stage may use it).

Every sentence the chapters generate, every heading the code writes, every table header, chart title, axis label
and legend lives in ``juesuan/messages/*.toml`` with both languages side by side: a plain TOML file per chapter (read by
the standard library's tomllib) rather than gettext, because each message needs its English and Chinese next to
each other, with named placeholders, and nothing here needs plural rules or a translation workflow. Each file's
entries are ``[name]`` tables with ``en`` and ``zh``, known as ``<file>.<name>``; its ``[columns]`` and
``[values]`` tables map an English table header or cell text to its Chinese.

A chapter calls ``use(lang)`` once (``lang`` is a papermill parameter); ``t(key, **values)`` is then the message
in that language. Official terms are never translated: they are the report's own text, shown as published.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

LANGS = ("zh", "en")  # the first is the edition the site opens on
NAMES = {"zh": "中文", "en": "English"}
FOLDER = Path(__file__).with_name("messages")
KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
_state = {"lang": "en"}


@cache
def catalogue() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(messages by key, English text -> Chinese for table headers and cell values)."""
    messages: dict[str, dict[str, str]] = {}
    mapping: dict[str, str] = {}
    for path in sorted(FOLDER.glob("*.toml")):
        for name, entry in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if name in ("columns", "values"):
                clash = {k for k, v in entry.items() if mapping.get(k, v) != v}
                if clash:
                    raise ValueError(f"{path.name}: [{name}] gives another Chinese for {sorted(clash)}")
                mapping.update(entry)
                continue
            key = f"{path.stem}.{name}"
            if set(entry) != set(LANGS) or key in messages:
                raise ValueError(f"{path.name}: [{name}] must give exactly {' and '.join(LANGS)}, once")
            messages[key] = entry
    return messages, mapping


def use(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGS)}")
    _state["lang"] = lang


def lang() -> str:
    return _state["lang"]


def is_key(text: str) -> bool:
    return bool(KEY.fullmatch(text)) and text in catalogue()[0]


def message(key: str) -> str:
    """The template of ``key`` in the current language (placeholders unfilled)."""
    return catalogue()[0][key][lang()]


def t(key: str, **values) -> str:
    """The message ``key`` in the current language, its placeholders filled (plain text: chart labels, headers)."""
    return message(key).format(**values)


def amount(value, places: str = "0.01") -> str:
    """An amount as a finance reader reads it: at the report's precision (two decimals), rounded half-up, with
    thousands separators: 2773.47 -> "2,773.47", 2210.109493 -> "2,210.11", 0 -> "0.00"; "—" when unknown. The exact
    value stays in the data and the downloads."""
    from decimal import ROUND_HALF_UP, Decimal

    if value is None:
        return "—"
    return f"{Decimal(str(value)).quantize(Decimal(places), ROUND_HALF_UP):,}"


def number(value) -> str:
    """A figure that is not an amount (points, counts, a rate as printed) as printed, with thousands separators and
    never in scientific notation: Decimal("1E+1") -> "10", Decimal("-1E-7") -> "-0.0000001"."""
    from decimal import Decimal

    if value is None:
        return "—"
    if isinstance(value, int):
        return str(value)
    text = format(Decimal(str(value)), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, fraction = text.partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"


def money(value) -> str:
    """An amount in 万元 at the reports' precision, in both editions: "2,773.47 万元", "481,483.46 万元" (two decimals,
    thousands separators). Never 亿元: 48.15 亿元 would print a figure the report gives to the 万元 cent a hundred
    times coarser, and mix units within a sentence."""
    from decimal import Decimal

    if value is None:
        return "—"
    return f"{amount(Decimal(str(value)))} 万元"


def zh_text(english: str) -> str | None:
    """The Chinese of an English table header or cell text, if the catalogue gives one."""
    return catalogue()[1].get(english)
