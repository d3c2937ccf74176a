"""Tests of dlnotes.ffn: shapes, gradients (by central differences), training, errors."""

import warnings
import zlib

import numpy as np
import pytest

from dlnotes.data import spirals
from dlnotes.ffn import (
    ACTIVATIONS,
    FeedForwardNetwork,
    gradient_check,
    gradient_errors,
    log_sigmoid,
    log_softmax,
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


def random_problem(rng, output, loss, sizes=None, batch=None):
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


def test_forward_reads_the_current_weights():
    net = FeedForwardNetwork([1, 1], output="linear", loss="squared_error")
    net.W[0] = np.array([[2.0]])
    net.b[0] = np.array([1.0])
    np.testing.assert_allclose(net.forward([[3.0]]), [[7.0]])
    net.W[0] = [[-1.0]]  # a plain list is accepted too
    np.testing.assert_allclose(net.forward(np.array([0.5, 2.0])), [[0.5], [-1.0]])


def test_seed_gives_same_weights_and_different_seed_different():
    a, b, c = (FeedForwardNetwork([2, 5, 3], seed=s) for s in (1, 1, 2))
    np.testing.assert_array_equal(a.W[0], b.W[0])
    assert not np.array_equal(a.W[0], c.W[0])


# --- gradients ----------------------------------------------------------------------------------
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(("output", "loss"), COMBOS)
@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_gradient_check_random_shapes(activation, output, loss, reduction):
    rng = np.random.default_rng(zlib.crc32(f"{activation}{output}{loss}{reduction}".encode()))
    for trial in range(6):
        sizes, X, Y = random_problem(rng, output, loss)
        net = FeedForwardNetwork(sizes, activation, output, loss, seed=trial, reduction=reduction)
        for i in range(len(net.b)):  # non-zero biases so that the b-gradients are exercised
            net.b[i] = rng.normal(size=net.b[i].shape)
        errors = gradient_errors(net, X, Y)
        assert set(errors) == {f"{p}{i}" for i in range(1, len(sizes)) for p in "Wb"}
        assert max(errors.values()) < 1e-7, (sizes, errors)


def test_gradient_check_catches_a_wrong_gradient():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(5, 2)), np.array([0, 2, 1, 1, 0])
    net = FeedForwardNetwork([2, 4, 3], "sigmoid")
    assert gradient_check(net, X, Y) < 1e-7
    one_hot = np.eye(3)[Y]  # dense targets go through _grad_aL
    assert gradient_check(net, X, one_hot) < 1e-7
    original = net._grad_aL

    def wrong(a_L, kind, T):  # forget the -y part
        return original(a_L, kind, T) + T

    net._grad_aL = wrong
    assert gradient_check(net, X, one_hot) > 1e-2
    del net._grad_aL

    def wrong_g_prime(h, out=None):  # sigma' = sigma, forgetting the factor (1 - sigma)
        return h.copy()

    net._g_prime = wrong_g_prime
    assert gradient_check(net, X, Y) > 1e-2


def test_backward_sums_over_examples():
    rng = np.random.default_rng(1)
    net = FeedForwardNetwork([3, 4, 3], "tanh")
    X, y = rng.normal(size=(4, 3)), np.array([0, 2, 1, 2])
    dW, db = net.backward(X, y)
    parts = [net.backward(X[i : i + 1], y[i : i + 1]) for i in range(4)]
    for k in range(2):
        np.testing.assert_allclose(dW[k], sum(p[0][k] for p in parts), rtol=1e-12)
        np.testing.assert_allclose(db[k], sum(p[1][k] for p in parts), rtol=1e-12)
    mean_net = FeedForwardNetwork([3, 4, 3], "tanh", reduction="mean")
    np.testing.assert_allclose(mean_net.backward(X, y)[0][0], dW[0] / 4, rtol=1e-12)
    assert mean_net.loss(X, y) == pytest.approx(net.loss(X, y) / 4, rel=1e-12)


def test_softmax_cross_entropy_output_gradient_is_y_hat_minus_e():
    net = FeedForwardNetwork([2, 3], output="softmax", loss="cross_entropy")
    X = np.array([[0.3, -1.2]])
    y_hat = net.forward(X)
    dW, db = net.backward(X, [2])
    np.testing.assert_allclose(db[0], y_hat[0] - np.array([0, 0, 1]), rtol=1e-12)
    np.testing.assert_allclose(dW[0], np.outer(y_hat[0] - [0, 0, 1], X[0]), rtol=1e-12)


