"""Gradient checking: is backpropagation's gradient the derivative of the loss?

Backpropagation gives ∇θ L from formulas; a gradient check measures the same derivative without
them, from the loss alone, by central differences, one parameter θ_j at a time:

    ∂L/∂θ_j ≈ (L(θ + ε e_j) − L(θ − ε e_j)) / (2ε),   e_j = the j-th unit vector of θ-space.

The two are compared by their relative error, for each W_i and b_i (u from backward, ũ from
the differences):

    ‖u − ũ‖ / (‖u‖ + ‖ũ‖)    (0 when both are 0; at most 1).

Which ε? The differences have two errors that pull in opposite directions: truncation, of
order ε²·|L‴| (the next term of the Taylor series), and rounding, of order 10⁻¹⁶·|L|/ε (L is
computed to about 16 digits, and the difference of two nearly equal losses is divided by 2ε).
Plotted against ε the error is a V (errors_vs_epsilon); its bottom sits where the two are
equal, near ε = (10⁻¹⁶·|L| / |L‴|)^(1/3), so it moves with the network and the data. For
notebook 05's sigmoid networks it lies at ε = 10⁻⁴: over 40 seeds the worst error is 4e-9
(4-8-8-8-3) and 5e-9 (3-3-3-2) at ε = 10⁻⁴, against 3e-8 and 2e-8 at ε = 10⁻⁵. The default
stays ε = 10⁻⁵, one step to the left of that bottom: the error there is still well below the
1e-7 of an excellent check, and a loss that curves more sharply (larger weights, a larger
|L‴|) moves the bottom towards smaller ε, where 10⁻⁵ stays close to it. To see the bottom for
your own network, plot errors_vs_epsilon.

A guideline, not a law (the thresholds of the CS231n notes, for the relative error):
above 1e-2 the gradient is almost surely wrong; 1e-4 to 1e-2 is suspicious; below 1e-4 is
fine for a loss with kinks (ReLU, max) and still high for a smooth one; below 1e-7 is
excellent. The error grows with depth and where the gradient itself is tiny (the bottom
layers of a sigmoid network): over 40 seeds, a correct 4-8-8-8-3 sigmoid network stays
below 3e-8 at ε = 1e-5, but reaches 3e-7 at ε = 1e-6 and 3e-6 at ε = 1e-7
(tests/test_gradcheck.py).
A wrong backward gives errors of 10⁻² or more, not always near 1: on a batch of 6, ∇b_i taken
as the mean of the rows instead of their sum gives (6 − 1)/(6 + 1) ≈ 0.7, ∇b_i from the first
row alone about 0.26 on the 3-3-3-2 network, a forgotten g' 0.6 to 1.

It costs two loss evaluations per parameter, which is affordable only for small networks such as
those of notebook 05.

Errors: TypeError when net is not a network (no W, b, loss and backward), ValueError when eps
is not a positive number or so large that the loss at θ ± ε overflows; X and Y are checked as in
net.loss and raise as dlnotes.ffn says.
"""

from __future__ import annotations

import copy

import numpy as np

from dlnotes._checks import as_float, as_float_array

#: ε = 10⁻¹, 10⁻², …, 10⁻¹⁰: the default range of errors_vs_epsilon.
EPSILONS = 10.0 ** -np.arange(1, 11)


def relative_error(u, v) -> float:
    """‖u − v‖ / (‖u‖ + ‖v‖), the relative error of two arrays of one shape (0 when both are
    0): about 10⁻¹⁶ when they agree to every digit, 1 when they have nothing in common."""
    u, v = as_float_array("u", u), as_float_array("v", v)
    if u.shape != v.shape:
        raise ValueError(f"u and v must have the same shape, got {u.shape} and {v.shape}")
    scale = np.linalg.norm(u) + np.linalg.norm(v)
    return 0.0 if scale == 0 else float(np.linalg.norm(u - v) / scale)


