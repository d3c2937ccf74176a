"""Tests of dlnotes.ffn: shapes, gradients (against a plain loop and central differences),
training, divergence, and bad input."""

import copy
import threading
import warnings
import zlib

import numpy as np
import pytest

from dlnotes import neurons
from dlnotes.data import spirals
from dlnotes.ffn import (
    ACTIVATIONS,
    FeedForwardNetwork,
    TrainingDiverged,
    gradient_check,
    gradient_errors,
    layer_backward,
    log_sigmoid,
    log_softmax,
    one_hot,
    sigmoid,
    softmax,
)

COMBOS = [
    ("linear", "squared_error"),
    ("sigmoid", "squared_error"),
    ("softmax", "squared_error"),
    ("sigmoid", "cross_entropy"),
    ("softmax", "cross_entropy"),
]


def random_problem(rng, output, sizes=None, batch=None):
    if sizes is None:
        sizes = [int(s) for s in rng.integers(1, 6, size=rng.integers(2, 5))]
    if output == "softmax" and sizes[-1] == 1:
        sizes[-1] = 2
    batch = int(rng.integers(1, 8)) if batch is None else batch
    X = rng.normal(size=(batch, sizes[0]))
    if output == "softmax" and rng.random() < 0.7:
        Y = rng.integers(0, sizes[-1], size=batch)  # class labels
    elif output == "softmax":
        Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=batch)]  # one-hot rows
    elif output == "linear":
        Y = rng.normal(size=(batch, sizes[-1]))
    else:
        Y = rng.uniform(size=(batch, sizes[-1]))
    return sizes, X, Y


def loop_gradients(net, X, Y):
    """Backpropagation written out independently: one example at a time, 1-based lists as in the
    notes (W[1] … W[L]), explicit derivative of each output and loss; summed or averaged."""
    L = len(net.W)
    W, b = [None, *net.W], [None, *net.b]
    g = np.tanh if net.activation == "tanh" else neurons.sigmoid
    k = net.sizes[-1]
    Y = np.eye(k)[Y] if np.ndim(Y) == 1 and k > 1 else np.reshape(Y, (len(X), k))
    dW = [np.zeros_like(w) for w in net.W]
    db = [np.zeros_like(v) for v in net.b]
    for x, y in zip(X, Y, strict=True):
        h, a = [x], [None]
        for i in range(1, L + 1):
            a.append(b[i] + W[i] @ h[i - 1])
            h.append(g(a[i]) if i < L else None)
        if net.output == "linear":
            y_hat, J = a[L], np.eye(k)
        elif net.output == "sigmoid":
            y_hat = neurons.sigmoid(a[L])
            J = np.diag(y_hat * (1 - y_hat))
        else:
            y_hat = np.exp(a[L] - a[L].max()) / np.exp(a[L] - a[L].max()).sum()
            J = np.diag(y_hat) - np.outer(y_hat, y_hat)  # dŷ/da_L
        if net.loss_name == "squared_error":
            grad_y_hat = y_hat - y
        elif net.output == "softmax":
            grad_y_hat = -y / y_hat
        else:
            grad_y_hat = -y / y_hat + (1 - y) / (1 - y_hat)
        grad_a = J.T @ grad_y_hat
        for i in range(L, 0, -1):
            dW[i - 1] += np.outer(grad_a, h[i - 1])
            db[i - 1] += grad_a
            if i > 1:
                slope = 1 - h[i - 1] ** 2 if net.activation == "tanh" else h[i - 1] * (1 - h[i - 1])
                grad_a = (W[i].T @ grad_a) * slope
    if net.reduction == "mean":
        dW, db = [d / len(X) for d in dW], [d / len(X) for d in db]
    return dW, db


# --- shapes and forward -------------------------------------------------------------------------
def test_shapes_follow_the_maths():
    net = FeedForwardNetwork([4, 7, 5, 3])
    assert [w.shape for w in net.W] == [(7, 4), (5, 7), (3, 5)]
    assert [v.shape for v in net.b] == [(7,), (5,), (3,)]
    assert net.n_params == 7 * 4 + 7 + 5 * 7 + 5 + 3 * 5 + 3
    X = np.ones((6, 4))
    y_hat = net.forward(X)
    assert y_hat.shape == (6, 3)
    np.testing.assert_allclose(y_hat.sum(axis=1), 1.0)
    dW, db = net.backward(X, [0, 1, 2, 0, 1, 2])
    assert [g.shape for g in dW] == [w.shape for w in net.W]
    assert [g.shape for g in db] == [v.shape for v in net.b]


