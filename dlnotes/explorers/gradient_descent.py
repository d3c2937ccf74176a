"""Notebook 03's figures and explorer: gradient descent on the two-point toy problem.

GradientDescentExplorer has a learning rate η (log scale), a start (w_0, b_0), a number of
epochs and an epoch to show (with a Play control that steps through it). The path θ_0, θ_1, …
(a dot every 10 epochs) is drawn on the contour map of L(w, b) next to the loss against epoch
on a log axis fitted to the run, with the theory beside it: η·λ_max against the limit 2, and
the predicted loss factor per epoch near the fit, (max |1 − η·λ|)², against the measured one
(also drawn as a dashed line with rings on the loss panel, only while the loss falls or
grows steadily). The path comes from dlnotes.gd and dlnotes.toy,
computed once per change of η, start or epochs (kept in a cache); moving the epoch shown only
moves a marker and the bright part of the path.

The figure builders (descent_figure, descent_surface_figure, taylor_figure,
eta_comparison_figure, rate_figure) are also the notebook's static figures; each returns
(fig, parts). Errors: as dlnotes.gd.gradient_descent and dlnotes.gd.change_by_direction raise
them; the explorer refuses values outside its sliders' ranges (η ≤ 0 among them).
"""

from __future__ import annotations

import functools
import math
import time

import ipywidgets as widgets
import numpy as np

from dlnotes import toy
from dlnotes._checks import as_float, as_int
from dlnotes.explorers.base import Explorer, figure_parts
from dlnotes.gd import Descent, change_by_direction, gradient_descent
from dlnotes.plots import BLUE, GREY, ORANGE, PURPLE, RED, axis_end, new_figure

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
    """toy.gradient(w, b) for θ = [w, b]: the form gradient_descent calls (unchecked: the
    explorer's sliders and gradient_descent's door have checked the numbers already)."""
    return toy.gradient.unchecked(*theta)


def descent_run(eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs: int = 1000):
    """Gradient descent on the toy loss from (w_0, b_0): returns (run, losses), the
    dlnotes.gd.Descent (run.path of shape (n, 2), n = epochs + 1 unless it diverged) and
    L(w_t, b_t) at each of its points, shape (n,)."""
    run = gradient_descent(toy_gradient, [w0, b0], eta, epochs)
    return run, toy.error(run.path[:, 0], run.path[:, 1])


def curvature_at_fit() -> tuple[float, float]:
    """(λ_min, λ_max): the eigenvalues of the Hessian H of the toy loss at the exact fit.

    H = toy.hessian_at_fit() = Σᵢ (yᵢ(1 − yᵢ))²·[xᵢ, 1]ᵀ[xᵢ, 1]      (about 0.0103 and 0.0804)
    """
    lam_min, lam_max = np.linalg.eigvalsh(toy.hessian_at_fit())
    return float(lam_min), float(lam_max)


def predicted_factor(eta: float) -> float:
    """The loss factor per epoch near the fit that the quadratic bowl predicts.

    L(θ_{t+1}) / L(θ_t) → ρ²,   ρ = max(|1 − η·λ_min|, |1 − η·λ_max|)
    """
    lam_min, lam_max = curvature_at_fit()
    return max(abs(1 - eta * lam_min), abs(1 - eta * lam_max)) ** 2


#: Losses at or below this are float64 rounding noise around the fit, not a trend.
NOISE = 1e-26


def tail_end(losses: np.ndarray) -> int:
    """The last epoch whose loss is above NOISE (the end of the straight tail), or −1."""
    above = np.flatnonzero(losses > NOISE)
    return int(above[-1]) if above.size else -1


def tail_trend(losses: np.ndarray, last: int = 50) -> str | None:
    """How the run ends, over the last `last` epochs of its tail (T = tail_end(losses)), by the
    two-epoch ratios L_t / L_(t−2) (one epoch's ratio may wobble as a zig-zag crosses the
    valley): "falls" if every one is below 1, "grows" if every one is above 1, "cycle" if every
    one is within 0.1% of 1 (a two-step cycle: not settling), None otherwise or unless the run
    is near the fit there (L < 1e-3)."""
    T = tail_end(losses)
    if T < last or not losses[T - last] < 1e-3:
        return None
    window = losses[T - last : T + 1]
    ratios = window[2:] / window[:-2]
    if np.all(np.abs(ratios - 1) < 1e-3):
        return "cycle"
    if np.all(ratios < 1):
        return "falls"
    if np.all(ratios > 1):
        return "grows"
    return None


