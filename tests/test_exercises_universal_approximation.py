"""The checkers of notebook 04: right answers, each typical mistake with its own hint, stubs."""

import numpy as np
import pytest

from dlnotes import uat
from dlnotes.exercises.core import NOT_ANSWERED
from dlnotes.exercises.universal_approximation import (
    MIXED_CASE,
    TOWER_CASES,
    _mixed_mistakes,
    _tower_mistakes,
    check_accuracy_choice,
    check_mixed_differences,
    check_tower_heights,
)


def printed(capsys, check, *args):
    check(*args)
    return capsys.readouterr().out.strip()


def stub(*args):
    raise NotImplementedError("your code here")


# -- tower heights -----------------------------------------------------------------------------


def test_tower_heights_right_answer(capsys):
    assert printed(capsys, check_tower_heights, uat.tower_heights) == "correct"


@pytest.mark.parametrize("k", range(5))
def test_tower_heights_each_mistake_gets_its_own_hint(capsys, k):
    def wrong(f, a, c, n):
        return _tower_mistakes(f, a, c, n)[k][0]

    hint = _tower_mistakes(*TOWER_CASES[0])[k][1]
    assert printed(capsys, check_tower_heights, wrong) == hint


def test_tower_heights_hints_are_distinct_and_never_correct():
    hints = [hint for _, hint in _tower_mistakes(*TOWER_CASES[0])]
    assert len(set(hints)) == len(hints) and "correct" not in hints


def test_tower_heights_off_by_one(capsys):
    def n_plus_one(f, a, c, n):
        return uat.tower_heights(f, a, c, n + 1)

    assert "one tower per bin" in printed(capsys, check_tower_heights, n_plus_one)


@pytest.mark.parametrize("answer", [None, stub])
def test_tower_heights_stub(capsys, answer):
    assert printed(capsys, check_tower_heights, answer) == NOT_ANSWERED


@pytest.mark.parametrize("answer", ["towers", lambda f, a, c, n: "abc", lambda f, a, c, n: 1 / 0])
def test_tower_heights_garbage_gets_a_message(capsys, answer):
    message = printed(capsys, check_tower_heights, answer)
    assert message and message != "correct" and "Traceback" not in message


# -- N and w for a max error below 0.02 --------------------------------------------------------


def test_accuracy_choice_right_answer(capsys):
    assert printed(capsys, check_accuracy_choice, 100, 2000.0).startswith("correct")


def test_accuracy_choice_too_shallow(capsys):
    assert "not flat on top" in printed(capsys, check_accuracy_choice, 100, 200.0)


def test_accuracy_choice_too_few_towers(capsys):
    assert "more towers" in printed(capsys, check_accuracy_choice, 20, 400.0)


@pytest.mark.parametrize(("n", "w"), [(None, None), (None, 100.0), (10, None)])
def test_accuracy_choice_stub(capsys, n, w):
    assert printed(capsys, check_accuracy_choice, n, w) == NOT_ANSWERED


@pytest.mark.parametrize(("n", "w"), [("ten", 50.0), (10.5, 50.0), (10, "steep"), (0, 50.0)])
def test_accuracy_choice_garbage(capsys, n, w):
    message = printed(capsys, check_accuracy_choice, n, w)
    assert message and not message.startswith("correct")


# -- mixed differences -------------------------------------------------------------------------


def test_mixed_differences_right_answer(capsys):
    assert printed(capsys, check_mixed_differences, uat.mixed_differences) == "correct"


@pytest.mark.parametrize("k", range(6))
def test_mixed_differences_each_mistake_gets_its_own_hint(capsys, k):
    wrong, hint = _mixed_mistakes(MIXED_CASE)[k]
    assert printed(capsys, check_mixed_differences, lambda v: wrong) == hint


def test_mixed_differences_without_prepend(capsys):
    def no_prepend(v):
        return np.diff(np.diff(v, axis=0), axis=1)

    assert "one weight per cell" in printed(capsys, check_mixed_differences, no_prepend)


@pytest.mark.parametrize("answer", [None, stub])
def test_mixed_differences_stub(capsys, answer):
    assert printed(capsys, check_mixed_differences, answer) == NOT_ANSWERED


@pytest.mark.parametrize("answer", ["weights", lambda v: "abc", lambda v: v[0]])
def test_mixed_differences_garbage(capsys, answer):
    message = printed(capsys, check_mixed_differences, answer)
    assert message and message != "correct"
