"""The explorer protocol, once for every explorer of the course (dlnotes/explorers/base.py):
unknown controls and impossible values are refused, a bad setting made with a control is shown
in the readout, every control changes the picture, the blitted picture is the full picture, and
the display bundle carries a picture for viewers without widgets."""

import base64
import html

import ipywidgets as widgets
import numpy as np
import pytest

from dlnotes.explorers.base import Explorer, _options
from dlnotes.explorers.feedforward_backprop import FeedForwardExplorer
from dlnotes.explorers.gradient_descent import GradientDescentExplorer
from dlnotes.explorers.perceptron import LearningExplorer, PerceptronExplorer
from dlnotes.explorers.sigmoid_neuron import GuessworkExplorer, SteepnessExplorer
from dlnotes.explorers.start_here import SigmoidExplorer
from dlnotes.explorers.universal_approximation import (
    ApproximationExplorer,
    Tower2DExplorer,
    TowerExplorer,
)

ALL_EXPLORERS = [
    SigmoidExplorer,
    PerceptronExplorer,
    LearningExplorer,
    SteepnessExplorer,
    GuessworkExplorer,
    GradientDescentExplorer,
    TowerExplorer,
    ApproximationExplorer,
    Tower2DExplorer,
    FeedForwardExplorer,
]


@pytest.fixture(scope="module", params=ALL_EXPLORERS, ids=lambda c: c.__name__)
def explorer(request) -> Explorer:
    return request.param()


def _rgb(png: bytes) -> np.ndarray:
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float)


def test_unknown_control_is_refused(explorer):
    with pytest.raises(TypeError, match="unknown control.*no_such_control"):
        explorer.update(no_such_control=1)


def test_impossible_values_are_named_errors(explorer):
    for name, control in explorer.controls.items():
        if hasattr(control, "options"):
            with pytest.raises(ValueError, match=f"{name} must be one of"):
                explorer.update(**{name: "bogus"})
        else:
            with pytest.raises(ValueError, match=f"{name} must be a finite number"):
                explorer.update(**{name: float("nan")})
            with pytest.raises(TypeError, match=f"{name} must be a real number"):
                explorer.update(**{name: "3"})


def _move(control) -> None:
    """Move a control as a learner would: the next option, or a third of its range."""
    old = control.value
    if _options(control) is not None:
        control.value = next(o for o in _options(control) if o != old)
    else:
        span = control.max - control.min
        control.value = old + span / 3 if old + span / 3 <= control.max else old - span / 3


def test_every_control_changes_the_picture(explorer):
    """... or its caption (a setting that only takes effect on Train, such as eta)."""
    for name, control in explorer.controls.items():
        before = explorer.image.value, explorer.caption.value
        old = control.value
        _move(control)
        assert (explorer.image.value, explorer.caption.value) != before, name
        control.value = old


def _full_draw(explorer, titles: bool) -> np.ndarray:
    """The whole figure drawn the ordinary way (no blitting), moving titles shown or not."""
    artists = [*explorer.moving, *explorer.titles]
    placed = [title.get_position() for title in explorer.titles]  # a draw may move titles
    for artist in artists:
        artist.set_animated(False)
    for title in explorer.titles:
        title.set_visible(titles)
    try:
        explorer.fig.canvas.draw()
        return np.asarray(explorer.fig.canvas.buffer_rgba())[..., :3].astype(float)
    finally:
        for artist in artists:
            artist.set_animated(True)
        for title, xy in zip(explorer.titles, placed, strict=True):
            title.set_visible(True)
            title.set_position(xy)


def test_the_blitted_picture_is_the_full_picture(explorer):
    """render() draws only the moving artists over a cached background, copies the legends
    back on top and leaves the moving titles to the caption: the result must be what drawing
    the whole figure without those titles gives, less the rows only they used."""
    sent = _rgb(explorer.render())
    rows = explorer._title_rows
    blitted = np.asarray(explorer.fig.canvas.buffer_rgba())[rows:, :, :3].astype(float)
    full = _full_draw(explorer, titles=False)[rows:]
    assert sent.shape == blitted.shape == full.shape
    assert np.abs(blitted - full).mean() < 0.5
    assert np.abs(sent - blitted).mean() < 1.0  # JPEG at quality 95 (measured 0.4-0.5)


def test_the_blitted_picture_stays_the_full_picture_as_controls_move(explorer):
    """Moves that change an axis' limits redraw only that axes in the background
    (Explorer._redraw_axes): after each control moves, blitting still gives the full picture."""
    rows = explorer._title_rows
    for name, control in explorer.controls.items():
        old = control.value
        _move(control)
        explorer.render()
        blitted = np.asarray(explorer.fig.canvas.buffer_rgba())[rows:, :, :3].astype(float)
        full = _full_draw(explorer, titles=False)[rows:]
        assert np.abs(blitted - full).mean() < 0.5, name
        assert (np.abs(blitted - full).max(axis=2) > 30).mean() < 0.01, name  # few pixels off
        control.value = old


def test_the_static_picture_has_the_titles(explorer):
    """What viewers without widgets get (and what full_picture() saves) is the whole figure."""
    picture = _rgb(explorer.full_picture())
    full = _full_draw(explorer, titles=True)
    assert picture.shape == full.shape
    assert np.abs(picture - full).mean() < 0.5