def measured_factor(losses: np.ndarray, last: int = 50) -> float | None:
    """The loss factor per epoch over the last `last` epochs of the tail, (L_T / L_(T−last))^(1/
    last), T = tail_end(losses); None unless the loss falls or grows steadily there (see
    tail_trend)."""
    if tail_trend(losses, last) not in ("falls", "grows"):
        return None
    T = tail_end(losses)
    return float((losses[T] / losses[T - last]) ** (1 / last))


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
    text = f"epoch {k}/{epochs}: (w, b) = ({w:.3f}, {b:.3f}), L = {losses[k]:.3g}{where}"
    if run.diverged_at is not None:
        text += f"; diverged at {run.diverged_at}"
    return text


def _loss_title(eta: float, losses: np.ndarray) -> str:
    return f"loss against epoch, η = {eta:.3g}: final L = {losses[-1]:.3g}"


def _prediction_line(eta: float, losses: np.ndarray, last: int = 200):
    """The predicted straight tail on the log axis, L_T·ρ^(2(t − T)) over the `last` epochs up
    to T = tail_end(losses), or fewer if the run came near the fit (L < 1e-3) later; empty
    unless the loss falls or grows steadily over them (a run in a two-step cycle, or still far
    from the fit, gets no predicted tail)."""
    T = tail_end(losses)
    far = np.flatnonzero(losses[: T + 1] >= 1e-3)  # epochs not yet near the fit
    last = min(last, T - (int(far[-1]) + 1 if far.size else 0))
    if last < 2 or tail_trend(losses, last) not in ("falls", "grows"):
        return [], []
    t = np.arange(T - last, T + 1)
    return t, losses[T] * predicted_factor(eta) ** (t - T)