def test_forward_is_the_layer_formula_written_out():
    rng = np.random.default_rng(3)
    net = FeedForwardNetwork([3, 4, 2], activation="tanh", output="linear", loss="squared_error")
    net.W = [rng.normal(size=(4, 3)), rng.normal(size=(2, 4))]
    net.b = [rng.normal(size=4), rng.normal(size=2)]
    X = rng.normal(size=(5, 3))
    for x, row in zip(X, net.forward(X), strict=True):
        h1 = np.tanh(net.b[0] + net.W[0] @ x)  # a_1 = b_1 + W_1 h_0, h_1 = g(a_1)
        np.testing.assert_allclose(row, net.b[1] + net.W[1] @ h1, rtol=1e-12)


def test_forward_reads_the_current_weights_and_leaves_the_lists_alone():
    net = FeedForwardNetwork([1, 1], output="linear", loss="squared_error")
    net.W[0] = np.array([[2.0]])
    net.b[0] = np.array([1.0])
    np.testing.assert_allclose(net.forward([[3.0]]), [[7.0]])
    net.W[0] = np.array([[-1.0]])
    np.testing.assert_allclose(net.forward(np.array([0.5, 2.0])), [[0.5], [-1.0]])
    net.W[0] = [[-1.0]]  # a plain list is named, and the check leaves it as it is
    with pytest.raises(TypeError, match=r"W\[0\] must be a numpy array .*np.array"):
        net.forward([[1.0]])
    assert net.W[0] == [[-1.0]]
    net.W[0] = np.array([[3]])  # an array of integers is read as it is, not rewritten
    kept = net.W[0]
    np.testing.assert_allclose(net.forward([[1.0]]), [[4.0]])
    assert net.W[0] is kept and net.W[0].dtype.kind == "i"


def test_seed_gives_same_weights_and_initial_scale():
    a, b, c = (FeedForwardNetwork([2, 5, 3], seed=s) for s in (1, 1, 2))
    np.testing.assert_array_equal(a.W[0], b.W[0])
    assert not np.array_equal(a.W[0], c.W[0])
    wide = FeedForwardNetwork([400, 300, 2], seed=0)
    assert np.std(wide.W[0]) == pytest.approx(1 / np.sqrt(400), rel=0.02)  # N(0, 1)/√n_in
    assert all((v == 0).all() for v in wide.b)


def test_sigmoid_is_the_package_one_and_softmax_takes_lists():
    assert sigmoid is neurons.sigmoid
    assert sigmoid(0.3) == pytest.approx(1 / (1 + np.exp(-0.3)))
    np.testing.assert_allclose(softmax([1, 2, 3]), np.exp([1, 2, 3]) / np.exp([1, 2, 3]).sum())
    np.testing.assert_allclose(softmax(5), 1.0)
    np.testing.assert_allclose(log_softmax([[0, 0]]), [[-np.log(2)] * 2])
    np.testing.assert_allclose(log_sigmoid([0]), [-np.log(2)])


# --- gradients ----------------------------------------------------------------------------------
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(("output", "loss"), COMBOS)
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_backward_equals_a_plain_loop_and_central_differences(activation, output, loss, reduction):
    rng = np.random.default_rng(zlib.crc32(f"{activation}{output}{loss}{reduction}".encode()))
    for trial in range(6):
        sizes, X, Y = random_problem(rng, output)
        net = FeedForwardNetwork(sizes, activation, output, loss, seed=trial, reduction=reduction)
        for i in range(len(net.b)):  # non-zero biases so that the b-gradients are exercised
            net.b[i] = rng.normal(size=net.b[i].shape)
        dW, db = net.backward(X, Y)
        loop_dW, loop_db = loop_gradients(net, X, Y)
        for mine, ref in zip(dW + db, loop_dW + loop_db, strict=True):
            np.testing.assert_allclose(mine, ref, rtol=1e-9, atol=1e-12)
        errors = gradient_errors(net, X, Y)
        assert set(errors) == {f"{p}{i}" for i in range(1, len(sizes)) for p in "Wb"}
        assert max(errors.values()) < 1e-6, (sizes, errors)


