"""Two additions to Sphinx for the course book (tools/book/conf.py loads them).

- ``mathml``: a math renderer that turns each formula into MathML while the site is built
  (latex2mathml), so the browser draws it at once: no script, no raw-TeX flash, no request.
- Side roads folded: every section whose title starts with "Going further" (CONVENTIONS) keeps
  its heading and puts the rest behind a ``<details>`` ("Open this side road"), closed.
"""

from __future__ import annotations

import html

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.transforms import SphinxTransform

SIDE_ROAD = "going further"
OPEN_SIDE_ROAD = "Open this side road"


def mathml(latex: str, display: str) -> str:
    """``latex`` as a MathML element; on a formula latex2mathml cannot read, the TeX itself in a
    ``<code>`` (visible, and counted by the browser test) instead of a failed build."""
    try:
        return convert(latex.strip(), display=display)
    except Exception:  # noqa: BLE001 - any parser failure falls back to the source text
        return f'<code class="math-unrendered">{html.escape(latex)}</code>'


def visit_math(self, node) -> None:
    self.body.append(f'<span class="math">{mathml(node.astext(), "inline")}</span>')
    raise nodes.SkipNode


def visit_math_block(self, node) -> None:
    self.body.append(f'<div class="math-display">{mathml(node.astext(), "block")}</div>')
    raise nodes.SkipNode


class side_road(nodes.General, nodes.Element):
    """The body of a "Going further" section, folded."""


def visit_side_road(self, node) -> None:
    self.body.append(f'<details class="side-road"><summary>{OPEN_SIDE_ROAD}</summary>\n')


def depart_side_road(self, node) -> None:
    self.body.append("</details>\n")


class FoldSideRoads(SphinxTransform):
    default_priority = 500

    def apply(self) -> None:
        for section in list(self.document.findall(nodes.section)):
            title = section[0] if section.children else None
            if not isinstance(title, nodes.title):
                continue
            if not title.astext().strip().lower().startswith(SIDE_ROAD):
                continue
            body = section.children[1:]
            if not body:
                continue
            fold = side_road()
            for child in body:
                section.remove(child)
            fold.extend(body)
            section.append(fold)


def setup(app):
    app.add_html_math_renderer(
        "mathml", inline_renderers=(visit_math, None), block_renderers=(visit_math_block, None)
    )
    app.add_node(side_road, html=(visit_side_road, depart_side_road))
    app.add_transform(FoldSideRoads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
