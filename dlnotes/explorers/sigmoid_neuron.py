"""Notebook 02's figures and explorers: the sigmoid's steepness, and learning by guesswork.

- SteepnessExplorer: σ(c·(x − t)) and the perceptron's step at the crossing t drawn
  together, with the steepness c (log slider, 0.1 to 1000) and t as controls; as c grows the
  rise narrows (2 ln 99 / c) and the gap to the step 0.05 from t, σ(−0.05·c), goes to 0.
- GuessworkExplorer: guess w, b for the two-point toy problem (dlnotes.toy) as the lecture did:
  the curve through the points, a Guess button that scores and counts a guess, the score against
  the lecture's five guesses, and a map of the error surface L(w, b) hidden until asked for.

The static figure builders (steepness_figure, guesswork_figure, error_surface_figure) are the
ones the notebook shows before each explorer; each returns (fig, parts). The maths lives in
dlnotes.neurons (sigmoid, ramp_width) and dlnotes.toy (f, error, error_surface).

Errors: TypeError for a non-number, ValueError for a value outside a slider's range.
"""

from __future__ import annotations

import html
import math

import ipywidgets as widgets
import numpy as np
from matplotlib import patheffects
from matplotlib.patches import Rectangle

from dlnotes._checks import as_float, as_float_array, as_int
from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.neurons import ramp_width, sigmoid, step
from dlnotes.plots import BLUE, GREY, ORANGE, RED, new_figure
from dlnotes.toy import LECTURE_GUESSES, X, Y, error, error_surface, exact_solution, f

#: The range of the steepness c on the steepness explorer's log slider.
C_MIN, C_MAX = 0.1, 1000.0
#: The x-range of the steepness figure: the movie feature criticsRating lies in [0, 1].
X_LO, X_HI = -0.5, 1.5
#: The crossing point's range on the steepness explorer (the part of the x-range it moves in).
CROSSING_RANGE = (0.0, 1.0)
#: How far from the crossing the gap between sigmoid and step is measured.
GAP_DISTANCE = 0.05


# -- small helpers of the pictures ----------------------------------------------------------
def step_polyline(w: float, b: float, lo: float, hi: float) -> tuple[np.ndarray, np.ndarray]:
    """The perceptron's step on [lo, hi] as the corner points of a line.

        y = 1 if w·x + b ≥ 0, else 0        (the jump is vertical, at x = −b/w)

    w, b: numbers; lo < hi. Returns (x, y) arrays of 2 or 4 points.
    """
    y_lo, y_hi = float(w * lo + b >= 0), float(w * hi + b >= 0)
    if y_lo == y_hi:
        return np.array([lo, hi]), np.array([y_lo, y_hi])
    x_jump = -b / w  # lo < x_jump <= hi, because the sign changes (and so w != 0)
    return np.array([lo, x_jump, x_jump, hi]), np.array([y_lo, y_lo, y_hi, y_hi])


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
    for label in ax.clabel(cs, fmt="%g"):
        label.set_path_effects(edge)


