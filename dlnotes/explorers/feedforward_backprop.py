"""Notebook 05's figures and explorer: a feed-forward network learning 2-D classes.

``region_colours`` turns the network's class probabilities on a grid into an RGB image (each
pixel mixes the class colours by ŷ), ``decision_figure`` draws it with the data and
the loss curve, and ``FeedForwardExplorer`` lets a learner pick the hidden sizes, activation,
η and epochs, then press *Train* and watch the regions and the loss move.
``saturation_figure`` is the picture behind question 1 (which loss?), ``network_figure`` draws
a network as the notes do (with one path through it), and ``weight_paths_figure`` shows hidden
neurons' weights during training (the initialisation section).
"""

from __future__ import annotations

import threading
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.patches import Circle, Wedge
from matplotlib.ticker import NullFormatter

from dlnotes import data
from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.ffn import FeedForwardNetwork, sigmoid
from dlnotes.plots import BLUE, GREEN, ORANGE, PURPLE, RED, axis_end, new_figure

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


def decision_figure(
    net, X, y, history=None, *, resolution: int = 120, title: str = "", smooth: bool = True
):
    """Static figure: decision regions of ``net`` with the data (left) and the loss curve
    ``history`` (right, log scale). Returns ``(fig, parts)`` where ``parts`` holds the artists
    an explorer moves (``image``, ``dots``: a line per class, ``loss_line``, the axes, the grid)."""
    fig, (ax, ax_loss) = new_figure(2, width=8.4, height=3.7)
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
    ax_loss.set_yscale("log")
    ax_loss.set_xlabel("epoch")
    ax_loss.set_ylabel(r"loss $\mathcal{L}(\theta)$ (mean cross-entropy)")
    ax_loss.yaxis.set_minor_formatter(NullFormatter())  # fewer texts: quicker to draw
    ax_loss.grid(alpha=0.3)
    ax_loss.set_title("the loss falls as gradient descent runs", fontsize=10)
    if history is not None:
        ax_loss.set_xlim(0, max(len(history) - 1, 1))
        _set_loss(ax_loss, loss_line, np.arange(len(history)), history, len(history) - 1)
    else:
        ax_loss.set_xlim(0, 1)
        ax_loss.set_ylim(1e-2, 2)
    parts = figure_parts(
        ax=ax,
        ax_loss=ax_loss,
        image=image,
        dots=dots,
        loss_line=loss_line,
        points=points,
        resolution=resolution,
    )
    return fig, parts


def _set_dots(dots, X, y):
    """Class c's points on the line dots[c]."""
    for c, line in enumerate(dots):
        line.set_data(X[y == c, 0], X[y == c, 1])


def _set_loss(ax_loss, line, epochs, losses, max_epoch):
    """The loss curve, on axes that change only when it outgrows them (each change redraws
    the axes, 40-110 ms): epochs up to a round number (``axis_end``); the loss axis kept while
    the curve lies inside it and spans at least a third of it, else set from a quarter of the
    lowest loss to 1.5 times the highest (during training: a refit every decade or so)."""
    line.set_data(epochs, losses)
    ax_loss.set_xlim(0, axis_end(ax_loss.get_xlim()[1], max(max_epoch, 1)))
    if len(losses):
        lo, hi = max(float(np.min(losses)), 1e-6), max(float(np.max(losses)), 1e-6)
        low, high = ax_loss.get_ylim()
        if not (low <= lo and hi <= high and np.log(hi / lo) >= np.log(high / low) / 3):
            ax_loss.set_ylim(lo / 4, hi * 1.5)


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


