"""Figure builders shared by notebooks and explorers.

Figures are plain ``matplotlib.figure.Figure`` objects (not pyplot figures): an explorer keeps
one for its whole life and moves its artists, and a notebook cell shows a static one by making it
the cell's last expression. The style is fixed here once: white opaque background (readable in
JupyterLab's dark theme), ``tab10`` colours, a laptop-sized figure.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dlnotes.neurons import sigmoid, step

#: tab10, colour-blind-safe enough and the matplotlib default; named for readability.
BLUE, ORANGE, GREEN, RED, PURPLE = "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"
GREY = "#7f7f7f"

#: Dots per inch of figures shown in notebooks and explorers (readable, quick to render).
DPI = 80


def new_figure(
    ncols: int = 1, *, width: float = 7.0, height: float = 3.6, projections: tuple | None = None
) -> tuple[Figure, list]:
    """A white figure with ``ncols`` axes side by side (``projections`` per axis, e.g.
    ``(None, "3d")``), a canvas attached, and a tight layout. Returns ``(fig, axes_list)``."""
    fig = Figure(figsize=(width, height), dpi=DPI, facecolor="white", layout="constrained")
    FigureCanvasAgg(fig)
    projections = projections or (None,) * ncols
    axes = [fig.add_subplot(1, ncols, i + 1, projection=p) for i, p in enumerate(projections)]
    for ax in axes:
        ax.set_facecolor("white")
    return fig, axes


def sigmoid_curve(ax, w: float = 1.0, b: float = 0.0, *, z_range: float = 6.0):
    r"""Draw :math:`y = \sigma(w x + b)` and the perceptron step at :math:`x = -b/w` on ``ax``.

    Returns ``(x, sigmoid_line, step_line)`` so an explorer can move the lines in place.
    """
    x = np.linspace(-z_range, z_range, 601)
    (sig_line,) = ax.plot(
        x, sigmoid(w * x + b), color=BLUE, lw=2.5, label=r"sigmoid $\sigma(wx+b)$"
    )
    (step_line,) = ax.plot(
        x, step(w * x + b), color=ORANGE, lw=1.5, ls="--", label="perceptron step"
    )
    ax.set_xlim(-z_range, z_range)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=9)
    return x, sig_line, step_line
