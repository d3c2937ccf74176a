"""Notebook 01's explorers and figures: a perceptron on the four points of the unit square.

* PerceptronExplorer: sliders for w₀, w₁, w₂ and one of the 16 boolean functions of two inputs;
  the decision line, the positive side, the mistakes.
* LearningExplorer: the learning algorithm replayed update by update (a Play control), the normal
  (w₁, w₂) as an arrow, the corrected input highlighted.

The figure builders here (mp_figure, perceptron_figure, learning_figure, angle_figure,
sixteen_functions_figure) draw the notebook's static pictures too.
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from matplotlib.ticker import MaxNLocator
from numpy.linalg import norm

from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.neurons import perceptron
from dlnotes.perceptron import (
    TWO_INPUT_FUNCTIONS,
    boolean_inputs,
    is_linearly_separable,
    perceptron_margin,
    separable_data,
    train_perceptron,
)
from dlnotes.plots import BLUE, GREEN, GREY, ORANGE, PURPLE, RED, new_figure

#: The square drawn around the four inputs, in both x1 and x2.
LIM = (-0.5, 1.5)
#: Epochs the learning explorer runs before giving up (XOR never converges).
LEARNING_EPOCHS = 15


def halfplane_in_box(w, lim=LIM):
    """Clip the box lim × lim to the positive side w₀ + w₁x₁ + w₂x₂ ≥ 0.

    w: three weights, bias first. Returns (polygon, segment): the corners of the clipped region,
    shape (k, 2) (k = 0 when the positive side misses the box), and the part of the line w·(1, x)
    = 0 inside the box, shape (2, 2), or None when the line misses the box (or w₁ = w₂ = 0).
    """
    w = np.asarray(w, dtype=float)
    lo, hi = lim
    corners = np.array([[lo, lo], [hi, lo], [hi, hi], [lo, hi]])
    value = w[0] + corners @ w[1:]
    polygon, crossings = [], []
    for i in range(4):  # Sutherland-Hodgman against the single edge w . (1, x) = 0
        j = (i + 1) % 4
        if value[i] >= 0:
            polygon.append(corners[i])
        if (value[i] >= 0) != (value[j] >= 0):
            t = value[i] / (value[i] - value[j])
            point = corners[i] + t * (corners[j] - corners[i])
            polygon.append(point)
            crossings.append(point)
    segment = np.array(crossings) if len(crossings) == 2 else None
    return np.array(polygon).reshape(-1, 2), segment


def _dot(colour, label, mec="black", ms=9, mew=1.0) -> Line2D:
    """A legend entry: a round marker filled with colour."""
    return Line2D([], [], ls="", marker="o", mfc=colour, mec=mec, ms=ms, mew=mew, label=label)


def _square(ax) -> None:
    """The unit square with a margin, equal scales, ticks at 0 and 1."""
    ax.set(xlim=LIM, ylim=LIM, xticks=[0, 1], yticks=[0, 1], aspect="equal")


class PlanePicture:
    """The four inputs of two boolean variables on ax, coloured by target, with a perceptron's line,
    its positive side shaded, and rings around the misclassified inputs.

    set moves everything in place for new weights or targets and returns the number of mistakes.
    """

    def __init__(self, ax, w, targets, *, legend=True, side=r"$w \cdot x \geq 0$", wrong=True):
        self.ax = ax
        self.X = boolean_inputs(2).astype(float)
        self.region = Polygon(
            np.zeros((3, 2)), closed=True, facecolor=ORANGE, alpha=0.15, edgecolor="none"
        )
        ax.add_patch(self.region)
        (self.line,) = ax.plot([], [], color="black", lw=2)
        self.points = ax.scatter(
            self.X[:, 0], self.X[:, 1], s=160, c=[BLUE] * 4, edgecolors="black", zorder=3
        )
        self.rings = ax.scatter(
            [], [], s=480, facecolors="none", edgecolors=RED, linewidths=2.5, zorder=4
        )
        self.labels = [  # beside the point, outside the square: no line through (0,0)-(1,1)
            ax.annotate(
                f"({x1:.0f},{x2:.0f})",
                (x1, x2),
                xytext=(-12 if x1 == 0 else 12, 0),
                textcoords="offset points",
                ha="right" if x1 == 0 else "left",
                va="center",
                fontsize=9,
            )  # fmt: skip
            for x1, x2 in self.X
        ]
        self.lim = LIM
        _square(ax)
        ax.set(xlabel="$x_1$", ylabel="$x_2$")
        ax.grid(alpha=0.3)
        if legend:
            handles = [
                _dot(ORANGE, "target 1"),
                _dot(BLUE, "target 0"),
                Patch(facecolor=ORANGE, alpha=0.3, label=side),
                Line2D([], [], color="black", lw=2, label="the line"),
            ]
            if wrong:  # a key for the rings, where a picture can have any
                handles.append(_dot("none", "wrong", mec=RED, ms=14, mew=2))
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=9)
        self.set(w, targets)

    def use(self, X, lim=LIM) -> None:
        """Show the points X (shape (m, 2)) in the box lim × lim instead; the four corners of
        the unit square keep their labels and ticks, other points get none."""
        self.X, self.lim = np.asarray(X, dtype=float), lim
        corners = self.X.shape == (4, 2) and np.array_equal(self.X, boolean_inputs(2))
        for label in self.labels:
            label.set_visible(corners)
        self.points.set_offsets(self.X)
        self.points.set_sizes([160 if corners else 60])
        self.rings.set_sizes([480 if corners else 180])
        ticks = [0, 1] if corners else [-1, 0, 1]
        self.ax.set(xlim=lim, ylim=lim, xticks=ticks, yticks=ticks)

    def set(self, w, targets) -> int:
        """Move the line, the shading, the colours and the rings; return the mistakes."""
        w = np.asarray(w, dtype=float)
        targets = np.asarray(targets)
        polygon, segment = halfplane_in_box(w, self.lim)
        self.region.set_visible(len(polygon) >= 3)
        if len(polygon) >= 3:
            self.region.set_xy(polygon)
        if segment is None:
            self.line.set_data([], [])
        else:
            self.line.set_data(segment[:, 0], segment[:, 1])
        self.points.set_facecolors([ORANGE if t == 1 else BLUE for t in targets])
        wrong = perceptron(self.X, w) != targets
        self.rings.set_offsets(self.X[wrong] if wrong.any() else np.empty((0, 2)))
        return int(wrong.sum())


def _function_name(name) -> str:
    """name if it is one of the 16 functions of TWO_INPUT_FUNCTIONS, else a ValueError."""
    if name not in TWO_INPUT_FUNCTIONS:
        raise ValueError(
            f"function must be one of {', '.join(map(repr, TWO_INPUT_FUNCTIONS))}; got {name!r}"
        )
    return name


def _weights(w) -> np.ndarray:
    """w as three finite floats (w0, w1, w2), bias first, else a ValueError saying so."""
    try:
        w = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"w must be three numbers (w0, w1, w2), bias first; got {w!r:.60}"
        ) from None
    if w.shape != (3,) or not np.all(np.isfinite(w)):
        raise ValueError(f"w must be three finite numbers (w0, w1, w2), bias first; got {w}")
    return w


def _title(name: str, w, mistakes: int) -> str:
    w = np.round(np.asarray(w, dtype=float), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return f"{name}: w = ({w[0]:.1f}, {w[1]:.1f}, {w[2]:.1f}), {mistakes} of 4 inputs wrong"


def mp_figure(functions=(("OR", 1), ("AND", 2))):
    """Static figure: McCulloch-Pitts neurons of two inputs side by side. A neuron with threshold θ
    fires when x₁ + x₂ ≥ θ: the line x₁ + x₂ = θ splits the square, the inputs on it or beyond it
    give 1.

    functions: pairs (name in TWO_INPUT_FUNCTIONS, theta). Returns (fig, parts); parts.mistakes
    lists the number of inputs where each neuron differs from the named function.
    """
    fig, axes = new_figure(len(functions), width=4.2 * len(functions) + 1.4, height=4.0)
    mistakes = []
    for i, (ax, (name, theta)) in enumerate(zip(axes, functions, strict=True)):
        w, t, side = (-theta, 1.0, 1.0), TWO_INPUT_FUNCTIONS[name], r"$x_1 + x_2 \geq \theta$"
        picture = PlanePicture(ax, w, t, legend=i == len(axes) - 1, side=side, wrong=False)
        mistakes.append(picture.set(w, t))
        ax.set_title(f"{name}: fires when $x_1 + x_2 \\geq {theta}$", fontsize=10)
    return fig, figure_parts(axes=axes, mistakes=mistakes)


#: The (w₁, w₂) grid of the mistakes map: the sliders' range, in steps of 0.05.
MAP_GRID = np.linspace(-2.0, 2.0, 81)


def mistakes_map(w0, targets) -> np.ndarray:
    """How many of the four inputs the perceptron (w0, w1, w2) gets wrong, for every (w1, w2)
    of MAP_GRID: shape (81, 81), rows along w2, columns along w1 (the notes' error surface of a
    perceptron, with w0 held fixed)."""
    W1, W2 = np.meshgrid(MAP_GRID, MAP_GRID)
    X = boolean_inputs(2).astype(float)
    fires = (w0 + W1[..., None] * X[:, 0] + W2[..., None] * X[:, 1]) >= 0  # (81, 81, 4)
    return np.sum(fires != (np.asarray(targets) == 1), axis=-1)


def perceptron_figure(w=(-0.5, 1.0, 1.0), name="OR", *, errors=False):
    """Static figure: a perceptron with weights w (bias first) against the truth table of the
    two-input function name (a key of TWO_INPUT_FUNCTIONS). With errors, a second panel maps
    the number of inputs it gets wrong over the (w₁, w₂) plane at this w₀ (mistakes_map), the
    current (w₁, w₂) marked: a function with no line has no cell at 0, whatever w₀.

    Returns (fig, parts): parts.picture is the PlanePicture, parts.mistakes the number of inputs
    it gets wrong; with errors also parts.map (the image) and parts.here (the marker).
    """
    w, name = _weights(w), _function_name(name)
    if not errors:
        fig, (ax,) = new_figure(width=6.0, height=4.2)
    else:
        fig, (ax, ax_map) = new_figure(2, width=9.6, height=4.2)
    picture = PlanePicture(ax, w, TWO_INPUT_FUNCTIONS[name])
    mistakes = picture.set(w, TWO_INPUT_FUNCTIONS[name])
    ax.set_title(_title(name, w, mistakes), fontsize=10)
    parts = figure_parts(picture=picture, mistakes=mistakes)
    if errors:
        lo, hi = MAP_GRID[0], MAP_GRID[-1]
        counts = ListedColormap(colormaps["viridis"](np.linspace(0, 1, 5)))  # 0, 1, ..., 4
        parts.map = ax_map.imshow(mistakes_map(w[0], TWO_INPUT_FUNCTIONS[name]), origin="lower",
                                  extent=(lo, hi, lo, hi), cmap=counts, vmin=-0.5, vmax=4.5,
                                  interpolation="nearest")  # fmt: skip
        (parts.here,) = ax_map.plot([w[1]], [w[2]], "o", ms=10, mfc="white", mec=RED, mew=2.5)
        bar = fig.colorbar(parts.map, ax=ax_map, ticks=range(5), shrink=0.8)
        bar.set_label("inputs wrong")
        ax_map.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal")
        ax_map.set_title("mistakes over $(w_1, w_2)$ at this $w_0$", fontsize=10)
        parts.ax_map = ax_map
    return fig, parts


def _function_menu(function) -> widgets.Dropdown:
    """A menu of the 16 boolean functions of two inputs, showing function."""
    return widgets.Dropdown(
        options=list(TWO_INPUT_FUNCTIONS), value=function, description="function"
    )


class PerceptronExplorer(Explorer):
    """Sliders for w₀, w₁, w₂ and a choice of the 16 boolean functions of two inputs.

    The perceptron says 1 on the shaded side of its line w₀ + w₁x₁ + w₂x₂ = 0; the inputs are
    coloured by the function's target and ringed when the perceptron gets them wrong. Beside
    it, the mistakes over the (w₁, w₂) plane at the current w₀ (mistakes_map). update returns
    the number of mistakes, the fewest on that map, and whether any line gets all 4 right.
    """

    def __init__(self, w0=-0.5, w1=1.0, w2=1.0, function="OR"):
        fig, parts = perceptron_figure((w0, w1, w2), _function_name(function), errors=True)
        self.parts, self.picture = parts, parts.picture
        p = self.picture
        self.separable = {n: is_linearly_separable(p.X, t) for n, t in TWO_INPUT_FUNCTIONS.items()}
        controls = {
            name: widgets.FloatSlider(value=value, min=-2, max=2, step=0.1, description=name)
            for name, value in [("w0", w0), ("w1", w1), ("w2", w2)]
        }
        controls["function"] = _function_menu(function)
        moving = [p.region, p.line, p.points, p.rings, parts.map, parts.here, p.ax.title]
        super().__init__(controls, fig, moving=moving)

    def _update(self, w0, w1, w2, function) -> dict:
        w = np.array([w0, w1, w2], dtype=float)
        mistakes = self.picture.set(w, TWO_INPUT_FUNCTIONS[function])
        self.picture.ax.set_title(_title(function, w, mistakes), fontsize=10)
        errors = mistakes_map(w0, TWO_INPUT_FUNCTIONS[function])
        self.parts.map.set_data(errors)
        self.parts.here.set_data([w1], [w2])
        return {
            "mistakes": mistakes,
            "fewest mistakes at this w0": int(errors.min()),
            "some line gets all 4 right": "yes" if self.separable[function] else "no",
        }


#: The data the learning explorer offers: the four corners (with the targets of a chosen
#: function), or 40 random points in [−1, 1]² labelled by a random w* with every point's
#: normalised margin w*·p/‖p‖ at least the number given (dlnotes.perceptron.separable_data,
#: seed 1). As ‖p‖ ≥ 1 (x₀ = 1), the theorem's margin γ = min w*·p is at least that number too,
#: which is what the menu says; the readout shows the γ itself.
DATA = {"the four corners": None, "40 points, γ ≥ 0.3": 0.3, "40 points, γ ≥ 0.1": 0.1,
        "40 points, γ ≥ 0.03": 0.03, "40 points, γ ≥ 0.01": 0.01}  # fmt: skip
#: The box the random points are drawn in.
CLOUD_LIM = (-1.1, 1.1)
#: Epochs the learning explorer allows on the random points (thin margins need more).
CLOUD_EPOCHS = 200


def learning_data(data="the four corners", function="AND"):
    """The inputs, targets and (for random points) the w* that labelled them, of one of DATA:
    (X of shape (m, 2), targets of shape (m,), w_star or None)."""
    margin = DATA[_choice("data", data, DATA)]
    if margin is None:
        return boolean_inputs(2), np.array(TWO_INPUT_FUNCTIONS[_function_name(function)]), None
    X, targets, w_star = separable_data(40, n=2, gamma=margin, seed=1)
    return X, targets, w_star


#: The visiting orders and the starts the learning explorer offers: None is "in turn" and
#: w = 0; a number is the seed of np.random.default_rng for a random order or a random start.
ORDERS = {"in turn": None, "random, seed 1": 1, "random, seed 2": 2, "random, seed 3": 3}
STARTS = {"w = 0": None, "random, seed 1": 1, "random, seed 2": 2, "random, seed 3": 3}


def start_weights(start) -> np.ndarray | None:
    """The starting w of the learning explorer: None (w = 0) or whole numbers from −2 to 2
    drawn with np.random.default_rng(seed), so that a run can still be traced by hand."""
    seed = STARTS[_choice("start", start, STARTS)]
    return None if seed is None else np.random.default_rng(seed).integers(-2, 3, 3).astype(float)


def _choice(name: str, value, options) -> str:
    if value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}")
    return value


def learning_run(function="AND", order="in turn", start="w = 0", max_epochs=LEARNING_EPOCHS,
                 data="the four corners"):  # fmt: skip
    """train_perceptron on data (DATA: the four corners with the targets of function, or random
    points), the inputs visited in order (ORDERS) from the start (STARTS). Returns its
    PerceptronResult."""
    w_init = start_weights(start)
    seed = ORDERS[_choice("order", order, ORDERS)]
    X, targets, w_star = learning_data(data, function)
    epochs = max_epochs if w_star is None else CLOUD_EPOCHS
    return train_perceptron(X, targets, epochs, w_init=w_init, seed=seed)


#: The separators the theorem's readout tries: every whole-number w with entries −4 … 4.
SEPARATOR_CANDIDATES = np.array([c for c in np.ndindex(9, 9, 9) if c != (4, 4, 4)]) - 4.0


def theorem(function, w_start, data="the four corners") -> SimpleNamespace | None:
    """What the convergence theorem predicts for a run on data (DATA; on the four corners,
    with the targets of function) from w_start, or None when no line exists (XOR, XNOR).

    On the four corners, w* is the unit vector along the whole-number separator (entries
    −4 … 4) of largest margin γ; on random points, the w* that labelled them. R = max ‖(1, x)‖.
    From w⁽⁰⁾ the proof gives w*·w⁽ᵏ⁾ ≥ a + kγ and ‖w⁽ᵏ⁾‖² ≤ b + kR², with a = w*·w⁽⁰⁾ and
    b = ‖w⁽⁰⁾‖²; as a cosine is at most 1, (a + kγ)² ≤ b + kR² once a + kγ > 0, so
    k ≤ ((R² − 2aγ) + √((R² − 2aγ)² − 4γ²(a² − b)))/(2γ²): R²/γ² when w⁽⁰⁾ = 0.
    Returns w_star, gamma, R, a, b and bound.
    """
    X, targets, w_star = learning_data(data, function)
    X1 = np.hstack([np.ones((len(X), 1)), X])
    if w_star is None:  # the corners: the best whole-number separator, if there is one
        if not is_linearly_separable(X, targets):
            return None
        P_prime = (2 * targets - 1)[:, None] * X1  # N turned around
        margins = np.min(SEPARATOR_CANDIDATES @ P_prime.T, axis=1)
        w_star = SEPARATOR_CANDIDATES[np.argmax(margins / norm(SEPARATOR_CANDIDATES, axis=1))]
    w_star = w_star / norm(w_star)
    gamma = perceptron_margin(X, targets, w_star, normalize=False)
    R = float(np.max(norm(X1, axis=1)))
    w0 = np.zeros(3) if w_start is None else np.asarray(w_start, dtype=float)
    a, b = float(w_star @ w0), float(w0 @ w0)
    c = R**2 - 2 * a * gamma
    bound = (c + np.sqrt(max(c**2 - 4 * gamma**2 * (a**2 - b), 0.0))) / (2 * gamma**2)
    return SimpleNamespace(w_star=w_star, gamma=gamma, R=R, a=a, b=b, bound=float(bound))


def learning_figure(function="AND", k=None, max_epochs=LEARNING_EPOCHS, *, order="in turn",
                    start="w = 0", bound=False, data="the four corners"):  # fmt: skip
    """Static figure: the perceptron learning algorithm on function (a key of TWO_INPUT_FUNCTIONS),
    the inputs visited in order from start (see learning_run), shown after update k (default:
    the last one).

    Left: the inputs, the line of w after update k (the one before it dashed), the normal (w₁,
    w₂) as an arrow and the input that update corrected, in green. Right: the number of mistakes
    after each update, titled with the theorem's bound on the updates if bound is true (see
    theorem). Returns (fig, parts); parts.panel is the LearningPanel.
    """
    result = learning_run(function, order, start, max_epochs, data)
    fig, axes = new_figure(2, width=10.0, height=4.0)
    panel = LearningPanel(axes, function, result, bound=bound, data=data)
    panel.set(result.updates if k is None else k)
    return fig, figure_parts(panel=panel)


class LearningPanel:
    """The artists of learning_figure; set shows update k."""

    def __init__(self, axes, function, result, *, bound=False, data="the four corners"):
        self.ax, self.ax_mistakes = axes
        self.show_bound = bound
        self.function, self.result = function, result
        targets = TWO_INPUT_FUNCTIONS[function]
        self.picture = PlanePicture(self.ax, result.history[0], targets, legend=False)
        (self.previous,) = self.ax.plot([], [], color=GREY, lw=1.5, ls="--")
        self.arrow = self.ax.arrow(
            0, 0, 0, 0, width=0.02, head_width=0.09, length_includes_head=True, color=PURPLE
        )
        self.highlight = self.ax.scatter(
            [], [], s=560, facecolors="none", edgecolors=GREEN, linewidths=3, zorder=5
        )
        handles = [
            _dot(ORANGE, "target 1"),
            _dot(BLUE, "target 0"),
            Line2D([], [], color="black", lw=2, label="line after update"),
            Line2D([], [], color=GREY, lw=1.5, ls="--", label="line before"),
            Line2D([], [], color=PURPLE, lw=2, label="normal $(w_1, w_2)$"),
            _dot("none", "input corrected", mec=GREEN, ms=15, mew=2.5),
            _dot("none", "wrong after update", mec=RED, ms=14, mew=2),
        ]
        self.ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=9,
                       frameon=False)  # fmt: skip
        (self.curve,) = self.ax_mistakes.plot([], [], color=BLUE, lw=1.5, marker=".")
        (self.marker,) = self.ax_mistakes.plot([], [], "o", color=RED, ms=9)
        self.ax_mistakes.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        self.ax_mistakes.set(xlabel="update $k$", ylabel="inputs wrong after update $k$")
        self.ax_mistakes.grid(alpha=0.3)
        self.load(function, result, data)

    def load(self, function, result, data="the four corners") -> None:
        """Show another run (function or data, its train_perceptron result), reusing the
        artists; call set next.
        """
        self.function, self.result, self.data = function, result, data
        self.theory = theorem(function, result.history[0], data)
        X, self.targets, w_star = learning_data(data, function)
        self.picture.use(X, LIM if w_star is None else CLOUD_LIM)
        self.name = function if w_star is None else "40 points"
        self.mistakes = np.array([int(np.sum(perceptron(X, w) != self.targets))
                                  for w in result.history])  # fmt: skip
        ks = np.arange(len(self.mistakes))
        self.curve.set_data(ks, self.mistakes)
        self.ax_mistakes.set_xlim(-0.5, max(len(ks) - 0.5, 1.5))
        top = max(4, int(self.mistakes.max()))
        self.ax_mistakes.set_ylim(-0.075 * top, 1.075 * top)
        self.ax_mistakes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        if result.converged:
            title = f"converged after {result.updates} updates"
            if self.theory and self.show_bound:
                title += f" (theorem: at most {self.theory.bound:.1f})"
        else:
            title = f"not converged after {result.epochs} epochs: no line exists"
        self.ax_mistakes.set_ylabel(f"inputs wrong (of {len(self.targets)}) after update $k$")
        self.ax_mistakes.set_title(title, fontsize=10)

    def set(self, k) -> dict:
        """Show the state after update k (clipped to 0..updates); return what is shown."""
        result = self.result
        k = int(np.clip(k, 0, result.updates))
        w = result.history[k]
        mistakes = self.picture.set(w, self.targets)
        if k == 0:
            self.previous.set_data([], [])
            self.highlight.set_offsets(np.empty((0, 2)))
            what = ""
        else:
            lim = self.picture.lim
            _, segment = halfplane_in_box(result.history[k - 1], lim)
            self.previous.set_data(*(segment.T if segment is not None else ([], [])))
            i = result.corrected[k - 1]
            x = self.picture.X[i]
            self.highlight.set_offsets(x[None, :])
            sign = "+" if self.targets[i] == 1 else "−"
            digits = 0 if lim == LIM else 2
            what = f"update {k}: ({x[0]:.{digits}f},{x[1]:.{digits}f}) was wrong, so w ← w {sign} x"
        w_text = np.round(w, 2) + 0.0
        if k == 0:
            what = f"start, w = ({w_text[0]:g}, {w_text[1]:g}, {w_text[2]:g})"
        _, segment = halfplane_in_box(w, self.picture.lim)
        foot, tip = (_arrow_on(segment, w[1:], self.picture.lim) if segment is not None
                     else (None, None))  # fmt: skip
        self.arrow.set_visible(tip is not None)  # no line in the square: nothing to point at
        if tip is not None:
            self.arrow.set_data(x=foot[0], y=foot[1], dx=tip[0], dy=tip[1])
        elif not w[1:].any():
            what += " (no line: w1 = w2 = 0)"
        else:
            what += " (its line misses the square)"
        self.marker.set_data([k], [self.mistakes[k]])
        self.ax.set_title(f"{self.name}, {what}", fontsize=10)
        return {"k": k, "w": w, "mistakes": mistakes}


def _arrow_on(segment, normal, lim=LIM, length=0.45):
    """Where the normal's arrow starts (the point of the line's segment in the square nearest
    the square's middle) and its vector (along normal, at most length, inside the square);
    (None, None) when the line only grazes the square's edge (no room for an arrow)."""
    a, b = segment
    centre = np.full(2, (lim[0] + lim[1]) / 2)
    t = np.clip((centre - a) @ (b - a) / max((b - a) @ (b - a), 1e-12), 0.0, 1.0)
    foot = a + t * (b - a)
    direction = normal / norm(normal)
    room = [(lim[1] if d > 0 else lim[0]) - f for f, d in zip(foot, direction, strict=True)]
    fits = [r / d for r, d in zip(room, direction, strict=True) if abs(d) > 1e-12]
    room = 0.95 * min(fits)
    if room < 0.15 or norm(b - a) < 0.05:
        return None, None
    return foot, min(length, room) * direction


