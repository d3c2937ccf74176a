"""The explorer protocol every interactive widget of the course follows.

An explorer builds its controls (ipywidgets) and one matplotlib figure *once*. When a control
moves, ``refresh`` calls ``update``, which recomputes with functions from ``dlnotes`` (the maths
is not in the widget), moves the artists in place and returns the numbers shown in the readout.
Tests call ``update`` with no browser. How the picture reaches the page, and the rules that keep
it fast and sharp, are in ``rendering.py``.

A subclass does three things (``explorers/start_here.py`` is the smallest example):

1. build its figure with a builder that returns ``(fig, parts)``, ``parts`` a ``SimpleNamespace``
   of the axes and artists (the notebook's static cell calls the same builder);
2. call ``super().__init__(controls, fig, moving=[...])`` with the artists its updates move;
3. implement ``_update(**values) -> dict``: move those artists, return the numbers shown.

Every subclass defined in ``dlnotes.explorers`` is registered (``Explorer.registry``); the tests
find the explorers there. Errors: ``update`` and the constructor raise ``TypeError`` for an
unknown control or a value of the wrong type and ``ValueError`` for a value a control cannot take
(a NaN, outside a slider's range, an option not in a dropdown), naming the control; a
``ValueError`` raised while the learner moves a control is shown in the readout instead.
"""

from __future__ import annotations

import base64
import html
import inspect
import math
import numbers
import time
from contextlib import contextmanager
from types import SimpleNamespace

import ipywidgets as widgets

from dlnotes.explorers.rendering import Picture, on_the_grid, same_number

ERROR_STYLE = "color:#d62728"


def figure_parts(**parts) -> SimpleNamespace:
    """What a figure builder returns beside the figure: its axes and artists, by name."""
    return SimpleNamespace(**parts)


def options(control) -> list | None:
    """The values a dropdown-like control can take, or None for other controls."""
    if not hasattr(control, "options"):
        return None
    return [o[1] if isinstance(o, tuple) else o for o in control.options]


def value_range(control) -> tuple[float, float] | None:
    """The lowest and highest value a slider can take (base^min, base^max for a log slider)."""
    if options(control) is not None or not hasattr(control, "min"):
        return None
    base = getattr(control, "base", None)
    return (base**control.min, base**control.max) if base else (control.min, control.max)


def check_control_value(name: str, control, value):
    """``value`` if ``control`` can take it, else a TypeError/ValueError naming the control
    (the one range rule for every explorer: a value outside a slider's range is refused)."""
    if options(control) is not None:
        if value not in options(control):
            shown = ", ".join(repr(o) for o in options(control))
            raise ValueError(f"{name} must be one of {shown}; got {value!r}")
    elif isinstance(control.value, bool):
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False; got {value!r}")
    elif isinstance(control.value, numbers.Number):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name} must be a real number; got {type(value).__name__} {value!r}")
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number; got {value!r}")
        if isinstance(control.value, numbers.Integral) and value != int(value):
            raise ValueError(f"{name} must be a whole number; got {value!r}")
        low, high = value_range(control) or (-math.inf, math.inf)
        if not low - 1e-9 * abs(low) <= value <= high + 1e-9 * abs(high):
            raise ValueError(f"{name} must lie between {low:g} and {high:g}; got {value!r}")
    return value


class Explorer(Picture):
    """Base class: ``controls`` (name -> value widget), one ``fig``, a readout and an image.

    ``moving``: the artists that ``_update`` moves (lines, markers, titles); they are drawn
    over a cached background (``rendering.Picture``), a moving title as the HTML caption.
    ``extra``: widgets beside the controls (a Play control, a button); ``below``: widgets under
    the readout (a progress bar). A constructor argument named like a control is checked
    against that control as ``update`` checks it.
    """

    registry: list[type[Explorer]] = []  # every explorer of the package, in definition order
    send_timings = False  # the browser test turns this on to see where a move's time goes

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.__module__.startswith("dlnotes.explorers."):
            Explorer.registry.append(cls)

    def __new__(cls, *args, **kwargs):
        self = super().__new__(cls)
        bound = inspect.signature(cls.__init__).bind(self, *args, **kwargs)
        bound.apply_defaults()
        self._asked = dict(list(bound.arguments.items())[1:])  # what the constructor was given
        return self

    def __init__(self, controls: dict, fig, *, moving=(), extra=(), below=()):
        self.controls = dict(controls)
        for name, control in self.controls.items():
            if name in getattr(self, "_asked", {}):
                check_control_value(name, control, self._asked[name])
        self._picture_setup(fig, moving)
        self.shown: dict = {}  # the numbers of the last update
        self._quiet = 0
        self.readout = widgets.HTML()
        box = widgets.Box(
            [*self.controls.values(), *extra],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center"),
        )
        caption = [self.caption] if self.titles else []
        self.widget = widgets.VBox([box, self.image, *caption, self.readout, *below])
        for control in self.controls.values():
            if isinstance(control, widgets.FloatLogSlider):
                control.value = on_the_grid(control)
            control.observe(self._on_change, names="value")
        self.refresh()

    def _update(self, **values) -> dict:
        """Recompute for ``values``, move the artists, return the numbers shown (subclasses)."""
        raise NotImplementedError

    def values(self) -> dict:
        """The current value of every control."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, **values) -> dict:
        """Redraw for the given control values (others keep their current value) and return
        the numbers shown. Does not move the sliders themselves; does not render the picture."""
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
        """``update`` with the controls' values, render, and fill the readout. ``timings``
        keeps where the time went; with ``send_timings`` on, they go to the page too."""
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
        if self._quiet or same_number(change["old"], change["new"]):
            return  # a change made quietly, or the page echoing a value it rounded
        self.refresh()

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

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for JupyterLab, and the current picture as ``image/png`` (at its
        CSS size) for every viewer that cannot run widgets (GitHub, nbviewer, HTML)."""
        width, height = self.css_size()
        bundle = {
            "application/vnd.jupyter.widget-view+json": {
                "version_major": 2,
                "version_minor": 0,
                "model_id": self.widget.model_id,
            },
            "image/png": base64.b64encode(self.full_picture()).decode("ascii"),
            "text/plain": f"{type(self).__name__} (move its controls in JupyterLab)",
        }
        return bundle, {"image/png": {"width": width, "height": height}}
