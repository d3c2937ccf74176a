"""Notebook 03's figures and explorer: gradient descent on the two-point toy problem.

GradientDescentExplorer has a learning rate η (log scale), a start (w_0, b_0), a number of
epochs and an epoch to show (with a Play control that steps through it). The path θ_0, θ_1, …
is drawn on the contour map of L(w, b) next to the loss against epoch on a log axis fitted to
the run. The path is computed once per change of η, start or epochs (kept in a cache); moving
the epoch shown only moves a marker and the bright part of the path.

The figure builders (descent_figure, descent_surface_figure, taylor_figure,
eta_comparison_figure) are also the notebook's static figures; each returns (fig, parts).
Errors: as dlnotes.gd.gradient_descent and dlnotes.gd.change_by_direction raise them.
"""

from __future__ import annotations

import functools
import math

import ipywidgets as widgets
import numpy as np

from dlnotes import toy
from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.gd import Descent, change_by_direction, gradient_descent
from dlnotes.plots import BLUE, GREY, ORANGE, RED, axis_end, new_figure

#: The square of (w, b) the contour map shows (the same as notebook 02's surface).
LIMIT = 6.0
#: Grid points per axis of the contour map, computed once.
GRID = 121
#: The smallest loss the log axis shows: a run that reaches an exact 0 (or 1e-40) is drawn down
#: to here (float64 rounding leaves the toy loss near 1e-32 at best).
LOSS_FLOOR = 1e-33


@functools.lru_cache(maxsize=4)
def _surface(n: int = GRID, limit: float = LIMIT):
    """``(W, B, L)`` of :func:`dlnotes.toy.error_surface` on ``[-limit, limit]^2``, computed
    once per process (read-only arrays)."""
    axis = np.linspace(-limit, limit, n)
    W, B, L = toy.error_surface(axis, axis)
    for a in (W, B, L):
        a.flags.writeable = False
    return W, B, L


def toy_gradient(theta) -> tuple[float, float]:
    """toy.gradient(w, b) for θ = [w, b]: the form gradient_descent calls."""
    return toy.gradient(*theta)


def descent_run(eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs: int = 1000):
    """Gradient descent on the toy loss from (w_0, b_0): returns (run, losses), the
    dlnotes.gd.Descent (run.path of shape (n, 2), n = epochs + 1 unless it diverged) and
    L(w_t, b_t) at each of its points, shape (n,)."""
    run = gradient_descent(toy_gradient, [w0, b0], eta, epochs)
    return run, toy.error(run.path[:, 0], run.path[:, 1])


def quick_descent_run(eta: float, w0: float, b0: float, epochs: int):
    """descent_run with its loop in plain Python floats: what the explorer runs each time η,
    the start or the number of epochs moves.

        θ_{t+1} = θ_t − η·∇L(θ_t),  ∇L = Σᵢ sᵢ·(xᵢ, 1),  sᵢ = (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ))

    toy.gradient's formula written out for the two points (`_share`). Measured side by side
    (1000 epochs, this machine): 1.5-3 ms against 50-80 ms for descent_run, whose
    gradient_descent calls toy.gradient on numpy arrays of two numbers; the two agree to 1e-12
    (tests/test_explorers_gradient_descent.py). Arguments are not checked (the sliders are).
    """
    (x1, x2), (y1, y2) = toy.X.tolist(), toy.Y.tolist()
    w, b = float(w0), float(b0)
    path = [(w, b)]
    for t in range(1, int(epochs) + 1):
        s1, s2 = _share(w * x1 + b, y1), _share(w * x2 + b, y2)
        w, b = w - eta * (s1 * x1 + s2 * x2), b - eta * (s1 + s2)
        if not (math.isfinite(w) and math.isfinite(b)):
            run = Descent(np.array(path), diverged_at=t)
            break
        path.append((w, b))
    else:
        run = Descent(np.array(path))
    return run, toy.error(run.path[:, 0], run.path[:, 1])


def _share(z: float, y: float) -> float:
    """One point's share of ∇L for z = w·x + b: (σ(z) − y)·σ(z)·(1 − σ(z)), σ as
    neurons.stable_sigmoid computes it."""
    e = math.exp(-abs(z))
    f = 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)
    return (f - y) * f * (1 - f)


