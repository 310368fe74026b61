"""The overview chapter: the units of the collection side by side, read from the collection's database (the view
``overview``: one row per unit-year of analysis.overview's measures and the audit's counts). Its tables name each
measure's base; its words are in messages/overview.toml."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from .. import i18n
from ..analysis.overview import MEASURES

UNITS = dict((k, u) for k, _, _, u in MEASURES)


def frame(data_dir) -> pd.DataFrame:
    """The overview view of the collection's database, amounts as exact Decimals, one row per unit-year."""
    from .database import connect

    with connect(data_dir) as con:
        rows = con.execute("select * from overview order by unit, year").fetchall()
        columns = [d[0] for d in con.description]
    out = pd.DataFrame(rows, columns=columns, dtype=object)
    for key, unit in UNITS.items():  # the database holds measures at a common scale: each back at its own
        out[key] = pd.Series([_at_scale(v, unit) for v in out[key]], dtype=object)
    return out


def _at_scale(value, unit: str):
    """A measure as its unit prints it (counts are integers already): a share or score to 0.01, an amount to the
    cent at least, without the zeros its column's scale (the finest any unit-year has) added."""
    if not isinstance(value, Decimal):
        return value
    if unit in ("%", "分"):
        return value.quantize(Decimal("0.01"))
    return _trim(value)


def _trim(value: Decimal) -> Decimal:
    """An amount without the zeros the database's common scale added, at least to the cent."""
    trimmed = value.normalize()
    return trimmed if trimmed.as_tuple().exponent < -2 else value.quantize(Decimal("0.01"))


def _name(row) -> str:
    return f"{row['unit_zh']} {row['year']}"


def units(frame: pd.DataFrame):
    """Each unit, linked to its home page, with its years linked to their audit chapters (Markdown linking the built
    pages, .html: Sphinx does not resolve links in a notebook's output); units by name as published."""
    from .display import text
    from .escape import esc

    lines = []
    for unit, rows in sorted(frame.groupby("unit", sort=False), key=lambda kv: kv[1]["unit_zh"].iloc[-1]):
        years = i18n.t("common.list_sep").join(
            f"[{i18n.t('book.year_chapter', year=y, chapter=i18n.t('book.topic_audit'))}]({unit}/{y}/audit.html)"
            for y in sorted(rows["year"], reverse=True))
        lines.append(f"- [{esc(rows['unit_zh'].iloc[-1])}]({unit}/index.html){i18n.t('intro.colon')}{years}")
    return text("\n".join(lines))


def about(frame: pd.DataFrame):
    from .display import say

    units = frame["unit"].nunique()
    return say("overview.about", units=units, reports=len(frame),
               years=i18n.t("common.list_sep").join(str(y) for y in sorted(set(frame["year"]))))


def _label(key: str) -> str:
    """A measure's column header: what it is (its base named), and its unit."""
    term, english = next((t, e) for k, t, e, _ in MEASURES if k == key)
    unit = UNITS[key]
    if i18n.lang() == "zh":
        return f"{term}（{unit}）"
    return f"{english} ({ {'人': 'people', '张': 'tables', '分': 'points'}.get(unit, unit) })"


def _columns(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = pd.DataFrame({i18n.t("overview.col_report"): [_name(r) for _, r in frame.iterrows()]})
    for key in keys:
        values = list(frame[key])
        out[_label(key)] = pd.Series(values, dtype=object)
    return out


def comparison(frame: pd.DataFrame) -> pd.DataFrame:
    """Spending and its parts, and per head, by unit-year."""
    return _columns(frame, ["total", "basic_share", "project_share", "staff", "basic_per_head"])


def costs(frame: pd.DataFrame) -> pd.DataFrame:
    """三公 and its change, 机关运行经费, by unit-year (a table of its own, so that no table is wider than the page);
    beside the change of 三公, where it comes from (stated in the report's text or base-data table, or computed from
    both years' reports)."""
    out = _columns(frame, ["three_public", "three_public_change", "running_costs"])
    basis = [i18n.t(f"overview.three_basis_{b}") if b else None for b in frame["three_public_change_basis"]]
    out.insert(list(out.columns).index(_label("three_public_change")) + 1, i18n.t("overview.col_three_basis"),
               pd.Series(basis, dtype=object))
    return out


def execution(frame: pd.DataFrame) -> pd.DataFrame:
    """Budget execution by part."""
    return _columns(frame, ["execution_rate", "basic_rate", "project_rate"])


def procurement(frame: pd.DataFrame) -> pd.DataFrame:
    """Procurement and its SME share, the self-evaluation stated and recomputed."""
    return _columns(frame, ["procurement", "sme_share", "score_stated", "score_recomputed"])


def audit(frame: pd.DataFrame) -> pd.DataFrame:
    """The audit's counts and the tables each report publishes."""
    out = pd.DataFrame({i18n.t("overview.col_report"): [_name(r) for _, r in frame.iterrows()]})
    for key in ("errors", "consequences", "artefacts", "notes"):
        out[i18n.t(f"overview.col_{key}", unit=i18n.t("overview.axis_errors"))] = [int(v or 0) for v in frame[key]]
    for key in ("tables_read", "tables_empty", "tables_missing"):
        out[_label(key)] = [int(v) for v in frame[key]]
    return out


def bars(frame: pd.DataFrame, key: str) -> tuple[list[str], list]:
    """(labels, values) for a bar chart of one measure across the unit-years that have it, largest first: every unit
    on the same scale."""
    rows = [(_name(r), r[key]) for _, r in frame.iterrows() if r[key] is not None]
    rows.sort(key=lambda x: -Decimal(str(x[1])))
    return [label for label, _ in rows], [value for _, value in rows]


def header(key: str) -> str:
    """The column header of a measure (or of an audit count) as the tables above show it."""
    if key in UNITS:
        return _label(key)
    return i18n.t(f"overview.col_{key}", unit=i18n.t("overview.axis_errors"))


def chart(frame: pd.DataFrame, key: str):
    """One measure across the unit-years, on one scale; its axis is the column of the table it draws."""
    from . import charts

    unit = {"万元": None, "%": "%"}.get(UNITS.get(key), "")
    return charts.barh(*bars(frame, key), title=i18n.t(f"overview.chart_{key}"), xlabel=header(key), unit=unit,
                       source=i18n.t("overview.source"))