class LearningExplorer(Explorer):
    """The perceptron learning algorithm replayed: pick a function, a visiting order and a start,
    then move k (or press Play) to step through the updates (k: the update shown first).

    Beside the run, the convergence theorem: its bound on the number of updates, and the two
    inequalities of its proof at update k (see theorem). Training runs once per choice (cached);
    update shows update k of its history and returns what the readout shows.
    """

    def __init__(self, function="AND", order="in turn", start="w = 0", k=0,
                 max_epochs=LEARNING_EPOCHS, data="the four corners"):  # fmt: skip
        self.max_epochs = max_epochs
        self._results: dict = {}
        fig, parts = learning_figure(function, k=0, max_epochs=max_epochs, order=order,
                                     start=start, bound=True, data=data)  # fmt: skip
        self.panel = p = parts.panel
        self._results[data, function, order, start] = self.panel.result
        updates = self.panel.result.updates
        k = int(np.clip(k, 0, updates))
        slider = widgets.IntSlider(value=k, min=0, max=updates, description="update k")
        self.play = widgets.Play(value=k, min=0, max=updates, interval=600, description="play")
        widgets.jslink((self.play, "value"), (slider, "value"))
        controls = {
            "data": widgets.Dropdown(options=list(DATA), value=data, description="data"),
            "function": _function_menu(function),
            "order": widgets.Dropdown(options=list(ORDERS), value=order, description="order"),
            "start": widgets.Dropdown(options=list(STARTS), value=start, description="start"),
            "k": slider,
        }
        q = p.picture
        moving = [q.region, p.previous, q.line, q.points, q.rings, p.arrow, p.highlight, p.marker]
        super().__init__(controls, fig, moving=[*moving, p.ax.title], extra=(self.play,))

    def result(self, function, order="in turn", start="w = 0", data="the four corners"):
        """The (cached) learning_run result for data, function, order and start."""
        if DATA[data] is not None:
            function = None  # the random points carry their own labels: the menu does not apply
        key = (data, function, order, start)
        if key not in self._results:
            self._results[key] = learning_run(function, order, start, self.max_epochs, data)
        return self._results[key]

    def _update(self, data, function, order, start, k) -> dict:
        self.controls["function"].disabled = DATA[data] is not None  # labels come with the points
        result = self.result(function, order, start, data)
        if result is not self.panel.result:
            self.panel.load(function, result, data)  # the base redraws the changed axes
            with self.quietly():
                self.controls["k"].max = self.play.max = result.updates
        shown = self.panel.set(k)
        w, k = shown["w"], shown["k"]
        out = {
            "update k": k,
            "of": result.updates,
            "w": "({:g}, {:g}, {:g})".format(*(np.round(w, 2) + 0.0)),
            "inputs wrong": shown["mistakes"],
            "converged": "yes" if result.converged else f"no, after {result.epochs} epochs",
        }
        theory = self.panel.theory
        if theory is None:
            out["theorem"] = "no line exists, no bound"
            return out
        out["margin γ of w*"] = f"{theory.gamma:.4f}"
        out["theorem: updates at most"] = f"{theory.bound:.1f}"
        out["w*·w(k)"] = f"{theory.w_star @ w:.2f} ≥ {theory.a + k * theory.gamma:.2f}"
        out["‖w(k)‖"] = f"{norm(w):.2f} ≤ {np.sqrt(theory.b + k * theory.R**2):.2f}"
        return out


