"""Checkers for notebook 03 (gradient descent).

check_ce_gradient(grad)           the learner's grad(w, b, x, y) -> (∇w, ∇b) of one point's
                                  cross-entropy loss −[y ln f + (1 − y) ln(1 − f)]
check_eta_prediction(order, b)    the order of η = 1, 3, 10 by epochs to a loss below 1e-4, and
                                  whether η = 25 beats the fastest of them
check_stability_limit(limit)      the learner's limit(H) -> the largest stable η, 2/λ_max

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.toy and dlnotes.gd, never stored as numbers.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from dlnotes import gd, toy
from dlnotes.exercises.core import (
    Feedback,
    NotAnswered,
    as_pair,
    call,
    is_stub,
    number,
    report,
    verdict,
)

# -- exercise 1: the gradient of one point's cross-entropy loss -----------------------------------

#: The (w, b, x, y) at which the learner's function is tried: x ≠ 0, 1 and f ≠ y everywhere, so
#: that every typical mistake below gives different numbers from the right answer.
GRADIENT_POINTS = ((-2.0, -2.0, 0.5, 0.2), (0.5, 0.0, 2.5, 0.9), (1.5, -1.0, -1.2, 0.7))


def _as_pair(value) -> np.ndarray:
    """The learner's return value as two finite floats (grad_w, grad_b)."""
    return as_pair(value, "grad_w, grad_b", "a gradient")


def _ce_gradient(w, b, x, y):
    """(∇w, ∇b) of C = −[y ln f + (1 − y) ln(1 − f)], f = σ(w·x + b): the reference answer
    (private: the learner writes it).

    ∂C/∂f = (f − y) / (f(1 − f)) and ∂f/∂z = f(1 − f), so ∂C/∂z = f − y."""
    delta = toy.f(w, b, x) - y
    return delta * x, delta


def _ce_mistakes(w, b, x, y):
    """Each typical mistake as (∇w, ∇b) at one point, with its hint, in the order tried."""
    fx = toy.f(w, b, x)
    slope = fx * (1 - fx)
    dl_df = (fx - y) / slope
    f_toy = toy.f(w, b, toy.X)  # the same formula summed over the toy's two points
    summed = (np.sum((f_toy - toy.Y) * toy.X), np.sum(f_toy - toy.Y))
    second_sign = 2 * y * fx - y - fx  # −y/f − (1 − y)/(1 − f), times f(1 − f)
    return [
        (
            ((fx - y) * slope * x, (fx - y) * slope),
            "that is the squared error's gradient: for the cross-entropy the first link, "
            "∂C/∂f, is not f − y; differentiate −[y ln f + (1 − y) ln(1 − f)] with respect to f",
        ),
        (
            ((y - fx) * x, y - fx),
            "the sign is flipped: the loss falls as f moves towards y, so ∂C/∂f has the sign "
            "of f − y",
        ),
        (
            (dl_df * x, dl_df),
            "the sigmoid's link ∂f/∂z = f(1 − f) is missing between ∂C/∂f and ∂z/∂w",
        ),
        (
            (second_sign * x, second_sign),
            "check the sign of the second term: ln(1 − f) has the derivative −1/(1 − f) (the "
            "chain rule through 1 − f), so −(1 − y) ln(1 − f) gives +(1 − y)/(1 − f)",
        ),
        (
            summed,
            "your function should use its own x and y, not toy.X and toy.Y: it is the gradient "
            "of the one point (x, y) it is given",
        ),
        (
            (-y * (1 - fx) * x, -y * (1 - fx)),
            "only the first term of the loss counted: −(1 − y) ln(1 − f) depends on w and b too",
        ),
        ((fx - y, fx - y), "∇w lacks the factor x: z = w·x + b, so ∂z/∂w = x"),
        (((fx - y) * x, (fx - y) * x), "∇b has a factor x too many: ∂z/∂b = 1"),
        (((fx - y), (fx - y) * x), "right numbers, wrong order: return (∇w, ∇b), w first"),
    ]