def test_moving_titles_are_the_caption(explorer):
    """A moving title is shown as HTML above the picture, with its text, not drawn into it."""
    assert not any(t in explorer.moving for t in explorer.titles)
    for title in explorer.titles:
        assert html.escape(title.get_text()).split("\n")[0] in explorer.caption.value
    if explorer.titles:
        assert explorer.caption in explorer.widget.children
        assert explorer._title_rows > 0 or len(explorer.fig.axes) > 1


def test_display_bundle_has_the_widget_and_the_picture(explorer):
    bundle = explorer._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == (
        explorer.widget.model_id
    )
    png = base64.b64decode(bundle["image/png"])
    assert png[:4] == b"\x89PNG" and png == explorer.full_picture()
    assert type(explorer).__name__ in bundle["text/plain"]


def test_a_bad_setting_made_with_a_control_is_shown_in_the_readout():
    class Clashing(SigmoidExplorer):
        def _update(self, w, b):
            if w > 5:
                raise ValueError("w and b clash")
            return super()._update(w, b)

    ex = Clashing()
    picture = ex.image.value
    ex.controls["w"].value = 6.0
    assert "w and b clash" in ex.readout.value
    assert ex.image.value == picture  # the last good picture stays


def test_quietly_changes_a_control_without_redrawing():
    ex = SigmoidExplorer()
    picture = ex.image.value
    with ex.quietly():
        ex.controls["w"].value = 4.0
    assert ex.image.value == picture
    ex.controls["b"].value = 1.0  # outside the block, moves redraw again (with the new w)
    assert ex.shown["slope there (w/4)"] == 1.0


def test_log_sliders_start_on_their_grid(explorer):
    """The page snaps a log slider to base^(min + k·step) and sends that value back: starting
    there, the echo changes nothing (Explorer.on_the_grid)."""
    for name, control in explorer.controls.items():
        if isinstance(control, widgets.FloatLogSlider):
            k = (np.log(control.value) / np.log(control.base) - control.min) / control.step
            assert abs(k - round(k)) < 1e-9, name


def test_an_echo_of_the_same_value_does_not_redraw(explorer):
    """A value equal to the drawn one to rounding (the page's echo) does not redraw."""
    for name, control in explorer.controls.items():
        if isinstance(control.value, float) and control.value != 0 and _options(control) is None:
            explorer.refresh()
            before = explorer.image.value
            explorer.timings.clear()
            control.value = control.value * (1 + 1e-12)
            assert explorer.timings == {} and explorer.image.value is before, name


# -- moving images are pasted, not drawn (base._paste_image) -----------------------------------


def _drawn_both_ways(interpolation, origin="lower", extent=(0, 1, 0, 1), limits=(0, 1), rgb=False,
                     **kw):  # fmt: skip
    """One image drawn by matplotlib and pasted by _paste_image over the same background."""
    from dlnotes.explorers.base import _paste_image
    from dlnotes.plots import new_figure

    fig, (ax,) = new_figure(width=4, height=3)
    data = np.random.default_rng(0).random((13, 17, 3) if rgb else (13, 17))
    image = ax.imshow(data, origin=origin, extent=extent, interpolation=interpolation,
                      aspect="auto", animated=True, **kw)  # fmt: skip
    ax.set_xlim(*limits)
    ax.set_ylim(*limits)
    canvas = fig.canvas
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)
    fig.draw_artist(image)
    drawn = np.asarray(canvas.buffer_rgba())[..., :3].astype(float)
    canvas.restore_region(background)
    pasted_at_all = _paste_image(canvas, image)
    pasted = np.asarray(canvas.buffer_rgba())[..., :3].astype(float)
    return pasted_at_all, drawn, pasted


@pytest.mark.parametrize(
    "interpolation, kw",
    [("nearest", {}), ("nearest", {"rgb": True}), ("bilinear", {"rgb": True}),
     ("bilinear", {"interpolation_stage": "rgba"})],
    ids=["nearest", "nearest-rgb", "bilinear-rgb", "bilinear-colours"],
)  # fmt: skip
@pytest.mark.parametrize("origin", ["lower", "upper"])
@pytest.mark.parametrize("extent", [(0, 1, 0, 1), (-0.3, 1.2, 0.2, 1.5)], ids=["fits", "spills"])
def test_a_pasted_image_is_the_drawn_image(interpolation, kw, origin, extent):
    pasted_at_all, drawn, pasted = _drawn_both_ways(interpolation, origin, extent, **kw)
    assert pasted_at_all
    differs = np.abs(pasted - drawn).max(axis=2)
    # Pillow rounds a little differently: bilinear colours within 10 levels of 255 (measured),
    # a nearest cell's edge a pixel off here and there
    assert differs.mean() < 1.5
    assert (differs > 30).mean() < 0.01
    if interpolation == "bilinear":
        assert differs.max() <= 10


def test_an_image_matplotlib_must_draw_is_not_pasted():
    for interpolation, kw in [("antialiased", {}), ("nearest", {"alpha": 0.5}), ("bicubic", {}),
                              ("bilinear", {"interpolation_stage": "data"})]:  # fmt: skip
        pasted_at_all, drawn, pasted = _drawn_both_ways(interpolation, **kw)
        assert not pasted_at_all
        assert np.abs(pasted - drawn).max() > 0  # nothing was pasted: the background is left