def angle_figure(w=(-0.6, 0.8), x=(1.0, 0.0)):
    """Static figure: the update w ← w + x for x ∈ P with w·x < 0, drawn in the plane of w and x
    with x along the horizontal axis and w above it: adding x moves w to the right by ‖x‖ at the
    same height, so the angle α between w and x shrinks (grey arc before, blue arc after).

    cos α = w·x / (‖w‖ ‖x‖). w, x: 2-vectors. Returns (fig, parts), parts.cos_before/cos_after.
    """
    w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
    w_new = w + x
    cos_before, cos_after = (float(v @ x / norm(v) / norm(x)) for v in (w, w_new))
    fig, (ax,) = new_figure(width=6.5, height=3.6)
    head = {"arrowstyle": "-|>", "lw": 2.5}
    tips = [
        (x, ORANGE, "$x \\in P$", (0, -14), "center"),
        (w, GREY, "$w$ (before)", (-8, -4), "right"),
        (w_new, BLUE, "$w + x$ (after)", (6, 8), "left"),
    ]
    for vec, colour, label, offset, ha in tips:
        ax.annotate("", xy=vec, xytext=(0, 0), arrowprops={**head, "color": colour})
        ax.annotate(label, vec, xytext=offset, textcoords="offset points", color=colour,
                    fontsize=11, ha=ha)  # fmt: skip
    ax.annotate("", xy=w_new, xytext=w, arrowprops={**head, "lw": 1, "color": ORANGE, "ls": "--"})
    ax.annotate("+ x: same height", (w + w_new) / 2, xytext=(0, 5), textcoords="offset points",
                color=ORANGE, fontsize=10, ha="center")  # fmt: skip
    arcs = [(w, 0.3, GREY, "before", cos_before), (w_new, 0.45, BLUE, "after", cos_after)]
    for vec, radius, colour, when, c in arcs:
        a0, a1 = sorted([np.arctan2(vec[1], vec[0]), np.arctan2(x[1], x[0])])
        t = np.linspace(a0, a1, 40)
        label = f"$\\alpha$ {when} the update: {np.degrees(np.arccos(c)):.1f}°"
        ax.plot(radius * np.cos(t), radius * np.sin(t), color=colour, lw=2, label=label)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=10, frameon=False)
    ax.set(aspect="equal", xlim=(-1.5, 1.3), ylim=(-0.3, 1.1))
    ax.set_xlabel("along $x$ (the plane of $w$ and $x$, not the input square)")
    ax.axhline(0, color="black", lw=0.5)
    ax.axvline(0, color="black", lw=0.5)
    ax.grid(alpha=0.3)
    ax.set_title(f"$\\cos\\alpha$: {cos_before:.3f} before, {cos_after:.3f} after", fontsize=10)
    return fig, figure_parts(ax=ax, cos_before=cos_before, cos_after=cos_after)


