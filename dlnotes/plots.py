"""Figure builders and the one figure style shared by notebooks and explorers.

Figures are plain `matplotlib.figure.Figure` objects (not pyplot figures): an explorer keeps
one for its whole life and moves its artists, and a notebook cell shows a static one by making it
the cell's last expression. The style is fixed here once (``style()``, applied when this module
is imported): white opaque background (readable in JupyterLab's dark theme), tab10 colours, a
laptop-sized figure at DPI CSS pixels per inch, text no smaller than MIN_FONT_PT (10 CSS px),
static figures stored as retina PNG (twice the pixels, shown at the same size: sharp on a
high-DPI screen). Legends go beside the data (``legend_outside``), loss axes on a log scale
with readable ticks (``log_axis``). Figures set no font sizes of their own.

Errors: TypeError for an argument of the wrong type, ValueError for a value out of range (no
axes, a size that is not positive or too large, an unknown projection); each names the argument.
"""

from __future__ import annotations

import math

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from dlnotes._checks import as_float, as_int
from dlnotes.neurons import sigmoid, step

#: tab10, colour-blind-safe enough and the matplotlib default; named for readability.
BLUE, ORANGE, GREEN, RED, PURPLE = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"
GREY = "#7f7f7f"

#: CSS pixels per inch of figures shown in notebooks and explorers (the page's size; they are
#: drawn with twice the pixels, see ``style`` and ``explorers/rendering.py``).
DPI = 80
#: Smallest font, in points: 10 CSS px at DPI.
MIN_FONT_PT = 9
#: The shared style (matplotlib rcParams): sizes in points, none below MIN_FONT_PT.
STYLE = {
    "figure.dpi": DPI,
    "savefig.dpi": "figure",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.title_fontsize": 10,
    "figure.titlesize": 12,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
}


def style() -> None:
    """Apply the course's figure style: STYLE, and in IPython (a notebook's kernel) static
    figures shown as retina PNG, drawn at twice their dpi and shown at their size."""
    matplotlib.rcParams.update(STYLE)
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # plain Python: nothing is displayed
        return
    if get_ipython() is not None:
        set_matplotlib_formats("retina")


class CourseFigure(Figure):
    """A Figure that draws no text smaller than MIN_FONT_PT: a size set below it (a legend at
    fontsize=7) is raised to it when the figure is drawn or measured, so every figure of the
    course is readable at 100% zoom without a font size of its own."""

    def draw(self, renderer):
        raise_small_text(self)
        super().draw(renderer)

    def get_tightbbox(self, renderer=None, *args, **kwargs):
        raise_small_text(self)
        return super().get_tightbbox(renderer, *args, **kwargs)


def raise_small_text(fig: Figure) -> None:
    """Every text of ``fig`` smaller than MIN_FONT_PT set to MIN_FONT_PT."""
    for text in fig.findobj(Text):
        if text.get_fontsize() < MIN_FONT_PT:
            text.set_fontsize(MIN_FONT_PT)


def _axes(ax) -> None:
    """The door check of every function drawing on axes."""
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be matplotlib axes (from new_figure), got {type(ax).__name__}")


def smallest_text_px(fig: Figure) -> float:
    """The smallest visible text of a figure (tick labels, titles, legends ...), in CSS px at
    DPI: the check for "no text under 10 px"."""
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib figure, got {type(fig).__name__}")
    sizes = [
        t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
    ]
    return min(sizes, default=math.inf) * DPI / 72


#: Smallest and largest figure side in inches; most axes side by side.
MIN_INCHES, MAX_INCHES, MAX_COLS = 0.5, 40.0, 12
#: Largest half-width of the x range sigmoid_curve draws.
MAX_RANGE = 1e6
#: Axis projections new_figure accepts (None: the ordinary x-y axes).
PROJECTIONS = (None, "3d", "polar")


def new_figure(
    ncols: int = 1, *, width: float = 7.0, height: float = 3.6, projections: tuple | None = None
) -> tuple[Figure, list]:
    """A white figure with ncols axes side by side, a canvas attached, and a tight layout; it
    draws no text under MIN_FONT_PT (``CourseFigure``).

    ncols: 1 … MAX_COLS. width, height: inches, MIN_INCHES … MAX_INCHES.
    projections: one per axis, None (x-y), "3d" or "polar", e.g. (None, "3d"); its length
    then sets the number of axes. Returns (fig, axes_list).
    """
    ncols = as_int("ncols", ncols, minimum=1, maximum=MAX_COLS)
    for name, size in (("width", width), ("height", height)):
        if not MIN_INCHES <= as_float(name, size) <= MAX_INCHES:
            raise ValueError(
                f"{name} must lie between {MIN_INCHES:g} and {MAX_INCHES:g} inches, got {size}"
            )
    projections = _projections(projections, ncols)
    fig = CourseFigure(figsize=(width, height), dpi=DPI, facecolor="white", layout="constrained")
    FigureCanvasAgg(fig)
    n = len(projections)
    axes = [fig.add_subplot(1, n, i + 1, projection=p) for i, p in enumerate(projections)]
    for ax in axes:
        ax.set_facecolor("white")
    return fig, axes


