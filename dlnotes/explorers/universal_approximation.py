"""Notebook 04's explorers and figures: one tower, a sum of towers and where its error lives,
towers set by hand, the network drawn, a closed 2-D tower, closed towers against quadrants on a
surface, the oil field.

The figure builders here are used twice: by the notebook's static cells and by the explorers,
which keep the artists and move them in place. Each returns (fig, parts), parts the axes and
artists by name. Errors: bad control values are reported by the Explorer base class; the maths
functions of dlnotes.uat raise for bad arguments as their module describes.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from dlnotes.exercises.universal_approximation import surface
from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.plots import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, new_figure
from dlnotes.uat import (
    TARGETS,
    closed_towers_2d,
    max_error,
    oil_region,
    region_errors,
    steepness_for,
    step_sigmoid,
    sum_of_towers,
    tower,
    tower_2d,
    tower_approximation,
    tower_edges,
    towers_2d,
)


def _fmt_w(w: float) -> str:
    """A steepness for a title: 0.5, 20.9, 6000 (no exponent notation)."""
    return f"{w:.0f}" if w >= 100 else f"{w:.3g}"


def _fixed_ylabel(ax, text: str) -> None:
    """A y label at a fixed distance from the axes: tick labels that grow after the first
    layout (−0.5 for 0.5) then cannot push it out of the picture."""
    ax.set_ylabel(text)
    ax.yaxis.set_label_coords(-0.11, 0.5)


# -- (1) one tower -----------------------------------------------------------------------------

_X_TOWER = np.linspace(-0.25, 1.25, 601)


def tower_middle(w: float, s1: float, s2: float, h: float) -> float:
    """The predicted height of a tower at the middle of its base:
    h·(σ(w(s2 − s1)/2) − σ(−w(s2 − s1)/2)) = h·tanh(w·(s2 − s1)/4)."""
    half = (s2 - s1) / 2
    return h * (step_sigmoid(half, 0.0, w) - step_sigmoid(-half, 0.0, w))


def tower_figure(w: float = 20.0, s1: float = 0.3, s2: float = 0.6, h: float = 1.0):
    """Two steps σ(w·(x − s1)), σ(w·(x − s2)) (dashed) and the tower h·(step 1 − step 2).
    Returns (fig, parts): parts.ax and the lines parts.step1, parts.step2, parts.tower."""
    fig, (ax,) = new_figure(width=7.6)
    x = _X_TOWER
    (step1,) = ax.plot(x, step_sigmoid(x, s1, w), color=GREEN, lw=1.2, ls="--")
    (step2,) = ax.plot(x, step_sigmoid(x, s2, w), color=ORANGE, lw=1.2, ls="--")
    (line,) = ax.plot(x, tower(x, s1, s2, h, w), color=BLUE, lw=2.5)
    step1.set_label(r"step $\sigma(w(x-s_1))$")
    step2.set_label(r"step $\sigma(w(x-s_2))$")
    line.set_label("tower:\n$h$ (step 1 − step 2)")
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlim(x[0], x[-1])
    ax.set_xlabel("$x$")
    _fixed_ylabel(ax, "output")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10)  # off the data
    parts = figure_parts(ax=ax, x=x, step1=step1, step2=step2, tower=line)
    _title_tower(parts, w, s1, s2, h)
    return fig, parts


def _title_tower(parts, w, s1, s2, h):
    """The title says what the picture shows: a flat top only when w·|s2 − s1| is large; the
    y-range fits the steps (0 to 1) and the tower as drawn (upside down for s1 > s2 or h < 0)."""
    width = w * abs(s2 - s1)
    shape = "flat-topped tower" if width >= 10 else "rounded bump, not flat on top"
    parts.ax.set_title(  # plain Unicode, not mathtext: this title moves with every slider
        f"w = {_fmt_w(w)}, s₁ = {s1:.2f}, s₂ = {s2:.2f}, h = {h:.2f}: "
        f"w·|s₂ − s₁| = {width:.3g}, {shape}",
        fontsize=10,
    )
    drawn = parts.tower.get_ydata()
    low, high = min(0.0, float(drawn.min())), max(1.0, float(drawn.max()))
    parts.ax.set_ylim(low - 0.15, high + 0.15)


class TowerExplorer(Explorer):
    """One tower h·(σ(w·(x − s1)) − σ(w·(x − s2))): move the steepness w, the edges s1, s2
    and the height h. Shows the tower at the middle of its base beside the prediction
    h·tanh(w·(s2 − s1)/4) (close to h only when w·(s2 − s1) ≫ 1)."""

    def __init__(self, w: float = 20.0, s1: float = 0.3, s2: float = 0.6, h: float = 1.0):
        fig, self.parts = tower_figure(w, s1, s2, h)
        controls = {
            "w": widgets.FloatLogSlider(
                value=w, base=10, min=0, max=3, step=0.02, description="w", readout_format=".3g"
            ),
            "s1": widgets.FloatSlider(value=s1, min=0, max=1, step=0.01, description="s₁"),
            "s2": widgets.FloatSlider(value=s2, min=0, max=1, step=0.01, description="s₂"),
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
            "tower at (s₁+s₂)/2": tower((s1 + s2) / 2, s1, s2, h, w),
            "predicted h·tanh(w(s₂−s₁)/4)": tower_middle(w, s1, s2, h),
            "w·(s₂ − s₁)": w * (s2 - s1),
        }


# -- (2) a sum of towers, and where its error lives --------------------------------------------

_X_APPROX = np.linspace(0.0, 1.0, 1201)  # the plotted grid, also the grid of the max error
_POINTS_PER_TOWER = 24
INSIDE = (0.1, 0.9)  #: "inside": away from the two ends, where the outer steps stand
FLAT = 10.0  #: w·Δ from which the towers count as flat on top (the bound assumes it)
_ERROR_FLOOR = 1e-6  # the error panel's lowest value (log scale)


def lipschitz(f, a: float = 0.0, c: float = 1.0, n_points: int = 200001) -> float:
    """M = max |f(x) − f(y)|/|x − y| over neighbouring points of a fine grid of [a, c]: the
    largest slope of f there."""
    x = np.linspace(a, c, n_points)
    return float(np.max(np.abs(np.diff(f(x)))) / (x[1] - x[0]))


#: M of each target of TARGETS on [0, 1]; None for the jump, which has none.
LIPSCHITZ = {name: None if "jump" in name else lipschitz(f) for name, f in TARGETS.items()}


def staircase_bound(target: str, n_towers: int, w: float) -> float | None:
    """The bound for flat-topped towers, ε ≤ M·Δ/2 + max|f|·σ(−w·Δ/2), Δ = 1/N on [0, 1];
    None when f has no Lipschitz constant (the jump) or w·Δ < FLAT (rounded towers)."""
    M, delta = LIPSCHITZ[target], 1.0 / n_towers
    if M is None or w * delta < FLAT:
        return None
    top = float(np.max(np.abs(TARGETS[target](_X_APPROX))))
    return M * delta / 2 + top * step_sigmoid(-delta / 2, 0.0, w)


def _tower_segments(g, w):
    """Each tower of g on a short local grid, shape (N, 24, 2): cheap to draw faintly even for
    hundreds of towers."""
    s1, s2, v = g.s1[:, None], g.s2[:, None], g.v[:, None]  # one row per tower
    pad = np.clip(4.0 / w, 0.25 * (s2 - s1), 1.0)
    x = (s1 - pad) + (s2 - s1 + 2 * pad) * np.linspace(0.0, 1.0, _POINTS_PER_TOWER)  # (N, 24)
    y = v * (step_sigmoid(x - s1, 0.0, w) - step_sigmoid(x - s2, 0.0, w))  # all towers at once
    return np.stack([x, y], axis=-1)


def approximation_figure(target: str = "smooth", n_towers: int = 10, w: float = 200.0):
    """Left: a target f on [0, 1] (black), the sum of n_towers towers of steepness w (blue) and
    the towers themselves (faint orange). Right: the error |g − f|(x) on a log scale, with the
    flat-top bound M·Δ/2 + max|f|·σ(−wΔ/2) (dashed, when it applies) and the inside
    [0.1, 0.9] shaded. Returns (fig, parts): the lines, the tower collection, parts.numbers
    (what the explorer's readout shows) and parts.eps, the max error on the plotted grid."""
    if not isinstance(target, str) or target not in TARGETS:
        raise ValueError(
            f"target must be one of the named targets {', '.join(map(repr, TARGETS))}; got "
            f"{target!r:.40} (for a function of your own, use dlnotes.uat.tower_approximation)"
        )
    fig, (ax, ax_err) = new_figure(2, width=9.8, height=3.6)
    x = _X_APPROX
    (target_line,) = ax.plot(x, np.zeros_like(x), color="black", lw=1.6, label="target $f$")
    (approx_line,) = ax.plot(x, np.zeros_like(x), color=BLUE, lw=2.0, label="towers' sum $g$")
    towers = LineCollection([], colors=ORANGE, linewidths=0.8, alpha=0.45, label="the towers")
    ax.add_collection(towers)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.15, 1.3)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$, $g(x)$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", ncols=3, fontsize=9, handlelength=1.2, columnspacing=0.8)
    ax_err.axvspan(*INSIDE, color=GREEN, alpha=0.08, lw=0, label="inside [0.1, 0.9]")
    (error_line,) = ax_err.semilogy(x, np.ones_like(x), color=RED, lw=1.2, label="$|g - f|$")
    bound_line = ax_err.axhline(1.0, color=PURPLE, lw=1.2, ls="--", label="bound (flat tops)")
    ax_err.set_xlim(-0.02, 1.02)
    ax_err.set_ylim(_ERROR_FLOOR, 3.0)
    ax_err.set_xlabel("$x$")
    ax_err.set_ylabel("error $|g(x) - f(x)|$")
    ax_err.set_title("where the error lives", fontsize=10)
    ax_err.grid(alpha=0.3, which="major")
    ax_err.legend(loc="upper center", ncols=3, fontsize=9, handlelength=1.2, columnspacing=0.8)
    parts = figure_parts(
        ax=ax, ax_err=ax_err, x=x, target=target_line, approx=approx_line, towers=towers,
        error=error_line, bound=bound_line,
    )  # fmt: skip
    parts.numbers = _draw_approximation(parts, target, n_towers, w)
    parts.eps = parts.numbers["max |g − f| on [0, 1]"]
    return fig, parts


