"""Checkers for notebook 06 (training a network).

check_zero_init_prediction(n)   how many different hidden neurons are left after training from
                                W₁ = 0, b₁ = 0 (W₂ random)

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answer is computed here from dlnotes.ffn, never stored as a number.
"""

from __future__ import annotations

import numbers

import numpy as np

from dlnotes import ffn
from dlnotes.exercises.core import Feedback, NotAnswered, is_stub, report


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


__all__ = ["check_zero_init_prediction"]
