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

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dlnotes._checks import (
    call_learner,
    checked,
    function,
    integer,
    learner_answer,
    number,
    numbers,
    rule,
)


@dataclass(frozen=True)
class Descent:
    """What gradient_descent returns: the points it visited and how the run ended.

    path: a plain float array of shape (n, d); row t is θ_t, row 0 the start.
    diverged_at: None if every epoch ran (then n = epochs + 1); otherwise the epoch t whose
        θ_t was not finite, and the path ends at the last finite point θ_{t−1} (then n = t).
    stopped_at: the epoch of the last point, n − 1. status: the same in one line of words.
    A Descent also behaves as its path: run[t], len(run) and np.array(run) give θ_t, n and
    the path.
    """

    path: np.ndarray
    diverged_at: int | None = None

    def __getitem__(self, index):
        return self.path[index]

    def __len__(self) -> int:
        return len(self.path)

    def __array__(self, dtype=None, copy=None):
        return self.path if dtype is None else self.path.astype(dtype)

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


@checked(
    rule(lambda theta0, **_: theta0.size > 0, "theta0 must hold at least one parameter, got []"),
    grad=function(),
    theta0=numbers(ndim=1),
    eta=number(positive=True),
    epochs=integer(minimum=0),
)
def gradient_descent(grad: Callable, theta0, eta, epochs) -> Descent:
    """Run θ_{t+1} = θ_t − η·∇L(θ_t) for `epochs` steps from θ_0 and keep every point visited.

    grad: a function θ ↦ ∇L(θ), from a float array of shape (d,) to d numbers (for the toy
    problem: lambda theta: toy.gradient(*theta)).
    theta0: the start θ_0, d finite numbers, shape (d,). eta: the learning rate η > 0.
    epochs: the number of steps, an integer ≥ 0.

    Returns a Descent: .path, shape (epochs + 1, d), row t = θ_t (shorter if the run blew up);
    .diverged_at, None or the epoch whose point was not finite; .status, one line saying how
    the run ended. A diverging run stops there without a warning. Errors: see the module
    docstring.
    """
    theta, path = theta0, [theta0]
    for t in range(1, epochs + 1):
        theta = theta - eta * _gradient_checked(grad, theta, t - 1)
        if not np.isfinite(theta).all():
            return Descent(np.array(path), diverged_at=t)
        path.append(theta)
    return Descent(np.array(path))


_GRAD = "grad must be a function theta -> ∇L(theta) for theta of shape (d,)"
_LOSS = "loss must be a function (w, b) -> L"


def _gradient_checked(grad: Callable, theta: np.ndarray, t: int) -> np.ndarray:
    """grad(θ_t), checked: real numbers of θ's shape (inf and NaN kept: they mean divergence).
    grad gets a copy, so that one which modifies its argument cannot corrupt the path."""
    where = f" at epoch {t}"
    return learner_answer(
        call_learner(grad, _GRAD, theta.copy(), where=where), "grad", theta.shape, where
    )


@checked(
    rule(
        lambda theta, **_: theta.shape == (2,),
        "theta must be two numbers [w, b], got shape {theta.shape}",
    ),
    loss=function(),
    grad=function(),
    theta=numbers(ndim=1),
    step_length=number(positive=True),
    angles_deg=numbers(),
)
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
    beta = np.deg2rad(angles_deg)
    w, b = theta
    g = learner_answer(
        call_learner(grad, "grad must be a function (w, b) -> (∂L/∂w, ∂L/∂b)", w, b), "grad", (2,)
    )
    norm = float(np.hypot(*g))
    if not norm > 0:
        raise ValueError(f"the gradient at theta = {theta.tolist()} is zero: no direction to turn")
    gx, gy = g / norm
    u_w = gx * np.cos(beta) - gy * np.sin(beta)  # u: g/‖g‖ turned by β
    u_b = gx * np.sin(beta) + gy * np.cos(beta)
    predicted = step_length * norm * np.cos(beta)
    moved = call_learner(loss, _LOSS, w + step_length * u_w, b + step_length * u_b)
    here = call_learner(loss, _LOSS, w, b)
    actual = learner_answer(moved, "loss", beta.shape) - learner_answer(here, "loss", ())
    return predicted, actual


__all__ = ["Descent", "change_by_direction", "gradient_descent"]
