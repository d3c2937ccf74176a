"""Notebook 04's explorers, driven without a browser: numbers, moved artists, new pictures."""

import numpy as np
import pytest

from dlnotes.exercises.universal_approximation import surface
from dlnotes.explorers.universal_approximation import (
    BOX,
    LIPSCHITZ,
    SURFACE_SLOPES,
    ApproximationExplorer,
    HandTowersExplorer,
    SurfaceExplorer,
    Tower2DExplorer,
    TowerExplorer,
    approximation_figure,
    error_figure,
    hand_figure,
    lipschitz,
    network_figure,
    oil_figure,
    ridges_figure,
    staircase_bound,
    surface_errors,
    surface_figure,
    tower_figure,
)
from dlnotes.uat import (
    TARGETS,
    closed_towers_2d,
    kink,
    max_error,
    smooth,
    steepness_for,
    sum_of_towers,
    tower,
    tower_approximation,
    tower_edges,
    tower_heights,
)


def test_tower_explorer_moves_the_tower_and_reports_its_top():
    ex = TowerExplorer()
    before = ex.parts.tower.get_ydata().copy()
    png_before = ex.render()
    out = ex.update(w=500.0, s1=0.2, s2=0.7, h=0.8)
    assert out["tower at (s₁+s₂)/2"] == pytest.approx(0.8, abs=1e-6)
    assert out["w·(s₂ − s₁)"] == pytest.approx(250.0)
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
    out = ex.update(w=5.0, s1=0.4, s2=0.6, h=1.0)
    assert out["tower at (s₁+s₂)/2"] < 0.5
    assert out["predicted h·tanh(w(s₂−s₁)/4)"] == pytest.approx(np.tanh(5.0 * 0.2 / 4))


def test_approximation_explorer_error_and_artists():
    ex = ApproximationExplorer(target="smooth", n_towers=10, w=200.0)
    approx_before = ex.parts.approx.get_ydata().copy()
    png_before = ex.render()
    out = ex.update(n_towers=100, w=2000.0)
    g = tower_approximation(smooth, 0, 1, 100, w=2000.0)
    assert out["max |g − f| on [0, 1]"] == pytest.approx(max_error(smooth, g, 0, 1, n_points=1201))
    assert out["hidden neurons N + 1"] == 101
    np.testing.assert_allclose(ex.parts.approx.get_ydata(), g(ex.parts.x))
    assert not np.allclose(approx_before, ex.parts.approx.get_ydata())
    assert len(ex.parts.towers.get_segments()) == 100
    assert ex.render() != png_before


def test_approximation_error_falls_with_n_and_steepness():
    ex = ApproximationExplorer()
    key = "max |g − f| on [0, 1]"
    errs = [ex.update(target="kink", n_towers=n, w=20.0 * n)[key] for n in (5, 50, 300)]
    assert errs[0] > errs[1] > errs[2]
    # too shallow for the number of towers: much worse than the steep setting
    assert ex.update(n_towers=300, w=30.0)[key] > 5 * errs[2]


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
    for where, predicted in [
        ("inside (centre)", "predicted σ(w_out(2 − τ))"),
        ("on an arm", "predicted σ(w_out(1 − τ))"),
    ]:
        assert closed[where] == pytest.approx(closed[predicted], abs=1e-3)
    assert closed["inside (centre)"] > 0.99
    assert closed["on an arm"] < 1e-3 and closed["outside"] < 1e-3
    image_before = np.array(ex.parts.closed.get_array()).copy()
    png = ex.render()
    cross = ex.update(threshold=0.5)  # arms pass the threshold too: a cross, not a tower
    assert cross["on an arm"] > 0.99
    assert not np.allclose(image_before, np.array(ex.parts.closed.get_array()))
    assert ex.render() != png
    nothing = ex.update(threshold=2.3)
    assert nothing["inside (centre)"] < 1e-3
    assert ex.update(threshold=0.5)["outside"] < 1e-3


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
    g_kink = tower_approximation(TARGETS["kink"], 0, 1, 8, w=160.0)
    assert parts.eps == pytest.approx(max_error(TARGETS["kink"], g_kink, 0, 1, 1201))
    fig, parts = error_figure(
        {"kink": ([4, 8, 16], [0.1, 0.05, 0.025], -1.0, np.log(0.4))}, epsilon=0.01
    )
    labels = parts.ax.get_legend_handles_labels()[1]
    assert "power-law fit (dashed)" in labels and "kink: slope -1.00" in labels
    fig, parts = error_figure(
        {"kink": ([4, 8, 16], [0.1, 0.05, 0.025], -1.0, np.log(0.4))}, bounds={"kink": 0.8}
    )
    assert "bound $M/(2N)$ (pale band)" in parts.ax.get_legend_handles_labels()[1]
    fig, parts = oil_figure(ns=(4, 8), n_points=101)
    errors = parts.errors
    assert errors[4]["wrong"] > errors[8]["wrong"] > 0
    assert "closed towers" in parts.axes[1].get_title()