def loss_limits(losses: np.ndarray) -> tuple[float, float]:
    """The log axis for a loss curve: whole decades just around its smallest and largest value
    (never below LOSS_FLOOR), so the curve fills the panel."""
    low = max(float(np.min(losses)), LOSS_FLOOR)
    high = max(float(np.max(losses)), low)
    return 10.0 ** np.floor(np.log10(low)), 10.0 ** np.ceil(np.log10(high) + 1e-9)


def _refit(shown: tuple, fitted: tuple) -> tuple[float, float]:
    """The loss axis after a move: kept while the new curve lies inside it and fills at least
    a third of its decades, else fitted again with four spare decades below. A drag of η thus
    redraws the axis (40-110 ms for this log axis) every few steps, not on every step: η from
    1.41 down to 0.14 in 20 key presses refits once (three times with "half" and 3 spare
    decades), up to 14 four times."""
    low, high = shown
    inside = low <= fitted[0] and fitted[1] <= high
    if inside and math.log10(fitted[1] / fitted[0]) >= math.log10(high / low) / 3:
        return low, high
    return max(fitted[0] / 1e4, LOSS_FLOOR), fitted[1]


def _title(run: Descent, losses: np.ndarray, k: int, epochs: int) -> str:
    w, b = run.path[k]
    where = "" if max(abs(w), abs(b)) <= LIMIT else " (off the map)"
    # plain text: a moving title in mathtext ($...$) is re-parsed on every draw (slow)
    text = f"epoch {k} of {epochs}: w = {w:.4f}, b = {b:.4f}, L = {losses[k]:.3g}{where}"
    if run.diverged_at is not None:
        text += f"\ndiverged at epoch {run.diverged_at}: stopped there"
    elif not where and np.any(np.abs(run.path) > LIMIT):
        text += "\n(part of the path runs off the map)"
    return text


def _loss_title(eta: float, losses: np.ndarray) -> str:
    return f"loss against epoch for η = {eta:.3g}: at the end L = {losses[-1]:.3g}"


def descent_figure(
    eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs: int = 1000, frame=None
):
    """Static figure: the path of gradient descent on the contour map of L(w, b) (left) and L
    against epoch on a log axis fitted to the run (right).

    frame: the epoch marked (default: the last). Returns (fig, parts) with the artists an
    explorer moves: parts.path_all (the whole path, faint), parts.path_done (the path up to
    frame), parts.marker (a ring, so the exact-fit star stays visible inside it),
    parts.loss_line, parts.loss_marker, and the two axes parts.ax_map, parts.ax_loss.
    """
    run, losses = descent_run(eta, w0, b0, epochs)
    path = run.path
    k = len(path) - 1 if frame is None else min(int(frame), len(path) - 1)
    W, B, L = _surface()
    fig, (ax_map, ax_loss) = new_figure(2, width=10.0, height=4.2)

    ax_map.contourf(W, B, L, levels=20, cmap="viridis", alpha=0.85)
    ax_map.contour(W, B, L, levels=20, colors="white", linewidths=0.4, alpha=0.5)
    w_star, b_star = toy.exact_solution()
    ax_map.plot(
        [w_star], [b_star], "*", color=RED, ms=14, mec="white", zorder=5,
        label="exact fit $(w^*, b^*)$",
    )  # fmt: skip
    (path_all,) = ax_map.plot(path[:, 0], path[:, 1], "-", color="white", lw=1, alpha=0.6)
    (path_done,) = ax_map.plot(
        path[: k + 1, 0], path[: k + 1, 1], ".-", color=ORANGE, lw=2, ms=3, label="path so far"
    )
    (marker,) = ax_map.plot(
        [path[k, 0]], [path[k, 1]], "o", mfc="none", mec=ORANGE, mew=2.5, ms=18, zorder=4,
        label=r"$\theta_t$",
    )  # fmt: skip
    ax_map.set_xlim(-LIMIT, LIMIT)
    ax_map.set_ylim(-LIMIT, LIMIT)
    ax_map.set_xlabel("$w$")
    ax_map.set_ylabel("$b$")
    ax_map.legend(loc="upper right", fontsize=8, framealpha=0.8)
    ax_map.set_title(_title(run, losses, k, epochs), fontsize=10)

    epochs_axis = np.arange(len(path))
    (loss_line,) = ax_loss.plot(epochs_axis, losses, color=BLUE, lw=2)
    (loss_marker,) = ax_loss.plot([k], [losses[k]], "o", color=ORANGE, mec="black", ms=8)
    ax_loss.set_yscale("log")
    ax_loss.set_xlim(0, max(epochs, 1))
    ax_loss.set_ylim(*loss_limits(losses))
    ax_loss.set_xlabel("epoch $t$")
    ax_loss.set_ylabel(r"$\mathcal{L}(w_t, b_t)$ (log scale)")
    ax_loss.grid(alpha=0.3, which="both")
    ax_loss.set_title(_loss_title(eta, losses), fontsize=10)
    parts = figure_parts(
        ax_map=ax_map,
        ax_loss=ax_loss,
        path_all=path_all,
        path_done=path_done,
        marker=marker,
        loss_line=loss_line,
        loss_marker=loss_marker,
    )
    return fig, parts


