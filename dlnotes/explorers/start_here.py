"""Notebook 00's first explorer: a sigmoid neuron with ``w`` and ``b`` sliders."""

from __future__ import annotations

import ipywidgets as widgets

from dlnotes.explorers.base import Explorer
from dlnotes.neurons import sigmoid, step
from dlnotes.plots import new_figure, sigmoid_curve


def sigmoid_figure(w: float = 1.0, b: float = 0.0):
    r"""Static figure: :math:`\sigma(wx + b)` with the step at :math:`x = -b/w`."""
    fig, (ax,) = new_figure()
    x, sig_line, step_line = sigmoid_curve(ax, w, b)
    ax.set_title(f"$\\sigma(wx+b)$ with $w={w:g}$, $b={b:g}$: the curve crosses 1/2 at $x=-b/w$")
    return fig, ax, x, sig_line, step_line


class SigmoidExplorer(Explorer):
    r"""Move ``w`` and ``b`` and watch :math:`y = \sigma(w x + b)` move.

    Shows the crossing point :math:`x_{1/2} = -b/w` (where :math:`\sigma = 1/2` and the
    perceptron's step jumps) and the slope there, :math:`w/4`.
    """

    def __init__(self, w: float = 1.0, b: float = 0.0):
        fig, self.ax, self.x, self.sig_line, self.step_line = sigmoid_figure(w, b)
        controls = {
            "w": widgets.FloatSlider(value=w, min=-10, max=10, step=0.1, description="w"),
            "b": widgets.FloatSlider(value=b, min=-10, max=10, step=0.1, description="b"),
        }
        super().__init__(controls, fig)
        self.animate(self.sig_line, self.step_line, self.ax.title, self.ax.get_legend())

    def _update(self, w: float, b: float) -> dict:
        z = w * self.x + b
        self.sig_line.set_ydata(sigmoid(z))
        self.step_line.set_ydata(step(z))
        x_half = -b / w if w != 0 else float("nan")
        self.ax.set_title(f"$w={w:.1f}$, $b={b:.1f}$: the curve crosses 1/2 at $x=-b/w$")
        return {"x where y = 1/2": x_half, "slope there (w/4)": w / 4}
