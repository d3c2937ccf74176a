"""Tests of the figure builders of notebooks 05 and 06 and of 06's explorer (no browser needed)."""

import numpy as np
import pytest

from dlnotes.data import spirals
from dlnotes.explorers.feedforward_backprop import (
    INITS,
    FeedForwardExplorer,
    decision_figure,
    fit_recording,
    gradcheck_figure,
    initialise,
    loss_curves_figure,
    network_figure,
    region_colours,
    saturation_figure,
    weight_paths_figure,
)
from dlnotes.ffn import FeedForwardNetwork


@pytest.fixture
def explorer():
    return FeedForwardExplorer(hidden1=12, hidden2=8, epochs=200, eta=0.3, redraws=4)


def fresh_loss(explorer, **values):
    """The loss of the untrained network the explorer should show for these settings."""
    v = {**explorer.values(), **values}
    sizes = [2, v["hidden1"]] + ([v["hidden2"]] if v["hidden2"] else []) + [3]
    net = initialise(FeedForwardNetwork(sizes, v["activation"], seed=v["seed"]), v["init"])
    return net.loss(explorer.X, explorer.y)


def test_update_builds_the_chosen_network(explorer):
    numbers = explorer.update(hidden1=5, hidden2=0, activation="sigmoid")
    assert explorer.net.sizes == [2, 5, 3]
    assert explorer.net.activation == "sigmoid"
    assert numbers["parameters"] == 5 * 2 + 5 + 3 * 5 + 3
    assert numbers["loss"] == pytest.approx(explorer.net.loss(explorer.X, explorer.y))
    assert numbers["log 3 (predicted)"] == pytest.approx(np.log(3))
    assert 0 <= numbers["accuracy"] <= 1
    numbers = explorer.update(hidden1=4, hidden2=6)
    assert explorer.net.sizes == [2, 4, 6, 3]
    assert numbers["parameters"] == 4 * 2 + 4 + 6 * 4 + 6 + 3 * 6 + 3


def test_every_control_changes_the_picture(explorer):
    """... or its caption: eta, batch and epochs take effect when Train is pressed."""
    values = {
        "hidden1": 20,
        "hidden2": 3,
        "activation": "sigmoid",
        "seed": 3,
        "init": "0.01·N(0,1)",
        "eta": 0.05,
        "batch": "32",
        "epochs": 500,
        "dataset": "moons",
    }
    explorer.render()
    shown = explorer.image.value, explorer.caption.value
    for name, value in values.items():
        explorer.controls[name].value = value  # as a learner would: refresh renders
        assert (explorer.image.value, explorer.caption.value) != shown, name
        shown = explorer.image.value, explorer.caption.value


def test_initial_loss_is_near_log_k_except_for_large_weights(explorer):
    for init in INITS:
        numbers = explorer.update(init=init)
        assert abs(numbers["loss"] - np.log(3)) < 0.1, init
    assert explorer.update(init="zeros")["loss"] == pytest.approx(np.log(3), abs=1e-12)


def test_inits_scale_the_package_start():
    net = FeedForwardNetwork([2, 8, 3], seed=1)
    small = initialise(FeedForwardNetwork([2, 8, 3], seed=1), "0.01·N(0,1)")
    for W, W_small in zip(net.W, small.W, strict=True):
        np.testing.assert_allclose(W_small, W * np.sqrt(W.shape[1]) * 0.01)
    zeros = initialise(FeedForwardNetwork([2, 8, 3], seed=1), "zeros")
    assert all(not W.any() for W in zeros.W) and all(not b.any() for b in zeros.b)
    with pytest.raises(ValueError, match="init must be one of"):
        initialise(net, "he")


def test_regions_move_in_place(explorer):
    image = explorer.parts.image
    before = np.array(image.get_array()).copy()
    explorer.update(hidden1=30)
    assert explorer.parts.image is image
    after = np.array(image.get_array())
    assert after.shape == before.shape and not np.allclose(before, after)
    assert len(explorer.parts.ax.images) == 1


def test_dataset_switch_moves_points_and_classes(explorer):
    explorer.update(dataset="moons")
    assert explorer.net.sizes[-1] == 2
    for c, dots in enumerate(explorer.parts.dots):  # class c's points, on its own line
        shown = np.column_stack(dots.get_data())
        np.testing.assert_allclose(shown, explorer.X[explorer.y == c])
    assert sum(len(d.get_xdata()) for d in explorer.parts.dots) == len(explorer.X)
    explorer.update(dataset="blobs")
    assert explorer.net.sizes[-1] == 3


