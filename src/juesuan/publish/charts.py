"""One chart style for the whole book, with a Chinese font registered at run time (never installed into
matplotlib): Noto Sans SC from the PyPI package pylopdf-fonts-zh-cn (SIL Open Font License).

Labels come from the report, so they are drawn as plain text: mathtext is off (a name with "$" in it is
neither typeset as math nor a parse error)."""

from __future__ import annotations

from functools import cache

PALETTE = ["#1f5f8b", "#e07b39", "#4c9a6a", "#b84a62", "#7a6fb0", "#9a8c4c", "#5aa3b8", "#8c8c8c"]


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


def label(zh: str, en: str) -> str:
    """An axis label: the published Chinese term, over its English rendering in the English edition."""
    from .. import i18n

    return zh if not en or en == zh or i18n.lang() == "zh" else f"{zh}\n{en}"


def wan() -> str:
    """The axis label of amounts in 万元, in the page's language."""
    from .. import i18n

    return i18n.t("common.axis_wan")


def barh(labels, values, *, title: str, xlabel: str | None = None, ax=None):
    """Horizontal bars, largest at the top, each with its value."""
    import matplotlib.pyplot as plt

    setup()
    xlabel = wan() if xlabel is None else xlabel
    values = [float(v) for v in values]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, max(2.2, 0.55 * len(values) + 1.2)))
    bars = ax.barh(range(len(values)), values, color=PALETTE[0])
    ax.set_yticks(range(len(values)), labels)
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    top = max(values, default=0) or 1
    ax.set_xlim(0, top * 1.18)
    whole = all(float(v).is_integer() for v in values) and "万元" not in xlabel and "元" not in xlabel
    for bar, v in zip(bars, values):
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, f"{v:,.0f}" if whole else f"{v:,.2f}",
                va="center", fontsize=8)
    return ax


def grouped(categories, series: dict[str, list], *, title: str, ylabel: str | None = None):
    """Vertical grouped bars: one group per category, one bar per series."""
    import matplotlib.pyplot as plt

    setup()
    ylabel = wan() if ylabel is None else ylabel
    _, ax = plt.subplots()
    n = len(series)
    width = 0.8 / max(n, 1)
    for i, (name, values) in enumerate(series.items()):
        xs = [x + (i - (n - 1) / 2) * width for x in range(len(categories))]
        ax.bar(xs, [float("nan") if v is None else float(v) for v in values], width, label=name)  # unknown: no bar
    ax.set_xticks(range(len(categories)), categories)
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.legend()
    return ax


def pareto(values, *, title: str, ylabel: str | None = None):
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
    twin = ax.twinx()
    twin.plot(xs, cumulative, color=PALETTE[1], marker=".", linewidth=1.5)
    twin.set_ylim(0, 105)
    twin.set_ylabel(i18n.t("common.axis_cumulative"))
    twin.axhline(80, color="#999999", linewidth=0.8, linestyle="--")
    return ax


def show() -> None:
    """End a chart cell: draw and close the figure (no object repr is left in the output)."""
    import matplotlib.pyplot as plt

    plt.show()
    plt.close("all")
