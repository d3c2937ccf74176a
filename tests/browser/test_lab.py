"""Every notebook in a real JupyterLab in headless Chromium: Run All gives no unexpected error,
and every slider, Play control and Train button of every explorer changes its picture.

Run with ``make browser`` (or as part of ``make test``); ``-s`` shows what was moved and how long
each explorer took from key press to new image (reported, not asserted: see benchmarks/).
"""

import statistics
from pathlib import Path

import pytest

from .lab import LabServer, drive_notebook

NOTEBOOKS = sorted((Path(__file__).parent.parent.parent / "notebooks").glob("*.ipynb"))
LATENCIES: dict[str, float] = {}  # "notebook explorer i" -> median ms, for the summary


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_every_control_moves_its_picture(lab, page, path):
    report = drive_notebook(page, lab, path)
    print("\n" + report.summary())
    for i, ms in report.latencies_ms.items():
        LATENCIES[f"{path.stem} explorer {i}"] = statistics.median(ms)
    assert report.moves, f"{path.name}: nothing was moved"


def test_fails_without_the_widget_front_end(browser, page):
    """The test above must not pass on a machine without the ipywidgets front-end: with the
    extension disabled, the explorers render as text and the check fails."""
    server = LabServer(NOTEBOOKS[0].parent, disable_widgets=True).start()
    try:
        with pytest.raises(AssertionError, match="ipywidgets front-end missing"):
            drive_notebook(page, server, NOTEBOOKS[0])
        assert page.locator(".noUi-handle").count() == 0
        assert "SigmoidExplorer" in page.content() or "VBox" in page.content()
    finally:
        server.stop()
        leftovers = server.leftover_processes()
        server.cleanup()
    assert not leftovers, f"processes left behind: {leftovers}"


def test_naive_interact_for_comparison(lab, page):
    """The latency the explorers' figures above are compared with, measured in the same run:
    a naive ``interact`` that draws a new figure on every move. Reported, not asserted."""
    from .lab import naive_interact_latency

    times = naive_interact_latency(page, lab)
    median = sorted(times)[len(times) // 2]
    print(f"\nnaive interact (new pyplot figure per move): key press -> new image, median "
          f"{median:.0f} ms over {len(times)} presses")  # fmt: skip
    for name, ms in LATENCIES.items():
        print(f"  {name:<45} median {ms:5.0f} ms   naive / explorer = {median / ms:.2f}")
    assert len(times) == 5
