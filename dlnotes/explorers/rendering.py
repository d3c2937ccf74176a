"""How an explorer's picture reaches the page quickly and sharply (the protocol is in base.py).

A move redraws only what moves: the figure is drawn once into a cached background, and each
update restores it and draws the moving artists on top (blitting). The picture is rendered at
``SCALE`` device pixels per CSS pixel and shown at its natural CSS size, so it is sharp on a
high-DPI screen and never stretched by the page.

Rules a contributor must know (each was learnt by breaking it):

1. **A moving axes title becomes an HTML caption** laid over the picture where the title
   would be drawn, not drawn text: text is the dearest thing to draw (11-25 ms a title a
   move). A title too wide for its place gets a smaller font (down to ``MIN_CAPTION_PX``),
   then is cut with "…"; it never wraps, so the picture never jumps; a second line that has
   no room is joined to the first.
2. **No mathtext (``$...$``) in a moving title**: the caption shows it as typed. Use Unicode
   (σ, η, −, ²). Static titles may use mathtext.
3. **Figure-level legends and texts force a full redraw** whenever an axis changes (they may
   overlap any axes). Put legends on axes (``plots.legend_outside``), not on the figure.
4. **Legends are copied back on top** of the moving artists from the background: a legend
   must not move, and what moves under it is hidden by it.
5. **An axis whose limits change is redrawn alone** (with its ticks, in the background);
   keep such changes rare (``plots.axis_end`` grows an axis in round steps).
6. **The layout is frozen after the first draw** (recomputing it costs a whole draw); if an
   axes' labels then reach outside the figure, the layout is computed once more.
7. **Moving images are pasted** by Pillow (opaque ``imshow``, "nearest" or "bilinear" between
   colours, linear axes): anything else is drawn by matplotlib, 7-11 ms an image a move.
8. **Log sliders snap to their grid** base^(min + k·step) at the start (``on_the_grid``), and
   a value the page echoes back equal to rounding does not redraw (``same_number``).
9. **The figure is drawn at ``SCALE`` times its dpi**: sizes in points and inches scale with
   it; code that works in pixels (``fig.dpi``, ``bbox``) must not assume 80 dpi.
10. **The picture has a fixed CSS size**: the figure's size at ``plots.DPI``, shown smaller if
    taller than ``MAX_CSS_HEIGHT`` (the explorer must fit a 1366x768 screen); no text is
    drawn under 9 pt, 10 CSS px (``plots.CourseFigure``): set no font sizes of your own.
"""

from __future__ import annotations

import html
import io
import math
import os
import time
from contextlib import contextmanager

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import to_hex, to_rgba_array
from matplotlib.image import AxesImage
from PIL import Image

#: Device pixels per CSS pixel the live picture is drawn with (2: sharp on high-DPI screens);
#: the environment variable DLNOTES_PICTURE_SCALE=1 sets it for measuring the cost.
SCALE = float(os.environ.get("DLNOTES_PICTURE_SCALE", "2"))
#: Tallest picture shown, in CSS px: with controls and readout it fits a 1366x768 laptop.
MAX_CSS_HEIGHT = 420
#: Smallest caption font, in CSS px, before a long caption is cut with an ellipsis.
MIN_CAPTION_PX = 10
#: Average width of a DejaVu Sans character, in em (to size a caption without measuring it).
CHAR_EM = 0.6
#: Caption line height, in em.
LINE_HEIGHT = 1.25


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


def same_number(old, new) -> bool:
    """Whether two control values are the same float to rounding (1e-9 relative)."""
    floats = isinstance(old, float) and isinstance(new, float)
    return floats and math.isclose(old, new, rel_tol=1e-9, abs_tol=0.0)