def test_train_lowers_the_loss_and_moves_everything(explorer):
    start = explorer.update()
    png = explorer.render()
    line = explorer.parts.loss_line
    assert len(line.get_xdata()) == 0  # fresh network: empty loss curve
    readouts = []
    show = explorer.show
    explorer.show = lambda shown: (readouts.append(dict(shown)), show(shown))
    numbers = explorer.train()
    assert numbers["epochs trained"] == 200
    assert numbers["loss"] < 0.7 * start["loss"]
    assert numbers["accuracy"] > start["accuracy"]
    assert numbers["accuracy"] == pytest.approx(explorer.net.accuracy(explorer.X, explorer.y))
    assert len(line.get_xdata()) == 201
    np.testing.assert_allclose(line.get_ydata()[-1], numbers["loss"])
    assert explorer.progress.value == 200 == explorer.progress.max
    assert explorer.image.value != png
    assert "epochs trained" in explorer.readout.value
    # the readout follows the training (not the untrained numbers until the end)
    assert [r["epochs trained"] for r in readouts[:5]] == [0, 50, 100, 150, 200]
    assert readouts[2]["loss"] == pytest.approx(explorer.history[100])
    # one gradient line per layer, the last value the gradient of the trained network
    dW, _ = explorer.net.backward(explorer.X, explorer.y)
    for line_i, dW_i in zip(explorer.parts.grad_lines, dW, strict=True):
        assert line_i.get_ydata()[-1] == pytest.approx(np.linalg.norm(dW_i))
    # moving a control afterwards starts again from an untrained network
    explorer.update(eta=0.1)
    assert len(line.get_xdata()) == 0 and explorer.progress.value == 0


def test_default_train_is_notebook_06_section_4():
    """The explorer's defaults are the notebook's network: same data, seed and algorithm."""
    X, y = spirals(100, k=3, noise=0.2, seed=0)
    net = FeedForwardNetwork([2, 32, 32, 3], "tanh", seed=0)
    history = net.fit(X, y, eta=0.3, epochs=1000)
    explorer = FeedForwardExplorer()
    numbers = explorer.train()
    assert numbers["loss"] == pytest.approx(history[-1], rel=1e-12)
    for p, q in zip(explorer.net.W + explorer.net.b, net.W + net.b, strict=True):
        np.testing.assert_allclose(p, q, rtol=1e-12)


def test_batch_and_seed_reach_fit(explorer):
    explorer.controls["batch"].value = "32"
    explorer.controls["seed"].value = 2
    explorer.controls["epochs"].value = 50
    numbers = explorer.train()
    net = FeedForwardNetwork([2, 12, 8, 3], "tanh", seed=2)
    history = net.fit(explorer.X, explorer.y, 0.3, 50, batch_size=32, seed=2)
    assert numbers["loss"] == pytest.approx(history[-1], rel=1e-12)


def test_train_button_trains_in_the_background_and_stop_stops_it(explorer):
    explorer.controls["epochs"].value = 100
    explorer.train_button.click()
    explorer.thread.join(timeout=120)
    assert explorer.progress.value == 100
    assert explorer.shown["epochs trained"] == 100
    assert not explorer.controls["eta"].disabled and explorer.stop_button.disabled
    explorer.controls["epochs"].value = 3000
    seen = []
    original = explorer.net.fit

    def fit_pressing_stop(*args, callback, **kwargs):  # Stop pressed during epoch 3
        def watched(epoch, loss):
            if epoch == 3:
                explorer.stop_button.click()
            seen.append(epoch)
            return callback(epoch, loss)

        return original(*args, callback=watched, **kwargs)

    explorer.net.fit = fit_pressing_stop
    numbers = explorer.train()
    assert numbers["epochs trained"] == 3 == explorer.progress.value == seen[-1]
    assert numbers["loss"] == pytest.approx(explorer.net.loss(explorer.X, explorer.y))
    assert "stopped after" in explorer.readout.value