def convergence_figure(run, w_star, gamma, R=1.0):
    """Static figure: the convergence proof on a run of train_perceptron from w = 0.

    With w⁽ᵏ⁾ the weights after k updates, w* a unit separator of margin γ and R the longest
    input (1, x): left, w*·w⁽ᵏ⁾ and its lower bound kγ; middle, ‖w⁽ᵏ⁾‖ and its upper bound √k·R;
    right (log k), cos β = w*·w⁽ᵏ⁾ / ‖w⁽ᵏ⁾‖ for k ≥ 1 between √k·γ/R and 1, out to k = R²/γ²
    where the two bounds meet (R = 1, γ = δ for a normalised run). Returns (fig, parts) with
    parts.numerator and parts.length (arrays over k = 0..updates).
    """
    w_star = np.asarray(w_star, dtype=float) / norm(w_star)
    k = np.arange(run.updates + 1)
    numerator, length = run.history @ w_star, norm(run.history, axis=1)
    fig, axes = new_figure(3, width=13.0, height=4.4)
    axes[0].plot(k, numerator, "o-", color=BLUE, ms=3, label="$w^\\bigstar \\cdot w^{(k)}$")
    axes[0].plot(k, k * gamma, "--", color=GREY, label="$k\\,\\gamma$ (at least)")
    axes[1].plot(k, length, "o-", color=BLUE, ms=3, label="$\\|w^{(k)}\\|$")
    axes[1].plot(k, np.sqrt(k) * R, "--", color=GREY, label="$\\sqrt{k}\\,R$ (at most)")
    k_bound = np.geomspace(1, R**2 / gamma**2, 200)
    axes[2].plot(k[1:], numerator[1:] / length[1:], "o-", color=BLUE, ms=3, label="$\\cos\\beta$")
    axes[2].plot(
        k_bound, np.sqrt(k_bound) * gamma / R, "--", color=GREY, label="$\\sqrt{k}\\,\\gamma/R$"
    )
    axes[2].axhline(1, color=RED, lw=1, label="1: a cosine cannot exceed it")
    bound = f"$k = R^2/\\gamma^2 = {R**2 / gamma**2:.0f}$"
    axes[2].axvline(R**2 / gamma**2, color=RED, ls=":", label=bound)
    axes[2].set(xscale="log", ylim=(0, 1.1), xlim=(0.8, 1.5 * R**2 / gamma**2))
    for ax, label in zip(
        axes, ["$w^\\bigstar \\cdot w^{(k)}$", "$\\|w^{(k)}\\|$", "$\\cos\\beta$"], strict=True
    ):
        ax.set_ylabel(label)
    titles = ["the numerator grows at least linearly", "the length grows at most like $\\sqrt{k}$"]
    for ax, title in zip(axes, [*titles, "so k is bounded (log scale)"], strict=True):
        ax.set_xlabel("updates $k$")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2,
                  frameon=False)  # below the axes, off the data  # fmt: skip
        ax.grid(alpha=0.3)
    return fig, figure_parts(axes=axes, numerator=numerator, length=length)


