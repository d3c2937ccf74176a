r"""Gradient descent with its whole history: :math:`\theta_{t+1} = \theta_t - \eta\, \nabla
\mathcal{L}(\theta_t)`.

:func:`gradient_descent` works for any number of parameters :math:`d` (notebook 03 uses it on
:math:`\theta = [w, b]`, notebook 05 on a network's weights) and returns every point it visited,
so that a path can be drawn and a loss curve computed afterwards. :func:`toy_grad` is the
gradient of the notes' two-point toy loss (:mod:`dlnotes.toy`) as one vectorised function of
:math:`\theta = [w, b]`.

When the steps blow up (too large a learning rate :math:`\eta`), the run stops at the first
point that is not finite, with no warning, and says where: see :class:`Path`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlnotes import toy
from dlnotes._checks import as_float, as_float_array, as_int
from dlnotes.neurons import sigmoid


class Path(np.ndarray):
    r"""The points :math:`\theta_0, \theta_1, \dots` visited by gradient descent, one per row.

    A plain numpy array of shape ``(n, d)`` (use it as one: ``path[-1]``, ``path[:, 0]``) with
    one extra attribute:

    ``diverged_at``
        ``None`` if every epoch ran, so ``n = epochs + 1``. Otherwise the epoch :math:`t` at
        which :math:`\theta_t` could not be computed as a finite number (the step, or the
        gradient at :math:`\theta_{t-1}`, overflowed to infinity or NaN). The path then holds
        only the finite points :math:`\theta_0 \dots \theta_{t-1}`, so ``len(path) ==
        path.diverged_at``.
    """

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
    r"""Run :math:`\theta_{t+1} = \theta_t - \eta\, \nabla \mathcal{L}(\theta_t)` for ``epochs``
    steps from :math:`\theta_0` and return every point visited.

    ``grad``: a function taking :math:`\theta` (a float array of shape ``(d,)``) and returning
    :math:`\nabla \mathcal{L}(\theta)`, an array of the same shape ``(d,)``.
    ``theta0``: the start, ``d`` finite numbers (shape ``(d,)``). ``eta``: the learning rate,
    a positive number. ``epochs``: the number of steps, an integer :math:`\ge 0`.

    Returns a :class:`Path` (a numpy array) of shape ``(epochs + 1, d)``: row ``t`` is
    :math:`\theta_t`, row 0 is ``theta0``. If a step gives infinity or NaN (the run diverges),
    it stops there without a warning: the path is cut after the last finite point and
    ``path.diverged_at`` says at which epoch it diverged (``None`` if it did not).

    Raises ``TypeError`` if ``grad`` is not callable, ``epochs`` is not an integer, or a value
    is not numeric; ``ValueError`` if ``theta0`` is not 1-D, empty or not finite, ``eta <= 0``,
    ``epochs < 0``, or ``grad`` returns an array of the wrong shape.
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


def _checked_gradient(grad: Callable, theta: np.ndarray, t: int) -> np.ndarray:
    """``grad(theta)`` as a float array of ``theta``'s shape (non-finite values allowed: the
    caller treats them as divergence); a clear error otherwise."""
    value = grad(
        theta.copy()
    )  # a copy, so a grad that modifies its argument cannot corrupt the path
    try:
        g = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"grad must return numbers, got {type(value).__name__}: {value!r:.60} at epoch {t}"
        ) from None
    if g.shape != theta.shape:
        raise ValueError(
            f"grad must return an array of shape {theta.shape} like theta0, got shape {g.shape} "
            f"at epoch {t}"
        )
    return g


