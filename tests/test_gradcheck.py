"""Tests of dlnotes.gradcheck: the relative error, the central differences, the bar a correct
backward meets (measured over 40 seeds) and the V of the error against ε."""

import numpy as np
import pytest

from dlnotes.ffn import FeedForwardNetwork
from dlnotes.gradcheck import (
    errors_vs_epsilon,
    gradient_check,
    gradient_errors,
    numerical_gradient,
    relative_error,
)


def deep_sigmoid_problem(seed):
    """The teaching review's case: a correct backward on a 4-8-8-8-3 sigmoid network, whose
    bottom-layer gradients are small (the hard case for central differences)."""
    net = FeedForwardNetwork([4, 8, 8, 8, 3], "sigmoid", seed=seed)
    return net, np.random.default_rng(seed).normal(size=(6, 4)), np.arange(6) % 3


def test_relative_error_by_hand():
    assert relative_error([3.0, 4.0], [3.0, 4.0]) == 0.0
    assert relative_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert relative_error([1.0, 0.0], [-1.0, 0.0]) == 1.0  # opposite: nothing in common
    assert relative_error([1.0], [1.1]) == pytest.approx(0.1 / 2.1)
    with pytest.raises(ValueError, match="same shape"):
        relative_error([1.0, 2.0], [1.0])


def test_numerical_gradient_is_the_derivative_of_a_known_loss():
    """One sigmoid neuron with squared error on one point: ∂L/∂w = (ŷ − y) ŷ (1 − ŷ) x."""
    net = FeedForwardNetwork([1, 1], output="sigmoid", loss="squared_error", reduction="sum")
    net.W[0], net.b[0] = np.array([[0.7]]), np.array([-0.2])
    x, y = 1.5, 0.9
    y_hat = 1 / (1 + np.exp(-(0.7 * x - 0.2)))
    dW, db = numerical_gradient(net, [[x]], [[y]])
    assert dW[0][0, 0] == pytest.approx((y_hat - y) * y_hat * (1 - y_hat) * x, rel=1e-9)
    assert db[0][0] == pytest.approx((y_hat - y) * y_hat * (1 - y_hat), rel=1e-9)


def test_a_correct_backward_is_below_1e7_at_the_default_eps_over_40_seeds():
    """Measured bar: the worst of 40 seeds is about 2.5e-8 at ε = 1e-5 (the default), so 1e-7
    holds with a margin of 4; at ε = 1e-6 the same correct networks exceed 1e-7 in about a
    quarter of the seeds (worst 2.6e-7): the bar depends on ε, it is not a law."""
    errors = np.array(
        [errors_vs_epsilon(*deep_sigmoid_problem(s), [1e-5, 1e-6])[1] for s in range(40)]
    )
    at_default, at_1e6 = errors[:, 0], errors[:, 1]
    assert gradient_check(*deep_sigmoid_problem(0)) == at_default[0]  # 1e-5 is the default
    assert at_default.max() < 1e-7
    assert np.sum(at_1e6 > 1e-7) >= 5
    assert at_1e6.max() < 1e-6


def test_the_error_against_eps_is_a_v():
    """Truncation (≈ ε²) on the right, rounding (≈ 1/ε) on the left: large at both ends,
    smallest in the middle, at ε = 1e-4 for notebook 05's deep network (the module docstring:
    over 40 seeds the bottom is at 1e-4 for 39 of them), and the default 1e-5 one step left
    of it, still below 1e-7."""
    eps, errors = errors_vs_epsilon(*deep_sigmoid_problem(39))
    np.testing.assert_array_equal(eps, 10.0 ** -np.arange(1, 11))
    best = int(np.argmin(errors))
    assert eps[best] == 1e-4
    assert errors[best] < errors[best + 1] < 1e-7  # ε = 1e-5: worse than the bottom, still fine
    assert errors[0] > 100 * errors[best] and errors[-1] > 100 * errors[best]
    assert np.all(np.diff(errors[: best + 1]) < 0)  # falling towards the bottom from the right
    assert np.all(np.diff(errors[best + 2 :]) > 0)  # rising again towards tiny ε


def test_a_wrong_backward_gives_errors_near_one():
    net, X, y = deep_sigmoid_problem(0)
    net.g_prime = lambda h: np.ones_like(h)  # g'(a) forgotten
    errors = gradient_errors(net, X, y)
    assert errors["W4"] < 1e-7 and errors["b4"] < 1e-7  # the top layer does not use g'
    assert min(errors[p] for p in ("W1", "W2", "W3", "b1", "b2", "b3")) > 0.5


def test_a_bias_gradient_averaged_instead_of_summed_gives_five_sevenths():
    """A wrong backward is 10⁻² or more, not always near 1: ∇b_i as the mean of a batch of 6
    rows instead of their sum is u/6 against u, a relative error of (6 − 1)/(6 + 1)."""
    net, X, y = deep_sigmoid_problem(0)
    net.layer_backward = lambda G, H, W: (G.T @ H, G.mean(axis=0), G @ W)
    errors = gradient_errors(net, X, y)
    for i in range(1, 5):
        assert errors[f"W{i}"] < 1e-7
        assert errors[f"b{i}"] == pytest.approx(5 / 7, rel=1e-6)


def test_the_network_is_left_unchanged_and_bad_arguments_are_named():
    net, X, y = deep_sigmoid_problem(1)
    before = [p.copy() for p in net.W + net.b]
    errors_vs_epsilon(net, X, y, eps=[1e-3, 1e-5])
    for p, q in zip(before, net.W + net.b, strict=True):
        np.testing.assert_array_equal(p, q)
    with pytest.raises(ValueError, match="eps must be"):
        errors_vs_epsilon(net, X, y, eps=[1e-3, -1.0])
    with pytest.raises(TypeError, match="net must be"):
        errors_vs_epsilon("net", X, y)
    with pytest.raises(ValueError, match="labels 0 … 2"):
        numerical_gradient(net, X, y + 1)