def descent_surface_figure(eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs=1000):
    """Static 3-D figure: the surface L(w, b) with the path of gradient descent running down
    it (every point drawn at its own height). Returns (fig, parts) with the axes parts.ax."""
    run, losses = descent_run(eta, w0, b0, epochs)
    path = run.path
    W, B, L = _surface(61)
    fig, (ax,) = new_figure(1, width=6.0, height=4.8, projections=("3d",))
    ax.plot_surface(W, B, L, cmap="viridis", alpha=0.6, linewidth=0, antialiased=False)
    ax.plot(path[:, 0], path[:, 1], losses + 0.005, color=ORANGE, lw=2.5, zorder=10)
    ax.plot([path[0, 0]], [path[0, 1]], [losses[0] + 0.005], "o", color=ORANGE, mec="black")
    ax.plot([path[-1, 0]], [path[-1, 1]], [losses[-1] + 0.005], "*", color=RED, ms=12)
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_zlabel(r"$\mathcal{L}(w, b)$")
    ax.view_init(elev=40, azim=-60)
    ax.set_title(f"{len(path) - 1} steps downhill from $(w, b) = ({w0:g}, {b0:g})$", fontsize=10)
    return fig, figure_parts(ax=ax)


def taylor_figure(theta=(-2.0, -2.0), step_length: float = 0.01):
    """Static figure: for unit directions u at every angle β to ∇L, the first-order prediction
    ε·uᵀ∇L and the actual change L(θ + ε·u) − L(θ), for a step of length ε = step_length.
    Returns (fig, parts) with the arrays parts.angles (degrees), parts.predicted, parts.actual."""
    angles = np.arange(0.0, 361.0, 1.0)
    predicted, actual = change_by_direction(toy.error, toy.gradient, theta, step_length, angles)
    fig, (ax,) = new_figure()
    ax.plot(
        angles,
        predicted,
        color=BLUE,
        lw=2.5,
        label=r"predicted: $\varepsilon\, u^T\nabla\mathcal{L}$",
    )
    ax.plot(
        angles,
        actual,
        "--",
        color=ORANGE,
        lw=2,
        label=r"actual: $\mathcal{L}(\theta+\varepsilon u)-\mathcal{L}(\theta)$",
    )
    ax.axvline(180, color=GREY, lw=1, ls=":")
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xticks(np.arange(0, 361, 45))
    ax.set_xlabel(r"angle $\beta$ between $u$ and $\nabla\mathcal{L}$ (degrees)")
    ax.set_ylabel("change of the loss")
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9, loc="upper center")
    ax.set_title(
        r"The loss falls fastest at $\beta = 180^\circ$: against the gradient", fontsize=10
    )
    return fig, figure_parts(ax=ax, angles=angles, predicted=predicted, actual=actual)


