"""Notebook 03's explorer and figures: driven with no browser."""

import ipywidgets as widgets
import numpy as np
import pytest

from dlnotes import toy
from dlnotes.explorers.gradient_descent import (
    GradientDescentExplorer,
    descent_figure,
    descent_run,
    descent_surface_figure,
    eta_comparison_figure,
    loss_limits,
    measured_factor,
    predicted_factor,
    rate_figure,
    tail_trend,
    taylor_figure,
)


@pytest.fixture
def explorer():
    return GradientDescentExplorer()


def test_defaults_show_the_notes_run(explorer):
    numbers = explorer.shown
    assert numbers["epoch"] == 0
    assert (numbers["w"], numbers["b"]) == (-2.0, -2.0)
    assert f"{numbers['L']:.4f}" == "0.4158"
    assert f"{numbers['final L']:.1e}" == "2.4e-11"
    assert numbers["status"] == "ran all 1000 epochs"
    assert bytes(explorer.image.value).startswith(b"\xff\xd8\xff")
    assert "ran all 1000 epochs" in explorer.readout.value


def test_frame_moves_only_the_marker_and_the_drawn_path(explorer):
    a = explorer.parts
    path_all = a.path_all.get_xydata().copy()
    loss_curve = a.loss_line.get_ydata().copy()
    run = explorer._run
    numbers = explorer.update(frame=100)
    assert explorer._run is run  # the path was not recomputed
    assert [f"{numbers['w']:.4f}", f"{numbers['b']:.4f}"] == ["1.0030", "-1.0508"]
    np.testing.assert_allclose(a.marker.get_xydata(), [[numbers["w"], numbers["b"]]])
    assert len(a.path_done.get_xdata()) == 101
    assert a.loss_marker.get_xdata()[0] == 100
    assert a.loss_marker.get_ydata()[0] == pytest.approx(numbers["L"])
    np.testing.assert_array_equal(a.path_all.get_xydata(), path_all)
    np.testing.assert_array_equal(a.loss_line.get_ydata(), loss_curve)
    assert "epoch 100/1000" in a.ax_map.get_title()


def test_frame_render_differs_and_matches_a_full_redraw(explorer):
    explorer.update(frame=10)
    png_10 = explorer.render()
    explorer.update(frame=500)
    png_500 = explorer.render()
    assert png_10 != png_500 and png_500.startswith(b"\xff\xd8\xff")
    # The blitted frame is the same picture as one drawn from scratch.
    explorer._background = None
    assert explorer.render() == png_500


def test_eta_changes_the_path(explorer):
    a = explorer.parts
    before = a.path_all.get_xydata().copy()
    png = explorer.render()
    numbers = explorer.update(eta=0.1)
    after = a.path_all.get_xydata()
    assert not np.allclose(before[1:], after[1:])
    run, losses = descent_run(0.1, -2.0, -2.0, 1000)
    np.testing.assert_array_equal(after, run.path)
    np.testing.assert_array_equal(a.loss_line.get_ydata(), losses)
    assert numbers["final L"] == pytest.approx(losses[-1])
    assert numbers["final L"] > 1e-3  # eta = 0.1 crawls: still far from the fit
    assert explorer.render() != png


def test_start_and_epochs_change_the_path(explorer):
    numbers = explorer.update(w0=3.0, b0=1.0, frame=0)
    assert (numbers["w"], numbers["b"]) == (3.0, 1.0)
    assert numbers["L"] == pytest.approx(toy.error(3.0, 1.0))
    numbers = explorer.update(epochs=200)
    assert len(explorer.parts.path_all.get_xdata()) == 201
    low, high = explorer.parts.ax_loss.get_xlim()  # the run fills at least half of the axis
    assert low == 0.0 and 200 <= high <= 400
    assert numbers["status"] == "ran all 200 epochs"


def test_path_is_cached_per_setting(explorer):
    explorer.update(eta=2.0)
    run = explorer._run
    explorer.update(eta=2.0, frame=7)
    explorer.update(eta=2.0, frame=8)
    assert explorer._run is run
    explorer.update(eta=3.0, frame=8)
    assert explorer._run is not run


def test_epochs_set_the_frame_range_and_play(explorer):
    explorer.controls["frame"].value = 800
    explorer.controls["epochs"].value = 300
    frame = explorer.controls["frame"]
    assert frame.max == 300 and explorer.play.max == 300 and explorer.play.step == 1
    assert frame.value == 300  # clamped
    assert explorer.shown["epoch"] == 300
    assert "epoch 300/300" in explorer.parts.ax_map.get_title()


