"""Figures of notebooks 05 and 06 and 06's explorer: a feed-forward network learning 2-D classes.

05: ``network_figure`` draws a network as the notes do (with one path through it),
``saturation_figure`` is the picture behind "why cross-entropy", ``gradcheck_figure`` the
gradient check's error against ε.
06: ``region_colours`` turns the network's class probabilities on a grid into an RGB image (each
pixel mixes the class colours by ŷ); ``decision_figure`` draws it with the data, the loss curve
and the size of each layer's weight gradient during training (``fit_recording`` records them);
``FeedForwardExplorer`` lets a learner pick the data, the hidden sizes, the activation, the
initialisation, η, the batch size, the epochs and the seed, then press *Train* and watch it.
``weight_paths_figure`` shows hidden neurons' weights during training (initialisation).
"""

from __future__ import annotations

import threading

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Circle, Rectangle, Wedge

from dlnotes import data
from dlnotes.explorers.base import Explorer, check_control_value, figure_parts
from dlnotes.ffn import FeedForwardNetwork, sigmoid
from dlnotes.plots import (
    BLUE,
    GREEN,
    ORANGE,
    PURPLE,
    RED,
    axis_end,
    legend_outside,
    log_axis,
    new_figure,
)

CLASS_COLOURS = np.array([to_rgb(c) for c in (BLUE, ORANGE, GREEN, RED, PURPLE)])
#: The learning rates the η slider offers: exact numbers (0.3 is 0.3, as in the notebook; a
#: log slider would give 0.302, its nearest grid point), from crawling to diverging.
ETAS = (0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 10.0)
DATASETS = {
    "spirals": lambda: data.spirals(100, k=3, noise=0.2, seed=0),
    "moons": lambda: data.moons(100, noise=0.15, seed=0),
    "blobs": lambda: data.blobs(100, k=3, spread=0.35, seed=0),
}


def make_grid(X, resolution: int = 120, margin: float = 0.25):
    """A ``resolution x resolution`` grid covering the data with a margin.

    Returns ``(points, extent)``: ``points`` of shape ``(resolution**2, 2)`` (rows of the image,
    bottom row first) and ``extent = (x1_min, x1_max, x2_min, x2_max)`` for ``imshow``.
    """
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    g1 = np.linspace(lo[0], hi[0], resolution)
    g2 = np.linspace(lo[1], hi[1], resolution)
    P1, P2 = np.meshgrid(g1, g2)
    return np.column_stack([P1.ravel(), P2.ravel()]), (lo[0], hi[0], lo[1], hi[1])


def region_colours(net: FeedForwardNetwork, points, resolution: int) -> np.ndarray:
    """RGB image of the network's belief: pixel colour = 0.5 + 0.5·ŷᵀC (class colours C mixed
    by the predicted probabilities and lightened), shape (resolution, resolution, 3). Where the
    net is sure, the pixel has its class's colour."""
    y_hat = net.forward(points)
    if y_hat.shape[1] == 1:  # one sigmoid output: probabilities of classes 1 and 0
        y_hat = np.column_stack([1 - y_hat[:, 0], y_hat[:, 0]])
    rgb = 0.5 + 0.5 * (y_hat @ CLASS_COLOURS[: y_hat.shape[1]])
    return rgb.reshape(resolution, resolution, 3)


def fit_recording(
    net, X, y, eta, epochs, *, batch_size=None, seed=0, every=10, on_record=None, stop=None
):
    """``net.fit`` that also records, every ``every`` epochs (and at the start and the end), the
    size ‖∇W_i‖ of each layer's weight gradient on all of X, y (what reaches each layer).

    on_record(epoch, history, grad_epochs, grad_sizes), if given, runs at each record; returning
    False stops training, and so does stop() returning True after any epoch.

    Returns (history, grad_epochs, grad_sizes): the loss before training and after each epoch,
    the recorded epochs, and an array (records, layers) of gradient sizes.
    Raises TrainingDiverged as ``fit`` does.
    """
    history, grad_epochs, grad_sizes = [net.loss(X, y)], [], []

    def record(epoch):
        dW, _ = net.backward(X, y)
        grad_epochs.append(epoch)
        grad_sizes.append([np.linalg.norm(d) for d in dW])
        if on_record is not None:
            return on_record(epoch, history, grad_epochs, np.array(grad_sizes))
        return True

    def callback(epoch, loss):
        history.append(loss)
        if stop is not None and stop():
            return False  # recorded below, as the last epoch
        if epoch % every == 0 or epoch == epochs:
            return record(epoch)
        return True

    if record(0) is not False:
        net.fit(X, y, eta, epochs, batch_size=batch_size, seed=seed, callback=callback)
    if grad_epochs[-1] != len(history) - 1:  # stopped between two records
        record(len(history) - 1)
    return np.array(history), np.array(grad_epochs), np.array(grad_sizes)


