"""Notebook 04's explorers and figures: one tower, a sum of towers, a closed 2-D tower, the
oil field drawn by closed towers or by quadrants.

The figure builders here are used twice: by the notebook's static cells and by the explorers,
which keep the artists and move them in place. Each returns (fig, parts), parts the axes and
artists by name. Errors: bad control values are reported by the Explorer base class; the maths
functions of dlnotes.uat raise for bad arguments as their module describes.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.plots import BLUE, GREEN, GREY, ORANGE, RED, new_figure
from dlnotes.uat import (
    TARGETS,
    closed_towers_2d,
    max_error,
    oil_region,
    region_errors,
    step_sigmoid,
    tower,
    tower_2d,
    tower_approximation,
    towers_2d,
)


def _fmt_w(w: float) -> str:
    """A steepness for a title: 0.5, 20.9, 6000 (no exponent notation)."""
    return f"{w:.0f}" if w >= 100 else f"{w:.3g}"


# -- (1) one tower -----------------------------------------------------------------------------

_X_TOWER = np.linspace(-0.25, 1.25, 601)


def tower_figure(w: float = 20.0, s1: float = 0.3, s2: float = 0.6, h: float = 1.0):
    """Two steps σ(w·(x − s1)), σ(w·(x − s2)) (dashed) and the tower h·(step 1 − step 2).
    Returns (fig, parts): parts.ax and the lines parts.step1, parts.step2, parts.tower."""
    fig, (ax,) = new_figure()
    x = _X_TOWER
    (step1,) = ax.plot(x, step_sigmoid(x, s1, w), color=GREEN, lw=1.2, ls="--")
    (step2,) = ax.plot(x, step_sigmoid(x, s2, w), color=ORANGE, lw=1.2, ls="--")
    (line,) = ax.plot(x, tower(x, s1, s2, h, w), color=BLUE, lw=2.5)
    step1.set_label(r"step $\sigma(w(x-s_1))$")
    step2.set_label(r"step $\sigma(w(x-s_2))$")
    line.set_label("tower: $h$ (step 1 - step 2)")
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlim(x[0], x[-1])
    ax.set_xlabel("$x$")
    ax.set_ylabel("output")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", fontsize=8)
    parts = figure_parts(ax=ax, x=x, step1=step1, step2=step2, tower=line)
    _title_tower(parts, w, s1, s2, h)
    return fig, parts


def _title_tower(parts, w, s1, s2, h):
    """The title says what the picture shows: a flat top only when w·|s2 − s1| is large; the
    y-range fits the steps (0 to 1) and the tower (0 to h)."""
    width = w * abs(s2 - s1)
    shape = "flat-topped tower" if width >= 10 else "rounded bump, not flat on top"
    parts.ax.set_title(  # plain Unicode, not mathtext: this title moves with every slider
        f"w = {_fmt_w(w)}, s₁ = {s1:.2f}, s₂ = {s2:.2f}, h = {h:.2f}: "
        f"w·|s₂ − s₁| = {width:.3g}, {shape}",
        fontsize=10,
    )
    parts.ax.set_ylim(min(0.0, h) - 0.15, max(1.0, h) + 0.15)


class TowerExplorer(Explorer):
    """One tower h·(σ(w·(x − s1)) − σ(w·(x − s2))): move the steepness w, the edges s1, s2
    and the height h. Shows the tower at the middle of its base (close to h only when
    w·(s2 − s1) ≫ 1) and the steepness per width w·(s2 − s1)."""

    def __init__(self, w: float = 20.0, s1: float = 0.3, s2: float = 0.6, h: float = 1.0):
        fig, self.parts = tower_figure(w, s1, s2, h)
        controls = {
            "w": widgets.FloatLogSlider(
                value=w, base=10, min=0, max=3, step=0.02, description="w", readout_format=".3g"
            ),
            "s1": widgets.FloatSlider(value=s1, min=0, max=1, step=0.01, description="s1"),
            "s2": widgets.FloatSlider(value=s2, min=0, max=1, step=0.01, description="s2"),
            "h": widgets.FloatSlider(value=h, min=-1.5, max=1.5, step=0.05, description="h"),
        }
        p = self.parts
        moving = [p.step1, p.step2, p.tower, p.ax.title]  # the legend never changes: static
        super().__init__(controls, fig, moving=moving)

    def _update(self, w: float, s1: float, s2: float, h: float) -> dict:
        p = self.parts
        p.step1.set_ydata(step_sigmoid(p.x, s1, w))
        p.step2.set_ydata(step_sigmoid(p.x, s2, w))
        p.tower.set_ydata(tower(p.x, s1, s2, h, w))
        _title_tower(p, w, s1, s2, h)
        return {
            "tower at (s1+s2)/2": tower((s1 + s2) / 2, s1, s2, h, w),
            "w (s2 - s1)": w * (s2 - s1),
        }


# -- (2) a sum of towers -----------------------------------------------------------------------

_X_APPROX = np.linspace(0.0, 1.0, 1201)  # the plotted grid, also the grid of the max error
_POINTS_PER_TOWER = 24


def _tower_segments(g, w):
    """Each tower of g on a short local grid, shape (N, 24, 2): cheap to draw faintly even for
    hundreds of towers."""
    s1, s2, v = g.s1[:, None], g.s2[:, None], g.v[:, None]  # one row per tower
    pad = np.clip(4.0 / w, 0.25 * (s2 - s1), 1.0)
    x = (s1 - pad) + (s2 - s1 + 2 * pad) * np.linspace(0.0, 1.0, _POINTS_PER_TOWER)  # (N, 24)
    y = v * (step_sigmoid(x - s1, 0.0, w) - step_sigmoid(x - s2, 0.0, w))  # all towers at once
    return np.stack([x, y], axis=-1)


def approximation_figure(target: str = "smooth", n_towers: int = 10, w: float = 200.0):
    """A target f on [0, 1] (black), the sum of n_towers towers of steepness w (blue) and the
    towers themselves (faint orange). Returns (fig, parts): the lines, the tower collection
    and parts.eps, the max error on the plotted grid."""
    fig, (ax,) = new_figure(height=3.8)
    x = _X_APPROX
    (target_line,) = ax.plot(x, np.zeros_like(x), color="black", lw=1.6, label="target $f(x)$")
    (approx_line,) = ax.plot(x, np.zeros_like(x), color=BLUE, lw=2.0, label="sum of towers $g(x)$")
    towers = LineCollection([], colors=ORANGE, linewidths=0.8, alpha=0.45, label="the towers")
    ax.add_collection(towers)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.15, 1.15)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$, $g(x)$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=8)
    parts = figure_parts(ax=ax, x=x, target=target_line, approx=approx_line, towers=towers)
    parts.eps = _draw_approximation(parts, target, n_towers, w)
    return fig, parts


def _draw_approximation(parts, target, n_towers, w) -> float:
    f = TARGETS[target]
    g = tower_approximation(f, 0.0, 1.0, n_towers, w)
    parts.target.set_ydata(f(parts.x))
    parts.approx.set_ydata(g(parts.x))
    parts.towers.set_segments(_tower_segments(g, w))
    eps = max_error(f, g, 0.0, 1.0, n_points=len(parts.x))
    parts.ax.set_title(  # plain Unicode, not mathtext: this title moves with every slider
        f"{target}: N = {n_towers} towers ({2 * n_towers} neurons), w = {_fmt_w(w)}, "
        f"max error ε = {eps:.4f}"
    )
    return eps


class ApproximationExplorer(Explorer):
    """A sum of N towers approximating a target on [0, 1]: choose the target, the number of
    towers N and the steepness w. Shows the max error ε = max|g − f| on the plotted grid (1201
    points) and w·Δ = w/N, the steepness per tower width: the towers are flat on top only
    when it is well above 1 (about 20 is plenty)."""

    def __init__(self, target: str = "smooth", n_towers: int = 10, w: float = 200.0):
        fig, self.parts = approximation_figure(target, n_towers, w)
        controls = {
            "target": widgets.Dropdown(options=list(TARGETS), value=target, description="f"),
            "n_towers": widgets.IntSlider(value=n_towers, min=1, max=400, step=1, description="N"),
            "w": widgets.FloatLogSlider(
                value=w, base=10, min=0, max=4.5, step=0.02, description="w", readout_format=".4g"
            ),
        }
        p = self.parts
        moving = [p.towers, p.target, p.approx, p.ax.title]  # the legend never changes: static
        super().__init__(controls, fig, moving=moving)

    def _update(self, target: str, n_towers: int, w: float) -> dict:
        eps = _draw_approximation(self.parts, target, n_towers, w)
        return {"max error eps": eps, "neurons 2N": 2 * n_towers, "w Delta = w/N": w / n_towers}


# -- the error against N -----------------------------------------------------------------------


def error_figure(results: dict, *, epsilon: float | None = None):
    """Log-log plot of the max error against N, one line per target. results: name ->
    (ns, errors, slope, intercept), the fit log ε ≈ slope·log N + intercept drawn dashed;
    epsilon: a target error drawn as a horizontal line. Returns (fig, parts) with parts.ax."""
    fig, (ax,) = new_figure(height=3.8)
    colours = [BLUE, ORANGE, GREEN, RED]
    for (name, (ns, errs, slope, intercept)), col in zip(results.items(), colours, strict=False):
        ns = np.asarray(ns, dtype=float)
        ax.loglog(ns, errs, "o-", color=col, ms=4, label=f"{name}: slope {slope:.2f}")
        ax.loglog(ns, np.exp(intercept) * ns**slope, "--", color=col, lw=1, alpha=0.7)
    if epsilon is not None:
        ax.axhline(epsilon, color=GREY, lw=1, ls=":", label=rf"$\varepsilon = {epsilon:g}$")
    ax.set_xlabel("number of towers $N$ (hidden neurons $2N$)")
    ax.set_ylabel(r"max error $\varepsilon$")
    ax.set_title(r"with $w = 20N$ the error falls like $1/N$: a slope of $-1$")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=8)
    return fig, figure_parts(ax=ax)


# -- (3) the 2-D tower -------------------------------------------------------------------------

_GRID_2D = np.linspace(0.0, 1.0, 121)
BOX = (0.3, 0.7, 0.35, 0.65)  #: the box of the explorer's closed tower (x1_lo, x1_hi, x2_lo, x2_hi)


def _heatmap(ax, Z, vmax, title, cmap="viridis", **style):
    im = ax.imshow(
        Z, origin="lower", extent=(0, 1, 0, 1), vmin=0, vmax=vmax, cmap=cmap, aspect="equal",
        **style,
    )  # fmt: skip
    ax.set_xticks([0, 0.5, 1])
    ax.set_yticks([0, 0.5, 1])
    ax.set_xlabel("salinity $x_1$")
    ax.set_ylabel("pressure $x_2$")
    ax.set_title(title, fontsize=10)
    return im


def _box_outline(ax, box):
    l1, r1, l2, r2 = box
    return ax.plot([l1, r1, r1, l1, l1], [l2, l2, r2, r2, l2], color="white", lw=0.8, ls="--")[0]


def ridges_figure(w: float = 30.0, w_out: float = 30.0, threshold: float = 1.5, box=BOX):
    """The 2-D tower built in three steps, as heat maps over (x1, x2): the open ridge R_1(x1),
    the sum R_1(x1) + R_2(x2), and the closed tower σ(w_out·(R_1 + R_2 − t)). Returns
    (fig, parts) with the three images."""
    fig, axes = new_figure(3, width=10.5, height=3.8)
    X1, X2 = np.meshgrid(_GRID_2D, _GRID_2D)  # rows: x2, columns: x1
    parts = figure_parts(axes=axes, X1=X1, X2=X2, box=box)
    zeros = np.zeros_like(X1)
    # smoothed between colours: an explorer moves these, and pastes such images quickly
    # (base._paste_image)
    smooth = {"interpolation": "bilinear", "interpolation_stage": "rgba"}
    parts.ridge = _heatmap(axes[0], zeros, 1.0, r"open ridge $R_1(x_1)$: 0 or 1", **smooth)
    parts.sum = _heatmap(axes[1], zeros, 2.0, r"sum $R_1 + R_2$: 0, 1 (arms), 2 (box)", **smooth)
    parts.closed = _heatmap(axes[2], zeros, 1.0, "", **smooth)
    parts.outlines = [_box_outline(ax, box) for ax in axes]
    parts.numbers = _draw_ridges(parts, w, w_out, threshold)
    return fig, parts


def _draw_ridges(parts, w, w_out, threshold) -> dict:
    l1, r1, l2, r2 = parts.box
    X1, X2 = parts.X1, parts.X2
    R = tower(X1, l1, r1, 1.0, w) + tower(X2, l2, r2, 1.0, w)
    parts.ridge.set_data(tower(X1, l1, r1, 1.0, w))
    parts.sum.set_data(R)
    parts.closed.set_data(tower_2d(X1, X2, parts.box, 1.0, w, w_out, threshold))
    parts.axes[2].set_title(  # plain Unicode, not mathtext: this title moves with the sliders
        "closed tower σ(w_out·(R₁ + R₂ − τ))\n"
        f"w = {_fmt_w(w)}, w_out = {_fmt_w(w_out)}, τ = {threshold:.2f}",
        fontsize=10,
    )
    c1, c2 = (l1 + r1) / 2, (l2 + r2) / 2
    return {
        "inside (centre)": tower_2d(c1, c2, parts.box, 1.0, w, w_out, threshold),
        "on an arm": tower_2d(c1, 0.05, parts.box, 1.0, w, w_out, threshold),
        "outside (corner)": tower_2d(0.05, 0.05, parts.box, 1.0, w, w_out, threshold),
    }


class Tower2DExplorer(Explorer):
    """The closed 2-D tower: the ridge steepness w, the steepness w_out of the thresholding
    sigmoid and its threshold τ. The ridge sum is about 2 on the box, 1 on the arms of the
    cross and 0 elsewhere; a threshold between 1 and 2 keeps only the box. Shows the closed
    tower's value in the box, on an arm and far outside."""

    def __init__(self, w: float = 30.0, w_out: float = 30.0, threshold: float = 1.5):
        fig, self.parts = ridges_figure(w, w_out, threshold)
        controls = {
            "w": widgets.FloatLogSlider(
                value=w, base=10, min=0, max=3, step=0.02, description="w", readout_format=".3g"
            ),
            "w_out": widgets.FloatLogSlider(
                value=w_out,
                base=10,
                min=0,
                max=3,
                step=0.02,
                description="w_out",
                readout_format=".3g",
            ),
            "threshold": widgets.FloatSlider(
                value=threshold, min=0.0, max=2.5, step=0.05, description="τ"
            ),
        }
        p = self.parts
        super().__init__(
            controls, fig, moving=[p.ridge, p.sum, p.closed, *p.outlines, p.axes[2].title]
        )

    def _update(self, w: float, w_out: float, threshold: float) -> dict:
        return _draw_ridges(self.parts, w, w_out, threshold)