class Picture:
    """The rendering half of an explorer: the figure drawn by blitting into ``self.image``
    and its moving titles as ``self.caption``. ``Explorer`` calls ``_picture_setup`` once."""

    def _picture_setup(self, fig, moving) -> None:
        self.fig = fig
        fig.set_dpi(fig.dpi * SCALE)  # the figure's dpi is its CSS px per inch (plots.DPI)
        self._layout = fig.get_layout_engine()  # put back when the layout must be redone
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        # Moving axes titles become the caption (HTML above the picture), not drawn text.
        self.titles = [ax.title for ax in fig.axes if any(ax.title is a for a in self.moving)]
        self.moving = [a for a in self.moving if not any(a is t for t in self.titles)]
        self._title_bottoms: dict = {}  # CSS px from the top to each moving title's bottom
        # Legends are drawn once with the background and copied back over the moving artists.
        legends = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
        self.on_top = [g for g in legends if g is not None and g not in self.moving]
        self._on_top_boxes: list = []
        self._axes_boxes: list = []
        self._background = None
        self._background_key = None
        self.timings: dict = {}  # where the last refresh's time went, in ms
        # Never stretched by the page: a fixed CSS size (set at the first draw), no flex growth.
        fixed = {"flex": "0 0 auto", "align_self": "flex-start", "max_width": "100%"}
        self.image = widgets.Image(
            format="jpeg", layout=widgets.Layout(object_fit="contain", **fixed)
        )
        self.image.add_class("dlnotes-explorer-image")
        # shown after the image, pulled up over its top rows (see _place)
        self.caption = widgets.HTML(layout=widgets.Layout(overflow="hidden", **fixed))
        self.caption.add_class("dlnotes-explorer-caption")

    def pixel_ratio(self) -> float:
        """Device pixels per CSS pixel of the picture as shown: SCALE, more if the figure is
        taller than MAX_CSS_HEIGHT (then it is shown smaller)."""
        return SCALE * max(1.0, self.fig.bbox.height / SCALE / MAX_CSS_HEIGHT)

    def css_size(self) -> tuple[int, int]:
        """The picture's (width, height) in CSS px, as shown: ``pixel_ratio`` device pixels
        per CSS pixel."""
        ratio = self.pixel_ratio()
        return round(self.fig.bbox.width / ratio), round(self.fig.bbox.height / ratio)

    def _place(self) -> None:
        """Give the image and the caption their fixed CSS sizes (once, after the first draw).
        The caption comes after the image and is pulled up over its top rows by a negative
        margin (its own height given back below it): each title shows where it would be drawn,
        in line with the titles that do not move, and nothing under the picture moves."""
        width, height = self.css_size()
        self.image.layout.width, self.image.layout.height = f"{width}px", f"{height}px"
        renderer = self.fig.canvas.get_renderer()
        for title in self.titles:
            bottom = self.fig.bbox.height - title.get_window_extent(renderer).y0
            self._title_bottoms[title] = bottom / self.pixel_ratio()
        tall = round(max(self._title_bottoms.values(), default=0.0))
        self.caption.layout.width, self.caption.layout.height = f"{width}px", f"{tall}px"
        self.caption.layout.margin = f"-{height}px 0 {height - tall}px 0"

    # -- drawing ---------------------------------------------------------------------------
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
        """Draw the figure, encode it (JPEG, see ``jpeg``) and show it in the explorer's
        image; the moving titles go to the caption. Returns the encoded picture."""
        start = time.perf_counter()
        first = self._background is None
        self._draw()
        drawn = time.perf_counter()
        picture = jpeg(self.fig.canvas)
        self.timings["draw_ms"] = (drawn - start) * 1000
        self.timings["encode_ms"] = (time.perf_counter() - drawn) * 1000
        if first:
            self._place()
        sending = time.time() * 1000
        self.image.value = picture  # the picture first: the caption's message would delay it
        self.timings["sent"] = time.time() * 1000
        self.timings["send_ms"] = self.timings["sent"] - sending
        if self.titles:
            self.caption.value = self._caption_html()
        return picture

    def _draw(self, *, titles: bool = False) -> None:
        """Restore the cached background (redrawn first if it changed), then draw the moving
        artists on top; with ``titles``, the moving titles too."""
        canvas = self.fig.canvas
        key = self._static_state()
        if self._background is None:
            self._draw_all(layout=False)
        elif key != self._background_key:
            changed = [i for i, (old, new) in enumerate(zip(self._background_key, key, strict=True))
                       if old != new]  # fmt: skip
            self._redraw_axes(changed)
        else:
            canvas.restore_region(self._background)
        self._background_key = key
        for artist in [*self.moving, *(self.titles if titles else [])]:
            if artist.get_visible() and not paste_image(canvas, artist):
                self.fig.draw_artist(artist)
        for box in self._on_top_boxes:  # legends back on top: a copy, not a redraw
            canvas.restore_region(self._background, bbox=box, xy=(0, 0))

    def _draw_all(self, layout: bool) -> None:
        """Draw everything but the moving artists into the background, then keep the axes where
        they are: recomputing the constrained layout on every move costs about as much as
        drawing the figure. The first draw places them with the figure's own layout engine;
        later, ``layout`` places them again (rule 6)."""
        if layout and self._layout is not None:
            self.fig.set_layout_engine(self._layout)
        self.fig.canvas.draw()
        self.fig.set_layout_engine("none")
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._on_top_boxes = self._boxes(self.on_top)
        self._axes_boxes = [self._boxes([ax], tight=True) for ax in self.fig.axes]

    def _outside(self, boxes) -> bool:
        """Whether any (left, top, right, bottom) box touches the figure's edge (rule 6)."""
        width, height = int(self.fig.bbox.width), int(self.fig.bbox.height)
        return any(b[0] <= 0 or b[2] >= width or b[3] >= height for bs in boxes for b in bs)

    def _redraw_axes(self, changed: list[int]) -> None:
        """Redraw in the background only the axes (by index) whose limits or title changed:
        blank where each was and will be (with its ticks and labels), draw it anew.

        Measured on notebook 03's explorer, where each move of η refits the loss axis:
        the whole figure (with its contour map) took 250-350 ms, the loss axes alone 25-40 ms.
        """
        canvas, renderer = self.fig.canvas, self.fig.canvas.get_renderer()
        new = {i: self._boxes([self.fig.axes[i]], tight=True) for i in changed}
        if self.fig.legends or self.fig.texts:  # figure-level artists: draw it all again
            self._draw_all(layout=False)
            return
        if self._outside(new.values()) and not self._outside(self._axes_boxes):
            self._draw_all(layout=True)  # labels grew out of the figure: place the axes again
            return
        canvas.restore_region(self._background)
        pixels = np.asarray(canvas.buffer_rgba())
        white = np.asarray(to_rgba_array(self.fig.get_facecolor())[0] * 255, dtype=np.uint8)
        old = {i: self._axes_boxes[i] for i in changed}
        self._axes_boxes = [new.get(i, own) for i, own in enumerate(self._axes_boxes)]
        # Blanking one axes' box may cut into a neighbour's: redraw those too, whole.
        redraw, grown = set(changed), True
        while grown:
            boxes = [b for i in redraw for b in [*self._axes_boxes[i], *old.get(i, [])]]
            more = {j for j, own in enumerate(self._axes_boxes)
                    if any(overlap(a, b) for a in own for b in boxes)}  # fmt: skip
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

    # -- the caption: moving titles as HTML (rule 1) ----------------------------------------
    def _caption_html(self) -> str:
        """The moving titles as HTML, each centred over its axes with its bottom where the
        title's bottom would be (its place: the axes and half the gaps beside it), at the
        title's size in CSS px and its colour. A title wider than its place gets a smaller font
        (estimated from its length, down to MIN_CAPTION_PX), then is cut with "…" (rule 1)."""
        width, _ = self.css_size()
        boxes = [ax.get_position() for ax in self.fig.axes]
        cells, end = [], 0.0
        for title in sorted(self.titles, key=lambda t: t.axes.get_position().x0):
            left, right = _place_of(title.axes.get_position(), boxes)
            bottom = self._title_bottoms.get(title, 0.0)
            px = title.get_fontsize() * self.fig.dpi / 72 / self.pixel_ratio()
            lines = title.get_text().split("\n")
            if len(lines) * px * LINE_HEIGHT > bottom + 1:
                lines = [" ".join(lines)]  # no room above for more lines: one, made to fit
            longest = max(len(line) for line in lines) * CHAR_EM
            px = max(min(px, (right - left) * width / max(longest, 1e-9)), MIN_CAPTION_PX)
            text = "<br>".join(html.escape(line) for line in lines)
            cells.append(f'<div style="flex:0 0 {max(left - end, 0):.2%}"></div>')
            cells.append(
                f'<div style="flex:0 0 {right - left:.2%};min-width:0;height:{bottom:.0f}px;'
                'display:flex;align-items:flex-end;justify-content:center">'
                '<div style="max-width:100%;overflow:hidden;text-overflow:ellipsis;'
                f"white-space:nowrap;text-align:center;font-size:{px:.1f}px;"
                f'color:{to_hex(title.get_color())}" title="{html.escape(title.get_text())}">'
                f"{text}</div></div>"
            )
            end = right
        return (
            f'<div style="display:flex;line-height:{LINE_HEIGHT};'
            "font-family:'DejaVu Sans',sans-serif\">" + "".join(cells) + "</div>"
        )

    def full_picture(self) -> bytes:
        """The whole current picture as PNG, moving titles drawn in (for viewers without
        widgets, and for saving), at SCALE device pixels per CSS pixel."""
        self._draw(titles=True)
        return png(self.fig.canvas)