# -- (0) why smoothness matters: the loss as one weight moves -------------------------------
def weight_sweep_figure(X, y, w, index: int, weights):
    """Static figure: the loss on a data set as the one weight w[index] runs over weights, the
    other weights held, for the perceptron (a staircase) and the sigmoid neuron (smooth).

        perceptron:      L = Σᵢ (step(wᵀxᵢ) − yᵢ)²    (the number of movies it gets wrong)
        sigmoid neuron:  L = Σᵢ (σ(wᵀxᵢ) − yᵢ)²

    X: (N, n + 1) with the bias input 1 in column 0; y: (N,) targets; w: (n + 1,) weights, bias
    first; index: which weight moves; weights: 1-D array of its values. w[index] itself is
    marked. Returns (fig, parts) with the axes parts.ax and the lines parts.perceptron and
    parts.sigmoid (their y-data are the two losses).
    Errors: ValueError for shapes that do not fit or an index outside w.
    """
    X = as_float_array("X", X, ndim=2)
    y = as_float_array("y", y, ndim=1)
    w = as_float_array("w", w, ndim=1)
    weights = as_float_array("weights", weights, ndim=1)
    if X.shape != (y.size, w.size):
        raise ValueError(
            f"X must have shape (len(y), len(w)) = ({y.size}, {w.size}), got {X.shape}"
        )
    index = as_int("index", index, minimum=0, maximum=w.size - 1)
    W = np.repeat(w[None, :], weights.size, axis=0)  # one weight vector per row
    W[:, index] = weights
    Z = W @ X.T  # Z[k, i] = wᵀxᵢ with the k-th value of the moving weight
    loss_step = np.sum((step(Z) - y) ** 2, axis=1)
    loss_sigmoid = np.sum((sigmoid(Z) - y) ** 2, axis=1)

    fig, (ax,) = new_figure(width=6.4, height=3.2)
    wx = r"\mathbf{w}^T\mathbf{x}_i"
    p_label = rf"perceptron: $\sum_i(\mathrm{{step}}({wx})-y_i)^2$"
    s_label = rf"sigmoid neuron: $\sum_i(\sigma({wx})-y_i)^2$"
    (p_line,) = ax.plot(weights, loss_step, color=ORANGE, lw=2, label=p_label)
    (s_line,) = ax.plot(weights, loss_sigmoid, color=BLUE, lw=2.5, label=s_label)
    ax.axvline(
        w[index], color=GREY, ls=":", lw=1.2, label=f"$w_{index} = {w[index]:g}$ (as chosen)"
    )
    ax.set_xlim(weights[0], weights[-1])
    ax.set_ylim(-0.1, max(loss_step.max(), loss_sigmoid.max()) + 1.6)  # room for the legend
    ax.set_xlabel(f"the weight $w_{index}$ (the others held)")
    ax.set_ylabel(r"loss $\mathcal{L}(\mathbf{w})$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right", fontsize="small")
    return fig, figure_parts(ax=ax, perceptron=p_line, sigmoid=s_line)


# -- (1) steepness ----------------------------------------------------------------------------
def steepness_figure(c: float = 1.0, t: float = 0.5):
    """Static figure: the sigmoid neuron σ(c·(x − t)) and the perceptron step(x − t), with the
    predicted gap σ(−0.05·c) marked GAP_DISTANCE either side of the crossing.

        w = c,  b = −c·t:   σ(w·x + b) = σ(c·(x − t))  →  step(x − t)  as c → ∞

    t is the crossing (σ = ½ there, where the step jumps), c the steepness; x runs over
    [X_LO, X_HI] around the feature's range [0, 1]. The two red bars are the gap the formula
    predicts, from the step to σ(−0.05·c) at x = t − 0.05 and to 1 − σ(−0.05·c) at t + 0.05:
    the blue curve drawn from the sigmoid itself should end on them. Returns (fig, parts): the
    axes parts.ax, the lines parts.sigmoid, parts.step and parts.gap, the crossing marker
    parts.half and the x-range parts.lo, parts.hi (so the explorer can move them in place).
    """
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    lo, hi = X_LO, X_HI
    (sig_line,) = ax.plot([], [], color=BLUE, lw=2.5, label=r"sigmoid $\sigma(c\,(x-t))$")
    (step_line,) = ax.plot([], [], color=ORANGE, lw=1.5, ls="--", label="perceptron step")
    (half,) = ax.plot([], [], "o", color=RED, ms=6, label=r"crossing $t$, $y=\frac{1}{2}$")
    (gap_bars,) = ax.plot(
        [], [], color=RED, lw=3, alpha=0.6, solid_capstyle="butt",
        label=rf"predicted gap $\sigma(-{GAP_DISTANCE:g}\,c)$ at $t \pm {GAP_DISTANCE:g}$",
    )  # fmt: skip
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.05, 1.45)  # room above the curves for the legend
    ax.set_yticks([0, 0.5, 1])
    ax.set_xlabel("$x$ (criticsRating)")
    ax.set_ylabel("$y$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", ncols=2, fontsize="small", handlelength=1.5)
    ax.set_title(" \n ", y=1.0)  # a fixed position: no title placement per draw
    parts = figure_parts(
        ax=ax, sigmoid=sig_line, step=step_line, half=half, gap=gap_bars, lo=lo, hi=hi
    )
    _draw_steepness(parts, c, t)
    return fig, parts


