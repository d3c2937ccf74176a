"""The warm-up checker of notebook 00: right answer, each typical mistake, stubs, garbage."""

from __future__ import annotations

import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.start_here import B0, W0, B, C, W, check_crossing, check_scaling
from dlnotes.neurons import sigmoid


def printed(capsys, answer) -> str:
    check_crossing(answer)
    return capsys.readouterr().out.strip()


def test_right_answer_is_where_the_curve_is_one_half(capsys):
    right = -B / W
    assert sigmoid(W * right + B) == 0.5
    assert printed(capsys, right) == CORRECT
    assert printed(capsys, -1.5) == CORRECT  # typed as a literal


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (B / W, "a sign slipped"),
        (-W / B, "w and b are swapped"),
        (-B, "divide by w"),
        (0.5, "the height"),
        (0.0, "not where x = 0"),
        (3.0, "not yet: σ(z) = ½ exactly where z = 0"),
    ],
)
def test_each_mistake_gets_its_own_hint_never_the_answer(capsys, answer, hint):
    out = printed(capsys, answer)
    assert hint in out
    assert "1.5" not in out and "-1.5" not in out


@pytest.mark.parametrize("stub", [None, ...])
def test_stub_is_not_answered_yet(capsys, stub):
    assert printed(capsys, stub) == NOT_ANSWERED


@pytest.mark.parametrize("garbage", ["-1.5", [1, 2], True, float("nan")])
def test_garbage_gets_a_message_not_a_traceback(capsys, garbage):
    out = printed(capsys, garbage)
    assert out.startswith("x_half should be")


# --- check_scaling: w and b both multiplied by c -------------------------------------------


RIGHT = (-B0 / W0, C * W0 / 4, 0.5)


def scaling(capsys, *answers) -> str:
    check_scaling(*answers)
    return capsys.readouterr().out.strip()


def test_scaling_right_answers_in_every_form(capsys):
    import numpy as np

    assert sigmoid(C * W0 * RIGHT[0] + C * B0) == 0.5  # the crossing does not move
    assert scaling(capsys, *RIGHT) == CORRECT
    assert scaling(capsys, np.float64(1.5), np.array(2.5), 1 / 2) == CORRECT


@pytest.mark.parametrize(
    ("answers", "hint"),
    [
        ((C * 1.5, 2.5, 0.5), "x_cross: the crossing is −b/w: what happens to a ratio"),
        ((1.5 / C, 2.5, 0.5), "x_cross: the crossing is −b/w: what happens to a ratio"),
        ((-1.5, 2.5, 0.5), "x_cross: a sign slipped"),
        ((9.0, 2.5, 0.5), "x_cross: not yet: solve c·w·x + c·b = 0"),
        ((1.5, W0 / 4, 0.5), "slope: the slope at the crossing is (the weight)/4, and the weight"),
        ((1.5, C * C * W0 / 4, 0.5), "slope: only the weight sets the slope"),
        ((1.5, C * W0, 0.5), "slope: the slope of σ(z) at z = 0 is ¼"),
        ((1.5, 7.0, 0.5), "slope: not yet"),
        ((1.5, 2.5, 1.0), "y_limit: the step says 1 there"),
        ((1.5, 2.5, 0.0), "y_limit: at the crossing z = c·(w·x + b) = 0"),
        ((1.5, 2.5, 0.7), "y_limit: not yet"),
    ],
)
def test_scaling_each_mistake_gets_its_own_hint_never_the_answer(capsys, answers, hint):
    out = scaling(capsys, *answers)
    assert hint in out and "correct" not in out
    assert not any(right in out for right in ("1.5", "2.5", "0.5", "½"))


def test_scaling_stubs_and_partial_answers(capsys):
    assert scaling(capsys, None, None, None) == NOT_ANSWERED
    out = scaling(capsys, 1.5, None, ...)
    assert out == "slope: not answered yet; y_limit: not answered yet"


def test_scaling_garbage_gets_a_message(capsys):
    assert scaling(capsys, "1.5", 2.5, 0.5) == "x_cross should be a number, got str: '1.5'"
