"""Every notebook in a real JupyterLab in headless Chromium: Run All gives no unexpected error,
and every slider, Play control and Train button of every explorer changes its picture.

Run with ``make browser`` (or as part of ``make test``); ``-s`` shows what was moved and how long
each explorer took from key press to new image (reported, not asserted: see benchmarks/).
"""

from pathlib import Path

import pytest

from .lab import LabServer, drive_notebook

NOTEBOOKS = sorted((Path(__file__).parent.parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_every_control_moves_its_picture(lab, page, path):
    report = drive_notebook(page, lab, path)
    print("\n" + report.summary())
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
