"""Checkers for notebook 02 (the sigmoid neuron, learning by guesswork).

check_loss_by_hand(L)              the toy loss L(w, b) at (w, b) = (1, −1), computed by hand
check_saturated_loss(L)            a prediction: the loss at the corner (w, b) = (6, 6) of the map
check_basin_points(counts)         a prediction: how many points of a coarser grid land in the basin

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.toy, never stored as numbers.
"""

from __future__ import annotations

import numpy as np

from dlnotes import toy
from dlnotes.exercises.core import (
    NotAnswered,
    as_pair,
    is_stub,
    number,
    report,
    verdict,
)

#: How close a number worked out by hand must be: 3 %, enough for σ rounded to two digits.
HAND_RTOL = 0.03
#: How close the prediction at the saturated corner must be: 1 %, enough for σ taken as 1 there
#: (it is 0.99988 and 1.00000), too little to forget one of the two points.
PREDICTION_RTOL = 0.01


def _plain(answer):
    """A 0-d numpy array as the number it holds (every other answer as it is)."""
    return answer.item() if isinstance(answer, np.ndarray) and answer.ndim == 0 else answer


def _loss_mistakes(w: float, b: float) -> list[tuple[float, str]]:
    """The toy loss at (w, b) worked out each typical wrong way, with its hint (order tried)."""
    fx = toy.f(w, b, toy.X)  # f(x₁), f(x₂)
    e = fx - toy.Y
    wrong_sign = toy.f(-w, -b, toy.X)  # 1 / (1 + e^(+(w·x + b))) = σ(−z)
    no_bias = toy.f(w, 0.0, toy.X)
    return [
        (float(np.sum(e**2)), "the factor ½ in front of the sum is missing"),
        (
            float(0.5 * np.mean(e**2)),
            "that is half the answer: the loss adds the two points' errors (Σ), it does not "
            "average them",
        ),
        (
            float(0.5 * np.sum(e)),
            "the errors are not squared: L adds (f(xᵢ) − yᵢ)², so a point above its target and "
            "one below cannot cancel",
        ),
        (
            float(0.5 * np.sum(np.abs(e))),
            "the errors are not squared: L adds (f(xᵢ) − yᵢ)², not |f(xᵢ) − yᵢ|",
        ),
        (
            float(0.5 * np.sum((wrong_sign - toy.Y) ** 2)),
            "a sign slipped in f: σ(z) = 1 / (1 + e^(−z)) with z = w·x + b; check that f(x) "
            "grows with w·x + b",
        ),
        (float(0.5 * np.sum((no_bias - toy.Y) ** 2)), "the bias is missing: z = w·x + b"),
        (
            float(0.5 * e[0] ** 2),
            "only the first point counted: L sums over both points (x₁, y₁) and (x₂, y₂)",
        ),
        (
            float(0.5 * e[1] ** 2),
            "only the second point counted: L sums over both points (x₁, y₁) and (x₂, y₂)",
        ),
    ]


# -- exercise 1: the loss at one (w, b), by hand ------------------------------------------------

#: Where the loss is to be worked out by hand.
HAND_POINT = (1.0, -1.0)


