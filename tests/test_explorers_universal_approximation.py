"""Notebook 04's explorers, driven without a browser: numbers, moved artists, new pictures."""

import numpy as np
import pytest

from dlnotes.explorers.universal_approximation import (
    BOX,
    ApproximationExplorer,
    Tower2DExplorer,
    TowerExplorer,
    approximation_figure,
    error_figure,
    oil_figure,
    ridges_figure,
    tower_figure,
)
from dlnotes.uat import TARGETS, max_error, smooth, tower, tower_approximation


def test_tower_explorer_moves_the_tower_and_reports_its_top():
    ex = TowerExplorer()
    before = ex.parts.tower.get_ydata().copy()
    png_before = ex.render()
    out = ex.update(w=500.0, s1=0.2, s2=0.7, h=0.8)
    assert out["tower at (s1+s2)/2"] == pytest.approx(0.8, abs=1e-6)
    assert out["w (s2 - s1)"] == pytest.approx(250.0)
    after = ex.parts.tower.get_ydata()
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, tower(ex.parts.x, 0.2, 0.7, 0.8, 500.0))
    assert ex.render() != png_before


@pytest.mark.parametrize(
    "change", [{"w": 3.0}, {"s1": 0.1}, {"s2": 0.9}, {"h": -1.0}], ids=lambda c: next(iter(c))
)
def test_every_tower_control_changes_the_picture(change):
    ex = TowerExplorer()
    png = ex.render()
    ex.update(**change)
    assert ex.render() != png


def test_shallow_tower_top_is_below_h():
    ex = TowerExplorer()
    assert ex.update(w=5.0, s1=0.4, s2=0.6, h=1.0)["tower at (s1+s2)/2"] < 0.5


def test_approximation_explorer_error_and_artists():
    ex = ApproximationExplorer(target="smooth", n_towers=10, w=200.0)
    approx_before = ex.parts.approx.get_ydata().copy()
    png_before = ex.render()
    out = ex.update(n_towers=100, w=2000.0)
    g = tower_approximation(smooth, 0, 1, 100, 2000.0)
    assert out["max error eps"] == pytest.approx(max_error(smooth, g, 0, 1, n_points=1201))
    assert out["neurons 2N"] == 200 and out["w Delta = w/N"] == pytest.approx(20.0)
    np.testing.assert_allclose(ex.parts.approx.get_ydata(), g(ex.parts.x))
    assert not np.allclose(approx_before, ex.parts.approx.get_ydata())
    assert len(ex.parts.towers.get_segments()) == 100
    assert ex.render() != png_before


def test_approximation_error_falls_with_n_and_steepness():
    ex = ApproximationExplorer()
    errs = [ex.update(target="kink", n_towers=n, w=20.0 * n)["max error eps"] for n in (5, 50, 300)]
    assert errs[0] > errs[1] > errs[2]
    # too shallow for the number of towers: much worse than the steep setting
    assert ex.update(n_towers=300, w=30.0)["max error eps"] > 5 * errs[2]


def test_approximation_target_dropdown_changes_target_line():
    ex = ApproximationExplorer()
    for name, f in TARGETS.items():
        ex.update(target=name)
        np.testing.assert_allclose(ex.parts.target.get_ydata(), f(ex.parts.x))
    png = ex.render()
    ex.update(target="wiggly")
    assert ex.render() != png


def test_approximation_each_slider_changes_the_picture():
    ex = ApproximationExplorer()
    for change in ({"n_towers": 11}, {"w": 210.0}):
        png = ex.render()
        ex.update(**change)
        assert ex.render() != png


def test_tower_2d_explorer_threshold_opens_and_closes_the_tower():
    ex = Tower2DExplorer(w=300.0, w_out=60.0)
    closed = ex.update(threshold=1.5)
    assert closed["inside (centre)"] > 0.99
    assert closed["on an arm"] < 1e-3 and closed["outside (corner)"] < 1e-3
    image_before = np.array(ex.parts.closed.get_array()).copy()
    png = ex.render()
    cross = ex.update(threshold=0.5)  # arms pass the threshold too: a cross, not a tower
    assert cross["on an arm"] > 0.99
    assert not np.allclose(image_before, np.array(ex.parts.closed.get_array()))
    assert ex.render() != png
    nothing = ex.update(threshold=2.3)
    assert nothing["inside (centre)"] < 1e-3


@pytest.mark.parametrize("change", [{"w": 5.0}, {"w_out": 3.0}, {"threshold": 1.2}])
def test_every_tower_2d_control_changes_the_picture(change):
    ex = Tower2DExplorer()
    png = ex.render()
    ex.update(**change)
    assert ex.render() != png


def test_ridge_sum_is_two_in_the_box():
    _, parts = ridges_figure(w=500.0, w_out=50.0)
    R = np.array(parts.sum.get_array())
    l1, r1, l2, r2 = BOX
    x = parts.X1[0]
    i1, i2 = np.searchsorted(x, (l1 + r1) / 2), np.searchsorted(x, (l2 + r2) / 2)
    assert R[i2, i1] == pytest.approx(2.0, abs=1e-6)  # rows are x2, columns x1
    assert R[i2, 2] == pytest.approx(1.0, abs=1e-6)  # an arm of the cross
    assert R[2, 2] == pytest.approx(0.0, abs=1e-6)


def test_static_builders():
    fig, parts = tower_figure()
    assert parts.tower.get_ydata().max() > 0.5
    fig, parts = approximation_figure("kink", 8, 160.0)
    assert parts.eps == pytest.approx(
        max_error(TARGETS["kink"], tower_approximation(TARGETS["kink"], 0, 1, 8, 160.0), 0, 1, 1201)
    )
    fig, parts = error_figure(
        {"kink": ([4, 8, 16], [0.1, 0.05, 0.025], -1.0, np.log(0.4))}, epsilon=0.01
    )
    assert len(parts.ax.get_lines()) == 3
    fig, parts = oil_figure(ns=(4, 8), n_points=101)
    errors = parts.errors
    assert errors[4]["wrong"] > errors[8]["wrong"] > 0
    assert "closed towers" in parts.axes[1].get_title()


def test_oil_figure_with_quadrants_has_no_pinholes():
    fig, parts = oil_figure(ns=(16,), n_points=101, construction="quadrants")
    assert "quadrants" in parts.axes[1].get_title()
    assert parts.errors[16]["wrong"] < 0.05
    with pytest.raises(ValueError, match="construction must be"):
        oil_figure(ns=(4,), construction="towers")


@pytest.mark.parametrize(("w", "shape"), [(20.0, "rounded bump"), (70.0, "flat-topped")])
def test_tower_title_says_what_the_picture_shows(w, shape):
    fig, parts = tower_figure(w=w, s1=0.3, s2=0.6, h=1.0)
    assert shape in parts.ax.get_title()


@pytest.mark.parametrize("h", [1.0, -1.5, 0.3])
def test_tower_y_range_fits_steps_and_tower(h):
    ex = TowerExplorer()
    ex.update(h=h)
    low, high = ex.parts.ax.get_ylim()
    assert low <= min(0.0, h) and high >= max(1.0, h)
    assert high - low <= max(1.0, h) - min(0.0, h) + 0.5  # no half-empty panel
