"""Notebook 05's checkers: the right answer, every typical mistake with its own hint, the stub and
garbage (a message, never a traceback)."""

import numpy as np
import pytest

from dlnotes import ffn
from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.feedforward_backprop import (
    check_layer_backward,
    check_output_gradient,
    check_zero_init_prediction,
    zero_init_distinct_neurons,
)


def printed(capsys, check, answer) -> str:
    check(answer)
    return capsys.readouterr().out.strip()


def stub(*args):
    raise NotImplementedError("your code here")


def softmax(a):
    e = np.exp(a - np.max(a))
    return e / e.sum()


# -- the softmax + cross-entropy gradient -------------------------------------------------------
def right_output(a_L, label):
    return softmax(a_L) - np.eye(len(a_L))[label]


OUTPUT_MISTAKES = {
    "sign is flipped": lambda a, c: np.eye(len(a))[c] - softmax(a),
    "differentiate the −a_ℓ term too": lambda a, c: softmax(a),
    "once for j = ℓ and once for j ≠ ℓ": lambda a, c: softmax(a) - 1,
    "that is ∂L/∂ŷ": lambda a, c: -np.eye(len(a))[c] / softmax(a),
    "not a_L itself": lambda a, c: a - np.eye(len(a))[c],
}


def test_output_gradient_right(capsys):
    assert printed(capsys, check_output_gradient, right_output) == CORRECT


@pytest.mark.parametrize("hint", OUTPUT_MISTAKES)
def test_output_gradient_mistakes(capsys, hint):
    out = printed(capsys, check_output_gradient, OUTPUT_MISTAKES[hint])
    assert hint in out and out != CORRECT


@pytest.mark.parametrize("answer", [None, stub])
def test_output_gradient_stub(capsys, answer):
    assert printed(capsys, check_output_gradient, answer) == NOT_ANSWERED


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ("grad", "expected a function"),
        (lambda a, c: "x", "array of numbers"),
        (lambda a, c: np.zeros(2), "shape"),
        (lambda a, c: 1 / 0, "ZeroDivisionError"),
        (lambda a, c: 2 * right_output(a, c), "not yet"),
    ],
)
def test_output_gradient_garbage(capsys, answer, says):
    assert says in printed(capsys, check_output_gradient, answer)


# -- one layer's backward step ------------------------------------------------------------------
LAYER_MISTAKES = {
    "grad_W is transposed": lambda G, H, W: (H.T @ G, G.sum(axis=0), G @ W),
    "grad_W is averaged": lambda G, H, W: (G.T @ H / len(G), G.sum(axis=0), G @ W),
    "grad_b is averaged": lambda G, H, W: (G.T @ H, G.mean(axis=0), G @ W),
    "one number per neuron": lambda G, H, W: (G.T @ H, G, G @ W),
    "wrong axis": lambda G, H, W: (G.T @ H, G.sum(axis=1), G @ W),
    "W where Wᵀ belongs": lambda G, H, W: (G.T @ H, G.sum(axis=0), G @ W.T),
    "must not be averaged": lambda G, H, W: (G.T @ H, G.sum(axis=0), G @ W / len(G)),
}


def test_layer_backward_right(capsys):
    def by_products(grad_a, h_prev, W):
        return grad_a.T @ h_prev, grad_a.sum(axis=0), grad_a @ W

    assert printed(capsys, check_layer_backward, by_products) == CORRECT

    def by_loops(grad_a, h_prev, W):  # one example at a time, as in the notes
        grad_W = sum(np.outer(g, h) for g, h in zip(grad_a, h_prev, strict=True))
        return grad_W, grad_a.sum(axis=0), np.array([W.T @ g for g in grad_a])

    assert printed(capsys, check_layer_backward, by_loops) == CORRECT


def test_layer_backward_refuses_the_package(capsys):
    """The package's own step, or a function calling it however it was reached, is refused."""
    net = ffn.FeedForwardNetwork([2, 3, 2])
    for answer in (
        ffn.layer_backward,
        ffn.FeedForwardNetwork.layer_backward,
        net.layer_backward,
        lambda G, H, W: ffn.layer_backward(G, H, W),
        lambda G, H, W: net.layer_backward(G.copy(), H, W),
    ):
        assert "write the three products yourself" in printed(capsys, check_layer_backward, answer)


def test_layer_backward_watch_is_removed_after_the_check(capsys):
    import sys

    printed(capsys, check_layer_backward, LAYER_MISTAKES["grad_b is averaged"])
    assert sys.getprofile() is None


@pytest.mark.parametrize("hint", LAYER_MISTAKES)
def test_layer_backward_mistakes(capsys, hint):
    out = printed(capsys, check_layer_backward, LAYER_MISTAKES[hint])
    assert hint in out and out != CORRECT


@pytest.mark.parametrize("answer", [None, stub])
def test_layer_backward_stub(capsys, answer):
    assert printed(capsys, check_layer_backward, answer) == NOT_ANSWERED


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ("W.T", "expected a function"),
        (lambda G, H, W: 3, "three arrays"),
        (lambda G, H, W: (G, H), "three arrays"),
        (lambda G, H, W: ("a", "b", "c"), "not yet"),
        (lambda G, H, W: (G.T @ H, G.sum(axis=0), G @ W @ W.T), "one-example rule"),
    ],
)
def test_layer_backward_garbage(capsys, answer, says):
    assert says in printed(capsys, check_layer_backward, answer)


# -- the zero-initialisation prediction --------------------------------------------------------
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
    assert says in printed(capsys, check_zero_init_prediction, answer)