def descent_figure(
    eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs: int = 1000, frame=None
):
    """Static figure: the path of gradient descent on the contour map of L(w, b) (left, a dot
    every 10 epochs, a zoom on the fit with the Hessian's eigen-directions in its corner) and L
    against epoch on a log axis fitted to the run (right), with the predicted tail
    L_T·ρ^(2(t − T)), ρ = max|1 − η·λ|, dashed.

    frame: the epoch marked (default: the last). Returns (fig, parts) with the artists an
    explorer moves: parts.path_all (the whole path, faint), parts.path_done (the path up to
    frame), parts.dots (every 10th point up to frame), parts.marker (a ring, so the exact-fit
    star stays visible inside it), parts.loss_line, parts.loss_marker, parts.predicted, and the
    two axes parts.ax_map, parts.ax_loss.
    """
    run, losses = descent_run(eta, w0, b0, epochs)
    path = run.path
    k = len(path) - 1 if frame is None else min(int(frame), len(path) - 1)
    W, B, L = _surface()
    fig, (ax_map, ax_loss) = new_figure(2, width=10.0, height=4.2)

    filled = ax_map.contourf(W, B, L, levels=20, cmap="viridis", alpha=0.85)
    ax_map.contour(W, B, L, levels=20, colors="white", linewidths=0.4, alpha=0.5)
    fig.colorbar(filled, ax=ax_map, label=r"$\mathcal{L}(w, b)$", ticks=[0, 0.2, 0.4, 0.6])
    w_star, b_star = toy.exact_solution()
    ax_map.plot(
        [w_star], [b_star], "*", color=RED, ms=14, mec="white", zorder=5,
        label="exact fit $(w^*, b^*)$",
    )  # fmt: skip
    (path_all,) = ax_map.plot(path[:, 0], path[:, 1], ":", color=GREY, lw=1.5,
                              label="whole path")  # fmt: skip
    (path_done,) = ax_map.plot(path[: k + 1, 0], path[: k + 1, 1], "-", color=ORANGE, lw=2,
                               label="path so far")  # fmt: skip
    (dots,) = ax_map.plot(path[: k + 1 : 10, 0], path[: k + 1 : 10, 1], "o", color=ORANGE,
                          mec="black", mew=0.5, ms=4, label="every 10th epoch")  # fmt: skip
    (marker,) = ax_map.plot(
        [path[k, 0]], [path[k, 1]], "o", mfc="none", mec=ORANGE, mew=2, ms=24, zorder=4,
        label=r"$\theta_t$",
    )  # fmt: skip
    ax_map.set_xlim(-LIMIT, LIMIT)
    ax_map.set_ylim(-LIMIT, LIMIT)
    ax_map.set_xlabel("$w$")
    ax_map.set_ylabel("$b$")
    ax_map.legend(loc="upper right", fontsize="small", framealpha=0.85, markerscale=0.6)
    ax_map.set_title(_title(run, losses, k, epochs))
    ax_zoom, zoom_path, zoom_marker = _zoom_inset(ax_map, path, k)

    epochs_axis = np.arange(len(path))
    (loss_line,) = ax_loss.plot(epochs_axis, losses, color=BLUE, lw=2, label="measured")
    (predicted,) = ax_loss.plot(*_prediction_line(eta, losses), "--", color=RED, lw=1.5,
                                marker="o", mfc="none", ms=5, markevery=20, zorder=3,
                                label=r"predicted tail: $\rho^2$ per epoch")  # fmt: skip
    (loss_marker,) = ax_loss.plot([k], [losses[k]], "o", color=ORANGE, mec="black", ms=8,
                                  clip_on=False)  # fmt: skip
    ax_loss.set_yscale("log")
    ax_loss.set_xlim(0, axis_end(1.0, max(epochs, 1)))
    ax_loss.set_ylim(*loss_limits(losses))
    ax_loss.set_xlabel("epoch $t$")
    ax_loss.set_ylabel(r"$\mathcal{L}(w_t, b_t)$ (log scale)")
    ax_loss.grid(alpha=0.3, which="both")
    ax_loss.legend(loc="lower left", fontsize="small")
    ax_loss.set_title(_loss_title(eta, losses))
    parts = figure_parts(
        ax_map=ax_map,
        ax_loss=ax_loss,
        path_all=path_all,
        path_done=path_done,
        dots=dots,
        marker=marker,
        loss_line=loss_line,
        loss_marker=loss_marker,
        predicted=predicted,
        ax_zoom=ax_zoom,
        zoom_path=zoom_path,
        zoom_marker=zoom_marker,
    )
    return fig, parts


#: Half the width of the zoom around the exact fit, in w and in b.
ZOOM = 0.06


def _zoom_inset(ax_map, path: np.ndarray, k: int):
    """A zoom on [w* ± ZOOM] × [b* ± ZOOM] in the map's top-left corner: the contours of L, the
    two eigen-directions of the Hessian at the fit (a zig-zag runs along the steep one) and the
    path up to epoch k. Returns (axes, path line, marker)."""
    w_star, b_star = toy.exact_solution()
    ax = ax_map.inset_axes([0.02, 0.56, 0.36, 0.42])
    axis_w = np.linspace(w_star - ZOOM, w_star + ZOOM, 41)
    axis_b = np.linspace(b_star - ZOOM, b_star + ZOOM, 41)
    W, B, L = toy.error_surface(axis_w, axis_b)
    ax.contour(W, B, L, levels=6, colors=GREY, linewidths=0.6)
    directions = np.linalg.eigh(toy.hessian_at_fit())[1].T  # for λ_min, then λ_max
    for direction, colour in zip(directions, (BLUE, RED), strict=True):
        ends = np.array([w_star, b_star]) + np.outer([-2 * ZOOM, 2 * ZOOM], direction)
        ax.plot(ends[:, 0], ends[:, 1], "--", color=colour, lw=1)
    ax.plot([w_star], [b_star], "*", color=RED, ms=9, mec="white", zorder=5)
    (zoom_path,) = ax.plot(path[: k + 1, 0], path[: k + 1, 1], ".-", color=ORANGE, lw=1, ms=3)
    (zoom_marker,) = ax.plot([path[k, 0]], [path[k, 1]], "o", mfc="none", mec=ORANGE, mew=2,
                             ms=10)  # fmt: skip
    ax.set_xlim(w_star - ZOOM, w_star + ZOOM)
    ax.set_ylim(b_star - ZOOM, b_star + ZOOM)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("white")
    ax.text(0.03, 0.03, f"zoom: ±{ZOOM:g}", transform=ax.transAxes, fontsize="small")
    return ax, zoom_path, zoom_marker