def network_figure(sizes=(3, 3, 3, 2), path=None, *, width: float = 7.6):
    """The network drawn as in the notes: layer 0 is the input x = h_0, every neuron of the
    layers above is split into its pre-activation a (left half) and activation h (right half),
    and the edges into layer i carry the weights W_i (the output layer's h is y_hat).

    path: optional list of one neuron index per layer (0-based within each layer, input
    first), drawn thick in red: a single path from one input through the network to one
    output. Returns (fig, parts) with parts.ax, parts.centres (the (x, y) of each neuron, per
    layer) and parts.path_edges (the red line segments).
    """
    sizes = [int(s) for s in sizes]
    L = len(sizes) - 1
    fig, (ax,) = new_figure(width=width, height=0.9 + 0.75 * max(sizes))
    ys = [np.arange(s)[::-1] - (s - 1) / 2 for s in sizes]
    centres = [[(2.2 * i, float(y)) for y in ys[i]] for i in range(L + 1)]
    on_path = set()
    if path is not None:
        on_path = {(i, path[i - 1], path[i]) for i in range(1, L + 1)}
    path_edges = []
    for i in range(1, L + 1):
        for j, (x1, y1) in enumerate(centres[i]):
            for m, (x0, y0) in enumerate(centres[i - 1]):
                red = (i, m, j) in on_path
                (line,) = ax.plot(
                    [x0 + 0.3, x1 - 0.3],
                    [y0, y1],
                    color=RED if red else "0.6",
                    lw=2.6 if red else 0.8,
                    zorder=3 if red else 1,
                )
                if red:
                    path_edges.append(line)
        mid = 2.2 * i - 1.1
        ax.text(mid, max(ys[0].max(), ys[i].max()) + 0.75, f"$W_{i}$", ha="center", fontsize=11)
    for i, layer in enumerate(centres):
        for j, (x, y) in enumerate(layer):
            if i == 0:
                ax.add_patch(Circle((x, y), 0.28, fc="white", ec="black", zorder=4))
                ax.text(x, y, f"$x_{j + 1}$", ha="center", va="center", fontsize=9, zorder=5)
                continue
            for side, name, colour in ((-1, "a", "#dbe9f6"), (1, "h", "#fde6cf")):
                ax.add_patch(
                    Wedge(
                        (x, y),
                        0.3,
                        90 if side < 0 else -90,
                        270 if side < 0 else 90,
                        fc=colour,
                        ec="black",
                        lw=0.8,
                        zorder=4,
                    )
                )
                label = f"${name}_{{{i}{j + 1}}}$"
                ax.text(x + side * 0.14, y, label, ha="center", va="center", fontsize=7, zorder=5)
    bottom = min(y.min() for y in ys) - 0.85
    for i in range(L + 1):
        name = "input $h_0 = x$" if i == 0 else ("output $\\hat y = h_L$" if i == L else "hidden")
        ax.text(2.2 * i, bottom, f"layer {i}\n{name}", ha="center", va="top", fontsize=8)
    ax.set_xlim(-0.6, 2.2 * L + 0.6)
    ax.set_ylim(bottom - 0.7, max(ys[0].max(), max(y.max() for y in ys)) + 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, figure_parts(ax=ax, centres=centres, path_edges=path_edges)


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


class FeedForwardExplorer(Explorer):
    """Choose a network, then press *Train*.

    Controls: the data set, the widths of up to two hidden layers (0 for the second means one
    hidden layer), the activation g, the learning rate η and the number of
    epochs. Moving any control builds a fresh (untrained, seeded) network and shows its
    decision regions; *Train* runs full-batch gradient descent on the mean cross-entropy with a
    progress bar, redrawing the regions and the loss curve every few epochs, and prints the
    final training accuracy.
    """

    def __init__(
        self,
        dataset: str = "spirals",
        hidden1: int = 32,
        hidden2: int = 32,
        activation: str = "tanh",
        eta: float = 0.3,
        epochs: int = 1000,
        resolution: int = 50,
        redraws: int = 10,
        seed: int = 0,
    ):
        self.seed = seed
        self.redraws = redraws
        self.data = {name: make() for name, make in DATASETS.items()}
        self.X, self.y = self.data[dataset]
        self.net = self._make_net(hidden1, hidden2, activation)
        self._network = (dataset, hidden1, hidden2, activation)  # what self.net was built for
        self.history = np.empty(0)
        # 50 x 50 beliefs, smoothed by bilinear interpolation: a quarter of the forward passes
        # of 100 x 100 on every slider move (123 ms against 31 ms at load 5) for the same look.
        fig, self.parts = decision_figure(self.net, self.X, self.y, resolution=resolution)
        self.parts.ax_loss.set_xlim(0, max(epochs, 1))  # the epochs Train will run
        style = {"description_width": "initial"}
        controls = {
            "dataset": widgets.Dropdown(
                options=list(DATASETS), value=dataset, description="data", style=style
            ),
            "hidden1": widgets.IntSlider(
                value=hidden1, min=1, max=64, description="hidden 1", style=style
            ),
            "hidden2": widgets.IntSlider(
                value=hidden2, min=0, max=64, description="hidden 2 (0: none)", style=style
            ),
            "activation": widgets.Dropdown(
                options=["tanh", "sigmoid"], value=activation, description="g", style=style
            ),
            "eta": widgets.SelectionSlider(
                options=[(f"{v:g}", v) for v in sorted({*ETAS, float(eta)})],
                value=float(eta),
                description="η",
                style=style,
            ),  # fmt: skip
            "epochs": widgets.IntSlider(
                value=epochs, min=50, max=3000, step=50, description="epochs", style=style
            ),
        }
        self.train_button = widgets.Button(description="Train", button_style="primary")
        self.train_button.on_click(lambda _button: self.start_training())
        self.stop_button = widgets.Button(description="Stop", disabled=True)
        self.stop_button.on_click(lambda _button: self.stop_requested.set())
        self.stop_requested = threading.Event()
        self.thread = None
        self.progress = widgets.IntProgress(value=0, min=0, max=epochs, description="epoch 0")
        p = self.parts
        super().__init__(
            controls,
            fig,
            moving=[p.image, *p.dots, p.loss_line, p.ax.title],
            extra=[self.train_button, self.stop_button],
            below=[self.progress],
        )

    def _make_net(self, hidden1, hidden2, activation, k=None):
        k = int(self.y.max()) + 1 if k is None else k
        sizes = [2, hidden1] + ([hidden2] if hidden2 > 0 else []) + [k]
        return FeedForwardNetwork(
            sizes, activation, "softmax", "cross_entropy", seed=self.seed, reduction="mean"
        )

    def _title(self, v, trained_epochs=None):
        # plain Unicode, no $...$ mathtext: this title is rewritten on every redraw
        sizes = "-".join(str(s) for s in self.net.sizes)
        state = "untrained" if not trained_epochs else f"after {trained_epochs} epochs"
        return (
            f"{v['dataset']}, net {sizes} ({v['activation']}), "
            f"η = {v['eta']:.3g}, {v['epochs']} epochs: {state}"
        )

    def _draw_regions(self):
        res = self.parts.resolution
        self.parts.image.set_data(region_colours(self.net, self.parts.points, res))

    def _update(self, dataset, hidden1, hidden2, activation, eta, epochs) -> dict:
        X, y = self.data[dataset]
        if X is not self.X:
            self.X, self.y = X, y
            points, extent = make_grid(X, self.parts.resolution)
            self.parts.points = points
            self.parts.image.set_extent(extent)
            self.parts.ax.set_xlim(extent[:2])
            self.parts.ax.set_ylim(extent[2:])
            _set_dots(self.parts.dots, X, y)
        network = (dataset, hidden1, hidden2, activation)
        if network != self._network or self.history.size:  # else: the same untrained net
            self.net = self._make_net(hidden1, hidden2, activation)
            self.history = np.empty(0)
            self._draw_regions()
            self._network = network
        _set_loss(self.parts.ax_loss, self.parts.loss_line, [], [], epochs)
        v = {"dataset": dataset, "activation": activation, "eta": eta, "epochs": epochs}
        self.parts.ax.set_title(self._title(v), fontsize=9)
        self.progress.max = epochs
        self.progress.value = 0
        self.progress.description = "epoch 0"
        return {
            "parameters": self.net.n_params,
            "loss": self.net.loss(X, y),
            "accuracy": self.net.accuracy(X, y),
        }

    def start_training(self) -> threading.Thread:
        """What the Train button does: ``train`` in a background thread, so that the kernel
        stays free to hear the Stop button. The other controls are disabled meanwhile."""
        if self.thread is None or not self.thread.is_alive():
            self.thread = threading.Thread(target=self.train, daemon=True)
            self.thread.start()
        return self.thread

    def train(self) -> dict:
        """Train the current network with the current ``eta`` and ``epochs`` (full batch),
        updating the progress bar, and redrawing the regions and loss curve ``redraws`` times;
        the Stop button ends it after the current epoch. Returns ``{"loss", "accuracy",
        "epochs", "seconds"}`` and shows them in the readout (or the error if it diverged)."""
        v = self.values()
        epochs = v["epochs"]
        every = max(1, epochs // self.redraws)
        self.progress.max = epochs
        start = time.perf_counter()
        history = []
        self.stop_requested.clear()

        def callback(epoch, loss):
            history.append(loss)
            stop = self.stop_requested.is_set()
            if stop or epoch % every == 0 or epoch == epochs:
                self.progress.value = epoch
                self.progress.description = f"epoch {epoch}"
                self._draw_regions()
                _set_loss(
                    self.parts.ax_loss,
                    self.parts.loss_line,
                    np.arange(len(history)),
                    history,
                    epochs,
                )
                self.parts.ax.set_title(self._title(v, epoch), fontsize=9)
                self.render()
            return not stop

        self._set_busy(True)
        try:
            history.append(self.net.loss(self.X, self.y))
            self.net.fit(self.X, self.y, v["eta"], epochs, callback=callback)
        except ValueError as err:  # TrainingDiverged (or sums that overflow): say so
            self.show_error(err)
            return {}
        finally:
            self._set_busy(False)
        self.history = np.asarray(history)
        self.shown = {
            "loss": float(self.history[-1]),
            "accuracy": self.net.accuracy(self.X, self.y),
            "epochs": len(history) - 1,
            "seconds": time.perf_counter() - start,
        }
        label = (
            "stopped: training accuracy" if len(history) - 1 < epochs else "final training accuracy"
        )
        self.show({label: self.shown["accuracy"], **self.shown})
        return self.shown

    def _set_busy(self, busy: bool) -> None:
        """While training: every control and Train disabled, Stop enabled; and back."""
        for control in [*self.controls.values(), self.train_button]:
            control.disabled = busy
        self.stop_button.disabled = not busy
