"""Checker for notebook 00 (start here): the exercise that shows how exercises work.

check_scaling(c_needed, y_limits, x_differs)   the neuron σ(c·(w·x + b)) with w and b both
        multiplied by c > 0: which c gives a chosen slope at the crossing, what y tends to at
        three points as c grows without bound, and where that limit differs from the step

It prints `correct`, or for each part whether it is right or a hint aimed at the mistake made,
or "not answered yet" for a stub. The right answers are computed here from the formulas, never
stored as numbers, and never printed.
"""

from __future__ import annotations

import numpy as np

from dlnotes.exercises.core import (
    CORRECT,
    Feedback,
    NotAnswered,
    is_stub,
    number,
    report,
    same,
    verdict,
)
from dlnotes.neurons import sigmoid, step

#: The neuron σ(W0·x + B0) whose w and b are both multiplied by c.
W0, B0 = 2.0, -3.0
#: z = c·(w·x + b) for this neuron, as the hints write it.
Z = f"c·({W0:g}x {'−' if B0 < 0 else '+'} {abs(B0):g})"
#: The slope at the crossing that part 1 asks for.
SLOPE = 1.5
#: The three x of part 2: left of the crossing −B0/W0, on it, right of it.
X_POINTS = (1.4, 1.5, 1.6)


def limit_of_y(x: float) -> float:
    """What σ(c·(W0·x + B0)) tends to as c → ∞: σ(0) where W0·x + B0 = 0, else the value σ
    takes far out on the side of the sign of W0·x + B0 (0 or 1)."""
    z = W0 * x + B0
    return float(sigmoid(0.0)) if np.isclose(z, 0.0) else float(sigmoid(np.sign(z) * np.inf))


def _number(answer, name: str) -> float:
    """core.number, also accepting a 0-d array (such as np.array(3.0))."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    return number(answer, name)


def _c_needed(answer) -> str:
    """Part 1: the slope at the crossing is (c·W0)/4; it equals SLOPE for c = 4·SLOPE/W0."""
    value = _number(answer, "c_needed")
    return verdict(value, 4 * SLOPE / W0, [
        (SLOPE / W0, "the slope of σ at its crossing is ¼ (σ'(0) = σ(0)(1 − σ(0))), so the "
         "slope there is (the weight)/4, not the weight"),
        (4 * SLOPE, f"after scaling the weight is c·w = c·{W0:g}, not c: the slope at the "
         "crossing is c·w/4"),
        (4 * SLOPE / abs(B0), "the bias slides the curve but does not make it steeper: only the "
         "weight c·w sets the slope at the crossing"),
    ], otherwise=f"not yet: after scaling the weight is c·w; set the slope at the crossing, "
       f"(the weight)/4, equal to {SLOPE:g} and solve for c")  # fmt: skip


def _point_hint(x: float, value: float) -> str:
    """The hint for a wrong limit ``value`` at the point ``x``."""
    z_sign = np.sign(W0 * x + B0)
    if z_sign == 0:
        if same(value, float(step(0.0))):
            return (f"at x = {x:g}, z = {Z} = 0 for every c, so y = σ(0) "
                    "whatever c is: the step's value there is not the sigmoid's")  # fmt: skip
        return f"at x = {x:g}, z = {Z} = 0 for every c: what is σ(0)?"
    side = "−∞" if z_sign < 0 else "+∞"
    if same(value, float(sigmoid(0.0))):
        return (f"at x = {x:g} the curve is not at its crossing: z = {Z} runs "
                f"off to {side} as c grows")  # fmt: skip
    return (f"at x = {x:g}, z = {Z} runs off to {side} as c grows: what does σ "
            "tend to there?")  # fmt: skip


def _y_limits(answer) -> str:
    """Part 2: the limits at X_POINTS, each checked on its own; says which points are right."""
    if is_stub(answer):
        raise NotAnswered
    points = ", ".join(f"{x:g}" for x in X_POINTS)
    try:
        values = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        values = None
    if values is None or values.shape != (len(X_POINTS),) or not np.all(np.isfinite(values)):
        raise Feedback(f"y_limits should be {len(X_POINTS)} numbers, the limits at x = "
                       f"{points}, got {answer!r:.40}")  # fmt: skip
    right = [x for x, v in zip(X_POINTS, values, strict=True) if same(v, limit_of_y(x))]
    if len(right) == len(X_POINTS):
        return CORRECT
    hints = [_point_hint(x, v) for x, v in zip(X_POINTS, values, strict=True) if x not in right]
    said = " and ".join(f"{x:g}" for x in right)
    return "; ".join(([f"right at x = {said}"] if right else []) + hints)


def _x_differs(answer) -> str:
    """Part 3: the limit equals step(W0·x + B0) except where W0·x + B0 = 0, x = −B0/W0."""
    value = _number(answer, "x_differs")
    x0 = -B0 / W0
    if same(value, x0):
        return CORRECT
    if same(value, -x0):
        return "a sign slipped: where is w·x + b = 0?"
    return ("at that x the limit and the step agree: wherever z = c·(w·x + b) runs off to ±∞, "
            "σ ends where the step is. Look for the x where z does not grow with c")  # fmt: skip


def check_scaling(c_needed, y_limits, x_differs) -> None:
    """Check the exercise on σ(c·(W0·x + B0)), c > 0: c_needed, the c that makes its slope at
    the crossing SLOPE (c·W0/4 = SLOPE); y_limits, the three values y tends to at X_POINTS as
    c → ∞ (0, σ(0) at the crossing, 1); x_differs, the x where that limit differs from the
    perceptron's step (the crossing −B0/W0, where the step says 1). Prints `correct`; else
    each part's verdict (right, a hint, or "not answered yet"); "not answered yet" for three
    stubs."""

    def one(name, part, answer):
        try:
            message = part(answer)
        except NotAnswered:
            message = "not answered yet"
        except Feedback as feedback:
            return str(feedback)
        return f"{name}: {'right' if message == CORRECT else message}"

    def check() -> str:
        answers = (c_needed, y_limits, x_differs)
        if all(is_stub(a) for a in answers):
            raise NotAnswered
        parts = [("c_needed", _c_needed), ("y_limits", _y_limits), ("x_differs", _x_differs)]
        messages = [one(name, part, a) for (name, part), a in zip(parts, answers, strict=True)]
        if all(m.endswith(": right") for m in messages):
            return CORRECT
        return "\n".join(messages)

    report(check)
