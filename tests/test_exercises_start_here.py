"""The warm-up checker of notebook 00: right answer, each typical mistake, stubs, garbage."""

from __future__ import annotations

import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.start_here import B, W, check_crossing
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
