"""The exercise checkers of notebook 02: right answers, each typical mistake, stubs, garbage."""

from __future__ import annotations

import numpy as np
import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.sigmoid_neuron import (
    basin_points,
    check_basin_points,
    check_loss_by_hand,
    check_saturated_loss,
)
from dlnotes.neurons import sigmoid

X, Y = [0.5, 2.5], [0.2, 0.9]


def printed(capsys, check, answer) -> str:
    check(answer)
    return capsys.readouterr().out.strip()


def loss_by_hand(w, b, *, half=True, square=True, mean=False, sign=1.0, bias=True, points=(0, 1)):
    """The toy loss at (w, b) the way a learner might work it out, right or wrong."""
    terms = []
    for i in points:
        f = sigmoid(sign * (w * X[i] + (b if bias else 0.0)))
        e = f - Y[i]
        terms.append(e**2 if square else e)
    total = np.mean(terms) if mean else np.sum(terms)
    return float(0.5 * total if half else total)


# -- exercise 1: L(1, -1) by hand ---------------------------------------------------------------
@pytest.mark.parametrize("answer", [loss_by_hand(1, -1), 0.0192, 0.0194, 0.019])
def test_loss_by_hand_right_and_hand_rounded(capsys, answer):
    assert printed(capsys, check_loss_by_hand, answer) == CORRECT


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (loss_by_hand(1, -1, half=False), "factor ½"),
        (loss_by_hand(1, -1, mean=True), "does not average"),
        (loss_by_hand(1, -1, square=False), "not squared"),
        (loss_by_hand(1, -1, sign=-1.0), "a sign slipped"),
        (loss_by_hand(1, -1, bias=False), "bias is missing"),
        (loss_by_hand(1, -1, points=(0,)), "only the first point"),
        (loss_by_hand(1, -1, points=(1,)), "only the second point"),
        (0.05, "not yet"),
    ],
)
def test_loss_by_hand_mistakes_get_their_hint(capsys, answer, hint):
    out = printed(capsys, check_loss_by_hand, answer)
    assert hint in out
    assert f"{loss_by_hand(1, -1):.4f}"[:5] not in out and "0.019" not in out  # never the answer


# -- exercise 2: predict L at the saturated corner (6, 6) ---------------------------------------
@pytest.mark.parametrize("answer", [0.325, 0.3249, loss_by_hand(6, 6)])
def test_saturated_loss_right(capsys, answer):
    assert printed(capsys, check_saturated_loss, answer) == CORRECT


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (0.425, "stuck at 0"),
        (0.125, "at ½ at both points"),
        (0.65, "factor ½"),
        (0.1625, "does not average"),
        (0.45, "not squared"),
        (0.3198, "only the first point"),
        (0.320, "check that L adds ½ (f(xᵢ) − yᵢ)² for both points"),
        (0.005, "only the second point"),
        (0.7, "not yet"),
    ],
)
def test_saturated_loss_mistakes_get_their_hint(capsys, answer, hint):
    out = printed(capsys, check_saturated_loss, answer)
    assert hint in out
    assert "0.325" not in out and "0.3249" not in out


# -- stubs and garbage, for every checker --------------------------------------------------------
@pytest.mark.parametrize("check", [check_loss_by_hand, check_saturated_loss])
def test_stub_is_not_answered_yet(capsys, check):
    assert printed(capsys, check, None) == NOT_ANSWERED


@pytest.mark.parametrize("check", [check_loss_by_hand, check_saturated_loss])
@pytest.mark.parametrize("garbage", ["0.0192", [0.0192], True, float("nan")])
def test_garbage_number_gets_a_message_not_a_traceback(capsys, check, garbage):
    out = printed(capsys, check, garbage)
    assert out.startswith("L should be a")


# -- exercise 3: points of a coarser grid in the basin ---------------------------------------------
def test_basin_points_are_computed():
    assert [basin_points(h) for h in (0.1, 0.5, 1.0)] == [24, 1, 0]


@pytest.mark.parametrize("answer", [(1, 0), (0.96, 0.24), [1.0, 0.0], np.array([1, 0])])
def test_basin_points_right(capsys, answer):
    check_basin_points(answer)
    assert capsys.readouterr().out.strip() == CORRECT


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        ((24, 24), "a coarser grid has fewer points in the basin"),
        ((5, 2), "falls with the area each grid point stands for"),
        ((4.8, 2.4), "falls with the area each grid point stands for"),
        ((0, 1), "cannot hold more basin points"),
        ((3, 3), "not yet: 24 points of the grid with spacing 0.1 lie in the basin"),
        (None, NOT_ANSWERED),
        (1, "two numbers"),
    ],
)
def test_basin_points_mistakes_get_their_hint(capsys, answer, words):
    check_basin_points(answer)
    message = capsys.readouterr().out.strip()
    assert words in message
    assert "(1, 0)" not in message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (0.33, "close: give three digits"),
        # 0.32 is the right 0.3249 cut to two digits, and also the first point's loss alone
        # (0.3198): the hint asks for three digits and names the mistake, deciding neither
        (0.32, "two digits are not enough here: give three"),
        (0.319, "only the first point"),
    ],
)
def test_saturated_loss_two_digits_is_close(capsys, answer, words):
    check_saturated_loss(answer)
    assert words in capsys.readouterr().out


def test_zero_d_arrays_are_numbers(capsys):
    check_saturated_loss(np.array(0.325))
    check_loss_by_hand(np.array(0.0192))
    assert capsys.readouterr().out.split() == [CORRECT, CORRECT]
