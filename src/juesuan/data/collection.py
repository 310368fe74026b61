"""A collection of reports: data/<unit>/<year>/, the unit's folder named by a stable ASCII key made from its name
(unit_key); the name as published stays in report.json (unit_zh). One unit's folder of years is what
datasets.load(year, folder) and datasets.years(folder) read."""

from __future__ import annotations

import json
from pathlib import Path

from .datasets import years


def unit_key(unit_zh: str) -> str:
    """The unit's folder name: its name in pinyin, ASCII, without tones or spaces (长沙市现代教育技术中心 ->
    changshashixiandaijiaoyujishuzhongxin); stable as long as the name is."""
    from .package import slug

    return slug(unit_zh) or "unit"


def units(data_dir: str | Path = "data") -> list[str]:
    """The units of a collection: the folders of ``data_dir`` that hold at least one year."""
    folder = Path(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_")) and years(p))


def collection(data_dir: str | Path = "data") -> list[tuple[str, int]]:
    """Every (unit, year) of a collection, by unit then year."""
    return [(unit, year) for unit in units(data_dir) for year in years(Path(data_dir) / unit)]


def unit_name(data_dir: str | Path, unit: str) -> str:
    """The unit's name as its latest report publishes it."""
    folder = Path(data_dir) / unit
    latest = max(years(folder))
    return json.loads((folder / str(latest) / "report.json").read_text(encoding="utf-8")).get("unit_zh", unit)
