"""Checkers for notebook 05 (feed-forward networks and backpropagation).

check_output_gradient(grad_a_L)     the learner's grad_a_L(a_L, label): ∇a_L of −log softmax(a_L)_ℓ
check_layer_backward(layer_backward)  the learner's backward step of one layer, plugged into a
                                     network as net.layer_backward and gradient-checked
check_zero_init_prediction(n)        how many different hidden neurons an all-zero start leaves

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.ffn, never stored as numbers.
"""

from __future__ import annotations

import numbers

import numpy as np

from dlnotes import ffn
from dlnotes.exercises.core import Feedback, NotAnswered, call, is_stub, report, same, verdict

# -- exercise 1: the output layer's gradient for softmax + cross-entropy -----------------------

#: (a_L, label) pairs the learner's function is tried on.
OUTPUT_CASES = (([2.0, 1.0, -1.0], 0), ([0.5, -0.3, 1.2, 0.0], 2), ([-1.0, 3.0], 1))


def _as_vector(value, k: int, what: str) -> np.ndarray:
    try:
        v = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Feedback(f"{what} should be an array of numbers, got {value!r:.60}") from None
    if v.shape != (k,):
        raise Feedback(f"{what} should have shape ({k},), one entry per output; got {v.shape}")
    return v


def check_output_gradient(grad_a_L) -> None:
    """Check grad_a_L(a_L, label) -> ∂L/∂a_L for L = −log ŷ_ℓ, ŷ = softmax(a_L) (one example).

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        answers, right, mistakes = [], [], {}
        for a_L, label in OUTPUT_CASES:
            k = len(a_L)
            got = call(grad_a_L, np.array(a_L), label)
            answers.append(_as_vector(got, k, "grad_a_L's result"))
            y_hat, e = ffn.softmax(a_L), np.eye(k)[label]
            right.append(y_hat - e)
            for wrong, hint in (
                (e - y_hat, "the sign is flipped: raising a_ℓ must lower the loss"),
                (y_hat, "the one-hot part is missing: ∂(−a_ℓ)/∂a_j is −1 when j = ℓ"),
                (y_hat - 1, "subtract 1 only at the true class ℓ, not from every entry"),
                (-e / y_hat, "that is ∂L/∂ŷ; go on through the softmax to ∂L/∂a_L"),
                (np.array(a_L) - e, "use the probabilities ŷ = softmax(a_L), not a_L itself"),
            ):
                mistakes.setdefault(hint, []).append(wrong)
        answers, right = np.concatenate(answers), np.concatenate(right)
        pairs = [(np.concatenate(w), hint) for hint, w in mistakes.items()]
        return verdict(
            answers,
            right,
            pairs,
            otherwise="not yet: write −log ŷ_ℓ = −a_ℓ + log Σ_i e^(a_i) and differentiate each "
            "term with respect to a_j",
        )

    report(check)


# -- exercise 2: one layer's backward step -------------------------------------------------------


def _layer_case(rng, batch: int, n_in: int, n_out: int):
    return (
        rng.normal(size=(batch, n_out)),
        rng.normal(size=(batch, n_in)),
        rng.normal(size=(n_out, n_in)),
    )


def _layer_mistakes(G, H, W):
    """Each typical mistake as (grad_W, grad_b, grad_h_prev) pieces, with its hint."""
    m = len(G)
    return [
        (0, H.T @ G, "grad_W is transposed: it must have the shape of W, (out, in)"),
        (
            0,
            G.T @ H / m,
            "grad_W is averaged over the batch: add the examples' outer products "
            "(any 1/m is already inside grad_a)",
        ),
        (1, G.mean(axis=0), "grad_b is averaged over the batch: add the rows of grad_a instead"),
        (1, G, "grad_b should be one number per neuron: add the rows of grad_a (axis=0)"),
        (
            1,
            G.sum(axis=1),
            "grad_b is summed along the wrong axis: one entry per neuron, so sum "
            "over the examples (axis=0)",
        ),
        (
            2,
            G @ W.T,
            "W where Wᵀ belongs: for one example ∇h_prev = Wᵀ ∇a; write that for rows by "
            "transposing both sides",
        ),
        (2, G @ W / m, "grad_h_prev must not be averaged: each example keeps its own row"),
    ]


def check_layer_backward(layer_backward) -> None:
    """Check layer_backward(grad_a, h_prev, W) -> (grad_W, grad_b, grad_h_prev), first on one
    square layer (where a transposed W still has the right shape), then inside a 3-5-4-3 network
    whose gradient check must be below 1e-7.

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        rng = np.random.default_rng(5)
        for batch, n_in, n_out in ((6, 4, 4), (5, 3, 2)):
            G, H, W = _layer_case(rng, batch, n_in, n_out)
            got = call(layer_backward, G.copy(), H.copy(), W.copy())
            if not (isinstance(got, (tuple, list)) and len(got) == 3):
                return "return three arrays: grad_W, grad_b, grad_h_prev (in that order)"
            right = ffn.layer_backward(G, H, W)
            for part, name in enumerate(("grad_W", "grad_b", "grad_h_prev")):
                if same(got[part], right[part]):
                    continue
                mistakes = [
                    (wrong, hint) for p, wrong, hint in _layer_mistakes(G, H, W) if p == part
                ]
                return verdict(
                    got[part],
                    right[part],
                    mistakes,
                    otherwise=f"not yet: {name} is wrong (shape {np.shape(got[part])}, expected "
                    f"{right[part].shape}); compare it with one example's rule in the table",
                )
        net = ffn.FeedForwardNetwork([3, 5, 4, 3], "tanh", seed=4)
        net.layer_backward = lambda G, H, W: tuple(
            np.asarray(p, dtype=float) for p in call(layer_backward, G.copy(), H.copy(), W.copy())
        )
        X, y = rng.normal(size=(6, 3)), np.array([0, 2, 1, 1, 0, 2])
        error = ffn.gradient_check(net, X, y)
        if error < 1e-7:
            return "correct"
        return f"not yet: in a whole network the gradient check gives {error:.1e} (want < 1e-7)"

    report(check)


