"""Checkers for notebook 05 (feed-forward networks and backpropagation).

check_output_gradient(grad_a_L)     the learner's grad_a_L(a_L, label): ∇a_L of −log softmax(a_L)_ℓ
check_layer_backward(layer_backward)  the learner's backward step of one layer, plugged into a
                                     network as net.layer_backward and gradient-checked
check_zero_init_prediction(n)        how many different hidden neurons are left after training
                                     from W₁ = 0, b₁ = 0 (W₂ random)

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.ffn, never stored as numbers.
"""

from __future__ import annotations

import numbers
import sys

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
    """Check grad_a_L(a_L, label) -> ∂L/∂a_L for L = −log ŷ_ℓ, ŷ = softmax(a_L) (one example;
    label = ℓ − 1, the class counted from 0).

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
                (y_hat, "a term is missing: differentiate the −a_ℓ term too"),
                (
                    y_hat - 1,
                    "not every a_j appears in the −a_ℓ term: differentiate it once for j = ℓ "
                    "and once for j ≠ ℓ",
                ),
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
            otherwise="not yet: write −log ŷ_ℓ = −a_ℓ + log Σ_q e^(a_q) and differentiate each "
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


WRITE_YOUR_OWN = (
    "that is the package's own layer_backward (or calls it): write the three products yourself"
)


def _call_watching_package(function, *args):
    """(function(*args), whether it ran the package's own ffn.layer_backward on the way).

    A profile hook (sys.setprofile) sees every Python function call while the learner's
    function runs; only calls of ffn.layer_backward's code are noted."""
    package_code = ffn.layer_backward.__code__
    seen = []

    def watch(frame, event, arg):
        if event == "call" and frame.f_code is package_code:
            seen.append(True)

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        result = call(function, *args)
    finally:
        sys.setprofile(previous)
    return result, bool(seen)


def check_layer_backward(layer_backward) -> None:
    """Check layer_backward(grad_a, h_prev, W) -> (grad_W, grad_b, grad_h_prev), first on one
    square layer (where a transposed W still has the right shape), then inside a 3-5-4-3 network
    whose gradient check must be below 1e-7. The package's own ffn.layer_backward, or a function
    calling it, is refused: the exercise is to write it.

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        if layer_backward is ffn.layer_backward:
            return WRITE_YOUR_OWN
        rng = np.random.default_rng(5)
        for batch, n_in, n_out in ((6, 4, 4), (5, 3, 2)):
            G, H, W = _layer_case(rng, batch, n_in, n_out)
            right = ffn.layer_backward(G, H, W)
            got, used_package = _call_watching_package(layer_backward, G.copy(), H.copy(), W.copy())
            if used_package:
                return WRITE_YOUR_OWN
            if not (isinstance(got, (tuple, list)) and len(got) == 3):
                return "return three arrays: grad_W, grad_b, grad_h_prev (in that order)"
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
                    f"{right[part].shape}); start from the one-example rule of 'Summing over "
                    "paths is the layer recursion' and transpose it for rows",
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


def zero_init_distinct_neurons(zero_layers=(1, 2), epochs: int = 200) -> int:
    """The number of different rows of W₁ (hidden neurons with different incoming weights, to
    12 decimals) after training a 2-4-3 sigmoid network (seed 0) for `epochs` epochs with η = 1
    on the first 250 of notebook 05's spiral points, started with W_i = 0 and b_i = 0 for every
    maths layer i in zero_layers (the other layers keep the package's random start).

    zero_layers=(1, 2): all zeros (notebook 05 shows it); (1,): the exercise, W₁ = 0, b₁ = 0."""
    from dlnotes.data import spirals

    X, labels = spirals(100, k=3, noise=0.2, seed=0)
    net = ffn.FeedForwardNetwork([2, 4, 3], "sigmoid", seed=0)
    for i in zero_layers:  # maths layer i is the code's W[i - 1]
        net.W[i - 1] = np.zeros_like(net.W[i - 1])
        net.b[i - 1] = np.zeros_like(net.b[i - 1])
    net.fit(X[:250], labels[:250], eta=1.0, epochs=epochs)
    return len(np.unique(np.round(net.W[0], 12), axis=0))


def check_zero_init_prediction(distinct) -> None:
    """Check the predicted number of different hidden neurons (rows of W₁) after training the
    2-4-3 network of notebook 05 started with W₁ = 0 and b₁ = 0 but W₂ random.

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        if is_stub(distinct):
            raise NotAnswered
        if isinstance(distinct, bool) or not isinstance(distinct, numbers.Real):
            raise Feedback(f"answer with a whole number of neurons, got {distinct!r:.40}")
        if distinct != int(distinct) or not 0 <= distinct <= 4:
            raise Feedback(
                f"W₁ has 4 rows, one per hidden neuron: answer a whole number from 1 to 4, "
                f"got {distinct!r:.40}"
            )
        right = zero_init_distinct_neurons(zero_layers=(1,))
        if distinct == right:
            return "correct"
        if distinct == 0:
            return "a neuron is still there even when its weights are zero: count distinct rows"
        if distinct == 1:  # the all-zero start's answer (tested)
            return (
                "not quite: that is what the all-zero start gives; here only layer 1 starts at "
                "zero: look at what the first update of row j of W₁ depends on, factor by factor"
            )
        return "not quite: ask which of the four hidden neurons, if any, get exactly equal updates"

    report(check)


__all__ = ["check_output_gradient", "check_layer_backward", "check_zero_init_prediction"]
