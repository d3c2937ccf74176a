r"""The two-point toy problem of the notes: one sigmoid neuron, two points to fit.

Data: :math:`(x_1, y_1) = (0.5, 0.2)` and :math:`(x_2, y_2) = (2.5, 0.9)`. Model:
:math:`f(x) = \sigma(w x + b)`. Loss: :math:`\mathcal{L}(w, b) = \tfrac12 \sum_{i=1}^{2}
(f(x_i) - y_i)^2`. The names (``X``, ``Y``, ``f``, ``error``, ``grad_w``, ``grad_b``,
``do_gradient_descent``) are the notes' own; notebooks 02, 03 and 05 share them.

Everything here takes numbers or numpy arrays. ``f``, ``error``, ``grad_w`` and ``grad_b`` follow
numpy broadcasting, so one call evaluates a whole grid of ``(w, b)``; a scalar call returns a
Python ``float``.
"""

from __future__ import annotations

import math

import numpy as np

from dlnotes._checks import as_float, as_float_array, as_int
from dlnotes.neurons import sigmoid

#: The inputs :math:`x_i` of the two points.
X = np.array([0.5, 2.5])
#: The targets :math:`y_i` of the two points.
Y = np.array([0.2, 0.9])

#: The lecture's guesses of :math:`(w, b)`, in the order it made them (loss falls from 0.0731 to
#: 0.0000, after one step the wrong way).
LECTURE_GUESSES = (
    (0.5, 0.0),
    (-0.1, 0.0),
    (0.94, -0.94),
    (1.42, -1.73),
    (1.65, -2.08),
    (1.78, -2.27),
)


def _broadcast(**arrays: np.ndarray) -> tuple[int, ...]:
    """The common broadcast shape of ``arrays``; a ValueError naming them if there is none."""
    try:
        return np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{name} has shape {a.shape}" for name, a in arrays.items())
        raise ValueError(
            f"the shapes do not broadcast together ({shapes}); pass numbers, arrays of one "
            "shape, or shapes numpy can broadcast (e.g. a column and a row)"
        ) from None


def _out(value: np.ndarray, *inputs):
    """A Python float when every input was a number, else the array."""
    return float(value) if all(np.ndim(v) == 0 for v in inputs) else value


def f(w, b, x):
    r"""The sigmoid neuron :math:`f(x) = \sigma(w x + b) = \dfrac{1}{1 + e^{-(w x + b)}}`.

    ``w``, ``b``, ``x``: numbers or arrays that broadcast together; the result has the broadcast
    shape (a float when all three are numbers). Uses the stable
    :func:`dlnotes.neurons.sigmoid`, so no overflow warning for any finite ``w x + b``.
    Raises ``TypeError`` for non-numeric input, ``ValueError`` for NaN/infinity or shapes that
    do not broadcast.
    """
    w_a, b_a, x_a = as_float_array("w", w), as_float_array("b", b), as_float_array("x", x)
    _broadcast(w=w_a, b=b_a, x=x_a)
    return _out(sigmoid(w_a * x_a + b_a), w, b, x)


def error(w, b):
    r"""The loss on the two points, :math:`\mathcal{L}(w, b) = \tfrac12 \sum_{i=1}^{2}
    (f(x_i) - y_i)^2` with :math:`f(x) = \sigma(w x + b)`.

    ``w``, ``b``: numbers or arrays that broadcast together (say a grid); the result has their
    broadcast shape, one loss per ``(w, b)`` pair (a float when both are numbers). Vectorised:
    the sum over the points runs along a new last axis, no Python loop. Raises ``TypeError``
    for non-numeric input, ``ValueError`` for NaN/infinity or shapes that do not broadcast.
    """
    w_a, b_a = as_float_array("w", w), as_float_array("b", b)
    _broadcast(w=w_a, b=b_a)
    fx = sigmoid(w_a[..., None] * X + b_a[..., None])  # shape (..., 2)
    return _out(0.5 * np.sum((fx - Y) ** 2, axis=-1), w, b)


def _grad_common(w, b, x, y):
    """:math:`(f - y) f (1 - f)` and the checked ``x``, for ``grad_w`` and ``grad_b``."""
    w_a, b_a = as_float_array("w", w), as_float_array("b", b)
    x_a, y_a = as_float_array("x", x), as_float_array("y", y)
    _broadcast(w=w_a, b=b_a, x=x_a, y=y_a)
    fx = sigmoid(w_a * x_a + b_a)
    return (fx - y_a) * fx * (1 - fx), x_a


def grad_w(w, b, x, y):
    r"""The gradient of one point's loss :math:`\tfrac12 (f(x) - y)^2` with respect to ``w``:
    :math:`\nabla w = (f(x) - y)\, f(x)\, (1 - f(x))\, x`.

    Sum it over the points for the full :math:`\nabla w` (as ``do_gradient_descent`` does).
    ``w``, ``b``, ``x``, ``y``: numbers or arrays that broadcast together; a float when all are
    numbers. Raises ``TypeError``/``ValueError`` as :func:`f` does.
    """
    g, x_a = _grad_common(w, b, x, y)
    return _out(g * x_a, w, b, x, y)


def grad_b(w, b, x, y):
    r"""The gradient of one point's loss :math:`\tfrac12 (f(x) - y)^2` with respect to ``b``:
    :math:`\nabla b = (f(x) - y)\, f(x)\, (1 - f(x))`.

    Sum it over the points for the full :math:`\nabla b`. Arguments and errors as
    :func:`grad_w`.
    """
    g, _ = _grad_common(w, b, x, y)
    return _out(g, w, b, x, y)