def _draw_steepness(a, c: float, t: float) -> dict:
    """Move the steepness figure's artists to steepness c and crossing t; return the numbers
    it shows: w and b, the rise's width 2 ln 99 / c and the largest gap between sigmoid and
    step at least GAP_DISTANCE from the crossing, σ(−c·GAP_DISTANCE)."""
    w, b = c, -c * t + 0.0  # + 0.0: the title never shows "-0"
    x = sigmoid_samples(w, b, a.lo, a.hi)
    a.sigmoid.set_data(x, sigmoid(w * x + b))
    a.step.set_data(*step_polyline(w, b, a.lo, a.hi))
    a.half.set_data([t], [0.5])
    width = ramp_width(w)
    gap = sigmoid(-c * GAP_DISTANCE)
    left, right = t - GAP_DISTANCE, t + GAP_DISTANCE  # the step is 0 left of t, 1 right of it
    a.gap.set_data([left, left, np.nan, right, right], [0.0, gap, np.nan, 1.0, 1.0 - gap])
    a.ax.title.set_text(  # plain text: a changing mathtext title is re-parsed every draw
        f"c = {c:.4g}, t = {t:.2f}: w = {w:.4g}, b = {b:.4g}\n"
        f"rise {width:.2g} wide, gap at t ± {GAP_DISTANCE}: {gap:.2g}"
    )
    return {
        "w = c": w,
        "b = -c t": b,
        "width of the 1%-99% rise": width,
        f"largest gap |sigma - step| at least {GAP_DISTANCE} from t": gap,
    }


class SteepnessExplorer(Explorer):
    """Make the sigmoid neuron steeper at a fixed crossing and watch it turn into the step.

        σ(c·(x − t)) = σ(w·x + b) with w = c, b = −c·t;   σ(c·(x − t)) → step(x − t)
        as c → ∞ at every x ≠ t (at t the sigmoid stays ½)

    c moves on a log scale from 0.1 to 1000 (notches a factor 10^0.01 apart, so the c where
    the gap falls below 0.01, 20 ln 99 ≈ 91.9, can be bracketed closely), t over [0, 1]. The
    readout shows w and b, the width of the rise (dlnotes.neurons.ramp_width) and the largest
    gap between sigmoid and step at least 0.05 from t, σ(−0.05·c): both go to 0 as c grows.
    Errors: ValueError for c or t outside the sliders' ranges, TypeError for a non-number.
    """

    def __init__(self, c: float = 1.0, t: float = 0.5):
        c, t = _in_range("c", c, C_MIN, C_MAX), _in_range("t", t, *CROSSING_RANGE)
        fig, self.parts = steepness_figure(c, t)
        controls = {
            "c": widgets.FloatLogSlider(
                value=c, base=10, min=math.log10(C_MIN), max=math.log10(C_MAX), step=0.01,
                description="steepness c", readout_format=".3g",
                style={"description_width": "initial"},
            ),
            "t": widgets.FloatSlider(
                value=t, min=CROSSING_RANGE[0], max=CROSSING_RANGE[1], step=0.01,
                description="crossing t", style={"description_width": "initial"},
            ),
        }  # fmt: skip
        a = self.parts
        super().__init__(controls, fig, moving=[a.sigmoid, a.step, a.half, a.gap, a.ax.title])

    def _update(self, c: float, t: float) -> dict:
        c, t = _in_range("c", c, C_MIN, C_MAX), _in_range("t", t, *CROSSING_RANGE)
        return _draw_steepness(self.parts, c, t)


def _in_range(name: str, value, low: float, high: float) -> float:
    """value as a float in [low, high] (a slider's range), else a ValueError naming it."""
    value = as_float(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g} (the slider), got {value:g}")
    return value