def sixteen_functions_figure():
    """Static figure: the 16 boolean functions of two inputs in a 4 x 4 grid, each input coloured
    by its target, each panel titled with the function's name and whether one line can separate
    its targets (the exact check dlnotes.perceptron.is_linearly_separable: no for XOR and XNOR).
    No line is drawn: many lines work, and finding one is the reader's job.

    Returns (fig, parts); parts.separable is a dict name -> bool.
    """
    fig, (ax0,) = new_figure(width=8.0, height=9.0)
    fig.delaxes(ax0)  # new_figure gives one axes; the grid is added below
    X = boolean_inputs(2).astype(float)
    separable = {}
    for i, (name, targets) in enumerate(TWO_INPUT_FUNCTIONS.items()):
        ax = fig.add_subplot(4, 4, i + 1)
        ax.set_facecolor("white")
        separable[name] = is_linearly_separable(X, targets)
        colours = [ORANGE if t == 1 else BLUE for t in targets]
        ax.scatter(X[:, 0], X[:, 1], s=90, c=colours, edgecolors="black", zorder=3)
        if separable[name]:
            ax.set_title(name, fontsize=10)
        else:
            ax.set_title(f"{name}: no line", fontsize=10, color=RED)
        _square(ax)
        ax.grid(alpha=0.3)
        if i >= 12:
            ax.set_xlabel("$x_1$")
        if i % 4 == 0:
            ax.set_ylabel("$x_2$")
    handles = [_dot(ORANGE, "target 1"), _dot(BLUE, "target 0")]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=10, frameon=False)
    return fig, figure_parts(separable=separable)


