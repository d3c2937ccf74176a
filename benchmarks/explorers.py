"""Explorer latency: one ``update`` plus the PNG render, against the naive way, in one run.

For every explorer class in ``dlnotes.explorers`` (each must build with no arguments), sweep
each slider over its range and time ``update(**{name: value})`` followed by ``render()`` (what a
slider move costs in the kernel). The naive way, measured side by side on the same machine in the
same run, is what an ``interact`` function does on every move: build a new figure with the same
content, compute, and render it; here that is constructing a fresh explorer at the same setting
(figure, artists, compute, one render; its few widgets cost about a millisecond).

Prints per explorer: median and 95th percentile of ours, where it goes (median compute, draw and
PNG encode, from ``Explorer.timings``) and the PNG size, the naive median, and the ratio
naive / ours (target >= 2), against the latency target (50 ms for 2-D, 150 ms for 3-D figures).

Each explorer is measured twice, side by side: with its picture drawn at 1 device pixel per CSS
pixel (``scale 1``) and at ``rendering.SCALE`` (2, what the course ships: sharp on high-DPI
screens), so the cost of the extra pixels is seen. ``--scale 2`` measures one scale only.
"""

from __future__ import annotations

import statistics
import sys
import time
import warnings

import ipywidgets as widgets
import numpy as np

from dlnotes.explorers import all_explorers, rendering
from dlnotes.explorers.base import Explorer, value_range

SWEEP = 8  # values per slider


def explorer_classes() -> list[type[Explorer]]:
    return all_explorers()


def slider_values(control) -> list:
    """``SWEEP`` values spread over a slider's range (log-spaced for log sliders)."""
    if isinstance(control, widgets.FloatLogSlider):
        exps = np.linspace(control.min, control.max, SWEEP)
        return [float(control.base**e) for e in exps]
    if isinstance(control, (widgets.IntSlider, widgets.BoundedIntText)):
        vals = np.linspace(control.min, control.max, SWEEP).round().astype(int)
        return sorted({int(v) for v in vals})
    if isinstance(control, (widgets.FloatSlider, widgets.BoundedFloatText)):
        return [float(v) for v in np.linspace(control.min, control.max, SWEEP)]
    if isinstance(control, (widgets.Dropdown, widgets.ToggleButtons, widgets.RadioButtons)):
        return [value for _, value in control.options][:SWEEP] if isinstance(
            control.options[0], tuple) else list(control.options)[:SWEEP]  # fmt: skip
    return []


def is_3d(explorer: Explorer) -> bool:
    return any(getattr(ax, "name", "") == "3d" for ax in explorer.fig.axes)


def measure(cls) -> dict:
    ours, naive, parts = [], [], []
    explorer = cls()
    for name, control in explorer.controls.items():
        for value in slider_values(control):
            low, high = value_range(control) or (value, value)
            if not low <= value <= high:
                continue  # the range moved with another control (03's frame with epochs)
            t0 = time.perf_counter()
            explorer.update(**{name: value})
            t1 = time.perf_counter()
            explorer.render()
            ours.append(time.perf_counter() - t0)
            kb = len(explorer.image.value) / 1024
            parts.append(((t1 - t0) * 1000, explorer.timings["draw_ms"],
                          explorer.timings["encode_ms"], kb))  # fmt: skip
    for _ in range(max(5, min(15, len(ours) // 4))):
        t0 = time.perf_counter()
        cls()
        naive.append(time.perf_counter() - t0)
    ours_ms = np.array(ours) * 1000
    return {
        "name": f"{cls.__module__.rsplit('.', 1)[1]}.{cls.__name__}",
        "moves": len(ours),
        "median": float(np.median(ours_ms)),
        "p95": float(np.percentile(ours_ms, 95)),
        "naive": statistics.median(naive) * 1000,
        "compute": float(np.median([p[0] for p in parts])),
        "draw": float(np.median([p[1] for p in parts])),
        "encode": float(np.median([p[2] for p in parts])),
        "png_kb": float(np.median([p[3] for p in parts])),
        "target": 150.0 if is_3d(explorer) else 50.0,
    }


def main(argv: list[str]) -> int:
    warnings.simplefilter("error", RuntimeWarning)
    scales = [int(argv[argv.index("--scale") + 1])] if "--scale" in argv else [1, 2]
    print(f"{'explorer':<42}{'scale':>6}{'moves':>6}{'median ms':>11}{'p95 ms':>9}{'compute':>9}"
          f"{'draw':>7}{'encode':>8}{'pic kB':>8}{'naive ms':>10}{'naive/ours':>12}"
          f"{'target ms':>11}  met")  # fmt: skip
    shipped = rendering.SCALE
    try:
        for cls in explorer_classes():
            for scale in scales:
                rendering.SCALE = scale
                r = measure(cls)
                ratio = r["naive"] / r["median"]
                met = "yes" if ratio >= 2 and r["median"] < r["target"] else "NO"
                print(f"{r['name']:<42}{scale:>6}{r['moves']:>6}{r['median']:>11.1f}"
                      f"{r['p95']:>9.1f}{r['compute']:>9.1f}{r['draw']:>7.1f}{r['encode']:>8.1f}"
                      f"{r['png_kb']:>8.1f}{r['naive']:>10.1f}{ratio:>12.2f}{r['target']:>11.0f}"
                      f"  {met}", flush=True)  # fmt: skip
    finally:
        rendering.SCALE = shipped
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