def test_labels_and_one_hot_agree():
    rng = np.random.default_rng(2)
    X, y = rng.normal(size=(6, 2)), np.array([0, 1, 2, 2, 1, 0])
    for loss in ("cross_entropy", "squared_error"):
        net = FeedForwardNetwork([2, 5, 3], loss=loss)
        assert net.loss(X, y) == pytest.approx(net.loss(X, np.eye(3)[y]), rel=1e-12)
        np.testing.assert_allclose(net.backward(X, y)[0][0], net.backward(X, np.eye(3)[y])[0][0])


# --- training -----------------------------------------------------------------------------------
def test_toy_problem_reproduces_notebook_03():
    net = FeedForwardNetwork([1, 1], output="sigmoid", loss="squared_error")
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
    net = FeedForwardNetwork([2, 24, 24, 3], activation, reduction="mean", seed=0)
    accuracy_before = net.accuracy(X, y)
    eta = {"sigmoid": 2.0, "tanh": 0.5}[activation]
    epochs = 600 if batch_size is None else 100
    history = net.fit(X, y, eta=eta, epochs=epochs, batch_size=batch_size)
    assert history[-1] < 0.5 * history[0]
    assert history[-1] == pytest.approx(net.loss(X, y), rel=1e-12)
    assert net.accuracy(X, y) > max(0.8, accuracy_before + 0.3)


def test_fit_callback_and_early_stop():
    X, y = spirals(20)
    net = FeedForwardNetwork([2, 8, 3], reduction="mean")
    seen = []
    history = net.fit(X, y, 0.5, 10, callback=lambda e, L: seen.append((e, L)))
    assert [e for e, _ in seen] == list(range(1, 11))
    np.testing.assert_allclose([L for _, L in seen], history[1:])
    net2 = FeedForwardNetwork([2, 8, 3], reduction="mean")
    short = net2.fit(X, y, 0.5, 10, batch_size=8, callback=lambda e, L: e < 3)
    assert len(short) == 4


def test_minibatch_is_deterministic_per_seed():
    X, y = spirals(20)
    runs = []
    for seed in (0, 0, 1):
        net = FeedForwardNetwork([2, 8, 3], reduction="mean")
        runs.append(net.fit(X, y, 0.3, 5, batch_size=7, seed=seed))
    np.testing.assert_array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_divergence_is_reported():
    net = FeedForwardNetwork([1, 1], output="linear", loss="squared_error")
    with pytest.raises(ValueError, match="eta"):
        net.fit(np.linspace(-100, 100, 50), np.zeros(50), eta=10.0, epochs=500)


def test_float32_works():
    X, y = spirals(30)
    net = FeedForwardNetwork([2, 16, 3], "tanh", dtype=np.float32, reduction="mean")
    assert all(w.dtype == np.float32 for w in net.W)
    assert net.forward(X).dtype == np.float32
    dW, db = net.backward(X, y)
    assert all(g.dtype == np.float32 for g in dW + db)
    history = net.fit(X, y, 0.5, 100)
    assert history[-1] < history[0]
    assert all(w.dtype == np.float32 for w in net.W)
    assert gradient_check(net, X[:5], y[:5], eps=1e-3) < 1e-3
    net64 = FeedForwardNetwork([2, 16, 3], "tanh", reduction="mean")
    net64.W = [w.astype(np.float64) for w in net.W]
    net64.b = [v.astype(np.float64) for v in net.b]
    np.testing.assert_allclose(net.forward(X), net64.forward(X), atol=1e-5)


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
        assert sigmoid(np.array([-1e4, 0.0, 1e4])).tolist() == [0.0, 0.5, 1.0]
        net = FeedForwardNetwork([2, 3])
        X = np.array([[1e4, -1e4]])
        assert net.loss(X, [0]) >= 0
        assert np.isfinite(net.loss(X, [1]))
        assert all(np.isfinite(g).all() for g in net.backward(X, [1])[0])
        sig = FeedForwardNetwork([2, 1], output="sigmoid", loss="cross_entropy")
        assert np.isfinite(sig.loss(X * 100, [[1.0]]))