def _draw_approximation(parts, target, n_towers, w) -> dict:
    f = TARGETS[target]
    g = tower_approximation(f, 0.0, 1.0, n_towers, w=w)
    fx, gx = f(parts.x), g(parts.x)
    parts.target.set_ydata(fx)
    parts.approx.set_ydata(gx)
    parts.towers.set_segments(_tower_segments(g, w))
    error = np.abs(gx - fx)
    parts.error.set_ydata(np.maximum(error, _ERROR_FLOOR))
    bound = staircase_bound(target, n_towers, w)
    parts.bound.set_visible(bound is not None)
    parts.bound.set_ydata([bound or 1.0] * 2)
    inside = (parts.x >= INSIDE[0]) & (parts.x <= INSIDE[1])
    eps = max_error(f, g, 0.0, 1.0, n_points=len(parts.x))
    parts.ax.set_title(  # plain Unicode, not mathtext: this title moves with every slider
        f"{target}: N = {n_towers} towers, w = {_fmt_w(w)}, w·Δ = {w / n_towers:.3g}",
        fontsize=10,
    )
    if bound is not None:
        said = bound
    elif LIPSCHITZ[target] is None:
        said = "none: f jumps (any continuous g misses by half the jump)"
    else:
        said = f"only for flat tops, w·Δ ≥ {FLAT:g}"
    return {
        "max |g − f| on [0, 1]": eps,
        "max inside [0.1, 0.9]": float(error[inside].max()),
        "bound M·Δ/2 + max|f|·σ(−wΔ/2)": said,
        "hidden neurons N + 1": n_towers + 1,
    }


