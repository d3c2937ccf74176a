"""Checkers for notebook 03 (gradient descent).

check_ce_gradient(grad)           the learner's grad(w, b, x, y) -> (∇w, ∇b) of one point's
                                  cross-entropy loss −[y ln f + (1 − y) ln(1 − f)]
check_fastest_eta(eta)            which learning rate first gets the loss below 1e-4
check_stability_limit(limit)      the learner's limit(H) -> the largest stable η, 2/λ_max

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.toy and dlnotes.gd, never stored as numbers.
"""

from __future__ import annotations

import functools

import numpy as np

from dlnotes import gd, toy
from dlnotes.exercises.core import (
    Feedback,
    as_pair,
    call,
    number,
    report,
    same,
    verdict,
)

# -- exercise 1: the gradient of one point's cross-entropy loss -----------------------------------

#: The (w, b, x, y) at which the learner's function is tried: x ≠ 0, 1 and f ≠ y everywhere, so
#: that every typical mistake below gives different numbers from the right answer.
GRADIENT_POINTS = ((-2.0, -2.0, 0.5, 0.2), (0.5, 0.0, 2.5, 0.9), (1.5, -1.0, -1.2, 0.7))


def _as_pair(value) -> np.ndarray:
    """The learner's return value as two finite floats (grad_w, grad_b)."""
    return as_pair(value, "grad_w, grad_b", "a gradient")


def ce_gradient(w, b, x, y):
    """(∇w, ∇b) of −[y ln f + (1 − y) ln(1 − f)], f = σ(w·x + b): the reference answer.

    ∂ℓ/∂f = (f − y) / (f(1 − f)) and ∂f/∂z = f(1 − f), so ∂ℓ/∂z = f − y."""
    delta = toy.f(w, b, x) - y
    return delta * x, delta


def _ce_mistakes(w, b, x, y):
    """Each typical mistake as (∇w, ∇b) at one point, with its hint, in the order tried."""
    fx = toy.f(w, b, x)
    slope = fx * (1 - fx)
    dl_df = (fx - y) / slope
    return [
        (
            ((fx - y) * slope * x, (fx - y) * slope),
            "that is the squared error's gradient: for the cross-entropy the first link, "
            "∂ℓ/∂f, is not f − y; differentiate −[y ln f + (1 − y) ln(1 − f)] with respect to f",
        ),
        (
            ((y - fx) * x, y - fx),
            "the sign is flipped: the loss falls as f moves towards y, so ∂ℓ/∂f has the sign "
            "of f − y",
        ),
        (
            (dl_df * x, dl_df),
            "the sigmoid's link ∂f/∂z = f(1 − f) is missing between ∂ℓ/∂f and ∂z/∂w",
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
    loss ℓ = −[y ln f + (1 − y) ln(1 − f)], f = σ(w·x + b).

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        answers = np.array([_as_pair(call(grad, *point)) for point in GRADIENT_POINTS])
        right = np.array([ce_gradient(*point) for point in GRADIENT_POINTS])
        per_point = [_ce_mistakes(*point) for point in GRADIENT_POINTS]
        mistakes = [
            (np.array([m[k][0] for m in per_point]), per_point[0][k][1])
            for k in range(len(per_point[0]))
        ]
        otherwise = (
            "not yet: build it from the chain rule, ∂ℓ/∂w = ∂ℓ/∂f · ∂f/∂z · ∂z/∂w with "
            "z = w·x + b, one factor at a time, and simplify"
        )
        return verdict(answers, right, mistakes, otherwise=otherwise)

    report(check)


# -- exercise 2: the fastest of a few learning rates ----------------------------------------------

#: The learning rates offered, the start, the number of epochs and the target loss.
FASTEST_CANDIDATES = (0.3, 1.0, 3.0, 10.0, 25.0, 100.0)
FASTEST_START = (-2.0, -2.0)
FASTEST_EPOCHS = 300
FASTEST_TARGET = 1e-4


@functools.lru_cache(maxsize=32)
def first_epoch_below(eta, target=FASTEST_TARGET, epochs=FASTEST_EPOCHS, start=FASTEST_START):
    """The first epoch t with L(θ_t) < target on the toy problem, or None if there is none
    (remembered per setting: a check is run many times, the answer never changes)."""
    path = gd.gradient_descent(lambda theta: toy.gradient(*theta), list(start), eta, epochs).path
    below = np.flatnonzero(toy.error(path[:, 0], path[:, 1]) < target)
    return int(below[0]) if below.size else None


@functools.lru_cache(maxsize=32)
def epochs_on_shelf(eta, start=FASTEST_START, epochs=1000):
    """(first, last, count): the first and last epoch the run spends on the shelf beside the
    valley, f(x₂) > 0.97 (notebook 02), and in how many epochs it is there; None if it is
    there in fewer than 10 epochs."""
    path = gd.gradient_descent(lambda theta: toy.gradient(*theta), list(start), eta, epochs).path
    on = np.flatnonzero(toy.f(path[:, 0], path[:, 1], toy.X[1]) > 0.97)
    return (int(on[0]), int(on[-1]), int(on.size)) if on.size >= 10 else None


def check_fastest_eta(eta) -> None:
    """Check the choice of the learning rate, among FASTEST_CANDIDATES, that first gets the toy
    loss below 1e-4 from (−2, −2) within 300 epochs. Prints `correct`, a hint or
    "not answered yet"."""

    def check() -> str:
        choice = number(_plain(eta), "eta")
        if not any(same(choice, c) for c in FASTEST_CANDIDATES):
            raise Feedback(f"pick one of {list(FASTEST_CANDIDATES)}")
        reached = {c: first_epoch_below(c) for c in FASTEST_CANDIDATES}
        fastest = min((t, c) for c, t in reached.items() if t is not None)[1]
        if same(choice, fastest):
            return "correct"
        mine = reached[min(FASTEST_CANDIDATES, key=lambda c: abs(c - choice))]
        if mine is None and choice > fastest:
            shelf = epochs_on_shelf(choice)
            if shelf:
                return (
                    f"not this one: eta = {choice:g} makes big early jumps but never gets below "
                    f"1e-4 within {FASTEST_EPOCHS} epochs; its first steps throw it across the "
                    f"valley onto the shelf beside it (f(x₂) > 0.97, where L ≥ 0.0025): it is "
                    f"there in {shelf[2]} of the epochs from {shelf[0]} to {shelf[1]}"
                )
            return (
                f"not this one: eta = {choice:g} makes big early jumps but never gets below 1e-4 "
                f"within {FASTEST_EPOCHS} epochs; too large a step jumps across the valley "
                "instead of down it, here deep onto the plateau where both outputs are near 0"
            )
        if mine is None:
            return (
                f"not this one: eta = {choice:g} does not get below 1e-4 within "
                f"{FASTEST_EPOCHS} epochs; the step is eta·‖∇L‖ and on the plateau ‖∇L‖ is "
                "small, so a small eta crawls"
            )
        return f"eta = {choice:g} gets there, at epoch {mine}: not the fewest epochs of the list"

    report(check)


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
    "ce_gradient",
    "check_ce_gradient",
    "check_stability_limit",
    "stability_limit",
    "check_fastest_eta",
    "epochs_on_shelf",
    "first_epoch_below",
]