def test_predict_and_accuracy():
    net = FeedForwardNetwork([2, 3], output="softmax")
    net.W[0] = np.eye(3, 2)
    X = np.array([[5.0, 0.0], [0.0, 5.0], [-5.0, -5.0]])
    np.testing.assert_array_equal(net.predict(X), [0, 1, 2])
    assert net.accuracy(X, [0, 1, 1]) == pytest.approx(2 / 3)
    binary = FeedForwardNetwork([1, 1], output="sigmoid", loss="cross_entropy")
    binary.W[0] = np.array([[1.0]])
    np.testing.assert_array_equal(binary.predict([-1.0, 2.0]), [0, 1])


# --- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"sizes": [2]}, ValueError, "at least"),
        ({"sizes": 3}, TypeError, "sizes"),
        ({"sizes": [2, 0, 3]}, ValueError, r"sizes\[1\]"),
        ({"sizes": [2, 2.5]}, TypeError, "integer"),
        ({"activation": "relu"}, ValueError, "'sigmoid', 'tanh'"),
        ({"output": "identity"}, ValueError, "'linear', 'sigmoid', 'softmax'"),
        ({"loss": "mse"}, ValueError, "'squared_error', 'cross_entropy'"),
        ({"output": "linear", "loss": "cross_entropy"}, ValueError, "squared_error"),
        ({"dtype": np.int32}, ValueError, "float32"),
        ({"reduction": "avg"}, ValueError, "'sum', 'mean'"),
    ],
)
def test_bad_constructor_arguments(kwargs, exc, match):
    kwargs = {"sizes": [2, 3], **kwargs}
    with pytest.raises(exc, match=match):
        FeedForwardNetwork(**kwargs)


def test_bad_inputs_are_named():
    net = FeedForwardNetwork([2, 4, 3])
    X = np.zeros((5, 2))
    y = np.array([0, 1, 2, 0, 1])
    with pytest.raises(ValueError, match="X has 3 features but the first layer expects 2"):
        net.forward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match="X must have 2 dimensions"):
        net.forward(np.zeros(2))
    with pytest.raises(ValueError, match="label 3 .* k = 3"):
        net.loss(X, [0, 1, 3, 0, 1])
    with pytest.raises(ValueError, match="label -1"):
        net.backward(X, [0, 1, -1, 0, 1])
    with pytest.raises(ValueError, match="whole numbers"):
        net.loss(X, [0, 1, 0.5, 0, 1])
    with pytest.raises(ValueError, match="Y has 4 rows but X has 5 examples"):
        net.backward(X, y[:4])
    with pytest.raises(ValueError, match="X must be finite"):
        net.forward(np.array([[np.nan, 0.0]]))
    with pytest.raises(ValueError, match="Y must be finite"):
        net.loss(X, np.full((5, 3), np.inf))
    with pytest.raises(ValueError, match="Y has 2 columns"):
        net.loss(X, np.zeros((5, 2)))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        net.loss(X, np.full((5, 3), 2.0))
    with pytest.raises(TypeError, match="X must be a numeric"):
        net.forward("hello")
    with pytest.raises(ValueError, match="eta must be positive"):
        net.fit(X, y, eta=-1.0, epochs=3)
    with pytest.raises(TypeError, match="epochs"):
        net.fit(X, y, eta=0.1, epochs=2.5)
    with pytest.raises(ValueError, match="eps must be positive"):
        gradient_check(net, X, y, eps=0)
    with pytest.raises(ValueError, match="accuracy|y must be labels"):
        net.accuracy(X, y[:3])


def test_badly_shaped_weights_are_named():
    net = FeedForwardNetwork([2, 4, 3])
    net.W[1] = np.zeros((4, 3))
    with pytest.raises(ValueError, match=r"W\[1\] .* must have shape \(3, 4\), got \(4, 3\)"):
        net.forward(np.zeros((1, 2)))
    net = FeedForwardNetwork([2, 4, 3])
    net.b.pop()
    with pytest.raises(ValueError, match="2 entries"):
        net.forward(np.zeros((1, 2)))


