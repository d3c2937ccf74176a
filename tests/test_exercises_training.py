"""Notebook 06's checker: the zero-initialisation prediction, right, each mistake, the stub."""

import numpy as np
import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.training import (
    check_vanishing_ratio,
    check_zero_init_prediction,
    mean_slopes,
    vanishing_ratio_prediction,
    zero_init_distinct_neurons,
)


def test_zero_init_all_zeros_leaves_one_distinct_neuron():
    assert zero_init_distinct_neurons(zero_layers=(1, 2)) == 1


def test_zero_init_first_layer_only_leaves_four():
    assert zero_init_distinct_neurons(zero_layers=(1,)) == 4


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (4, CORRECT),
        (4.0, CORRECT),
        (1, "all-zero start"),
        (0, "count distinct rows"),
        (2, "exactly equal updates"),
        (3, "exactly equal updates"),
        (5, "from 1 to 4"),
        (2.5, "from 1 to 4"),
        (None, NOT_ANSWERED),
        ("one", "whole number"),
        (True, "whole number"),
    ],
)
def test_zero_init_prediction(capsys, answer, says):
    check_zero_init_prediction(answer)
    assert says in capsys.readouterr().out.strip()


def test_still_importable_from_notebook_05s_module():
    from dlnotes.exercises import feedforward_backprop

    assert feedforward_backprop.check_zero_init_prediction is check_zero_init_prediction


def test_mean_slopes_are_those_the_notebook_quotes():
    assert mean_slopes("sigmoid") == pytest.approx([0.242, 0.236], abs=1e-3)
    assert mean_slopes("tanh") == pytest.approx([0.898, 0.915], abs=1e-3)
    assert vanishing_ratio_prediction() == pytest.approx(0.069, abs=1e-3)


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (0.07, CORRECT),
        (0.0625, CORRECT),  # the bound (1/4)^2: a fair estimate
        (0.08, CORRECT),  # the measured ratio
        (np.float64(0.069), CORRECT),
        (np.array(0.069), CORRECT),
        (0.26, "one layer's factor"),
        (0.27, "one layer's factor"),
        (0.25, "one layer's factor"),
        (0.018, "the softmax output has no g′ of its own"),  # an extra slope, e.g. 1/4
        (14.4, "sigmoid's size over tanh's"),
        (-0.07, "positive"),
        (0.5, "not quite"),
        (None, NOT_ANSWERED),
        ("0.07", "should be a number"),
    ],
)
def test_vanishing_ratio(capsys, answer, says):
    check_vanishing_ratio(answer)
    assert says in capsys.readouterr().out.strip()