def test_gradient_check_below_1e7_on_typical_networks():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(6, 3)), np.array([0, 2, 1, 1, 0, 2])
    for net in (
        FeedForwardNetwork([3, 4, 4, 3], "sigmoid", seed=1),
        FeedForwardNetwork([3, 5, 4, 3], "tanh", seed=2),
    ):
        assert gradient_check(net, X, y) < 1e-7
    reg = FeedForwardNetwork([3, 5, 2], "tanh", "linear", "squared_error", seed=3)
    assert gradient_check(reg, X, rng.normal(size=(6, 2))) < 1e-7


@pytest.mark.parametrize(
    ("mistake", "bad"),
    [
        (lambda G, H, W: (G.T @ H, G.mean(axis=0), G @ W), "b"),  # bias averaged, not summed
        (lambda G, H, W: (G.T @ H, G.sum(axis=1).sum() + 0 * G[0], G @ W), "b"),  # summed wrong
        (lambda G, H, W: (G.T @ H / len(G), G.sum(axis=0) / len(G), G @ W), "W"),  # averaged
        (lambda G, H, W: (G.T @ H, G.sum(axis=0), G @ W.T.T.T), "W"),  # W instead of Wᵀ (square)
    ],
)
def test_gradient_check_catches_a_wrong_layer_backward(mistake, bad):
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(6, 4)), np.array([0, 1, 2, 3, 1, 0])
    net = FeedForwardNetwork([4, 4, 4, 4], "tanh", reduction="sum", seed=2)
    net.b = [rng.normal(size=v.shape) for v in net.b]
    net.layer_backward = layer_backward
    assert gradient_check(net, X, y) < 1e-7
    net.layer_backward = mistake
    errors = gradient_errors(net, X, y)
    assert max(e for p, e in errors.items() if p.startswith(bad)) > 1e-2


def test_gradient_check_catches_a_missing_g_prime():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(5, 2)), np.array([0, 2, 1, 1, 0])
    net = FeedForwardNetwork([2, 4, 3], "sigmoid")
    assert gradient_check(net, X, Y) < 1e-7
    net.g_prime = lambda h: np.ones_like(h)  # forget g'(a)
    assert gradient_check(net, X, Y) > 1e-2


def test_backward_sums_over_examples_and_the_mean_divides():
    rng = np.random.default_rng(1)
    net = FeedForwardNetwork([3, 4, 3], "tanh", reduction="sum")
    X, y = rng.normal(size=(4, 3)), np.array([0, 2, 1, 2])
    dW, db = net.backward(X, y)
    parts = [net.backward(X[i : i + 1], y[i : i + 1]) for i in range(4)]
    for k in range(2):
        np.testing.assert_allclose(dW[k], sum(p[0][k] for p in parts), rtol=1e-12)
        np.testing.assert_allclose(db[k], sum(p[1][k] for p in parts), rtol=1e-12)
    mean_net = FeedForwardNetwork([3, 4, 3], "tanh")  # the default reduction is the mean
    np.testing.assert_allclose(mean_net.backward(X, y)[0][0], dW[0] / 4, rtol=1e-12)
    assert mean_net.loss(X, y) == pytest.approx(net.loss(X, y) / 4, rel=1e-12)


def test_softmax_cross_entropy_output_gradient_is_y_hat_minus_e():
    net = FeedForwardNetwork([2, 3], output="softmax", loss="cross_entropy")
    X = np.array([[0.3, -1.2]])
    y_hat = net.forward(X)
    dW, db = net.backward(X, [2])
    np.testing.assert_allclose(db[0], y_hat[0] - np.array([0, 0, 1]), rtol=1e-12)
    np.testing.assert_allclose(dW[0], np.outer(y_hat[0] - [0, 0, 1], X[0]), rtol=1e-12)