def descent_surface_figure(eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs=1000):
    """Static 3-D figure: the surface L(w, b) with the path of gradient descent running down
    it (every point drawn at its own height). Returns (fig, parts) with the axes parts.ax."""
    run, losses = descent_run(eta, w0, b0, epochs)
    path = run.path
    W, B, L = _surface(61)
    fig, (ax,) = new_figure(1, width=6.0, height=4.8, projections=("3d",))
    ax.plot_surface(W, B, L, cmap="viridis", alpha=0.6, linewidth=0, antialiased=False)
    ax.plot(path[:, 0], path[:, 1], losses + 0.005, color=ORANGE, lw=2.5, zorder=10,
            label="path")  # fmt: skip
    ax.plot([path[0, 0]], [path[0, 1]], [losses[0] + 0.005], "o", color="white", mec="black",
            ms=9, zorder=11, label=f"start ({w0:g}, {b0:g})")  # fmt: skip
    ax.plot([path[-1, 0]], [path[-1, 1]], [losses[-1] + 0.005], "*", color=RED, mec="white",
            ms=16, zorder=11, label=f"epoch {len(path) - 1}")  # fmt: skip
    ax.set_xlabel("$w$")
    ax.set_ylabel("$b$")
    ax.set_zlabel(r"$\mathcal{L}(w, b)$")
    ax.view_init(elev=40, azim=-60)
    ax.legend(loc="upper left", fontsize="small")
    ax.set_title(f"{len(path) - 1} steps downhill from $(w, b) = ({w0:g}, {b0:g})$")
    return fig, figure_parts(ax=ax)


def taylor_figure(theta=(-2.0, -2.0), step_lengths=(0.01, 1.0)):
    """Static figure: for unit directions u at every angle β to ∇L, the actual change
    L(θ + ε·u) − L(θ) divided by the step length ε, beside the first-order prediction uᵀ∇L =
    ‖∇L‖ cos β, for each step length ε in step_lengths (short ones follow the prediction, a
    long one departs from it and its best angle moves away from 180°).
    Returns (fig, parts) with parts.angles (degrees), parts.predicted (for ε = 1, per unit
    length) and parts.actual, a dict ε -> actual change (not divided)."""
    angles = np.arange(0.0, 361.0, 1.0)
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    actual = {}
    colours = [ORANGE, PURPLE, GREY]
    for i, eps in enumerate(step_lengths):
        predicted, actual[eps] = change_by_direction(toy.error, toy.gradient, theta, eps, angles)
        best = angles[np.argmin(actual[eps])]
        ax.plot(angles, actual[eps] / eps, "--", color=colours[i % 3], lw=2,
                label=rf"actual, $\varepsilon = {eps:g}$ (lowest at {best:.0f}°)")  # fmt: skip
    per_unit = predicted / step_lengths[-1]
    ax.plot(
        angles,
        per_unit,
        color=BLUE,
        lw=2.5,
        zorder=1,
        label=r"predicted: $u^T\nabla\mathcal{L} = \|\nabla\mathcal{L}\|\cos\beta$",
    )
    ax.axvline(180, color=GREY, lw=1, ls=":")
    ax.axhline(0, color="black", lw=0.6)
    ax.set_xticks(np.arange(0, 361, 45))
    ax.set_xlabel(r"angle $\beta$ between $u$ and $\nabla\mathcal{L}$ (degrees)")
    ax.set_ylabel(r"change of the loss / $\varepsilon$")
    ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 2))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small", loc="upper center")
    ax.set_title(r"The loss falls fastest near $\beta = 180^\circ$: against the gradient")
    return fig, figure_parts(ax=ax, angles=angles, predicted=per_unit, actual=actual)


