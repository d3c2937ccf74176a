"""dlnotes/plots.py: figure helpers shared by the notebooks and explorers."""

import pytest

from dlnotes.plots import ROUND_ENDS, axis_end


def test_axis_end_is_kept_while_the_run_fits_and_fills_half_of_it():
    assert axis_end(1000, 1000) == 1000
    assert axis_end(1000, 510) == 1000
    assert axis_end(1500, 1030) == 1500


@pytest.mark.parametrize("needed", [1, 7, 10, 99, 1010, 2999, 3000, 123456])
def test_axis_end_when_outgrown_is_a_round_number_a_fifth_beyond(needed):
    end = axis_end(0.5, needed) if needed > 0.5 else axis_end(1e9, needed)
    assert end >= 1.2 * needed * (1 - 1e-12) or end == 1.0
    mantissa = end / 10 ** int(f"{end:e}".split("e")[1])
    assert any(abs(mantissa - r) < 1e-9 for r in ROUND_ENDS)
    assert axis_end(end, needed) == end  # and kept there: the run fills more than half of it


def test_a_drag_of_the_epochs_slider_moves_the_axis_every_few_steps():
    end, moves = 1000.0, 0
    for epochs in range(1000, 3010, 10):  # 200 presses of the arrow key
        new = axis_end(end, epochs)
        moves += new != end
        end = new
    assert moves <= 4
    assert end >= 3000


# -- the shared style ------------------------------------------------------------------------


def _drawn(fig):
    fig.canvas.draw()
    return fig


def test_the_style_has_no_text_under_ten_css_px():
    import matplotlib

    from dlnotes.plots import DPI, MIN_FONT_PT, STYLE

    assert MIN_FONT_PT * DPI / 72 >= 10
    for key, value in STYLE.items():
        if key.endswith("size"):
            assert value >= MIN_FONT_PT, key
            assert matplotlib.rcParams[key] == value, key  # applied on import


def test_a_figure_with_only_default_sizes_is_readable():
    from dlnotes.plots import MIN_FONT_PT, new_figure, sigmoid_curve, smallest_text_px

    fig, (ax,) = new_figure()
    sigmoid_curve(ax, 2.0, 1.0)
    ax.set_title("a title")
    assert smallest_text_px(_drawn(fig)) >= 10
    tiny = ax.text(0, 0.5, "tiny", fontsize=6)
    assert smallest_text_px(fig) < 10  # the check can fail ...
    _drawn(fig)
    assert tiny.get_fontsize() == MIN_FONT_PT and smallest_text_px(fig) >= 10  # ... drawn: raised


def test_static_figures_are_shown_as_retina_png_in_ipython():
    """In a notebook's kernel a figure is stored with twice its pixels and its CSS size as
    metadata: sharp on a high-DPI screen, the same size on an ordinary one."""
    import base64
    import io

    from IPython.core.interactiveshell import InteractiveShell
    from PIL import Image

    from dlnotes.plots import new_figure, style

    shell = InteractiveShell.instance()
    style()
    fig, (ax,) = new_figure()
    ax.plot([0, 1], [0, 1])
    data, metadata = shell.display_formatter.format(fig)
    png = data["image/png"]
    png = base64.b64decode(png) if isinstance(png, str) else png
    width, height = Image.open(io.BytesIO(png)).size
    shown = metadata["image/png"]
    assert width >= 1.9 * shown["width"] and height >= 1.9 * shown["height"]
    assert 0.9 * 7 * 80 <= shown["width"] <= 7 * 80 + 20  # its CSS size (tight box, padded)


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("where", ["right", "below"])
def test_a_legend_outside_is_off_the_data(where):
    from dlnotes.plots import legend_outside, new_figure

    fig, (ax,) = new_figure()
    ax.plot([0, 1], [0, 1], label="rising")
    ax.plot([0, 1], [1, 0], label="falling")
    ax.set_xlabel("x")
    legend = legend_outside(ax, where)
    _drawn(fig)
    box = legend.get_window_extent()
    assert not _overlaps(box, ax.bbox)
    assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1  # room made in the figure
    assert fig.bbox.y0 <= box.y0 and box.y1 <= fig.bbox.y1
    label = ax.xaxis.label.get_window_extent()
    assert not _overlaps(box, label)


def test_the_sigmoid_legend_is_beside_the_curve():
    from dlnotes.plots import new_figure, sigmoid_curve

    fig, (ax,) = new_figure()
    sigmoid_curve(ax, -3.0, 0.0)  # high on the left, where "upper left" would cover it
    _drawn(fig)
    assert not _overlaps(ax.get_legend().get_window_extent(), ax.bbox)


@pytest.mark.parametrize(
    "low, high, at_least",
    [(0.19, 1.0, 3), (0.02, 0.05, 2), (1e-4, 1.0, 4), (1e-12, 10.0, 4)],
)
def test_a_log_loss_axis_has_readable_labels(low, high, at_least):
    from dlnotes.plots import log_axis, new_figure

    fig, (ax,) = new_figure()
    ax.plot([0, 1], [low, high])
    log_axis(ax)
    _drawn(fig)
    labels = [
        t.get_text()
        for t in ax.get_yticklabels()
        if t.get_text() and low * 0.999 <= t.get_position()[1] <= high * 1.001
    ]
    assert at_least <= len(labels) <= 10, labels
    assert not any("$" in label for label in labels)  # plain numbers


def test_bad_options_are_named():
    from dlnotes.plots import legend_outside, log_axis, new_figure

    fig, (ax,) = new_figure()
    with pytest.raises(ValueError, match="where must be"):
        legend_outside(ax, "left")
    with pytest.raises(ValueError, match="which must be"):
        log_axis(ax, "z")
