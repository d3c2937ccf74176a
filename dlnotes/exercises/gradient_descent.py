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


# -- exercise 1: the gradient of one point's cross-entropy loss -----------------------------------


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


def hessian_at_fit() -> np.ndarray:
    """∇²L at the exact fit (w*, b*): Σᵢ σ'(zᵢ)²·[xᵢ, 1]ᵀ[xᵢ, 1], shape (2, 2).

    At the fit every residual f(xᵢ) − yᵢ is 0, so only the product of first derivatives is left,
    and σ'(zᵢ) = f(xᵢ)(1 − f(xᵢ)) = yᵢ(1 − yᵢ)."""
    slopes = toy.Y * (1 - toy.Y)  # σ'(z_i) at the fit, shape (2,)
    rows = np.stack([toy.X, np.ones_like(toy.X)], axis=1)  # [x_i, 1], shape (2, 2)
    return (rows * slopes[:, None] ** 2).T @ rows


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
    settles at a minimum with Hessian H, 2/λ_max: tried on hessian_at_fit() and on
    LIMIT_MATRICES. Prints `correct`, a hint or "not answered yet"."""

    def check() -> str:
        matrices = (hessian_at_fit(), *LIMIT_MATRICES)
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


# -- the former exercises 1 and 3: kept while dlnotes.exercises imports them
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
    "ce_gradient",
    "check_ce_gradient",
    "check_stability_limit",
    "stability_limit",
    "check_eta_max",
    "check_fastest_eta",
    "check_one_point_gradient",
    "epochs_on_shelf",
    "first_epoch_below",
    "hessian_at_fit",
]