def _unit_text(w) -> str:
    """A unit's weights as the notebook writes them: (w0 | w1, w2)."""
    return f"({w[0]:g} | {w[1]:g}, {w[2]:g})"


def _number_or_unknown(value: float) -> str:
    return "?" if np.isnan(value) else f"{value:g}"


def network_figure(w_hidden=((-0.5, 1.0, 1.0), (1.5, -1.0, -1.0)), w_out=(-1.5, 1.0, 1.0),
                   names=("OR", "NAND", "AND")):  # fmt: skip
    """Static figure: a network of perceptrons with two inputs, two hidden units and one output,
    drawn as circles and arrows, each arrow labelled with its weight and each unit with its bias.

    w_hidden: two triples (bias, weight from x₁, weight from x₂); w_out: (bias, weight from h₁,
    weight from h₂); a unit given as None is drawn with "?" for its bias and weights (a unit the
    reader is asked to find). names: what each unit computes (shown beside it). Returns
    (fig, parts) with parts.ax.
    """
    unknown = np.full(3, np.nan)
    w_hidden = [unknown if w is None else _weights(w) for w in w_hidden]
    w_out = unknown if w_out is None else _weights(w_out)
    fig, (ax,) = new_figure(width=7.0, height=3.6)
    at = {"x1": (0, 1.6), "x2": (0, 0.4), "h1": (2, 1.6), "h2": (2, 0.4), "y": (4, 1.0)}
    edges = [("x1", "h1", w_hidden[0][1]), ("x2", "h1", w_hidden[0][2]),
             ("x1", "h2", w_hidden[1][1]), ("x2", "h2", w_hidden[1][2]),
             ("h1", "y", w_out[1]), ("h2", "y", w_out[2])]  # fmt: skip
    for a, b, weight in edges:
        (xa, ya), (xb, yb) = at[a], at[b]
        ax.annotate("", xy=(xb - 0.3 * (xb - xa) / 2, yb - 0.3 * (yb - ya) / 2), xytext=(xa, ya),
                    arrowprops={"arrowstyle": "-|>", "lw": 1.5, "color": GREY,
                                "shrinkA": 16, "shrinkB": 0})  # fmt: skip
        t = 0.25  # on its own arrow, a quarter of the way along: far from where arrows cross
        box = {"facecolor": "white", "edgecolor": GREY, "boxstyle": "round,pad=0.15"}
        ax.text(xa + t * (xb - xa), ya + t * (yb - ya), _number_or_unknown(weight),
                ha="center", va="center", fontsize=11, zorder=4, bbox=box)  # fmt: skip
    biases = {"h1": (w_hidden[0][0], names[0]), "h2": (w_hidden[1][0], names[1]),
              "y": (w_out[0], names[2])}  # fmt: skip
    labels = {"x1": "$x_1$", "x2": "$x_2$", "h1": "$h_1$", "h2": "$h_2$", "y": "$y$"}
    for node, (x, y) in at.items():
        colour = BLUE if node.startswith("x") else (GREEN if node.startswith("h") else ORANGE)
        ax.scatter([x], [y], s=1300, color="white", edgecolors=colour, linewidths=2.5, zorder=3)
        ax.text(x, y, labels[node], ha="center", va="center", fontsize=13, zorder=4)
        if node in biases:
            bias, name = biases[node]
            ax.text(x, y - 0.33, f"{name}\nbias {_number_or_unknown(bias)}", ha="center",
                    va="top", fontsize=10)  # fmt: skip
    ax.text(0, -0.35, "inputs", ha="center", fontsize=10, color=BLUE)
    ax.text(2, -0.55, "hidden layer", ha="center", fontsize=10, color=GREEN)
    ax.text(4, 0.15, "output", ha="center", va="top", fontsize=10, color=ORANGE)
    ax.set(xlim=(-0.6, 4.6), ylim=(-0.8, 2.0), aspect="equal")
    ax.axis("off")
    return fig, figure_parts(ax=ax)


