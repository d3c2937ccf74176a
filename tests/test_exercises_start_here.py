"""The warm-up checker of notebook 00: right answers, each typical mistake, partly right
answers, stubs, garbage."""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.start_here import B0, SLOPE, W0, X_POINTS, check_scaling, limit_of_y
from dlnotes.neurons import sigmoid, step

# --- check_scaling: w and b both multiplied by c -------------------------------------------

C_RIGHT = 4 * SLOPE / W0
LIMITS = [limit_of_y(x) for x in X_POINTS]
X0 = -B0 / W0
RIGHT = (C_RIGHT, LIMITS, X0)


def scaling(capsys, *answers) -> str:
    check_scaling(*answers)
    return capsys.readouterr().out.strip()


def test_the_right_answers_follow_from_the_neuron():
    """Computed, not trusted: the slope c·w/4 by a difference quotient, the limits by a huge c."""
    h, w_c, b_c = 1e-6, C_RIGHT * W0, C_RIGHT * B0
    slope = (sigmoid(w_c * (X0 + h) + b_c) - sigmoid(w_c * (X0 - h) + b_c)) / (2 * h)
    assert slope == pytest.approx(SLOPE)
    huge = [float(sigmoid(1e6 * (W0 * x + B0))) for x in X_POINTS]
    assert huge == pytest.approx(LIMITS, abs=1e-12) and LIMITS[1] == 0.5
    steps = [float(step(W0 * x + B0)) for x in X_POINTS]
    assert [x for x, a, s in zip(X_POINTS, LIMITS, steps, strict=True) if a != s] == [X0]


def test_right_answers_in_every_form(capsys):
    assert scaling(capsys, *RIGHT) == CORRECT
    assert scaling(capsys, 3, (0, 1 / 2, 1), np.float64(1.5)) == CORRECT
    assert scaling(capsys, np.array(3.0), np.array([0.0, 0.5, 1.0]), 3 / 2) == CORRECT


def _no_answer_in(out: str) -> None:
    for right in ("c_needed: 3", "= 3 ", "½", "0.5", "x = 1.5 ", "x_differs: 1.5"):
        assert right not in out, right


@pytest.mark.parametrize(
    ("c_needed", "hint"),
    [
        (SLOPE / W0, "the slope there is (the weight)/4, not the weight"),
        (4 * SLOPE, "after scaling the weight is c·w = c·2, not c"),
        (4 * SLOPE / abs(B0), "the bias slides the curve but does not make it steeper"),
        (7.0, "not yet: after scaling the weight is c·w"),
    ],
)
def test_each_c_mistake_gets_its_hint_and_the_other_parts_say_right(capsys, c_needed, hint):
    out = scaling(capsys, c_needed, LIMITS, X0)
    first, *rest = out.splitlines()
    assert first.startswith("c_needed: ") and hint in first
    assert rest == ["y_limits: right", "x_differs: right"]
    _no_answer_in(out)


@pytest.mark.parametrize(
    ("limits", "says"),
    [
        ([0, 1, 1], ["right at x = 1.4 and 1.6", "the step's value there is not the sigmoid's"]),
        ([0, 0, 1], ["right at x = 1.4 and 1.6", "= 0 for every c: what is σ(0)?"]),
        ([0.5, 0.5, 0.5], ["right at x = 1.5", "x = 1.4 the curve is not at its crossing",
                           "x = 1.6 the curve is not at its crossing", "−∞", "+∞"]),
        ([1, 0.5, 0], ["right at x = 1.5", "at x = 1.4, z = c·(2x − 3) runs off to −∞ as c "
                       "grows: what does σ tend to there?", "at x = 1.6"]),
        ([0.2, 0.7, 0.9], ["y_limits: at x = 1.4", "at x = 1.5", "at x = 1.6"]),
    ],
)  # fmt: skip
def test_each_limit_mistake_says_which_points_are_right(capsys, limits, says):
    out = scaling(capsys, C_RIGHT, limits, X0)
    line = out.splitlines()[1]
    assert all(s in line for s in says), line
    assert "right at" not in line if limits == [0.2, 0.7, 0.9] else True
    assert out.splitlines()[0] == "c_needed: right"
    assert "1.5:" not in line and "0.5" not in line and "½" not in line


@pytest.mark.parametrize(
    ("x_differs", "hint"),
    [
        (-X0, "a sign slipped"),
        (1.4, "at that x the limit and the step agree"),
        (1.6, "at that x the limit and the step agree"),
    ],
)
def test_each_x_mistake_gets_its_hint(capsys, x_differs, hint):
    out = scaling(capsys, C_RIGHT, LIMITS, x_differs)
    *first, last = out.splitlines()
    assert first == ["c_needed: right", "y_limits: right"]
    assert last.startswith("x_differs: ") and hint in last and "1.5" not in out


def test_stubs_and_partial_answers(capsys):
    assert scaling(capsys, None, None, None) == NOT_ANSWERED
    out = scaling(capsys, C_RIGHT, None, ...)
    assert out.splitlines() == [
        "c_needed: right",
        "y_limits: not answered yet",
        "x_differs: not answered yet",
    ]


def test_garbage_gets_a_message(capsys):
    assert scaling(capsys, "3", LIMITS, X0).startswith("c_needed should be a number, got str")
    out = scaling(capsys, C_RIGHT, [0, 0.5], X0)
    assert "y_limits should be 3 numbers, the limits at x = 1.4, 1.5, 1.6" in out
    assert "y_limits should be 3 numbers" in scaling(capsys, C_RIGHT, ["a", 1, 2], X0)
    assert "y_limits should be 3 numbers" in scaling(capsys, C_RIGHT, [0, np.nan, 1], X0)
