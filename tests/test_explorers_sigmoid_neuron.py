"""Explorers and figure builders of notebook 02 (sigmoid steepness, guesswork)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dlnotes import toy
from dlnotes.explorers.sigmoid_neuron import (
    REGION_LABELS,
    GuessworkExplorer,
    SteepnessExplorer,
    error_surface_figure,
    guesswork_figure,
    sigmoid_samples,
    steepness_figure,
    step_polyline,
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
    fig, a = steepness_figure(w=2.0, b=1.0)
    x, y = a.sigmoid.get_data()
    np.testing.assert_allclose(y, sigmoid(2.0 * x + 1.0))
    assert a.half.get_xdata()[0] == pytest.approx(-0.5)
    assert "step at x = -0.5" in a.ax.get_title()


def test_steepness_explorer_moves_artists_and_becomes_the_step():
    ex = SteepnessExplorer()
    a = ex.parts
    y1 = np.array(a.sigmoid.get_ydata())
    out = ex.update(w=5.0, b=-2.5)
    assert out["step at x = -b/w"] == pytest.approx(0.5)
    assert out["slope there (w/4)"] == pytest.approx(1.25)
    assert out["width of the 1%-99% rise"] == pytest.approx(ramp_width(5.0))
    assert a.half.get_xdata()[0] == pytest.approx(0.5)
    y2 = np.array(a.sigmoid.get_ydata())
    assert y1.shape != y2.shape or not np.allclose(y1, y2)

    # w = 1000: sigmoid and step agree everywhere except within the tiny ramp
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = ex.update(w=1000.0, b=-500.0)
    x, y = (np.asarray(v) for v in a.sigmoid.get_data())
    far = np.abs(x - 0.5) > ramp_width(1000.0)
    assert np.max(np.abs(y[far] - (x[far] >= 0.5))) < 1e-3
    sx, sy = a.step.get_data()
    np.testing.assert_allclose(sx, [-4.0, 0.5, 0.5, 4.0])
    assert out["width of the 1%-99% rise"] < 0.01

    # crossing off the plot: no marker, said in the title
    ex.update(w=0.1, b=2.0)
    assert len(a.half.get_xdata()) == 0
    assert "off the plot" in a.ax.get_title()


def test_steepness_explorer_controls_and_render():
    ex = SteepnessExplorer()
    wslider = ex.controls["w"]
    assert wslider.min == pytest.approx(-1) and wslider.max == pytest.approx(3)  # 0.1 .. 1000
    ex.update(w=1.0, b=0.0)
    png1 = ex.render()
    ex.update(w=100.0, b=1.0)
    png2 = ex.render()
    assert png1.startswith(JPEG) and png2.startswith(JPEG)
    assert png1 != png2
    with pytest.raises(ValueError, match="w must be positive"):
        ex.update(w=0.0)


def test_steepness_explorer_reacts_to_slider():
    ex = SteepnessExplorer()
    before = ex.image.value
    ex.controls["w"].value = 50.0
    assert ex.shown["w"] == pytest.approx(50.0)
    assert ex.image.value != before
    assert "w</b> = 50" in ex.readout.value


# -- guesswork explorer -----------------------------------------------------------------------
def test_guesswork_static_figure_shows_the_guesses():
    fig, a = guesswork_figure(1.0, -1.0, guesses=toy.LECTURE_GUESSES)
    tw, tb = a.trail.get_data()
    np.testing.assert_array_equal(tw, [g[0] for g in toy.LECTURE_GUESSES])
    np.testing.assert_array_equal(tb, [g[1] for g in toy.LECTURE_GUESSES])
    assert "0.0731" in a.log_text.get_text() and "0.0000" in a.log_text.get_text()
    np.testing.assert_allclose(a.curve.get_ydata(), toy.f(1.0, -1.0, a.x))


def test_guesswork_explorer_reproduces_the_lecture_losses():
    ex = GuessworkExplorer(w=0.0, b=0.0, merge_within=0.0)
    expected = ["0.0731", "0.1481", "0.0217", "0.0029", "0.0003", "0.0000"]
    for (w, b), loss in zip(toy.LECTURE_GUESSES, expected, strict=True):
        out = ex.update(w=w, b=b)
        assert f"{out['L(w, b)']:.4f}" == loss
        assert out["L(w, b)"] == pytest.approx(toy.error(w, b), rel=1e-15)
    assert out["guesses"] == 7  # the start plus six guesses that moved both sliders
    assert out["best L so far"] == pytest.approx(toy.error(1.78, -2.27))
    assert out["best (w, b)"] == "(1.78, -2.27)"


def test_guesswork_explorer_moves_artists():
    ex = GuessworkExplorer(w=0.5, b=0.0)
    a = ex.parts
    curve0 = np.array(a.curve.get_ydata())
    ex.update(w=1.5, b=-2.0)
    curve1 = np.array(a.curve.get_ydata())
    assert not np.allclose(curve0, curve1)
    np.testing.assert_allclose(curve1, toy.f(1.5, -2.0, a.x))
    assert list(a.current.get_xdata()) == [1.5]
    assert list(a.current.get_ydata()) == [-2.0]
    _, ry = a.resid.get_data()
    fx = toy.f(1.5, -2.0, toy.X)
    assert ry[1] == pytest.approx(fx[0]) and ry[4] == pytest.approx(fx[1])
    tw, _ = a.trail.get_data()
    assert list(tw) == [0.5, 1.5]
    assert "L(w, b) = " in a.ax.get_title()


def test_guesswork_log_amends_drags_and_keeps_the_last_few():
    ex = GuessworkExplorer(w=0.0, b=0.0, keep=3, merge_within=0.7)
    now = [100.0]
    ex.clock = lambda: now[0]
    w, b = ex.controls["w"], ex.controls["b"]

    def move(slider, value, dt):
        now[0] += dt
        slider.value = value  # as the browser does: the slider moves, refresh() follows

    move(w, 0.1, 5.0)
    move(w, 0.2, 0.1)
    move(w, 0.3, 0.1)  # one drag of w: one guess, amended
    assert list(ex.log) == [(0.0, 0.0), (0.3, 0.0)]
    move(w, 0.5, 2.0)  # same slider after a pause: a new guess
    assert list(ex.log) == [(0.0, 0.0), (0.3, 0.0), (0.5, 0.0)]
    move(b, -0.5, 0.1)  # the other slider, even quickly: a new guess; the oldest drops out
    assert list(ex.log) == [(0.3, 0.0), (0.5, 0.0), (0.5, -0.5)]
    assert ex.shown["guesses"] == 4
    assert len(ex.parts.trail.get_xdata()) == 3
    assert ex.parts.log_text.get_text().count("\n") == 3  # header + 3 guesses
    same = ex.update()  # no change: nothing logged
    assert same["guesses"] == 4
    out = ex.clear()
    assert out["guesses"] == 1 and list(ex.log) == [(0.5, -0.5)]


def test_every_move_is_a_guess_with_merge_off():
    ex = GuessworkExplorer(w=0.0, b=0.0, merge_within=0.0)
    for k in range(1, 4):
        ex.controls["w"].value = 0.1 * k
    assert ex.shown["guesses"] == 4


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
    assert len(ax_s.images) == n_images == 1
    assert len(ax_s.collections) == n_collections


def test_bad_arguments():
    with pytest.raises(TypeError, match="w must be a real number"):
        GuessworkExplorer(w="one")
    with pytest.raises(ValueError, match="keep must be at least 1"):
        GuessworkExplorer(keep=0)
    with pytest.raises(ValueError, match="w must be positive"):
        SteepnessExplorer(w=-1.0)


def test_error_surface_figure_marks_the_guesses():
    fig, parts = error_surface_figure()
    ax3, ax = parts.ax3d, parts.ax_contour
    trail = ax.lines[0]
    np.testing.assert_array_equal(trail.get_xdata(), [g[0] for g in toy.LECTURE_GUESSES])
    numbers = [t.get_text() for t in ax.texts if t.get_text().isdigit()]
    assert numbers == [str(k) for k in range(1, len(toy.LECTURE_GUESSES) + 1)]
    # contours labelled (where long enough), with a dark edge: readable on any colour
    assert {"0.01", "0.05"} <= {t.get_text() for t in ax.texts}  # 0.001: too short a loop
    assert all(t.get_path_effects() for t in ax.texts if t.get_text() in ("0.01", "0.05"))
    assert all(t.get_bbox_patch() for t in ax.texts if t.get_text() in REGION_LABELS)
    # the 0.001 contour (a small loop) is drawn in red and pointed at, not left unlabelled
    assert any(t.get_text().startswith("basin: L < 0.001") for t in ax.texts)
    # the 3-D view has w growing to the right and b growing away from the viewer, as on the map
    assert -90 < ax3.azim < 0 and 20 <= ax3.elev <= 60
    assert ax3.name == "3d"
    names = {t.get_text() for t in ax3.texts}
    assert set(REGION_LABELS) - {"basin"} <= {t.get_text() for t in ax.texts}
    assert set(REGION_LABELS) <= names


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


@pytest.mark.parametrize("b", [0.0, -0.0])
def test_steepness_title_never_shows_minus_zero(b):
    fig, a = steepness_figure(w=1.0, b=b)
    assert "-0" not in a.ax.get_title() and "step at x = 0" in a.ax.get_title()
