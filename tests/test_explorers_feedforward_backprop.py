"""Tests of notebook 05's explorer and figure builders (no browser needed)."""

import numpy as np
import pytest

from dlnotes.explorers.feedforward_backprop import (
    FeedForwardExplorer,
    decision_figure,
    network_figure,
    region_colours,
    saturation_figure,
    weight_paths_figure,
)
from dlnotes.ffn import FeedForwardNetwork


@pytest.fixture
def explorer():
    return FeedForwardExplorer(hidden1=12, hidden2=8, epochs=200, eta=0.3, redraws=4)


def test_update_builds_the_chosen_network(explorer):
    numbers = explorer.update(hidden1=5, hidden2=0, activation="sigmoid")
    assert explorer.net.sizes == [2, 5, 3]
    assert explorer.net.activation == "sigmoid"
    assert numbers["parameters"] == 5 * 2 + 5 + 3 * 5 + 3
    assert numbers["loss"] == pytest.approx(explorer.net.loss(explorer.X, explorer.y))
    assert 0 <= numbers["accuracy"] <= 1
    numbers = explorer.update(hidden1=4, hidden2=6)
    assert explorer.net.sizes == [2, 4, 6, 3]
    assert numbers["parameters"] == 4 * 2 + 4 + 6 * 4 + 6 + 3 * 6 + 3


def test_every_control_changes_the_picture(explorer):
    """... or its caption: eta and epochs take effect when Train is pressed."""
    values = {
        "hidden1": 20,
        "hidden2": 3,
        "activation": "sigmoid",
        "eta": 0.05,
        "epochs": 500,
        "dataset": "moons",
    }
    explorer.render()
    shown = explorer.image.value, explorer.caption.value
    for name, value in values.items():
        explorer.controls[name].value = value  # as a learner would: refresh renders
        assert (explorer.image.value, explorer.caption.value) != shown, name
        shown = explorer.image.value, explorer.caption.value


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
    numbers = explorer.train()
    assert numbers["epochs"] == 200
    assert numbers["loss"] < 0.7 * start["loss"]
    assert numbers["accuracy"] > start["accuracy"]
    assert numbers["accuracy"] == pytest.approx(explorer.net.accuracy(explorer.X, explorer.y))
    assert len(line.get_xdata()) == 201
    np.testing.assert_allclose(line.get_ydata()[-1], numbers["loss"])
    assert explorer.progress.value == 200 == explorer.progress.max
    assert explorer.image.value != png
    assert "final training accuracy" in explorer.readout.value
    # moving a control afterwards starts again from an untrained network
    explorer.update(eta=0.1)
    assert len(line.get_xdata()) == 0 and explorer.progress.value == 0


def test_train_button_trains_in_the_background_and_stop_stops_it(explorer):
    explorer.controls["epochs"].value = 100
    explorer.train_button.click()
    explorer.thread.join(timeout=120)
    assert explorer.progress.value == 100
    assert explorer.shown["epochs"] == 100
    assert not explorer.controls["eta"].disabled and explorer.stop_button.disabled
    explorer.controls["epochs"].value = 3000
    seen = []

    def stop_at_third(epoch, loss, fit=explorer.net.fit):  # press Stop during epoch 3
        if len(seen) == 2:
            explorer.stop_button.click()
        seen.append(epoch)

    explorer.net = explorer._make_net(12, 8, "tanh")
    original = explorer.net.fit
    explorer.net.fit = lambda *a, callback, **k: original(
        *a, callback=lambda e, L: (stop_at_third(e, L), callback(e, L))[1], **k
    )
    numbers = explorer.train()
    assert numbers["epochs"] == 3 == explorer.progress.value
    assert numbers["loss"] == pytest.approx(explorer.net.loss(explorer.X, explorer.y))
    assert "stopped" in explorer.readout.value


def test_divergence_is_shown_not_raised(explorer):
    for name, value in {"hidden1": 32, "hidden2": 32, "eta": 10.0, "epochs": 50}.items():
        explorer.controls[name].value = value  # train() reads the controls
    assert explorer.train() == {}
    assert "diverged" in explorer.readout.value and "eta = 10" in explorer.readout.value
    explorer.update(dataset="blobs", eta=0.3)
    explorer.net.W[-1][:] = 1e308  # absurd weights: the output's sums overflow
    assert explorer.train() == {}
    assert "overflowed" in explorer.readout.value


def test_network_figure_draws_the_notes_picture():
    fig, parts = network_figure((3, 3, 3, 2), path=[0, 1, 2, 1])
    assert [len(layer) for layer in parts.centres] == [3, 3, 3, 2]
    assert len(parts.path_edges) == 3  # one red edge per layer
    texts = {t.get_text() for t in parts.ax.texts}
    assert {"$W_1$", "$W_2$", "$W_3$", "$a_{12}$", "$h_{32}$", "$x_3$"} <= texts
    fig, parts = network_figure((2, 4, 1))
    assert parts.path_edges == []


def test_weight_paths_figure_one_line_per_neuron():
    paths = np.arange(12.0).reshape(4, 3)
    fig, parts = weight_paths_figure({"a": paths, "b": 2 * paths})
    assert [len(ax.lines) for ax in parts.axes] == [3, 3]
    np.testing.assert_allclose(parts.axes[1].lines[2].get_ydata(), 2 * paths[:, 2])


def test_static_figures():
    X = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    y = np.array([0, 1, 2])
    net = FeedForwardNetwork([2, 4, 3])
    fig, parts = decision_figure(net, X, y, history=[1.0, 0.5, 0.25], resolution=20)
    assert parts.image.get_array().shape == (20, 20, 3)
    np.testing.assert_allclose(parts.loss_line.get_ydata(), [1.0, 0.5, 0.25])
    rgb = region_colours(net, parts.points, 20)
    assert rgb.min() >= 0.5 - 1e-12 and rgb.max() <= 1 + 1e-12
    fig, parts = saturation_figure(1.0)
    grad_se, grad_ce = parts.grad_se, parts.grad_ce
    # on the wrong saturated side, squared error's gradient vanishes, cross-entropy's does not
    assert abs(grad_se[0]) < 1e-3 and grad_ce[0] == pytest.approx(-1, abs=1e-3)
    assert len(fig.axes[0].lines) >= 2


def test_the_moving_title_is_plain_text():
    explorer = FeedForwardExplorer(hidden1=4, hidden2=0, epochs=3)
    title = explorer.parts.ax.get_title()
    assert "η = " in title and "$" not in title
