"""The two-point toy problem of the notes: one sigmoid neuron, two points to fit.

    data:   (x₁, y₁) = (0.5, 0.2),  (x₂, y₂) = (2.5, 0.9)        X = [0.5, 2.5], Y = [0.2, 0.9]
    model:  f(x) = σ(w·x + b) = 1 / (1 + e^−(w·x + b))
    loss:   L(w, b) = ½ Σᵢ (f(xᵢ) − yᵢ)²                         (i = 1, 2)
    slope:  ∂L/∂w = Σᵢ (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ))·xᵢ,   ∂L/∂b = the same without the ·xᵢ

The names (X, Y, f, error, grad_w, grad_b, do_gradient_descent) are the notes' own; notebooks 02,
03 and 05 share them. X and Y are read-only, so a stray `toy.X[0] = 1` cannot change every result
that follows. gradient(w, b) = (Σᵢ grad_w, Σᵢ grad_b) is the sum the notes' loop computes.

Numbers or numpy arrays in: f, error, grad_w, grad_b and gradient follow numpy broadcasting, so one
call evaluates a whole grid of (w, b); when every argument is a number the result is a Python float.
Any finite input works, however large (w = 1e308 gives σ = 0 or 1, the correctly rounded value,
without an overflow warning).

Each public function checks its arguments once, at its door (the @checked line above it); inside,
the functions call each other's bodies without the checks (f.unchecked, gradient.unchecked), so
do_gradient_descent checks nothing inside its loop.

Errors: TypeError for input that is not a real number (None, a string, a complex number);
ValueError for NaN or infinity, for shapes that do not broadcast together, and for a target y
outside [0, 1] (a sigmoid's output, and so a target for it, lies between 0 and 1).
"""

from __future__ import annotations

import math

import numpy as np

from dlnotes._checks import broadcast, checked, integer, number, numbers, rule
from dlnotes.neurons import sigmoid

#: The inputs x₁, x₂ of the two points (read-only).
X = np.array([0.5, 2.5])
#: The targets y₁, y₂ of the two points (read-only).
Y = np.array([0.2, 0.9])
X.flags.writeable = False
Y.flags.writeable = False

#: The lecture's guesses of (w, b), in the order it made them (the loss falls from 0.0731 to
#: 0.0000, after one step the wrong way).
LECTURE_GUESSES = (
    (0.5, 0.0),
    (-0.1, 0.0),
    (0.94, -0.94),
    (1.42, -1.73),
    (1.65, -2.08),
    (1.78, -2.27),
)


#: grad_w and grad_b: a target y lies in [0, 1], like a sigmoid's output.
_TARGETS_IN_UNIT_INTERVAL = rule(
    lambda y, **_: np.all((y >= 0) & (y <= 1)),
    "y must lie in [0, 1] (a sigmoid's output), got {y!r:.60}",
)


#: The door of grad_w and grad_b: one point (x, y), w and b, all broadcasting together.
_one_point_door = checked(
    broadcast("w", "b", "x", "y"),
    _TARGETS_IN_UNIT_INTERVAL,
    w=numbers(),
    b=numbers(),
    x=numbers(),
    y=numbers(),
)


# -- the model, the loss and its gradient: the notes' functions ----------------------------------
@checked(broadcast("w", "b", "x"), w=numbers(), b=numbers(), x=numbers())
def f(w, b, x):
    """The sigmoid neuron.

        f(x) = σ(w·x + b) = 1 / (1 + e^−(w·x + b))

    w, b, x: numbers or arrays that broadcast together; returns their broadcast shape (a float
    for numbers). Errors: see the module docstring.
    """
    return sigmoid.unchecked(w * x + b)


@checked(broadcast("w", "b"), w=numbers(), b=numbers())
def error(w, b):
    """The loss on the two points.

        L(w, b) = ½ Σᵢ (f(xᵢ) − yᵢ)²,   i = 1, 2

    w, b: numbers or arrays that broadcast together (say a grid); returns one loss per (w, b)
    pair, in their broadcast shape (a float for numbers). Errors: see the module docstring.
    """
    err = 0.0
    for x, y in zip(X, Y, strict=True):
        err += 0.5 * (f.unchecked(w, b, x) - y) ** 2
    return err


@_one_point_door
def grad_w(w, b, x, y):
    """The slope of one point's loss ½(f(x) − y)² in the direction of w.

        ∇w = (f(x) − y)·f(x)·(1 − f(x))·x

    Sum it over the points for the full ∂L/∂w (as gradient does). w, b, x, y: numbers or arrays
    that broadcast together, y in [0, 1]; a float for numbers. Errors: see the module docstring.
    """
    fx = f.unchecked(w, b, x)
    return (fx - y) * fx * (1 - fx) * x


@_one_point_door
def grad_b(w, b, x, y):
    """The slope of one point's loss ½(f(x) − y)² in the direction of b.

        ∇b = (f(x) − y)·f(x)·(1 − f(x))

    Sum it over the points for the full ∂L/∂b. Arguments and errors as for grad_w.
    """
    fx = f.unchecked(w, b, x)
    return (fx - y) * fx * (1 - fx)


@checked(broadcast("w", "b"), w=numbers(), b=numbers())
def gradient(w, b):
    """The gradient of the loss: each point's slope, summed over the two points.

        ∇L(w, b) = (∂L/∂w, ∂L/∂b) = (Σᵢ grad_w(w, b, xᵢ, yᵢ), Σᵢ grad_b(w, b, xᵢ, yᵢ))

    The body of the notes' loop. w, b: numbers (or arrays that broadcast together, for a whole
    grid at once). Returns the pair (dw, db): two floats for numbers, else two arrays of the
    broadcast shape. Errors: see the module docstring.
    """
    dw, db = 0.0, 0.0
    for x, y in zip(X, Y, strict=True):
        dw += grad_w.unchecked(w, b, x, y)
        db += grad_b.unchecked(w, b, x, y)
    return dw, db