class ApproximationExplorer(Explorer):
    """A sum of N towers approximating a target on [0, 1]: choose the target, the number of
    towers N and the steepness w. Shows f and g, the error |g − f|(x) on a log scale, and reads
    out the max error on [0, 1] (1201 points), the max inside [0.1, 0.9] and, beside them, the
    bound M·Δ/2 + max|f|·σ(−w·Δ/2) that the notebook derives for flat-topped towers."""

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
        moving = [p.towers, p.target, p.approx, p.error, p.bound, p.ax.title]
        super().__init__(controls, fig, moving=moving)

    def _update(self, target: str, n_towers: int, w: float) -> dict:
        return _draw_approximation(self.parts, target, n_towers, w)


# -- (2b) towers set by hand -------------------------------------------------------------------

HAND_TOWERS = 5  #: how many towers the learner sets by hand
HAND_TARGET = "kink"


def _hand_towers(heights):
    """The HAND_TOWERS towers of [0, 1] (outer steps half a bin outside), steepness 20N, with
    the learner's heights."""
    s1, s2, _ = tower_edges(0.0, 1.0, HAND_TOWERS)
    return s1, s2, np.asarray(heights, dtype=float), steepness_for(HAND_TOWERS)


def hand_figure(heights=(0.5,) * HAND_TOWERS):
    """The kink f (black) and the sum g of five towers whose heights are `heights` (blue), the
    bins' edges dotted. Returns (fig, parts) with parts.numbers, the scores."""
    fig, (ax,) = new_figure(width=7.0, height=3.4)
    x = _X_APPROX
    s1, _, _, _ = _hand_towers(heights)
    for edge in [*s1[1:]]:
        ax.axvline(edge, color=GREY, lw=0.8, ls=":")
    ax.plot(x, TARGETS[HAND_TARGET](x), color="black", lw=1.6, label="target $f$")
    (approx_line,) = ax.plot(x, np.zeros_like(x), color=BLUE, lw=2.0, label="your towers $g$")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.05, 1.2)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$f(x)$, $g(x)$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize=9)
    parts = figure_parts(ax=ax, x=x, approx=approx_line)
    parts.numbers = _draw_hand(parts, heights)
    return fig, parts