def test_layer_backward_hook_is_used_and_checked():
    rng = np.random.default_rng(5)
    X, y = rng.normal(size=(6, 2)), np.array([0, 1, 2, 2, 1, 0])
    net = FeedForwardNetwork([2, 5, 4, 3], "tanh")
    reference = net.backward(X, y)

    def right(grad_a, h_prev, W):
        return grad_a.T @ h_prev, grad_a.sum(axis=0), grad_a @ W

    def averaged_bias(grad_a, h_prev, W):
        return grad_a.T @ h_prev, grad_a.mean(axis=0), grad_a @ W

    net.layer_backward = right
    for mine, ref in zip(net.backward(X, y)[0], reference[0], strict=True):
        np.testing.assert_allclose(mine, ref, rtol=1e-12)
    assert gradient_check(net, X, y) < 1e-7
    net.layer_backward = averaged_bias
    errors = gradient_errors(net, X, y)
    assert errors["b3"] > 0.1 and errors["W3"] < 1e-7
    net.layer_backward = lambda grad_a, h_prev, W: (grad_a.T @ h_prev, grad_a.sum(axis=0))
    with pytest.raises(TypeError, match="tuple"):
        net.backward(X, y)
    net.layer_backward = lambda grad_a, h_prev, W: (h_prev.T @ grad_a, grad_a.sum(0), grad_a @ W)
    with pytest.raises(ValueError, match="grad_W of shape"):
        net.backward(X, y)


# --- the fast training step: reused arrays, float32 throughout, cheap checks ---------------------
def reference_step(net, X, Y, eta):
    """The step written out from the public pieces: loss, backward, theta -= eta grad."""
    L = net.loss(X, Y)
    dW, db = net.backward(X, Y)
    for i in range(len(net.W)):
        net.W[i] = net.W[i] - eta * dW[i]
        net.b[i] = net.b[i] - eta * db[i]
    return L


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    ("activation", "output", "loss"),
    [("sigmoid", "softmax", "cross_entropy"), ("tanh", "sigmoid", "squared_error")],
)
def test_step_with_reused_arrays_equals_the_written_out_step(dtype, activation, output, loss):
    rng = np.random.default_rng(5)
    kwargs = {"activation": activation, "output": output, "loss": loss, "dtype": dtype}
    fast = FeedForwardNetwork([3, 6, 5, 4], seed=2, reduction="mean", **kwargs)
    slow = FeedForwardNetwork([3, 6, 5, 4], seed=2, reduction="mean", **kwargs)
    for m in (16, 16, 7, 1, 16, 40, 7):  # batch size changes between calls, and comes back
        X = rng.normal(size=(m, 3))
        Y = rng.integers(0, 4, size=m) if output == "softmax" else rng.uniform(size=(m, 4))
        L_fast = fast.step(X, Y, 0.5)
        L_slow = reference_step(slow, X, Y, 0.5)
        assert isinstance(L_fast, float)
        assert L_fast == pytest.approx(L_slow, rel=1e-5 if dtype == np.float32 else 1e-12)
        for p_fast, p_slow in zip(fast.W + fast.b, slow.W + slow.b, strict=True):
            np.testing.assert_array_equal(p_fast, p_slow)  # the same numbers, bit for bit
            assert p_fast.dtype == dtype
    assert len(fast._buffer_cache) <= FeedForwardNetwork._MAX_BUFFERED_BATCHES


def test_fit_gives_the_same_numbers_as_repeated_steps():
    X, y = spirals(40)
    a = FeedForwardNetwork([2, 8, 8, 3], seed=3)
    b = FeedForwardNetwork([2, 8, 8, 3], seed=3)
    history = a.fit(X, y, 0.01, 5)
    losses = [reference_step(b, X, y, 0.01) for _ in range(5)] + [b.loss(X, y)]
    np.testing.assert_allclose(history, losses, rtol=1e-12)
    for p, q in zip(a.W + a.b, b.W + b.b, strict=True):
        np.testing.assert_array_equal(p, q)


def test_results_handed_out_are_not_overwritten_by_later_steps():
    rng = np.random.default_rng(6)
    net = FeedForwardNetwork([2, 5, 3])
    X, y = rng.normal(size=(10, 2)), rng.integers(0, 3, size=10)
    dW, db = net.backward(X, y)
    y_hat = net.forward(X)
    A = net.pre_activations(X)
    saved = [g.copy() for g in dW + db + A] + [y_hat.copy()]
    net.step(X, y, 0.1)
    net.step(X, y, 0.1)
    for before, now in zip(saved, dW + db + A + [y_hat], strict=True):
        np.testing.assert_array_equal(before, now)
    assert not np.array_equal(net.backward(X, y)[0][0], dW[0])  # the weights did move


