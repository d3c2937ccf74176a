"""Gradient descent with its whole history: θ_{t+1} = θ_t − η·∇L(θ_t).

gradient_descent works for any number of parameters d (notebook 03 uses it on θ = [w, b]).
It returns a Descent: the path, every point visited (a plain numpy array, so that a path can
be drawn and a loss curve computed afterwards), and, said explicitly, where the run stopped
and why. When the steps blow up (too large a learning rate η) the run stops at the first point
that is not finite, with no warning. change_by_direction is the Taylor argument for the rule,
in numbers. The toy problem's loss and gradient live in dlnotes.toy (toy.error, toy.gradient).

Errors: a bad argument is a TypeError (not callable; not numeric: None, strings, complex
numbers) or a ValueError (wrong shape, NaN or infinity where a number is needed, η ≤ 0,
epochs < 0), and the message names the argument. A grad or loss that returns None, strings or
complex numbers is a TypeError naming it (and the epoch), one that returns the wrong shape a
ValueError; one that fails on a numpy array (math.sin instead of np.sin) is a TypeError saying
so.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dlnotes import toy
from dlnotes._checks import as_float, as_float_array, as_int


@dataclass(frozen=True)
class Descent:
    """What gradient_descent returns: the points it visited and how the run ended.

    path: a plain float array of shape (n, d); row t is θ_t, row 0 the start.
    diverged_at: None if every epoch ran (then n = epochs + 1); otherwise the epoch t whose
        θ_t was not finite, and the path ends at the last finite point θ_{t−1} (then n = t).
    stopped_at: the epoch of the last point, n − 1. status: the same in one line of words.
    """

    path: np.ndarray
    diverged_at: int | None = None

    def __post_init__(self) -> None:
        if self.diverged_at is not None and self.diverged_at != len(self.path):
            raise ValueError(
                f"diverged_at = {self.diverged_at} must equal the number of finite points "
                f"{len(self.path)}: the path ends just before the epoch that diverged"
            )

    @property
    def stopped_at(self) -> int:
        """The epoch of the last point of the path."""
        return len(self.path) - 1

    @property
    def status(self) -> str:
        """One line: all epochs ran, or at which epoch the run diverged and where the path ends."""
        if self.diverged_at is None:
            return f"ran all {self.stopped_at} epochs"
        return (
            f"diverged at epoch {self.diverged_at} (the step gave infinity or NaN); "
            f"the path ends at epoch {self.stopped_at}"
        )


def gradient_descent(grad: Callable, theta0, eta, epochs) -> Descent:
    """Run θ_{t+1} = θ_t − η·∇L(θ_t) for `epochs` steps from θ_0 and keep every point visited.

    grad: a function θ ↦ ∇L(θ), from a float array of shape (d,) to d numbers.
    theta0: the start θ_0, d finite numbers, shape (d,). eta: the learning rate η > 0.
    epochs: the number of steps, an integer ≥ 0.

    Returns a Descent: .path, shape (epochs + 1, d), row t = θ_t (shorter if the run blew up);
    .diverged_at, None or the epoch whose point was not finite; .status, one line saying how
    the run ended. A diverging run stops there without a warning. Errors: see the module
    docstring.
    """
    if not callable(grad):
        raise TypeError(
            f"grad must be a function theta -> gradient, got {type(grad).__name__}: {grad!r:.60}"
        )
    theta = as_float_array("theta0", theta0, ndim=1).copy()
    if theta.size == 0:
        raise ValueError("theta0 must hold at least one parameter, got an empty array")
    eta = as_float("eta", eta, positive=True)
    epochs = as_int("epochs", epochs, minimum=0)

    path = np.empty((epochs + 1, theta.size))
    path[0] = theta
    # Only the steps run with numpy's overflow warnings off: a diverging run is reported
    # through diverged_at, not through a RuntimeWarning.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for t in range(1, epochs + 1):
            # a copy, so that a grad which modifies its argument cannot corrupt the path
            g = _numeric(_call(grad, _GRAD, theta.copy(), t=t - 1), "grad", theta.shape, t - 1)
            theta = theta - eta * g
            if not np.isfinite(theta).all():
                return Descent(path[:t].copy(), diverged_at=t)
            path[t] = theta
    return Descent(path)


_GRAD = "grad must be a function theta -> ∇L(theta) for theta of shape (d,)"
_LOSS = "loss must be a function (w, b) -> L"


def _call(function: Callable, what: str, *args, t: int | None = None):
    """function(*args); a TypeError inside it (math.sin on an array, a wrong number of
    arguments) becomes a message saying what the function must be."""
    try:
        return function(*args)
    except TypeError as err:
        where = "" if t is None else f" at epoch {t}"
        raise TypeError(
            f"{what}, working on numpy arrays (use np.sin, not math.sin); calling it{where} "
            f"failed with: {err}"
        ) from None


def _numeric(value, name: str, shape: tuple, t: int | None = None) -> np.ndarray:
    """value as a float array of the given shape (inf/NaN kept: for grad they mean divergence).
    None, strings, objects and complex numbers are a TypeError, never NaN or a cut imaginary
    part; a wrong shape is a ValueError."""
    where = "" if t is None else f" at epoch {t}"
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        what = "complex numbers" if arr.dtype.kind == "c" else f"{value!r:.60}"
        raise TypeError(f"{name} must return real numbers, got {what}{where}")
    if arr.shape != shape:
        raise ValueError(
            f"{name} must return an array of shape {shape}, got shape {arr.shape}{where}"
        )
    return arr.astype(np.float64)


def change_by_direction(loss: Callable, grad: Callable, theta, step_length, angles_deg):
    """How the loss changes when θ = [w, b] moves a distance ε = step_length along a unit
    direction u at angle β to the gradient: the Taylor argument in numbers.

    With g = ∇L(θ) and u the unit vector at angle β (counter-clockwise) from g/‖g‖, returns two
    arrays of the shape of angles_deg:

        predicted = ε·uᵀg = ε·‖g‖·cos β        (the first-order change)
        actual    = L(θ + ε·u) − L(θ)

    loss: (w, b) ↦ L, working on arrays of w and b (such as toy.error); grad: (w, b) ↦
    (∂L/∂w, ∂L/∂b) (such as toy.gradient); theta: two finite numbers [w, b]; step_length:
    ε > 0, a length (u is a unit vector); angles_deg: the angles β in degrees, any shape.
    Errors: see the module docstring; a zero gradient (no direction to turn) is a ValueError.
    """
    if not callable(loss):
        raise TypeError(f"{_LOSS}, got {type(loss).__name__}")
    if not callable(grad):
        raise TypeError(f"grad must be a function (w, b) -> gradient, got {type(grad).__name__}")
    theta = as_float_array("theta", theta, ndim=1)
    if theta.shape != (2,):
        raise ValueError(f"theta must be two numbers [w, b], got shape {theta.shape}")
    step_length = as_float("step_length", step_length, positive=True)
    beta = np.deg2rad(as_float_array("angles_deg", angles_deg))
    w, b = theta
    g = _numeric(
        _call(grad, "grad must be a function (w, b) -> (∂L/∂w, ∂L/∂b)", w, b), "grad", (2,)
    )
    norm = float(np.hypot(*g))
    if not norm > 0:
        raise ValueError(f"the gradient at theta = {theta.tolist()} is zero: no direction to turn")
    gx, gy = g / norm
    u_w = gx * np.cos(beta) - gy * np.sin(beta)  # u: g/‖g‖ turned by β
    u_b = gx * np.sin(beta) + gy * np.cos(beta)
    predicted = step_length * norm * np.cos(beta)
    moved = _call(loss, _LOSS, w + step_length * u_w, b + step_length * u_b)
    here = _call(loss, _LOSS, w, b)
    actual = _numeric(moved, "loss", beta.shape) - _numeric(here, "loss", ())
    return predicted, actual


# -- deprecated: the toy problem lives in dlnotes.toy ---------------------------------------------
def toy_grad(theta) -> np.ndarray:
    """Deprecated (use toy.gradient(w, b)): the toy gradient [∂L/∂w, ∂L/∂b] at θ = [w, b],
    shape (2,). Errors: see the module docstring."""
    warnings.warn(
        "dlnotes.gd.toy_grad is deprecated: use dlnotes.toy.gradient(w, b)",
        DeprecationWarning,
        stacklevel=2,
    )
    theta = as_float_array("theta", theta, ndim=1)
    if theta.shape != (2,):
        raise ValueError(f"theta must be [w, b], shape (2,), got shape {theta.shape}")
    return np.array(toy.gradient(theta[0], theta[1]))


def toy_loss(theta):
    """Deprecated (use toy.error(w, b)): the toy loss at θ = [w, b], theta of shape (..., 2).
    Errors: see the module docstring."""
    warnings.warn(
        "dlnotes.gd.toy_loss is deprecated: use dlnotes.toy.error(w, b), "
        "e.g. toy.error(path[:, 0], path[:, 1])",
        DeprecationWarning,
        stacklevel=2,
    )
    theta = as_float_array("theta", theta)
    if theta.ndim == 0 or theta.shape[-1] != 2:
        raise ValueError(f"theta must end in an axis of length 2 ([w, b]), got shape {theta.shape}")
    return toy.error(theta[..., 0], theta[..., 1])


__all__ = ["Descent", "change_by_direction", "gradient_descent"]