def _draw_hand(parts, heights) -> dict:
    s1, s2, v, w = _hand_towers(heights)
    gx = sum_of_towers(parts.x, s1, s2, v, w)
    parts.approx.set_ydata(gx)
    error = np.abs(gx - TARGETS[HAND_TARGET](parts.x))
    parts.ax.set_title(f"five towers set by hand: max error {error.max():.3f}", fontsize=10)
    return {"max |g − f|": float(error.max()), "mean |g − f|": float(error.mean())}


class HandTowersExplorer(Explorer):
    """Five towers on [0, 1] (w = 100) against the kink: the learner sets the heights v₀ … v₄
    and chases the score, the max error |g − f| over [0, 1] (the mean is shown too)."""

    def __init__(self, heights=(0.5,) * HAND_TOWERS):
        if len(heights) != HAND_TOWERS:
            raise ValueError(f"heights must hold {HAND_TOWERS} numbers, got {len(heights)}")
        fig, self.parts = hand_figure(heights)
        controls = {
            f"v{i}": widgets.FloatSlider(
                value=float(h), min=0.0, max=1.2, step=0.01, description=f"v{'₀₁₂₃₄'[i]}"
            )
            for i, h in enumerate(heights)
        }
        super().__init__(controls, fig, moving=[self.parts.approx, self.parts.ax.title])

    def _update(self, **heights) -> dict:
        return _draw_hand(self.parts, [heights[f"v{i}"] for i in range(HAND_TOWERS)])


# -- the network drawn -------------------------------------------------------------------------


def network_figure(f=TARGETS["kink"], a: float = 0.0, c: float = 1.0, n_towers: int = 3):
    """The tower network drawn as Nielsen draws it: one input x, the N + 1 hidden step
    neurons σ(w·(x − s)) labelled with their step position s = −b/w, and the output, each
    hidden neuron's edge to it labelled with its output weight, the height difference
    v_i − v_(i−1) it adds. Returns (fig, parts) with parts.s and parts.weights."""
    s1, s2, m = tower_edges(a, c, n_towers)
    v = f(m)
    s = np.append(s1, s2[-1])
    weights = np.diff(v, prepend=0.0, append=0.0)
    fig, (ax,) = new_figure(width=6.4, height=3.2)
    n = len(s)
    ys = np.linspace(1, 0, n) if n > 1 else np.array([0.5])
    for y, s_i, v_i in zip(ys, s, weights, strict=True):
        ax.plot([0, 1], [0.5, y], color=GREY, lw=1, zorder=1)
        ax.plot([1, 2], [y, 0.5], color=GREY, lw=1, zorder=1)
        ax.text(1.5, (y + 0.5) / 2 + 0.03, f"{v_i:+.2f}", ha="center", fontsize=10, color=BLUE)
        ax.scatter([1], [y], s=1400, color="white", edgecolor=GREEN, zorder=2, lw=1.5)
        ax.text(1, y, f"{s_i:.2f}", ha="center", va="center", fontsize=10, zorder=3)
    for xc, text in ((0, "$x$"), (2, r"$\hat y$")):
        ax.scatter([xc], [0.5], s=900, color="white", edgecolor="black", zorder=2, lw=1.5)
        ax.text(xc, 0.5, text, ha="center", va="center", fontsize=12, zorder=3)
    ax.text(0.4, 1.12, "weight $w$, bias $-w\\,s$", ha="center", fontsize=10)
    ax.text(1.0, 1.12, "step at $s$", ha="center", fontsize=10, color=GREEN)
    ax.text(1.65, 1.12, "output weight $v_i - v_{i-1}$", ha="center", fontsize=10, color=BLUE)
    ax.set_xlim(-0.3, 2.3)
    ax.set_ylim(-0.15, 1.25)
    ax.set_axis_off()
    return fig, figure_parts(ax=ax, s=s, weights=weights)