def test_sliders_change_the_image_and_readout(explorer):
    for name, value in [("eta", 0.5), ("w0", 1.0), ("b0", 2.0), ("epochs", 500), ("frame", 3)]:
        png, readout = explorer.image.value, explorer.readout.value
        explorer.controls[name].value = value
        assert explorer.image.value != png, name
        assert explorer.readout.value != readout, name


def test_controls_and_play(explorer):
    assert isinstance(explorer.controls["eta"], widgets.FloatLogSlider)
    assert set(explorer.controls) == {"eta", "w0", "b0", "epochs", "frame"}
    assert isinstance(explorer.play, widgets.Play)
    assert explorer.play not in explorer.controls.values()
    assert explorer.play in explorer.widget.children[0].children  # shown next to the sliders


def test_epochs_beyond_the_slider_are_refused_by_name(explorer):
    with pytest.raises(ValueError, match="epochs must lie between 10 and 2000"):
        explorer.update(epochs=1e308)
    with pytest.raises(ValueError, match="epochs must lie between 10 and 2000"):
        explorer.update(epochs=-10)
    with pytest.raises(ValueError, match="epochs must lie between 10 and 2000"):
        explorer.update(epochs=5)  # below the slider, as the constructor refuses it
    assert explorer.update(epochs=10)["status"] == "ran all 10 epochs"


def test_large_eta_leaves_the_map_without_warnings(explorer):
    numbers = explorer.update(eta=50.0, frame=1000)
    assert numbers["status"] == "ran all 1000 epochs"
    assert numbers["final L"] > 0.1  # thrown onto a plateau
    assert "off the map" in explorer.parts.ax_map.get_title()
    explorer.update(eta=50.0, frame=0)  # the point shown is on the map
    assert "off the map" not in explorer.parts.ax_map.get_title()
    assert "\n" not in explorer.parts.ax_map.get_title()  # one line: the picture never jumps
    explorer.update(eta=1.0)
    assert "off the map" not in explorer.parts.ax_map.get_title()


def test_divergence_is_reported_not_drawn_as_nan(explorer, monkeypatch):
    # The toy gradient is bounded, so the toy run cannot blow up; a steep bowl can.
    import dlnotes.explorers.gradient_descent as module

    def steep_run(eta, w0, b0, epochs):
        run = module.gradient_descent(lambda theta: 1e3 * theta**3, [w0, b0], eta, epochs)
        return run, toy.error(run.path[:, 0], run.path[:, 1])

    monkeypatch.setattr(module, "descent_run", steep_run)
    numbers = explorer.update(eta=1.0, w0=1.0, frame=50)
    assert numbers["status"].startswith("diverged at epoch ")
    diverged_at = int(numbers["status"].split()[3])
    assert numbers["epoch"] == diverged_at - 1  # the last finite point is shown
    assert np.all(np.isfinite(explorer.parts.path_all.get_xydata()))
    assert np.isfinite(numbers["L"])
    assert f"diverged at {diverged_at}" in explorer.parts.ax_map.get_title()
    assert explorer.render().startswith(b"\xff\xd8\xff")


# -- static figures ------------------------------------------------------------------------------
def test_descent_figure_defaults_mark_the_last_epoch():
    fig, a = descent_figure()
    run, losses = descent_run()
    np.testing.assert_allclose(a.marker.get_xydata(), run.path[-1:])
    assert a.ax_loss.get_yscale() == "log"
    assert a.ax_map.get_xlabel() == "$w$" and a.ax_map.get_ylabel() == "$b$"
    assert "epoch 1000/1000" in a.ax_map.get_title()
    np.testing.assert_allclose(losses, toy.error(run.path[:, 0], run.path[:, 1]))


def test_loss_axis_is_fitted_to_the_curve():
    # the notes' run ends near 2.4e-11: the axis stops at the decade below, not at 1e-34
    fig, a = descent_figure()
    _, losses = descent_run()
    assert a.ax_loss.get_ylim() == pytest.approx((1e-11, 1.0))
    assert a.ax_loss.get_ylim()[0] <= losses.min() and a.ax_loss.get_ylim()[1] >= losses.max()
    assert loss_limits(np.array([0.4, 0.02])) == pytest.approx((0.01, 1.0))
    assert loss_limits(np.array([0.5, 0.0])) == pytest.approx((1e-33, 1.0))  # an exact 0
    assert loss_limits(np.array([0.1, 0.1])) == pytest.approx((0.1, 1.0))


