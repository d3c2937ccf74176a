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
06_training                            ``dlnotes.exercises.training``
=====================================  ==========================================

Every ``check_<name>`` of those modules is also importable from here (collected below, so a
new checker needs no second listing).
"""

from importlib import import_module

from dlnotes.exercises.core import CORRECT, NOT_ANSWERED

#: The checker modules, in the order of the notebooks.
MODULES = (
    "start_here",
    "perceptron",
    "sigmoid_neuron",
    "gradient_descent",
    "universal_approximation",
    "feedforward_backprop",
    "training",
)

__all__ = ["CORRECT", "NOT_ANSWERED"]
for _name in MODULES:
    _module = import_module(f"dlnotes.exercises.{_name}")
    for _check, _function in vars(_module).items():
        if _check.startswith("check_") and _function.__module__ == _module.__name__:
            globals()[_check] = _function
            __all__.append(_check)
