"""The warm-up checker of notebook 00: right answer, each typical mistake, stubs, garbage."""

from __future__ import annotations

import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.start_here import B0, W0, C, check_scaling
from dlnotes.neurons import sigmoid

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
