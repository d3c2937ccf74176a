import numpy as np
import pytest

from dlnotes.explorers.start_here import SigmoidExplorer
from dlnotes.neurons import sigmoid


@pytest.fixture
def explorer():
    return SigmoidExplorer(w=1.0, b=0.0)


def test_update_returns_the_crossing_point_and_slope(explorer):
    numbers = explorer.update(w=2.0, b=-4.0)
    assert numbers["x where y = 1/2"] == pytest.approx(2.0)
    assert numbers["slope there (w/4)"] == pytest.approx(0.5)


def test_update_moves_the_curve_in_place(explorer):
    line = explorer.parts.sigmoid
    before = line.get_ydata().copy()
    explorer.update(w=5.0, b=1.0)
    assert explorer.parts.sigmoid is line  # same artist, moved
    np.testing.assert_allclose(line.get_ydata(), sigmoid(5.0 * explorer.parts.x + 1.0))
    assert not np.allclose(before, line.get_ydata())
    assert len(explorer.fig.axes[0].lines) == 6  # curve, step, 2 levels, tangent, dot: no pile-up


def test_moving_a_slider_changes_the_picture_and_readout(explorer):
    png = explorer.image.value
    explorer.controls["w"].value = -3.0
    assert explorer.image.value != png and bytes(explorer.image.value).startswith(b"\xff\xd8\xff")
    assert "slope there (w/4)</b> = -0.7500" in explorer.readout.value


def test_w_zero_shows_none_for_every_number_not_nan_or_a_slope(explorer):
    """A flat line has no crossing, so no slope "there" and no rise: "none", never nan/inf."""
    shown = explorer.update(w=0.0, b=1.0)
    assert list(shown.values()) == ["none"] * 4
    explorer.controls["w"].value = 0.0
    assert "nan" not in explorer.readout.value and "inf" not in explorer.readout.value
    assert "slope there (w/4)</b> = none" in explorer.readout.value


def test_the_slope_measured_on_the_drawn_curve_is_close_to_w_over_4(explorer):
    """The readout compares: the drawn curve's rise over run at the crossing against w/4."""
    for w, b in [(1.0, 0.0), (2.0, -3.0), (-4.0, 2.0), (10.0, -7.3)]:
        shown = explorer.update(w=w, b=b)
        measured = shown["slope of the drawn curve there"]
        assert measured == pytest.approx(w / 4, rel=0.01)
        assert measured != w / 4  # measured on the drawn points, not the formula again
    assert explorer.update(w=0.5, b=5.0)["slope of the drawn curve there"] == "off the plot"


def test_the_still_picture_carries_the_numbers_in_its_title(explorer):
    """Viewers without widgets see no readout: the title's second line gives the numbers."""
    explorer.update(w=2.0, b=-3.0)
    neuron, numbers = explorer.parts.ax.get_title().split("\n")
    assert neuron == "w = 2.0, b = -3.0"
    assert numbers == "crosses ½ at x = 1.50, slope there 0.5, green band 2.20 wide"


def test_a_second_title_line_is_not_clipped_after_a_move():
    """The layout is frozen at the first draw: the title has two lines from the start, so a
    move to w = 0 (whose title says why there is no crossing) keeps both lines on the picture."""
    ex = SigmoidExplorer(w=2.0, b=-3.0)
    ex.controls["w"].value, ex.controls["b"].value = 0.0, 3.0
    ex.full_picture()
    title = ex.parts.ax.title.get_window_extent(ex.fig.canvas.get_renderer())
    assert title.y1 <= ex.fig.bbox.height and "w = 0.0, b = 3.0\nflat" in ex.parts.ax.get_title()


def test_crossing_at_zero_reads_0_not_minus_0(explorer):
    explorer.controls["w"].value = 3.0
    assert "x where y = 1/2</b> = 0.0000" in explorer.readout.value


def test_the_caption_says_why_there_is_no_crossing_or_where_it_is(explorer):
    explorer.update(w=0.0, b=1.0)
    assert "flat at σ(b) = 0.73: never crosses ½" in explorer.parts.ax.get_title()
    explorer.update(w=0.0, b=0.0)  # on ½ everywhere: not "never crosses"
    assert "flat at ½: every x gives ½" in explorer.parts.ax.get_title()
    explorer.render()
    assert "every x gives ½" in explorer.caption.value
    explorer.update(w=0.5, b=5.0)  # crosses at x = -10, left of the plot
    assert "crosses ½ at x = -10.00 (off the plot)" in explorer.parts.ax.get_title()


def test_the_exercise_neuron_is_within_reach_of_the_sliders(explorer):
    """Notebook 00's exercise asks the learner to check c = 3 on σ(c·(2x − 3)) with the sliders."""
    from dlnotes.exercises.start_here import B0, SLOPE, W0
    from dlnotes.explorers.start_here import B_RANGE, W_RANGE

    c = 4 * SLOPE / W0
    explorer.controls["w"].value, explorer.controls["b"].value = c * W0, c * B0
    assert W_RANGE[0] <= c * W0 <= W_RANGE[1] and B_RANGE[0] <= c * B0 <= B_RANGE[1]
    assert explorer.shown["slope there (w/4)"] == pytest.approx(SLOPE)
    assert explorer.shown["x where y = 1/2"] == pytest.approx(-B0 / W0)


def test_the_picture_marks_the_crossing_the_slope_and_the_rise(explorer):
    """The dot sits at (−b/w, ½), the tangent has slope w/4, the shaded stretch is 2 ln 9/|w|
    wide around the crossing, and y is 0.1 and 0.9 at its ends (for w < 0 too)."""
    p = explorer.parts
    for w, b in [(2.0, -3.0), (-4.0, 2.0)]:
        shown = explorer.update(w=w, b=b)
        x0 = -b / w
        assert shown["x where y = 1/2"] == pytest.approx(x0)
        assert shown["width of the 0.1-0.9 rise"] == pytest.approx(2 * np.log(9) / abs(w))
        assert list(p.dot.get_xdata()) == [pytest.approx(x0)]
        (xa, xb), (ya, yb) = p.tangent.get_data()
        assert (yb - ya) / (xb - xa) == pytest.approx(w / 4)
        lo, width = p.band.get_x(), p.band.get_width()
        assert width == pytest.approx(shown["width of the 0.1-0.9 rise"])
        ends = sorted(float(sigmoid(w * x + b)) for x in (lo, lo + width))
        assert ends == [pytest.approx(0.1), pytest.approx(0.9)]


def test_w_zero_hides_the_marks(explorer):
    explorer.update(w=0.0, b=1.0)
    assert not explorer.parts.dot.get_visible() and not explorer.parts.band.get_visible()
    explorer.update(w=1.0, b=1.0)
    assert explorer.parts.dot.get_visible() and explorer.parts.band.get_visible()