# -- (2) guesswork ----------------------------------------------------------------------------
#: The square [−6, 6]² of the (w, b) plane that the surface figures show.
SURFACE_RANGE = 6.0
#: The lecture's target: a loss below this. Its guesses first got there with guess 5.
TARGET = 0.001


def lecture_guesses_to_target(target: float = TARGET) -> int:
    """The number of the lecture's guess that first had L < target (5 for 0.001)."""
    losses = [error(w, b) for w, b in LECTURE_GUESSES]
    return 1 + next(k for k, L in enumerate(losses) if L < target)


def guesswork_figure(
    w: float = 0.5, b: float = 0.0, *, guesses=(), show_map: bool = False, n_grid: int = 121
):
    """Static figure of one guess: left, the two points and f(x) = σ(w·x + b) with the errors
    f(xᵢ) − yᵢ as red segments, the guesses and their losses listed; right, a map of L(w, b) on
    [−6, 6]² with the guesses as a trail and (w, b) as a star, hidden under a cover unless
    show_map (a guesser cannot see the whole surface).

        L(w, b) = ½ Σᵢ (f(xᵢ) − yᵢ)²

    guesses: a sequence of (w, b) pairs (say dlnotes.toy.LECTURE_GUESSES). The surface is
    computed once here (n_grid points a side). Returns (fig, parts) with the lines and texts an
    explorer moves (parts.cover and parts.cover_text hide the map).
    """
    fig, (ax, ax_s) = new_figure(2, width=9.5, height=3.9)
    x = np.linspace(-1.5, 4.5, 241)
    (points,) = ax.plot(X, Y, "o", color="black", ms=8, zorder=3, label="data $(x_i, y_i)$")
    (curve,) = ax.plot(x, f(w, b, x), color=BLUE, lw=2.5, label=r"$f(x)=\sigma(wx+b)$")
    (resid,) = ax.plot([], [], color=RED, lw=2, label=r"error $f(x_i)-y_i$")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(-0.05, 1.35)  # room above the curve for the legend
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", ncols=3, fontsize="small", handlelength=1.2, columnspacing=0.8)
    ax.set_title(" ", y=1.0)
    log_text = ax.text(
        0.98, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", family="monospace",
        fontsize="small", bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": GREY},
    )  # fmt: skip

    r = SURFACE_RANGE
    grid = np.linspace(-r, r, n_grid)
    W, B, L = error_surface(grid, grid)
    image = ax_s.imshow(
        L, origin="lower", extent=(-r, r, -r, r), cmap="viridis", aspect="auto",
        interpolation="bilinear",
    )  # fmt: skip
    fig.colorbar(image, ax=ax_s, label=r"$\mathcal{L}(w, b)$")
    _contour_lines(ax_s, W, B, L, [0.001, 0.01, 0.05, 0.1, 0.2, 0.3])
    (trail,) = ax_s.plot([], [], "-o", color=ORANGE, ms=6, lw=1.5, mec="white", mew=0.8)
    (current,) = ax_s.plot([w], [b], "*", color=RED, ms=14, mec="white", mew=1)
    cover = Rectangle((0, 0), 1, 1, transform=ax_s.transAxes, facecolor="#eeeeee", zorder=10)
    ax_s.add_patch(cover)
    cover_text = ax_s.text(
        0.5, 0.5, "the map of L(w, b) is hidden:\nthe lecture's guesser could not see it",
        transform=ax_s.transAxes, ha="center", va="center", zorder=11,
    )  # fmt: skip
    cover.set_visible(not show_map)
    cover_text.set_visible(not show_map)
    ax_s.set_xlim(-r, r)
    ax_s.set_ylim(-r, r)
    ax_s.set_xlabel("$w$")
    ax_s.set_ylabel("$b$")
    ax_s.set_title(r"$\mathcal{L}(w, b)$ and the guesses", y=1.0)
    parts = figure_parts(ax=ax, ax_surface=ax_s, x=x, points=points, curve=curve, resid=resid,
                         log_text=log_text, trail=trail, current=current, cover=cover,
                         cover_text=cover_text)  # fmt: skip
    _draw_guess(parts, w, b, list(guesses))
    if guesses:
        last_w, last_b = guesses[-1]
        ax.title.set_text(f"guess {len(guesses)}: w = {last_w:.2f}, b = {last_b:.2f}, "
                          f"L = {error(last_w, last_b):.2e}")  # fmt: skip
    return fig, parts