def decision_figure(
    net,
    X,
    y,
    history=None,
    gradients=None,
    *,
    resolution: int = 120,
    title: str = "",
    smooth: bool = True,
    layers: int | None = None,
):
    """Static figure: decision regions of ``net`` with the data (left), the loss curve
    ``history`` (middle, log scale, the predicted start log k dashed) and, from ``gradients =
    (epochs, sizes)`` as ``fit_recording`` returns them, the size of each layer's weight
    gradient (right, log scale). Returns ``(fig, parts)`` where ``parts`` holds the artists an
    explorer moves (``image``, ``dots``: a line per class, ``loss_line``, ``start_line`` and
    ``start_label`` for log k, ``grad_lines``: one per layer, the axes, the grid). ``layers``:
    how many gradient lines to make (default: one per layer of ``net``)."""
    fig, (ax, ax_loss, ax_grad) = new_figure(3, width=11.0, height=3.6)
    points, extent = make_grid(X, resolution)
    image = ax.imshow(
        region_colours(net, points, resolution),
        origin="lower",
        extent=extent,
        aspect="auto",
        interpolation="bilinear" if smooth else "nearest",
    )
    # the data: one line of dots per class (a line stamps one marker: 1 ms a move for all the
    # dots, against 6 ms for a scatter of them with a colour each)
    dots = [
        ax.plot([], [], "o", ms=3.5, mfc=colour, mec="black", mew=0.4, zorder=2)[0]
        for colour in CLASS_COLOURS
    ]
    _set_dots(dots, X, y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title or "decision regions (colour = predicted class)", fontsize=10)
    (loss_line,) = ax_loss.plot([], [], color=BLUE, lw=2)
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel(r"loss $\mathcal{L}(\theta)$ (mean cross-entropy)")
    ax_loss.set_title("training loss", fontsize=10)
    grad_lines = [
        ax_grad.plot([], [], color=f"C{i}", lw=2, label=f"$W_{i + 1}$")[0]
        for i in range(layers or len(net.W))
    ]
    ax_grad.set_xlabel("epoch")
    ax_grad.set_ylabel(r"$\|\nabla W_i\|$, gradient size per layer")
    ax_grad.set_title("what reaches each layer", fontsize=10)
    ax_grad.legend(loc="upper right", fontsize=9, ncols=len(grad_lines))
    for axes in (ax_loss, ax_grad):
        log_axis(axes)
        axes.grid(alpha=0.3)
    # the prediction for the start: k classes equally likely, loss log k (log 2 for one output)
    k = max(net.sizes[-1], 2)
    start_line = ax_loss.axhline(np.log(k), color="grey", ls="--", lw=1.2, zorder=1)
    start_label = ax_loss.annotate(
        f"log {k}: predicted start",
        (1.0, np.log(k)),
        xycoords=("axes fraction", "data"),
        xytext=(-4, 3),
        textcoords="offset points",
        ha="right",
        va="bottom",
        fontsize=9,
        color="dimgrey",
    )
    epochs = 1 if history is None else max(len(history) - 1, 1)
    ax_loss.set_xlim(0, epochs)
    ax_grad.set_xlim(0, epochs)
    ax_loss.set_ylim(1e-2, 2)
    ax_grad.set_ylim(1e-3, 10)
    if history is not None:
        _set_log_curves(ax_loss, [loss_line], np.arange(len(history)), np.c_[history], epochs)
    if gradients is not None:
        _set_log_curves(ax_grad, grad_lines, *gradients, epochs)
    parts = figure_parts(
        ax=ax,
        ax_loss=ax_loss,
        ax_grad=ax_grad,
        image=image,
        dots=dots,
        loss_line=loss_line,
        start_line=start_line,
        start_label=start_label,
        grad_lines=grad_lines,
        points=points,
        resolution=resolution,
    )
    return fig, parts


