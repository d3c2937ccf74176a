"""Re-execute notebooks in place, top to bottom, in one kernel each (``make notebooks``).

Outputs are whatever the current package computes; cells tagged ``raises-exception`` may
error, any other error stops with the cell's traceback. Timing metadata and widget state are not
stored, so a re-run changes only what really changed. Every "Going further" heading is stored
folded (``"jp-MarkdownHeadingCollapsed": true``, the heading alone in its cell; see
make_student.fold_side_roads), so the side roads open folded in JupyterLab whoever edited the
notebook last. ``--fold-only`` applies just that, without executing anything.

Usage: python tools/run_notebooks.py [--fold-only] notebooks/NN_name.ipynb ...
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).parent))
from make_student import fold_side_roads  # noqa: E402


def coalesce_streams(outputs: list) -> list:
    """Merge neighbouring stdout (or stderr) chunks: how the kernel happened to split a cell's
    printing is timing, not content, and would make every re-run a diff."""
    merged = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (out.output_type == "stream" and prev is not None and prev.output_type == "stream"
                and prev.name == out.name):  # fmt: skip
            prev.text += out.text
        else:
            merged.append(out)
    return merged


def run(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    fold_side_roads(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def fold_only(path: Path) -> int:
    """Fold the side roads of ``path`` in place, executing nothing; how many there are."""
    nb = nbformat.read(path, as_version=4)
    roads = fold_side_roads(nb)
    nbformat.write(nb, path)
    return roads


def main(args: list[str]) -> int:
    if args[:1] == ["--fold-only"]:
        for p in args[1:]:
            print(f"{p}: {fold_only(Path(p))} side road(s) folded")
        return 0
    for p in args:
        path = Path(p)
        print(f"executing {path} ...", end=" ", flush=True)
        print(f"{run(path):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
