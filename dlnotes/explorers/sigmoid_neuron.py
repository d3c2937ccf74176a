"""Notebook 02's figures and explorers: the sigmoid's steepness, and learning by guesswork.

- SteepnessExplorer: σ(w·x + b) and the perceptron's step at x = −b/w drawn together; as w grows
  (log slider, 0.1 to 1000) the sigmoid steepens toward a step (with b = 0 the step stays at 0;
  with b fixed ≠ 0 it slides toward 0, since it sits at −b/w).
- GuessworkExplorer: guess w, b for the two-point toy problem (dlnotes.toy); the curve through
  the points, the live loss, a log of the guesses made, and the current guess on a map of the
  error surface L(w, b).

The static figure builders (steepness_figure, guesswork_figure, error_surface_figure) are the
ones the notebook shows before each explorer; each returns (fig, parts). The maths lives in
dlnotes.neurons (sigmoid, ramp_width) and dlnotes.toy (f, error, error_surface).

Errors: TypeError for a non-number, ValueError for a value out of range (w ≤ 0 on the steepness
explorer, keep < 1).
"""

from __future__ import annotations

import html
import math
import time
from collections import deque

import ipywidgets as widgets
import numpy as np
from matplotlib import patheffects

from dlnotes._checks import as_float, as_int
from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.neurons import ramp_width, sigmoid
from dlnotes.plots import BLUE, GREY, ORANGE, RED, new_figure
from dlnotes.toy import LECTURE_GUESSES, X, Y, error, error_surface, f

#: The range of w on the steepness explorer's log slider.
W_MIN, W_MAX = 0.1, 1000.0


# -- small helpers of the pictures ----------------------------------------------------------
def step_polyline(w: float, b: float, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """The perceptron's step on [lo, hi] as the corner points of a line.

        y = 1 if w·x + b ≥ 0, else 0        (the jump is vertical, at x = −b/w)

    w, b: numbers; lo < hi. Returns (x, y) arrays of 2 or 4 points.
    """
    y_lo, y_hi = float(w * lo + b >= 0), float(w * hi + b >= 0)
    if y_lo == y_hi:
        return np.array([lo, hi]), np.array([y_lo, y_hi])
    x0 = -b / w  # lo < x0 <= hi, because the sign changes (and so w != 0)
    return np.array([lo, x0, x0, hi]), np.array([y_lo, y_lo, y_hi, y_hi])


def sigmoid_samples(w: float, b: float, lo: float, hi: float, n: int = 401) -> np.ndarray:
    """Where to sample σ(w·x + b) for a smooth curve: n evenly spaced points on [lo, hi] plus
    201 packed around the crossing x = −b/w (within ±10/|w|), sorted.

        x = linspace(lo, hi, n) ∪ (−b/w + linspace(−10, 10, 201)/|w|)

    Enough even when w = 1000 makes the rise 0.01 wide. Returns a sorted 1-D array.
    """
    x = np.linspace(lo, hi, n)
    if w != 0:
        near = -b / w + np.linspace(-10.0, 10.0, 201) / abs(w)
        x = np.sort(np.concatenate([x, near[(near > lo) & (near < hi)]]))
    return x


def _contour_lines(ax, W, B, L, levels) -> None:
    """Labelled white contour lines of L with a dark edge, readable on every colour of the map."""
    edge = [patheffects.withStroke(linewidth=2.2, foreground="black")]
    cs = ax.contour(W, B, L, levels=levels, colors="white", linewidths=0.9)
    cs.set(path_effects=edge)
    for label in ax.clabel(cs, fontsize=7, fmt="%g"):
        label.set_path_effects(edge)


# -- (1) steepness ----------------------------------------------------------------------------
def steepness_figure(w: float = 1.0, b: float = 0.0, *, x_range: float = 4.0):
    """Static figure: σ(w·x + b) and the perceptron's step at x = −b/w.

        y = σ(w·x + b) = 1 / (1 + e^−(w·x + b))   against   y = step(w·x + b)

    Returns (fig, parts): the axes parts.ax, the lines parts.sigmoid and parts.step, the
    crossing marker parts.half and the x-range parts.lo, parts.hi (so the explorer can move
    them in place).
    """
    fig, (ax,) = new_figure(width=7.0, height=3.6)
    lo, hi = -x_range, x_range
    (sig_line,) = ax.plot([], [], color=BLUE, lw=2.5, label=r"sigmoid $\sigma(wx+b)$")
    (step_line,) = ax.plot([], [], color=ORANGE, lw=1.5, ls="--", label="perceptron step")
    (half,) = ax.plot([], [], "o", color=RED, ms=6, label=r"$x=-b/w$, $y=\frac{1}{2}$")
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=9)
    ax.set_title(" ", fontsize=10, y=1.0)  # a fixed position: no title placement per draw
    parts = figure_parts(ax=ax, sigmoid=sig_line, step=step_line, half=half, lo=lo, hi=hi)
    _draw_steepness(parts, w, b)
    return fig, parts