def test_surface_errors_are_the_same_every_time_and_off_the_seams():
    g8 = closed_towers_2d(surface, (0, 1), (0, 1), 8)
    assert surface_errors(g8) == surface_errors(g8)
    assert surface_errors(g8)["area with |g − f| > 0.2"] == pytest.approx(0.029, abs=0.004)
    assert surface_errors(lambda a, b: surface(a, b))["max |g − f|"] == 0.0


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


# -- the tower's picture: nothing clipped --------------------------------------------------------


@pytest.mark.parametrize(
    ("s1", "s2", "h"), [(0.8, 0.2, 1.0), (0.3, 0.6, -1.0), (0.8, 0.2, -1.5), (0.2, 0.8, 0.45)]
)
def test_tower_y_range_holds_the_whole_tower(s1, s2, h):
    ex = TowerExplorer()
    ex.update(w=50.0, s1=s1, s2=s2, h=h)
    low, high = ex.parts.ax.get_ylim()
    drawn = ex.parts.tower.get_ydata()
    assert low < drawn.min() and high > drawn.max() and low <= 0.0 and high >= 1.0


def test_tower_y_label_stays_in_the_picture_when_h_turns_negative():
    ex = TowerExplorer()
    ex.render()  # the first draw fixes the layout
    ex.update(h=-1.5, s1=0.8, s2=0.2)
    ex.render()
    renderer = ex.fig.canvas.get_renderer()
    box = ex.parts.ax.yaxis.label.get_window_extent(renderer)
    assert box.x0 >= 0


def test_tower_legend_is_off_the_data():
    fig, parts = tower_figure()
    renderer = fig.canvas.get_renderer()
    fig.canvas.draw()
    legend = parts.ax.get_legend().get_window_extent(renderer)
    assert legend.x0 >= parts.ax.get_window_extent(renderer).x1


# -- where the error lives, and the bound beside it ----------------------------------------------


def test_approximation_error_panel_is_the_error():
    _, parts = approximation_figure("wiggly", 40, 800.0)
    g = tower_approximation(TARGETS["wiggly"], 0, 1, 40, w=800.0)
    expected = np.maximum(np.abs(g(parts.x) - TARGETS["wiggly"](parts.x)), 1e-6)
    np.testing.assert_allclose(parts.error.get_ydata(), expected)


def test_rounded_towers_hug_f_inside_while_the_ends_sag():
    # the notebook's suggested experiment: N = 300, w = 200 (w·Δ ≈ 0.7)
    ex = ApproximationExplorer(target="smooth", n_towers=300, w=200.0)
    out = ex.shown
    assert out["max inside [0.1, 0.9]"] < 0.001 < 0.1 < out["max |g − f| on [0, 1]"]
    assert isinstance(out["bound M·Δ/2 + max|f|·σ(−wΔ/2)"], str)  # no bound for round tops
    assert not ex.parts.bound.get_visible()


@pytest.mark.parametrize("target", ["smooth", "wiggly", "kink"])
@pytest.mark.parametrize("n", [8, 64, 300])
def test_measured_error_is_within_the_bound_for_flat_tops(target, n):
    ex = ApproximationExplorer()
    out = ex.update(target=target, n_towers=n, w=20.0 * n)
    bound = out["bound M·Δ/2 + max|f|·σ(−wΔ/2)"]
    assert out["max |g − f| on [0, 1]"] <= bound * (1 + 1e-3)
    assert ex.parts.bound.get_visible() and ex.parts.bound.get_ydata()[0] == bound


def test_the_jump_has_no_bound():
    out = ApproximationExplorer().update(target="jump (not continuous)", n_towers=10, w=200.0)
    assert "none" in out["bound M·Δ/2 + max|f|·σ(−wΔ/2)"]
    assert staircase_bound("jump (not continuous)", 10, 200.0) is None


def test_lipschitz_constants():
    assert LIPSCHITZ["kink"] == pytest.approx(1.2, rel=1e-6)
    assert LIPSCHITZ["smooth"] == pytest.approx(0.8 * np.pi, rel=1e-4)
    assert lipschitz(np.sqrt, 1.0, 4.0) == pytest.approx(0.5, rel=1e-4)


# -- towers set by hand --------------------------------------------------------------------------