def _place_of(box, boxes) -> tuple[float, float]:
    """Where an axes' title may spread, in figure fractions, centred on the axes: as far as
    halfway to the axes beside it (or the figure's edge), on the nearer side."""
    beside = [b for b in boxes if b.y0 < box.y1 and box.y0 < b.y1]
    lefts = [b.x1 for b in beside if b.x1 <= box.x0]
    rights = [b.x0 for b in beside if b.x0 >= box.x1]
    left = (max(lefts) + box.x0) / 2 if lefts else 0.0
    right = (min(rights) + box.x1) / 2 if rights else 1.0
    half = min(box.x0 + box.width / 2 - left, right - box.x0 - box.width / 2)
    return box.x0 + box.width / 2 - half, box.x0 + box.width / 2 + half  # centred on the axes


def _rgb(canvas) -> Image.Image:
    """The canvas buffer as it is (fig.savefig would redraw the whole figure and undo the
    point of blitting)."""
    rgba = canvas.buffer_rgba()
    return Image.frombuffer("RGBA", rgba.shape[1::-1], rgba.tobytes(), "raw", "RGBA", 0, 1).convert(
        "RGB"
    )


def png(canvas) -> bytes:
    """The canvas as a quickly compressed PNG (for the still picture)."""
    buf = io.BytesIO()
    _rgb(canvas).save(buf, format="png", compress_level=1)
    return buf.getvalue()


