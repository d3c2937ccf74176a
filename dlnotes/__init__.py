"""dlnotes: the helper package behind the deep learning basics course.

One module per idea, plain numpy maths first. Which notebook uses what:

==========================  ====================  =============================================
notebook                    maths modules         its widgets and exercise checkers
==========================  ====================  =============================================
00_start_here               neurons, setup        explorers.start_here, exercises.(same)
01_perceptron               neurons, perceptron   explorers.perceptron, exercises.perceptron
02_sigmoid_neuron           neurons, toy          explorers.sigmoid_neuron, exercises.(same)
03_gradient_descent         toy, gd               explorers.gradient_descent, exercises.(same)
04_universal_approximation  uat, ffn              explorers.universal_approximation, exercises.
05_feedforward_backprop     ffn, gradcheck, data  explorers.feedforward_backprop, exercises.
==========================  ====================  =============================================

The naming scheme: notebook ``NN_name.ipynb`` has its widgets in ``dlnotes/explorers/name.py``,
its exercise checkers in ``dlnotes/exercises/name.py`` and their tests in
``tests/test_explorers_name.py`` and ``tests/test_exercises_name.py``. The maths modules are named
by idea, because an idea (the sigmoid, the toy problem) serves several notebooks:

- ``neurons``: step, sigmoid, McCulloch-Pitts neuron, perceptron; softmax and the logs of both
- ``perceptron``: boolean patterns, the learning algorithm, separability, the 2^n network
- ``toy``: the two-point problem of the notes (X, Y, f, error, its gradient)
- ``gd``: gradient descent with its history
- ``uat``: steps, towers and tower networks (universal approximation)
- ``ffn``: feed-forward networks, backpropagation, training
- ``gradcheck``: the gradient check (backpropagation against central differences)
- ``data``: offline toy data sets (spirals, ...)
- ``plots``: figure builders shared by notebooks and explorers
- ``setup.doctor``: checks that the course can run here (``python -m dlnotes doctor``;
  ``from dlnotes import doctor`` finds it too)
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    """`from dlnotes import doctor` (notebook 00): the environment check, which lives in
    dlnotes.setup, imported only when asked for."""
    if name == "doctor":
        from dlnotes.setup import doctor

        return doctor
    raise AttributeError(f"module 'dlnotes' has no attribute {name!r}")