def test_one_hot_rows_are_the_unit_vectors_of_the_labels():
    np.testing.assert_array_equal(one_hot([2, 0, 1], 3), [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    np.testing.assert_array_equal(one_hot(np.array([1.0, 1.0]), 2), [[0, 1], [0, 1]])


def test_the_door_checks_without_changing_the_arguments_or_the_network():
    net = FeedForwardNetwork([2, 3, 3])
    net.W[0] = net.W[0].astype(np.float32)  # a float32 array stays the array it is
    kept_W, y = net.W[0], np.array([0, 2, 1])
    kept_y = y.copy()
    X = np.ones((3, 2))
    net.fit(X, y, eta=0.1, epochs=1)  # fit makes new lists; forward must not rewrite entries
    net.W[0] = kept_W
    net.forward(X)
    net.loss(X, y)
    assert net.W[0] is kept_W and kept_W.dtype == np.float32
    np.testing.assert_array_equal(y, kept_y)


def test_a_network_training_in_another_thread_leaves_the_checks_of_this_one_on():
    """A fit running in a background thread (notebook 06's explorer) is inside a checked call;
    that must not switch off the door for calls made meanwhile in the notebook's thread."""
    X, y = spirals(10, seed=0)
    net = FeedForwardNetwork([2, 4, 3])
    inside, release = threading.Event(), threading.Event()

    def waiting_layer_backward(grad_a, h_prev, W):  # runs inside fit's checked call
        inside.set()
        release.wait(10)
        return layer_backward(grad_a, h_prev, W)

    net.layer_backward = waiting_layer_backward
    trainer = threading.Thread(target=net.fit, args=(X, y, 0.1, 1))
    trainer.start()
    try:
        assert inside.wait(10)
        with pytest.raises(ValueError, match=r"X must have shape \(batch, 2\)"):
            FeedForwardNetwork([2, 4, 3]).forward(np.ones((3, 5)))
        with pytest.raises(ValueError, match="labels"):
            FeedForwardNetwork([2, 4, 3]).loss(X, np.full(len(X), 7))
    finally:
        release.set()
        trainer.join(10)


def test_labels_and_one_hot_agree():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(6, 2)), np.array([0, 1, 2, 2, 1, 0])
    for loss in ("cross_entropy", "squared_error"):
        net = FeedForwardNetwork([2, 5, 3], loss=loss)
        assert net.loss(X, y) == net.loss(X, np.eye(3)[y])
        np.testing.assert_array_equal(net.backward(X, y)[0][0], net.backward(X, np.eye(3)[y])[0][0])


@pytest.mark.parametrize(("output", "loss"), COMBOS)
def test_grad_a_L_is_the_derivative_of_the_loss_in_a_L(output, loss):
    """∇a_L from grad_a_L against central differences of the loss in a_L itself."""
    rng = np.random.default_rng(4)
    k = 3
    net = FeedForwardNetwork([k, k], output=output, loss=loss, reduction="sum")
    net.W[0] = np.eye(k)  # a_L = x: the network's loss is the loss of a_L
    a_L = rng.normal(size=(4, k))
    Y = rng.integers(0, k, 4) if output == "softmax" else rng.uniform(size=(4, k))
    G = net.grad_a_L(a_L, Y)
    numeric = np.zeros_like(a_L)
    for j in np.ndindex(a_L.shape):
        step = np.zeros_like(a_L)
        step[j] = 1e-6
        numeric[j] = (net.loss(a_L + step, Y) - net.loss(a_L - step, Y)) / 2e-6
    np.testing.assert_allclose(G, numeric, rtol=1e-6, atol=1e-8)


def test_forward_keep_gives_every_layer():
    rng = np.random.default_rng(6)
    net = FeedForwardNetwork([3, 4, 5, 2], "tanh")
    X = rng.normal(size=(7, 3))
    H, a_L = net.forward(X, keep=True)
    assert [h.shape for h in H] == [(7, 3), (7, 4), (7, 5)]
    np.testing.assert_array_equal(H[0], X)
    np.testing.assert_allclose(H[1], np.tanh(X @ net.W[0].T + net.b[0]))
    np.testing.assert_allclose(softmax(a_L), net.forward(X))


# --- training -----------------------------------------------------------------------------------
def test_toy_problem_reproduces_notebook_03():
    net = FeedForwardNetwork([1, 1], output="sigmoid", loss="squared_error", reduction="sum")
    net.W[0] = np.array([[-2.0]])
    net.b[0] = np.array([-2.0])
    history = net.fit([0.5, 2.5], [0.2, 0.9], eta=1.0, epochs=1000)
    assert f"{net.W[0][0, 0]:.4f}" == "1.7917"
    assert f"{net.b[0][0]:.4f}" == "-2.2821"
    assert len(history) == 1001
    assert history[-1] < history[0]


@pytest.mark.parametrize("batch_size", [None, 32])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_loss_decreases_on_spirals(activation, batch_size):
    X, y = spirals(60, seed=1)
    net = FeedForwardNetwork([2, 24, 24, 3], activation, seed=0)
    accuracy_before = net.accuracy(X, y)
    eta = {"sigmoid": 2.0, "tanh": 0.5}[activation]
    epochs = 600 if batch_size is None else 100
    history = net.fit(X, y, eta=eta, epochs=epochs, batch_size=batch_size)
    assert history[-1] < 0.5 * history[0]
    assert history[-1] == pytest.approx(net.loss(X, y), rel=1e-12)
    assert net.accuracy(X, y) > max(0.8, accuracy_before + 0.3)


def test_fit_is_repeated_steps():
    X, y = spirals(40)
    a, b = FeedForwardNetwork([2, 8, 8, 3], seed=3), FeedForwardNetwork([2, 8, 8, 3], seed=3)
    history = a.fit(X, y, 0.5, 5)
    losses = [b.loss(X, y)]
    for _ in range(5):
        b.gradient_step(X, y, 0.5)
        losses.append(b.loss(X, y))
    np.testing.assert_array_equal(history, losses)
    for p, q in zip(a.W + a.b, b.W + b.b, strict=True):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("batch_size", [None, 8])
def test_callback_sees_the_network_it_is_told_about(batch_size):
    X, y = spirals(20)
    net = FeedForwardNetwork([2, 8, 3])
    seen = []

    def callback(epoch, loss):
        seen.append((epoch, loss, net.loss(X, y)))
        return epoch < 3

    history = net.fit(X, y, 0.5, 10, batch_size=batch_size, callback=callback)
    assert [e for e, _, _ in seen] == [1, 2, 3]
    assert len(history) == 4
    for _, told, actual in seen:
        assert told == actual
    assert net.loss(X, y) == history[-1]  # stopped where the callback saw it


def test_minibatch_is_deterministic_per_seed():
    X, y = spirals(20)
    runs = []
    for seed in (0, 0, 1):
        net = FeedForwardNetwork([2, 8, 3])
        runs.append(net.fit(X, y, 0.3, 5, batch_size=7, seed=seed))
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_the_same_eta_works_for_any_batch_size():
    X, y = spirals(100, noise=0.2, seed=0)
    for batch_size in (None, 32, 300):
        net = FeedForwardNetwork([2, 32, 32, 3], "tanh", seed=0)
        history = net.fit(X, y, eta=0.3, epochs=30, batch_size=batch_size)
        assert history[-1] < history[0]


def test_divergence_raises_and_names_eta():
    X, y = spirals(100)
    net = FeedForwardNetwork([2, 32, 32, 3], reduction="sum")  # the silent blow-up
    with pytest.raises(TrainingDiverged, match=r"eta = 0\.3 .*try eta = 0\.001 .*reduction='mean'"):
        net.fit(X, y, eta=0.3, epochs=300)
    # the advice works: eta / m with the sum takes the mean's steps, and the loss falls
    history = FeedForwardNetwork([2, 32, 32, 3], reduction="sum").fit(X, y, eta=0.001, epochs=30)
    assert history[-1] < 0.9 * history[0]
    mean_net = FeedForwardNetwork([2, 32, 32, 3])
    with pytest.raises(TrainingDiverged, match=r"try eta = 100 or smaller"):
        mean_net.fit(X, y, eta=1000.0, epochs=50)
    line = FeedForwardNetwork([1, 1], output="linear", loss="squared_error")
    with pytest.raises(TrainingDiverged, match="eta"):
        line.fit(np.linspace(-100, 100, 50), np.zeros(50), eta=10.0, epochs=500)
    huge = FeedForwardNetwork([2, 16, 3])
    with pytest.raises(ValueError, match="eta"), warnings.catch_warnings():
        warnings.simplefilter("error")
        huge.fit(X, y, eta=1e6, epochs=50)


def test_a_diverged_fit_leaves_the_network_as_it_was():
    X, y = spirals(100, seed=0)
    net = FeedForwardNetwork([2, 32, 3], "sigmoid")
    W_before, b_before = [W.copy() for W in net.W], [b.copy() for b in net.b]
    with pytest.raises(TrainingDiverged, match="as it was before"):
        net.fit(X, y, eta=1000.0, epochs=300)
    for p, q in zip(net.W + net.b, W_before + b_before, strict=True):
        np.testing.assert_array_equal(p, q)
    # the smaller eta the message suggests now behaves as on a fresh network (learner-misuse S6)
    fresh = FeedForwardNetwork([2, 32, 3], "sigmoid")
    for model in (net, fresh):
        with pytest.raises(TrainingDiverged, match="eta = 100 "):
            model.fit(X, y, eta=100.0, epochs=300)
    np.testing.assert_array_equal(net.fit(X, y, 3.0, 50), fresh.fit(X, y, 3.0, 50))  # S7


def test_a_fit_stopped_by_an_error_in_the_learners_code_leaves_the_network_too():
    X, y = spirals(10, seed=0)
    net = FeedForwardNetwork([2, 4, 3])
    W_before = [W.copy() for W in net.W]

    def callback(epoch, loss):
        if epoch == 3:
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        net.fit(X, y, eta=0.5, epochs=10, callback=callback)
    for p, q in zip(net.W, W_before, strict=True):
        np.testing.assert_array_equal(p, q)


def test_training_a_copy_leaves_the_original_alone():
    """learner-misuse U5: saved = copy.copy(net) then saved.fit(...): training makes new
    lists W and b, so the original network keeps its weights."""
    X, y = spirals(20)
    net = FeedForwardNetwork([2, 4, 3])
    saved = copy.copy(net)
    saved.fit(X, y, 0.5, 5)
    np.testing.assert_array_equal(net.W[0], FeedForwardNetwork([2, 4, 3]).W[0])
    assert not np.array_equal(saved.W[0], net.W[0])


def test_the_callback_calls_are_checked_like_any_other():
    X, y = spirals(10, seed=0)
    net = FeedForwardNetwork([2, 4, 3])
    with pytest.raises(ValueError, match=r"X must have shape \(batch, 2\)"):
        net.fit(X, y, eta=0.5, epochs=2, callback=lambda epoch, loss: net.forward(X.T))


def test_fit_blames_eta_only_for_overflow_not_for_a_bug_in_layer_backward():
    X, y = spirals(10, seed=0)
    net = FeedForwardNetwork([2, 4, 3])
    # a learner's layer_backward with G Wᵀ where G W belongs: the shapes clash
    net.layer_backward = lambda G, H, W: (G.T @ H, G.sum(axis=0), G @ W.T)
    with pytest.raises(ValueError, match="matmul") as raised:
        net.fit(X, y, eta=0.1, epochs=3)
    assert not isinstance(raised.value, TrainingDiverged)
    assert "eta" not in str(raised.value)
    # an overflow in the update θ − η ∇θ itself (η ∇θ beyond the largest float) is η's fault
    summed = FeedForwardNetwork([2, 4, 3], reduction="sum")
    with pytest.raises(TrainingDiverged, match=r"eta = 1e\+308"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            summed.fit(X, y, eta=1e308, epochs=3)


# --- numerics -----------------------------------------------------------------------------------
def test_no_warnings_for_huge_logits():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        a = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]])
        p = softmax(a)
        np.testing.assert_allclose(p[0], [1, 0, 0])
        np.testing.assert_allclose(p[1], [1 / 3] * 3)
        assert np.isfinite(log_softmax(a)).all()
        assert log_softmax(a)[0, 1] == pytest.approx(-2e4)
        assert log_sigmoid(np.array([-1e4]))[0] == pytest.approx(-1e4)
        net = FeedForwardNetwork([2, 3])
        X = np.array([[1e4, -1e4]])
        assert net.loss(X, [0]) >= 0
        assert np.isfinite(net.loss(X, [1]))
        assert all(np.isfinite(g).all() for g in net.backward(X, [1])[0])
        sig = FeedForwardNetwork([2, 1], output="sigmoid", loss="cross_entropy")
        assert np.isfinite(sig.loss(X * 100, [[1.0]]))