def check_ce_gradient(grad) -> None:
    """Check a function grad(w, b, x, y) returning (∇w, ∇b) of one point's cross-entropy
    loss C = −[y ln f + (1 − y) ln(1 − f)], f = σ(w·x + b).

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        answers = np.array([_as_pair(call(grad, *point)) for point in GRADIENT_POINTS])
        right = np.array([_ce_gradient(*point) for point in GRADIENT_POINTS])
        per_point = [_ce_mistakes(*point) for point in GRADIENT_POINTS]
        mistakes = [
            (np.array([m[k][0] for m in per_point]), per_point[0][k][1])
            for k in range(len(per_point[0]))
        ]
        otherwise = (
            "not yet: build it from the chain rule, ∂C/∂w = ∂C/∂f · ∂f/∂z · ∂z/∂w with "
            "z = w·x + b, one factor at a time, and simplify"
        )
        return verdict(answers, right, mistakes, otherwise=otherwise)

    report(check)


# -- exercise 2: predict how the learning rate changes the time to the fit ----------------------

#: The learning rates to order, the one to compare with the fastest, the start, the number of
#: epochs and the target loss.
ORDER_ETAS = (1.0, 3.0, 10.0)
BIG_ETA = 25.0
FASTEST_START = (-2.0, -2.0)
FASTEST_EPOCHS = 1000
FASTEST_TARGET = 1e-4


@functools.lru_cache(maxsize=32)
def first_epoch_below(eta, target=FASTEST_TARGET, epochs=FASTEST_EPOCHS, start=FASTEST_START):
    """The first epoch t with L(θ_t) < target on the toy problem, or None if there is none
    (remembered per setting: a check is run many times, the answer never changes)."""
    path = gd.gradient_descent(lambda theta: toy.gradient(*theta), list(start), eta, epochs).path
    below = np.flatnonzero(toy.error(path[:, 0], path[:, 1]) < target)
    return int(below[0]) if below.size else None


def _epochs(eta) -> float:
    """first_epoch_below(eta), with a run that never gets there counted as infinitely slow."""
    t = first_epoch_below(eta)
    return math.inf if t is None else t


def check_eta_prediction(order, big_beats_fastest) -> None:
    """Check the prediction of Exercise 2: `order`, the learning rates ORDER_ETAS listed from
    the fewest epochs to get the toy loss below 1e-4 from (−2, −2) to the most, and
    `big_beats_fastest`, whether η = BIG_ETA gets there in fewer epochs than the fastest of
    them. Prints `correct`, a hint pointing the way, or "not answered yet"."""

    def check() -> str:
        if is_stub(order) or is_stub(big_beats_fastest):
            raise NotAnswered
        listed = [number(_plain(e), "each learning rate in eta_order") for e in _as_list(order)]
        if sorted(listed) != sorted(ORDER_ETAS):
            raise Feedback(f"list the three learning rates {list(ORDER_ETAS)}, each once")
        if not isinstance(big_beats_fastest, (bool, np.bool_)):
            raise Feedback("eta_25_beats_10 should be True or False")
        right_order = sorted(ORDER_ETAS, key=_epochs)
        fastest = right_order[0]
        beats = _epochs(BIG_ETA) < _epochs(fastest)
        if listed != right_order:
            if listed == right_order[::-1]:
                return (
                    "the other way round: every step is η·‖∇L‖ long, and none of these three "
                    "is large enough to overshoot badly"
                )
            return (
                "not yet: compare the step lengths η·‖∇L‖ on the plateau; which η covers it "
                "in the fewest epochs?"
            )
        if bool(big_beats_fastest) != beats:
            return (
                f"the order is right, but not the last part: η = {BIG_ETA:g} takes longer steps "
                "still, and the valley is narrow; what does a step do that is longer than the "
                "valley is wide?"
                if not beats
                else f"the order is right; η = {BIG_ETA:g} is faster still: look at its run"
            )
        return "correct"

    report(check)


def _as_list(value) -> list:
    """The learner's order as a list (a tuple or 1-d array too), else a Feedback."""
    if isinstance(value, np.ndarray) and value.ndim == 1:
        return list(value)
    if isinstance(value, (list, tuple)):
        return list(value)
    raise Feedback("eta_order should be a list of three learning rates, like [3, 1, 10]")