def test_divergence_is_shown_not_raised(explorer):
    for name, value in {"hidden1": 32, "hidden2": 32, "eta": 10.0, "epochs": 50}.items():
        explorer.controls[name].value = value  # train() reads the controls
    assert explorer.train() == {}
    assert "diverged" in explorer.readout.value and "eta = 10" in explorer.readout.value
    explorer.update(dataset="blobs", eta=0.3)
    explorer.net.W[-1][:] = 1e308  # absurd weights: the output's sums overflow
    assert explorer.train() == {}
    assert "overflowed" in explorer.readout.value


def test_after_a_diverged_train_every_control_move_starts_afresh():
    """eta 10 diverges; then eta 1 must show the fresh network, and eta 3 must diverge as it
    does on a fresh network (it used to train on from the blown-up weights)."""
    explorer = FeedForwardExplorer(eta=10.0, epochs=300)
    assert explorer.train() == {}
    explorer.controls["eta"].value = 1.0
    assert explorer.shown["loss"] == pytest.approx(fresh_loss(explorer), rel=1e-12)
    assert "untrained" in explorer.parts.ax.get_title()
    explorer.controls["eta"].value = 3.0
    assert explorer.train() == {} and "diverged" in explorer.readout.value
    explorer.controls["eta"].value = 0.3  # and back to a network that trains
    assert explorer.train()["accuracy"] > 0.95


def test_train_again_without_moving_starts_from_a_fresh_network_after_divergence():
    explorer = FeedForwardExplorer(eta=10.0, epochs=300)
    explorer.train()
    assert explorer.net.loss(explorer.X, explorer.y) == pytest.approx(fresh_loss(explorer))


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"hidden1": 100}, "hidden1 must lie between 1 and 64"),
        ({"epochs": 10}, "epochs must lie between 50 and 3000"),
        ({"dataset": "spiral"}, "dataset must be one of"),
        ({"eta": 0.25}, "eta must be one of"),
        ({"init": "he"}, "init must be one of"),
        ({"batch": 16}, "batch must be one of"),
    ],
)
def test_constructor_refuses_values_no_control_can_take(kwargs, says):
    with pytest.raises(ValueError, match=says):
        FeedForwardExplorer(**kwargs)


def test_update_refuses_values_outside_a_slider(explorer):
    with pytest.raises(ValueError, match="hidden1 must lie between 1 and 64"):
        explorer.update(hidden1=100)
    with pytest.raises(ValueError, match="seed must lie between 0 and 9"):
        explorer.update(seed=12)
    assert explorer.net.sizes == [2, 12, 8, 3]  # nothing changed


def test_log_axes_keep_two_labelled_ticks():
    """A sigmoid run's loss spans less than a decade: the axis still reads (1-2-5 labels)."""
    explorer = FeedForwardExplorer(activation="sigmoid", hidden1=2, hidden2=0, epochs=100)
    explorer.train()
    explorer.render()
    for ax in (explorer.parts.ax_loss, explorer.parts.ax_grad):
        low, high = ax.get_ylim()
        formatter = ax.yaxis.get_major_formatter()
        labels = [formatter(t, 0) for t in ax.get_yticks() if low <= t <= high]
        assert len([label for label in labels if label]) >= 2, labels


def test_fit_recording_is_fit_with_gradient_sizes():
    X, y = spirals(20, k=3, seed=1)
    net = FeedForwardNetwork([2, 6, 3], "tanh", seed=0)
    start_dW, _ = net.backward(X, y)
    history, epochs, sizes = fit_recording(net, X, y, 0.5, 25, every=10)
    reference = FeedForwardNetwork([2, 6, 3], "tanh", seed=0).fit(X, y, 0.5, 25)
    np.testing.assert_allclose(history, reference)
    assert list(epochs) == [0, 10, 20, 25] and sizes.shape == (4, 2)
    np.testing.assert_allclose(sizes[0], [np.linalg.norm(d) for d in start_dW])


def test_network_figure_draws_the_notes_picture():
    fig, parts = network_figure((3, 3, 3, 2), path=[0, 1, 2, 1])
    assert [len(layer) for layer in parts.centres] == [3, 3, 3, 2]
    assert len(parts.path_edges) == 3  # one red edge per layer
    texts = {t.get_text() for t in parts.ax.texts}
    assert {"$W_1$", "$W_2$", "$W_3$", "$a_{1,2}$", "$h_{2,3}$", r"$\hat y_2$", "$x_3$"} <= texts
    assert {
        "$W_{1,21}$",
        "$W_{2,32}$",
        "$W_{3,23}$",
        r"$\mathcal{L}$",
    } <= texts  # the path, the loss
    assert min(t.get_fontsize() for t in parts.ax.texts) >= 10  # legible labels
    fig, parts = network_figure((2, 4, 1))
    assert parts.path_edges == []