def test_sums_that_overflow_are_an_error_not_a_warning():
    net = FeedForwardNetwork([2, 2], output="linear", loss="squared_error")
    net.W = [np.ones((2, 2))]
    X = np.full((2, 2), 1e308)  # each finite, their sum a = W x is not
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for call in (
            net.forward,
            lambda X: net.loss(X, np.zeros((2, 2))),
            lambda X: net.fit(X, np.zeros((2, 2)), eta=0.1, epochs=2),  # X's fault, not eta's
        ):
            with pytest.raises(ValueError, match="X, .*(too|so) large"):
                call(X)


def test_predict_and_accuracy():
    net = FeedForwardNetwork([2, 3], output="softmax")
    net.W[0] = np.eye(3, 2)
    X = np.array([[5.0, 0.0], [0.0, 5.0], [-5.0, -5.0]])
    np.testing.assert_array_equal(net.predict(X), [0, 1, 2])
    assert net.accuracy(X, [0, 1, 1]) == pytest.approx(2 / 3)
    assert net.accuracy(X, np.array([0.0, 1.0, 2.0])) == 1.0  # whole floats are labels too
    binary = FeedForwardNetwork([1, 1], output="sigmoid", loss="cross_entropy")
    binary.W[0] = np.array([[1.0]])
    np.testing.assert_array_equal(binary.predict([-1.0, 2.0]), [0, 1])
    assert binary.accuracy([-1.0, 2.0], [0, 0]) == 0.5


