"""Notebook 00's first explorer: a sigmoid neuron with ``w`` and ``b`` sliders.

The picture shows what the notebook says about y = σ(wx + b): the crossing of ½ at x = −b/w
(a dot), the slope w/4 there (a short tangent), and the stretch of x over which y runs from 0.1
to 0.9, of width 2 ln 9 / |w| (shaded). The title's second line gives these numbers, so the
still picture shows them; the readout adds the slope measured on the drawn curve.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np

from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.neurons import ramp_width, sigmoid, step
from dlnotes.plots import GREEN, RED, new_figure, sigmoid_curve

#: Half the length of the tangent drawn at the crossing, in y units (it spans y = ½ ± this).
TANGENT_HALF_HEIGHT = 0.3
#: The slider range of w and b.
W_RANGE = B_RANGE = (-10.0, 10.0)
#: The readout's names, in order.
READOUT = (
    "x where y = 1/2",
    "slope there (w/4)",
    "slope of the drawn curve there",
    "width of the 0.1-0.9 rise",
)
#: The x range drawn (plots.sigmoid_curve's default z_range).
X_RANGE = (-6.0, 6.0)


def crossing(w: float, b: float) -> float:
    """Where σ(wx + b) = ½: x = −b/w (NaN for w = 0, where the curve is flat)."""
    return 0.0 - b / w if w != 0 else math.nan  # 0.0 - ..., so b = 0 gives 0.0, not -0.0


def rise_width(w: float) -> float:
    """The width in x over which σ(wx + b) runs from 0.1 to 0.9: 2 ln 9 / |w| (inf for w = 0).

    σ(z) = 0.9 at z = ln 9 and 0.1 at z = −ln 9, and z = wx + b changes by |w| per unit of x."""
    return ramp_width(w, p=0.1) if w != 0 else math.inf


def _title(w: float, b: float) -> str:
    """Two lines: the neuron, then what the picture marks, in numbers (so a still picture, with
    no readout under it, shows them too). Always two lines: the layout keeps room for both."""
    neuron = f"w = {w:.1f}, b = {b:.1f}"
    if w == 0:
        level = float(sigmoid(b))
        if level == 0.5:
            return f"{neuron}\nflat at ½: every x gives ½"
        return f"{neuron}\nflat at σ(b) = {level:.2f}: never crosses ½"
    x0 = crossing(w, b)
    where = "" if X_RANGE[0] <= x0 <= X_RANGE[1] else " (off the plot)"
    return (
        f"{neuron}\ncrosses ½ at x = {x0:.2f}{where}, slope there {w / 4:.4g}, "
        f"green band {rise_width(w):.2f} wide"
    )


def drawn_slope(x, y, x0: float) -> float:
    """The slope of the drawn curve at x0: rise over run between the two drawn points either
    side of it, (y[i] − y[i−1]) / (x[i] − x[i−1]) with x[i−1] ≤ x0 ≤ x[i] (NaN off the plot).

    A measurement, not the formula: it comes out close to w/4 at the crossing."""
    if not x[0] <= x0 <= x[-1]:
        return math.nan
    i = min(max(int(np.searchsorted(x, x0)), 1), len(x) - 1)
    return float((y[i] - y[i - 1]) / (x[i] - x[i - 1]))


def sigmoid_figure(w: float = 1.0, b: float = 0.0):
    """Static figure: y = σ(w·x + b) beside the perceptron's step, with the crossing of ½ at
    x = −b/w (dot), the tangent of slope w/4 there, and the stretch of width 2 ln 9/|w| where y
    runs from 0.1 to 0.9 (shaded, between dotted lines y = 0.1 and y = 0.9).

    Returns (fig, parts) with parts.ax, parts.x, the lines parts.sigmoid, parts.step,
    parts.tangent, parts.dot and the shaded patch parts.band.
    """
    fig, (ax,) = new_figure(width=7.6, height=3.6)
    x, sig_line, step_line = sigmoid_curve(ax, w, b)
    for level in (0.1, 0.9):
        ax.axhline(level, color="black", lw=0.8, ls=":")
    band = ax.axvspan(0, 0, color=GREEN, alpha=0.15, lw=0, label="$x$ where $0.1 < y < 0.9$")
    (tangent,) = ax.plot([], [], color=RED, lw=2, label="slope $w/4$ at the crossing")
    (dot,) = ax.plot([], [], "o", color="black", ms=7, label="crossing of ½ at $x=-b/w$")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=10, frameon=False)
    parts = figure_parts(ax=ax, x=x, sigmoid=sig_line, step=step_line, tangent=tangent, dot=dot,
                         band=band)  # fmt: skip
    _move_marks(parts, w, b)
    ax.set_title(_title(w, b), fontsize=10)
    return fig, parts


def _move_marks(p, w: float, b: float) -> None:
    """Move the dot, the tangent and the shaded stretch to the neuron (w, b); for w = 0 (a
    flat curve, no crossing) hide them."""
    for artist in (p.dot, p.tangent, p.band):
        artist.set_visible(w != 0)
    if w == 0:
        return
    x0 = crossing(w, b)
    dx = TANGENT_HALF_HEIGHT / (abs(w) / 4)  # a slope of |w|/4 rises that much over dx
    rise = np.sign(w) * TANGENT_HALF_HEIGHT
    p.dot.set_data([x0], [0.5])
    p.tangent.set_data([x0 - dx, x0 + dx], [0.5 - rise, 0.5 + rise])
    half = rise_width(w) / 2
    lo, hi = max(x0 - half, p.x[0] - 1), min(x0 + half, p.x[-1] + 1)  # near the plot
    p.band.set_x(lo)
    p.band.set_width(hi - lo)


class SigmoidExplorer(Explorer):
    """Move w and b and watch y = σ(w·x + b) move.

    Shows the crossing point x = −b/w (where σ = 1/2 and the perceptron's step jumps), the
    slope there, w/4, beside the slope measured on the drawn curve, and the width 2 ln 9/|w| of
    the rise from 0.1 to 0.9; update returns these four (each "none" for w = 0, a flat line).
    """

    def __init__(self, w: float = 1.0, b: float = 0.0):
        fig, self.parts = sigmoid_figure(w, b)
        p = self.parts
        controls = {
            "w": widgets.FloatSlider(value=w, min=W_RANGE[0], max=W_RANGE[1], step=0.1,
                                     description="w"),
            "b": widgets.FloatSlider(value=b, min=B_RANGE[0], max=B_RANGE[1], step=0.1,
                                     description="b"),
        }  # fmt: skip
        moving = [p.band, p.sigmoid, p.step, p.tangent, p.dot, p.ax.title]
        super().__init__(controls, fig, moving=moving)

    def _update(self, w: float, b: float) -> dict:
        p = self.parts
        z = w * p.x + b
        p.sigmoid.set_ydata(sigmoid(z))
        p.step.set_ydata(step(z))
        _move_marks(p, w, b)
        p.ax.set_title(_title(w, b), fontsize=10)
        if w == 0:  # a flat line: no crossing, so no slope "there" and no rise
            return {name: "none" for name in READOUT}
        x0 = crossing(w, b)
        measured = drawn_slope(p.x, p.sigmoid.get_ydata(), x0)
        return dict(zip(READOUT, [
            x0, w / 4, "off the plot" if math.isnan(measured) else measured, rise_width(w)
        ], strict=True))  # fmt: skip