def _draw_steepness(a, w: float, b: float) -> dict:
    """Move the steepness figure's artists to w, b; return the numbers it shows."""
    lo, hi = a.lo, a.hi
    x = sigmoid_samples(w, b, lo, hi)
    a.sigmoid.set_data(x, sigmoid(w * x + b))
    a.step.set_data(*step_polyline(w, b, lo, hi))
    b = b + 0.0  # turns −0.0 into 0.0: the title never shows "-0"
    x_half = 0.0 if b == 0 else -b / w
    a.half.set_data([x_half] if lo <= x_half <= hi else [], [0.5] if lo <= x_half <= hi else [])
    width = ramp_width(w)
    where = "" if lo <= x_half <= hi else " (off the plot)"
    a.ax.title.set_text(  # plain text: a changing mathtext title is re-parsed every draw
        f"w = {w:.3g}, b = {b:.2g}: σ rises from 0.01 to 0.99 within {width:.3g}; "
        f"step at x = {x_half:.3g}{where}"
    )
    return {
        "w": w,
        "b": b,
        "step at x = -b/w": x_half,
        "slope there (w/4)": w / 4,
        "width of the 1%-99% rise": width,
    }


class SteepnessExplorer(Explorer):
    """Make w large and watch σ(w·x + b) turn into the perceptron's step.

        σ(c·(w·x + b)) → step(w·x + b) as c → ∞ (except at x = −b/w, where σ stays ½);
        the step sits at x = −b/w, the slope there is w/4

    With b = 0, pushing w up is that limit. With b ≠ 0 fixed, it is not: the crossing −b/w
    slides toward 0 as w grows (the bias must grow with w to keep the step in place).
    w moves on a log scale from 0.1 to 1000 and stays positive: a negative w gives the curve
    for −w mirrored left to right (x → −x). b slides the curve.
    Shows where the step is, the slope there and how wide the sigmoid's rise is
    (dlnotes.neurons.ramp_width).
    """

    def __init__(self, w: float = 1.0, b: float = 0.0):
        w = as_float("w", w, positive=True)
        b = as_float("b", b)
        fig, self.parts = steepness_figure(w, b)
        controls = {
            "w": widgets.FloatLogSlider(
                value=w,
                base=10,
                min=math.log10(W_MIN),
                max=math.log10(W_MAX),
                step=0.05,
                description="w",
                readout_format=".3g",
            ),
            "b": widgets.FloatSlider(value=b, min=-4, max=4, step=0.1, description="b"),
        }
        a = self.parts
        super().__init__(controls, fig, moving=[a.sigmoid, a.step, a.half, a.ax.title])

    def _update(self, w: float, b: float) -> dict:
        w = as_float("w", w, positive=True)
        b = as_float("b", b)
        return _draw_steepness(self.parts, w, b)


# -- (2) guesswork ----------------------------------------------------------------------------
#: The square [−6, 6]² of the (w, b) plane that the surface figures show.
SURFACE_RANGE = 6.0