def jpeg(canvas) -> bytes:
    """The canvas as a JPEG: what a move shows. At 1 device pixel per CSS pixel, quality 95
    without colour subsampling; at SCALE 2, quality 90 with the colours at half resolution
    (4:2:0), which is the CSS pixel's resolution: as sharp on the page, a third smaller.

    Measured on the course's explorers (this machine, 2 cores): at 1x, 1.7-4.6 ms to encode
    against 7-28 ms for the fastest PNG (compress_level=1), at about the same size (38-62 kB);
    the mean error per channel is 0.4-0.5 of 255. At 2x, notebook 03's picture is 174 kB at
    quality 95 without subsampling, 106 kB as sent (mean error 0.7 of 255). The still picture
    for viewers without widgets stays PNG.

    The encoder reads the canvas's own memory, its 4th byte per pixel ignored ("RGBX"): no
    copy and no conversion to RGB first (the same bytes out; 4.7 -> 1.8 ms for notebook 03).
    """
    rgba = canvas.buffer_rgba()
    picture = Image.frombuffer("RGBX", rgba.shape[1::-1], rgba, "raw", "RGBX", 0, 1)
    buf = io.BytesIO()
    sharp = SCALE < 1.5  # about a device pixel per CSS pixel: keep every colour sample
    picture.save(buf, format="jpeg", quality=95 if sharp else 90, subsampling=0 if sharp else 2)
    return buf.getvalue()


# -- a moving image, pasted (rule 7) --------------------------------------------------------
def paste_image(canvas, image) -> bool:
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


def overlap(a: tuple, b: tuple) -> bool:
    """Whether two (left, top, right, bottom) pixel boxes share a pixel."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