# -- exercise 3: a prediction about initialising every weight to zero ----------------------------


def zero_init_distinct_neurons(epochs: int = 200) -> int:
    """Train a 2-4-3 sigmoid network started from all-zero weights and biases on the first 250
    of notebook 05's spiral points (η = 1), then count the different rows of W_1 (hidden
    neurons with different incoming weights, to 12 decimals)."""
    from dlnotes.data import spirals

    X, y = spirals(100, k=3, noise=0.2, seed=0)
    X, y = X[:250], y[:250]
    net = ffn.FeedForwardNetwork([2, 4, 3], "sigmoid")
    net.W = [np.zeros_like(w) for w in net.W]
    net.b = [np.zeros_like(v) for v in net.b]
    net.fit(X, y, eta=1.0, epochs=epochs)
    return len(np.unique(np.round(net.W[0], 12), axis=0))


def check_zero_init_prediction(distinct) -> None:
    """Check the predicted number of different hidden neurons (rows of W_1) after training a
    2-4-3 network that started with every weight and bias at zero.

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        if is_stub(distinct):
            raise NotAnswered
        if isinstance(distinct, bool) or not isinstance(distinct, numbers.Real):
            raise Feedback(f"answer with a whole number of neurons, got {distinct!r:.40}")
        right = zero_init_distinct_neurons()
        if distinct == right:
            return "correct"
        if distinct == 4:
            return (
                "not quite: the four neurons start equal; look at the update each one gets "
                "(∇W_1 row j = ∇a_1j h_0ᵀ and ∇a_1j depends on column j of W_2, which starts "
                "like every other column)"
            )
        if distinct == 0:
            return "a neuron is still there even when its weights are zero: count distinct rows"
        return "not quite: ask whether anything in the updates can tell the hidden neurons apart"

    report(check)


__all__ = ["check_output_gradient", "check_layer_backward", "check_zero_init_prediction"]
