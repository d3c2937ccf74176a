"""Checker for notebook 00 (start here): the exercise that shows how exercises work.

check_scaling(x_cross, slope, y_limit)   w and b both multiplied by c: the crossing, the slope,
                                         and y at the crossing as c grows without bound

It prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub. The
right answer is computed here from the formula x = −b/w, never stored as a number.
"""

from __future__ import annotations

import numpy as np

from dlnotes.exercises.core import NotAnswered, is_stub, number, report, verdict

#: The neuron of check_scaling, σ(w·x + b), and the factor c that multiplies both w and b.
W0, B0, C = 2.0, -3.0, 5.0


def check_scaling(x_cross, slope, y_limit) -> None:
    """Check the neuron σ(c·w·x + c·b) with (w, b, c) = (W0, B0, C): x_cross, where it crosses
    ½ (−cb/(cw) = −b/w: it does not move); slope, its slope there (c·w/4); y_limit, the value
    of y at that crossing as c grows without bound (σ(0) = ½ for every c, although the step
    says 1 there). Prints `correct`, a hint per wrong part, or "not answered yet"."""

    def one(name, answer, right, mistakes, otherwise):
        if is_stub(answer):
            return f"{name}: not answered yet"
        if isinstance(answer, np.ndarray) and answer.ndim == 0:
            answer = answer.item()  # a 0-d array, such as the result of np.float64 arithmetic
        value = number(answer, name)
        message = verdict(value, right, mistakes, otherwise=otherwise)
        return None if message == "correct" else f"{name}: {message}"

    def check() -> str:
        if all(is_stub(a) for a in (x_cross, slope, y_limit)):
            raise NotAnswered
        x0 = -B0 / W0
        messages = [
            one("x_cross", x_cross, x0, [
                (C * x0, "the crossing is −b/w: what happens to a ratio when both its parts "
                 "are multiplied by c?"),
                (x0 / C, "the crossing is −b/w: what happens to a ratio when both its parts "
                 "are multiplied by c?"),
                (-x0, "a sign slipped: at the crossing w·x + b = 0, so x = −b/w"),
            ], "not yet: solve c·w·x + c·b = 0 for x"),
            one("slope", slope, C * W0 / 4, [
                (W0 / 4, "the slope at the crossing is (the weight)/4, and the weight is now c·w"),
                (C * C * W0 / 4, "only the weight sets the slope at the crossing, (weight)/4; "
                 "the bias shifts the curve without making it steeper"),
                (C * W0, "the slope of σ(z) at z = 0 is ¼, not 1: σ'(0) = σ(0)(1 − σ(0))"),
            ], "not yet: the slope at the crossing is (the weight)/4, with the new weight"),
            one("y_limit", y_limit, 0.5, [
                (1.0, "the step says 1 there, but the sigmoid is σ(0) at the crossing for every "
                 "c: what is σ(0)?"),
                (0.0, "at the crossing z = c·(w·x + b) = 0 for every c: what is σ(0)?"),
            ], "not yet: at the crossing, what is z = c·(w·x + b), whatever c is?"),
        ]  # fmt: skip
        wrong = [m for m in messages if m]
        return "; ".join(wrong) if wrong else "correct"

    report(check)