def test_step_reads_weights_the_user_replaced():
    rng = np.random.default_rng(7)
    net = FeedForwardNetwork([2, 4, 3], dtype=np.float32)
    X, y = rng.normal(size=(8, 2)), rng.integers(0, 3, size=8)
    net.step(X, y, 0.1)
    new_W0 = rng.normal(size=(4, 2))  # float64, and later a plain list
    net.W[0] = new_W0
    net.b[1] = [0.5, -0.5, 0.0]
    ref = FeedForwardNetwork([2, 4, 3], dtype=np.float32)
    ref.W = [new_W0.astype(np.float32), net.W[1].copy()]
    ref.b = [net.b[0].copy(), np.array([0.5, -0.5, 0.0], np.float32)]
    assert net.step(X, y, 0.1) == reference_step(ref, X, y, 0.1)
    for p, q in zip(net.W + net.b, ref.W + ref.b, strict=True):
        assert p.dtype == np.float32
        np.testing.assert_array_equal(p, q)


def test_float32_stays_float32_end_to_end():
    X, y = spirals(20)  # float64 data: converted once, at the door
    net = FeedForwardNetwork([2, 6, 3], dtype=np.float32, reduction="mean")
    H, a_L = net._forward(net._inputs(X), net._buffers(len(X)))
    assert all(h.dtype == np.float32 for h in H + [a_L])
    assert all(a.dtype == np.float32 for a in net.pre_activations(X))
    for out, loss in (("softmax", "cross_entropy"), ("sigmoid", "squared_error")):
        net = FeedForwardNetwork([2, 6, 3], output=out, loss=loss, dtype=np.float32)
        assert net.forward(X).dtype == np.float32
        dW, db = net.backward(X, y)
        assert all(g.dtype == np.float32 for g in dW + db)
        net.step(X, y, 0.1)
        net.fit(X, y, 0.1, 2, batch_size=7)
        assert all(p.dtype == np.float32 for p in net.W + net.b)
    # and no float64 array is made inside a step: only float32 buffers are cached
    buffers = net._buffer_cache.values()
    assert all(a.dtype == np.float32 for buf in buffers for a in buf.A + buf.dW + buf.db)


def test_step_still_checks_its_input():
    net = FeedForwardNetwork([2, 4, 3])
    X, y = np.zeros((5, 2)), np.array([0, 1, 2, 0, 1])
    net.step(X, y, 0.1)  # buffers for 5 rows exist now; the checks must still run
    with pytest.raises(ValueError, match="X must be finite"):
        net.step(np.array([[0.0, 1.0]] * 4 + [[np.inf, 0.0]]), y, 0.1)
    with pytest.raises(ValueError, match="X must be finite"):
        net.step(np.array([[np.inf, -np.inf]] * 5), y, 0.1)
    with pytest.raises(ValueError, match="label 3 .* k = 3"):
        net.step(X, [0, 1, 3, 0, 1], 0.1)
    with pytest.raises(ValueError, match="label -1"):
        net.step(X, np.array([0, 1, -1, 0, 1], dtype=np.int8), 0.1)
    with pytest.raises(ValueError, match="whole numbers"):
        net.step(X, [0, 1, 0.5, 0, 1], 0.1)
    with pytest.raises(ValueError, match="Y must be finite"):
        net.step(X, [0, 1, np.nan, 0, 1], 0.1)
    with pytest.raises(ValueError, match="X has 3 features"):
        net.step(np.zeros((5, 3)), y, 0.1)
    with pytest.raises(ValueError, match="eta must be positive"):
        net.step(X, y, 0.0)
    net.step(X, np.array([True, False, True, False, True]), 0.1)  # booleans are labels 0/1


def test_huge_finite_input_is_not_mistaken_for_infinity():
    net = FeedForwardNetwork([2, 3, 2], dtype=np.float32)
    net.W[0] = np.full((3, 2), 1e-38)
    X = np.full((4, 2), 3e38, dtype=np.float32)  # each finite, their sum overflows float32
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(net.forward(X)).all()
        assert np.isfinite(net.step(X, [0, 1, 1, 0], 0.1))


def test_softmax_of_many_short_rows_is_the_formula():
    # many rows of a few logits take a faster route to the row maximum: same numbers
    a = np.random.default_rng(8).normal(scale=50, size=(300, 4))
    a[7] = [1e4, -1e4, 0.0, 3.0]
    shifted = a - a.max(axis=1, keepdims=True)
    expected = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        np.testing.assert_array_equal(softmax(a), expected)
        np.testing.assert_array_equal(
            log_softmax(a), shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        )
