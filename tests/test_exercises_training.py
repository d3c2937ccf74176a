"""Notebook 06's checker: the zero-initialisation prediction, right, each mistake, the stub."""

import pytest

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.training import check_zero_init_prediction, zero_init_distinct_neurons


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