# -- the error against N -----------------------------------------------------------------------


def error_figure(results: dict, *, epsilon: float | None = None, bounds: dict | None = None):
    """Log-log plot of the max error against N, one line per target. results: name ->
    (ns, errors, slope, intercept), the fit log ε ≈ slope·log N + intercept drawn dashed;
    bounds: name -> M, the bound M/(2N) drawn as a wide pale band in the target's colour;
    epsilon: a target error drawn as a horizontal line. Returns (fig, parts) with parts.ax."""
    fig, (ax,) = new_figure(width=7.6, height=3.8)
    colours = [BLUE, ORANGE, GREEN, RED]
    for (name, (ns, errs, slope, intercept)), col in zip(results.items(), colours, strict=False):
        ns = np.asarray(ns, dtype=float)
        ax.loglog(ns, errs, "o-", color=col, ms=4, zorder=3, label=f"{name}: slope {slope:.2f}")
        ax.loglog(ns, np.exp(intercept) * ns**slope, "--", color=col, lw=1, alpha=0.7, zorder=2)
        if bounds and name in bounds:  # a wide pale band, so that data lying on it stays visible
            ax.loglog(ns, bounds[name] / (2 * ns), "-", color=col, lw=7, alpha=0.25, zorder=1)
    ax.plot([], [], "--", color=GREY, lw=1, label="power-law fit (dashed)")
    if bounds:
        ax.plot([], [], "-", color=GREY, lw=7, alpha=0.25, label="bound $M/(2N)$ (pale band)")
    if epsilon is not None:
        ax.axhline(epsilon, color=GREY, lw=1, ls="-.", label=rf"$\varepsilon = {epsilon:g}$")
    ax.set_xlabel("number of towers $N$ (hidden neurons $N + 1$)")
    ax.set_ylabel(r"max error $\varepsilon$")
    ax.set_title(r"with $w = 20N$ the error falls like $1/N$: a slope of $-1$", fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return fig, figure_parts(ax=ax)


# -- (3) the 2-D tower -------------------------------------------------------------------------

_GRID_2D = np.linspace(0.0, 1.0, 121)
BOX = (0.3, 0.7, 0.35, 0.65)  #: the box of the explorer's closed tower (x1_lo, x1_hi, x2_lo, x2_hi)


def _heatmap(ax, Z, vmax, title, cmap="viridis", vmin=0.0, **style):
    im = ax.imshow(
        Z, origin="lower", extent=(0, 1, 0, 1), vmin=vmin, vmax=vmax, cmap=cmap, aspect="equal",
        **style,
    )  # fmt: skip
    ax.set_xticks([0, 0.5, 1])
    ax.set_yticks([0, 0.5, 1])
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title, fontsize=10)
    return im


def _box_outline(ax, box):
    l1, r1, l2, r2 = box
    return ax.plot([l1, r1, r1, l1, l1], [l2, l2, r2, r2, l2], color="white", lw=0.8, ls="--")[0]


