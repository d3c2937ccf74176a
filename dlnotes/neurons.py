"""Single neurons: the step, the sigmoid, the McCulloch-Pitts neuron and the perceptron; and
the output functions of a network beside the sigmoid: log σ, the softmax and its log.

Notation from the notes: inputs x₁ … xₙ, with x₀ = 1 prepended so that w₀ = −θ is the bias.

Shapes: a number in gives a float out; an array in gives an array of the same shape out.

Errors: every function raises TypeError for input that is not real numbers (None, strings,
complex numbers, None inside a list) and ValueError for the wrong shape or for NaN (except
sigmoid, where NaN in gives NaN out; log_sigmoid, softmax and log_softmax refuse ±inf too);
each message names the argument.
"""

from __future__ import annotations

import math

import numpy as np

from dlnotes._checks import (
    as_binary,
    as_float,
    as_float_array,
    as_int,
    power_of_two_scale,
    scalar_or_array,
)


def step(z):
    """The perceptron's threshold: step(z) = 1 if z ≥ 0, else 0.

    z: a number or an array of any shape (±inf allowed).
    Returns a float, or a float array of z's shape.
    Errors as in the module docstring; NaN is a ValueError (it is neither ≥ 0 nor < 0).
    """
    z_arr = as_float_array("z", z, finite=False)
    if np.isnan(z_arr).any():
        raise ValueError(f"z must be a number, got NaN in {z!r:.60}")
    return scalar_or_array(z, np.where(z_arr >= 0, 1.0, 0.0))


def sigmoid(z):
    """The logistic function σ(z) = 1 / (1 + e^(−z)).

    Stable for every z: with e = e^(−|z|) ≤ 1 it computes 1/(1 + e) for z ≥ 0 and e/(1 + e)
    for z < 0, so exp never overflows (sigmoid(1e4) == 1.0, sigmoid(−1e4) == 0.0, no warning).

    z: a number or an array of any shape (±inf allowed; NaN in gives NaN out).
    Returns a float, or an array of z's shape (float32 stays float32, other input float64).
    Errors as in the module docstring.
    """
    z_arr = as_float_array("z", z, finite=False, keep_float=True)
    return scalar_or_array(z, stable_sigmoid(z_arr))


