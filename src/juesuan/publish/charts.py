"""One chart style for the whole book, with a Chinese font registered at run time (never installed into
matplotlib): Noto Sans SC from the PyPI package pylopdf-fonts-zh-cn (SIL Open Font License).

Labels come from the report, so they are drawn as plain text: mathtext is off (a name with "$" in it is
neither typeset as math nor a parse error).

Every chart is a numbered figure of its page: ``show()`` turns its title into a caption ("图 1　2024 年支出构成",
"Figure 1. …") followed by the source line (资料来源：…), and gives the image an alt text in the page's language
that reads its figures. Both travel in the image output's metadata; the build moves them into the cell's metadata,
where jupyter-book (myst-nb) makes them the figure's caption and the image's alt (publish.kernel.figure_metadata).
One chart per cell, so each caption belongs to one image. Figures of zero get no bar (a bar of nothing says
nothing): the caption names them instead.
"""

from __future__ import annotations

import re
import textwrap
from functools import cache

PALETTE = ["#1f5f8b", "#e07b39", "#4c9a6a", "#b84a62", "#7a6fb0", "#9a8c4c", "#5aa3b8", "#8c8c8c"]
_page = {"figures": 0}  # this page's figures so far (start() resets it: a warm kernel runs many pages)


@cache
def setup() -> None:
    import matplotlib
    from matplotlib import font_manager, rcParams
    from pylopdf_fonts_zh_cn import sans_path

    font_manager.fontManager.addfont(str(sans_path()))
    rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": ["Noto Sans SC", "DejaVu Sans"],
        "axes.unicode_minus": False,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": 12, "axes.titleweight": "normal", "axes.labelsize": 10,
        "xtick.labelsize": 9, "ytick.labelsize": 9, "legend.fontsize": 9, "legend.frameon": False,
        "figure.figsize": (8, 4.2), "figure.dpi": 100, "savefig.dpi": 100,
        "figure.autolayout": True,
        "text.parse_math": False,  # names from a report are text: a "$" is a dollar sign, never mathtext
    })


def start() -> None:
    """A new page: its figures are numbered from 1."""
    _page["figures"] = 0


def label(zh: str, en: str) -> str:
    """An axis label: the published Chinese term, over its English rendering in the English edition."""
    from .. import i18n

    return zh if not en or en == zh or i18n.lang() == "zh" else f"{zh}\n{en}"


def wan() -> str:
    """The axis label of amounts in 万元, in the page's language."""
    from .. import i18n

    return i18n.t("common.axis_wan")


def _figures(values) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def _text(value: float, whole: bool) -> str:
    return f"{value:,.0f}" if whole else f"{value:,.2f}"


def _describe(fig, *, title: str, source: str, parts: list[str], zeros: list[str]) -> None:
    """What show() needs: the title for the caption, the source line, and the figures an alt text reads out."""
    fig._juesuan = {"title": title, "source": source, "parts": parts, "zeros": zeros}


def barh(labels, values, *, title: str, xlabel: str | None = None, source: str = "", unit: str | None = None, ax=None):
    """Horizontal bars, largest at the top, each with its value; a figure of zero gets no bar (the caption names it)."""
    import matplotlib.pyplot as plt

    from .. import i18n

    setup()
    xlabel = wan() if xlabel is None else xlabel
    pairs = list(zip(labels, _figures(values)))
    zeros = [str(lab).split("\n")[0] for lab, v in pairs if v == 0]
    pairs = [(lab, v) for lab, v in pairs if v]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.0, 0.5 * len(pairs) + 1.2)))
    bars = ax.barh(range(len(pairs)), [v for _, v in pairs], color=PALETTE[0])
    ax.set_yticks(range(len(pairs)), [lab for lab, _ in pairs])
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    top = max((v for _, v in pairs), default=0) or 1
    ax.set_xlim(0, top * 1.18)
    whole = all(v.is_integer() for _, v in pairs) and "元" not in xlabel
    for bar, (_, v) in zip(bars, pairs):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, _text(v, whole), va="center",
                fontsize=8)
    unit = i18n.t("common.unit_wan") if unit is None else unit
    _describe(ax.figure, title=title, source=source, zeros=zeros,
              parts=[f"{str(lab).split(chr(10))[0]} {_text(v, whole)}{unit}" for lab, v in pairs])
    return ax


def _wrap(text: str, width: int = 7) -> str:
    """A category label of the report over several lines (Chinese wraps anywhere), so labels never overlap."""
    return "\n".join(textwrap.wrap(text, width)) if "\n" not in text and len(text) > width else text