def _set_dots(dots, X, y):
    """Class c's points on the line dots[c]."""
    for c, line in enumerate(dots):
        line.set_data(X[y == c, 0], X[y == c, 1])


def _set_log_curves(ax, lines, epochs, values, max_epoch):
    """Curves (column c of ``values`` on ``lines[c]``) on axes that change only when they
    outgrow them (each change redraws the axes, 40-110 ms): epochs up to a round number
    (``axis_end``); the log axis kept while the curves lie inside it and span at least a third
    of it, else set from a quarter of the lowest value to 1.5 times the highest."""
    values = np.asarray(values, dtype=float).reshape(len(epochs), len(lines))
    for c, line in enumerate(lines):
        line.set_data(epochs, values[:, c] if len(values) else [])
    ax.set_xlim(0, axis_end(ax.get_xlim()[1], max(max_epoch, 1)))
    if len(values) and not np.isnan(values).all():
        lo, hi = max(float(np.nanmin(values)), 1e-8), max(float(np.nanmax(values)), 1e-8)
        low, high = ax.get_ylim()
        if not (low <= lo and hi <= high and np.log(hi / lo) >= np.log(high / low) / 3):
            ax.set_ylim(lo / 4, hi * 1.5)


def saturation_figure(y: float = 1.0):
    """Question 1's picture: for one sigmoid output ŷ = σ(a) and target y, the gradient with
    respect to the pre-activation a of

    - the squared error ½(ŷ − y)²:  (ŷ − y)·ŷ(1 − ŷ),
    - the cross-entropy −y·log ŷ − (1 − y)·log(1 − ŷ):  ŷ − y.

    When the output is saturated on the *wrong* side (a ≪ 0 for y = 1) the first vanishes
    while the second stays near −1: cross-entropy keeps learning.
    Returns ``(fig, parts)`` with the arrays ``parts.a``, ``parts.grad_se``, ``parts.grad_ce``.
    """
    a = np.linspace(-10, 10, 401)
    y_hat = sigmoid(a)
    grad_se = (y_hat - y) * y_hat * (1 - y_hat)
    grad_ce = y_hat - y
    fig, (ax,) = new_figure(width=7.0, height=3.4)
    ax.plot(
        a, grad_se, color=ORANGE, lw=2.5, label=r"squared error: $(\hat y-y)\,\hat y(1-\hat y)$"
    )
    ax.plot(a, grad_ce, color=BLUE, lw=2.5, label=r"cross-entropy: $\hat y - y$")
    ax.axhline(0, color="black", lw=0.8)
    ax.axvspan(-10, -4, color=RED, alpha=0.08)
    ax.text(-9.6, -0.55, "saturated and wrong:\nsquared error barely\nmoves $a$", fontsize=9)
    ax.set_xlim(-10, 10)
    ax.set_xlabel(r"pre-activation $a$ of the output ($\hat y = \sigma(a)$)")
    ax.set_ylabel(r"$\partial \mathcal{L} / \partial a$")
    ax.set_title(f"gradient with respect to $a$ for target $y = {y:g}$", fontsize=10)
    ax.legend(loc="lower right", fontsize=9)
    ax.grid(alpha=0.3)
    return fig, figure_parts(ax=ax, a=a, grad_se=grad_se, grad_ce=grad_ce)


