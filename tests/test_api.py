"""The public names that notebooks, tests and outside checks rely on (shared/API.md): they exist
with these parameters and defaults, and each documents its formula and what it raises."""

import importlib
import inspect
import re
import sys

import numpy as np
import pytest

import dlnotes
from dlnotes import data, ffn, gd, gradcheck, neurons, perceptron, toy

# "module.name" -> (the parameters API.md promises, with their defaults (E: none), the pieces of
# its formula the docstring must show, compared without spaces)
E = inspect.Parameter.empty
API = {
    "neurons.step": ({"z": E}, ["1 if z ≥ 0"]),
    "neurons.sigmoid": ({"z": E}, ["σ(z) = 1 / (1 + e^(−z))"]),
    "neurons.mp_neuron": ({"x": E, "theta": E, "inhibitory": ()}, ["g(x) = Σᵢ xᵢ", "g(x) ≥ θ"]),
    "neurons.perceptron": ({"x": E, "w": E}, ["y = step(Σᵢ wᵢ xᵢ)", "x₀ = 1"]),
    "neurons.softmax": ({"a": E}, ["ŷ_j = e^(a_j) / Σ_q e^(a_q)"]),
    "neurons.log_softmax": ({"a": E}, ["a_j − max a − log Σ_q e^(a_q − max a)"]),
    "neurons.log_sigmoid": ({"a": E}, ["log σ(a) = min(a, 0) − log(1 + e^(−|a|))"]),
    "perceptron.boolean_inputs": ({"n": E}, ["2ⁿ", "(2ⁿ, n)"]),
    "perceptron.train_perceptron": (
        {"X": E, "y": E, "max_epochs": 100},
        ["if x ∈ P and w·x < 0:  w ← w + x", "if x ∈ N and w·x ≥ 0:  w ← w − x"],
    ),
    "perceptron.is_linearly_separable": ({"X": E, "y": E}, ["Σᵢ₌₀ⁿ wᵢ xᵢ ≥ 0"]),
    "perceptron.boolean_network": ({"targets": E}, ["2ⁿ hidden perceptrons"]),
    "toy.f": ({"w": E, "b": E, "x": E}, ["f(x) = σ(w·x + b) = 1 / (1 + e^−(w·x + b))"]),
    "toy.error": ({"w": E, "b": E}, ["L(w, b) = ½ Σᵢ (f(xᵢ) − yᵢ)²"]),
    "toy.grad_w": ({"w": E, "b": E, "x": E, "y": E}, ["∇w = (f(x) − y)·f(x)·(1 − f(x))·x"]),
    "toy.grad_b": ({"w": E, "b": E, "x": E, "y": E}, ["∇b = (f(x) − y)·f(x)·(1 − f(x))"]),
    "toy.gradient": ({"w": E, "b": E}, ["(Σᵢ grad_w(w, b, xᵢ, yᵢ), Σᵢ grad_b(w, b, xᵢ, yᵢ))"]),
    "toy.do_gradient_descent": (
        {"w": -2, "b": -2, "eta": 1.0, "max_epochs": 1000},
        ["w ← w − η·dw", "b ← b − η·db"],
    ),
    "toy.exact_solution": ({}, ["w* = (logit y₂ − logit y₁) / (x₂ − x₁)"]),
    "gd.gradient_descent": (
        {"grad": E, "theta0": E, "eta": E, "epochs": E},
        ["θ_{t+1} = θ_t − η·∇L(θ_t)"],
    ),
    "uat.tower": ({"x": E, "s1": E, "s2": E, "h": 1.0, "w": 50.0}, ["σ(", "s1", "s2", "h"]),
    "uat.towers_2d": ({"f": E, "x1_range": E, "x2_range": E, "n_towers": E}, ["σ(", "Σ"]),
    "uat.tower_network": ({"f": E, "a": E, "c": E, "n_towers": E, "w": E}, ["σ(", "W_", "b_"]),
    "ffn.FeedForwardNetwork": (
        {
            "sizes": E,
            "activation": "sigmoid",
            "output": "softmax",
            "loss": "cross_entropy",
            "seed": 0,
        },
        ["W", "h_", "ŷ"],
    ),
    "ffn.gradient_check": ({"net": E, "X": E, "Y": E, "eps": 1e-5}, ["‖"]),
    "data.spirals": ({"n_per_class": E, "k": 3}, ["rᵢ = i/(N − 1)", "(rᵢ·sin tᵢ, rᵢ·cos tᵢ)"]),
}


def resolve(target: str):
    """The public object named "module.name", or None when it is missing."""
    module, name = target.split(".")
    return getattr(importlib.import_module(f"dlnotes.{module}"), name, None)


@pytest.mark.parametrize("target", API)
def test_the_public_name_exists(target):
    """A missing or renamed public function fails here (API.md and the code must agree)."""
    assert callable(resolve(target)), f"{target} is promised by API.md but missing"


@pytest.mark.parametrize("target", API)
def test_signature(target):
    fn = resolve(target)
    assert fn is not None, f"{target} is missing"
    params = inspect.signature(fn).parameters
    for name, default in API[target][0].items():
        assert name in params, f"{target} lacks parameter {name}"
        assert params[name].default == default, (name, params[name].default)
    # parameters beyond the promised ones must be optional, so the API.md calls keep working
    extra = [p for n, p in params.items() if n not in API[target][0]]
    assert all(p.default is not E or p.kind is p.VAR_KEYWORD for p in extra), extra


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("target", API)
def test_docstring_shows_its_formula_and_where_errors_are_described(target):
    """What Jupyter's `?` shows: the raw docstring. It must show this function's own formula
    (the pieces listed in API, in plain text or Unicode: no reST roles, no LaTeX that nothing
    renders), and the errors must be described, in the docstring or once in the module's
    "Errors:" paragraph."""
    fn = resolve(target)
    assert fn is not None, f"{target} is missing"
    doc = inspect.getdoc(fn) or ""
    for piece in API[target][1]:
        assert _flat(piece) in _flat(doc), f"{target}: its docstring lacks the formula {piece!r}"
    assert ":math:" not in doc and not re.search(r"\\(frac|sigma|mathcal|sum)\b", doc), target
    module_doc = inspect.getdoc(sys.modules[fn.__module__]) or ""
    if API[target][0]:  # a function that takes arguments says what bad ones raise
        assert "Errors:" in module_doc or re.search(r"rais|error", doc, re.I), target


def test_a_missing_name_is_reported_not_skipped():
    """The check above can fail: a name that does not exist resolves to None."""
    assert resolve("toy.no_such_function") is None
    assert not callable(resolve("toy.no_such_function"))


def test_the_doctor_is_out_of_the_maths_modules_but_found_from_the_root():
    assert dlnotes.doctor.__name__ == "dlnotes.setup.doctor" and callable(dlnotes.doctor.main)


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
