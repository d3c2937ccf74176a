"""The checkers of notebook 01: the right answer, every typical mistake with its own hint, the
stub and garbage."""

import numpy as np
import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.perceptron import (
    TRACE_FUNCTION,
    and_bound_parts,
    check_and_bound,
    check_nand_nor_weights,
    check_trace_prediction,
    check_xor_network,
    trace,
)
from dlnotes.perceptron import TWO_INPUT_FUNCTIONS, train_perceptron


def said(capsys, check, *args) -> str:
    check(*args)
    return capsys.readouterr().out.strip()


# -- NAND and NOR weights -----------------------------------------------------------------------
NAND, NOR = (1.5, -1.0, -1.0), (0.5, -1.0, -1.0)


@pytest.mark.parametrize(
    "w_nand, w_nor, hint",
    [
        (NAND, NOR, CORRECT),
        ((3, -2, -2), [0.2, -1, -1], CORRECT),
        ((-1.5, 1.0, 1.0), NOR, "computes AND, the opposite of NAND"),
        (NAND, (-0.5, 1.0, 1.0), "computes OR, the opposite of NOR"),
        (NOR, NAND, "w_nand computes NOR, not NAND"),
        ((2.0, -1.0, -1.0), NOR, "lies exactly on your line"),
        (NAND, (1.0, -1.0, -2.0), "w_nor: [(1, 0)] lies exactly on your line"),
        ((-0.5, 2.0, -1.0), NOR, "only the bias counts"),
        ((1.0, 1.0, -3.0), NOR, "w_nand is wrong on [(0, 1)]"),
        ((1.5, -1.0), NOR, "w_nand must be three finite numbers"),
        ("abc", NOR, "w_nand must be three numbers"),
        (NAND, (0.5, np.nan, 1.0), "w_nor must be three finite numbers"),
        (None, None, NOT_ANSWERED),
        (None, NOR, "w_nand: not answered yet"),
        (NAND, None, "w_nor: not answered yet"),
        ((-1.0, -1.0, 1.5), NOR, "w_nand: give the bias first"),
    ],
)
def test_nand_nor_weights(capsys, w_nand, w_nor, hint):
    out = said(capsys, check_nand_nor_weights, w_nand, w_nor)
    assert out == hint if hint in (CORRECT, NOT_ANSWERED) else hint in out


# -- predicting a run -----------------------------------------------------------------------------
def test_the_trace_is_the_notes_algorithm():
    from dlnotes.perceptron import boolean_inputs, train_perceptron

    y = TWO_INPUT_FUNCTIONS[TRACE_FUNCTION]
    r = train_perceptron(boolean_inputs(2), y)
    updates, epochs, w = trace(y)
    assert (updates, epochs) == (r.updates, r.epochs)
    np.testing.assert_array_equal(w, r.w)


UPDATES, EPOCHS, W = trace(TWO_INPUT_FUNCTIONS[TRACE_FUNCTION])


@pytest.mark.parametrize(
    "updates, w_final, hint",
    [
        (UPDATES, W, CORRECT),
        (float(UPDATES), list(W), CORRECT),
        (11, (-1, 2, -3), "a corrected input of P had w·x = 0"),
        (0, (0, 0, 0), "an input of N with w·x = 0 was left alone"),
        (3, (-1, 1, -1), "visit the inputs in the order of X"),
        (6, (0, 1, -2), "you read w·x = 0 as 'does not fire'"),  # the walkthrough's slip
        (7, (0, 1, -2), "you read w·x = 0 as 'does not fire'"),  # ... miscounted
        (EPOCHS, W, "that is the number of epochs"),
        (UPDATES + 1, W, "off by one"),
        (UPDATES, W[[0, 2, 1]], "w1 and w2 are swapped"),  # traced NOT x1 AND x2
        (3, W[[0, 2, 1]], "w1 and w2 are swapped"),
        (UPDATES + 4, W, "not the number of updates"),
        (UPDATES, W + 1, "not this run"),
        (UPDATES, None, NOT_ANSWERED),
        (None, W, NOT_ANSWERED),
        ("seven", W, "updates must be a whole number"),
        (UPDATES, "abc", "w_final must be three numbers"),
    ],
)
def test_trace_prediction(capsys, updates, w_final, hint):
    out = said(capsys, check_trace_prediction, updates, w_final)
    assert out == hint if hint in (CORRECT, NOT_ANSWERED) else hint in out
    if hint != CORRECT:
        assert str(UPDATES) not in out.replace("(1,", "")  # the count is not given away


# -- the bound for AND --------------------------------------------------------------------------
def test_and_bound_parts_are_the_theorems():
    R, gamma = and_bound_parts()
    assert R == pytest.approx(np.sqrt(3)) and gamma == pytest.approx(1 / np.sqrt(29))
    assert train_perceptron(np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), [0, 0, 0, 1]).updates <= (
        R**2 / gamma**2
    )


BOUND = 3 * 29


@pytest.mark.parametrize(
    "bound, hint",
    [
        (BOUND, CORRECT),
        (np.float64(BOUND), CORRECT),
        (np.array(87.0), CORRECT),
        (87.00000001, CORRECT),
        (3 / 0.1857**2, CORRECT),  # γ rounded to four digits: 86.9956
        (3 / 0.186**2, "close, but not quite"),  # γ rounded to three digits: 86.7
        (88.5, "close, but not quite"),
        (2 * 29, "longest input with x0 = 1 in front"),
        (3.0, "divide (−4, 3, 2) by its length"),
        (29.0, "the inputs are not of length 1"),
        (np.sqrt(87), "both squared"),
        (3 * np.sqrt(29), "both squared"),
        (3 / 29, "divided by γ²"),
        (51.0, "the bound of another separator"),
        (100.0, "not yet: R is the longest"),
        (None, NOT_ANSWERED),
        ("eighty", "bound should be a number"),
    ],
)
def test_and_bound(capsys, bound, hint):
    out = said(capsys, check_and_bound, bound)
    assert out == hint if hint in (CORRECT, NOT_ANSWERED) else hint in out
    assert "87" not in out or hint == CORRECT  # the answer is not given away


# -- XOR from OR and your NAND ------------------------------------------------------------------
OR = (-0.5, 1.0, 1.0)


@pytest.mark.parametrize(
    "w_nand, w_out, hint",
    [
        (NAND, (-1.5, 1.0, 1.0), CORRECT),
        ((3, -2, -2), [-1.9, 1, 1], CORRECT),
        (NAND, (-0.5, 1.0, 1.0), "fires at h = (0, 1), where only one hidden unit fires"),
        (NAND, (-2.5, 1.0, 1.0), "both hidden units fire, h = (1, 1), and your output unit says 0"),
        (NAND, (-1.0, 1.0, 1.0), "lies exactly on your output line"),
        (None, (-1.5, 1.0, 1.0), "answer exercise 1 first"),
        ((-1.5, 1.0, 1.0), (-1.5, 1.0, 1.0), "w_nand does not compute NAND yet"),
        (NAND, None, NOT_ANSWERED),
        (NAND, (1.0, 1.0), "w_out must be three finite numbers"),
    ],
)
def test_xor_network(capsys, w_nand, w_out, hint):
    out = said(capsys, check_xor_network, OR, w_nand, w_out)
    assert out == hint if hint in (CORRECT, NOT_ANSWERED) else hint in out
    assert "1.5" not in out


def test_xor_network_needs_an_or_unit(capsys):
    assert "w_or does not compute OR" in said(capsys, check_xor_network, NAND, NAND, (-1.5, 1, 1))