def grouped(categories, series: dict[str, list], *, title: str, ylabel: str | None = None, source: str = "",
            unit: str | None = None):
    """Vertical grouped bars: one group per category, one bar per series, each bar with its value. A category whose
    figures are all zero, and a series that is zero throughout, are left out (the caption names them); an unknown
    figure (None) is no bar, never 0."""
    import matplotlib.pyplot as plt

    from .. import i18n

    setup()
    ylabel = wan() if ylabel is None else ylabel
    unit = i18n.t("common.unit_wan") if unit is None else unit
    series = {name: _figures(values) for name, values in series.items()}
    keep = [i for i in range(len(categories)) if any(v for v in (s[i] for s in series.values()))]
    zeros = [str(categories[i]) for i in range(len(categories)) if i not in keep
             and all(s[i] == 0 for s in series.values())]
    zero_series = [name for name, values in series.items() if all(v == 0 for v in values if v is not None)
                   and any(v == 0 for v in values)]
    series = {name: [values[i] for i in keep] for name, values in series.items() if name not in zero_series}
    categories = [categories[i] for i in keep]
    _, ax = plt.subplots()
    n = len(series)
    width = 0.8 / max(n, 1)
    top = max((v for values in series.values() for v in values if v is not None), default=0) or 1
    whole = all(v.is_integer() for values in series.values() for v in values if v is not None)
    parts = []
    for i, (name, values) in enumerate(series.items()):
        xs = [x + (i - (n - 1) / 2) * width for x in range(len(categories))]
        ax.bar(xs, [float("nan") if v is None else v for v in values], width, label=name)  # unknown: no bar
        for x, v in zip(xs, values):
            if v is not None:
                ax.annotate(_text(v, whole), (x, v), xytext=(0, 2), textcoords="offset points", ha="center",
                            va="bottom", fontsize=7)
        parts.append(f"{name}: " + i18n.t("common.list_sep").join(
            f"{str(c).split(chr(10))[0]} {'—' if v is None else _text(v, whole) + unit}" for c, v in zip(categories, values)))
    ax.set_xticks(range(len(categories)), [_wrap(str(c)) for c in categories])
    ax.set_ylim(0, top * 1.15)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if n:
        ax.legend()
    _describe(ax.figure, title=title, source=source, parts=parts, zeros=zeros + zero_series)
    return ax


def pareto(values, *, title: str, ylabel: str | None = None, source: str = ""):
    """Sorted bars with the cumulative share on a second axis."""
    import matplotlib.pyplot as plt

    from .. import i18n

    setup()
    ylabel = i18n.t("common.axis_yuan") if ylabel is None else ylabel
    values = sorted((float(v) for v in values), reverse=True)
    whole = sum(values) or 1
    cumulative, running = [], 0.0
    for v in values:
        running += v
        cumulative.append(100 * running / whole)
    _, ax = plt.subplots()
    xs = range(1, len(values) + 1)
    ax.bar(xs, values, color=PALETTE[0])
    ax.set_xlabel(i18n.t("common.axis_projects"))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.ticklabel_format(axis="y", style="plain", useOffset=False)  # never "1e6" on the axis
    twin = ax.twinx()
    twin.plot(xs, cumulative, color=PALETTE[1], marker=".", linewidth=1.5)
    twin.set_ylim(0, 105)
    twin.set_ylabel(i18n.t("common.axis_cumulative"))
    twin.axhline(80, color="#999999", linewidth=0.8, linestyle="--")
    first = next((k for k, c in enumerate(cumulative, 1) if c >= 80 - 1e-9), len(values))
    _describe(ax.figure, title=title, source=source, zeros=[],
              parts=[i18n.t("common.alt_pareto", n=len(values), k=first)])
    return ax


def caption(number: int, info: dict) -> tuple[str, str]:
    """(caption, alt text) of a page's figure ``number`` in the page's language."""
    from .. import i18n
    from .escape import esc

    title, source = info["title"], info["source"]
    text = i18n.t("common.figure", n=number, title=title)
    if info["zeros"]:
        text += i18n.t("common.figure_zeros", names=i18n.t("common.list_sep").join(info["zeros"]))
    if source:
        text += i18n.t("common.figure_source", source=source)
    alt = i18n.t("common.figure_alt", n=number, title=title, figures=i18n.t("common.alt_sep").join(info["parts"]))
    return esc(text), alt


_ADDRESS = re.compile(rb"0x[0-9a-f]{6,}")  # what a memory address in an output looks like (tests and hooks grep it)


def _png(fig) -> bytes:
    """The figure as PNG, once. Its base64 in the notebook may by chance read like a memory address (0x…), which the
    checks for volatile outputs look for: then it is compressed at another level (the same picture, other bytes)."""
    import base64
    import io

    for level in (6, 9, 1, 3):
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None},
                    pil_kwargs={"compress_level": level})
        if not _ADDRESS.search(base64.b64encode(buffer.getvalue())):
            break
    return buffer.getvalue()


def show() -> None:
    """End a chart cell: each open figure shown as a numbered figure of the page (its title moved into the caption),
    drawn once, and closed (no object repr is left in the output)."""
    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    for number in plt.get_fignums():
        fig = plt.figure(number)
        info = getattr(fig, "_juesuan", None)
        if info is not None:
            _page["figures"] += 1
            text, alt = caption(_page["figures"], info)
            for ax in fig.axes:
                ax.set_title("")
            metadata = {"alt": alt, "caption": text}
        else:
            metadata = {}
        display(Image(data=_png(fig), format="png", metadata=metadata))
    plt.close("all")
