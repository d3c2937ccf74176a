"""The explorer protocol, once for every explorer of the course (explorers/base.py, rendering.py):
unknown controls and impossible values are refused, a bad setting made with a control is shown
in the readout, every control changes the picture, the blitted picture is the full picture, and
the display bundle carries a picture for viewers without widgets."""

import base64
import html
import re

import ipywidgets as widgets
import numpy as np
import pytest

from dlnotes.explorers import all_explorers
from dlnotes.explorers.base import Explorer, options, value_range
from dlnotes.explorers.rendering import MAX_CSS_HEIGHT, MIN_CAPTION_PX
from dlnotes.explorers.start_here import SigmoidExplorer

ALL_EXPLORERS = all_explorers()  # found through the registry, never a hand-kept list


def test_every_explorer_of_the_package_is_registered():
    """Every Explorer subclass defined in a dlnotes.explorers module, found by walking the
    class hierarchy, is in the registry (and one defined elsewhere, as in a test, is not)."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = {c for c in subclasses(Explorer) if c.__module__.startswith("dlnotes.explorers.")}
    assert ours == set(ALL_EXPLORERS)
    assert len(ALL_EXPLORERS) >= 10  # the ten explorers of notebooks 00-05

    class Elsewhere(SigmoidExplorer):
        pass

    assert Elsewhere not in all_explorers()


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
    if options(control) is not None:
        control.value = next(o for o in options(control) if o != old)
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
    the whole figure without those titles gives."""
    sent = _rgb(explorer.render())
    blitted = np.asarray(explorer.fig.canvas.buffer_rgba())[..., :3].astype(float)
    full = _full_draw(explorer, titles=False)
    assert sent.shape == blitted.shape == full.shape
    assert np.abs(blitted - full).mean() < 0.5
    # JPEG at quality 90, colour at half resolution: measured 0.4-1.2 (thin coloured lines most)
    assert np.abs(sent - blitted).mean() < 2.0


def test_the_blitted_picture_stays_the_full_picture_as_controls_move(explorer):
    """Moves that change an axis' limits redraw only that axes in the background
    (Explorer._redraw_axes): after each control moves, blitting still gives the full picture."""
    for name, control in explorer.controls.items():
        old = control.value
        _move(control)
        explorer.render()
        blitted = np.asarray(explorer.fig.canvas.buffer_rgba())[..., :3].astype(float)
        full = _full_draw(explorer, titles=False)
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
    """A moving title is shown as HTML over the picture's top, with its text, where the title
    would be drawn (its bottom at the title's bottom), not drawn into the picture."""
    assert not any(t in explorer.moving for t in explorer.titles)
    for title in explorer.titles:
        assert html.escape(title.get_text()).split("\n")[0] in explorer.caption.value
    if explorer.titles:
        children = explorer.widget.children
        assert children.index(explorer.caption) == children.index(explorer.image) + 1
        image, caption = explorer.image.layout, explorer.caption.layout
        top, _, bottom, _ = (_px(m) for m in caption.margin.split())
        assert top == -_px(image.height) and top + _px(caption.height) + bottom == 0
        renderer = explorer.fig.canvas.get_renderer()
        for title in explorer.titles:
            place = explorer.fig.bbox.height - title.get_window_extent(renderer).y0
            assert f"height:{place / explorer.pixel_ratio():.0f}px" in explorer.caption.value


def test_display_bundle_has_the_widget_and_the_picture(explorer):
    """The live widget, and for viewers without widgets a PNG drawn at SCALE device pixels per
    CSS pixel whose metadata asks for its CSS size (sharp on high-DPI, not shown twice as big)."""
    bundle, metadata = explorer._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == (
        explorer.widget.model_id
    )
    png = base64.b64decode(bundle["image/png"])
    assert png[:4] == b"\x89PNG" and png == explorer.full_picture()
    assert type(explorer).__name__ in bundle["text/plain"]
    rows, columns = _rgb(png).shape[:2]
    size = metadata["image/png"]
    assert columns / size["width"] >= 1.5 and rows / size["height"] >= 1.5


# -- the picture at its natural size, sharp (rendering.Picture) --------------------------------


def _px(length: str) -> float:
    if length == "0":
        return 0.0
    assert length.endswith("px"), length
    return float(length[:-2])


def test_the_picture_is_shown_at_a_fixed_css_size_never_stretched(explorer):
    """The image has a fixed CSS width and height (the page cannot stretch it), with at least
    1.5 device pixels per CSS pixel along each axis, and never grows in its box."""
    explorer.render()
    layout = explorer.image.layout
    width, height = _px(layout.width), _px(layout.height)
    rows, columns = _rgb(_png_of(explorer.image.value)).shape[:2]
    assert columns / width >= 1.5 and rows / height >= 1.5
    assert abs(columns / width - rows / height) < 0.02 * rows / height  # not distorted
    assert layout.flex == "0 0 auto" and layout.align_self == "flex-start"
    assert layout.object_fit == "contain"


def test_the_whole_explorer_fits_a_laptop_screen(explorer):
    """1366x768: JupyterLab leaves about 640 px of notebook height and 1000 px of width."""
    explorer.render()
    width, height = _px(explorer.image.layout.width), _px(explorer.image.layout.height)
    assert width <= 1000 and height <= MAX_CSS_HEIGHT


def test_no_text_in_the_picture_is_under_ten_css_px(explorer):
    from dlnotes.plots import smallest_text_px

    explorer.full_picture()
    assert smallest_text_px(explorer.fig) >= 10