#: Line colours for several runs: tab10 without the red-green pair.
RUN_COLOURS = (BLUE, ORANGE, PURPLE, "#8c564b", "#17becf", "black")


def eta_comparison_figure(
    etas=(0.1, 1.0, 10.0, 100.0), w0=-2.0, b0=-2.0, epochs=1000, *, target=None, within=None,
    predicted=(),
):  # fmt: skip
    """Static figure: L against epoch (log axis) for several learning rates η from the same
    start; guide lines at the loss `target` and the epoch `within` when given; for each η in
    `predicted`, the predicted straight tail ρ² per epoch (ρ = max|1 − η·λ|) dashed over the
    tail's last 400 epochs as rings. Returns (fig, parts) with the axes parts.ax."""
    fig, (ax,) = new_figure(width=7.0, height=4.0)
    for i, eta in enumerate(etas):
        _, losses = descent_run(eta, w0, b0, epochs)
        colour = RUN_COLOURS[i % len(RUN_COLOURS)]
        ax.plot(losses, color=colour, lw=1.8, label=rf"$\eta = {eta:g}$")
        if any(eta == p for p in predicted):
            ax.plot(*_prediction_line(eta, losses, last=400), "o", mfc="none", mec="black",
                    ms=5, markevery=25)  # fmt: skip
    if predicted:
        ax.plot([], [], "o", mfc="none", mec="black", ms=5, label=r"predicted, $\rho^2$ per epoch")
    if target is not None:
        ax.axhline(target, color=GREY, lw=1, ls="--")
        ax.text(epochs, target, f" L = {target:g}", va="bottom", ha="right", color=GREY)
    if within is not None:
        ax.axvline(within, color=GREY, lw=1, ls="--")
        ax.text(within, 1e-24, f" epoch {within}", color=GREY)
    ax.set_yscale("log")
    ax.set_ylim(1e-42, 3)  # room below the float64 floor (1e-32) for the legend
    ax.set_xlabel("epoch $t$")
    ax.set_ylabel(r"$\mathcal{L}(w_t, b_t)$ (log scale)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize="small", ncols=3, loc="lower left", framealpha=0.9)
    ax.set_title(r"The same start, six learning rates $\eta$")
    return fig, figure_parts(ax=ax)


def rate_figure(etas=(0.3, 1.0, 3.0, 10.0, 25.0, 100.0), eta_max: float = 30.0):
    """Static figure: near the fit, the factor per epoch of each eigen-direction, |1 − η·λ|,
    and the rate ρ(η) = max(|1 − η·λ_min|, |1 − η·λ_max|) against η (Distill, "Why momentum
    really works"), with the limit ρ = 1 at η = 2/λ_max and the best η = 2/(λ_min + λ_max)
    marked, and the values of `etas` up to eta_max as dots. Returns (fig, parts) with the axes
    parts.ax and the two marked η as parts.eta_limit, parts.eta_best."""
    lam_min, lam_max = curvature_at_fit()
    eta = np.linspace(0.0, eta_max, 601)
    fig, (ax,) = new_figure(width=6.4, height=3.6)
    ax.plot(eta, np.abs(1 - eta * lam_min), color=BLUE, lw=1.5, ls="--",
            label=r"$|1-\eta\lambda_{\min}|$ (along the valley)")  # fmt: skip
    ax.plot(eta, np.abs(1 - eta * lam_max), color=ORANGE, lw=1.5, ls="--",
            label=r"$|1-\eta\lambda_{\max}|$ (across it)")  # fmt: skip
    rho = np.maximum(np.abs(1 - eta * lam_min), np.abs(1 - eta * lam_max))
    ax.plot(eta, rho, color="black", lw=2.5, label=r"$\rho(\eta)$, the larger one")
    shown = [e for e in etas if e <= eta_max]
    ax.plot(shown, [math.sqrt(predicted_factor(e)) for e in shown], "o", color=PURPLE, ms=7,
            zorder=5, label=r"the $\eta$ of Exercise 2")  # fmt: skip
    eta_limit, eta_best = 2 / lam_max, 2 / (lam_min + lam_max)
    ax.axhline(1.0, color=RED, lw=1)
    ax.axvline(eta_limit, color=RED, lw=1, ls=":")
    ax.axvline(eta_best, color=GREY, lw=1, ls=":")
    ax.annotate(rf"$2/\lambda_{{\max}} = {eta_limit:.1f}$ ", (eta_limit, 1.08), ha="right",
                color=RED)  # fmt: skip
    ax.annotate(rf"best $\eta = {eta_best:.1f}$", (eta_best, 0.05), ha="right", color=GREY)
    ax.set_xlim(0, eta_max)
    ax.set_ylim(0, 1.25)
    ax.set_xlabel(r"learning rate $\eta$")
    ax.set_ylabel("factor per epoch near the fit")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small", loc="lower left", framealpha=0.9)
    ax.set_title("How fast gradient descent closes in on the fit")
    return fig, figure_parts(ax=ax, eta_limit=eta_limit, eta_best=eta_best)


#: The ranges of the explorer's sliders (η on a log scale).
ETA_RANGE, START_RANGE, EPOCHS_RANGE = (0.01, 100.0), (-LIMIT, LIMIT), (10, 2000)


def _in_range(name: str, value, low: float, high: float) -> float:
    """value as a finite number in [low, high] (a slider's range), else a ValueError naming it."""
    if not low <= value <= high:
        raise ValueError(f"{name} must be between {low:g} and {high:g} (the slider), got {value:g}")
    return value


def theory(eta: float, losses: np.ndarray) -> dict:
    """The numbers the theory of the quadratic bowl predicts for η, beside what the run shows:
    η·λ_max against the limit 2, the predicted loss factor per epoch near the fit against the
    measured one over the run's last 50 epochs (or "two-step cycle: not settling")."""
    lam_max = curvature_at_fit()[1]
    measured = measured_factor(losses)
    if measured is None:
        cycling = tail_trend(losses) == "cycle"
        measured = "two-step cycle: not settling" if cycling else "-"
    return {
        "eta lambda_max (settles if < 2)": eta * lam_max,
        "predicted factor per epoch": predicted_factor(eta),
        "measured (last 50 epochs)": measured,
    }


class GradientDescentExplorer(Explorer):
    """Steer gradient descent on the toy problem: learning rate η (log scale), the start
    (w_0, b_0), the number of epochs, and the epoch shown (press Play to step through the run,
    two epochs a frame for 1000 epochs).

    update returns the shown epoch, w, b and L there, the final L, the run's status ("ran all N
    epochs", or the epoch at which it diverged) and the theory beside the run (see `theory`).
    The picture follows a drag of every slider (a new run of 1000 epochs takes a few ms).
    Errors: ValueError for a value outside a slider's range (η ≤ 0 among them).
    """

    def __init__(
        self, eta: float = 1.0, w0: float = -2.0, b0: float = -2.0, epochs: int = 1000, frame=0
    ):
        eta = _in_range("eta", as_float("eta", eta), *ETA_RANGE)
        w0, b0 = (_in_range(n, as_float(n, v), *START_RANGE) for n, v in (("w0", w0), ("b0", b0)))
        epochs = _in_range("epochs", as_int("epochs", epochs), *EPOCHS_RANGE)
        frame = _in_range("frame", as_int("frame", frame), 0, epochs)
        self._cache_key = None
        self._run = None
        self._drawn_key = None  # the settings whose path the artists show
        fig, self.parts = descent_figure(eta, w0, b0, epochs, frame)
        style = {"description_width": "initial"}
        controls = {
            "eta": widgets.FloatLogSlider(
                value=eta, base=10, min=math.log10(ETA_RANGE[0]), max=math.log10(ETA_RANGE[1]),
                step=0.01, description="η (eta)", readout_format=".3g", style=style,
            ),
            "w0": widgets.FloatSlider(
                value=w0, min=START_RANGE[0], max=START_RANGE[1], step=0.1,
                description="start w", style=style,
            ),
            "b0": widgets.FloatSlider(
                value=b0, min=START_RANGE[0], max=START_RANGE[1], step=0.1,
                description="start b", style=style,
            ),
            "epochs": widgets.IntSlider(
                value=epochs, min=EPOCHS_RANGE[0], max=EPOCHS_RANGE[1], step=10,
                description="epochs", style=style,
            ),
            "frame": widgets.IntSlider(
                value=frame, min=0, max=epochs, step=1, description="show epoch", style=style,
            ),
        }  # fmt: skip
        self.play = widgets.Play(
            value=frame, min=0, max=epochs, step=_play_step(epochs), interval=100,
            description="Play the descent",
        )  # fmt: skip
        widgets.jslink((self.play, "value"), (controls["frame"], "value"))
        a = self.parts
        moving = [a.path_all, a.path_done, a.dots, a.marker, a.zoom_path, a.zoom_marker,
                  a.loss_line, a.predicted, a.loss_marker]  # fmt: skip
        super().__init__(
            controls, fig, moving=[*moving, a.ax_map.title, a.ax_loss.title], extra=[self.play]
        )

    # -- the path, computed once per (eta, start, epochs) ------------------------------------
    def run(self, eta: float, w0: float, b0: float, epochs: int):
        """(run, losses) of descent_run for these settings, from the cache if they have not
        changed."""
        key = (float(eta), float(w0), float(b0), int(epochs))
        if key != self._cache_key:
            start = time.perf_counter()
            self._run = descent_run(*key)
            self.timings["descent_ms"] = (time.perf_counter() - start) * 1000
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
            self.play.step = _play_step(epochs)

    def _update(self, eta, w0, b0, epochs, frame) -> dict:
        eta = _in_range("eta", eta, *ETA_RANGE)
        w0, b0 = _in_range("w0", w0, *START_RANGE), _in_range("b0", b0, *START_RANGE)
        epochs = int(_in_range("epochs", epochs, 0, EPOCHS_RANGE[1]))  # the path is kept
        run, losses = self.run(eta, w0, b0, epochs)
        path = run.path
        self._sync_frame_range(epochs)
        k = min(max(int(frame), 0), len(path) - 1)
        a = self.parts
        if self._drawn_key != self._cache_key:  # a new path: move its artists
            self._drawn_key = self._cache_key
            a.path_all.set_data(path[:, 0], path[:, 1])
            a.loss_line.set_data(np.arange(len(path)), losses)
            a.predicted.set_data(*_prediction_line(eta, losses))
            # an axis that changes is redrawn (by the base): only when the run outgrows it
            a.ax_loss.set_xlim(0, axis_end(a.ax_loss.get_xlim()[1], max(epochs, 1)))
            a.ax_loss.set_ylim(*_refit(a.ax_loss.get_ylim(), loss_limits(losses)))
            a.ax_loss.set_title(_loss_title(eta, losses))
        a.path_done.set_data(path[: k + 1, 0], path[: k + 1, 1])
        a.dots.set_data(path[: k + 1 : 10, 0], path[: k + 1 : 10, 1])
        a.marker.set_data([path[k, 0]], [path[k, 1]])
        a.zoom_path.set_data(path[: k + 1, 0], path[: k + 1, 1])
        a.zoom_marker.set_data([path[k, 0]], [path[k, 1]])
        a.loss_marker.set_data([k], [losses[k]])
        a.ax_map.set_title(_title(run, losses, k, epochs))
        return {
            "epoch": k,
            "w": float(path[k, 0]),
            "b": float(path[k, 1]),
            "L": float(losses[k]),
            "final L": float(losses[-1]),
            "status": run.status,
            **theory(eta, losses),
        }


def _play_step(epochs: int) -> int:
    """Epochs per frame of the Play control: 1 up to 500 epochs, about 500 frames beyond."""
    return max(1, round(epochs / 500))