def guesswork_figure(w: float = 0.5, b: float = 0.0, *, guesses=(), n_grid: int = 121):
    """Static figure of one guess: left, the two points and f(x) = σ(w·x + b) with the errors
    f(xᵢ) − yᵢ as red segments; right, a map of L(w, b) on [−6, 6]² with the guesses as a trail
    and (w, b) as a star.

        L(w, b) = ½ Σᵢ (f(xᵢ) − yᵢ)²

    guesses: a sequence of (w, b) pairs (say dlnotes.toy.LECTURE_GUESSES). The surface is
    computed once here (n_grid points a side). Returns (fig, parts) with the lines and texts an
    explorer moves.
    """
    fig, (ax, ax_s) = new_figure(2, width=9.5, height=3.8)
    x = np.linspace(-1.5, 4.5, 241)
    (points,) = ax.plot(X, Y, "o", color="black", ms=8, zorder=3, label="data $(x_i, y_i)$")
    (curve,) = ax.plot(x, f(w, b, x), color=BLUE, lw=2.5, label=r"$f(x)=\sigma(wx+b)$")
    (resid,) = ax.plot([], [], color=RED, lw=2, label=r"error $f(x_i)-y_i$")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8)
    ax.set_title(" ", fontsize=10, y=1.0)
    log_text = ax.text(
        0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", family="monospace",
        fontsize=8, bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": GREY},
    )  # fmt: skip

    r = SURFACE_RANGE
    grid = np.linspace(-r, r, n_grid)
    W, B, L = error_surface(grid, grid)
    ax_s.imshow(
        L, origin="lower", extent=(-r, r, -r, r), cmap="viridis", aspect="auto",
        interpolation="bilinear",
    )  # fmt: skip
    _contour_lines(ax_s, W, B, L, [0.001, 0.01, 0.05, 0.1, 0.2, 0.3])
    (trail,) = ax_s.plot([], [], "-o", color=ORANGE, ms=6, lw=1.5, mec="white", mew=0.8)
    (current,) = ax_s.plot([w], [b], "*", color=RED, ms=14, mec="white", mew=1)
    ax_s.set_xlim(-r, r)
    ax_s.set_ylim(-r, r)
    ax_s.set_xlabel("$w$")
    ax_s.set_ylabel("$b$")
    ax_s.set_title(r"$\mathcal{L}(w, b)$: your guesses", fontsize=10, y=1.0)
    parts = figure_parts(ax=ax, ax_surface=ax_s, x=x, points=points, curve=curve, resid=resid,
                         log_text=log_text, trail=trail, current=current)  # fmt: skip
    _draw_guess(parts, w, b, list(guesses))
    return fig, parts


def _draw_guess(a, w: float, b: float, log: list) -> float:
    """Move the guesswork figure's artists to w, b with the guesses log ((w, b)
    pairs, oldest first); return the loss."""
    L = error(w, b)
    a.curve.set_ydata(f(w, b, a.x))
    fx = f(w, b, X)
    a.resid.set_data([X[0], X[0], np.nan, X[1], X[1]], [Y[0], fx[0], np.nan, Y[1], fx[1]])
    a.current.set_data([w], [b])
    if log:
        ws, bs = zip(*log, strict=True)
        a.trail.set_data(ws, bs)
        lines = [f"{gw:+6.2f} {gb:+6.2f}  {error(gw, gb):.4f}" for gw, gb in log]
        a.log_text.set_text("     w      b       L\n" + "\n".join(lines))
    else:
        a.trail.set_data([], [])
        a.log_text.set_text("")
    a.ax.title.set_text(f"w = {w:.2f}, b = {b:.2f}:  L(w, b) = {L:.4f}")
    return L


