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
    f_new,
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


# -- N from the bound for f_new, then measured ------------------------------------------------


def _bound_n(epsilon=0.02):
    """⌈M/(2ε)⌉ with M = max |f_new'|, computed independently of the checker (finer grid)."""
    x = np.linspace(0.0, 1.0, 400001)
    return int(np.ceil(np.max(np.abs(np.gradient(f_new(x), x))) / (2 * epsilon)))


def test_bound_n_is_the_known_value():
    assert _bound_n() == 133  # M ≈ 5.313 near x ≈ 0.084, M/0.04 ≈ 132.8


def test_accuracy_choice_right_answer(capsys):
    n = _bound_n()
    message = printed(capsys, check_accuracy_choice, n, 20.0 * n)
    assert message.startswith("correct") and f"N = {n}" in message


def test_accuracy_choice_too_shallow(capsys):
    n = _bound_n()
    assert "not flat on top" in printed(capsys, check_accuracy_choice, n, 2.0 * n)


def test_accuracy_choice_many_more_towers_is_not_correct(capsys):
    # the old check accepted any N whose error was below 0.02 (e.g. 1000); now the bound's N
    message = printed(capsys, check_accuracy_choice, 1000, 20000.0)
    assert "more than the bound asks for" in message


def test_accuracy_choice_too_few_towers(capsys):
    assert "fewer towers than the bound" in printed(capsys, check_accuracy_choice, 50, 1000.0)


def test_accuracy_choice_missing_half(capsys):
    n = _bound_n(0.04)  # M·Δ = 0.04 instead of M·Δ/2
    assert "half a bin" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


def test_accuracy_choice_double(capsys):
    n = _bound_n(0.01)
    assert "drops the 1/2" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


def test_accuracy_choice_slope_at_zero(capsys):
    n = int(np.ceil(0.8 / 0.04))
    assert "slope at x = 0" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


def test_accuracy_choice_upper_estimate(capsys):
    n = int(np.ceil(0.4 * 5 * np.pi / 0.04))  # ignores e^(-2x)
    assert "upper estimate" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


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
