"""Checkers for the course's exercises, one module per notebook.

Each exercise cell in a notebook is followed by a call such as
``check_nand_weights(w)``: it prints ``correct``, a hint aimed at the mistake made (a missing
factor, a flipped sign, ``W`` where ``W.T`` belongs), or ``not answered yet`` while the cell still
holds its stub. A checker never prints the answer and never raises.

=====================================  ==========================================
notebook                               checkers
=====================================  ==========================================
00_start_here                          ``dlnotes.exercises.start_here``
01_perceptron                          ``dlnotes.exercises.perceptron``
02_sigmoid_neuron                      ``dlnotes.exercises.sigmoid_neuron``
03_gradient_descent                    ``dlnotes.exercises.gradient_descent``
04_universal_approximation             ``dlnotes.exercises.universal_approximation``
05_feedforward_backprop                ``dlnotes.exercises.feedforward_backprop``
=====================================  ==========================================

Every ``check_<name>`` of those modules is also importable from here.
"""

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.feedforward_backprop import (
    check_layer_backward,
    check_output_gradient,
    check_zero_init_prediction,
)
from dlnotes.exercises.gradient_descent import (
    check_eta_max,
    check_fastest_eta,
    check_one_point_gradient,
)
from dlnotes.exercises.perceptron import (
    check_nand_nor_weights,
    check_perceptron_update,
    check_trace_prediction,
)
from dlnotes.exercises.sigmoid_neuron import (
    check_grid_guess,
    check_loss_by_hand,
    check_saturated_loss,
)
from dlnotes.exercises.start_here import check_crossing
from dlnotes.exercises.universal_approximation import (
    check_accuracy_choice,
    check_mixed_differences,
    check_tower_heights,
)

__all__ = [
    "CORRECT",
    "NOT_ANSWERED",
    # 00
    "check_crossing",
    # 01
    "check_nand_nor_weights",
    "check_perceptron_update",
    "check_trace_prediction",
    # 02
    "check_loss_by_hand",
    "check_saturated_loss",
    "check_grid_guess",
    # 03
    "check_one_point_gradient",
    "check_fastest_eta",
    "check_eta_max",
    # 04
    "check_tower_heights",
    "check_accuracy_choice",
    "check_mixed_differences",
    # 05
    "check_output_gradient",
    "check_layer_backward",
    "check_zero_init_prediction",
]