def _projections(projections, ncols: int) -> tuple:
    """The projection of each axis: `ncols` x-y axes unless `projections` says otherwise."""
    if projections is None:
        return (None,) * ncols
    if isinstance(projections, (str, bytes)) or not isinstance(projections, (tuple, list)):
        raise TypeError(
            f'projections must be a tuple such as (None, "3d"), got {projections!r:.40}'
        )
    if not 1 <= len(projections) <= MAX_COLS:
        raise ValueError(f"projections must name 1 to {MAX_COLS} axes, got {len(projections)}")
    for p in projections:
        if p not in PROJECTIONS:
            raise ValueError(f"projections may hold only {PROJECTIONS}, got {p!r:.40}")
    return tuple(projections)


def sigmoid_curve(ax, w: float = 1.0, b: float = 0.0, *, z_range: float = 6.0):
    """Draw y = σ(wx + b) and the perceptron step at x = −b/w on the axes ax.

    w, b: finite numbers. z_range: > 0, the curve spans −z_range ≤ x ≤ z_range.
    Returns (x, sigmoid_line, step_line) so an explorer can move the lines in place.
    """
    _axes(ax)
    w, b = as_float("w", w), as_float("b", b)
    z_range = as_float("z_range", z_range, positive=True)
    if z_range > MAX_RANGE:
        raise ValueError(f"z_range must be at most {MAX_RANGE:g}, got {z_range}")
    x = np.linspace(-z_range, z_range, 601)
    with np.errstate(over="ignore"):  # w·x may overflow to ±inf: σ and step have limits there
        z = w * x + b
    (sig_line,) = ax.plot(x, sigmoid(z), color=BLUE, lw=2.5, label=r"sigmoid $\sigma(wx+b)$")
    (step_line,) = ax.plot(x, step(z), color=ORANGE, lw=1.5, ls="--", label="perceptron step")
    ax.set_xlim(-z_range, z_range)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.grid(alpha=0.3)
    legend_outside(ax)
    return x, sig_line, step_line


def legend_outside(ax, where: str = "right", **kwargs):
    """The axes' legend beside the data, never over it: to the ``right`` of the axes (entries
    one under the other) or ``below`` them (side by side, under the x label). The figure's
    constrained layout makes room for it. Returns the legend; kwargs go to ``ax.legend``."""
    _axes(ax)
    if where not in ("right", "below"):
        raise ValueError(f'where must be "right" or "below", got {where!r:.40}')
    if where == "right":
        place = {"loc": "upper left", "bbox_to_anchor": (1.02, 1.0)}
    else:
        handles, _ = ax.get_legend_handles_labels()
        place = {"loc": "upper center", "bbox_to_anchor": (0.5, -0.18), "ncols": len(handles)}
    return ax.legend(**{**place, "borderaxespad": 0.0, **kwargs})


def _plain(value: float, _position=None) -> str:
    """A tick label as a plain number (0.2, 1, 50, 1e-05): readable without mathtext."""
    return f"{value:g}"


class _LossTicks(LogLocator):
    """Ticks at 1, 2 and 5 times the powers of ten while the axis spans under three decades,
    at the powers of ten beyond: an axis spanning less than a decade still has labels."""

    def tick_values(self, vmin, vmax):
        if vmin > 0 and vmax > 0:
            few = abs(math.log10(vmax / vmin)) < 3
            self.set_params(subs=(1.0, 2.0, 5.0) if few else (1.0,))
        return super().tick_values(vmin, vmax)


def log_axis(ax, which: str = "y") -> None:
    """Put a loss (or any positive quantity) on a log ``which`` axis ("x" or "y") with
    readable labels: plain numbers at 1, 2, 5 × 10^k (only 10^k over three decades or more)."""
    _axes(ax)
    if which not in ("x", "y"):
        raise ValueError(f'which must be "x" or "y", got {which!r:.40}')
    axis = ax.yaxis if which == "y" else ax.xaxis
    (ax.set_yscale if which == "y" else ax.set_xscale)("log")
    axis.set_major_locator(_LossTicks(base=10.0))
    axis.set_major_formatter(FuncFormatter(_plain))
    axis.set_minor_formatter(NullFormatter())


#: Round ends for an axis that grows with a slider: these times a power of ten.
ROUND_ENDS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def axis_end(shown: float, needed: float) -> float:
    """Where an axis from 0 should end once it must reach ``needed`` (say, the epochs slider's
    value): at ``shown``, where it ends now, while ``needed`` fits and fills at least half of
    it; else at the first round number (ROUND_ENDS) a fifth or more beyond ``needed``.

    Why: redrawing an axis with its tick labels costs 40-110 ms on this machine (text is dear
    to draw), so a drag of the epochs slider redraws it once every few steps, not on each.
    """
    shown, needed = (
        as_float("shown", shown, positive=True),
        as_float("needed", needed, positive=True),
    )
    if needed > 1e300:
        raise ValueError(f"needed must be at most 1e300, got {needed:g}")
    if shown / 2 <= needed <= shown:
        return float(shown)
    target = max(1.2 * needed, 1.0)
    power = 10.0 ** math.floor(math.log10(target))
    return next(r * power for r in ROUND_ENDS if r * power >= target * (1 - 1e-12))


style()

__all__ = [
    "new_figure",
    "sigmoid_curve",
    "axis_end",
    "style",
    "legend_outside",
    "log_axis",
    "smallest_text_px",
    "BLUE",
    "ORANGE",
    "GREEN",
    "RED",
    "PURPLE",
    "GREY",
    "DPI",
]