def test_hand_towers_score_is_the_max_error_of_those_towers():
    heights = [0.5, 0.7, 0.8, 0.55, 0.3]
    ex = HandTowersExplorer(heights)
    s1, s2, _ = tower_edges(0, 1, 5)
    g = sum_of_towers(ex.parts.x, s1, s2, heights, steepness_for(5))
    assert ex.shown["max |g − f|"] == pytest.approx(np.max(np.abs(g - kink(ex.parts.x))))


def test_hand_towers_at_the_centre_values_meet_the_bound():
    _, _, v = tower_heights(kink, 0, 1, 5)
    ex = HandTowersExplorer(list(v))
    centre = ex.shown["max |g − f|"]
    assert centre == pytest.approx(1.2 * 0.2 / 2, abs=1e-3)  # M·Δ/2: the kink is straight on a bin
    png = ex.render()
    shown = ex.update(v0=0.7)
    assert ex.render() != png
    assert shown["max |g − f|"] > centre + 0.1


def test_hand_towers_need_five_heights():
    with pytest.raises(ValueError, match="5 numbers"):
        HandTowersExplorer([0.5, 0.5])
    fig, parts = hand_figure()
    assert parts.numbers["max |g − f|"] == pytest.approx(0.4, abs=1e-3)


# -- the network drawn ---------------------------------------------------------------------------


def test_network_figure_labels_are_the_telescoped_network():
    _, parts = network_figure(kink, 0.0, 1.0, 3)
    s1, s2, v = tower_heights(kink, 0, 1, 3)
    np.testing.assert_allclose(parts.s, np.append(s1, s2[-1]))
    np.testing.assert_allclose(parts.weights, np.diff(v, prepend=0.0, append=0.0))
    x = np.linspace(-0.2, 1.2, 301)
    telescoped = sum(
        d * (1 / (1 + np.exp(-60.0 * (x - e)))) for e, d in zip(parts.s, parts.weights, strict=True)
    )
    np.testing.assert_allclose(telescoped, sum_of_towers(x, s1, s2, v, 60.0), atol=1e-12)


def test_error_figure_draws_the_bounds():
    results = {"kink": ([4, 8, 16], [0.1, 0.05, 0.025], -1.0, np.log(0.4))}
    _, parts = error_figure(results, bounds={"kink": 1.2})
    bound_line = parts.ax.get_lines()[2]
    np.testing.assert_allclose(bound_line.get_ydata(), 1.2 / (2 * np.array([4, 8, 16])))


# -- 2-D: aligned titles, colour bars; closed towers against quadrants --------------------------


def test_tower_2d_titles_are_all_in_the_picture_with_colour_bars():
    ex = Tower2DExplorer()
    assert ex.titles == []  # no caption above one panel: the three titles line up
    assert len(ex.fig.axes) == 6  # three heat maps, three colour bars
    tops = {round(ax.get_position().y1, 3) for ax in ex.parts.axes}
    assert len(tops) == 1


def test_surface_explorer_closed_towers_fail_at_the_corner_quadrants_do_not():
    ex = SurfaceExplorer("closed towers", 8)
    closed8 = ex.shown
    closed16 = ex.update(n_towers=16)
    assert closed8["max |g − f|"] > 0.8 and closed16["max |g − f|"] > 0.8
    large = "area with |g − f| > 0.2"
    assert closed16[large] > closed8[large] > 0.02  # the stars thin out but multiply
    assert closed16["mean |g − f|"] > 0.02
    assert closed16["g at the corner (0.5, 0.5)"] < 0.01
    assert closed16["f there"] == pytest.approx(surface(0.5, 0.5))
    png = ex.render()
    quads = ex.update(construction="quadrants", n_towers=16)
    assert ex.render() != png
    assert quads["max |g − f|"] < 0.1
    assert quads["max |g − f|"] <= quads["quadrants' bound (M₁ + M₂)·Δ/2"] == pytest.approx(2 / 32)
    assert closed16["max |g − f|"] > 10 * closed16["quadrants' bound (M₁ + M₂)·Δ/2"]
    assert abs(quads["g at the corner (0.5, 0.5)"] - quads["f there"]) < 0.05


def test_surface_figure_refuses_an_unknown_construction():
    with pytest.raises(ValueError, match="construction must be one of"):
        surface_figure("towers", 8)


@pytest.mark.parametrize("target", ["sin", np.sin])
def test_approximation_explorer_names_the_targets_it_knows(target):
    with pytest.raises(ValueError, match="target must be one of the named targets"):
        ApproximationExplorer(target=target)


def test_surface_slopes_are_the_largest_partial_derivatives():
    x = np.linspace(0, 1, 2001)
    X1, X2 = np.meshgrid(x, x)
    d2, d1 = np.gradient(surface(X1, X2), x, x)  # rows are x2, columns x1
    assert np.abs(d1).max() + np.abs(d2).max() == pytest.approx(SURFACE_SLOPES, rel=1e-3)