class GuessworkExplorer(Explorer):
    """Learning by guesswork: pick w and b so that σ(w·x + b) passes through the two points,
    and watch the loss.

        L(w, b) = ½ Σᵢ (σ(w·xᵢ + b) − yᵢ)²

    Every guess is logged: the last keep guesses are listed in the figure and drawn as a
    trail on the contour of the error surface (computed once, when the explorer is built).
    A drag sends many small moves; moves of the same single slider less than merge_within
    seconds apart amend the current guess instead of adding one (merge_within=0 logs every
    move). The readout shows the loss, how many guesses you made and the best loss so far.
    """

    def __init__(self, w: float = 0.5, b: float = 0.0, *, keep: int = 8, merge_within: float = 0.7):
        w, b = as_float("w", w), as_float("b", b)
        self.keep = as_int("keep", keep, minimum=1)
        self.merge_within = as_float("merge_within", merge_within)
        self.clock = time.monotonic  # replaceable in tests
        self.log: deque = deque([(w, b)], maxlen=self.keep)
        self.n_guesses = 1
        self.best = (w, b, error(w, b))
        self._last, self._moving, self._last_time = (w, b), None, -math.inf
        fig, self.parts = guesswork_figure(w, b, guesses=list(self.log))
        r = SURFACE_RANGE
        controls = {
            "w": widgets.FloatSlider(value=w, min=-r, max=r, step=0.01, description="w"),
            "b": widgets.FloatSlider(value=b, min=-r, max=r, step=0.01, description="b"),
        }
        self.clear_button = widgets.Button(description="Clear guesses", icon="eraser")
        self.clear_button.on_click(lambda _: self.clear())
        a = self.parts
        # The list of guesses is shown as HTML under the readout: text drawn into the picture
        # costs about 20 ms a move (see Explorer._caption_html); parts.log_text keeps its text.
        a.log_text.set_visible(False)
        self.guesses = widgets.HTML()
        moving = [a.curve, a.resid, a.points, a.trail, a.current, a.ax.title]
        super().__init__(
            controls, fig, moving=moving, extra=[self.clear_button], below=[self.guesses]
        )

    def _record(self, w: float, b: float) -> None:
        """Log (w, b) as a new guess, or amend the last one when it continues a drag."""
        changed = [n for n, old, new in zip("wb", self._last, (w, b), strict=True) if old != new]
        if not changed:
            return
        now = self.clock()
        moving = changed[0] if len(changed) == 1 else None
        dragging = now - self._last_time < self.merge_within
        if moving is not None and moving == self._moving and dragging:
            self.log[-1] = (w, b)
        else:
            self.log.append((w, b))
            self.n_guesses += 1
        self._last, self._moving, self._last_time = (w, b), moving, now

    def _update(self, w: float, b: float) -> dict:
        w, b = as_float("w", w), as_float("b", b)
        self._record(w, b)
        L = _draw_guess(self.parts, w, b, list(self.log))
        self.guesses.value = (
            '<pre style="font-size:12px;line-height:1.3;margin:0">'
            f"{html.escape(self.parts.log_text.get_text())}</pre>"
        )
        if L < self.best[2]:
            self.best = (w, b, L)
        return {
            "w": w,
            "b": b,
            "L(w, b)": L,
            "guesses": self.n_guesses,
            "best L so far": self.best[2],
            "best (w, b)": f"({self.best[0]:.2f}, {self.best[1]:.2f})",
        }

    def clear(self) -> dict:
        """Forget the logged guesses (the current one stays as the first of a new log)."""
        w, b = self.values()["w"], self.values()["b"]
        self.log.clear()
        self.log.append((w, b))
        self.n_guesses = 1
        self.best = (w, b, error(w, b))
        self._last, self._moving, self._last_time = (w, b), None, -math.inf
        return self.refresh()


# -- the error surface, for the notebook -----------------------------------------------------
#: Where error_surface_figure writes the name of each region, as (w, b): the basin around the
#: exact fit (L < 0.001), the shelf beside it (f(x₂) ≈ 1 overshoots y₂ = 0.9, L ≈ 0.003-0.03)
#: and three plateaus, named by the saturated outputs (f(x₁), f(x₂)) there. The tests check
#: that each label lies in its region.
REGION_LABELS = {
    "basin": (1.85, -2.3),
    "shelf": (4.6, -4.6),
    "plateau (0, 0)": (-3.5, -4.0),
    "plateau (1, 1)": (3.5, 4.0),
    "plateau (1, 0)": (-4.5, 5.5),
}


