"""Gradient checking: is backpropagation's gradient the derivative of the loss?

Backpropagation gives ∇θ L from formulas; a gradient check measures the same derivative without
them, from the loss alone, by central differences, one parameter θ_j at a time:

    ∂L/∂θ_j ≈ (L(θ + ε e_j) − L(θ − ε e_j)) / (2ε),   e_j = the unit vector of entry j.

Their error is of order ε² plus the rounding of L (about 10⁻¹⁶ |L| / ε), so with ε = 10⁻⁶ in
float64 a right gradient u and the differences ũ agree to a relative error

    ‖u − ũ‖ / (‖u‖ + ‖ũ‖)   (0 when both are 0)

below about 1e-7 for each W_i and b_i, while a wrong backward gives errors near 1. Two forward
passes per parameter: for the small networks of notebook 05.

Errors: TypeError when net is not a network (no W, b, loss and backward), ValueError when eps
is not a positive number or so large that the loss at θ ± ε overflows; X and Y are checked as in
net.loss and raise as dlnotes.ffn says.
"""

from __future__ import annotations

import copy

import numpy as np

from dlnotes._checks import as_float


def gradient_errors(net, X, Y, eps: float = 1e-6) -> dict[str, float]:
    """The relative error ‖u − ũ‖ / (‖u‖ + ‖ũ‖) of net.backward's gradient u for each W_i and
    b_i, against the central differences ũ_j = (L(θ + ε e_j) − L(θ − ε e_j)) / (2ε).

    net: a FeedForwardNetwork, or anything with its W, b, loss(X, Y) and backward(X, Y) (its
    backward is checked, with its own layer_backward); X, Y as in net.loss; eps = ε > 0.
    Returns {"W1": …, "b1": …, "W2": …} (named as in the notes, 1-based); net is unchanged.
    """
    if not all(hasattr(net, name) for name in ("W", "b", "loss", "backward")):
        raise TypeError(f"net must be a FeedForwardNetwork, got {type(net).__name__}")
    eps = as_float("eps", eps, positive=True)
    dW, db = net.backward(X, Y)  # what is being checked
    probe = copy.copy(net)  # the same network with its own θ, moved one entry at a time
    probe.W = [np.array(W, dtype=np.float64) for W in net.W]
    probe.b = [np.array(b, dtype=np.float64) for b in net.b]

    def L_at(P, j, value):  # the loss with the entry P[j] of θ set to value
        P[j] = value
        try:
            return probe.loss(X, Y)
        except ValueError as err:  # backward took X, Y and θ: only θ ± ε can be out of range
            raise ValueError(f"eps = {eps:g} is too large: at θ ± eps the {err}") from None

    errors = {}
    for i in range(len(dW)):
        for name, P, u in (("W", probe.W[i], dW[i]), ("b", probe.b[i], db[i])):
            numeric = np.zeros(P.shape)
            for j in np.ndindex(P.shape):
                old = P[j]
                numeric[j] = (L_at(P, j, old + eps) - L_at(P, j, old - eps)) / (2 * eps)
                P[j] = old
            u = np.asarray(u, dtype=np.float64)
            scale = np.linalg.norm(u) + np.linalg.norm(numeric)
            error = 0.0 if scale == 0 else np.linalg.norm(u - numeric) / scale
            errors[f"{name}{i + 1}"] = float(error)
    return errors


def gradient_check(net, X, Y, eps: float = 1e-6) -> float:
    """max over W_i, b_i of ‖u − ũ‖ / (‖u‖ + ‖ũ‖), as in gradient_errors: below about 1e-7 means
    backward is right; the bugs notebook 05 tries give errors near 1."""
    return max(gradient_errors(net, X, Y, eps).values())


__all__ = ["gradient_check", "gradient_errors"]