@pytest.mark.parametrize(
    ("labels", "exc", "match"),
    [
        (np.array(["0", "1", "2"]), TypeError, "y must be numeric"),
        ([0, np.nan, 1], ValueError, "y must be finite"),
        ([0, 0.5, 1], ValueError, "labels 0 … 2"),
        ([0, 1, 3], ValueError, "labels 0 … 2"),
        ([0, 1], ValueError, r"shape \(3,\)"),
        (None, TypeError, "y must be"),
    ],
)
def test_accuracy_refuses_labels_it_cannot_compare(labels, exc, match):
    net = FeedForwardNetwork([2, 3])
    with pytest.raises(exc, match=match):
        net.accuracy(np.zeros((3, 2)), labels)


# --- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"sizes": [2]}, TypeError, "sizes"),
        ({"sizes": 3}, TypeError, "sizes"),
        ({"sizes": {2: "a", 3: "b"}}, TypeError, "sizes"),
        ({"sizes": [2, 0, 3]}, ValueError, r"sizes\[1\] must be at least 1"),
        ({"sizes": [2, 2.5]}, TypeError, "integer"),
        ({"sizes": [2, 1]}, ValueError, "softmax over k = 1"),
        ({"activation": "relu"}, ValueError, "'sigmoid', 'tanh'"),
        ({"output": "identity"}, ValueError, "'linear', 'sigmoid', 'softmax'"),
        ({"loss": "mse"}, ValueError, "'squared_error', 'cross_entropy'"),
        ({"output": "linear", "loss": "cross_entropy"}, ValueError, "cross_entropy"),
        ({"reduction": "avg"}, ValueError, "'mean', 'sum'"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": True}, TypeError, "seed"),
    ],
)
def test_bad_constructor_arguments(kwargs, exc, match):
    kwargs = {"sizes": [2, 3], **kwargs}
    with pytest.raises(exc, match=match):
        FeedForwardNetwork(**kwargs)