def network_figure(sizes=(3, 3, 3, 2), path=None, *, width: float = 9.0):
    """The network drawn as in the notes: layer 0 is the input x = h_0, every neuron of the
    layers above is split into its pre-activation a (left half) and activation h (right half),
    the edges into layer i carry the weights W_i, the output layer's h is ŷ, and every output
    feeds the loss ℒ (drawn as a box on the right). With two or more outputs, a dashed frame
    marks ŷ and ℒ as one block: the softmax couples the outputs, so ∂ℒ/∂a_{L,j} is that block's.

    path: optional list of one neuron index per layer (0-based within each layer, input
    first), drawn thick in red, each red edge labelled with its weight W_{i,jq} (1-based, to
    neuron j from neuron q): a single path from one input through the network to one output.
    Returns (fig, parts) with parts.ax, parts.centres (the (x, y) of each neuron, per layer) and
    parts.path_edges (the red line segments).
    """
    sizes = [int(s) for s in sizes]
    L = len(sizes) - 1
    step, radius = 2.6, 0.48
    fig, (ax,) = new_figure(width=width, height=1.2 + 0.95 * max(sizes))
    ys = [np.arange(s)[::-1] - (s - 1) / 2 for s in sizes]
    centres = [[(step * i, float(y)) for y in ys[i]] for i in range(L + 1)]
    on_path = set()
    if path is not None:
        on_path = {(i, path[i - 1], path[i]) for i in range(1, L + 1)}
    path_edges = []
    top = max(y.max() for y in ys)
    for i in range(1, L + 1):
        for j, (x1, y1) in enumerate(centres[i]):
            for q, (x0, y0) in enumerate(centres[i - 1]):
                red = (i, q, j) in on_path
                (line,) = ax.plot(
                    [x0 + radius, x1 - radius],
                    [y0, y1],
                    color=RED if red else "0.7",
                    lw=2.8 if red else 0.8,
                    zorder=3 if red else 1,
                )
                if red:
                    path_edges.append(line)
                    ax.text(
                        (x0 + x1) / 2,
                        (y0 + y1) / 2 + 0.22,
                        f"$W_{{{i},{j + 1}{q + 1}}}$",
                        color=RED,
                        ha="center",
                        va="bottom",
                        fontsize=11,
                        zorder=6,
                        bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 0.5},
                    )
        ax.text(step * i - step / 2, top + 0.8, f"$W_{i}$", ha="center", fontsize=12)
    loss_x = step * L + 1.9
    ax.add_patch(Rectangle((loss_x - 0.35, -0.35), 0.7, 0.7, fc="#eeeeee", ec="black", zorder=4))
    ax.text(loss_x, 0, r"$\mathcal{L}$", ha="center", va="center", fontsize=13, zorder=5)
    if sizes[-1] >= 2:  # the softmax couples the outputs: ŷ and ℒ are one block, not k edges
        x_left, y_low, y_high = step * L, ys[L].min() - radius - 0.2, ys[L].max() + radius + 0.2
        ax.add_patch(Rectangle((x_left, y_low), loss_x + 0.55 - x_left, y_high - y_low, fc="none",
                               ec="0.4", ls="--", lw=1, zorder=2))  # fmt: skip
        ax.text((x_left + loss_x + 0.55) / 2, y_high + 0.1, r"softmax + $\mathcal{L}$: one block",
                ha="center", va="bottom", fontsize=10)  # fmt: skip
    for j, (x, y) in enumerate(centres[L]):
        red = path is not None and path[L] == j
        ax.plot([x + radius, loss_x - 0.35], [y, 0], color=RED if red else "0.7",
                lw=2.8 if red else 0.8, zorder=3 if red else 1)  # fmt: skip
    for i, layer in enumerate(centres):
        for j, (x, y) in enumerate(layer):
            if i == 0:
                ax.add_patch(Circle((x, y), radius, fc="white", ec="black", zorder=4))
                ax.text(x, y, f"$x_{j + 1}$", ha="center", va="center", fontsize=12, zorder=5)
                continue
            for side, name, colour in ((-1, "a", "#dbe9f6"), (1, "h", "#fde6cf")):
                ax.add_patch(
                    Wedge(
                        (x, y),
                        radius,
                        90 if side < 0 else -90,
                        270 if side < 0 else 90,
                        fc=colour,
                        ec="black",
                        lw=0.8,
                        zorder=4,
                    )
                )
                label = f"${name}_{{{i},{j + 1}}}$"
                if i == L and name == "h":
                    label = f"$\\hat y_{j + 1}$"
                ax.text(x + side * 0.22, y, label, ha="center", va="center", fontsize=10, zorder=5)
    bottom = min(y.min() for y in ys) - 0.8
    for i in range(L + 1):
        name = "input $h_0 = x$" if i == 0 else ("output $\\hat y = h_L$" if i == L else "hidden")
        ax.text(step * i, bottom, f"layer {i}\n{name}", ha="center", va="top", fontsize=10)
    ax.text(loss_x, bottom, "loss", ha="center", va="top", fontsize=10)
    ax.set_xlim(-0.7, loss_x + 0.7)
    ax.set_ylim(bottom - 0.8, top + 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, figure_parts(ax=ax, centres=centres, path_edges=path_edges)


def gradcheck_figure(epsilons, errors: dict):
    """The gradient check's worst relative error against ε, on log-log axes: one line per
    network (errors: {name: one error per ε}), beside the theory's two slopes, drawn dashed
    through the first network's end points: C₁ε² (the difference formula's own error, which
    dominates for large ε) and C₂·10⁻¹⁶/ε (the rounding of ℒ, about 10⁻¹⁶ of it, divided by 2ε).
    Returns (fig, parts) with parts.ax, parts.lines (the measurements) and parts.theory."""
    eps = np.asarray(epsilons, dtype=float)
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    lines = [
        ax.loglog(eps, errs, "o-", lw=2, color=f"C{n}", label=name)[0]
        for n, (name, errs) in enumerate(errors.items())
    ]
    first = np.asarray(next(iter(errors.values())), dtype=float)
    big, small = np.argmax(eps), np.argmin(eps)
    truncation = first[big] * (eps / eps[big]) ** 2
    rounding = first[small] * eps[small] / eps
    theory = [
        ax.loglog(
            eps,
            truncation,
            "--",
            lw=1.2,
            color="0.35",
            label=r"$\propto \epsilon^2$: formula error",
        )[0],
        ax.loglog(
            eps, rounding, ":", lw=1.6, color="0.35", label=r"$\propto 10^{-16}/\epsilon$: rounding"
        )[0],
    ]
    floor = min(np.min(np.asarray(e, dtype=float)) for e in errors.values())
    ax.set_ylim(floor / 10, max(np.max(np.asarray(e)) for e in errors.values()) * 30)
    ax.set_xlabel(r"$\epsilon$ of the central difference")
    ax.set_ylabel("worst relative error")
    ax.set_title(r"too large an $\epsilon$: the formula's error; too small: rounding", fontsize=10)
    ax.invert_xaxis()
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", fontsize=8, ncol=2)
    return fig, figure_parts(ax=ax, lines=lines, theory=theory)


def weight_paths_figure(panels: dict):
    """How each hidden neuron's weights move during training, one panel per run.

    panels: {title: array of shape (epochs + 1, neurons)}, e.g. the first column of W_1 after
    each epoch. One line per hidden neuron; neurons that stay identical draw a single line.
    Returns (fig, parts) with parts.axes.
    """
    fig, axes = new_figure(len(panels), width=8.4, height=3.2)
    for ax, (title, paths) in zip(axes, panels.items(), strict=True):
        paths = np.asarray(paths)
        for j in range(paths.shape[1]):
            ax.plot(paths[:, j], lw=1.6, color=f"C{j % 10}")
        ax.set_xlabel("epoch")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("weight from $x_1$ into hidden neuron $j$")
    return fig, figure_parts(axes=axes)


def loss_curves_figure(panels: dict, xlabels, *, width: float = 8.4, height: float = 3.2):
    """Loss curves side by side on log axes, one panel per entry of ``panels``.

    panels: {title: {label: (x, losses)}}, e.g. the loss against updates and against epochs;
    xlabels: one x-axis label per panel. The same label gets the same colour in every panel,
    and one legend, right of the last panel, names them. Returns (fig, parts) with parts.axes.
    """
    fig, axes = new_figure(len(panels), width=width, height=height)
    lines = {}  # label: its first line, for the one legend
    for ax, (title, curves), xlabel in zip(axes, panels.items(), xlabels, strict=True):
        for label, (x, losses) in curves.items():
            colour = lines[label].get_color() if label in lines else f"C{len(lines) % 10}"
            (line,) = ax.plot(x, losses, lw=1.4, color=colour)
            lines.setdefault(label, line)
        log_axis(ax)
        ax.grid(alpha=0.3)
        ax.set_xlabel(xlabel)
        ax.set_title(title, fontsize=10)
    axes[0].set_ylabel(r"loss $\mathcal{L}(\theta)$")
    legend_outside(axes[-1], handles=list(lines.values()), labels=list(lines), fontsize=9)
    return fig, figure_parts(axes=axes)


#: The starts the explorer offers: how W_i is drawn (every b_i starts at 0).
INITS = {
    "N(0,1)/√n_in": "the package's start: each a_i of order 1 for any width",
    "0.01·N(0,1)": "small random weights",
    "zeros": "every weight 0: the symmetric start",
}
#: Batch sizes: None is the full batch, one step per epoch.
BATCHES = (("full", None), ("64", 64), ("32", 32), ("8", 8))


def initialise(net: FeedForwardNetwork, init: str) -> FeedForwardNetwork:
    """Rescale the package's start W_i = N(0,1)/√n_in of ``net`` (in place) to another ``init``
    of INITS: 0.01·N(0,1) is that draw times 0.01·√n_in; zeros sets every W_i and b_i to 0."""
    if init not in INITS:
        raise ValueError(f"init must be one of {', '.join(INITS)}; got {init!r}")
    if init == "zeros":
        net.W = [np.zeros_like(W_i) for W_i in net.W]
    elif init == "0.01·N(0,1)":
        net.W = [W_i * 0.01 * np.sqrt(W_i.shape[1]) for W_i in net.W]
    return net


def _refuse_out_of_range(controls: dict, values: dict) -> None:
    """A ValueError naming the control when a value is not one it can take (a slider's range
    included): the explorer never clamps a value silently."""
    for name, value in values.items():
        control = controls[name]
        check_control_value(name, control, value)
        if hasattr(control, "min") and not control.min <= value <= control.max:
            raise ValueError(
                f"{name} must lie between {control.min} and {control.max}; got {value!r}"
            )


class FeedForwardExplorer(Explorer):
    """Choose a network and how to train it, then press *Train*.

    Controls: the data set, the widths of up to two hidden layers (0 for the second means one
    hidden layer), the activation g, the initialisation, the learning rate η, the batch size,
    the number of epochs and the seed (of the start and of the shuffles). Moving any control
    after a Train (finished, stopped or diverged) builds a fresh network from the seed; *Train*
    runs gradient descent on the mean cross-entropy with a progress bar, redrawing the regions,
    the loss and each layer's gradient size every few epochs. The readout puts the loss at the
    start beside its prediction log k (k classes equally likely).
    """

    def __init__(
        self,
        dataset: str = "spirals",
        hidden1: int = 32,
        hidden2: int = 32,
        activation: str = "tanh",
        init: str = "N(0,1)/√n_in",
        eta: float = 0.3,
        batch: str = "full",
        epochs: int = 1000,
        seed: int = 0,
        *,
        resolution: int = 50,
        redraws: int = 10,
    ):
        self.redraws = redraws
        self.data = {name: make() for name, make in DATASETS.items()}
        style = {"description_width": "initial"}
        controls = {
            "dataset": widgets.Dropdown(
                options=list(DATASETS), value="spirals", description="data", style=style
            ),
            "hidden1": widgets.IntSlider(value=32, min=1, max=64, description="hidden 1"),
            "hidden2": widgets.IntSlider(value=32, min=0, max=64, description="hidden 2"),
            "activation": widgets.Dropdown(
                options=["tanh", "sigmoid"], value="tanh", description="g", style=style
            ),
            "init": widgets.Dropdown(
                options=list(INITS), value="N(0,1)/√n_in", description="start W", style=style
            ),
            "eta": widgets.SelectionSlider(
                options=[(f"{v:g}", v) for v in ETAS], value=0.3, description="η"
            ),
            "batch": widgets.Dropdown(
                options=[name for name, _ in BATCHES],
                value="full",
                description="batch",
                style=style,
            ),  # fmt: skip
            "epochs": widgets.IntSlider(
                value=1000, min=50, max=3000, step=50, description="epochs"
            ),
            "seed": widgets.IntSlider(value=0, min=0, max=9, description="seed"),
        }
        given = {"dataset": dataset, "hidden1": hidden1, "hidden2": hidden2,
                 "activation": activation, "init": init, "eta": eta, "batch": batch,
                 "epochs": epochs, "seed": seed}  # fmt: skip
        _refuse_out_of_range(controls, given)  # refused, never clamped, as in update
        for name, value in given.items():
            controls[name].value = value
        self.X, self.y = self.data[dataset]
        self.net = self._make_net(given)
        self._network = self._network_key(given)  # what self.net was built for
        self._trained = False  # set by Train: the next control move builds a fresh network
        self.history = np.empty(0)
        # 50 x 50 beliefs, smoothed by bilinear interpolation: a quarter of the forward passes
        # of 100 x 100 on every slider move (123 ms against 31 ms at load 5) for the same look.
        fig, self.parts = decision_figure(self.net, self.X, self.y, resolution=resolution, layers=3)
        self.parts.ax_loss.set_xlim(0, max(epochs, 1))  # the epochs Train will run
        self.parts.ax_grad.set_xlim(0, max(epochs, 1))
        self.train_button = widgets.Button(description="Train", button_style="primary")
        self.train_button.on_click(lambda _button: self.start_training())
        self.stop_button = widgets.Button(description="Stop", disabled=True)
        self.stop_button.on_click(lambda _button: self.stop_requested.set())
        self.stop_requested = threading.Event()
        self.thread = None
        self.progress = widgets.IntProgress(value=0, min=0, max=epochs, description="epoch 0")
        p = self.parts
        # The run Train will make (η, batches): drawn in the loss panel, so that a control that
        # only matters for training still changes the picture.
        self.plan = p.ax_loss.text(0.02, 0.04, "", transform=p.ax_loss.transAxes, fontsize=9,
                                   color="0.35", ha="left", va="bottom")  # fmt: skip
        super().__init__(
            controls,
            fig,
            moving=[
                p.image,
                *p.dots,
                p.loss_line,
                p.start_line,
                p.start_label,
                self.plan,
                *p.grad_lines,
                p.ax.title,
            ],  # fmt: skip
            extra=[self.train_button, self.stop_button],
            below=[self.progress],
        )

    @staticmethod
    def _network_key(v) -> tuple:
        return tuple(
            v[name] for name in ("dataset", "hidden1", "hidden2", "activation", "init", "seed")
        )

    def _make_net(self, v):
        X, y = self.data[v["dataset"]]
        sizes = (
            [2, v["hidden1"]] + ([v["hidden2"]] if v["hidden2"] > 0 else []) + [int(y.max()) + 1]
        )
        net = FeedForwardNetwork(sizes, v["activation"], "softmax", "cross_entropy", seed=v["seed"])
        return initialise(net, v["init"])

    def _title(self, v, trained_epochs=None):
        # plain Unicode, no $...$ mathtext: this title is rewritten on every redraw
        sizes = "-".join(str(s) for s in self.net.sizes)
        state = "untrained" if not trained_epochs else f"after {trained_epochs} epochs"
        batch = "full batch" if v["batch"] == "full" else f"batches of {v['batch']}"
        return f"{v['dataset']}, {sizes} ({v['activation']}), η = {v['eta']:.3g}, {batch}: {state}"

    def _draw_regions(self):
        res = self.parts.resolution
        self.parts.image.set_data(region_colours(self.net, self.parts.points, res))

    def _start_numbers(self) -> dict:
        """The untrained network's numbers, its loss beside the prediction log k."""
        k = self.net.sizes[-1]
        return {
            "parameters": self.net.n_params,
            "loss": self.net.loss(self.X, self.y),
            f"log {k} (predicted)": float(np.log(k)),
            "accuracy": self.net.accuracy(self.X, self.y),
        }

    def _update(self, **v) -> dict:
        _refuse_out_of_range(self.controls, v)
        X, y = self.data[v["dataset"]]
        if X is not self.X:
            self.X, self.y = X, y
            points, extent = make_grid(X, self.parts.resolution)
            self.parts.points = points
            self.parts.image.set_extent(extent)
            self.parts.ax.set_xlim(extent[:2])
            self.parts.ax.set_ylim(extent[2:])
            _set_dots(self.parts.dots, X, y)
            k = max(int(y.max()) + 1, 2)
            self.parts.start_line.set_ydata([np.log(k), np.log(k)])
            self.parts.start_label.xy = (1.0, np.log(k))
            self.parts.start_label.set_text(f"log {k}: predicted start")
        network = self._network_key(v)
        if network != self._network or self._trained:  # else: the same untrained net
            self.net = self._make_net(v)
            self.history = np.empty(0)
            self._draw_regions()
            self._network = network
            self._trained = False
        self._set_curves([], [], [], np.empty((0, len(self.parts.grad_lines))), v["epochs"])
        self.parts.ax.set_title(self._title(v), fontsize=9)
        batch = "full batch" if v["batch"] == "full" else f"batches of {v['batch']}"
        self.plan.set_text(f"Train: η = {v['eta']:.3g}, {batch}, {v['epochs']} epochs")
        self.progress.max = v["epochs"]
        self.progress.value = 0
        self.progress.description = "epoch 0"
        return self._start_numbers()

    def _set_curves(self, epochs, history, grad_epochs, grad_sizes, max_epoch):
        p = self.parts
        _set_log_curves(
            p.ax_loss, [p.loss_line], epochs, np.c_[history] if len(history) else [], max_epoch
        )
        n = len(self.net.W)  # layers without a network layer draw nothing
        sizes = np.full((len(grad_epochs), len(p.grad_lines)), np.nan)
        if len(grad_epochs):
            sizes[:, :n] = grad_sizes
        _set_log_curves(p.ax_grad, p.grad_lines, grad_epochs, sizes, max_epoch)

    def start_training(self) -> threading.Thread:
        """What the Train button does: ``train`` in a background thread, so that the kernel
        stays free to hear the Stop button. The other controls are disabled meanwhile."""
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self.train, daemon=True)
            self.thread.start()
        return self.thread

    def train(self) -> dict:
        """Train the current network with the current η, batch size and epochs, updating the
        progress bar and the readout, and redrawing the regions, the loss and the gradient sizes
        ``redraws`` times; the Stop button ends it after the current record. Returns
        ``{"epochs", "loss", "accuracy", "‖∇W_i‖"}`` and shows them in the readout; after a
        divergence, shows the message and builds a fresh network (returns {})."""
        v = self.values()
        epochs = v["epochs"]
        every = max(1, epochs // 100)  # gradient sizes recorded 100 times
        redraw = max(1, epochs // self.redraws)
        self.progress.max = epochs
        self.stop_requested.clear()
        self._trained = True  # whatever happens now, a control move starts afresh

        def on_record(epoch, history, grad_epochs, grad_sizes):
            last = epoch == epochs or self.stop_requested.is_set()
            if epoch % redraw and not last:
                return True
            self.progress.value = epoch
            self.progress.description = f"epoch {epoch}"
            self._draw_regions()
            self._set_curves(np.arange(len(history)), history, grad_epochs, grad_sizes, epochs)
            self.parts.ax.set_title(self._title(v, epoch), fontsize=9)
            self.render()
            self._numbers(epoch, history[-1], grad_sizes[-1])  # shown in the readout
            return True

        self._set_busy(True)
        try:
            batch = dict(BATCHES)[v["batch"]]
            history, _, grad_sizes = fit_recording(
                self.net, self.X, self.y, v["eta"], epochs, batch_size=batch, seed=v["seed"],
                every=every, on_record=on_record, stop=self.stop_requested.is_set,
            )  # fmt: skip
        except ValueError as err:  # TrainingDiverged (or sums that overflow): say so
            self.net = self._make_net(v)  # and start again from the seed's fresh network
            self.history = np.empty(0)
            self.show_error(err)
            return {}
        finally:
            self._set_busy(False)
        self.history = history
        self.shown = self._numbers(len(history) - 1, history[-1], grad_sizes[-1])
        if len(history) - 1 < epochs:
            self.readout.value = self.readout.value.replace("epochs trained", "stopped after")
        return self.shown

    def _numbers(self, epoch, loss, grad_sizes) -> dict:
        numbers = {
            "epochs trained": epoch,
            "loss": float(loss),
            "accuracy": self.net.accuracy(self.X, self.y),
            "‖∇W_i‖, i = 1 … L": " · ".join(f"{g:.2g}" for g in grad_sizes),
        }
        self.show(numbers)
        return numbers

    def _set_busy(self, busy: bool) -> None:
        """While training: every control and Train disabled, Stop enabled; and back."""
        for control in [*self.controls.values(), self.train_button]:
            control.disabled = busy
        self.stop_button.disabled = not busy