def error_surface_figure(guesses=LECTURE_GUESSES, *, n_grid: int = 121):
    """Static figure: L(w, b) on [−6, 6]² as a 3-D surface (left) and a contour map (right),
    with guesses ((w, b) pairs) marked and numbered in order, and the regions named.

        L(w, b) = ½ Σᵢ (σ(w·xᵢ + b) − yᵢ)²

    The 3-D view has w growing to the right and b growing away from the viewer, as on the map;
    the regions of REGION_LABELS are named on both panels, and the small basin (L < 0.001) is
    drawn as a red loop with an arrow. Returns (fig, parts) with the axes parts.ax3d and
    parts.ax_contour.
    """
    r = SURFACE_RANGE
    grid = np.linspace(-r, r, n_grid)
    W, B, L = error_surface(grid, grid)
    box = {"facecolor": "white", "alpha": 0.8, "lw": 0, "pad": 1.5}  # behind the region names
    fig, (ax3, ax) = new_figure(2, width=10.5, height=4.6, projections=("3d", None))
    ax3.computed_zorder = False  # keep the guesses and labels drawn on top of the surface
    ax3.plot_surface(W, B, L, cmap="viridis", rstride=3, cstride=3, lw=0, alpha=0.9)
    gw, gb = (np.array(v) for v in zip(*guesses, strict=True)) if guesses else ([], [])
    if len(gw):
        ax3.scatter(gw, gb, error(gw, gb), color=RED, s=25, depthshade=False, zorder=10)
    for name, (wl, bl) in REGION_LABELS.items():
        ax3.text(wl, bl, error(wl, bl) + 0.08, name, fontsize=7, ha="center", zorder=11, bbox=box)
    ax3.set_xlabel("$w$")
    ax3.set_ylabel("$b$")
    ax3.set_zlabel(r"$\mathcal{L}$")
    ax3.view_init(elev=35, azim=-70)  # w to the right, b away from the viewer, as on the map
    ax3.set_title("the error surface: plateaus, a shelf and a small basin", fontsize=10)

    cf = ax.contourf(W, B, L, levels=20, cmap="viridis")
    _contour_lines(ax, W, B, L, [0.01, 0.05])
    ax.contour(W, B, L, levels=[0.001], colors=RED, linewidths=2.0)
    fig.colorbar(cf, ax=ax, label=r"$\mathcal{L}(w, b)$")
    if len(gw):
        ax.plot(gw, gb, "-o", color=ORANGE, mec="black", mew=0.5, ms=5, lw=1)
        for k, (wk, bk) in enumerate(zip(gw, gb, strict=True), start=1):
            ax.annotate(str(k), (wk, bk), xytext=(-9, 3), textcoords="offset points",
                        color="white", fontsize=8)  # fmt: skip
    for name, (wl, bl) in REGION_LABELS.items():
        if name == "basin":
            arrow = {"arrowstyle": "->", "color": RED}
            ax.annotate("basin: L < 0.001", (wl, bl), xytext=(2.6, 0.6), fontsize=8, bbox=box,
                        arrowprops=arrow)  # fmt: skip
        else:
            ax.text(wl, bl, name, fontsize=8, ha="center", va="center", bbox=box)
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_title(r"contours of $\mathcal{L}$ at 0.01, 0.05 (white) and 0.001 (red)", fontsize=10)
    return fig, figure_parts(ax3d=ax3, ax_contour=ax)


__all__ = [
    "W_MIN",
    "W_MAX",
    "step_polyline",
    "sigmoid_samples",
    "steepness_figure",
    "SteepnessExplorer",
    "guesswork_figure",
    "GuessworkExplorer",
    "REGION_LABELS",
    "error_surface_figure",
]
