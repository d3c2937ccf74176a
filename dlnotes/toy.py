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

Errors: TypeError for input that is not a real number (None, a string, a complex number);
ValueError for NaN or infinity, for shapes that do not broadcast together, and for a target y
outside [0, 1] (a sigmoid's output, and so a target for it, lies between 0 and 1).
"""

from __future__ import annotations

import math

import numpy as np

from dlnotes._checks import as_float, as_float_array, as_int
from dlnotes.neurons import stable_sigmoid

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


# -- input checks: real, finite numbers or arrays whose shapes broadcast together --------------
def _numbers(**values) -> list[np.ndarray]:
    """Each value as a finite float array; together their shapes must broadcast."""
    if all(type(v) in (float, np.float64) and math.isfinite(v) for v in values.values()):
        return [np.asarray(v) for v in values.values()]  # finite floats: nothing to check
    arrays = [as_float_array(name, value) for name, value in values.items()]
    try:
        np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(f"{n} has shape {a.shape}" for n, a in zip(values, arrays, strict=True))
        raise ValueError(
            f"the shapes do not broadcast together ({shapes}); pass numbers, arrays of one "
            "shape, or shapes numpy can broadcast (e.g. a column and a row)"
        ) from None
    return arrays


def _in_unit_interval(y: np.ndarray) -> np.ndarray:
    """The checked targets y, if they lie in [0, 1]."""
    if np.any((y < 0) | (y > 1)):
        raise ValueError(f"y must lie in [0, 1] (a sigmoid's output), got {y!r:.60}")
    return y


def _out(value):
    """A Python float for a 0-d result (every input was a number), else the array."""
    return float(value) if np.ndim(value) == 0 else value


# -- the formulas on arrays already checked ----------------------------------------------------
# The public functions below check their arguments once, then compute with these. Notebook 03's
# explorer calls gradient up to 2000 times per slider move, so there the checks would cost more
# than the maths (the speed-up is measured in gradient's docstring).
def _f(w, b, x):
    """f(x) = σ(w·x + b) for float arrays w, b, x (unchecked)."""
    with np.errstate(over="ignore"):  # |w·x| beyond 1.8e308 becomes ±inf, and σ(±inf) = 1 or 0
        z = w * x + b
    return stable_sigmoid(z)


# -- the model, the loss and its gradient -------------------------------------------------------
def f(w, b, x):
    """The sigmoid neuron.

        f(x) = σ(w·x + b) = 1 / (1 + e^−(w·x + b))

    w, b, x: numbers or arrays that broadcast together; returns their broadcast shape (a float
    for numbers). Uses the stable formula of dlnotes.neurons.sigmoid.
    Errors: see the module docstring.
    """
    w, b, x = _numbers(w=w, b=b, x=x)
    return _out(_f(w, b, x))


def error(w, b):
    """The loss on the two points.

        L(w, b) = ½ Σᵢ (f(xᵢ) − yᵢ)²,   i = 1, 2

    w, b: numbers or arrays that broadcast together (say a grid); returns one loss per (w, b)
    pair, in their broadcast shape (a float for numbers). The sum over the two points runs along
    a new last axis. Errors: see the module docstring.
    """
    w, b = _numbers(w=w, b=b)
    fx = _f(w[..., None], b[..., None], X)  # shape (..., 2): f(x₁), f(x₂)
    return _out(0.5 * np.sum((fx - Y) ** 2, axis=-1))


def grad_w(w, b, x, y):
    """The slope of one point's loss ½(f(x) − y)² in the direction of w.

        ∇w = (f(x) − y)·f(x)·(1 − f(x))·x

    Sum it over the points for the full ∂L/∂w (as gradient does). w, b, x, y: numbers or arrays
    that broadcast together, y in [0, 1]; a float for numbers. Errors: see the module docstring.
    """
    w, b, x, y = _numbers(w=w, b=b, x=x, y=y)
    y = _in_unit_interval(y)
    fx = _f(w, b, x)
    return _out((fx - y) * fx * (1 - fx) * x)


def grad_b(w, b, x, y):
    """The slope of one point's loss ½(f(x) − y)² in the direction of b.

        ∇b = (f(x) − y)·f(x)·(1 − f(x))

    Sum it over the points for the full ∂L/∂b. Arguments and errors as for grad_w.
    """
    w, b, x, y = _numbers(w=w, b=b, x=x, y=y)
    y = _in_unit_interval(y)
    fx = _f(w, b, x)
    return _out((fx - y) * fx * (1 - fx))


def gradient(w, b):
    """The gradient of the loss: each point's slope, summed over the two points.

        ∇L(w, b) = (∂L/∂w, ∂L/∂b) = (Σᵢ grad_w(w, b, xᵢ, yᵢ), Σᵢ grad_b(w, b, xᵢ, yᵢ))

    The notes' loop `for x, y in zip(X, Y): dw += grad_w(w, b, x, y); db += grad_b(...)`, with
    the two points along a new last axis instead of a Python loop. w, b: numbers (or arrays that
    broadcast together, for a whole grid at once). Returns the pair (dw, db): two floats for
    numbers, else two arrays of the broadcast shape. Errors: see the module docstring.

    Speed: w and b are checked once (plain floats need no array check), f is computed once for
    both sums, and X, Y need no check. Summing the checked grad_w and grad_b, as before, checked
    every input again in each of them and in f. Measured side by side on the course machine
    (tools/bench_toy_gradient.py; a 2000-epoch descent from (−2, −2), what notebook 03's
    explorer runs per slider move): 2.0 s before, 0.67 s now, 3x faster (the old gd.toy_grad
    took 0.48 s); one call 980 µs before, 170 µs now.
    """
    w, b = _numbers(w=w, b=b)
    w, b = w[..., None], b[..., None]  # shape (..., 1): broadcasts against X, Y of shape (2,)
    fx = _f(w, b, X)  # shape (..., 2): f(x₁), f(x₂)
    slope = (fx - Y) * fx * (1 - fx)  # (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ)), shared by ∇w and ∇b
    dw = np.sum(slope * X, axis=-1)  # Σᵢ (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ))·xᵢ
    db = np.sum(slope, axis=-1)  # Σᵢ (f(xᵢ) − yᵢ)·f(xᵢ)·(1 − f(xᵢ))
    return _out(dw), _out(db)


# -- the loss on a grid, the exact fit, the notes' descent loop, guessing by grid ---------------
def error_surface(ws, bs):
    """The loss L(w, b) on a grid, for contour and surface plots.

        L[i, j] = error(W[i, j], B[i, j])

    ws, bs: either 1-D arrays of the values along each axis (lengths n_w, n_b), combined with
    np.meshgrid(ws, bs) so that W[i, j] = ws[j], B[i, j] = bs[i] and all three results have shape
    (n_b, n_w) (rows follow b, columns follow w: what ax.contour(W, B, L) expects); or 2-D grids
    of one shape, used as they are. Returns (W, B, L), computed in one vectorised call.
    Errors: ValueError also for other dimensions, mismatched 2-D shapes or empty input.
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
    elif w_a.shape != b_a.shape:
        raise ValueError(
            f"2-D grids ws and bs must have the same shape, got {w_a.shape} and {b_a.shape}"
        )
    else:
        W, B = w_a, b_a
    return W, B, error(W, B)


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


def do_gradient_descent(w=-2, b=-2, eta=1.0, max_epochs=1000):
    """The notes' gradient descent loop on the two points; returns the final (w, b).

        each epoch:  (dw, db) = gradient(w, b);   w ← w − η·dw,   b ← b − η·db

    The defaults are the notes' (−2, −2, η = 1.0, 1000 epochs), giving about (1.7917, −2.2821).
    w, b: finite numbers; eta: a positive number; max_epochs: an integer ≥ 0. Returns two floats.
    Errors: also ValueError for eta ≤ 0 or max_epochs < 0, TypeError for a non-integer max_epochs.
    """
    w, b = as_float("w", w), as_float("b", b)
    eta = as_float("eta", eta, positive=True)
    max_epochs = as_int("max_epochs", max_epochs, minimum=0)
    for _ in range(max_epochs):
        dw, db = gradient(w, b)
        w = w - eta * dw
        b = b - eta * db
    return float(w), float(b)


def grid_search_cost(n_params, points_per_axis):
    """How many loss evaluations a grid search needs.

        cost = mᵏ,   k = n_params parameters, m = points_per_axis values tried along each

    Both must be integers from 1 to 10 000 (else an error: larger ones would take seconds to
    multiply out, for a number nobody can print). Returns an exact Python int (it can be huge).
    """
    k = as_int("n_params", n_params, minimum=1, maximum=10_000)
    m = as_int("points_per_axis", points_per_axis, minimum=1, maximum=10_000)
    return m**k


def grid_search(ws, bs):
    """Brute-force guessing, done systematically: the best point of the grid.

        (w, b) = argmin over the grid of L(w, b)

    Evaluates error_surface(ws, bs) and returns the best (w, b, L) found, as floats.
    Arguments and errors as for error_surface.
    """
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
    "gradient",
    "error_surface",
    "exact_solution",
    "do_gradient_descent",
    "grid_search_cost",
    "grid_search",
]
