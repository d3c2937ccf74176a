"""Figure builders shared by notebooks and explorers.

Figures are plain `matplotlib.figure.Figure` objects (not pyplot figures): an explorer keeps
one for its whole life and moves its artists, and a notebook cell shows a static one by making it
the cell's last expression. The style is fixed here once: white opaque background (readable in
JupyterLab's dark theme), tab10 colours, a laptop-sized figure.

Errors: TypeError for an argument of the wrong type, ValueError for a value out of range (no
axes, a size that is not positive or too large, an unknown projection); each names the argument.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dlnotes._checks import as_float, as_int
from dlnotes.neurons import sigmoid, step

#: tab10, colour-blind-safe enough and the matplotlib default; named for readability.
BLUE, ORANGE, GREEN, RED, PURPLE = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"
GREY = "#7f7f7f"

#: Dots per inch of figures shown in notebooks and explorers (readable, quick to render).
DPI = 80
#: Smallest and largest figure side in inches; most axes side by side.
MIN_INCHES, MAX_INCHES, MAX_COLS = 0.5, 40.0, 12
#: Largest half-width of the x range sigmoid_curve draws.
MAX_RANGE = 1e6
#: Axis projections new_figure accepts (None: the ordinary x-y axes).
PROJECTIONS = (None, "3d", "polar")


def new_figure(
    ncols: int = 1, *, width: float = 7.0, height: float = 3.6, projections: tuple | None = None
) -> tuple[Figure, list]:
    """A white figure with ncols axes side by side, a canvas attached, and a tight layout.

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
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white", layout="constrained")
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
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be matplotlib axes (from new_figure), got {type(ax).__name__}")
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
    ax.legend(loc="upper left", fontsize=9)
    return x, sig_line, step_line


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


__all__ = [
    "new_figure",
    "sigmoid_curve",
    "axis_end",
    "BLUE",
    "ORANGE",
    "GREEN",
    "RED",
    "PURPLE",
    "GREY",
    "DPI",
]