def test_weight_paths_figure_one_line_per_neuron():
    paths = np.arange(12.0).reshape(4, 3)
    fig, parts = weight_paths_figure({"a": paths, "b": 2 * paths})
    assert [len(ax.lines) for ax in parts.axes] == [3, 3]
    np.testing.assert_allclose(parts.axes[1].lines[2].get_ydata(), 2 * paths[:, 2])


def test_gradcheck_figure_one_line_per_network():
    eps = np.array([1e-2, 1e-4, 1e-6])
    fig, parts = gradcheck_figure(eps, {"a": [1e-5, 1e-9, 1e-7], "b": [1e-5, 1e-8, 1e-6]})
    assert len(parts.lines) == 2
    np.testing.assert_allclose(parts.lines[1].get_ydata(), [1e-5, 1e-8, 1e-6])


def test_gradcheck_figure_theory_slopes():
    """The two dashed references: ε² through the first network's largest ε, 1/ε through its
    smallest."""
    eps = np.array([1e-2, 1e-4, 1e-6])
    _, parts = gradcheck_figure(eps, {"a": [1e-5, 1e-9, 1e-7]})
    truncation, rounding = (line.get_ydata() for line in parts.theory)
    np.testing.assert_allclose(truncation, [1e-5, 1e-9, 1e-13])
    np.testing.assert_allclose(rounding, [1e-11, 1e-9, 1e-7])


def test_static_figures():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    y = np.array([0, 1, 2])
    net = FeedForwardNetwork([2, 4, 3])
    gradients = (np.array([0, 1, 2]), np.array([[1.0, 2.0], [0.5, 1.0], [0.2, 0.4]]))
    fig, parts = decision_figure(net, X, y, [1.0, 0.5, 0.25], gradients, resolution=20)
    assert parts.image.get_array().shape == (20, 20, 3)
    np.testing.assert_allclose(parts.loss_line.get_ydata(), [1.0, 0.5, 0.25])
    np.testing.assert_allclose(parts.grad_lines[1].get_ydata(), [2.0, 1.0, 0.4])
    rgb = region_colours(net, parts.points, 20)
    assert rgb.min() >= 0.5 - 1e-12 and rgb.max() <= 1 + 1e-12
    fig, parts = saturation_figure(1.0)
    grad_se, grad_ce = parts.grad_se, parts.grad_ce
    # on the wrong saturated side, squared error's gradient vanishes, cross-entropy's does not
    assert abs(grad_se[0]) < 1e-3 and grad_ce[0] == pytest.approx(-1, abs=1e-3)
    assert len(fig.axes[0].lines) >= 2


def test_the_moving_title_is_plain_text():
    explorer = FeedForwardExplorer(hidden1=4, hidden2=0, epochs=50)
    title = explorer.parts.ax.get_title()
    assert "η = " in title and "$" not in title


def test_the_loss_panel_shows_the_predicted_start_log_k(explorer):
    assert explorer.parts.start_line.get_ydata()[0] == pytest.approx(np.log(3))
    assert "log 3" in explorer.parts.start_label.get_text()
    explorer.update(dataset="moons")  # two classes
    assert explorer.parts.start_line.get_ydata()[0] == pytest.approx(np.log(2))
    assert "log 2" in explorer.parts.start_label.get_text()
    # and the untrained loss it predicts is near the line
    assert explorer.update(dataset="spirals")["loss"] == pytest.approx(np.log(3), rel=0.1)


def test_loss_curves_figure_names_every_curve_once_with_one_colour_per_label():
    x = np.arange(5)
    fig, parts = loss_curves_figure(
        {
            "left": {"a": (x, 1.0 / (x + 1)), "b": (x, 2.0 / (x + 1))},
            "right": {"a": (x, 0.5 / (x + 1)), "c": (x, 0.3 / (x + 1))},
        },
        ["updates", "epochs"],
    )
    left, right = parts.axes
    assert left.get_yscale() == right.get_yscale() == "log"
    assert left.lines[0].get_color() == right.lines[0].get_color()  # "a" in both
    legend = right.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["a", "b", "c"]
    assert [ax.get_xlabel() for ax in parts.axes] == ["updates", "epochs"]
