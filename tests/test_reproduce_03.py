"""The general network, shrunk to one neuron, reproduces notebook 03.

Notebook 03 fits ŷ = σ(wx + b) to the two points (0.5, 0.2) and (2.5, 0.9) with the squared error
summed over the points, from w = b = −2 with η = 1 for 1000 epochs. That model is a feed-forward
network with sizes [1, 1], a sigmoid output, the squared error and reduction "sum": W_1 = [[w]],
b_1 = [b]. Its training must give notebook 03's numbers (a regression check of ffn against toy,
moved here from notebook 05)."""

import numpy as np
import pytest

from dlnotes import toy
from dlnotes.ffn import FeedForwardNetwork


def one_neuron(w, b):
    net = FeedForwardNetwork([1, 1], output="sigmoid", loss="squared_error", reduction="sum")
    net.W[0], net.b[0] = np.array([[float(w)]]), np.array([float(b)])
    return net


def test_one_neuron_reproduces_notebook_03():
    net = one_neuron(-2, -2)
    history = net.fit(toy.X, toy.Y, eta=1.0, epochs=1000)
    w, b = toy.do_gradient_descent(w=-2, b=-2, eta=1.0, max_epochs=1000)
    assert net.W[0][0, 0] == pytest.approx(w, abs=1e-12)
    assert net.b[0][0] == pytest.approx(b, abs=1e-12)
    assert (round(w, 4), round(b, 4)) == (1.7917, -2.2821)  # the notes' numbers
    assert history[-1] < 1e-10


@pytest.mark.parametrize(("w", "b"), [(-2.0, -2.0), (0.5, 1.0), (3.0, -4.0)])
def test_one_neuron_loss_and_gradient_are_the_toy_problem(w, b):
    net = one_neuron(w, b)
    assert net.loss(toy.X, toy.Y) == pytest.approx(toy.error(w, b), rel=1e-12)
    dW, db = net.backward(toy.X, toy.Y)
    assert [dW[0][0, 0], db[0][0]] == pytest.approx(list(toy.gradient(w, b)), rel=1e-10)