NET = FeedForwardNetwork([2, 4, 3])
X5, Y5 = np.zeros((5, 2)), np.array([0, 1, 2, 0, 1])


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda: NET.forward(np.zeros((5, 3))), ValueError, r"X must have shape \(batch, 2\)"),
        (lambda: NET.forward(np.zeros(2)), ValueError, r"X must have shape"),
        (lambda: NET.forward(np.zeros((2, 1))), ValueError, r"column\? .* one example per row"),
        (lambda: NET.loss(X5[:1], np.eye(3)[1]), ValueError, r"targets, shape \(1, 3\)"),
        (lambda: NET.forward(np.zeros((0, 2))), ValueError, "batch ≥ 1"),
        (lambda: NET.forward(None), TypeError, "X must be"),
        (lambda: NET.forward("hello"), TypeError, "X must be"),
        (lambda: NET.forward([[1 + 2j, 0]]), TypeError, "X must be .*real"),
        (lambda: NET.forward([["1", "2"]]), TypeError, "X must be"),
        (lambda: NET.forward([[1.0, None]]), (TypeError, ValueError), "None inside"),
        (lambda: NET.forward(np.array([[np.nan, 0.0]])), ValueError, "X must be finite"),
        (lambda: NET.loss(X5, [0, 1, 3, 0, 1]), ValueError, "labels 0 … 2"),
        (lambda: NET.backward(X5, [0, 1, -1, 0, 1]), ValueError, "labels 0 … 2"),
        (lambda: NET.loss(X5, [0, 1, 0.5, 0, 1]), ValueError, "labels 0 … 2"),
        (lambda: NET.backward(X5, Y5[:4]), ValueError, r"shape \(5,\)"),
        (lambda: NET.loss(X5, np.full((5, 3), np.inf)), ValueError, "Y must be finite"),
        (lambda: NET.loss(X5, np.zeros((5, 2))), ValueError, r"targets, shape \(5, 3\)"),
        (lambda: NET.loss(X5, np.full((5, 3), 2.0)), ValueError, r"Y must lie in \[0, 1\]"),
        (
            lambda: FeedForwardNetwork([2, 4, 1], "sigmoid", "sigmoid", "squared_error").loss(
                X5, Y5 + 1
            ),
            ValueError,
            r"Y must lie in \[0, 1\]: a sigmoid output",
        ),  # learner-misuse S5: 1-based labels for a sigmoid output it can never reach
        (lambda: NET.loss(X5, np.full((5, 3), 0.5)), ValueError, "Y must be rows summing to 1"),
        (lambda: NET.loss(X5, np.ones((5, 3), complex)), TypeError, "Y must be .*real"),
        (lambda: NET.fit(X5, Y5, eta=-1.0, epochs=3), ValueError, "eta must be positive"),
        (lambda: NET.fit(X5, Y5, eta=0.1, epochs=2.5), TypeError, "epochs"),
        (lambda: NET.fit(X5, Y5, eta=0.1, epochs=2, batch_size=0), ValueError, "batch_size"),
        (lambda: NET.fit(X5, Y5, eta=0.1, epochs=2, callback=3), TypeError, "callback"),
        (lambda: NET.gradient_step(X5, Y5, eta=np.nan), ValueError, "eta"),
        (lambda: gradient_check(NET, X5, Y5, eps=0), ValueError, "eps must be positive"),
        (lambda: gradient_check(NET, X5, Y5, eps=1e308), ValueError, r"eps = 1e\+308 is too large"),
        (lambda: gradient_check("net", X5, Y5), TypeError, "net must be"),
    ],
)
def test_bad_inputs_are_named(call, exc, match):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(exc, match=match):
            call()


