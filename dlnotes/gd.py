"""Gradient descent with its whole history: θ_{t+1} = θ_t − η·∇L(θ_t).

gradient_descent works for any number of parameters d (notebook 03 uses it on θ = [w, b],
notebook 05 on a network's weights) and returns every point it visited, so that a path can be
drawn and a loss curve computed afterwards. When the steps blow up (too large a learning rate
η), the run stops at the first point that is not finite, with no warning, and says where.
change_by_direction is the Taylor argument for the rule, in numbers.

Errors: a bad argument is a TypeError (not callable, not numeric: None, strings, complex
numbers) or a ValueError (wrong shape, NaN or infinity where a number is needed, η ≤ 0,
epochs < 0), and the message names the argument. A grad or loss that returns None, strings or
complex numbers, or an array of the wrong shape, is a TypeError/ValueError naming it and the
epoch; one that fails on a numpy array (math.sin instead of np.sin) is a TypeError saying so.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlnotes import toy
from dlnotes._checks import as_float, as_float_array, as_int
from dlnotes.neurons import sigmoid


class Path(np.ndarray):
    """The points θ_0, θ_1, … visited by gradient descent, one per row: a numpy array of shape
    (n, d) with one extra attribute, diverged_at: None if every epoch ran (n = epochs + 1),
    otherwise the epoch t whose θ_t was not finite (the path then ends at θ_{t−1})."""

    diverged_at: int | None

    def __new__(cls, points: np.ndarray, diverged_at: int | None = None):
        obj = np.asarray(points, dtype=np.float64).view(cls)
        obj.diverged_at = diverged_at
        return obj

    def __array_finalize__(self, obj) -> None:
        self.diverged_at = getattr(obj, "diverged_at", None)

    @property
    def diverged(self) -> bool:
        """``True`` if the run stopped early because a step was not finite."""
        return self.diverged_at is not None

    def status(self) -> str:
        """One line for a learner: how many epochs ran, or where the run diverged."""
        if self.diverged_at is None:
            return f"ran all {len(self) - 1} epochs"
        return f"diverged at epoch {self.diverged_at} (last finite point: epoch {len(self) - 1})"


def gradient_descent(grad: Callable, theta0, eta, epochs) -> Path:
    """Run θ_{t+1} = θ_t − η·∇L(θ_t) for `epochs` steps from θ_0 and return every point visited.

    grad: a function θ ↦ ∇L(θ), from a float array of shape (d,) to an array of shape (d,).
    theta0: the start θ_0, d finite numbers, shape (d,). eta: the learning rate η > 0.
    epochs: the number of steps, an integer ≥ 0.

    Returns the path, shape (epochs + 1, d): row t is θ_t, row 0 is theta0. If a step gives
    infinity or NaN (the run diverges) it stops there, without a warning: the path ends at the
    last finite point and path.diverged_at says at which epoch it diverged (None if it did
    not). Errors: see the module docstring.
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
    # Only the steps and their checks run with numpy's overflow warnings off: a diverging run
    # is reported through ``diverged_at``, not through a RuntimeWarning.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for t in range(1, epochs + 1):
            theta = theta - eta * _checked_gradient(grad, theta, t - 1)
            if not np.isfinite(theta).all():
                return Path(path[:t], diverged_at=t)
            path[t] = theta
    return Path(path)


def _checked_gradient(grad: Callable, theta: np.ndarray, t: int | None) -> np.ndarray:
    """grad(θ) as a float array of θ's shape (inf/NaN allowed: the caller treats them as
    divergence); a TypeError/ValueError naming grad otherwise."""
    # a copy, so that a grad which modifies its argument cannot corrupt the path
    where = f" at epoch {t}" if t is not None else ""
    value = _call(grad, "grad", theta.copy(), where)
    return _numeric(value, "grad", theta.shape, where)


def _call(function: Callable, name: str, theta: np.ndarray, where: str):
    """function(θ), with math.sin-style failures explained; `where` ends the messages."""
    try:
        return function(theta)
    except TypeError as err:
        raise TypeError(
            f"{name} must accept a numpy array theta of shape {theta.shape} and return numbers "
            f"(use np.sin, not math.sin); calling it{where} failed with: {err}"
        ) from None


