r"""Single neurons: the step, the sigmoid, the McCulloch-Pitts neuron and the perceptron.

Notation from the notes: inputs :math:`x_1 \dots x_n`, with :math:`x_0 = 1` prepended so that
:math:`w_0 = -\theta` is the bias.
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import as_binary, as_float_array, as_int


def _scalar_or_array(z_in, out: np.ndarray):
    """Return a Python float when the input was a scalar, else the array."""
    return float(out) if np.ndim(z_in) == 0 else out


def step(z):
    r"""The perceptron's threshold: :math:`\text{step}(z) = 1` if :math:`z \ge 0`, else 0.

    ``z``: a number or an array of any shape. Returns a float (for a number) or a float array
    of the same shape. Raises ``TypeError`` for non-numeric input.
    """
    z_arr = as_float_array("z", z, finite=False)
    return _scalar_or_array(z, np.where(z_arr >= 0, 1.0, 0.0))


def sigmoid(z):
    r"""The logistic function :math:`\sigma(z) = \dfrac{1}{1 + e^{-z}}`.

    Stable for every finite ``z``: with :math:`e = e^{-|z|} \le 1` it computes
    :math:`1/(1+e)` for :math:`z \ge 0` and :math:`e/(1+e)` for :math:`z < 0`, so ``exp`` never
    overflows (``sigmoid(1e4) == 1.0``, ``sigmoid(-1e4) == 0.0``, no warning).

    ``z``: a number or an array of any shape; returns the same shape (a float for a number).
    Raises ``TypeError`` for non-numeric input.
    """
    z_arr = as_float_array("z", z, finite=False)
    e = np.exp(-np.abs(z_arr))
    return _scalar_or_array(z, np.where(z_arr >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def mp_neuron(x, theta, inhibitory=()):
    r"""McCulloch-Pitts neuron: :math:`g(x) = \sum_i x_i`, output :math:`y = 1` if
    :math:`g(x) \ge \theta` and no inhibitory input is on, else 0.

    ``x``: boolean inputs (0/1), shape ``(n,)`` for one pattern or ``(m, n)`` for ``m`` patterns.
    ``theta``: the threshold (an integer, 0 to n). ``inhibitory``: indices of inputs that force
    the output to 0 when they are 1. Returns an int (one pattern) or an int array of shape
    ``(m,)``. Raises ``ValueError`` for non-boolean inputs or out-of-range indices.
    """
    x_arr = as_binary("x", x, ndim=(1, 2))
    theta = as_int("theta", theta, minimum=0)
    n = x_arr.shape[-1]
    inhibitory = [as_int("inhibitory index", i, minimum=0) for i in inhibitory]
    for i in inhibitory:
        if i >= n:
            raise ValueError(f"inhibitory index {i} is out of range for x with {n} inputs")
    g = x_arr.sum(axis=-1)
    blocked = x_arr[..., inhibitory].any(axis=-1) if inhibitory else np.zeros_like(g, bool)
    y = ((g >= theta) & ~blocked).astype(int)
    return int(y) if x_arr.ndim == 1 else y


def perceptron(x, w):
    r"""Perceptron: :math:`y = 1` if :math:`\sum_{i=0}^{n} w_i x_i \ge 0`, else 0, with
    :math:`x_0 = 1` prepended (so ``w[0]`` is the bias :math:`w_0 = -\theta`).

    ``x``: real inputs, shape ``(n,)`` or ``(m, n)``. ``w``: weights, shape ``(n + 1,)``, bias
    first. Returns a float (one pattern) or an array of shape ``(m,)``. Raises ``ValueError``
    when the lengths do not match.
    """
    x_arr = as_float_array("x", x, ndim=(1, 2))
    w_arr = as_float_array("w", w, ndim=1)
    n = x_arr.shape[-1]
    if w_arr.shape[0] != n + 1:
        raise ValueError(
            f"x has {n} inputs, so w needs n + 1 = {n + 1} weights "
            f"(bias first), got {w_arr.shape[0]}"
        )
    z = w_arr[0] + x_arr @ w_arr[1:]
    return step(float(z) if x_arr.ndim == 1 else z)


def decision_boundary(w, x1):
    r"""The perceptron's line :math:`w_0 + w_1 x_1 + w_2 x_2 = 0` solved for
    :math:`x_2 = -(w_0 + w_1 x_1) / w_2` at the points ``x1``; NaN where :math:`w_2 = 0`
    (the line is then vertical, :math:`x_1 = -w_0 / w_1`)."""
    w0, w1, w2 = as_float_array("w", w, ndim=1)
    x1 = as_float_array("x1", x1)
    if w2 == 0:
        return np.full_like(x1, np.nan)
    return -(w0 + w1 * x1) / w2


__all__ = ["step", "sigmoid", "mp_neuron", "perceptron", "decision_boundary"]