def eta_comparison_figure(etas=(0.1, 1.0, 10.0, 100.0), w0=-2.0, b0=-2.0, epochs=1000):
    """Static figure: L against epoch (log axis) for several learning rates η from the same
    start. Returns (fig, parts) with the axes parts.ax."""
    fig, (ax,) = new_figure()
    colours = [BLUE, ORANGE, "#2ca02c", RED, "#9467bd", "#8c564b"]
    for i, eta in enumerate(etas):
        _, losses = descent_run(eta, w0, b0, epochs)
        ax.plot(losses, color=colours[i % len(colours)], lw=1.8, label=rf"$\eta = {eta:g}$")
    ax.set_yscale("log")
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel(r"$\mathcal{L}(w_t, b_t)$ (log scale)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=9, ncols=2, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(r"Too small an $\eta$ crawls, too large a one jumps away", fontsize=10)
    return fig, figure_parts(ax=ax)


class GradientDescentExplorer(Explorer):
    """Steer gradient descent on the toy problem: learning rate η (log scale), the start
    (w_0, b_0), the number of epochs, and the epoch shown (press Play to step through the run).

    update returns the shown epoch, w, b and L there, the final L, and the run's status
    ("ran all N epochs", or the epoch at which it diverged).
    """

    def __init__(
        self, eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs: int = 1000, frame=0
    ):
        self._cache_key = None
        self._run = None
        self._drawn_key = None  # the settings whose path the artists show
        fig, self.parts = descent_figure(eta, w0, b0, epochs, frame)
        style = {"description_width": "initial"}
        controls = {
            "eta": widgets.FloatLogSlider(
                value=eta, base=10, min=-2, max=2, step=0.05, description="η (eta)",
                readout_format=".3g", style=style, continuous_update=False,
            ),
            "w0": widgets.FloatSlider(
                value=w0, min=-LIMIT, max=LIMIT, step=0.1, description="start w", style=style,
                continuous_update=False,
            ),
            "b0": widgets.FloatSlider(
                value=b0, min=-LIMIT, max=LIMIT, step=0.1, description="start b", style=style,
                continuous_update=False,
            ),
            "epochs": widgets.IntSlider(
                value=epochs, min=10, max=2000, step=10, description="epochs", style=style,
                continuous_update=False,
            ),
            "frame": widgets.IntSlider(
                value=min(frame, epochs), min=0, max=epochs, step=1, description="show epoch",
                style=style,
            ),
        }  # fmt: skip
        self.play = widgets.Play(
            value=controls["frame"].value, min=0, max=epochs, step=max(1, epochs // 100),
            interval=120, description="Play the descent",
        )  # fmt: skip
        widgets.jslink((self.play, "value"), (controls["frame"], "value"))
        a = self.parts
        moving = [a.path_all, a.path_done, a.marker, a.loss_line, a.loss_marker]
        super().__init__(
            controls, fig, moving=[*moving, a.ax_map.title, a.ax_loss.title], extra=[self.play]
        )

    # -- the path, computed once per (eta, start, epochs) ------------------------------------
    def run(self, eta: float, w0: float, b0: float, epochs: int):
        """(run, losses) of descent_run for these settings, from the cache if they have not
        changed."""
        key = (float(eta), float(w0), float(b0), int(epochs))
        if key != self._cache_key:
            self._run = quick_descent_run(*key)
            self._cache_key = key
        return self._run

    def _sync_frame_range(self, epochs: int) -> None:
        """Give the frame slider and the Play control the range 0..epochs without the slider's
        own clamping triggering a second redraw."""
        frame_slider = self.controls["frame"]
        if frame_slider.max == epochs:
            return
        with self.quietly():
            frame_slider.max = epochs
            self.play.max = epochs
            self.play.step = max(1, epochs // 100)

    def _update(self, eta, w0, b0, epochs, frame) -> dict:
        most = self.controls["epochs"].max
        if not 0 <= epochs <= most:  # the whole path is kept: a bound, not a hang
            raise ValueError(
                f"epochs must be between 0 and {most} (the slider's range), got {epochs:g}"
            )
        run, losses = self.run(eta, w0, b0, epochs)
        path = run.path
        self._sync_frame_range(int(epochs))
        k = min(max(int(frame), 0), len(path) - 1)
        a = self.parts
        if self._drawn_key != self._cache_key:  # a new path: move its artists
            self._drawn_key = self._cache_key
            a.path_all.set_data(path[:, 0], path[:, 1])
            a.loss_line.set_data(np.arange(len(path)), losses)
            # an axis that changes is redrawn (by the base): only when the run outgrows it
            a.ax_loss.set_xlim(0, axis_end(a.ax_loss.get_xlim()[1], max(int(epochs), 1)))
            a.ax_loss.set_ylim(*_refit(a.ax_loss.get_ylim(), loss_limits(losses)))
            a.ax_loss.set_title(_loss_title(eta, losses), fontsize=10)
        a.path_done.set_data(path[: k + 1, 0], path[: k + 1, 1])
        a.marker.set_data([path[k, 0]], [path[k, 1]])
        a.loss_marker.set_data([k], [losses[k]])
        a.ax_map.set_title(_title(run, losses, k, int(epochs)), fontsize=10)
        return {
            "epoch": k,
            "w": float(path[k, 0]),
            "b": float(path[k, 1]),
            "L": float(losses[k]),
            "final L": float(losses[-1]),
            "status": run.status,
        }
