"""Write the course as a static site (``make html``): build/html/NN_*.html and index.html.

Each page is the notebook's stored outputs as nbconvert's ``lab`` template renders them, so an
explorer shows the picture its display bundle carries (``image/png``) and every number is the one
``make notebooks`` stored; nothing is executed. ``index.html`` is the course map of 00.
Links between notebooks (``01_perceptron.ipynb``) point to their pages (``01_perceptron.html``);
other relative links point back into the repository. The pages make no request outside the
folder: MathJax is copied from the ``jupyter-server-mathjax`` package into ``build/html/mathjax``,
and the template drops require.js and mermaid, which the lab template loads from a CDN.

Usage: python tools/make_html.py [--out build/html] [notebooks/*.ipynb]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

TEMPLATES = Path(__file__).parent / "html_template"
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe"
# a Markdown link target or an HTML href/src
LINK = re.compile(r"(\]\(\s*<?|href=\"|src=\")([^)\s\">]+)")


def mathjax_folder() -> Path:
    """MathJax 2 as shipped by the jupyter-server-mathjax package (pip install -e '.[html]')."""
    try:
        import jupyter_server_mathjax
    except ModuleNotFoundError:
        sys.exit("make html needs jupyter-server-mathjax: pip install -e '.[html]'")
    return Path(jupyter_server_mathjax.__file__).parent / "static"


def rewrite_link(target: str, to_notebooks: str) -> str:
    """``x.ipynb#a`` -> ``x.html#a``; other relative paths -> the same file in the repository."""
    if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
        return target  # a URL, an anchor on the page, an absolute path: leave alone
    path, sep, anchor = target.partition("#")
    if path.endswith(".ipynb") and "/" not in path:
        return path[: -len(".ipynb")] + ".html" + sep + anchor
    return f"{to_notebooks}/{target}"


def rewrite_links(nb, to_notebooks: str):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK.sub(
                lambda m: m.group(1) + rewrite_link(m.group(2), to_notebooks), cell.source
            )
    return nb


def course_map(start_here):
    """The index page: 00's title cell and its course map."""
    cells = start_here.cells
    at = next(i for i, c in enumerate(cells) if c.source.lstrip().startswith("## The course map"))
    index = nbformat.v4.new_notebook(metadata=start_here.metadata)
    index.cells = [cells[0], cells[at]]
    index.metadata["title"] = "dlnotes: the course map"
    return index


def exporter() -> HTMLExporter:
    return HTMLExporter(
        template_name="dlnotes",
        extra_template_basedirs=[str(TEMPLATES)],
        mathjax_url=f"mathjax/MathJax.js?config={MATHJAX_CONFIG}",
    )


def build(paths: list[Path], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(mathjax_folder(), out / "mathjax", dirs_exist_ok=True)
    export = exporter()
    written = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nb.metadata.pop("widgets", None)  # no widget state: the pictures stand in for widgets
        heading = re.search(r"^# (.+)$", nb.cells[0].source, re.M) if nb.cells else None
        nb.metadata["title"] = heading.group(1).strip() if heading else path.stem
        to_notebooks = os.path.relpath(path.parent.resolve(), out.resolve()).replace(os.sep, "/")
        rewrite_links(nb, to_notebooks)
        pages = [(nb, path.stem)]
        if path.name.startswith("00_"):
            pages.append((course_map(nb), "index"))
        for page, stem in pages:
            body, _ = export.from_notebook_node(page, resources={"metadata": {"name": stem}})
            (out / f"{stem}.html").write_text(body, encoding="utf-8")
            written.append(out / f"{stem}.html")
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", default="build/html", type=Path)
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    for page in build(paths, args.out):
        print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
