"""Checkers for notebook 03 (gradient descent).

check_one_point_gradient(grad)   the learner's grad(w, b, x, y) -> (∇w, ∇b) for one point
check_fastest_eta(eta)            which learning rate first gets the loss below 1e-4
check_eta_max(eta_max)            the stability limit 2/λ_max at the minimum

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

# -- exercise 1: the gradient of one point's loss ½(f(x) − y)², written as code ----------------

#: The (w, b, x, y) at which the learner's function is tried: x ≠ 0, 1 and f ≠ y everywhere, so
#: that every typical mistake below gives different numbers from the right answer.
GRADIENT_POINTS = ((-2.0, -2.0, 0.5, 0.2), (0.5, 0.0, 2.5, 0.9), (1.5, -1.0, -1.2, 0.7))


def one_point_gradient(w, b, x, y):
    """(∇w, ∇b) of ½(f(x) − y)² with f(x) = σ(w·x + b): the reference answer."""
    fx = toy.f(w, b, x)
    delta = (fx - y) * fx * (1 - fx)
    return delta * x, delta


def _gradient_mistakes(w, b, x, y):
    """Each typical mistake as (∇w, ∇b) at one point, with its hint, in the order tried."""
    fx = toy.f(w, b, x)
    delta = (fx - y) * fx * (1 - fx)
    return [
        (
            (-delta * x, -delta),
            "the sign is flipped: the derivative of ½(f − y)² with respect to f is (f − y), "
            "not (y − f)",
        ),
        (
            (2 * delta * x, 2 * delta),
            "a factor 2 too many: the ½ in front of the square cancels the 2 from its derivative",
        ),
        (
            ((fx - y) * x, fx - y),
            "the sigmoid's own derivative is missing: the link ∂f/∂z = σ'(z) sits between "
            "(f − y) and ∂z/∂w; differentiate σ(z) = (1 + e^(−z))^(−1) with the chain rule",
        ),
        (
            ((fx - y) * fx * x, (fx - y) * fx),
            "σ'(z) is not f: the derivative of (1 + e^(−z))^(−1) has a second factor, "
            "e^(−z)/(1 + e^(−z)); write that one in terms of f too",
        ),
        (
            ((fx - y) * fx**2 * x, (fx - y) * fx**2),
            "the chain rule's inner derivative is missing in σ'(z): the derivative of "
            "1 + e^(−z) is −e^(−z), not 1",
        ),
        (
            (delta, delta),
            "∇w lacks the factor x: z = w·x + b, so ∂z/∂w = x",
        ),
        (
            (delta * x, delta * x),
            "∇b has a factor x too many: z = w·x + b, so ∂z/∂b = 1",
        ),
        (
            (delta, delta * x),
            "right numbers, wrong order: return (∇w, ∇b), the gradient for w first",
        ),
    ]


def _as_pair(value) -> np.ndarray:
    """The learner's return value as two finite floats (grad_w, grad_b)."""
    return as_pair(value, "grad_w, grad_b", "a gradient")


