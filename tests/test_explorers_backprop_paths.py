"""Notebook 05's path explorer: the paths' products add up to backpropagation's number, for
every weight; the right edges light up; bad input is refused by name."""

import matplotlib
import numpy as np
import pytest

from dlnotes.explorers.backprop_paths import (
    LABEL,
    SIZES,
    X_EXAMPLE,
    BackpropPathsExplorer,
    path_products,
)
from dlnotes.ffn import FeedForwardNetwork

matplotlib.use("Agg")


@pytest.fixture(scope="module")
def explorer():
    return BackpropPathsExplorer()


def test_every_weight_paths_sum_to_backward(explorer):
    for name in explorer.weights:
        shown = explorer.update(weight=name)
        assert shown["sum of the paths"] == pytest.approx(
            shown["net.backward"], rel=1e-12, abs=1e-16
        )


@pytest.mark.parametrize(("name", "count"), [("W_1,21", 6), ("W_2,13", 2), ("W_3,21", 1)])
def test_number_of_paths_and_lit_edges(explorer, name, count):
    shown = explorer.update(weight=name)
    assert sum(1 for label in shown if " → " in label) == count
    lit = [key for key, line in explorer.parts.edges.items() if line.get_visible()]
    i = int(name[2])
    # edges per layer: 1 into the weight's layer, then every edge between the neurons above,
    # and one per output into the loss
    assert (i, int(name[5]) - 1, int(name[4]) - 1) in lit
    assert sum(1 for key in lit if key[0] == len(SIZES)) == (2 if i < 3 else 1)


def test_path_products_against_a_finite_difference():
    net = FeedForwardNetwork(list(SIZES), activation="sigmoid", output="softmax", seed=1)
    x = np.array(X_EXAMPLE)[None, :]
    total = sum(p for _, p in path_products(net, x[0], LABEL, 1, 1, 0))
    eps = 1e-6
    net.W[0][1, 0] += eps
    up = net.loss(x, [LABEL])
    net.W[0][1, 0] -= 2 * eps
    down = net.loss(x, [LABEL])
    assert total == pytest.approx((up - down) / (2 * eps), rel=1e-6)


def test_unknown_weight_refused_by_name(explorer):
    with pytest.raises(ValueError, match="weight must be one of"):
        explorer.update(weight="W_4,11")
    with pytest.raises(ValueError, match="weight"):
        BackpropPathsExplorer(weight="W_1,44")


def test_readout_lists_paths_sum_and_backward(explorer):
    explorer.update(weight="W_1,21")
    explorer.show(explorer.shown)
    text = explorer.readout.value
    assert "x_1 → a_1,2 → a_2,3 → a_3,2" in text and "sum of the paths" in text
    assert "net.backward" in text


def test_readout_shows_the_reuse_behind_backprop(explorer):
    """The paths through each node add up to that node's ∂ℒ/∂a times the local factor, and
    all paths to ∂ℒ/∂a_{i,j} times the weight's input, for a weight of every layer."""
    for name in ("W_1,21", "W_2,13", "W_3,21"):
        shown = explorer.update(weight=name)
        rows = list(shown.items())
        start = next(k for k, (label, _) in enumerate(rows) if label.startswith("reuse"))
        assert rows[start + 1][0].startswith("all paths = ∂ℒ/∂a_")
        assert rows[start + 1][1] == pytest.approx(shown["sum of the paths"], rel=1e-12)
        pairs = rows[start + 2 :]
        assert len(pairs) == (2 * SIZES[int(name[2]) + 1] if name[2] != "3" else 0)
        for (summed_label, summed), (product_label, product) in zip(
            pairs[::2], pairs[1::2], strict=True
        ):
            assert summed_label.startswith("paths through a_") and "× " in product_label
            assert product == pytest.approx(summed, rel=1e-12, abs=1e-18)
    explorer.show(explorer.shown)
    assert "reuse" in explorer.readout.value