def test_badly_shaped_weights_are_named():
    net = FeedForwardNetwork([2, 4, 3])
    net.W[1] = np.zeros((4, 3))
    with pytest.raises(ValueError, match=r"W\[1\] must have shape \(3, 4\), got \(4, 3\)"):
        net.forward(np.zeros((1, 2)))
    net = FeedForwardNetwork([2, 4, 3])
    net.b.pop()
    with pytest.raises(ValueError, match="2 entries"):
        net.forward(np.zeros((1, 2)))
    net = FeedForwardNetwork([2, 4, 3])
    net.b[0] = "zeros"
    with pytest.raises(TypeError, match=r"b\[0\]"):
        net.forward(np.zeros((1, 2)))


@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        ((np.ones((2, 3)) * 1j, np.ones((2, 4)), np.ones((3, 4))), TypeError, "grad_a"),
        (
            (np.ones((2, 3)), np.ones((2, 4)), np.ones((4, 3))),
            ValueError,
            r"W must be \(out, in\) = \(3, 4\)",
        ),
        ((np.ones((2, 3)), np.ones((5, 4)), np.ones((3, 4))), ValueError, "batch"),
        ((np.ones(3), np.ones((2, 4)), np.ones((3, 4))), ValueError, "grad_a must have 2 dim"),
        ((np.ones((2, 3)), np.full((2, 4), np.nan), np.ones((3, 4))), ValueError, "h_prev"),
    ],
)
def test_layer_backward_checks_its_arguments(args, exc, match):
    with pytest.raises(exc, match=match):
        layer_backward(*args)


def test_gradient_check_leaves_the_network_unchanged():
    rng = np.random.default_rng(9)
    net = FeedForwardNetwork([2, 3, 3])
    before = [p.copy() for p in net.W + net.b]
    gradient_check(net, rng.normal(size=(4, 2)), [0, 1, 2, 0])
    for p, q in zip(before, net.W + net.b, strict=True):
        np.testing.assert_array_equal(p, q)