def check_one_point_gradient(grad) -> None:
    """Check a function grad(w, b, x, y) returning (∇w, ∇b) for one point (x, y), where
    ∇w = (f(x) − y)·f(x)·(1 − f(x))·x and ∇b = (f(x) − y)·f(x)·(1 − f(x)).

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        answers = np.array([_as_pair(call(grad, *point)) for point in GRADIENT_POINTS])
        right = np.array([one_point_gradient(*point) for point in GRADIENT_POINTS])
        per_point = [_gradient_mistakes(*point) for point in GRADIENT_POINTS]
        mistakes = [
            (np.array([m[k][0] for m in per_point]), per_point[0][k][1])
            for k in range(len(per_point[0]))
        ]
        otherwise = "not yet: "
        if same(answers[:, 0], right[:, 0]):
            otherwise += "∇w is right, ∇b is not; "
        elif same(answers[:, 1], right[:, 1]):
            otherwise += "∇b is right, ∇w is not; "
        otherwise += (
            "build it from the chain rule, ∂L/∂w = ∂L/∂f · ∂f/∂z · ∂z/∂w with z = w·x + b, "
            "one factor at a time"
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
        choice = number(eta, "eta")
        if not any(same(choice, c) for c in FASTEST_CANDIDATES):
            raise Feedback(f"pick one of {list(FASTEST_CANDIDATES)}")
        reached = {c: first_epoch_below(c) for c in FASTEST_CANDIDATES}
        fastest = min((t, c) for c, t in reached.items() if t is not None)[1]
        if same(choice, fastest):
            return "correct"
        mine = reached[min(FASTEST_CANDIDATES, key=lambda c: abs(c - choice))]
        largest_converging = max(c for c, t in reached.items() if t is not None)
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
        if choice < largest_converging:
            return (
                f"eta = {choice:g} gets there (at epoch {mine}), but a larger eta in the list "
                "also converges, and sooner"
            )
        return f"eta = {choice:g} gets there at epoch {mine}, but another choice is faster"

    report(check)


# -- exercise 3: the largest stable learning rate --------------------------------------------------


def hessian_at_fit() -> np.ndarray:
    """∇²L at the exact fit (w*, b*): Σᵢ σ'(zᵢ)²·[xᵢ, 1]ᵀ[xᵢ, 1], shape (2, 2).

    At the fit every residual f(xᵢ) − yᵢ is 0, so only the product of first derivatives is left,
    and σ'(zᵢ) = f(xᵢ)(1 − f(xᵢ)) = yᵢ(1 − yᵢ)."""
    slopes = toy.Y * (1 - toy.Y)  # σ'(z_i) at the fit, shape (2,)
    rows = np.stack([toy.X, np.ones_like(toy.X)], axis=1)  # [x_i, 1], shape (2, 2)
    return (rows * slopes[:, None] ** 2).T @ rows


def check_eta_max(eta_max) -> None:
    """Check the largest learning rate for which gradient descent still settles at the minimum:
    η_max = 2/λ_max, λ_max the largest eigenvalue of hessian_at_fit(). Accepts 0.2 % rounding.
    Prints `correct`, a hint or "not answered yet"."""

    def check() -> str:
        value = number(eta_max, "eta_max")
        lam_min, lam_max = np.linalg.eigvalsh(hessian_at_fit())
        right = 2 / lam_max
        mistakes = [
            (1 / lam_max, "half the limit: the step factor 1 − η·λ must stay above −1, not 0"),
            (
                2 / lam_min,
                "you used the smaller eigenvalue: the steepest direction (largest λ) is the "
                "first to overshoot",
            ),
            (
                1 / lam_min,
                "the smaller eigenvalue, and half the limit: use the largest λ, and the factor "
                "1 − η·λ may go down to −1",
            ),
            (
                2 / (lam_min + lam_max),
                "you divided by the sum of the eigenvalues (the trace): the limit comes from "
                "one eigenvalue alone",
            ),
            (lam_max / 2, "upside down: the limit on η is 2 divided by an eigenvalue"),
            (2 * lam_max, "upside down: the limit on η is 2 divided by an eigenvalue"),
        ]
        result = verdict(value, right, mistakes, otherwise="", rtol=2e-3)
        if result:
            return result
        if abs(value - right) <= 0.03 * right:
            return "close: give it to three significant figures, computed from λ_max"
        return (
            "not the limit: along an eigenvector with eigenvalue λ one step multiplies the "
            "distance to the minimum by (1 − η·λ); find the η at which that factor reaches −1 "
            "for the steepest direction"
        )

    report(check)


__all__ = [
    "check_eta_max",
    "check_fastest_eta",
    "check_one_point_gradient",
    "epochs_on_shelf",
    "first_epoch_below",
    "hessian_at_fit",
]