def numerical_gradient(net, X, Y, eps: float = 1e-5):
    """The central differences ũ_j = (L(θ + ε e_j) − L(θ − ε e_j)) / (2ε) for every entry of
    every W_i and b_i. Returns (dW, db), lists shaped like net.W and net.b; net is unchanged."""
    eps = _check_net_and_eps(net, eps)
    probe = copy.copy(net)  # the same network with its own θ, moved one entry at a time
    probe.W = [np.array(W, dtype=np.float64) for W in net.W]
    probe.b = [np.array(b, dtype=np.float64) for b in net.b]

    def L_at(P, j, value):  # the loss with the entry P[j] of θ set to value
        P[j] = value
        try:
            return probe.loss(X, Y)
        except ValueError as err:  # X, Y are checked before: only θ ± ε can be out of range
            raise ValueError(f"eps = {eps:g} is too large: at θ ± eps the {err}") from None

    probe.loss(X, Y)  # X and Y checked once, with the messages of net.loss
    differences = []
    for P in probe.W + probe.b:
        u = np.zeros(P.shape)
        for j in np.ndindex(P.shape):
            old = P[j]
            u[j] = (L_at(P, j, old + eps) - L_at(P, j, old - eps)) / (2 * eps)
            P[j] = old
        differences.append(u)
    return differences[: len(net.W)], differences[len(net.W) :]


def gradient_errors(net, X, Y, eps: float = 1e-5) -> dict[str, float]:
    """The relative error ‖u − ũ‖ / (‖u‖ + ‖ũ‖) of net.backward's gradient u for each W_i and
    b_i, against the central differences ũ of numerical_gradient with step ε.

    net: a FeedForwardNetwork, or anything with its W, b, loss(X, Y) and backward(X, Y) (its
    backward is checked, with its own layer_backward); X, Y as in net.loss; eps = ε > 0.
    Returns {"W1": …, "b1": …, "W2": …} (named as in the notes, 1-based); net is unchanged.
    """
    numeric_W, numeric_b = numerical_gradient(net, X, Y, eps)
    dW, db = net.backward(X, Y)  # what is being checked
    errors = {}
    for i in range(len(dW)):
        errors[f"W{i + 1}"] = relative_error(dW[i], numeric_W[i])
        errors[f"b{i + 1}"] = relative_error(db[i], numeric_b[i])
    return errors


def gradient_check(net, X, Y, eps: float = 1e-5) -> float:
    """max over W_i, b_i of ‖u − ũ‖ / (‖u‖ + ‖ũ‖), as in gradient_errors: 10⁻² or more for a
    wrong backward; for a right one small, how small depending on ε and the network (module
    docstring: below 1e-7 is excellent, above 1e-4 suspicious for a smooth loss)."""
    return max(gradient_errors(net, X, Y, eps).values())


def errors_vs_epsilon(net, X, Y, eps=EPSILONS):
    """The gradient check's error for each step ε in eps (an array): the V of truncation
    (≈ ε²) against rounding (≈ 10⁻¹⁶/ε). Returns (eps, errors), two arrays of the same length,
    errors[j] = gradient_check(net, X, Y, eps[j]); plot them on log-log axes."""
    eps = as_float_array("eps", eps, ndim=1)
    if len(eps) == 0 or (eps <= 0).any():
        raise ValueError(f"eps must be an array of positive numbers, got {eps!r:.60}")
    _check_net_and_eps(net, eps[0])
    dW, db = net.backward(X, Y)
    errors = []
    for epsilon in eps:
        numeric = numerical_gradient(net, X, Y, epsilon)
        pairs = zip(dW + db, numeric[0] + numeric[1], strict=True)
        errors.append(max(relative_error(u, v) for u, v in pairs))
    return eps, np.array(errors)


def _check_net_and_eps(net, eps) -> float:
    if not all(hasattr(net, name) for name in ("W", "b", "loss", "backward")):
        raise TypeError(f"net must be a FeedForwardNetwork, got {type(net).__name__}")
    return as_float("eps", eps, positive=True)


__all__ = [
    "gradient_check", "gradient_errors", "numerical_gradient", "relative_error",
    "errors_vs_epsilon", "EPSILONS",
]  # fmt: skip
