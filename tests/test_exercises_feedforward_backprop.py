"""Notebook 05's checkers: the right answer, every typical mistake with its own hint, the stub and
garbage (a message, never a traceback)."""

import numpy as np
import pytest

from dlnotes import ffn
from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.feedforward_backprop import (
    check_backward,
    check_layer_backward,
    check_output_gradient,
    check_paper_backprop,
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
    "the one-hot vector marks the wrong class": lambda a, c: softmax(a) - np.eye(len(a))[c - 1],
    "entries j ≠ ℓ are not 0": lambda a, c: -np.eye(len(a))[c] * (1 - softmax(a)),
}


def test_output_gradient_off_by_one_the_other_way(capsys):
    def plus_one(a, c):  # label + 1 (wrapping round at the last class)
        return softmax(a) - np.eye(len(a))[(c + 1) % len(a)]

    assert "marks the wrong class" in printed(capsys, check_output_gradient, plus_one)


def test_output_gradient_generic_hint_gives_no_derivation(capsys):
    out = printed(capsys, check_output_gradient, lambda a, c: 2 * right_output(a, c))
    assert "add up to 0" in out and "log Σ" not in out


def test_output_gradient_sigmoid_based(capsys):
    out = printed(capsys, check_output_gradient, lambda a, c: sigmoid(a) - np.eye(len(a))[c])
    assert "that is σ(a_L) − y" in out


def test_output_gradient_divided_by_k(capsys):
    out = printed(capsys, check_output_gradient, lambda a, c: right_output(a, c) / len(a))
    assert "1/k times too small" in out


def test_output_gradient_returning_none(capsys):
    def forgot_return(a, c):
        right_output(a, c)

    assert "returned None" in printed(capsys, check_output_gradient, forgot_return)


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
    "multiplies the rows by Wᵀ": lambda G, H, W: (G.T @ H, G.sum(axis=0), G @ W.T),
    "grad_h_prev is multiplied by g′": lambda G, H, W: (
        G.T @ H,
        G.sum(axis=0),
        G @ W * H * (1 - H),
    ),
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
        (lambda G, H, W: (G.T @ H, G.sum(axis=0), 2 * G @ W), "the shape (6, 4) is right"),
        (lambda G, H, W: (G.T @ H, G.sum(axis=0), G @ W[:, :2]), "but it must be (6, 4)"),
    ],
)
def test_layer_backward_garbage(capsys, answer, says):
    assert says in printed(capsys, check_layer_backward, answer)


# -- the paper exercise ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("first", "second", "says"),
    [
        (4.0, -3.0, CORRECT),
        (np.float64(4), np.array(-3.0), CORRECT),
        (4, -3, CORRECT),
        (-4.0, -3.0, "dW1_21: the sign is flipped"),
        (16.0, -3.0, "dW1_21: g′ is missing"),
        (2.0, -3.0, "dW1_21: the last factor is missing"),
        (-3.0, -3.0, "dW1_21: the indices are swapped: W_{1,21} goes TO hidden neuron 2 FROM"),
        (6.0, -3.0, "the weight's input is x_1"),
        (8.0, -3.0, "not h itself"),
        (-2.0, -3.0, "runs through W_{2,12}"),
        (7.0, -3.0, "multiply the local slopes"),
        (4.0, 3.0, "dW1_12: the sign is flipped"),
        (4.0, -12.0, "dW1_12: g′ is missing"),
        (4.0, -1.0, "dW1_12: the last factor is missing"),
        (4.0, 4.0, "dW1_12: the indices are swapped: W_{1,12} goes TO hidden neuron 1 FROM"),
        (4.0, -2.0, "the weight's input is x_2"),
        (4.0, -6.0, "dW1_12: g′ is σ(a)(1 − σ(a))"),
        (4.0, 6.0, "runs through W_{2,11}"),
        (None, None, NOT_ANSWERED),
        (4.0, None, "dW1_21: correct\ndW1_12: not answered yet"),
        ("three", -3.0, "should be a number"),
    ],
)
def test_paper_backprop(capsys, first, second, says):
    check_paper_backprop(first, second)
    assert says in capsys.readouterr().out


def test_paper_swapped_both_is_named_for_both(capsys):
    check_paper_backprop(-3.0, 4.0)
    out = capsys.readouterr().out
    assert "dW1_21: the indices are swapped" in out and "dW1_12: the indices are swapped" in out


# -- the whole backward pass -------------------------------------------------------------------
def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def backward_with(*, mean=True, slope=lambda H: H * (1 - H), transpose=False, skip_top=False):
    """A learner's backward pass: right by default, or with one slip."""

    def backward(W, b, X, labels):
        H = [X]
        for i in range(len(W) - 1):
            H.append(sigmoid(H[i] @ W[i].T + b[i]))
        A = H[-1] @ W[-1].T + b[-1]
        Y = np.exp(A - A.max(axis=1, keepdims=True))
        G = Y / Y.sum(axis=1, keepdims=True) - np.eye(W[-1].shape[0])[labels]
        G = G / len(X) if mean else G
        dW, db = [None] * len(W), [None] * len(W)
        for i in reversed(range(len(W))):
            dW[i] = (G.T @ H[i]).T if transpose else G.T @ H[i]
            db[i] = G.sum(axis=0)
            if i > 0:
                G = (G @ W[i]) * slope(H[i])
        if skip_top:
            dW[0] = dW[0] * 1.5  # a slip in the first layer only
        return dW, db

    return backward


def test_backward_right(capsys):
    assert printed(capsys, check_backward, backward_with()) == CORRECT


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (backward_with(mean=False), "m times too large"),
        (backward_with(slope=lambda H: 1.0), "g′ is missing"),
        (backward_with(slope=lambda H: sigmoid(H) * (1 - sigmoid(H))), "σ applied twice"),
        (backward_with(slope=lambda H: H), "not h itself"),
        (backward_with(slope=lambda H: 1 - H * H), "the first wrong one from the top is W2"),
        (backward_with(skip_top=True), "the first wrong one from the top is W1"),
        (lambda W, b, X, labels: (W, b), "the first wrong one from the top is W3"),
        (lambda W, b, X, labels: [w.T for w in W], "two lists"),
        (lambda W, b, X, labels: (W[:1], b[:1]), "need 3 arrays each"),
        (lambda W, b, X, labels: ([w[:, :1] for w in W], b), "dW[0] has shape (5, 1)"),
        (lambda W, b, X, labels: 1 / 0, "ZeroDivisionError"),
        (None, NOT_ANSWERED),
        (stub, NOT_ANSWERED),
    ],
)
def test_backward_mistakes(capsys, answer, says):
    assert says in printed(capsys, check_backward, answer)


def test_backward_blocked_by_layer_stub_says_so(capsys):
    def my_layer_backward(grad_a, h_prev, W):
        raise NotImplementedError

    def my_backward(W, b, X, labels):
        return my_layer_backward(X, X, W[0])

    out = printed(capsys, check_backward, my_backward)
    assert "still a stub (my_layer_backward)" in out and "Exercise 3 first" in out


def test_backward_transposed_is_named(capsys):
    """On the square-free 3-5-4-3 network a transposed dW has the wrong shape."""
    out = printed(capsys, check_backward, backward_with(transpose=True))
    assert "transposed" in out or "shape" in out
