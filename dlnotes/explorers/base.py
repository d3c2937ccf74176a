"""The explorer pattern every interactive widget of the course follows.

An explorer is a small class. It builds its controls (ipywidgets) and one matplotlib figure
*once*. When a control moves, ``refresh`` calls ``update``, which recomputes with functions from
``dlnotes`` (the maths is not in the widget), moves the artists in place (``set_data``,
``set_ydata``, ...) and returns the numbers it shows; the figure is then rendered to PNG into an
``ipywidgets.Image``. Tests call ``update`` directly, with no browser.

A subclass does three things (``explorers/start_here.py`` is the smallest example):

1. build its figure with a builder that returns ``(fig, parts)``, ``parts`` a ``SimpleNamespace``
   of the axes and artists (the notebook's static cell calls the same builder);
2. call ``super().__init__(controls, fig, moving=[...])`` with the artists its updates move;
3. implement ``_update(**values) -> dict``: move those artists, return the numbers shown.

Errors: ``update`` raises ``TypeError`` for an unknown control or a value of the wrong type and
``ValueError`` for a value a control cannot take (a NaN, an option not in a dropdown); a
``ValueError`` raised while the learner moves a control is shown in the readout instead.
"""

from __future__ import annotations

import base64
import html
import io
import math
import numbers
import time
from contextlib import contextmanager
from types import SimpleNamespace

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import to_hex, to_rgba_array
from matplotlib.image import AxesImage
from PIL import Image

ERROR_STYLE = "color:#d62728"


def figure_parts(**parts) -> SimpleNamespace:
    """What a figure builder returns beside the figure: its axes and artists, by name."""
    return SimpleNamespace(**parts)