def test_loss_axis_follows_the_run_in_the_explorer(explorer):
    explorer.update(eta=10.0)  # reaches about 1e-32
    assert explorer.parts.ax_loss.get_ylim()[0] < 1e-30
    explorer.update(eta=0.1)  # crawls: stays above 1e-2 (the axis keeps spare decades below)
    bottom, top = explorer.parts.ax_loss.get_ylim()
    assert bottom == pytest.approx(1e-6) and top == pytest.approx(1.0)


def test_the_exact_fit_star_stays_visible_under_the_marker():
    # the run ends on the fit: the marker is a ring around the star, drawn below it
    fig, a = descent_figure(eta=10.0)
    (star,) = [line for line in a.ax_map.lines if line.get_marker() == "*"]
    np.testing.assert_allclose(a.marker.get_xydata()[0], star.get_xydata()[0], atol=1e-4)
    assert a.marker.get_markerfacecolor() == "none"
    assert a.marker.get_markersize() > star.get_markersize()
    assert star.get_zorder() > a.marker.get_zorder()


def test_surface_figure_follows_the_path():
    fig, _ = descent_surface_figure(epochs=100)
    (ax,) = fig.axes
    line = ax.lines[0]
    run, losses = descent_run(epochs=100)
    xs, ys, zs = line.get_data_3d()
    np.testing.assert_allclose(xs, run.path[:, 0])
    np.testing.assert_allclose(zs, losses + 0.005)


def test_taylor_figure_minimum_at_180_for_a_short_step_only():
    fig, parts = taylor_figure()
    angles, predicted, actual = parts.angles, parts.predicted, parts.actual
    assert angles[np.argmin(predicted)] == 180.0 and angles[np.argmin(actual[0.01])] == 180.0
    assert angles[np.argmin(actual[1.0])] == 157.0  # a long step: the best direction drifts
    g = toy.gradient(-2.0, -2.0)
    assert predicted.min() == pytest.approx(-np.hypot(*g))  # per unit step length


def test_eta_comparison_figure_draws_one_curve_per_eta_and_the_guides():
    fig, _ = eta_comparison_figure(etas=(0.1, 1.0, 10.0), epochs=50)
    lines = fig.axes[0].lines
    assert len(lines) == 3
    np.testing.assert_allclose(lines[1].get_ydata(), descent_run(1.0, epochs=50)[1])
    colours = {line.get_color() for line in lines}
    assert "#2ca02c" not in colours and "#d62728" not in colours  # no red-green pair
    fig, _ = eta_comparison_figure(etas=(1.0,), target=1e-4, within=300, predicted=(1.0,))
    ax = fig.axes[0]
    assert any(list(line.get_ydata()) == [1e-4, 1e-4] for line in ax.lines)
    assert any(list(line.get_xdata()) == [300, 300] for line in ax.lines)
    assert ax.get_legend() is not None and ax.get_position().width > 0.7  # legend inside


@pytest.mark.parametrize(("eta", "digits"), [(1.0, 4), (3.0, 4), (10.0, 4), (25.0, 4)])
def test_the_predicted_factor_matches_the_runs(eta, digits):
    """(max |1 - eta lambda|)^2 is the measured slope of the straight tails."""
    _, losses = descent_run(eta)
    assert measured_factor(losses) == pytest.approx(predicted_factor(eta), abs=10**-digits)


def test_the_readout_shows_the_theory(explorer):
    numbers = explorer.update(eta=25.0)
    assert numbers["eta lambda_max (settles if < 2)"] == pytest.approx(2.0102, abs=1e-4)
    assert numbers["predicted factor per epoch"] == pytest.approx(1.0206, abs=1e-4)
    assert numbers["measured (last 50 epochs)"] == pytest.approx(1.0206, abs=1e-3)
    x, y = explorer.parts.predicted.get_data()
    assert len(x) > 0 and y[-1] == pytest.approx(numbers["final L"])
    numbers = explorer.update(eta=0.1)  # still on the plateau: nothing measured near the fit
    assert numbers["measured (last 50 epochs)"] == "-"
    assert len(explorer.parts.predicted.get_xdata()) == 0


