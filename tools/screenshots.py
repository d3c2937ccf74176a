"""Screenshots of every explorer as a learner sees it (``make screenshots``).

Starts JupyterLab on a copy of the notebooks (the browser test's harness), runs each notebook
with explorers in headless Chromium at 1366x768, scrolls each explorer to the top of the
notebook and saves the viewport at devicePixelRatio 1 and 2 into ``build/screenshots/``
(``<notebook>_explorer<i>_dpr1.png``, ``..._dpr2.png``). Prints one line per explorer: its
size on the page, its picture's pixels and whether it fits the screen.

    python tools/screenshots.py [notebooks/04_universal_approximation.ipynb ...]
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.lab import (  # noqa: E402 - after the repository is on the path
    CHROMIUM,
    CHROMIUM_ARGS,
    LabServer,
    expected_counts,
    geometry_at_a_laptop,
)

OUT = ROOT / "build" / "screenshots"


def main(args: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    paths = [Path(a).resolve() for a in args] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    paths = [p for p in paths if expected_counts(p)[0]]
    server = LabServer(ROOT / "notebooks").start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for path in paths:
                page = browser.new_page()
                at_1, at_2 = geometry_at_a_laptop(page, server, path, shots=OUT)
                for g1, g2 in zip(at_1, at_2, strict=True):
                    ratio = "x".join(f"{r:.2f}" for r in g2.pixels_per_css_px)
                    print(f"{g1.line()}; at DPR 2: {ratio} image px per css px", flush=True)
                page.close()
            browser.close()
    finally:
        server.stop()
        server.cleanup()
    print(f"screenshots in {OUT.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