def _numeric(value, name: str, shape: tuple, where: str) -> np.ndarray:
    """value as a float array of the given shape: None, strings, objects and complex numbers
    are a TypeError (never turned into NaN or cut to their real part), a wrong shape a
    ValueError."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        what = "complex numbers" if arr.dtype.kind == "c" else f"{value!r:.60}"
        raise TypeError(f"{name} must return real numbers, got {what}{where}")
    if arr.shape != shape:
        raise ValueError(
            f"{name} must return an array of shape {shape}, got shape {arr.shape}{where}"
        )
    return arr.astype(np.float64)


def toy_grad(theta) -> np.ndarray:
    """The gradient of the toy loss L(w, b) = ½ Σᵢ (f(xᵢ) − yᵢ)² at θ = [w, b], both points at
    once:

        ∇L = [Σᵢ (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ))·xᵢ,  Σᵢ (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ))],
        f(x) = σ(w·x + b),

    the sums of the notes' loop over grad_w and grad_b, with X and Y as numpy arrays.
    theta: two finite numbers [w, b]. Returns shape (2,). Errors: see the module docstring.
    """
    theta = as_float_array("theta", theta, ndim=1)
    if theta.shape != (2,):
        raise ValueError(f"theta must be [w, b], shape (2,), got shape {theta.shape}")
    fx = sigmoid(theta[0] * toy.X + theta[1])  # shape (2,): f(x_1), f(x_2)
    common = (fx - toy.Y) * fx * (1.0 - fx)  # shape (2,)
    return np.array([common @ toy.X, common.sum()])


def toy_loss(theta):
    """The toy loss L(w, b) at θ = [w, b]: toy.error(w, b) with w = theta[..., 0],
    b = theta[..., 1].

    theta: shape (2,) for one point or (..., 2) for many (a path of shape (n, 2) gives the n
    losses along it). Returns a float or an array of shape (...). Errors: see the module
    docstring.
    """
    theta = as_float_array("theta", theta)
    if theta.ndim == 0 or theta.shape[-1] != 2:
        raise ValueError(f"theta must end in an axis of length 2 ([w, b]), got shape {theta.shape}")
    return toy.error(theta[..., 0], theta[..., 1])


def change_by_direction(loss: Callable, grad: Callable, theta, step_length, angles_deg):
    """How the loss changes when a 2-D θ moves a distance ε = step_length along a unit
    direction u at angle β to the gradient: the Taylor argument in numbers.

    With g = ∇L(θ) and u the unit vector at angle β (counter-clockwise) from g/‖g‖, returns two
    arrays of the shape of angles_deg:

        predicted = ε·uᵀg = ε·‖g‖·cos β        (the first-order change)
        actual    = L(θ + ε·u) − L(θ)

    loss: θ of shape (..., 2) ↦ shape (...), such as toy_loss; grad: θ of shape (2,) ↦ shape
    (2,), such as toy_grad; theta: two finite numbers; step_length: ε > 0 (a length: u is a
    unit vector); angles_deg: the angles β in degrees, any shape. Errors: see the module
    docstring; a gradient of zero (no direction to measure angles from) is a ValueError.
    """
    theta = as_float_array("theta", theta, ndim=1)
    if theta.shape != (2,):
        raise ValueError(f"theta must be two numbers [w, b], got shape {theta.shape}")
    if not callable(loss):
        raise TypeError(f"loss must be a function theta -> L(theta), got {type(loss).__name__}")
    if not callable(grad):
        raise TypeError(f"grad must be a function theta -> gradient, got {type(grad).__name__}")
    step_length = as_float("step_length", step_length, positive=True)
    beta = np.deg2rad(as_float_array("angles_deg", angles_deg))
    g = _checked_gradient(grad, theta, None)
    norm = float(np.hypot(*g))
    if not norm > 0:
        raise ValueError(f"the gradient at theta = {theta.tolist()} is zero: no direction to turn")
    gx, gy = g / norm
    u = np.stack([gx * np.cos(beta) - gy * np.sin(beta), gx * np.sin(beta) + gy * np.cos(beta)], -1)
    predicted = step_length * norm * np.cos(beta)
    moved = _numeric(_call(loss, "loss", theta + step_length * u, ""), "loss", beta.shape, "")
    here = _numeric(_call(loss, "loss", theta, ""), "loss", (), "")
    return predicted, moved - here


__all__ = ["Path", "change_by_direction", "gradient_descent", "toy_grad", "toy_loss"]
