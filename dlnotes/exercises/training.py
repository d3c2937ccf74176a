"""Checkers for notebook 06 (training a network).

check_zero_init_prediction(n)   how many different hidden neurons are left after training from
                                W₁ = 0, b₁ = 0 (W₂ random)
check_vanishing_ratio(ratio)    the predicted ratio ‖∇W₁‖ sigmoid / ‖∇W₁‖ tanh of the untrained
                                2-32-32-3 network, from the mean slopes g′ of its hidden layers

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answer is computed here from dlnotes.ffn, never stored as a number.
"""

from __future__ import annotations

import numbers

import numpy as np

from dlnotes import ffn
from dlnotes.exercises.core import CORRECT, Feedback, NotAnswered, is_stub, number, report


def zero_init_distinct_neurons(zero_layers=(1, 2), epochs: int = 200) -> int:
    """The number of different rows of W₁ (hidden neurons with different incoming weights, to
    12 decimals) after training a 2-4-3 sigmoid network (seed 0) for `epochs` epochs with η = 1
    on the first 250 of the course's spiral points, started with W_i = 0 and b_i = 0 for every
    maths layer i in zero_layers (the other layers keep the package's random start).

    zero_layers=(1, 2): all zeros (notebook 06 shows it); (1,): the exercise, W₁ = 0, b₁ = 0."""
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
    2-4-3 network of notebook 06 started with W₁ = 0 and b₁ = 0 but W₂ random.

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


def mean_slopes(activation: str) -> list[float]:
    """The mean slope g′(a_i) over the 300 spiral points of each hidden layer i = 1, 2 of the
    untrained 2-32-32-3 network (seed 0) of notebook 06 with activation g."""
    from dlnotes.data import spirals

    X, _ = spirals(100, k=3, noise=0.2, seed=0)
    net = ffn.FeedForwardNetwork([2, 32, 32, 3], activation, seed=0)
    H, _ = net.forward(X, keep=True)  # H[i] = h_i
    return [float(np.mean(net.g_prime(H[i]))) for i in (1, 2)]


def vanishing_ratio_prediction() -> float:
    """The prediction ‖∇W₁‖ sigmoid / ‖∇W₁‖ tanh ≈ Π_i mean σ′(a_i) / mean tanh′(a_i): the
    signal reaching W₁ crosses g′ of both hidden layers (about 0.07)."""
    sig, tanh = mean_slopes("sigmoid"), mean_slopes("tanh")
    return float(np.prod(np.divide(sig, tanh)))


#: How far a prediction may be from the product of slope ratios: it is an estimate (the
#: measured ratio, 0.08, and the bound (1/4)² = 0.0625 are both inside).
RATIO_RTOL = 0.3


def check_vanishing_ratio(ratio) -> None:
    """Check the predicted ratio of W₁'s gradient size, sigmoid network over tanh network.

    Prints `correct` (within RATIO_RTOL of the prediction from the mean slopes), a hint for
    the mistake made, or "not answered yet"."""

    def check() -> str:
        given = ratio.item() if isinstance(ratio, np.ndarray) and ratio.ndim == 0 else ratio
        value = number(given, "ratio")
        right = vanishing_ratio_prediction()
        if abs(value / right - 1) <= RATIO_RTOL:
            return CORRECT
        sig, tanh = mean_slopes("sigmoid"), mean_slopes("tanh")
        if value <= 0:
            return "a ratio of two gradient sizes is positive"
        if value > 1:
            return (
                "that makes the sigmoid's gradient the larger one: the ratio asked is the "
                "sigmoid's size over tanh's"
            )
        one_factor = [s / t for s, t in zip(sig, tanh, strict=True)] + [0.25]
        if any(abs(value / f - 1) <= 0.15 for f in one_factor):
            return (
                "that is one layer's factor: count the hidden layers whose g′ stands between "
                "the loss and W₁"
            )
        if value < right * (1 - RATIO_RTOL) and any(
            abs(value / (right * f) - 1) <= 0.15 for f in one_factor
        ):
            return (
                "one factor too many: only the two hidden layers' slopes stand between the "
                "loss and W₁; the softmax output has no g′ of its own (∇a_L = ŷ − y)"
            )
        return "not quite: which factors differ between the two networks on the way down to W₁?"

    report(check)


__all__ = ["check_vanishing_ratio", "check_zero_init_prediction"]