def _draw_guess(a, w: float, b: float, log: list) -> float:
    """Move the guesswork figure's artists to w, b with the guesses log ((w, b) pairs, oldest
    first, the last few listed); return the loss at (w, b)."""
    L = error(w, b)
    a.curve.set_ydata(f(w, b, a.x))
    fx = f(w, b, X)
    a.resid.set_data([X[0], X[0], np.nan, X[1], X[1]], [Y[0], fx[0], np.nan, Y[1], fx[1]])
    a.current.set_data([w], [b])
    if log:
        ws, bs = zip(*log, strict=True)
        a.trail.set_data(ws, bs)
        first = max(len(log) - 8, 0)
        lines = [f"{k:2d} {gw:+6.2f} {gb:+6.2f}  {error(gw, gb):.2e}"
                 for k, (gw, gb) in enumerate(log[first:], start=first + 1)]  # fmt: skip
        a.log_text.set_text(" #     w      b        L\n" + "\n".join(lines))
    else:
        a.trail.set_data([], [])
        a.log_text.set_text("")
    return L


class GuessworkExplorer(Explorer):
    """Learning by guesswork, as the lecture did it: set w and b, press Guess to see the loss of
    that guess, and try again. Can you get L < 0.001 in fewer guesses than the lecture (5)?

        L(w, b) = ½ Σᵢ (σ(w·xᵢ + b) − yᵢ)²

    The sliders move the curve (what the lecture looked at); only a guess shows its loss, is
    counted and joins the list. The map of L(w, b) stays hidden (the guesser cannot see the
    surface) until show_map() or the "Show the map" button; its trail marks the guesses.
    start_again() forgets the guesses. The readout: guesses made, the last guess's loss, the
    best loss, and the score against the lecture.
    Errors: ValueError for w or b outside [−6, 6] (the sliders), TypeError for a non-number.
    """

    def __init__(self, w: float = 0.5, b: float = 0.0):
        r = SURFACE_RANGE
        w, b = _in_range("w", w, -r, r), _in_range("b", b, -r, r)
        self.log: list = []
        self.map_shown = False
        fig, self.parts = guesswork_figure(w, b)
        controls = {
            "w": widgets.FloatSlider(value=w, min=-r, max=r, step=0.01, description="w"),
            "b": widgets.FloatSlider(value=b, min=-r, max=r, step=0.01, description="b"),
        }
        self.guess_button = widgets.Button(description="Guess", icon="check",
                                           button_style="primary")  # fmt: skip
        self.guess_button.on_click(lambda _: self.guess())
        self.map_button = widgets.Button(description="Show the map", icon="map")
        self.map_button.on_click(lambda _: self.show_map(not self.map_shown))
        self.again_button = widgets.Button(description="Start again", icon="undo")
        self.again_button.on_click(lambda _: self.start_again())
        a = self.parts
        # The list of guesses is shown as HTML under the readout: text drawn into the picture
        # costs about 20 ms a move (see Explorer._caption_html); parts.log_text keeps its text.
        a.log_text.set_visible(False)
        self.guesses = widgets.HTML()
        moving = [a.curve, a.resid, a.points, a.trail, a.current, a.cover, a.cover_text,
                  a.ax.title]  # fmt: skip
        buttons = [self.guess_button, self.map_button, self.again_button]
        super().__init__(controls, fig, moving=moving, extra=buttons, below=[self.guesses])

    def _update(self, w: float, b: float) -> dict:
        r = SURFACE_RANGE
        w, b = _in_range("w", w, -r, r), _in_range("b", b, -r, r)
        self._current = (w, b)
        _draw_guess(self.parts, w, b, self.log)
        self.guesses.value = (
            '<pre style="font-size:13px;line-height:1.3;margin:0">'
            f"{html.escape(self.parts.log_text.get_text())}</pre>"
        )
        scored = bool(self.log) and self.log[-1] == (w, b)
        losses = [error(gw, gb) for gw, gb in self.log]
        self.parts.ax.title.set_text(
            f"w = {w:.2f}, b = {b:.2f}: "
            + (f"guess {len(self.log)}, L = {losses[-1]:.2e}" if scored else "press Guess to see L")
        )
        return {
            "guesses": len(self.log),
            "last guess's L": losses[-1] if losses else "none yet",
            "best L": min(losses) if losses else "none yet",
            "score": self.score(),
        }

    def score(self) -> str:
        """The challenge in words: at which guess L first fell below TARGET, against the
        lecture's guess number."""
        lecture = lecture_guesses_to_target()
        below = [k for k, (w, b) in enumerate(self.log, start=1) if error(w, b) < TARGET]
        if not below:
            return f"no guess below L = {TARGET:g} yet (the lecture: guess {lecture})"
        k = below[0]
        verdict = (
            "you beat the lecture"
            if k < lecture
            else "a tie with the lecture"
            if k == lecture
            else "the lecture was faster"
        )
        return f"L < {TARGET:g} at your guess {k}, the lecture's at guess {lecture}: {verdict}"

    def guess(self) -> dict:
        """Score the (w, b) shown as a guess: its loss is shown and it counts."""
        self.log.append(self._current)
        return self._refresh_at_current()

    def _refresh_at_current(self) -> dict:
        """Redraw at the (w, b) last shown (update() may have set it without the sliders)."""
        with self.quietly():
            self.controls["w"].value, self.controls["b"].value = self._current
        return self.refresh()

    def show_map(self, shown: bool = True) -> dict:
        """Uncover (or cover again) the map of L(w, b) with the trail of guesses."""
        self.map_shown = bool(shown)
        self.parts.cover.set_visible(not self.map_shown)
        self.parts.cover_text.set_visible(not self.map_shown)
        self.map_button.description = "Hide the map" if self.map_shown else "Show the map"
        return self._refresh_at_current()

    def start_again(self) -> dict:
        """Forget the guesses."""
        self.log.clear()
        return self._refresh_at_current()


