"""Notebook 00's first explorer: a sigmoid neuron with ``w`` and ``b`` sliders."""

from __future__ import annotations

import ipywidgets as widgets

from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.neurons import sigmoid, step
from dlnotes.plots import new_figure, sigmoid_curve


def sigmoid_figure(w: float = 1.0, b: float = 0.0):
    """Static figure: y = σ(w·x + b) beside the perceptron's step at x = −b/w.

    Returns (fig, parts) with parts.ax, parts.x and the lines parts.sigmoid and parts.step.
    """
    fig, (ax,) = new_figure()
    x, sig_line, step_line = sigmoid_curve(ax, w, b)
    ax.set_title(f"$\\sigma(wx+b)$ with $w={w:g}$, $b={b:g}$: the curve crosses 1/2 at $x=-b/w$")
    return fig, figure_parts(ax=ax, x=x, sigmoid=sig_line, step=step_line)


class SigmoidExplorer(Explorer):
    """Move w and b and watch y = σ(w·x + b) move.

    Shows the crossing point x = −b/w (where σ = 1/2 and the perceptron's step jumps) and the
    slope there, w/4.
    """

    def __init__(self, w: float = 1.0, b: float = 0.0):
        fig, self.parts = sigmoid_figure(w, b)
        p = self.parts
        controls = {
            "w": widgets.FloatSlider(value=w, min=-10, max=10, step=0.1, description="w"),
            "b": widgets.FloatSlider(value=b, min=-10, max=10, step=0.1, description="b"),
        }
        super().__init__(controls, fig, moving=[p.sigmoid, p.step, p.ax.title])

    def _update(self, w: float, b: float) -> dict:
        p = self.parts
        z = w * p.x + b
        p.sigmoid.set_ydata(sigmoid(z))
        p.step.set_ydata(step(z))
        x_half = 0.0 - b / w if w != 0 else float("nan")  # 0.0, not -0.0, when b = 0
        if w == 0:
            where = f"a flat line at σ(b) = {float(sigmoid(b)):.2f}, it never crosses 1/2"
        elif not p.x[0] <= x_half <= p.x[-1]:
            where = f"it crosses 1/2 at x = −b/w = {x_half:.2f}, off the plot"
        else:
            where = f"the curve crosses 1/2 at x = −b/w = {x_half:.2f}"
        p.ax.set_title(f"w = {w:.1f}, b = {b:.1f}: {where}")
        return {"x where y = 1/2": x_half, "slope there (w/4)": w / 4}
