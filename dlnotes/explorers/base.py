"""The explorer pattern every interactive widget of the course follows.

An explorer is a small class. It builds its controls (ipywidgets) and one matplotlib figure
*once*. When a control moves, :meth:`Explorer.refresh` calls :meth:`Explorer.update`, which
recomputes with functions from ``dlnotes`` (the maths is not in the widget), moves the artists in
place (``set_data``, ``set_ydata``, ...) and returns the numbers it shows; the figure is then
rendered to PNG into an ``ipywidgets.Image``. Tests call ``update`` directly, with no browser.
"""

from __future__ import annotations

import html
import io
import numbers

import ipywidgets as widgets
from PIL import Image


class Explorer:
    """Base class: ``controls`` (name -> value widget), one ``fig``, a readout and an image.

    Subclasses implement :meth:`_update` (``values`` -> dict of shown numbers) and may pass
    ``extra`` widgets (buttons, a Play control) to show next to the controls.
    """

    def __init__(self, controls: dict, fig, *, extra=(), below=()):
        self.controls = dict(controls)
        self.fig = fig
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.image.add_class("dlnotes-explorer-image")
        self.readout = widgets.HTML()
        self.numbers: dict = {}
        self._animated: list = []  # artists redrawn over a cached background (see animate)
        self._background = None
        box = widgets.Box(
            [*self.controls.values(), *extra],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        self.widget = widgets.VBox([box, self.image, self.readout, *below])
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.refresh()

    # -- what subclasses provide -------------------------------------------------------------
    def _update(self, **values) -> dict:
        """Recompute for ``values``, move the artists, return the numbers shown."""
        raise NotImplementedError

    # -- the shared machinery ----------------------------------------------------------------
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
        self.numbers = self._update(**{**self.values(), **values})
        return self.numbers

    def animate(self, *artists, replace: bool = False) -> None:
        """Declare the artists that ``_update`` moves (lines, markers, titles, images), in the
        order they are to be drawn; ``replace=True`` forgets the ones declared before.

        From then on :meth:`render` draws everything else once, keeps that background, and
        on each update restores it and draws only these artists on top (blitting). Anything
        else that changes (axis limits, a colour bar) must call :meth:`redraw_all`.
        """
        if replace:
            self._animated.clear()
        for artist in artists:
            artist.set_animated(True)
            self._animated.append(artist)
        self._background = None

    def redraw_all(self) -> None:
        """Forget the cached background: the next render draws the whole figure."""
        self._background = None

    def render(self) -> bytes:
        """Draw the figure, encode it as PNG and show it in the explorer's image."""
        canvas = self.fig.canvas
        if not self._animated or self._background is None:
            canvas.draw()  # draws all but the animated artists
            # Keep the axes where this first layout put them: recomputing the constrained
            # layout on every move costs about as much as drawing the figure.
            self.fig.set_layout_engine("none")
            if self._animated:
                self._background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self._background)
        for artist in self._animated:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        rgba = canvas.buffer_rgba()
        buf = io.BytesIO()
        Image.frombuffer("RGBA", rgba.shape[1::-1], rgba, "raw", "RGBA", 0, 1).convert("RGB").save(
            buf, format="png", compress_level=1
        )
        png = buf.getvalue()
        self.image.value = png
        return png

    def refresh(self) -> dict:
        """``update`` with the controls' values, render, and fill the readout."""
        try:
            shown = self.update()
        except ValueError as err:  # bad combination of settings: say so, keep the old picture
            self.readout.value = f'<span style="color:#d62728">{html.escape(str(err))}</span>'
            return {}
        self.render()
        self.readout.value = self.describe(shown)
        return shown

    def describe(self, shown: dict) -> str:
        """The readout line: ``name = value`` pairs, floats to 4 decimals."""
        parts = []
        for name, value in shown.items():
            if isinstance(value, numbers.Real) and not isinstance(value, (bool, int)):
                value = f"{value:.4g}" if abs(value) < 1e-3 and value != 0 else f"{value:.4f}"
            parts.append(f"<b>{html.escape(str(name))}</b> = {html.escape(str(value))}")
        return '<span style="font-family:monospace">' + " &nbsp;·&nbsp; ".join(parts) + "</span>"

    def _on_change(self, _change) -> None:
        self.refresh()

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
