"""Single neurons: the step, the sigmoid, the McCulloch-Pitts neuron and the perceptron; and
the output functions of a network beside the sigmoid: log σ, the softmax and its log.

Notation from the notes: inputs x₁ … xₙ, with x₀ = 1 prepended so that w₀ = −θ is the bias.

Shapes: a number in gives a float out; an array in gives an array of the same shape out. Rows
are patterns (examples): a batch is (m, n), and a softmax runs along the last axis.

Errors: every function checks its arguments once, at its door (the `@checked` line above it):
TypeError for input that is not real numbers (None, strings, complex numbers, None inside a
list) and ValueError for the wrong shape or for NaN (except sigmoid, where NaN in gives NaN
out; log_sigmoid, softmax and log_softmax refuse ±inf too); each message names the argument.
"""

from __future__ import annotations

import math

import numpy as np

from dlnotes._checks import (
    binary,
    checked,
    index_list,
    integer,
    number,
    numbers,
    power_of_two_scale,
    rule,
)


@checked(z=numbers(finite=False, nan=False))
def step(z):
    """The perceptron's threshold: step(z) = 1 if z ≥ 0, else 0.

    z: a number or an array of any shape (±inf allowed; NaN is a ValueError: it is neither
    ≥ 0 nor < 0). Returns a float, or a float array of z's shape.
    """
    return np.where(z >= 0, 1.0, 0.0)


@checked(z=numbers(finite=False, keep_float=True))
def sigmoid(z):
    """The logistic function σ(z) = 1 / (1 + e^(−z)).

    Computed as written. For z < −709, e^(−z) overflows to infinity and 1/(1 + ∞) = 0, the
    right value to within 1e-308, so σ is finite for every z (sigmoid(−1e4) == 0.0,
    sigmoid(1e4) == 1.0); the door switches numpy's overflow warning off.

    z: a number or an array of any shape (±inf allowed; NaN in gives NaN out).
    Returns a float, or an array of z's shape (float32 stays float32, other input float64).
    """
    return 1.0 / (1.0 + np.exp(-z))


@checked(a=numbers())
def log_sigmoid(a):
    """log σ(a), finite for any finite a: the sigmoid output's log in the cross-entropy.

        log σ(a) = min(a, 0) − log(1 + e^(−|a|))

    a: a number or an array of any shape (finite). Returns floats of a's shape.
    """
    return np.minimum(a, 0) - np.log1p(np.exp(-np.abs(a)))


#: softmax and log_softmax: the classes run along the last axis, so a column is refused.
_CLASSES_ALONG_ROWS = rule(
    lambda a: not (np.ndim(a) >= 2 and a.shape[-1] == 1 and a.shape[-2] > 1),
    "a has shape {a.shape}, a column: rows are examples and the k classes run along the last "
    "axis, so this reads as examples of one class (softmax 1 each). For one example's logits "
    "pass a row: a.ravel() or a.T",
)


@checked(_CLASSES_ALONG_ROWS, a=numbers())
def softmax(a):
    """The softmax output over k classes: ŷ_j = e^(a_j) / Σ_q e^(a_q), over the last axis of a.

    Computed as e^(a_j − max a) / Σ_q e^(a_q − max a), the same value with no positive exponent,
    so nothing overflows.

    a: a number, a list or an array, (k,) or (batch, k) (finite). A column (k, 1) is refused:
    the classes run along the rows. Returns floats of a's shape, each row summing to 1.
    """
    e = np.exp(a - np.max(a, axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@checked(_CLASSES_ALONG_ROWS, a=numbers())
def log_softmax(a):
    """log ŷ_j for ŷ = softmax(a), finite for any finite a: the softmax's log in the cross-entropy.

        log softmax(a)_j = a_j − max a − log Σ_q e^(a_q − max a)

    a: as in softmax. Returns floats of a's shape.
    """
    z = a - np.max(a, axis=-1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


@checked(
    rule(lambda w, p: w != 0, "w must be non-zero: with w = 0 the sigmoid is flat and never rises"),
    rule(lambda w, p: 0 < p < 0.5, "p must lie strictly between 0 and 0.5, got {p}"),
    w=number(),
    p=number(),
    finite_result=True,
)
def ramp_width(w, p=0.01):
    """How wide in x the rise of σ(wx + b) from p to 1 − p is: 2·ln((1 − p)/p) / |w|.

    σ(wx + b) goes from p to 1 − p while wx + b goes from −ln((1 − p)/p) to ln((1 − p)/p),
    a stretch of x of that length divided by |w| (about 9.19/|w| for p = 0.01).

    w: a non-zero number. p: in (0, 0.5). Returns a float.
    Errors: w = 0 is a ValueError (a flat sigmoid never rises), so is p outside (0, 0.5), and
    a w so close to 0 that the width is beyond any float.
    """
    return 2 * (math.log1p(-p) - math.log(p)) / abs(w)  # ln((1 − p)/p), safe for tiny p


@checked(
    rule(
        lambda x, theta, inhibitory: not (x.ndim == 2 and x.shape[1] == 1 and x.shape[0] > 1),
        "x has shape {x.shape}, a column: rows are patterns, so this reads as {x.shape[0]} "
        "patterns of one input. Pass one pattern as a flat list such as [1, 0, 1], or m "
        "patterns as an (m, n) array",
    ),
    rule(
        lambda x, theta, inhibitory: all(i < x.shape[-1] for i in inhibitory),
        lambda x, theta, inhibitory: (
            f"inhibitory index {max(inhibitory)} is out of range for "
            f"x with {x.shape[-1]} inputs (indices count from 0)"
        ),
    ),
    x=binary(ndim=(1, 2)),
    theta=integer(minimum=0),
    inhibitory=index_list(),
)
def mp_neuron(x, theta, inhibitory=()):
    """McCulloch-Pitts neuron: g(x) = Σᵢ xᵢ, and y = 1 if g(x) ≥ θ and no inhibitory input is
    on, else 0.

    x: 0/1 inputs, shape (n,) for one pattern or (m, n) for m patterns (a column (n, 1) is
    refused: write one pattern as a row). theta: the threshold θ, an integer ≥ 0.
    inhibitory: indices of the inputs that force y = 0 when they are 1 (a list, maybe empty).
    Returns an int (one pattern) or an int array of shape (m,).
    """
    g = x.sum(axis=-1)
    blocked = x[..., inhibitory].any(axis=-1)
    return ((g >= theta) & ~blocked).astype(int)


#: perceptron: w holds one weight per input of x, plus the bias w₀ first.
_BIAS_FIRST = rule(
    lambda x, w: w.shape[0] == x.shape[-1] + 1,
    lambda x, w: (
        f"x has shape {x.shape}: {x.shape[-1]} input(s) per pattern (rows are "
        f"patterns), so w needs n + 1 = {x.shape[-1] + 1} weights, the bias first, got "
        f"{w.shape[0]}. x₀ = 1 is prepended for you: do not add it to x"
    ),
)


@checked(_BIAS_FIRST, x=numbers(ndim=(1, 2)), w=numbers(ndim=1))
def perceptron(x, w):
    """Perceptron: y = step(Σᵢ wᵢ xᵢ), the sum over i = 0 … n with x₀ = 1 prepended
    (so w[0] is the bias w₀ = −θ).

    x: real inputs, shape (n,) for one pattern or (m, n) for m patterns.
    w: weights, shape (n + 1,), bias first.
    Returns a float (one pattern) or a float array of shape (m,).
    Huge but finite inputs (1e308) never overflow (see _weighted_sum).
    """
    return step.unchecked(_weighted_sum(x, w))


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
