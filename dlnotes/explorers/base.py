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


class Explorer:
    """Base class: ``controls`` (name -> value widget), one ``fig``, a readout and an image.

    ``moving``: the artists that ``_update`` moves (lines, markers, titles), in drawing order.
    Everything else is drawn once into a cached background; each update restores it and draws
    only these on top (blitting). The background is redrawn by itself when an axis' limits or
    a title that is not moving changes. ``extra``: widgets shown beside the controls (a Play
    control, a button); ``below``: widgets under the readout (a progress bar).
    """

    send_timings = False  # the browser test turns this on to see where a move's time goes

    def __init__(self, controls: dict, fig, *, moving=(), extra=(), below=()):
        self.controls = dict(controls)
        self.fig = fig
        self.moving = list(moving)
        for artist in self.moving:
            artist.set_animated(True)
        self.shown: dict = {}  # the numbers of the last update
        self._background = None
        self._background_key = None
        self._quiet = 0
        self.timings: dict = {}  # where the last refresh's time went, in ms
        self.image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        self.image.add_class("dlnotes-explorer-image")
        self.readout = widgets.HTML()
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
        self.timings["sent"] = time.time() * 1000
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

    def _on_change(self, _change) -> None:
        if not self._quiet:
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
        """What the cached background shows that an update may change: every axis' limits
        and the titles that are not moving. When it changes, the background is redrawn."""
        moving = {id(a) for a in self.moving}
        state = []
        for ax in self.fig.axes:
            state += [ax.get_xlim(), ax.get_ylim()]
            if hasattr(ax, "get_zlim"):
                state.append(ax.get_zlim())
            if id(ax.title) not in moving:
                state.append(ax.get_title())
        return tuple(state)

    def render(self) -> bytes:
        """Draw the figure, encode it as PNG and show it in the explorer's image."""
        start = time.perf_counter()
        canvas = self.fig.canvas
        key = self._static_state()
        if self._background is None or key != self._background_key:
            canvas.draw()  # draws all but the moving artists
            # Keep the axes where this first layout put them: recomputing the constrained
            # layout on every move costs about as much as drawing the figure.
            self.fig.set_layout_engine("none")
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._background_key = key
        else:
            canvas.restore_region(self._background)
        for artist in self.moving:
            if artist.get_visible():
                self.fig.draw_artist(artist)
        drawn = time.perf_counter()
        # Encode the canvas buffer as it is: fig.savefig would redraw the whole figure and
        # undo the point of blitting.
        rgba = canvas.buffer_rgba()
        buf = io.BytesIO()
        Image.frombuffer("RGBA", rgba.shape[1::-1], rgba, "raw", "RGBA", 0, 1).convert("RGB").save(
            buf, format="png", compress_level=1
        )
        self.timings["draw_ms"] = (drawn - start) * 1000
        self.timings["encode_ms"] = (time.perf_counter() - drawn) * 1000
        self.image.value = buf.getvalue()
        return self.image.value

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for JupyterLab, and the current picture as ``image/png`` for every
        viewer that cannot run widgets (GitHub, nbviewer, an HTML export)."""
        return {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
            "image/png": base64.b64encode(self.image.value).decode("ascii"),
            "text/plain": f"{type(self).__name__} (move its controls in JupyterLab)",
        }
