"""Write the course as a book-like web site (``make html``): build/html/index.html and one page
per notebook, built with Sphinx, myst-nb and sphinx-book-theme (the tools behind Jupyter Book 1).

Each page is the instructor notebook's stored outputs; nothing is executed. The notebooks are
first prepared (``book_page``) in build/html-src:

- every exercise shows the learner's stub, with the full solution folded under "Show solution";
  the check cell after it keeps its code and drops its output ("correct" says nothing there);
- a cell tagged ``answer`` is folded ("Show the answer"), as in the student edition;
- the first code cell (the setup: imports, plot settings) is folded under "Show the setup code";
- widget views are dropped from the outputs: the explorers' display bundles carry their picture
  as ``image/png``, which the page shows (no widget script, no request);
- "Going further" sections are folded by tools/book/dlnotes_book.py, which also renders every
  formula to MathML at build time (no MathJax, no raw-TeX flash).

The site has a sidebar with the course, previous/next links on every page, and a search box.
``index.html`` is the front page: the course map of 00.

Usage: python tools/make_html.py [--out build/html] [notebooks/*.ipynb]
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).parent))
from make_student import BEGIN, END, fold_answer, strip_solutions  # noqa: E402

BOOK = Path(__file__).parent / "book"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
COURSE_MAP = "## The course map"


def _tags(cell) -> list[str]:
    return list(cell.metadata.get("tags", []))


def _fold_code(cell, *, show: str, hide: str, what: str = "hide-cell") -> None:
    """Fold a code cell behind a myst-nb toggle labelled ``show`` (``what``: hide-cell folds
    source and output, hide-input only the source)."""
    cell.metadata["tags"] = [*_tags(cell), what]
    cell.metadata["mystnb"] = {"code_prompt_show": show, "code_prompt_hide": hide}


def _drop_widget_views(cell) -> None:
    """Keep what a static page can show: the picture beside a widget view, not the view."""
    kept = []
    for out in cell.outputs:
        data = out.get("data", {})
        if WIDGET_MIME in data:
            data = {k: v for k, v in data.items() if k not in (WIDGET_MIME, "text/plain")}
            if not data:
                continue
            out.data = data
        kept.append(out)
    cell.outputs = kept


def without_markers(source: str) -> str:
    """The solution as a reader wants it: the ``### BEGIN/END SOLUTION`` lines taken out."""
    keep = [ln for ln in source.splitlines() if not ln.strip().startswith((BEGIN, END))]
    return "\n".join(keep)


def book_page(nb, name: str = "notebook"):
    """The notebook as the book shows it (see the module docstring); ``nb`` is not modified."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    cells = []
    first_code = True
    for index, cell in enumerate(nb.cells):
        tags = _tags(cell)
        if cell.cell_type == "code":
            _drop_widget_views(cell)
            if first_code:
                _fold_code(cell, show="Show the setup code", hide="Hide the setup code")
                first_code = False
            elif "solution" in tags:
                stub_source, _ = strip_solutions(cell.source, f"{name}, cell {index}")
                stub = nbformat.v4.new_code_cell(stub_source)
                stub.metadata["tags"] = ["exercise"]
                cells.append(stub)
                cell.source = without_markers(cell.source)
                _fold_code(cell, show="Show solution", hide="Hide solution")
            elif "check" in tags:
                cell.metadata["tags"] = [*tags, "remove-output"]
            elif "answer" in tags:
                _fold_code(cell, show="Show the answer", hide="Hide the answer")
        elif "answer" in tags:
            fold_answer(cell)
            cell.source = cell.source.replace("<details>", '<details class="answer">', 1)
        cells.append(cell)
    nb.cells = cells
    return nb


def front_page(start_here) -> str:
    """index.md: the course's title, its course map (from 00) and the table of contents that
    gives the sidebar and the previous/next links."""
    title = "dlnotes: deep learning basics you can touch"
    course_map = next(
        (c.source for c in start_here.cells if c.source.lstrip().startswith(COURSE_MAP)), ""
    ) if start_here is not None else ""  # fmt: skip
    return f"# {title}\n\n{course_map}\n"


def toctree(stems: list[str]) -> str:
    entries = "\n".join(stems)
    return f"\n```{{toctree}}\n:caption: The course\n:hidden:\n\n{entries}\n```\n"


def build(paths: list[Path], out: Path, *, quiet: bool = True) -> list[Path]:
    """Prepare the notebooks in ``out``-src and build the site into ``out``; the pages written."""
    from sphinx.cmd.build import build_main

    src = out.with_name(out.name + "-src")
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(BOOK, src, ignore=shutil.ignore_patterns("__pycache__"))
    start_here = None
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if path.name.startswith("00_"):
            start_here = nb
        nbformat.write(book_page(nb, path.name), src / path.name)
    stems = [p.stem for p in paths]
    (src / "index.md").write_text(front_page(start_here) + toctree(stems), encoding="utf-8")
    args = ["-b", "html", "-W", "--keep-going", "-d", str(src / "_doctrees"), str(src), str(out)]
    if build_main(args + (["-q"] if quiet else [])) != 0:
        raise SystemExit("make html: Sphinx reported problems (above)")
    return [out / "index.html"] + [out / f"{stem}.html" for stem in stems]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default="build/html", type=Path)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not all(re.match(r"\d\d_", p.name) for p in paths):
        parser.error("notebooks are named NN_name.ipynb")
    start = time.perf_counter()
    pages = build(paths, args.out)
    print(f"{len(pages)} pages in {args.out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
