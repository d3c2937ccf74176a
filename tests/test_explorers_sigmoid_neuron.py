"""Explorers and figure builders of notebook 02 (sigmoid steepness, guesswork)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dlnotes import toy
from dlnotes.explorers.sigmoid_neuron import (
    BASIN_ZOOM,
    GAP_DISTANCE,
    REGION_LABELS,
    X_HI,
    X_LO,
    GuessworkExplorer,
    SteepnessExplorer,
    error_surface_figure,
    guesswork_figure,
    lecture_guesses_to_target,
    sigmoid_samples,
    steepness_figure,
    step_polyline,
    weight_sweep_figure,
)
from dlnotes.neurons import ramp_width, sigmoid

JPEG = b"\xff\xd8\xff"  # what a move shows (Explorer.render)


# -- helpers ----------------------------------------------------------------------------------
def test_step_polyline():
    x, y = step_polyline(2.0, -1.0, -4.0, 4.0)  # jump at x = 0.5
    np.testing.assert_array_equal(x, [-4.0, 0.5, 0.5, 4.0])
    np.testing.assert_array_equal(y, [0.0, 0.0, 1.0, 1.0])
    x, y = step_polyline(1.0, 10.0, -4.0, 4.0)  # jump at -10, off the plot
    np.testing.assert_array_equal(y, [1.0, 1.0])
    x, y = step_polyline(-1.0, 0.0, -4.0, 4.0)  # negative w: 1 then 0
    np.testing.assert_array_equal(y, [1.0, 1.0, 0.0, 0.0])


def test_sigmoid_samples_resolve_a_steep_rise():
    x = sigmoid_samples(1000.0, -500.0, -4.0, 4.0)  # crossing at 0.5, rise 0.009 wide
    assert np.all(np.diff(x) >= 0)
    inside = (x > 0.5 - ramp_width(1000.0) / 2) & (x < 0.5 + ramp_width(1000.0) / 2)
    assert inside.sum() >= 50


# -- steepness explorer -----------------------------------------------------------------------
def test_steepness_static_figure():
    fig, a = steepness_figure(c=2.0, t=0.25)
    x, y = a.sigmoid.get_data()
    np.testing.assert_allclose(y, sigmoid(2.0 * (x - 0.25)))
    assert a.half.get_xdata()[0] == pytest.approx(0.25)
    assert a.ax.get_xlim() == (X_LO, X_HI) and X_LO < 0 and X_HI > 1  # around criticsRating
    assert "w = 2, b = -0.5" in a.ax.get_title()


def test_steepness_explorer_becomes_the_step_at_a_fixed_crossing():
    ex = SteepnessExplorer()
    a = ex.parts
    gaps, widths = [], []
    for c in [1.0, 10.0, 100.0, 1000.0]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            out = ex.update(c=c, t=0.5)
        assert out["w = c"] == c and out["b = -c t"] == pytest.approx(-0.5 * c)
        assert a.half.get_xdata()[0] == pytest.approx(0.5)  # the crossing stays put
        # the gap shown is the largest gap 0.05 or more from t, measured on the curve drawn
        x, y = (np.asarray(v) for v in a.sigmoid.get_data())
        far = np.abs(x - 0.5) >= GAP_DISTANCE
        gap = out[f"largest gap |sigma - step| at least {GAP_DISTANCE} from t"]
        assert np.max(np.abs(y[far] - (x[far] >= 0.5))) <= gap * (1 + 1e-9) + 1e-300
        gaps.append(gap)
        widths.append(out["width of the 1%-99% rise"])
    assert np.all(np.diff(gaps) < 0) and gaps[-1] < 1e-20  # the limit the notebook teaches
    np.testing.assert_allclose(widths, [ramp_width(c) for c in [1.0, 10.0, 100.0, 1000.0]])
    sx, _ = a.step.get_data()
    np.testing.assert_allclose(sx, [X_LO, 0.5, 0.5, X_HI])


def test_steepness_crossing_moves_the_step():
    ex = SteepnessExplorer(c=1000.0, t=0.5)
    out = ex.update(t=0.8)
    assert out["b = -c t"] == pytest.approx(-800.0)
    assert ex.parts.step.get_data()[0][1] == pytest.approx(0.8)


def test_steepness_explorer_controls_and_render():
    ex = SteepnessExplorer()
    cslider = ex.controls["c"]
    assert cslider.min == pytest.approx(-1) and cslider.max == pytest.approx(3)  # 0.1 .. 1000
    ex.update(c=1.0, t=0.5)
    png1 = ex.render()
    ex.update(c=100.0, t=0.2)
    png2 = ex.render()
    assert png1.startswith(JPEG) and png2.startswith(JPEG)
    assert png1 != png2
    with pytest.raises(ValueError, match="c must (be|lie) between 0.1 and 1000"):
        ex.update(c=5000.0)
    with pytest.raises(ValueError, match="t must (be|lie) between 0 and 1"):
        ex.update(t=-0.5)


def test_steepness_explorer_reacts_to_slider():
    ex = SteepnessExplorer()
    before = ex.image.value
    ex.controls["c"].value = 50.0
    assert ex.shown["w = c"] == pytest.approx(50.0, rel=0.02)
    assert ex.image.value != before


# -- guesswork explorer -----------------------------------------------------------------------
def test_guesswork_static_figure_lists_the_guesses_and_covers_the_map():
    fig, a = guesswork_figure(1.0, -1.0, guesses=toy.LECTURE_GUESSES)
    tw, tb = a.trail.get_data()
    np.testing.assert_array_equal(tw, [g[0] for g in toy.LECTURE_GUESSES])
    assert "7.31e-02" in a.log_text.get_text() and "1.73e-06" in a.log_text.get_text()
    np.testing.assert_allclose(a.curve.get_ydata(), toy.f(1.0, -1.0, a.x))
    assert a.cover.get_visible() and a.cover.get_zorder() > a.trail.get_zorder()
    assert "guesses" in a.ax_surface.get_title() and "your" not in a.ax_surface.get_title()
    _, shown = guesswork_figure(guesses=toy.LECTURE_GUESSES, show_map=True)
    assert not shown.cover.get_visible()


def test_only_a_guess_shows_its_loss_and_counts():
    ex = GuessworkExplorer(w=0.5, b=0.0)
    assert ex.shown["guesses"] == 0
    out = ex.update(w=1.0, b=-1.0)  # moving the sliders is not a guess
    assert out["guesses"] == 0 and "press Guess" in ex.parts.ax.get_title()
    out = ex.guess()
    assert out["guesses"] == 1
    assert out["last guess's L"] == pytest.approx(toy.error(1.0, -1.0))
    assert "L = 1.92e-02" in ex.parts.ax.get_title()
    assert (ex.controls["w"].value, ex.controls["b"].value) == (1.0, -1.0)


def test_the_lecture_guesses_tie_and_four_good_ones_win():
    assert lecture_guesses_to_target() == 5
    ex = GuessworkExplorer()
    for w, b in toy.LECTURE_GUESSES:
        ex.update(w=w, b=b)
        out = ex.guess()
    assert out["guesses"] == 6
    assert "at your guess 5" in out["score"] and "a tie" in out["score"]
    assert out["best L"] == pytest.approx(toy.error(1.78, -2.27))
    ex.start_again()
    for w, b in [(1.0, -1.0), (1.8, -2.3)]:
        ex.update(w=w, b=b)
        out = ex.guess()
    assert "at your guess 2" in out["score"] and "you beat the lecture" in out["score"]
    assert ex.parts.log_text.get_text().count("\n") == 2  # header + 2 guesses


def test_the_map_is_hidden_until_asked():
    ex = GuessworkExplorer()
    covered = ex.render()
    assert ex.parts.cover.get_visible()
    ex.show_map()
    assert not ex.parts.cover.get_visible() and ex.map_button.description == "Hide the map"
    assert ex.image.value != covered
    ex.show_map(False)
    assert ex.parts.cover.get_visible()


def test_guesswork_explorer_moves_artists():
    ex = GuessworkExplorer(w=0.5, b=0.0)
    a = ex.parts
    ex.update(w=1.5, b=-2.0)
    np.testing.assert_allclose(a.curve.get_ydata(), toy.f(1.5, -2.0, a.x))
    assert list(a.current.get_xdata()) == [1.5]
    _, ry = a.resid.get_data()
    fx = toy.f(1.5, -2.0, toy.X)
    assert ry[1] == pytest.approx(fx[0]) and ry[4] == pytest.approx(fx[1])


def test_guesswork_explorer_render_differs_and_no_warnings():
    ex = GuessworkExplorer()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex.update(w=0.5, b=0.0)
        png1 = ex.render()
        ex.update(w=-6.0, b=6.0)
        png2 = ex.render()
    assert png1.startswith(JPEG) and png2.startswith(JPEG)
    assert png1 != png2


def test_guesswork_surface_is_built_once():
    ex = GuessworkExplorer()
    ax_s = ex.parts.ax_surface
    n_images, n_collections = len(ax_s.images), len(ax_s.collections)
    for k in range(5):
        ex.update(w=0.3 * k, b=-0.4 * k)
        ex.guess()
    assert len(ax_s.images) == n_images == 1
    assert len(ax_s.collections) == n_collections


def test_bad_arguments():
    with pytest.raises(TypeError, match="w must be a real number"):
        GuessworkExplorer(w="one")
    with pytest.raises(ValueError, match="w must be between -6 and 6"):
        GuessworkExplorer(w=10.0)  # refused, not clamped (and no phantom guess)
    with pytest.raises(ValueError, match="c must (be|lie) between 0.1 and 1000"):
        SteepnessExplorer(c=5000.0)
    with pytest.raises(ValueError, match="c must be between"):
        SteepnessExplorer(c=-1.0)


def test_error_surface_figure_marks_the_guesses():
    fig, parts = error_surface_figure()
    ax3, ax = parts.ax3d, parts.ax_contour
    trail = ax.lines[0]
    np.testing.assert_array_equal(trail.get_xdata(), [g[0] for g in toy.LECTURE_GUESSES])
    inset = parts.ax_inset
    # every guess is numbered once: on the map, or in the basin's zoomed inset if it lies there
    on_map = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    in_inset = [t.get_text() for t in inset.texts if t.get_text().isdigit()]
    assert on_map + in_inset == [str(k) for k in range(1, len(toy.LECTURE_GUESSES) + 1)]
    w_lo, w_hi, b_lo, b_hi = BASIN_ZOOM
    for t in inset.texts:
        if t.get_text().isdigit():
            wk, bk = toy.LECTURE_GUESSES[int(t.get_text()) - 1]
            assert w_lo <= wk <= w_hi and b_lo <= bk <= b_hi
    assert in_inset  # the guesses that crowded the basin's loop
    # the inset shows the whole basin (the grid's basin points) and the exact fit
    W, B, L = toy.error_surface(np.linspace(-6, 6, 121), np.linspace(-6, 6, 121))
    basin = L < 0.001
    assert w_lo < W[basin].min() and W[basin].max() < w_hi
    assert b_lo < B[basin].min() and B[basin].max() < b_hi
    assert inset.get_xlim() == (w_lo, w_hi) and "basin L < 0.001" in inset.get_title()
    # contours labelled (where long enough), with a dark edge: readable on any colour
    assert {"0.01", "0.05"} <= {t.get_text() for t in ax.texts}  # 0.001: too short a loop
    assert all(t.get_path_effects() for t in ax.texts if t.get_text() in ("0.01", "0.05"))
    assert all(t.get_bbox_patch() for t in ax.texts if t.get_text() in REGION_LABELS)
    # the 3-D view has w growing to the right and b growing away from the viewer, as on the map
    assert -90 < ax3.azim < 0 and 20 <= ax3.elev <= 60
    assert ax3.name == "3d"
    names = {t.get_text() for t in ax3.texts}
    assert set(REGION_LABELS) - {"basin"} <= {t.get_text() for t in ax.texts}
    assert set(REGION_LABELS) - {"basin"} <= names  # on the 3-D view "basin" would hide guesses
    boxes = [t for t in ax.texts + inset.texts if t.get_text().isdigit()]
    assert all(t.get_bbox_patch() for t in boxes)


def test_region_labels_lie_in_their_regions():
    for name, (w, b) in REGION_LABELS.items():
        f1, f2 = toy.f(w, b, toy.X)
        L = toy.error(w, b)
        if name == "basin":
            assert L < 0.001
        elif name == "shelf":
            assert L < 0.03 and f2 > 0.97
        else:  # "plateau (p1, p2)": both outputs saturated at those values
            p1, p2 = (float(v) for v in name[len("plateau (") : -1].split(", "))
            assert abs(f1 - p1) < 0.05 and abs(f2 - p2) < 0.05, (name, f1, f2)


@pytest.mark.parametrize("t", [0.0, -0.0])
def test_steepness_title_never_shows_minus_zero(t):
    fig, a = steepness_figure(c=1.0, t=t)
    assert "b = -0" not in a.ax.get_title() and "b = 0" in a.ax.get_title()


@pytest.mark.parametrize(("c", "t"), [(1.0, 0.5), (20.0, 0.5), (91.0, 0.3), (1000.0, 0.9)])
def test_steepness_marks_the_predicted_gap_where_the_curve_ends(c, t):
    # theory beside what happens: the bars end at σ(−0.05 c) and 1 − σ(−0.05 c), and the
    # sigmoid drawn passes through those very heights at t ∓ 0.05
    fig, a = steepness_figure(c=c, t=t)
    gx, gy = (np.asarray(v, dtype=float) for v in a.gap.get_data())
    predicted = sigmoid(-GAP_DISTANCE * c)
    np.testing.assert_allclose(gx[[0, 1, 3, 4]], [t - 0.05, t - 0.05, t + 0.05, t + 0.05])
    np.testing.assert_allclose(gy[[1, 4]], [predicted, 1 - predicted])
    x, y = (np.asarray(v, dtype=float) for v in a.sigmoid.get_data())
    drawn = np.interp([t - 0.05, t + 0.05], x, y)
    np.testing.assert_allclose(drawn, [predicted, 1 - predicted], rtol=0.02, atol=1e-12)
    # the title is two short lines (it was clipped as one long line)
    lines = a.ax.get_title().split("\n")
    assert len(lines) == 2 and all(len(line) <= 50 for line in lines)
    fig.canvas.draw()
    box = a.ax.title.get_window_extent()
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width


def test_steepness_slider_brackets_the_gap_of_one_percent():
    # the question "which c brings the gap below 0.01?" (c = 20 ln 99 ≈ 91.9): the slider has
    # notches either side within 3 % of it
    ex = SteepnessExplorer()
    s = ex.controls["c"]
    exponents = np.arange(s.min, s.max + s.step / 2, s.step)
    notches = 10.0**exponents
    answer = 20 * np.log(99)
    below, above = notches[notches < answer].max(), notches[notches > answer].min()
    assert sigmoid(-0.05 * below) > 0.01 > sigmoid(-0.05 * above)
    assert above / below < 1.03


# -- the loss as one weight moves: a staircase beside a smooth curve -------------------------
MOVIES_X = np.array(
    [
        [1, 1, 1, 0, 0.81],
        [1, 0, 1, 1, 0.92],
        [1, 0, 0, 0, 0.35],
        [1, 1, 0, 0, 0.49],
        [1, 0, 0, 1, 0.51],
        [1, 0, 1, 0, 0.20],
    ]
)
MOVIES_Y = np.array([1.0, 1.0, 0.0, 0.0, 1.0, 0.0])


def test_weight_sweep_is_a_staircase_beside_a_smooth_curve():
    w = np.array([-3.0, 1.0, 1.0, 2.0, 4.0])
    weights = np.linspace(-4.0, 14.0, 721)
    fig, a = weight_sweep_figure(MOVIES_X, MOVIES_Y, w, 4, weights)
    staircase = np.asarray(a.perceptron.get_ydata())
    smooth = np.asarray(a.sigmoid.get_ydata())
    # the perceptron's loss counts the movies it gets wrong: whole numbers, flat between jumps,
    # jumping only where some movie's w^T x crosses 0 (w4 = -(w^T x without w4) / rating)
    np.testing.assert_array_equal(staircase, np.round(staircase))
    jumps = weights[1:][np.diff(staircase) != 0]
    rest = MOVIES_X[:, :4] @ w[:4]
    crossings = -rest / MOVIES_X[:, 4]
    assert all(np.min(np.abs(crossings - j)) <= weights[1] - weights[0] for j in jumps)
    assert len(jumps) >= 5
    # the sigmoid neuron's loss, computed directly at a few weights, and small steps everywhere
    for k in [0, 300, 720]:
        w_k = w.copy()
        w_k[4] = weights[k]
        assert smooth[k] == pytest.approx(np.sum((sigmoid(MOVIES_X @ w_k) - MOVIES_Y) ** 2))
    assert np.max(np.abs(np.diff(smooth))) < 0.02 < np.max(np.abs(np.diff(staircase)))


def test_weight_sweep_refuses_misfit_shapes():
    with pytest.raises(ValueError, match="X must have shape"):
        weight_sweep_figure(MOVIES_X, MOVIES_Y[:5], np.zeros(5), 4, [0.0, 1.0])
    with pytest.raises(ValueError, match="index"):
        weight_sweep_figure(MOVIES_X, MOVIES_Y, np.zeros(5), 5, [0.0, 1.0])