# -- exercise 3: the largest stable learning rate --------------------------------------------------


#: The matrices the learner's stability_limit(H) is tried on besides the toy's: symmetric,
#: positive definite, with the largest eigenvalue listed first by np.linalg.eigvals or not.
LIMIT_MATRICES = (
    np.array([[2.0, 0.0], [0.0, 0.5]]),
    np.array([[0.5, 0.0], [0.0, 2.0]]),
    np.array([[1.0, 0.9], [0.9, 1.0]]),
    np.diag([0.3, 4.0, 1.0]),
)


def stability_limit(H) -> float:
    """The reference answer: η_max = 2/λ_max, λ_max the largest eigenvalue of H."""
    return 2 / np.linalg.eigvalsh(H).max()


def check_stability_limit(limit) -> None:
    """Check a function limit(H) returning the largest learning rate at which gradient descent
    settles at a minimum with Hessian H, 2/λ_max: tried on toy.hessian_at_fit() and on
    LIMIT_MATRICES. Prints `correct`, a hint or "not answered yet"."""

    def check() -> str:
        matrices = (toy.hessian_at_fit(), *LIMIT_MATRICES)
        answers = []
        for H in matrices:
            value = _plain(call(limit, H.copy()))
            answers.append(number(value, "the limit your function returned"))
        answers = np.array(answers)
        eig = [np.linalg.eigvalsh(H) for H in matrices]
        mistakes = [
            ([1 / e[-1] for e in eig], "half the limit: a part may flip sign each step and still "
             "shrink, so the factor 1 − η·λ may go below 0"),
            ([2 / e[0] for e in eig], "you used the smallest eigenvalue: the steepest direction "
             "(largest λ) is the first to overshoot"),
            ([1 / e[0] for e in eig], "the smallest eigenvalue, and half the limit"),
            ([2 / np.trace(H) for H in matrices], "you divided by the sum of the eigenvalues (the "
             "trace): the limit comes from one eigenvalue alone"),
            ([2 / np.linalg.eigvals(H)[0].real for H in matrices], "np.linalg.eigvals does not "
             "sort the eigenvalues: the first it lists need not be the largest"),
            ([2 / np.linalg.norm(H) for H in matrices], "that divides by the size of the whole "
             "matrix (np.linalg.norm): the limit comes from one eigenvalue alone"),
            ([2 / H.max() for H in matrices], "the largest entry of H is not its largest "
             "eigenvalue"),
            ([e[-1] / 2 for e in eig], "upside down: the limit on η is 2 divided by an eigenvalue"),
            ([2 * e[-1] for e in eig], "upside down: the limit on η is 2 divided by an eigenvalue"),
        ]  # fmt: skip
        right = [stability_limit(H) for H in matrices]
        mistakes += [
            ([round(r, digits) for r in right], "close: keep more digits (do not round)")
            for digits in (1, 2, 3, 4)
        ]
        return verdict(
            answers,
            right,
            [(np.array(m), hint) for m, hint in mistakes],
            otherwise=(
                "not yet: try your function on H = np.diag([2.0, 0.5]), whose limit you can "
                "work out by hand, one eigen-direction at a time"
            ),
            rtol=1e-6,
        )

    report(check)


def _plain(answer):
    """A 0-d numpy array as the number it holds (every other answer as it is)."""
    return answer.item() if isinstance(answer, np.ndarray) and answer.ndim == 0 else answer


__all__ = [
    "check_ce_gradient",
    "check_stability_limit",
    "stability_limit",
    "check_eta_prediction",
    "first_epoch_below",
]