# -- the oil field -----------------------------------------------------------------------------


def oil_figure(
    ns=(4, 16),
    per_bin: float = 100.0,
    w_out: float = 50.0,
    n_points: int = 201,
    construction: str = "closed towers",
):
    """The made-up oil field (uat.oil_region) and its approximations by an N × N grid for each
    N in ns: construction "closed towers" (uat.closed_towers_2d) or "quadrants"
    (uat.towers_2d), steepness w = k·N with k = per_bin. The field's border is drawn in white
    over each approximation. Returns (fig, parts): parts.errors[N] is uat.region_errors on the
    n_points grid."""
    build = {"closed towers": closed_towers_2d, "quadrants": towers_2d}
    if construction not in build:
        raise ValueError(
            f"construction must be 'closed towers' or 'quadrants'; got {construction!r}"
        )
    fig, axes = new_figure(1 + len(ns), width=3.3 * (1 + len(ns)), height=3.6)
    x = np.linspace(0.0, 1.0, n_points)
    X1, X2 = np.meshgrid(x, x)
    F = oil_region(X1, X2)
    _heatmap(axes[0], F, 1.0, "the oil field $f(x_1, x_2)$", cmap="cividis")
    errors = {}
    for ax, n in zip(axes[1:], ns, strict=True):
        g = build[construction](oil_region, (0, 1), (0, 1), n, per_bin * n, w_out)
        errors[n] = region_errors(oil_region, g, n_points=n_points)
        _heatmap(
            ax,
            g(X1, X2),
            1.0,
            f"{n}x{n} {construction}: wrong on {100 * errors[n]['wrong']:.1f}%",
            cmap="cividis",
        )
        ax.contour(X1, X2, F, levels=[0.5], colors="white", linewidths=0.8)
    return fig, figure_parts(axes=axes, errors=errors)


__all__ = [
    "tower_figure",
    "TowerExplorer",
    "approximation_figure",
    "ApproximationExplorer",
    "error_figure",
    "ridges_figure",
    "Tower2DExplorer",
    "oil_figure",
    "BOX",
]
