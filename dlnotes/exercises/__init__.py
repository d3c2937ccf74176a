"""Checkers for the course's exercises, one module per notebook.

Each exercise cell in a notebook is followed by a call such as
``check_nand_weights(w)``: it prints ``correct``, a hint aimed at the mistake made (a missing
factor, a flipped sign, ``W`` where ``W.T`` belongs), or ``not answered yet`` while the cell still
holds its stub. A checker never prints the answer and never raises.

=====================================  ==========================================
notebook                               checkers
=====================================  ==========================================
01_perceptron                          ``dlnotes.exercises.perceptron``
02_sigmoid_neuron                      ``dlnotes.exercises.sigmoid_neuron``
03_gradient_descent                    ``dlnotes.exercises.gradient_descent``
04_universal_approximation             ``dlnotes.exercises.universal_approximation``
05_feedforward_backprop                ``dlnotes.exercises.feedforward_backprop``
=====================================  ==========================================

Every ``check_<name>`` of those modules is also importable from here.
"""

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED

__all__ = ["CORRECT", "NOT_ANSWERED"]