def toy_grad(theta) -> np.ndarray:
    r"""The gradient of the toy loss :math:`\mathcal{L}(w, b) = \tfrac12 \sum_{i=1}^{2}
    (f(x_i) - y_i)^2` at :math:`\theta = [w, b]`, over both points at once:

    .. math::

        \nabla \mathcal{L} = \Big[\sum_i (f(x_i) - y_i) f(x_i) (1 - f(x_i))\, x_i,\;
        \sum_i (f(x_i) - y_i) f(x_i) (1 - f(x_i))\Big], \quad f(x) = \sigma(w x + b),

    the same sums as the notes' loop over ``grad_w`` and ``grad_b``, with ``X`` and ``Y`` as
    numpy arrays instead of a Python loop.

    ``theta``: two finite numbers ``[w, b]``. Returns an array of shape ``(2,)``.
    Raises ``TypeError`` for non-numeric input, ``ValueError`` for a shape other than ``(2,)``
    or non-finite values.
    """
    theta = as_float_array("theta", theta, ndim=1)
    if theta.shape != (2,):
        raise ValueError(f"theta must be [w, b], shape (2,), got shape {theta.shape}")
    fx = sigmoid(theta[0] * toy.X + theta[1])  # shape (2,): f(x_1), f(x_2)
    common = (fx - toy.Y) * fx * (1.0 - fx)  # shape (2,)
    return np.array([common @ toy.X, common.sum()])


def toy_loss(theta):
    r"""The toy loss :math:`\mathcal{L}(w, b)` at :math:`\theta = [w, b]`: ``toy.error(w, b)``
    with ``w = theta[..., 0]``, ``b = theta[..., 1]``.

    ``theta``: shape ``(2,)`` for one point or ``(..., 2)`` for many (a whole path of shape
    ``(n, 2)`` gives the ``n`` losses along it). Returns a float or an array of shape ``(...)``.
    Raises ``ValueError`` if the last axis is not of length 2 or values are not finite.
    """
    theta = as_float_array("theta", theta)
    if theta.ndim == 0 or theta.shape[-1] != 2:
        raise ValueError(f"theta must end in an axis of length 2 ([w, b]), got shape {theta.shape}")
    return toy.error(theta[..., 0], theta[..., 1])


def change_by_direction(loss: Callable, grad: Callable, theta, eta, angles_deg):
    r"""How the loss changes when a 2-D :math:`\theta` moves a distance :math:`\eta` along a unit
    direction :math:`u` at angle :math:`\beta` to the gradient: the Taylor argument in numbers.

    With :math:`g = \nabla \mathcal{L}(\theta)` and :math:`u` the unit vector at angle
    :math:`\beta` (counter-clockwise) from :math:`g / \|g\|`, returns two arrays of the shape of
    ``angles_deg``:

    * ``predicted``: the first-order change :math:`\eta\, u^T g = \eta \|g\| \cos\beta`,
    * ``actual``: :math:`\mathcal{L}(\theta + \eta u) - \mathcal{L}(\theta)`.

    ``loss``: a function of ``theta`` of shape ``(..., 2)`` returning shape ``(...)`` (such as
    :func:`toy_loss`); ``grad``: ``theta`` of shape ``(2,)`` -> shape ``(2,)`` (such as
    :func:`toy_grad`); ``theta``: two finite numbers; ``eta``: a positive step length;
    ``angles_deg``: angles :math:`\beta` in degrees, any shape.
    Raises ``ValueError`` for a gradient of zero (no direction to measure angles from), a
    ``theta`` not of shape ``(2,)``, ``eta <= 0`` or non-finite angles.
    """
    theta = as_float_array("theta", theta, ndim=1)
    if theta.shape != (2,):
        raise ValueError(f"theta must be two numbers [w, b], got shape {theta.shape}")
    eta = as_float("eta", eta, positive=True)
    beta = np.deg2rad(as_float_array("angles_deg", angles_deg))
    g = _checked_gradient(grad, theta, 0)
    norm = float(np.hypot(*g))
    if not norm > 0:
        raise ValueError(f"the gradient at theta = {theta.tolist()} is zero: no direction to turn")
    gx, gy = g / norm
    u = np.stack([gx * np.cos(beta) - gy * np.sin(beta), gx * np.sin(beta) + gy * np.cos(beta)], -1)
    predicted = eta * norm * np.cos(beta)
    actual = np.asarray(loss(theta + eta * u)) - loss(theta)
    return predicted, actual


__all__ = ["Path", "change_by_direction", "gradient_descent", "toy_grad", "toy_loss"]