def test_the_caption_is_as_wide_as_the_picture_and_never_wraps(explorer):
    if not explorer.titles:
        pytest.skip("no moving title")
    assert explorer.caption.layout.width == explorer.image.layout.width
    assert _px(explorer.caption.layout.height) >= 10
    assert "white-space:nowrap" in explorer.caption.value
    sizes = [float(x) for x in re.findall(r"font-size:([0-9.]+)px", explorer.caption.value)]
    assert sizes and min(sizes) >= MIN_CAPTION_PX


def test_a_long_caption_gets_a_smaller_font_not_a_second_line():
    ex = SigmoidExplorer()
    normal = re.findall(r"font-size:([0-9.]+)px", ex.caption.value)
    ex.parts.ax.set_title("a title far too long for its axes " * 3)
    ex.render()
    small = re.findall(r"font-size:([0-9.]+)px", ex.caption.value)
    assert float(small[0]) < float(normal[0])
    ex.parts.ax.set_title("two\nlines")
    ex.render()
    assert "two lines" in ex.caption.value  # no room for a second line: joined, no jump


def _png_of(jpeg: bytes) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.open(io.BytesIO(jpeg)).save(buf, format="png")
    return buf.getvalue()


# -- the range rule: one for every explorer ----------------------------------------------------


def _outside(control) -> list:
    """Two values just outside a slider's range, one below and one above."""
    low, high = value_range(control)
    span = high - low
    if getattr(control, "base", None):
        return [low / 2, high * 2]
    step = max(round(span / 10), 1) if isinstance(control.value, int) else max(span / 10, 1)
    return [low - step, high + step]


def test_a_value_outside_a_sliders_range_is_refused_by_update(explorer):
    checked = 0
    for name, control in explorer.controls.items():
        if value_range(control) is None:
            continue
        for value in _outside(control):
            with pytest.raises(ValueError, match=f"{name} must lie between"):
                explorer.update(**{name: value})
            checked += 1
        low, high = value_range(control)
        explorer.update(**{name: type(control.value)(high)})  # the ends themselves are fine
    explorer.refresh()
    assert checked or not any(value_range(c) for c in explorer.controls.values())


def test_a_constructor_value_outside_a_sliders_range_is_refused():
    """Every registered explorer: a constructor argument named like a slider is checked with
    the same rule (not clamped by the slider without a word)."""
    import inspect

    checked, wrong = [], []
    for cls in ALL_EXPLORERS:
        arguments = inspect.signature(cls.__init__).parameters
        explorer = cls()
        for name, control in explorer.controls.items():
            if name in arguments and value_range(control) is not None:
                for value in _outside(control):
                    try:
                        cls(**{name: value})
                        wrong.append(f"{cls.__name__}({name}={value}) accepted")
                    except Exception as err:  # noqa: BLE001 - any other error is reported
                        if not (
                            isinstance(err, ValueError) and re.search(rf"\b{name}\b", str(err))
                        ):
                            wrong.append(f"{cls.__name__}({name}={value}): {err!r}")
                checked.append(f"{cls.__name__}.{name}")
    assert len(checked) >= 10, checked
    assert not wrong, "\n".join(wrong)


def test_the_range_message_names_the_control_and_its_range():
    with pytest.raises(ValueError, match=r"w must lie between -10 and 10; got 20"):
        SigmoidExplorer(w=20)
    with pytest.raises(ValueError, match=r"b must lie between -10 and 10; got -11"):
        SigmoidExplorer().update(b=-11)


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
        if isinstance(control.value, float) and control.value != 0 and options(control) is None:
            explorer.refresh()
            before = explorer.image.value
            explorer.timings.clear()
            control.value = control.value * (1 + 1e-12)
            assert explorer.timings == {} and explorer.image.value is before, name


# -- moving images are pasted, not drawn (rendering.paste_image) -----------------------------------


def _drawn_both_ways(interpolation, origin="lower", extent=(0, 1, 0, 1), limits=(0, 1), rgb=False,
                     **kw):  # fmt: skip
    """One image drawn by matplotlib and pasted by _paste_image over the same background."""
    from dlnotes.explorers.rendering import paste_image
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
    pasted_at_all = paste_image(canvas, image)
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


def test_labels_that_grow_out_of_the_figure_get_the_layout_again():
    """The layout is frozen after the first draw (rendering rule 6); when an axis' new tick
    labels push its label out of the figure (04's tower with h < 0 did), it is placed again."""
    from dlnotes.plots import new_figure

    class Growing(Explorer):
        def __init__(self):
            fig, (ax,) = new_figure()
            (self.line,) = ax.plot([0, 1], [0, 1])
            ax.set_ylabel("output")
            self.ax = ax
            scale = widgets.FloatSlider(value=1.0, min=1.0, max=5e5)
            super().__init__({"scale": scale}, fig, moving=[self.line])

        def _update(self, scale):
            self.line.set_ydata([-scale, scale])
            self.ax.set_ylim(-scale, scale)
            return {}

    ex = Growing()
    renderer = ex.fig.canvas.get_renderer()
    assert ex.ax.yaxis.label.get_window_extent(renderer).x0 >= 0
    ex.controls["scale"].value = 5e5  # tick labels "−400000": the label would leave
    ex.render()
    assert ex.ax.yaxis.label.get_window_extent(renderer).x0 >= 0
    blitted = np.asarray(ex.fig.canvas.buffer_rgba())[..., :3].astype(float)
    assert np.abs(blitted - _full_draw(ex, titles=False)).mean() < 0.5
