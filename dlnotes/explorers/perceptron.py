"""Notebook 01's explorers and figures: a perceptron on the four points of the unit square.

* PerceptronExplorer: sliders for w₀, w₁, w₂ and one of the 16 boolean functions of two inputs;
  the decision line, the positive side, the mistakes.
* LearningExplorer: the learning algorithm replayed update by update (a Play control), the normal
  (w₁, w₂) as an arrow, the corrected input highlighted.

The figure builders here (mp_figure, perceptron_figure, learning_figure, angle_figure,
sixteen_functions_figure) draw the notebook's static pictures too.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
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
    separating_weights,
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

    def __init__(self, ax, w, targets, *, legend=True, side=r"$w \cdot x \geq 0$"):
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
        below = {"xytext": (0, -17), "textcoords": "offset points", "ha": "center", "fontsize": 8}
        for x1, x2 in self.X:
            ax.annotate(f"({x1:.0f},{x2:.0f})", (x1, x2), **below)
        _square(ax)
        ax.set(xlabel="$x_1$", ylabel="$x_2$")
        ax.grid(alpha=0.3)
        if legend:
            handles = [
                _dot(ORANGE, "target 1"),
                _dot(BLUE, "target 0"),
                Patch(facecolor=ORANGE, alpha=0.3, label=side),
                _dot("none", "wrong", mec=RED, ms=14, mew=2),
            ]
            ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=9)
        self.set(w, targets)

    def set(self, w, targets) -> int:
        """Move the line, the shading, the colours and the rings; return the mistakes."""
        w = np.asarray(w, dtype=float)
        targets = np.asarray(targets)
        polygon, segment = halfplane_in_box(w)
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


def _title(name: str, w, mistakes: int) -> str:
    w = np.round(np.asarray(w, dtype=float), 1) + 0.0  # + 0.0 turns -0.0 into 0.0
    return (
        f"{name}: w = ({w[0]:.1f}, {w[1]:.1f}, {w[2]:.1f}), "
        f"{mistakes} of 4 input{'s' if mistakes != 1 else ''} wrong"
    )


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
        picture = PlanePicture(ax, w, t, legend=i == len(axes) - 1, side=side)
        mistakes.append(picture.set(w, t))
        ax.set_title(f"{name}: fires when x1 + x2 >= {theta}", fontsize=10)
    return fig, figure_parts(axes=axes, mistakes=mistakes)


def perceptron_figure(w=(-1.0, 1.1, 1.1), name="OR"):
    """Static figure: a perceptron with weights w (bias first) against the truth table of the
    two-input function name (a key of TWO_INPUT_FUNCTIONS).

    Returns (fig, parts): parts.picture is the PlanePicture, parts.mistakes the number of inputs
    it gets wrong.
    """
    fig, (ax,) = new_figure(width=6.0, height=4.2)
    picture = PlanePicture(ax, w, TWO_INPUT_FUNCTIONS[name])
    mistakes = picture.set(w, TWO_INPUT_FUNCTIONS[name])
    ax.set_title(_title(name, w, mistakes), fontsize=10)
    return fig, figure_parts(picture=picture, mistakes=mistakes)


def _function_menu(function) -> widgets.Dropdown:
    """A menu of the 16 boolean functions of two inputs, showing function."""
    return widgets.Dropdown(
        options=list(TWO_INPUT_FUNCTIONS), value=function, description="function"
    )


class PerceptronExplorer(Explorer):
    """Sliders for w₀, w₁, w₂ and a choice of the 16 boolean functions of two inputs.

    The perceptron says 1 on the shaded side of its line w₀ + w₁x₁ + w₂x₂ = 0; the inputs are
    coloured by the function's target and ringed when the perceptron gets them wrong. update
    returns the number of mistakes and whether any line could do better.
    """

    def __init__(self, w0=-1.0, w1=1.1, w2=1.1, function="OR"):
        fig, parts = perceptron_figure((w0, w1, w2), function)
        self.picture = p = parts.picture
        self.separable = {n: is_linearly_separable(p.X, t) for n, t in TWO_INPUT_FUNCTIONS.items()}
        controls = {
            name: widgets.FloatSlider(value=value, min=-2, max=2, step=0.1, description=name)
            for name, value in [("w0", w0), ("w1", w1), ("w2", w2)]
        }
        controls["function"] = _function_menu(function)
        super().__init__(controls, fig, moving=[p.region, p.line, p.points, p.rings, p.ax.title])

    def _update(self, w0, w1, w2, function) -> dict:
        w = np.array([w0, w1, w2], dtype=float)
        mistakes = self.picture.set(w, TWO_INPUT_FUNCTIONS[function])
        self.picture.ax.set_title(_title(function, w, mistakes), fontsize=10)
        return {
            "mistakes": mistakes,
            "some line gets all 4 right": "yes" if self.separable[function] else "no",
        }


def learning_figure(function="AND", k=None, max_epochs=LEARNING_EPOCHS):
    """Static figure: the perceptron learning algorithm on function (a key of TWO_INPUT_FUNCTIONS),
    started from w = 0, shown after update k (default: the last one).

    Left: the inputs, the line of w after update k (the one before it dashed), the normal (w₁,
    w₂) as an arrow and the input that update corrected, in green. Right: the number of mistakes
    after each update. Returns (fig, parts); parts.panel is the LearningPanel.
    """
    result = train_perceptron(boolean_inputs(2), TWO_INPUT_FUNCTIONS[function], max_epochs)
    fig, axes = new_figure(2, width=10.0, height=4.0)
    panel = LearningPanel(axes, function, result)
    panel.set(result.updates if k is None else k)
    return fig, figure_parts(panel=panel)


class LearningPanel:
    """The artists of learning_figure; set shows update k."""

    def __init__(self, axes, function, result):
        self.ax, self.ax_mistakes = axes
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
            Line2D([], [], color="black", lw=2, label="line after update"),
            Line2D([], [], color=GREY, lw=1.5, ls="--", label="line before"),
            Line2D([], [], color=PURPLE, lw=2, label="normal $(w_1, w_2)$"),
            _dot("none", "input corrected", mec=GREEN, ms=15, mew=2.5),
        ]
        self.ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8)
        (self.curve,) = self.ax_mistakes.plot([], [], color=BLUE, lw=1.5, marker=".")
        (self.marker,) = self.ax_mistakes.plot([], [], "o", color=RED, ms=9)
        self.ax_mistakes.set(ylim=(-0.3, 4.3), yticks=range(5))
        self.ax_mistakes.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        self.ax_mistakes.set(xlabel="update $k$", ylabel="inputs wrong after update $k$")
        self.ax_mistakes.grid(alpha=0.3)
        self.load(function, result)

    def load(self, function, result) -> None:
        """Show another run (function, its train_perceptron result), reusing the artists; call set
        next.
        """
        self.function, self.result = function, result
        targets = np.asarray(TWO_INPUT_FUNCTIONS[function])
        X = self.picture.X
        self.mistakes = np.array([int(np.sum(perceptron(X, w) != targets)) for w in result.history])
        ks = np.arange(len(self.mistakes))
        self.curve.set_data(ks, self.mistakes)
        self.ax_mistakes.set_xlim(-0.5, max(len(ks) - 0.5, 1.5))
        done = f"converged after {result.updates} updates"
        not_done = f"not converged after {result.epochs} epochs"
        self.ax_mistakes.set_title(done if result.converged else not_done, fontsize=10)

    def set(self, k) -> dict:
        """Show the state after update k (clipped to 0..updates); return what is shown."""
        result = self.result
        k = int(np.clip(k, 0, result.updates))
        w = result.history[k]
        mistakes = self.picture.set(w, TWO_INPUT_FUNCTIONS[self.function])
        if k == 0:
            self.previous.set_data([], [])
            self.highlight.set_offsets(np.empty((0, 2)))
            what = "start, w = 0"
        else:
            _, segment = halfplane_in_box(result.history[k - 1])
            self.previous.set_data(*(segment.T if segment is not None else ([], [])))
            i = result.corrected[k - 1]
            x = self.picture.X[i]
            self.highlight.set_offsets(x[None, :])
            sign = "+" if TWO_INPUT_FUNCTIONS[self.function][i] == 1 else "-"
            what = f"update {k}: ({x[0]:.0f},{x[1]:.0f}) was wrong, so w <- w {sign} x"
        normal = w[1:]
        length = np.linalg.norm(normal)
        self.arrow.set_visible(length > 0)
        if length > 0:
            # anchor the arrow on the line, at the point nearest the middle of the square
            centre = np.array([0.5, 0.5])
            foot = centre - (w[0] + normal @ centre) / length**2 * normal
            tip = 0.45 * normal / length
            self.arrow.set_data(x=foot[0], y=foot[1], dx=tip[0], dy=tip[1])
        self.marker.set_data([k], [self.mistakes[k]])
        self.ax.set_title(f"{self.function}, {what}", fontsize=10)
        return {"k": k, "w": w, "mistakes": mistakes}


class LearningExplorer(Explorer):
    """The perceptron learning algorithm replayed: pick a function, then move k (or press Play) to
    step through the updates from w = 0.

    Training runs once per function (cached); update only shows update k of its history and
    returns k, the weights and the number of inputs still wrong.
    """

    def __init__(self, function="AND", max_epochs=LEARNING_EPOCHS):
        self.max_epochs = max_epochs
        self._results: dict = {}
        fig, parts = learning_figure(function, k=0, max_epochs=max_epochs)
        self.panel = p = parts.panel
        self._results[function] = self.panel.result
        updates = self.panel.result.updates
        slider = widgets.IntSlider(value=0, min=0, max=updates, description="update k")
        self.play = widgets.Play(value=0, min=0, max=updates, interval=600, description="play")
        widgets.jslink((self.play, "value"), (slider, "value"))
        controls = {"function": _function_menu(function), "k": slider}
        q = p.picture
        moving = [q.region, p.previous, q.line, q.points, q.rings, p.arrow, p.highlight, p.marker]
        super().__init__(controls, fig, moving=[*moving, p.ax.title], extra=(self.play,))

    def result(self, function):
        """The (cached) train_perceptron result for function from w = 0."""
        if function not in self._results:
            self._results[function] = train_perceptron(
                boolean_inputs(2), TWO_INPUT_FUNCTIONS[function], self.max_epochs
            )
        return self._results[function]

    def _update(self, function, k) -> dict:
        if function != self.panel.function:
            result = self.result(function)
            self.panel.load(function, result)  # the base redraws the changed axis and verdict
            with self.quietly():
                self.controls["k"].max = self.play.max = result.updates
        shown = self.panel.set(k)
        w = shown["w"]
        result = self.panel.result
        return {
            "update k": shown["k"],
            "of": result.updates,
            "w": f"({w[0]:.0f}, {w[1]:.0f}, {w[2]:.0f})",
            "inputs wrong": shown["mistakes"],
            "converged": "yes" if result.converged else f"no, after {result.epochs} epochs",
        }


def angle_figure(w=(1.0, -0.8), x=(0.2, 1.0)):
    """Static figure: the update w ← w + x for x ∈ P with w·x < 0, and the angle α between w and x
    before (grey arc) and after (blue arc): w + x lies between w and x, so α shrinks.

    cos α = w·x / (‖w‖ ‖x‖). w, x: 2-vectors. Returns (fig, parts), parts.cos_before/cos_after.
    """
    w, x = np.asarray(w, dtype=float), np.asarray(x, dtype=float)
    w_new = w + x
    cos_before, cos_after = (float(v @ x / norm(v) / norm(x)) for v in (w, w_new))
    fig, (ax,) = new_figure(width=6.5, height=4.2)
    head = {"arrowstyle": "-|>", "lw": 2.5}
    tips = [(x, ORANGE, "$x \\in P$"), (w, GREY, "$w$ (before)"), (w_new, BLUE, "$w + x$ (after)")]
    for vec, colour, label in tips:
        ax.annotate("", xy=vec, xytext=(0, 0), arrowprops={**head, "color": colour})
        ax.text(*(vec * 1.08), label, color=colour, fontsize=11, ha="center")
    ax.annotate("", xy=w_new, xytext=w, arrowprops={**head, "lw": 1, "color": ORANGE, "ls": "--"})
    arcs = [(w, 0.35, GREY, "before", cos_before), (w_new, 0.5, BLUE, "after", cos_after)]
    for vec, radius, colour, when, c in arcs:
        a0, a1 = sorted([np.arctan2(vec[1], vec[0]), np.arctan2(x[1], x[0])])
        t = np.linspace(a0, a1, 40)
        degrees = np.degrees(np.arccos(c))
        label = f"$\\alpha$ {when} the update: {degrees:.1f}°"
        ax.plot(radius * np.cos(t), radius * np.sin(t), color=colour, lw=2, label=label)
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=9)
    ax.set(aspect="equal", xlim=(-0.3, 1.6), ylim=(-1.0, 1.3), xlabel="1st component")
    ax.set_ylabel("2nd component (the plane of $w$ and $x$, not the input square)", fontsize=8)
    ax.axhline(0, color="black", lw=0.5)
    ax.axvline(0, color="black", lw=0.5)
    ax.grid(alpha=0.3)
    title = f"$\\cos\\alpha$: {cos_before:.3f} before, {cos_after:.3f} after: the angle shrinks"
    ax.set_title(title, fontsize=10)
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
    fig, axes = new_figure(3, width=13.0, height=3.8)
    axes[0].plot(k, numerator, "o-", color=BLUE, ms=3, label="$w^* \\cdot w^{(k)}$")
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
    titles = ["the numerator grows at least linearly", "the length grows at most like $\\sqrt{k}$"]
    for ax, title in zip(axes, [*titles, "so k is bounded (log scale)"], strict=True):
        ax.set_xlabel("updates $k$")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=8, loc="lower right" if ax is axes[2] else "upper left")
        ax.grid(alpha=0.3)
    return fig, figure_parts(axes=axes, numerator=numerator, length=length)


def sixteen_functions_figure():
    """Static figure: the 16 boolean functions of two inputs in a 4 x 4 grid, each with a separating
    line found by the exact check dlnotes.perceptron.separating_weights (none exists for XOR and
    XNOR), its positive side shaded.

    Returns (fig, parts); parts.weights is a dict name -> w (bias first) or None.
    """
    fig, (ax0,) = new_figure(width=8.0, height=9.0)
    fig.delaxes(ax0)  # new_figure gives one axes; the grid is added below
    X = boolean_inputs(2).astype(float)
    weights = {}
    for i, (name, targets) in enumerate(TWO_INPUT_FUNCTIONS.items()):
        ax = fig.add_subplot(4, 4, i + 1)
        ax.set_facecolor("white")
        w = weights[name] = separating_weights(X, targets)
        colours = [ORANGE if t == 1 else BLUE for t in targets]
        ax.scatter(X[:, 0], X[:, 1], s=70, c=colours, edgecolors="black", zorder=3)
        if w is not None:
            polygon, segment = halfplane_in_box(w)
            if len(polygon) >= 3:
                ax.add_patch(Polygon(polygon, facecolor=ORANGE, alpha=0.15, edgecolor="none"))
            if segment is not None:
                ax.plot(segment[:, 0], segment[:, 1], color="black", lw=1.5)
            ax.set_title(name, fontsize=9)
        else:
            ax.set_title(f"{name}: no line exists", fontsize=9, color=RED)
        _square(ax)
    handles = [
        _dot(ORANGE, "output 1"),
        _dot(BLUE, "output 0"),
        Line2D([], [], color="black", lw=1.5, label="a separating line"),
        Patch(facecolor=ORANGE, alpha=0.3, label=r"its side $w \cdot x \geq 0$"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=9, frameon=False)
    return fig, figure_parts(weights=weights)