def ridges_figure(w: float = 30.0, w_out: float = 30.0, threshold: float = 1.5, box=BOX):
    """The 2-D tower built in three steps, as heat maps over (x1, x2) with colour bars: the
    open ridge R_1(x1), the sum R_1(x1) + R_2(x2), and the closed tower
    σ(w_out·(R_1 + R_2 − τ)). Returns (fig, parts) with the three images and parts.numbers."""
    fig, axes = new_figure(3, width=11.0, height=3.5)
    X1, X2 = np.meshgrid(_GRID_2D, _GRID_2D)  # rows: x2, columns: x1
    parts = figure_parts(axes=axes, X1=X1, X2=X2, box=box)
    zeros = np.zeros_like(X1)
    # smoothed between colours: an explorer moves these, and pastes such images quickly
    # (base._paste_image)
    smooth = {"interpolation": "bilinear", "interpolation_stage": "rgba"}
    parts.ridge = _heatmap(axes[0], zeros, 1.0, r"open ridge $R_1(x_1)$", **smooth)
    parts.sum = _heatmap(axes[1], zeros, 2.0, r"sum $R_1 + R_2$", **smooth)
    parts.closed = _heatmap(
        axes[2], zeros, 1.0, r"closed tower $\sigma(w_{out}(R_1 + R_2 - \tau))$", **smooth
    )
    for ax, image, ticks in zip(axes, (parts.ridge, parts.sum, parts.closed),
                                ([0, 1], [0, 1, 2], [0, 1]), strict=True):  # fmt: skip
        fig.colorbar(image, ax=ax, shrink=0.8, ticks=ticks)
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
    c1, c2 = (l1 + r1) / 2, (l2 + r2) / 2
    # the predictions for steep ridges: R₁ + R₂ is 2 in the box, 1 on an arm, 0 outside
    return {
        "inside (centre)": tower_2d(c1, c2, parts.box, 1.0, w, w_out, threshold),
        "predicted σ(w_out(2 − τ))": step_sigmoid(2.0, threshold, w_out),
        "on an arm": tower_2d(c1, 0.05, parts.box, 1.0, w, w_out, threshold),
        "predicted σ(w_out(1 − τ))": step_sigmoid(1.0, threshold, w_out),
        "outside": tower_2d(0.05, 0.05, parts.box, 1.0, w, w_out, threshold),
        "predicted σ(−w_out·τ)": step_sigmoid(0.0, threshold, w_out),
    }


class Tower2DExplorer(Explorer):
    """The closed 2-D tower: the ridge steepness w, the steepness w_out of the thresholding
    sigmoid and its threshold τ. The ridge sum is about 2 on the box, 1 on the arms of the
    cross and 0 elsewhere; a threshold between 1 and 2 keeps only the box. Shows the closed
    tower's value in the box, on an arm and far outside, each beside its prediction for steep
    ridges."""

    def __init__(self, w: float = 30.0, w_out: float = 30.0, threshold: float = 1.5):
        fig, self.parts = ridges_figure(w, w_out, threshold)
        log_slider = {"base": 10, "min": 0, "max": 3, "step": 0.02, "readout_format": ".3g"}
        controls = {
            "w": widgets.FloatLogSlider(value=w, description="w", **log_slider),
            "w_out": widgets.FloatLogSlider(value=w_out, description="w_out", **log_slider),
            "threshold": widgets.FloatSlider(
                value=threshold, min=0.0, max=2.5, step=0.05, description="τ"
            ),
        }
        p = self.parts
        super().__init__(controls, fig, moving=[p.ridge, p.sum, p.closed, *p.outlines])

    def _update(self, w: float, w_out: float, threshold: float) -> dict:
        return _draw_ridges(self.parts, w, w_out, threshold)


# -- (4) many towers on a surface: closed towers against quadrants ------------------------------

CONSTRUCTIONS = {"closed towers": closed_towers_2d, "quadrants": towers_2d}
#: M₁ + M₂ for `surface`: max |∂f/∂x₁| = 0.4·3 = 1.2 and max |∂f/∂x₂| = 0.4·2 = 0.8 on [0, 1]²
SURFACE_SLOPES = 1.2 + 0.8
_GRID_SURFACE = (np.arange(120) + 0.5) / 120  #: the picture's pixels: cell midpoints
#: an error counts as large above this: the area where |g − f| exceeds it measures the stars
LARGE_ERROR = 0.2