# -- the loss on a grid, the exact fit and its curvature, the descent loop, guessing by grid ----
@checked(
    rule(
        lambda ws, bs: ws.size and bs.size and (ws.ndim == bs.ndim == 1 or ws.shape == bs.shape),
        "ws and bs must both be 1-D (axis values) or both 2-D grids of the same shape, not "
        "empty; "
        "got shapes {ws.shape} and {bs.shape}",
    ),
    ws=numbers(ndim=(1, 2)),
    bs=numbers(ndim=(1, 2)),
)
def error_surface(ws, bs):
    """The loss L(w, b) on a grid, for contour and surface plots.

        L[i, j] = error(W[i, j], B[i, j])

    ws, bs: either 1-D arrays of the values along each axis (lengths n_w, n_b), combined with
    np.meshgrid(ws, bs) so that W[i, j] = ws[j], B[i, j] = bs[i] and all three results have shape
    (n_b, n_w) (rows follow b, columns follow w: what ax.contour(W, B, L) expects); or 2-D grids
    of one shape, used as they are. Returns (W, B, L), computed in one vectorised call.
    Errors: ValueError also for other dimensions, mismatched 2-D shapes or empty input.
    """
    W, B = np.meshgrid(ws, bs) if ws.ndim == 1 else (ws, bs)
    return W, B, error.unchecked(W, B)


def _logit(p: float) -> float:
    """σ⁻¹(p) = ln(p / (1 − p)) for 0 < p < 1."""
    return math.log(p / (1.0 - p))


def exact_solution() -> tuple[float, float]:
    """The (w*, b*) that fit both points exactly, so L(w*, b*) = 0 (about 1.7918, −2.2822).

        σ(w·xᵢ + b) = yᵢ  ⇔  w·xᵢ + b = logit yᵢ,   logit p = ln(p / (1 − p))

    two linear equations, so w* = (logit y₂ − logit y₁) / (x₂ − x₁) and b* = logit y₁ − x₁·w*.
    """
    (x1, x2), (y1, y2) = X.tolist(), Y.tolist()
    w_star = (_logit(y2) - _logit(y1)) / (x2 - x1)
    return w_star, _logit(y1) - x1 * w_star


def hessian_at_fit() -> np.ndarray:
    """The curvature of the loss at the exact fit (w*, b*): its Hessian, shape (2, 2).

        ∇²L(w*, b*) = Σᵢ σ'(zᵢ)²·uᵢuᵢᵀ,   uᵢ = [xᵢ, 1]ᵀ,   σ'(zᵢ) = yᵢ(1 − yᵢ)

    In general ∇²L = Σᵢ [σ'(zᵢ)² + (f(xᵢ) − yᵢ)·σ''(zᵢ)]·uᵢuᵢᵀ; at the fit every residual
    f(xᵢ) − yᵢ is 0, so only the first term is left, and f(xᵢ) = yᵢ gives σ'(zᵢ) = yᵢ(1 − yᵢ).
    Rows and columns follow (w, b). Its eigenvalues set the largest stable learning rate, 2/λ_max.
    """
    slopes = Y * (1 - Y)  # σ'(zᵢ) at the fit, shape (2,)
    u = np.stack([X, np.ones_like(X)], axis=1)  # row i is uᵢ = [xᵢ, 1], shape (2, 2)
    return (u * slopes[:, None] ** 2).T @ u


@checked(w=number(), b=number(), eta=number(positive=True), max_epochs=integer(minimum=0))
def do_gradient_descent(w=-2, b=-2, eta=1.0, max_epochs=1000):
    """The notes' gradient descent loop on the two points; returns the final (w, b).

        each epoch:  (dw, db) = gradient(w, b);   w ← w − η·dw,   b ← b − η·db

    The defaults are the notes' (−2, −2, η = 1.0, 1000 epochs), giving about (1.7917, −2.2821).
    w, b: finite numbers; eta: a positive number; max_epochs: an integer ≥ 0. Returns two floats.
    Errors: also ValueError for eta ≤ 0 or max_epochs < 0, TypeError for a non-integer max_epochs.
    """
    for _ in range(max_epochs):
        dw, db = gradient.unchecked(w, b)
        w = w - eta * dw
        b = b - eta * db
    return float(w), float(b)


@checked(
    n_params=integer(minimum=1, maximum=10_000),
    points_per_axis=integer(minimum=1, maximum=10_000),
)
def grid_search_cost(n_params, points_per_axis):
    """How many loss evaluations a grid search needs.

        cost = mᵏ,   k = n_params parameters, m = points_per_axis values tried along each

    Both must be integers from 1 to 10 000 (else an error: larger ones would take seconds to
    multiply out, for a number nobody can print). Returns an exact Python int (it can be huge).
    """
    return points_per_axis**n_params


def grid_search(ws, bs):
    """Brute-force guessing, done systematically: the best point of the grid.

        (w, b) = argmin over the grid of L(w, b)

    Evaluates error_surface(ws, bs) and returns the best (w, b, L) found, as floats.
    Arguments and errors as for error_surface.
    """
    W, B, L = error_surface(ws, bs)  # checks ws and bs
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
    "gradient",
    "error_surface",
    "exact_solution",
    "hessian_at_fit",
    "do_gradient_descent",
    "grid_search_cost",
    "grid_search",
]