def _options(control) -> list | None:
    """The values a dropdown-like control can take, or None for other controls."""
    if not hasattr(control, "options"):
        return None
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def check_control_value(name: str, control, value):
    """``value`` if ``control`` can take it, else a TypeError/ValueError naming the control."""
    options = _options(control)
    if options is not None:
        if value not in options:
            shown = ", ".join(repr(o) for o in options)
            raise ValueError(f"{name} must be one of {shown}; got {value!r}")
        return value
    if isinstance(control.value, bool):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False; got {value!r}")
        return value
    if isinstance(control.value, numbers.Number):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number; got {type(value).__name__} {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number; got {value!r}")
        if isinstance(control.value, numbers.Integral) and value != int(value):
            raise ValueError(f"{name} must be a whole number; got {value!r}")
    return value


def on_the_grid(slider: widgets.FloatLogSlider) -> float:
    """A log slider's value moved to the nearest point base^(min + k·step) of its grid.

    The page draws a log slider at the nearest grid point and, when its view is created, sends
    that value back to the kernel (ipywidgets' FloatLogSlider does so unasked): w = 20 on the
    grid 10^(0.02k) came back as 19.95 during Run All, redrawing the explorer behind the cells
    still running. Starting on the grid, the page's value equals the kernel's to rounding.
    """
    x = math.log(slider.value, slider.base)
    k = round((x - slider.min) / slider.step)
    return slider.base ** (slider.min + k * slider.step)


def _same_number(old, new) -> bool:
    """Whether two control values are the same float to rounding (1e-9 relative)."""
    floats = isinstance(old, float) and isinstance(new, float)
    return floats and math.isclose(old, new, rel_tol=1e-9, abs_tol=0.0)


class Explorer:
    """Base class: ``controls`` (name -> value widget), one ``fig``, a readout and an image.

    ``moving``: the artists that ``_update`` moves (lines, markers, titles), in drawing order.
    Everything else is drawn once into a cached background; each update restores it and draws
    only these on top (blitting). The background is redrawn by itself when an axis' limits or
    a title that is not moving changes. A moving axes title is shown as HTML text above the
    picture (the ``caption``), not drawn into it (see ``_caption_html``). ``extra``: widgets
    shown beside the controls (a Play control, a button); ``below``: widgets under the readout
    (a progress bar).
    """

    send_timings = False  # the browser test turns this on to see where a move's time goes

    def __init__(self, controls: dict, fig, *, moving=(), extra=(), below=()):
        self.controls = dict(controls)
        self.fig = fig
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        # Moving axes titles become the caption (HTML above the picture), not drawn text.
        self.titles = [ax.title for ax in fig.axes if any(ax.title is a for a in self.moving)]
        self.moving = [a for a in self.moving if not any(a is t for t in self.titles)]
        self._title_rows = 0  # the picture's top rows where those titles would be drawn
        # Legends are drawn once with the background and copied back over the moving artists.
        legends = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
        self.on_top = [g for g in legends if g is not None and g not in self.moving]
        self._on_top_boxes: list = []
        self._axes_boxes: list = []
        self.shown: dict = {}  # the numbers of the last update
        self._background = None
        self._background_key = None
        self._quiet = 0
        self.timings: dict = {}  # where the last refresh's time went, in ms
        self.image = widgets.Image(format="jpeg", layout=widgets.Layout(max_width="100%"))
        self.image.add_class("dlnotes-explorer-image")
        self.readout = widgets.HTML()
        # as wide as the picture (the image shrinks to fit the page; so does the caption)
        width = f"{fig.bbox.width:.0f}px"
        self.caption = widgets.HTML(layout=widgets.Layout(width="100%", max_width=width))
        box = widgets.Box(
            [*self.controls.values(), *extra],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        parts = [box, self.caption] if self.titles else [box]
        self.widget = widgets.VBox([*parts, self.image, self.readout, *below])
        for control in self.controls.values():
            if isinstance(control, widgets.FloatLogSlider):
                control.value = on_the_grid(control)
            control.observe(self._on_change, names="value")
        self.refresh()

    # -- what subclasses provide -------------------------------------------------------------
    def _update(self, **values) -> dict:
        """Recompute for ``values``, move the artists, return the numbers shown."""
        raise NotImplementedError

    # -- driving the explorer ----------------------------------------------------------------
    def values(self) -> dict:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, **values) -> dict:
        """Redraw for the given control values (others keep their current value) and return
        the numbers shown. Does not move the sliders themselves; does not render the PNG."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise TypeError(
                f"{type(self).__name__}.update got unknown control(s) {', '.join(unknown)}; "
                f"expected some of {', '.join(self.controls)}"
            )
        for name, value in values.items():
            check_control_value(name, self.controls[name], value)
        self.shown = self._update(**{**self.values(), **values})
        return self.shown

    def refresh(self) -> dict:
        """``update`` with the controls' values, render, and fill the readout.

        ``self.timings`` keeps where the time went; with ``send_timings`` on, they go to the
        page too, with the values drawn, as a message the page does not show."""
        received = time.time()
        try:
            shown = self.update()
        except ValueError as err:  # a bad combination of settings: say so, keep the picture
            self.show_error(err)
            return {}
        self.timings = {"received": received * 1000, "compute_ms": (time.time() - received) * 1000}
        self.render()
        self.show(shown)
        if self.send_timings:
            self.image.send({"timings": self.timings, "values": self.values()})
        return shown

    @contextmanager
    def quietly(self):
        """Change controls (a slider's range, a Play control's step) without redrawing:
        ``with self.quietly(): self.controls["k"].max = n``."""
        self._quiet += 1
        try:
            yield
        finally:
            self._quiet -= 1

    def _on_change(self, change) -> None:
        if self._quiet or _same_number(change["old"], change["new"]):
            return  # a change made quietly, or the page echoing a value it rounded
        self.refresh()

    # -- the readout -------------------------------------------------------------------------
    def show(self, shown: dict) -> None:
        """Fill the readout with ``name = value`` pairs, floats to 4 decimals."""
        parts = []
        for name, value in shown.items():
            if isinstance(value, numbers.Real) and not isinstance(value, (bool, int)):
                value = f"{value:.4g}" if abs(value) < 1e-3 and value != 0 else f"{value:.4f}"
            parts.append(f"<b>{html.escape(str(name))}</b> = {html.escape(str(value))}")
        self.readout.value = (
            '<span style="font-family:monospace">' + " &nbsp;·&nbsp; ".join(parts) + "</span>"
        )

    def show_error(self, err: Exception) -> None:
        """Show an error message in the readout, in red."""
        self.readout.value = f'<span style="{ERROR_STYLE}">{html.escape(str(err))}</span>'

    # -- the picture -------------------------------------------------------------------------
    def _static_state(self) -> tuple:
        """What the cached background shows that an update may change, one entry per axes:
        its limits and its title if that is not moving. When it changes, the background is
        redrawn (only the axes whose entry changed, see ``_redraw_axes``)."""
        state = []
        for ax in self.fig.axes:
            limits = [ax.get_xlim(), ax.get_ylim()]
            if hasattr(ax, "get_zlim"):
                limits.append(ax.get_zlim())
            title = None if any(ax.title is t for t in self.titles) else ax.get_title()
            state.append((*limits, title))
        return tuple(state)

    def render(self) -> bytes:
        """Draw the figure, encode it (JPEG, see ``_jpeg``) and show it in the explorer's
        image; the moving titles go to the caption. Returns the encoded picture."""
        start = time.perf_counter()
        self._draw()
        drawn = time.perf_counter()
        jpeg = _jpeg(self.fig.canvas, skip_rows=self._title_rows)
        self.timings["draw_ms"] = (drawn - start) * 1000
        self.timings["encode_ms"] = (time.perf_counter() - drawn) * 1000
        sending = time.time() * 1000
        self.image.value = jpeg  # the picture first: the caption's message would delay it
        self.timings["sent"] = time.time() * 1000
        self.timings["send_ms"] = self.timings["sent"] - sending
        if self.titles:
            self.caption.value = self._caption_html()
        return jpeg

    def _draw(self, *, titles: bool = False) -> None:
        """Restore the cached background (redrawn first if it changed), then draw the moving
        artists on top; with ``titles``, the moving titles too."""
        canvas = self.fig.canvas
        key = self._static_state()
        if self._background is None:
            canvas.draw()  # draws all but the moving artists
            # Keep the axes where this first layout put them: recomputing the constrained
            # layout on every move costs about as much as drawing the figure.
            self.fig.set_layout_engine("none")
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._title_rows = self._rows_above_the_rest()
            self._on_top_boxes = self._boxes(self.on_top)
            self._axes_boxes = [self._boxes([ax], tight=True) for ax in self.fig.axes]
        elif key != self._background_key:
            changed = [i for i, (old, new) in enumerate(zip(self._background_key, key, strict=True))
                       if old != new]  # fmt: skip
            self._redraw_axes(changed)
        else:
            canvas.restore_region(self._background)
        self._background_key = key
        for artist in [*self.moving, *(self.titles if titles else [])]:
            if artist.get_visible() and not _paste_image(canvas, artist):
                self.fig.draw_artist(artist)
        for box in self._on_top_boxes:  # legends back on top: a copy, not a redraw
            canvas.restore_region(self._background, bbox=box, xy=(0, 0))

    def _redraw_axes(self, changed: list[int]) -> None:
        """Redraw in the background only the axes (by index) whose limits or title changed:
        blank where each was and will be (with its ticks and labels), draw it anew.

        Measured on notebook 03's explorer, where each move of η refits the loss axis:
        the whole figure (with its contour map) took 250-350 ms, the loss axes alone 25-40 ms.
        """
        canvas, renderer = self.fig.canvas, self.fig.canvas.get_renderer()
        if self.fig.legends or self.fig.texts:  # figure-level artists: draw it all again
            canvas.draw()
            self._axes_boxes = [self._boxes([ax], tight=True) for ax in self.fig.axes]
        else:
            canvas.restore_region(self._background)
            pixels = np.asarray(canvas.buffer_rgba())
            white = np.asarray(to_rgba_array(self.fig.get_facecolor())[0] * 255, dtype=np.uint8)
            old = {i: self._axes_boxes[i] for i in changed}
            for i in changed:
                self._axes_boxes[i] = self._boxes([self.fig.axes[i]], tight=True)
            # Blanking one axes' box may cut into a neighbour's: redraw those too, whole.
            redraw, grown = set(changed), True
            while grown:
                boxes = [b for i in redraw for b in [*self._axes_boxes[i], *old.get(i, [])]]
                more = {j for j, own in enumerate(self._axes_boxes)
                        if any(_overlap(a, b) for a in own for b in boxes)}  # fmt: skip
                grown = not more <= redraw
                redraw |= more
            for left, top, right, bottom in boxes:
                pixels[top:bottom, left:right] = white
            for i in sorted(redraw):  # in the figure's order, as canvas.draw() would
                self.fig.axes[i].draw(renderer)  # skips the animated (moving) artists
        self._background = canvas.copy_from_bbox(self.fig.bbox)
        self._on_top_boxes = self._boxes(self.on_top)

    def _boxes(self, artists, tight: bool = False) -> list[tuple[int, int, int, int]]:
        """Each visible artist's pixels as (left, top, right, bottom), counted from the
        top-left corner as the saved background counts them, one pixel wider all round;
        ``tight``: of an axes with its ticks and labels."""
        renderer = self.fig.canvas.get_renderer()
        width, height = int(self.fig.bbox.width), int(self.fig.bbox.height)
        boxes = []
        with self._titles_hidden():  # they are in the caption, not in the picture
            for artist in artists:
                if artist.get_visible():
                    box = (
                        artist.get_tightbbox(renderer)
                        if tight
                        else artist.get_window_extent(renderer)
                    )
                    x0, y0, x1, y1 = box.extents
                    left, top = max(int(x0) - 1, 0), max(int(height - y1) - 1, 0)
                    right, bottom = min(int(x1) + 2, width), min(int(height - y0) + 2, height)
                    if left < right and top < bottom:
                        boxes.append((left, top, right, bottom))
        return boxes

    @contextmanager
    def _titles_hidden(self):
        """The moving titles out of the way while boxes are measured: a long title would make
        its axes' box reach over the neighbour's (and measuring moves titles: put back)."""
        placed = [(title, title.get_position(), title.get_visible()) for title in self.titles]
        for title in self.titles:
            title.set_visible(False)
        try:
            yield
        finally:
            for title, xy, visible in placed:
                title.set_visible(visible)
                title.set_position(xy)

    # -- the caption: moving titles as HTML --------------------------------------------------
    # Text is the dearest thing to draw: under matplotlib 3.11 one plain-text title costs
    # 11-25 ms a move on this course's figures (most explorers' whole draw otherwise takes
    # 2-10 ms; `benchmarks/explorers.py`). The browser shows the same words as HTML for free,
    # so moving titles are shown above the picture and the rows they would use are cut off.
    def _rows_above_the_rest(self) -> int:
        """How many rows at the top of the picture hold nothing but the moving titles."""
        if not self.titles:
            return 0
        with self._titles_hidden():
            top = self.fig.get_tightbbox(self.fig.canvas.get_renderer()).y1 * self.fig.dpi
        return max(0, int(self.fig.bbox.height - top) - 2)

    def _caption_html(self) -> str:
        """The moving titles as HTML, each above its axes like the title it stands for (a row
        of cells as wide as the axes and the gaps between them), at the title's size (points
        at the figure's dpi) and colour; a title wider than its axes wraps."""
        px = max(t.get_fontsize() for t in self.titles) * self.fig.dpi / 72
        cells, end = [], 0.0
        for title in sorted(self.titles, key=lambda t: t.axes.get_position().x0):
            box = title.axes.get_position()
            cells.append(f'<div style="flex:0 0 {max(box.x0 - end, 0):.2%}"></div>')
            cells.append(
                f'<div style="flex:0 0 {box.width:.2%};text-align:center;white-space:pre-line;'
                f'color:{to_hex(title.get_color())}">{html.escape(title.get_text())}</div>'
            )
            end = box.x1
        return (
            f"<div style=\"display:flex;font:{px:.0f}px/1.25 'DejaVu Sans',sans-serif\">"
            + "".join(cells)
            + "</div>"
        )

    def full_picture(self) -> bytes:
        """The whole current picture as PNG, moving titles drawn in (for viewers without
        widgets, and for saving)."""
        self._draw(titles=True)
        return _png(self.fig.canvas)

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for JupyterLab, and the current picture as ``image/png`` for every
        viewer that cannot run widgets (GitHub, nbviewer, an HTML export)."""
        return {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
            "image/png": base64.b64encode(self.full_picture()).decode("ascii"),
            "text/plain": f"{type(self).__name__} (move its controls in JupyterLab)",
        }


def _rgb(canvas, skip_rows: int = 0) -> Image.Image:
    """The canvas buffer as it is (fig.savefig would redraw the whole figure and undo the
    point of blitting), without its top skip_rows rows."""
    rgba = canvas.buffer_rgba()[skip_rows:]
    return Image.frombuffer("RGBA", rgba.shape[1::-1], rgba.tobytes(), "raw", "RGBA", 0, 1).convert(
        "RGB"
    )


def _png(canvas, skip_rows: int = 0) -> bytes:
    """The canvas as a quickly compressed PNG (for the still picture)."""
    buf = io.BytesIO()
    _rgb(canvas, skip_rows).save(buf, format="png", compress_level=1)
    return buf.getvalue()


def _jpeg(canvas, skip_rows: int = 0) -> bytes:
    """The canvas as a JPEG at quality 95 without colour subsampling: what a move shows.

    Measured on the course's explorers (this machine, 2 cores): 1.7-4.6 ms to encode against
    7-28 ms for the fastest PNG (compress_level=1), at about the same size (38-62 kB against
    19-62 kB); the mean error per channel is 0.4-0.5 of 255 and lines and text look the same
    at twice the size. The still picture for viewers without widgets stays PNG.

    The encoder reads the canvas's own memory, its 4th byte per pixel ignored ("RGBX"): no
    copy and no conversion to RGB first (the same bytes out; 4.7 -> 1.8 ms for notebook 03).
    """
    rgba = canvas.buffer_rgba()[skip_rows:]
    picture = Image.frombuffer("RGBX", rgba.shape[1::-1], rgba, "raw", "RGBX", 0, 1)
    buf = io.BytesIO()
    picture.save(buf, format="jpeg", quality=95, subsampling=0)
    return buf.getvalue()


# -- a moving image, pasted -----------------------------------------------------------------
def _paste_image(canvas, image) -> bool:
    """Draw a moving image (``imshow``) by writing its pixels straight into the canvas: its
    colours (``image.to_rgba``) resized by Pillow to the screen pixels it covers. What
    matplotlib's own drawing gives for an opaque image on linear axes with interpolation
    "nearest", or "bilinear" between colours (RGB data, or ``interpolation_stage="rgba"``);
    returns False (and draws nothing) for any other image or artist, which is then drawn the
    ordinary way.

    Why: matplotlib resamples an image through its full RGBA pipeline, 7-11 ms per image per
    move on this machine whatever the interpolation; Pillow takes under 1 ms. Notebook 05's
    decision regions and the three heat maps of notebook 04's 2-D tower move with every
    slider step (a move's draw: 18 -> 9 ms and 28 -> 7 ms; ``benchmarks/explorers.py``).
    """
    ax = getattr(image, "axes", None)
    if not isinstance(image, AxesImage) or image.get_interpolation() not in ("nearest", "bilinear"):
        return False
    if image.get_alpha() not in (None, 1) or (ax.get_xscale(), ax.get_yscale()) != ("linear",) * 2:
        return False
    smooth = image.get_interpolation() == "bilinear"
    if smooth and image.get_array().ndim == 2 and image.get_interpolation_stage() != "rgba":
        return False  # matplotlib would mix the numbers, then colour them
    rgba = image.to_rgba(image.get_array(), bytes=True)  # (rows, columns, 4), colour-mapped
    if rgba.ndim != 3 or (rgba[..., 3] != 255).any():
        return False
    if image.origin == "lower":
        rgba = rgba[::-1]  # the top row first, as Pillow and the canvas count rows
    rows, columns = rgba.shape[:2]
    x0, x1, y0, y1 = image.get_extent()
    (left, bottom), (right, top) = ax.transData.transform([(x0, y0), (x1, y1)])
    # The screen pixels whose centres lie on the image and inside the axes: [a, b) x [c, d)
    box = ax.bbox
    a = math.ceil(max(min(left, right), box.x0) - 0.5)
    b = math.ceil(min(max(left, right), box.x1) - 0.5)
    c = math.ceil(max(min(bottom, top), box.y0) - 0.5)
    d = math.ceil(min(max(bottom, top), box.y1) - 0.5)
    if a >= b or c >= d:
        return True  # none of it is on screen
    # ... and where their edges fall in the image, counted in cells from its left and top
    cells = (
        max((a - left) / (right - left) * columns, 0),
        max((top - d) / (top - bottom) * rows, 0),
        min((b - left) / (right - left) * columns, columns),
        min((top - c) / (top - bottom) * rows, rows),
    )
    how = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    picture = Image.fromarray(rgba[..., :3]).resize((b - a, d - c), how, box=cells)
    pixels = np.asarray(canvas.buffer_rgba())  # rows counted from the top
    height = int(canvas.figure.bbox.height)
    pixels[height - d : height - c, a:b, :3] = np.asarray(picture)
    return True


def _overlap(a: tuple, b: tuple) -> bool:
    """Whether two (left, top, right, bottom) pixel boxes share a pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