# -- the error surface, for the notebook -----------------------------------------------------
#: Where error_surface_figure writes the name of each region, as (w, b): the basin around the
#: exact fit (L < 0.001), the shelf beside it (f(x₂) ≈ 1 overshoots y₂ = 0.9, L ≈ 0.003-0.03)
#: and three plateaus, named by the saturated outputs (f(x₁), f(x₂)) there. The tests check
#: that each label lies in its region.
REGION_LABELS = {
    "basin": (1.85, -2.3),
    "shelf": (4.6, -4.6),
    "plateau (0, 0)": (-3.5, -4.0),
    "plateau (1, 1)": (-0.6, 5.0),
    "plateau (1, 0)": (-4.5, 5.5),
}
#: The window (w_lo, w_hi, b_lo, b_hi) of the error-surface figure's zoom on the basin, and
#: where on the map (axes fractions x, y, width, height) the zoomed inset sits.
BASIN_ZOOM = (1.25, 2.35, -2.95, -1.55)
INSET_AT = (0.6, 0.5, 0.38, 0.39)


def error_surface_figure(guesses=LECTURE_GUESSES, *, n_grid: int = 121):
    """Static figure: L(w, b) on [−6, 6]² as a 3-D surface (left) and a contour map (right),
    with guesses ((w, b) pairs) marked and numbered in order, and the regions named.

        L(w, b) = ½ Σᵢ (σ(w·xᵢ + b) − yᵢ)²

    The 3-D view has w growing to the right and b growing away from the viewer, as on the map;
    the regions of REGION_LABELS are named on both panels. The small basin (L < 0.001, a red
    loop) is drawn again, enlarged, in an inset of the map (the window BASIN_ZOOM) with the
    guesses inside it and the exact fit (w*, b*); those guesses are numbered there, not on the
    crowded map. Returns (fig, parts) with the axes parts.ax3d, parts.ax_contour and
    parts.ax_inset.
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
        if name != "basin":  # its label would cover the guesses; the map names it
            ax3.text(wl, bl, error(wl, bl) + 0.08, name, ha="center", zorder=11, bbox=box)
    ax3.set_xlabel("$w$")
    ax3.set_ylabel("$b$")
    ax3.set_zlabel(r"$\mathcal{L}$")
    ax3.view_init(elev=35, azim=-70)  # w to the right, b away from the viewer, as on the map
    ax3.set_title("the error surface: plateaus, a shelf and a small basin")

    cf = ax.contourf(W, B, L, levels=20, cmap="viridis")
    _contour_lines(ax, W, B, L, [0.01, 0.05])
    ax.contour(W, B, L, levels=[0.001], colors=RED, linewidths=2.0)
    fig.colorbar(cf, ax=ax, label=r"$\mathcal{L}(w, b)$")
    for name, (wl, bl) in REGION_LABELS.items():
        if name != "basin":  # the inset names the basin
            ax.text(wl, bl, name, ha="center", va="center", bbox=box)
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_title(r"contours of $\mathcal{L}$ at 0.01, 0.05 (white) and 0.001 (red)")

    w_lo, w_hi, b_lo, b_hi = BASIN_ZOOM
    inset = ax.inset_axes(INSET_AT)
    zw, zb, zL = error_surface(np.linspace(w_lo, w_hi, 121), np.linspace(b_lo, b_hi, 121))
    inset.contourf(zw, zb, zL, levels=cf.levels, cmap="viridis")
    inset.contour(zw, zb, zL, levels=[0.01], colors="white", linewidths=0.9)  # named on the map
    inset.contour(zw, zb, zL, levels=[0.001], colors=RED, linewidths=2.0)
    inset.plot(*exact_solution(), "*", color="white", mec="black", ms=12, zorder=4)
    inset.annotate("exact fit $(w^*, b^*)$", exact_solution(), xytext=(0.97, 0.04),
                   textcoords="axes fraction", ha="right", va="bottom", fontsize="small",
                   bbox=box, arrowprops={"arrowstyle": "-", "color": "white"})  # fmt: skip
    inset.set_xlim(w_lo, w_hi)
    inset.set_ylim(b_lo, b_hi)
    inset.set_xticks([1.5, 2.0])
    inset.set_yticks([-2.5, -2.0])
    inset.tick_params(labelsize="x-small", pad=1)
    inset.set_title("zoom: the basin L < 0.001", color=RED, fontsize="small", pad=2, bbox=box)
    ax.indicate_inset_zoom(inset, edgecolor="white", alpha=0.9)

    if len(gw):
        for axes in (ax, inset):
            axes.plot(gw, gb, "-o", color=ORANGE, mec="black", mew=0.5, ms=5, lw=1)
        zoomed = (gw >= w_lo) & (gw <= w_hi) & (gb >= b_lo) & (gb <= b_hi)
        for k, (wk, bk) in enumerate(zip(gw, gb, strict=True), start=1):
            # on the map above-left and below-right in turn (the guesses lie close together);
            # in the inset above-right, off the trail that runs down to the right
            offset = (5, 3) if zoomed[k - 1] else (-14, 4) if k % 2 else (6, -14)
            (inset if zoomed[k - 1] else ax).annotate(
                str(k), (wk, bk), xytext=offset, textcoords="offset points", color="black",
                bbox=box,
            )  # fmt: skip
    return fig, figure_parts(ax3d=ax3, ax_contour=ax, ax_inset=inset)


__all__ = [
    "weight_sweep_figure",
    "C_MIN",
    "C_MAX",
    "TARGET",
    "lecture_guesses_to_target",
    "step_polyline",
    "sigmoid_samples",
    "steepness_figure",
    "SteepnessExplorer",
    "guesswork_figure",
    "GuessworkExplorer",
    "REGION_LABELS",
    "BASIN_ZOOM",
    "error_surface_figure",
]
