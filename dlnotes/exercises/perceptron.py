"""Checkers for notebook 01 (the perceptron). Each prints `correct` or a hint aimed at the mistake.

* check_nand_nor_weights(w_nand, w_nor): weights (w₀, w₁, w₂) of one perceptron for NAND and
  one for NOR. Typical mistakes: the opposite function (AND for NAND, OR for NOR: every output
  flipped), NAND and NOR swapped, an input lying exactly on the line (w·x = 0 counts as 1), a
  negative bias although (0,0) must give 1, two weights instead of three.
* check_trace_prediction(updates, w_final): the learning algorithm traced by hand on
  "x1 AND NOT x2" from w = 0. Typical mistakes: w·x = 0 read as wrong for P or as right for N,
  the inputs visited in another order, w₁ and w₂ swapped, epochs counted instead of updates,
  off by one.
* check_and_bound(bound): R²/γ² for AND with w* along (−4, 3, 2). Typical mistakes: R without
  x₀ = 1, w* not made a unit vector, 1/γ², a square forgotten, another separator's bound, γ
  rounded too early (within 0.1% counts as right).
* check_xor_network(w_or, w_nand, w_out): the output unit of an XOR network on (h₁, h₂).
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
from dlnotes.perceptron import TWO_INPUT_FUNCTIONS, boolean_inputs

X2 = boolean_inputs(2)
#: The function whose run check_trace_prediction asks for.
TRACE_FUNCTION = "x1 AND NOT x2"


def _weights(name: str, w) -> np.ndarray:
    """The learner's three weights as floats, or a Feedback saying what is wrong with them."""
    if is_stub(w):
        raise NotAnswered
    try:
        w = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        raise Feedback(f"{name} must be three numbers (w0, w1, w2), got {w!r:.60}") from None
    if w.shape != (3,) or not np.all(np.isfinite(w)):
        raise Feedback(f"{name} must be three finite numbers (w0, w1, w2), bias first, got {w}")
    return w