def check_loss_by_hand(L) -> None:
    """Check L(w, b) = ½ Σᵢ (σ(w·xᵢ + b) − yᵢ)² at (w, b) = (1, −1), worked out by hand
    (to within 3 %). Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        value = number(_plain(L), "L")
        right = toy.error(*HAND_POINT)
        return verdict(
            value,
            right,
            _loss_mistakes(*HAND_POINT),
            rtol=HAND_RTOL,
            otherwise=(
                "not yet: first work out z = w·x + b and f = σ(z) for each point, then "
                "½ Σ (f(xᵢ) − yᵢ)²; check each number on the way"
            ),
        )

    report(check)


# -- exercise 2: predict the loss where the sigmoid is saturated --------------------------------

#: The corner of the guesswork map whose loss is to be predicted.
CORNER = (6.0, 6.0)


def check_saturated_loss(L) -> None:
    """Check the prediction of L(w, b) at the corner (w, b) = (6, 6), where f(x₁) and f(x₂) are
    both nearly 1 (to within 1 %). Prints `correct`, a hint, or "not answered yet"."""

    def check() -> str:
        value = number(_plain(L), "L")
        right = toy.error(*CORNER)
        y1, y2 = toy.Y.tolist()
        mistakes = [
            (
                0.5 * (y1**2 + y2**2),
                "that is the loss of a curve stuck at 0: at (6, 6) the inputs z = 6·x + 6 are "
                "large and positive, so σ(z) is near 1, not 0",
            ),
            (
                0.5 * ((0.5 - y1) ** 2 + (0.5 - y2) ** 2),
                "that is the loss of a curve at ½ at both points: σ(z) = ½ only at z = 0, and "
                "here z = 6·x + 6 is far from 0",
            ),
            *_loss_mistakes(*CORNER)[:4],
        ]
        one_point = _loss_mistakes(*CORNER)[-2:]
        result = verdict(value, right, mistakes, rtol=PREDICTION_RTOL, otherwise="")
        if result:
            return result
        close = abs(value - right) <= HAND_RTOL * right
        first_only = one_point[0][0]
        if close and value == round(value, 2) == round(first_only, 2):
            # Two digits cannot tell the right answer cut short (0.32 from 0.3249) from the
            # loss of the first point alone (0.3198): say both, decide neither.
            return (
                "close, but two digits are not enough here: give three, and check that L adds "
                "½ (f(xᵢ) − yᵢ)² for both points"
            )
        result = verdict(value, right, one_point, rtol=PREDICTION_RTOL, otherwise="")
        if result:
            return result
        if close:
            return "close: give three digits (two are not enough to tell the mistakes apart)"
        return (
            "not yet: work out z = 6·xᵢ + 6 at both points, decide what σ(z) is close to, "
            "then add ½ (f(xᵢ) − yᵢ)²"
        )

    report(check)


# -- exercise 3: how fine must a grid be to hit the basin? ---------------------------------------

#: The basin of the error surface, and the grids asked about: spacings on [−6, 6]².
BASIN_LEVEL = 0.001
FINE_SPACING = 0.1
ASKED_SPACINGS = (0.5, 1.0)


def basin_points(spacing: float) -> int:
    """How many points of the grid with this spacing on [−6, 6]² have L(w, b) < BASIN_LEVEL."""
    axis = np.arange(-6.0, 6.0 + spacing / 2, spacing)
    return int(np.sum(toy.error_surface(axis, axis)[2] < BASIN_LEVEL))


def check_basin_points(counts) -> None:
    """Check the prediction (n at spacing 0.5, n at spacing 1.0): how many points of each grid
    land in the basin L < 0.001, knowing that the grid of spacing 0.1 has 24 there. An estimate
    that rounds to each count is right. Prints `correct`, a hint, or "not answered yet"."""

    def check() -> str:
        if is_stub(counts):
            raise NotAnswered
        answer = as_pair(counts, "n at spacing 0.5, n at spacing 1.0", "two counts")
        right = np.array([basin_points(h) for h in ASKED_SPACINGS], dtype=float)
        if np.array_equal(np.round(answer), right):
            return "correct"
        fine = basin_points(FINE_SPACING)
        linear = np.round([fine * FINE_SPACING / h for h in ASKED_SPACINGS])
        if np.all(answer >= fine):
            return (
                "a coarser grid has fewer points in the basin: the basin stays as large as it "
                "is, but each grid point now stands for a larger square of the (w, b) plane"
            )
        if np.array_equal(np.round(answer), linear):
            return (
                "the count falls with the area each grid point stands for, a square h × h, not "
                "with the spacing h alone"
            )
        if answer[1] > answer[0]:
            return "the grid of spacing 1.0 is the coarser one: it cannot hold more basin points"
        return (
            f"not yet: {fine} points of the grid with spacing {FINE_SPACING} lie in the basin; "
            "how large an area of the (w, b) plane is that, and how many points of a coarser "
            "grid does such an area hold?"
        )

    report(check)


__all__ = [
    "basin_points",
    "check_basin_points",
    "check_loss_by_hand",
    "check_saturated_loss",
]