def error_surface(ws, bs):
    r"""The loss :math:`\mathcal{L}(w, b)` on a grid, for contour and surface plots.

    Either ``ws``, ``bs`` are 1-D arrays of the values along each axis (lengths ``n_w``,
    ``n_b``): they are combined with ``np.meshgrid(ws, bs)``, so ``W[i, j] = ws[j]`` and
    ``B[i, j] = bs[i]`` and all three results have shape ``(n_b, n_w)`` (rows follow ``b``,
    columns follow ``w``: the layout ``ax.contour(W, B, L)`` expects). Or ``ws``, ``bs`` are
    2-D grids of one shape, used as they are. Returns ``(W, B, L)`` with
    ``L[i, j] = error(W[i, j], B[i, j])``, computed in one vectorised call.
    Raises ``ValueError`` for other dimensions, mismatched 2-D shapes, empty or non-finite
    input; ``TypeError`` for non-numeric input.
    """
    w_a = as_float_array("ws", ws, ndim=(1, 2))
    b_a = as_float_array("bs", bs, ndim=(1, 2))
    if w_a.ndim != b_a.ndim:
        raise ValueError(
            f"ws and bs must both be 1-D (axis values) or both 2-D (grids), got shapes "
            f"{w_a.shape} and {b_a.shape}"
        )
    if w_a.size == 0 or b_a.size == 0:
        raise ValueError(f"ws and bs must not be empty, got shapes {w_a.shape} and {b_a.shape}")
    if w_a.ndim == 1:
        W, B = np.meshgrid(w_a, b_a)
    else:
        if w_a.shape != b_a.shape:
            raise ValueError(
                f"2-D grids ws and bs must have the same shape, got {w_a.shape} and {b_a.shape}"
            )
        W, B = w_a, b_a
    return W, B, error(W, B)


def _logit(p: float) -> float:
    r""":math:`\sigma^{-1}(p) = \ln \frac{p}{1 - p}` for :math:`0 < p < 1`."""
    return math.log(p / (1.0 - p))


def exact_solution() -> tuple[float, float]:
    r"""The ``(w*, b*)`` that fit both points exactly, so :math:`\mathcal{L}(w^*, b^*) = 0`.

    :math:`\sigma(w x_i + b) = y_i` means :math:`w x_i + b = \operatorname{logit} y_i` with
    :math:`\operatorname{logit} p = \ln\frac{p}{1-p}`: two linear equations, so
    :math:`w^* = \dfrac{\operatorname{logit} y_2 - \operatorname{logit} y_1}{x_2 - x_1}`,
    :math:`b^* = \operatorname{logit} y_1 - x_1 w^*` (about ``1.7918, -2.2822``).
    """
    (x1, x2), (y1, y2) = X.tolist(), Y.tolist()
    w_star = (_logit(y2) - _logit(y1)) / (x2 - x1)
    return w_star, _logit(y1) - x1 * w_star


def do_gradient_descent(w=-2, b=-2, eta=1.0, max_epochs=1000):
    r"""The notes' gradient descent loop on the two points, returning the final ``(w, b)``.

    Each epoch sums :math:`\nabla w = \sum_i (f(x_i) - y_i) f(x_i)(1 - f(x_i)) x_i` and
    :math:`\nabla b` over ``zip(X, Y)`` with :func:`grad_w` and :func:`grad_b`, then steps
    :math:`w \leftarrow w - \eta \nabla w`, :math:`b \leftarrow b - \eta \nabla b`.
    The defaults are the notes' (``-2, -2, 1.0, 1000``), giving about ``(1.7917, -2.2821)``.

    ``w``, ``b``: finite numbers; ``eta``: a positive number; ``max_epochs``: an integer
    :math:`\ge 0`. Returns two Python floats. Raises ``TypeError`` for non-numbers,
    ``ValueError`` for non-finite ``w``/``b``, ``eta <= 0`` or ``max_epochs < 0``.
    """
    w, b = as_float("w", w), as_float("b", b)
    eta = as_float("eta", eta, positive=True)
    max_epochs = as_int("max_epochs", max_epochs, minimum=0)
    for _ in range(max_epochs):
        dw, db = 0.0, 0.0
        for x, y in zip(X.tolist(), Y.tolist(), strict=True):
            dw += grad_w(w, b, x, y)
            db += grad_b(w, b, x, y)
        w = w - eta * dw
        b = b - eta * db
    return float(w), float(b)


def grid_search_cost(n_params, points_per_axis):
    r"""How many loss evaluations a grid search needs: :math:`m^k` for ``k = n_params``
    parameters and ``m = points_per_axis`` values tried along each.

    Both must be integers :math:`\ge 1`. Returns an exact Python ``int`` (it can be huge).
    Raises ``TypeError`` for non-integers, ``ValueError`` for values below 1.
    """
    k = as_int("n_params", n_params, minimum=1)
    m = as_int("points_per_axis", points_per_axis, minimum=1)
    return m**k


def grid_search(ws, bs):
    r"""Brute-force guessing, done systematically: evaluate :math:`\mathcal{L}` on the grid
    ``error_surface(ws, bs)`` and return the best ``(w, b, L)`` found (floats). Arguments and
    errors as :func:`error_surface`."""
    W, B, L = error_surface(ws, bs)
    i = np.unravel_index(np.argmin(L), L.shape)
    return float(W[i]), float(B[i]), float(L[i])


__all__ = [
    "X",
    "Y",
    "LECTURE_GUESSES",
    "f",
    "error",
    "grad_w",
    "grad_b",
    "error_surface",
    "exact_solution",
    "do_gradient_descent",
    "grid_search_cost",
    "grid_search",
]