def _function_of(w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """z = w₀ + w₁x₁ + w₂x₂ and the perceptron's outputs on the four inputs."""
    z = w[0] + X2 @ w[1:]
    return z, (z >= 0).astype(int)


def _weights_hint(name: str, w: np.ndarray) -> str | None:
    """None when w computes the function `name` (NAND or NOR), else a hint."""
    target = np.array(TWO_INPUT_FUNCTIONS[name])
    z, out = _function_of(w)
    if np.array_equal(out, target):
        return None
    other = {"NAND": "NOR", "NOR": "NAND"}[name]
    opposite = {"NAND": "AND", "NOR": "OR"}[name]
    var = f"w_{name.lower()}"
    if np.array_equal(out, TWO_INPUT_FUNCTIONS[other]):
        return f"{var} computes {other}, not {name}: check which inputs {name} sends to 0"
    if np.array_equal(out, TWO_INPUT_FUNCTIONS[opposite]):
        return (
            f"{var} computes {opposite}, the opposite of {name}: every output is flipped. "
            "Which side of your line should get w·x ≥ 0?"
        )
    wrong = [tuple(int(v) for v in x) for x, o, t in zip(X2, out, target, strict=True) if o != t]
    on_line = [tuple(int(v) for v in x) for x, zi in zip(X2, z, strict=True) if zi == 0]
    if any(x in on_line for x in wrong):
        return (
            f"{var}: {wrong} lies exactly on your line (w·x = 0), and the perceptron says 1 "
            "when w·x ≥ 0. Move the line a little off it"
        )
    if w[0] < 0:
        return (
            f"{var}: at (0,0) only the bias counts, w·x = w0, and {name} must give 1 there; "
            "remember w0 = −θ"
        )
    return f"{var} is wrong on {wrong}: at each, compute w0 + w1 x1 + w2 x2 and compare with 0"


def check_nand_nor_weights(w_nand, w_nor) -> None:
    """Prints `correct` when w_nand computes NAND and w_nor computes NOR, else a hint."""

    def check():
        if is_stub(w_nand) and is_stub(w_nor):
            raise NotAnswered
        hints = []
        for name, w in (("NAND", w_nand), ("NOR", w_nor)):
            var = f"w_{name.lower()}"
            if is_stub(w):
                hints.append(f"{var}: not answered yet")
                continue
            w = _weights(var, w)
            hint = _weights_hint(name, w)
            if hint and _weights_hint(name, w[[2, 0, 1]]) is None:  # (w1, w2, w0) read as bias last
                hint = f"{var}: give the bias first, (w0, w1, w2); yours looks like (w1, w2, w0)"
            if hint:
                hints.append(hint)
        return "; ".join(hints) if hints else CORRECT

    report(check)


# (w, x with x0 = 1, target, the new w the rule gives)
_UPDATE_CASES = [
    ([0.5, -1.0, 2.0], [1.0, 1.0, 0.0], 1, [1.5, 0.0, 2.0]),
    ([0.5, 1.0, 2.0], [1.0, 1.0, 0.0], 1, [0.5, 1.0, 2.0]),
    ([-1.0, 1.0, 2.0], [1.0, 1.0, 0.0], 1, [-1.0, 1.0, 2.0]),
    ([0.5, 1.0, 2.0], [1.0, 0.0, 1.0], 0, [-0.5, 1.0, 1.0]),
    ([-2.0, 1.0, 2.0], [1.0, 0.0, 1.0], 0, [-3.0, 1.0, 1.0]),
    ([-3.0, 1.0, 2.0], [1.0, 0.0, 1.0], 0, [-3.0, 1.0, 2.0]),
]


def trace(y, *, order=(0, 1, 2, 3), p_on_line_wrong=False, n_on_line_wrong=True):
    """The learning algorithm from w = 0 on the four boolean inputs, visited in `order`.

    Returns (updates, epochs, final w). The flags change what counts as a mistake when
    w·x = 0 (the notes' rule: right for P, wrong for N), to reproduce a misread rule."""
    Xa = np.hstack([np.ones((4, 1)), X2])
    w, updates, epochs, changed = np.zeros(3), 0, 0, True
    while changed and epochs < 100:
        epochs += 1
        changed = False
        for i in order:
            z = w @ Xa[i]
            if y[i] == 1 and (z < 0 or (p_on_line_wrong and z == 0)):
                w, updates, changed = w + Xa[i], updates + 1, True
            elif y[i] == 0 and (z > 0 or (n_on_line_wrong and z == 0)):
                w, updates, changed = w - Xa[i], updates + 1, True
    return updates, epochs, w


def check_trace_prediction(updates, w_final) -> None:
    """Prints `correct` when (updates, w_final) is the run of the learning algorithm on
    TRACE_FUNCTION from w = 0 with the inputs in the order of boolean_inputs(2), else a hint."""
    y = TWO_INPUT_FUNCTIONS[TRACE_FUNCTION]

    def check():
        if is_stub(updates) or is_stub(w_final):
            raise NotAnswered
        w = _weights("w_final", w_final)
        if isinstance(updates, bool) or not isinstance(updates, (int, float, np.number)):
            raise Feedback(f"updates must be a whole number, got {updates!r:.40}")
        right_k, epochs, right_w = trace(y)
        if updates == right_k and same(w, right_w):
            return CORRECT
        variants = [
            (trace(y, p_on_line_wrong=True), "a corrected input of P had w·x = 0: the "
             "perceptron already says 1 there (w·x ≥ 0), so it is not a mistake"),
            (trace(y, n_on_line_wrong=False), "an input of N with w·x = 0 was left alone: "
             "the perceptron says 1 there, so it is a mistake (start: w = 0 gives w·x = 0)"),
            (trace(y, order=(0, 2, 1, 3)), "visit the inputs in the order of X: (0,0), "
             "(0,1), (1,0), (1,1), every epoch"),
        ]  # fmt: skip
        if same(w, right_w[[0, 2, 1]]) and not same(w, right_w):
            return (
                "your w1 and w2 are swapped: w1 is the weight on x1, the first number of each "
                "input, and the target is 1 at (1, 0), where x1 = 1 and x2 = 0"
            )
        strict = trace(y, p_on_line_wrong=True, n_on_line_wrong=False)[2]
        if same(w, strict):  # whatever the count: the slip shows in w
            return (
                "you read w·x = 0 as 'does not fire', but the perceptron says 1 when w·x ≥ 0: "
                "an input of N with w·x = 0 is a mistake, one of P is not"
            )
        for (k, _, wv), hint in variants:
            if updates == k and same(w, wv):
                return hint
        if same(w, right_w):
            if updates == epochs:
                return "that is the number of epochs; count the updates (the corrections) instead"
            if abs(updates - right_k) == 1:
                return "your w is right but the count is off by one: count each correction once"
            return "your w is right but not the number of updates: count each correction once"
        return (
            "not this run: write the table as for OR above (k, input corrected, set, w), and "
            "check w·x against 0 for each input before deciding; the learning explorer of "
            "section 5 replays the run update by update, to compare with your table"
        )

    report(check)


#: The relative error accepted in the bound: γ rounded to four digits (0.1857) still passes.
ROUNDING = 1e-3
#: The separator of the bound exercise: w* = (−4, 3, 2)/‖(−4, 3, 2)‖ (AND, bias first).
AND_SEPARATOR = (-4.0, 3.0, 2.0)


def and_bound_parts() -> tuple[float, float]:
    """R and γ for AND with the unit separator along AND_SEPARATOR: R = max ‖(1, x)‖ over the
    four inputs, γ = min over P' = P ∪ (−N) of w*·p. Returns (R, γ)."""
    Xa = np.hstack([np.ones((4, 1)), X2])
    s = 2 * np.array(TWO_INPUT_FUNCTIONS["AND"]) - 1
    w_star = np.array(AND_SEPARATOR) / np.linalg.norm(AND_SEPARATOR)
    return float(np.max(np.linalg.norm(Xa, axis=1))), float(np.min((s[:, None] * Xa) @ w_star))


def check_and_bound(bound) -> None:
    """Prints `correct` when bound is R²/γ² for AND with w* along AND_SEPARATOR (R with the
    input x₀ = 1, γ with w* of length 1), else a hint for the slip made."""

    def check():
        value = _number(bound, "bound")
        R, gamma = and_bound_parts()
        raw = np.array(AND_SEPARATOR)
        raw_gamma = float(np.min(((2 * np.array(TWO_INPUT_FUNCTIONS["AND"]) - 1)[:, None]
                                  * np.hstack([np.ones((4, 1)), X2])) @ raw))  # fmt: skip
        mistakes = [
            ((R**2 - 1) / gamma**2, "R is the length of the longest input with x0 = 1 in front: "
             "(1, 1, 1), not (1, 1)"),
            (R**2 / raw_gamma**2, "γ is measured with a unit vector w*: divide (−4, 3, 2) by its "
             "length first"),
            (1 / gamma**2, "the bound is R²/γ²: the inputs are not of length 1 here"),
            (R / gamma, "the bound is R²/γ², both squared"),
            (R**2 / gamma, "the bound is R²/γ², both squared"),
            (R**2 * gamma**2, "the bound is R² divided by γ²"),
            (51.0, "51 is the bound of another separator, (−3, 2, 2); this one is along "
             "(−4, 3, 2)"),
        ]  # fmt: skip
        right = R**2 / gamma**2
        if not same(value, right, rtol=ROUNDING) and same(value, right, rtol=0.02):
            return ("close, but not quite: rounding γ before squaring moves the bound. Keep all "
                    "the digits (let numpy compute it), or work with γ² as a fraction")  # fmt: skip
        return verdict(value, right, mistakes, rtol=ROUNDING, otherwise=(
            "not yet: R is the longest ‖(1, x1, x2)‖; γ the smallest w*·p over P' = P ∪ (−N), "
            "with w* of length 1"))  # fmt: skip

    report(check)


def _number(answer, name: str) -> float:
    """A number from the learner, 0-d arrays included; NotAnswered for a stub."""
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    return number(answer, name)


def check_xor_network(w_or, w_nand, w_out) -> None:
    """Prints `correct` when the network h = (OR unit w_or, NAND unit w_nand), y = step(w_out ·
    (1, h)) computes XOR on the four inputs, else a hint. w_nand is the learner's answer to
    exercise 1; w_out the output unit's (bias, weight from h1, weight from h2)."""

    def check():
        if is_stub(w_out):
            raise NotAnswered
        if is_stub(w_nand):
            return "w_nand is still the stub of exercise 1: answer exercise 1 first"
        out = _weights("w_out", w_out)
        for name, w, table in (("w_or", w_or, "OR"), ("w_nand", w_nand, "NAND")):
            if not np.array_equal(_function_of(_weights(name, w))[1], TWO_INPUT_FUNCTIONS[table]):
                return f"{name} does not compute {table} yet (exercise 1 checks w_nand)"
        H = np.stack([_function_of(_weights("w_or", w_or))[1],
                      _function_of(_weights("w_nand", w_nand))[1]], axis=1)  # fmt: skip
        z = out[0] + H @ out[1:]
        y = (z >= 0).astype(int)
        if np.array_equal(y, TWO_INPUT_FUNCTIONS["XOR"]):
            return CORRECT
        seen = {tuple(int(v) for v in h): int(o) for h, o in zip(H, y, strict=True)}
        if seen.get((1, 1)) == 0:
            return ("at an input of XOR's 1s both hidden units fire, h = (1, 1), and your output "
                    "unit says 0 there")  # fmt: skip
        wrong = [h for h, o in seen.items() if o == 1 and h != (1, 1)]
        on_line = [tuple(int(v) for v in h) for h, zi in zip(H, z, strict=True) if zi == 0]
        if any(h in on_line for h in wrong):
            return (f"h = {wrong[0]} lies exactly on your output line (w·h = 0) and counts as 1: "
                    "move the line a little off it")  # fmt: skip
        return (f"your output unit fires at h = {wrong[0]}, where only one hidden unit fires: "
                "XOR is 1 exactly where both fire")  # fmt: skip

    report(check)


__all__ = [
    "check_and_bound",
    "check_nand_nor_weights",
    "check_trace_prediction",
    "check_xor_network",
    "trace",
]