def xor_figure(w_or=(-0.5, 1.0, 1.0), w_nand=(1.5, -1.0, -1.0), w_out=(-1.5, 1.0, 1.0)):
    """Static figure: how two hidden perceptrons and an output perceptron compute XOR.

    Left, the input square: the hidden units' lines w·(1, x) = 0 (h₁ = OR, h₂ = NAND) and, shaded,
    where the network says 1 (the strip between the lines). Right, the hidden space (h₁, h₂):
    where each input lands, coloured by its XOR target, and the output unit's line there.
    Returns (fig, parts); parts.y is the network's output on the four inputs.
    """
    w_or, w_nand, w_out = _weights(w_or), _weights(w_nand), _weights(w_out)
    X = boolean_inputs(2).astype(float)
    targets = np.array(TWO_INPUT_FUNCTIONS["XOR"])
    H = np.stack([perceptron(X, w_or), perceptron(X, w_nand)], axis=1)
    y = perceptron(H, w_out)
    fig, (ax_in, ax_h) = new_figure(2, width=9.0, height=4.8)
    grid = np.linspace(*LIM, 201)
    G = np.stack(np.meshgrid(grid, grid), axis=-1).reshape(-1, 2)
    G_h = np.stack([perceptron(G, w_or), perceptron(G, w_nand)], axis=1)
    fires = perceptron(G_h, w_out).reshape(len(grid), len(grid))
    ax_in.contourf(grid, grid, fires, levels=[0.5, 1.5], colors=[ORANGE], alpha=0.15)
    for w, colour, name in [(w_or, GREEN, "$h_1$ (OR)"), (w_nand, PURPLE, "$h_2$ (NAND)")]:
        _, segment = halfplane_in_box(w)
        if segment is not None:
            ax_in.plot(segment[:, 0], segment[:, 1], color=colour, lw=2, ls="--",
                       label=f"line of {name}")  # fmt: skip
    colours = [ORANGE if t == 1 else BLUE for t in targets]
    ax_in.scatter(X[:, 0], X[:, 1], s=160, c=colours, edgecolors="black", zorder=3)
    _square(ax_in)
    ax_in.set(xlabel="$x_1$", ylabel="$x_2$", title="inputs: the network says 1 between the lines")
    ax_in.grid(alpha=0.3)
    ax_in.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), fontsize=10, frameon=False)
    polygon, segment = halfplane_in_box(w_out)
    if len(polygon) >= 3:
        ax_h.add_patch(Polygon(polygon, facecolor=ORANGE, alpha=0.15, edgecolor="none"))
    if segment is not None:
        ax_h.plot(segment[:, 0], segment[:, 1], color="black", lw=2, label="output unit's line")
    ax_h.scatter(H[:, 0], H[:, 1], s=160, c=colours, edgecolors="black", zorder=3)
    for h in np.unique(H, axis=0):
        came = [f"({a:.0f},{b:.0f})" for (a, b), hh in zip(X, H, strict=True) if (hh == h).all()]
        ax_h.annotate("x=" + " and ".join(came), h, xytext=(-12 if h[0] == 0 else 12, 0),
                      textcoords="offset points", ha="right" if h[0] == 0 else "left",
                      va="center", fontsize=10)  # fmt: skip
    _square(ax_h)
    ax_h.set(xlabel="$h_1$", ylabel="$h_2$", title="hidden space: one line is enough")
    ax_h.grid(alpha=0.3)
    ax_h.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), fontsize=10, frameon=False)
    return fig, figure_parts(axes=(ax_in, ax_h), y=y.astype(int))