def surface_errors(g, n_points: int = 40000, seed: int = 0) -> dict:
    """max |g − f|, mean |g − f| and the area of [0, 1]² where |g − f| > LARGE_ERROR, for g
    against `surface`, at n_points uniformly random points (fixed seed: same numbers every
    time). Random points, not a grid: the stars of closed towers are about 1/(20N) wide and lie
    on the seams i/N, which a regular grid samples either on every seam or on none."""
    X1, X2 = np.random.default_rng(seed).random((2, n_points))
    return _error_numbers(np.abs(g(X1, X2) - surface(X1, X2)))


def _error_numbers(error) -> dict:
    return {
        "max |g − f|": float(error.max()),
        "mean |g − f|": float(error.mean()),
        f"area with |g − f| > {LARGE_ERROR}": float(np.mean(error > LARGE_ERROR)),
    }


def surface_figure(construction: str = "closed towers", n_towers: int = 8):
    """The error |g − f| over the square of N × N closed towers or quadrant units on
    `surface` (w = 20N, w_out = 50), with a colour bar from 0 to 0.9 and the interior corner
    (0.5, 0.5) marked. Returns (fig, parts) with parts.numbers."""
    if construction not in CONSTRUCTIONS:
        raise ValueError(f"construction must be one of {', '.join(map(repr, CONSTRUCTIONS))}; "
                         f"got {construction!r}")  # fmt: skip
    fig, (ax,) = new_figure(width=5.4, height=4.0)
    X1, X2 = np.meshgrid(_GRID_SURFACE, _GRID_SURFACE)
    image = _heatmap(ax, np.zeros_like(X1), 0.9, "", cmap="magma")
    fig.colorbar(image, ax=ax, shrink=0.85, label="error $|g - f|$")
    ax.plot([0.5], [0.5], "o", ms=9, mfc="none", mec="#00c8ff", mew=1.5)
    parts = figure_parts(ax=ax, X1=X1, X2=X2, image=image)
    parts.numbers = _draw_surface(parts, construction, n_towers)
    return fig, parts


def _draw_surface(parts, construction: str, n_towers: int) -> dict:
    g = CONSTRUCTIONS[construction](surface, (0, 1), (0, 1), n_towers)
    error = np.abs(g(parts.X1, parts.X2) - surface(parts.X1, parts.X2))
    parts.image.set_data(error)
    parts.ax.set_title(f"{construction}, N × N = {n_towers} × {n_towers}", fontsize=10)
    numbers = surface_errors(g)
    large = f"area with |g − f| > {LARGE_ERROR}"
    return {
        "max |g − f|": max(numbers["max |g − f|"], float(error.max())),
        "quadrants' bound (M₁ + M₂)·Δ/2": SURFACE_SLOPES / (2 * n_towers),
        "mean |g − f|": numbers["mean |g − f|"],
        large: numbers[large],
        "g at the corner (0.5, 0.5)": float(g(0.5, 0.5)),
        "f there": float(surface(0.5, 0.5)),
    }


class SurfaceExplorer(Explorer):
    """N × N closed towers or quadrant units on the notebook's surface: choose the
    construction and N (even, so that (0.5, 0.5) is an interior corner). Shows where |g − f|
    lives and reads out its max beside the quadrants' bound (M₁ + M₂)·Δ/2, its mean, the area
    where it exceeds LARGE_ERROR (grid of cell midpoints, off the seams), and g at the corner
    beside f there: with w = 20N the closed towers' stars thin out but multiply, so their max
    and their large-error area stay; the quadrants' max falls under the bound."""

    def __init__(self, construction: str = "closed towers", n_towers: int = 8):
        fig, self.parts = surface_figure(construction, n_towers)
        controls = {
            "construction": widgets.Dropdown(
                options=list(CONSTRUCTIONS), value=construction, description="units"
            ),
            "n_towers": widgets.IntSlider(value=n_towers, min=2, max=24, step=2, description="N"),
        }
        super().__init__(controls, fig, moving=[self.parts.image, self.parts.ax.title])

    def _update(self, construction: str, n_towers: int) -> dict:
        return _draw_surface(self.parts, construction, n_towers)


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
    "tower_middle",
    "TowerExplorer",
    "approximation_figure",
    "ApproximationExplorer",
    "staircase_bound",
    "lipschitz",
    "hand_figure",
    "HandTowersExplorer",
    "network_figure",
    "error_figure",
    "surface_figure",
    "surface_errors",
    "SurfaceExplorer",
    "ridges_figure",
    "Tower2DExplorer",
    "oil_figure",
    "BOX",
    "INSIDE",
]