def test_a_two_step_cycle_gets_no_prediction_and_says_so(explorer):
    """Just above the limit, next to the fit, the run is in its two-step cycle at the end: no
    measured factor, no predicted tail drawn backwards from the last epoch."""
    numbers = explorer.update(eta=25.12, w0=1.8, b0=-2.3, epochs=1000)
    assert numbers["eta lambda_max (settles if < 2)"] > 2
    assert numbers["measured (last 50 epochs)"] == "two-step cycle: not settling"
    assert len(explorer.parts.predicted.get_xdata()) == 0
    _, losses = descent_run(25.12, 1.8, -2.3, 1000)
    assert tail_trend(losses) == "cycle" and measured_factor(losses) is None


def test_growth_above_the_limit_is_measured_before_the_cycle(explorer):
    """From (2.5, -3) the run comes close to the fit first, so the growth factor shows."""
    numbers = explorer.update(eta=25.12, w0=2.5, b0=-3.0, epochs=400)
    assert numbers["measured (last 50 epochs)"] == pytest.approx(
        numbers["predicted factor per epoch"], abs=1e-3
    )
    assert numbers["measured (last 50 epochs)"] > 1
    x, y = explorer.parts.predicted.get_data()
    assert len(x) > 0 and np.all(np.diff(y) > 0)  # the predicted tail grows, like the run
    _, losses = descent_run(25.12, 2.5, -3.0, 400)
    assert tail_trend(losses) == "grows"


@pytest.mark.parametrize(("eta", "trend"), [(1.0, "falls"), (10.0, "falls"), (0.1, None)])
def test_tail_trend_of_settling_runs(eta, trend):
    _, losses = descent_run(eta)
    assert tail_trend(losses) == trend


def test_rate_figure_marks_the_limit_and_the_best_eta():
    fig, parts = rate_figure()
    lam_min, lam_max = np.linalg.eigvalsh(
        sum(
            (y * (1 - y)) ** 2 * np.outer([x, 1], [x, 1]) for x, y in zip(toy.X, toy.Y, strict=True)
        )
    )
    assert parts.eta_limit == pytest.approx(2 / lam_max)
    assert parts.eta_best == pytest.approx(2 / (lam_min + lam_max))
    assert f"{parts.eta_limit:.2f}, {parts.eta_best:.2f}" == "24.87, 22.04"


@pytest.mark.parametrize("eta", [-1.0, 0.0, 1000.0])
def test_eta_out_of_range_is_refused_in_update_and_constructor(explorer, eta):
    with pytest.raises(ValueError, match="eta must (lie|be) between 0.01 and 100"):
        explorer.update(eta=eta)
    with pytest.raises(ValueError, match="eta must (lie|be) between 0.01 and 100"):
        GradientDescentExplorer(eta=eta)


def test_other_constructor_values_out_of_range_are_refused():
    with pytest.raises(ValueError, match="epochs must (lie|be) between 10 and 2000"):
        GradientDescentExplorer(epochs=5000)
    with pytest.raises(ValueError, match="w0 must (lie|be) between -6 and 6"):
        GradientDescentExplorer(w0=7.0)


def test_the_path_has_a_dot_every_10_epochs_and_play_is_fine_grained(explorer):
    explorer.update(frame=100)
    assert len(explorer.parts.dots.get_xdata()) == 11
    assert explorer.play.step == 2  # 1000 epochs: two a frame
    assert all(c.continuous_update is not False for c in explorer.controls.values())


def test_the_loss_axis_keeps_its_limits_while_the_curve_fits():
    explorer = GradientDescentExplorer()
    a = explorer.parts
    limits = []
    for eta in 10 ** np.arange(0.0, 0.45, 0.05):  # key presses on the η slider
        explorer.update(eta=float(eta))
        low, high = a.ax_loss.get_ylim()
        _, losses = explorer.run(float(eta), -2.0, -2.0, 1000)
        assert low <= max(losses.min(), 1e-33) and losses.max() <= high  # the curve is inside
        limits.append((low, high))
    assert len(set(limits)) < len(limits) - 2  # refitted on a few moves, not on each


def test_the_zoom_follows_the_path_near_the_fit(explorer):
    a = explorer.parts
    w_star, b_star = toy.exact_solution()
    assert a.ax_zoom.get_xlim() == pytest.approx((w_star - 0.06, w_star + 0.06))
    explorer.update(eta=25.0, frame=1000)
    np.testing.assert_array_equal(a.zoom_marker.get_xydata(), a.marker.get_xydata())
    assert len(a.zoom_path.get_xdata()) == 1001
    # the two eigen-directions are drawn through the fit, perpendicular to each other
    (d1, d2) = [np.diff(line.get_xydata(), axis=0)[0] for line in a.ax_zoom.lines[:2]]
    assert abs(d1 @ d2) < 1e-12
