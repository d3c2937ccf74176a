"""The public names that notebooks, tests and outside checks rely on (shared/API.md): they exist
with these parameters and defaults, and each documents its formula and what it raises."""

import inspect
import re
import sys

import numpy as np
import pytest

from dlnotes import data, ffn, gd, gradcheck, neurons, perceptron, toy, uat

# name -> the parameters API.md promises, with their defaults (inspect.Parameter.empty: none)
E = inspect.Parameter.empty
API = {
    neurons.step: {"z": E},
    neurons.sigmoid: {"z": E},
    neurons.mp_neuron: {"x": E, "theta": E, "inhibitory": ()},
    neurons.perceptron: {"x": E, "w": E},
    perceptron.boolean_inputs: {"n": E},
    perceptron.train_perceptron: {"X": E, "y": E, "max_epochs": 100},
    perceptron.is_linearly_separable: {"X": E, "y": E},
    perceptron.boolean_network: {"targets": E},
    toy.f: {"w": E, "b": E, "x": E},
    toy.error: {"w": E, "b": E},
    toy.grad_w: {"w": E, "b": E, "x": E, "y": E},
    toy.grad_b: {"w": E, "b": E, "x": E, "y": E},
    toy.do_gradient_descent: {"w": -2, "b": -2, "eta": 1.0, "max_epochs": 1000},
    toy.exact_solution: {},
    gd.gradient_descent: {"grad": E, "theta0": E, "eta": E, "epochs": E},
    uat.tower: {"x": E, "s1": E, "s2": E, "h": 1.0, "w": 50.0},
    uat.towers_2d: {"f": E, "x1_range": E, "x2_range": E, "n_towers": E},
    uat.tower_network: {"f": E, "a": E, "c": E, "n_towers": E, "w": E},
    ffn.FeedForwardNetwork: {
        "sizes": E,
        "activation": "sigmoid",
        "output": "softmax",
        "loss": "cross_entropy",
        "seed": 0,
    },  # fmt: skip
    ffn.gradient_check: {"net": E, "X": E, "Y": E, "eps": 1e-6},
    data.spirals: {"n_per_class": E, "k": 3},
}


@pytest.mark.parametrize("fn", API, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_signature(fn):
    params = inspect.signature(fn).parameters
    for name, default in API[fn].items():
        assert name in params, f"{fn.__name__} lacks parameter {name}"
        assert params[name].default == default, (name, params[name].default)
    # parameters beyond the promised ones must be optional, so the API.md calls keep working
    extra = [p for n, p in params.items() if n not in API[fn]]
    assert all(p.default is not E or p.kind is p.VAR_KEYWORD for p in extra), extra


@pytest.mark.parametrize("fn", API, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_docstring_shows_a_readable_formula_and_where_errors_are_described(fn):
    """What Jupyter's `?` shows: the raw docstring. It must hold a formula in plain text or
    Unicode (no reST roles, no LaTeX that nothing renders), and the errors must be described,
    in the docstring or once in the module's "Errors:" paragraph."""
    doc = inspect.getdoc(fn) or ""
    assert len(doc) > 80, f"{fn.__name__}: docstring too short"
    assert re.search(r"[=σΣ·∂∇≤≥×→ⁿ²−‖√]|\^", doc), f"{fn.__name__}: no formula in its docstring"
    assert ":math:" not in doc and not re.search(r"\\(frac|sigma|mathcal|sum)\b", doc), fn
    module_doc = inspect.getdoc(sys.modules[fn.__module__]) or ""
    if API[fn]:  # a function that takes arguments says what bad ones raise
        assert "Errors:" in module_doc or re.search(r"rais|error", doc, re.I), fn.__name__


def test_moved_names_keep_their_ffn_address():
    """The gradient check and the output functions have their own homes (gradcheck, neurons);
    ffn re-exports them, so API.md's ffn.gradient_check and the notebooks' imports keep working."""
    assert ffn.gradient_check is gradcheck.gradient_check
    assert ffn.gradient_errors is gradcheck.gradient_errors
    for name in ("sigmoid", "softmax", "log_softmax", "log_sigmoid"):
        assert getattr(ffn, name) is getattr(neurons, name), name
        assert name in ffn.__all__, name


def test_toy_data_as_in_the_notes():
    np.testing.assert_array_equal(toy.X, [0.5, 2.5])
    np.testing.assert_array_equal(toy.Y, [0.2, 0.9])


def test_network_results_have_the_promised_attributes():
    net = ffn.FeedForwardNetwork([2, 3, 2])
    assert [W.shape for W in net.W] == [(3, 2), (2, 3)]
    assert [b.shape for b in net.b] == [(3,), (2,)]
    X, y = data.spirals(5, k=2, seed=0)
    dW, db = net.backward(X, y)
    assert [d.shape for d in dW] == [(3, 2), (2, 3)] and [d.shape for d in db] == [(3,), (2,)]
    result = perceptron.train_perceptron(perceptron.boolean_inputs(2), [0, 1, 1, 1])
    for name in ("w", "converged", "updates", "history"):
        assert hasattr(result, name)
    assert hasattr(perceptron.boolean_network([0, 1, 1, 0]), "predict")
    run = gd.gradient_descent(lambda t: 2 * t, [1.0], 0.1, 5)
    assert run.path.shape == (6, 1) and run.diverged_at is None and "ran all 5" in run.status