def stable_sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) for a float array z, with no argument check: the formula sigmoid uses.

        e = e^(−|z|);  σ(z) = 1/(1 + e) for z ≥ 0,  e/(1 + e) for z < 0

    For inner loops that have checked their input once (toy.gradient runs it thousands of times
    per slider move of notebook 03's explorer). Returns an array of z's shape.
    """
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_sigmoid(a):
    """log σ(a), finite for any finite a: the sigmoid output's log in the cross-entropy.

        log σ(a) = min(a, 0) − log(1 + e^(−|a|))

    a: a number or an array of any shape (finite). Returns floats of a's shape.
    """
    a = as_float_array("a", a)
    return np.minimum(a, 0) - np.log1p(np.exp(-np.abs(a)))


def softmax(a):
    """The softmax output over k classes: ŷ_j = e^(a_j) / Σ_q e^(a_q), over the last axis of a.

    Computed as e^(a_j − max a) / Σ_q e^(a_q − max a), the same value with no positive exponent,
    so nothing overflows.

    a: a number, a list or an array, (k,) or (batch, k) (finite). Returns floats of a's shape,
    each row summing to 1.
    """
    a = as_float_array("a", a)
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(a):
    """log ŷ_j for ŷ = softmax(a), finite for any finite a: the softmax's log in the cross-entropy.

        log softmax(a)_j = a_j − max a − log Σ_q e^(a_q − max a)

    a: as in softmax. Returns floats of a's shape.
    """
    a = as_float_array("a", a)
    z = a - a.max(axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def ramp_width(w, p: float = 0.01) -> float:
    """How wide in x the rise of σ(wx + b) from p to 1 − p is: 2·ln((1 − p)/p) / |w|.

    σ(wx + b) goes from p to 1 − p while wx + b goes from −ln((1 − p)/p) to ln((1 − p)/p),
    a stretch of x of that length divided by |w| (about 9.19/|w| for p = 0.01).

    w: a non-zero number. p: in (0, 0.5). Returns a float.
    Errors as in the module docstring; w = 0 is a ValueError (a flat sigmoid never rises).
    """
    w = as_float("w", w)
    p = as_float("p", p)
    if w == 0:
        raise ValueError("w must be non-zero: with w = 0 the sigmoid is flat and never rises")
    if not 0 < p < 0.5:
        raise ValueError(f"p must lie strictly between 0 and 0.5, got {p}")
    width = 2 * (math.log1p(-p) - math.log(p)) / abs(w)  # ln((1 − p)/p), safe for tiny p
    if not math.isfinite(width):
        raise ValueError(f"w = {w} is so close to 0 that the rise is wider than any float")
    return width


def mp_neuron(x, theta, inhibitory=()):
    """McCulloch-Pitts neuron: g(x) = Σᵢ xᵢ, and y = 1 if g(x) ≥ θ and no inhibitory input is
    on, else 0.

    x: 0/1 inputs, shape (n,) for one pattern or (m, n) for m patterns.
    theta: the threshold θ, an integer ≥ 0.
    inhibitory: indices of the inputs that force y = 0 when they are 1 (a list, maybe empty).
    Returns an int (one pattern) or an int array of shape (m,).
    Errors as in the module docstring; also a ValueError for inputs other than 0 and 1.
    """
    x_arr = as_binary("x", x, ndim=(1, 2))
    theta = as_int("theta", theta, minimum=0)
    n = x_arr.shape[-1]
    inhibitory = _indices("inhibitory", inhibitory, n)
    g = x_arr.sum(axis=-1)
    blocked = x_arr[..., inhibitory].any(axis=-1) if inhibitory else np.zeros_like(g, bool)
    y = ((g >= theta) & ~blocked).astype(int)
    return int(y) if x_arr.ndim == 1 else y


def _indices(name: str, value, n: int) -> list[int]:
    """`value` as a list of input indices 0 … n−1."""
    try:
        if isinstance(value, (str, bytes, dict)):
            raise TypeError
        items = list(value)
    except TypeError:
        raise TypeError(
            f"{name} must be a sequence of input indices such as [0, 2] (or [] for none), "
            f"got {type(value).__name__}: {value!r:.40}"
        ) from None
    indices = [as_int(f"{name}[{k}]", i, minimum=0) for k, i in enumerate(items)]
    for i in indices:
        if i >= n:
            raise ValueError(f"inhibitory index {i} is out of range for x with {n} inputs")
    return indices


def perceptron(x, w):
    """Perceptron: y = step(Σᵢ wᵢ xᵢ), the sum over i = 0 … n with x₀ = 1 prepended
    (so w[0] is the bias w₀ = −θ).

    x: real inputs, shape (n,) for one pattern or (m, n) for m patterns.
    w: weights, shape (n + 1,), bias first.
    Returns a float (one pattern) or a float array of shape (m,).
    Errors as in the module docstring; huge but finite inputs (1e308) never overflow.
    """
    x_arr = as_float_array("x", x, ndim=(1, 2))
    w_arr = as_float_array("w", w, ndim=1)
    n = x_arr.shape[-1]
    if w_arr.shape[0] != n + 1:
        raise ValueError(
            f"x has {n} inputs, so w needs n + 1 = {n + 1} weights "
            f"(bias first), got {w_arr.shape[0]}"
        )
    z = _weighted_sum(x_arr, w_arr)
    return step(float(z) if x_arr.ndim == 1 else z)


def _weighted_sum(x, w):
    """z = w₀ + x·w[1:], scaled by a power of two s > 0 (which changes no sign, so step(z)
    is the same). The scaling keeps every product below 1: with x = [1e308, 1e308] and
    w = [0, 10, −10] the plain sum overflows to inf − inf = NaN, the scaled one is exactly 0."""
    s_x, s_w = power_of_two_scale(x), power_of_two_scale(w)
    return w[0] * s_w * s_x + (x * s_x) @ (w[1:] * s_w)


__all__ = [
    "step",
    "sigmoid",
    "softmax",
    "log_softmax",
    "log_sigmoid",
    "ramp_width",
    "mp_neuron",
    "perceptron",
]
