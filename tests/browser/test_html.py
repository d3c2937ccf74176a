"""The static HTML edition (``make html``, tools/make_html.py) opened page by page in Chromium.

Built afresh from the stored notebooks into a temporary folder, each page must: render its
formulas (MathJax output present, no MathJax error, no raw ``$...$`` left in the text), show a
picture in every explorer cell (the ``image/png`` of the explorer's display bundle), make no
request outside file:// (or localhost) and none that fails, and have no broken link or image.
"""

import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

_spec = importlib.util.spec_from_file_location("make_html", ROOT / "tools" / "make_html.py")
make_html = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_html)

MATHJAX_DONE_JS = """() => new Promise(resolve => {
  if (!window.MathJax || !MathJax.Hub) { resolve(false); return; }
  MathJax.Hub.Queue(() => resolve(true));
})"""

PAGE_FACTS_JS = """() => {
  const cells = [...document.querySelectorAll('.jp-Cell.jp-Notebook-cell')];
  const markdown = [...document.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown')];
  return {
    cells: cells.length,
    cellImages: cells.map(c => [...c.querySelectorAll('.jp-OutputArea-output img')]
                                 .filter(i => i.complete && i.naturalWidth > 0).length),
    cellTexts: cells.map(c => [...c.querySelectorAll('.jp-OutputArea-output')]
                                .map(o => o.innerText).join('\\n')),
    mathSources: document.querySelectorAll('script[type^="math/tex"]').length,
    mathRendered: document.querySelectorAll('.MathJax, .MathJax_Display, .MathJax_SVG').length,
    mathErrors: document.querySelectorAll('.MathJax_Error, merror').length,
    markdownText: markdown.map(m => m.innerText).join('\\n'),
    brokenImages: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))
                                      .map(i => i.src.slice(0, 80)),
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  };
}"""


def _code_cells_showing_an_explorer(path: Path) -> list[int]:
    """Indices (among all cells) of cells tagged nbval-ignore-output that display a widget."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        i
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code"
        and "nbval-ignore-output" in c.get("metadata", {}).get("tags", [])
        and any(WIDGET_MIME in o.get("data", {}) for o in c["outputs"])
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    written = make_html.build(NOTEBOOKS, out)
    assert {p.name for p in written} == {p.stem + ".html" for p in NOTEBOOKS} | {"index.html"}
    return out


def _open(page, url: str) -> tuple[list[str], list[str]]:
    requests, failed = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url[:100]}: {r.failure}"))
    page.goto(url, wait_until="load")
    assert page.evaluate(MATHJAX_DONE_JS), "MathJax did not load"
    page.wait_for_load_state("networkidle")
    return requests, failed


PAGES = [p.stem for p in NOTEBOOKS] + ["index"]


@pytest.mark.parametrize("stem", PAGES)
def test_page_renders_offline_with_formulas_pictures_and_working_links(site, page, stem):
    requests, failed = _open(page, (site / f"{stem}.html").as_uri())
    facts = page.evaluate(PAGE_FACTS_JS)

    outside = [
        u
        for u in requests
        if not u.startswith(("file://", "data:"))
        and urlparse(u).hostname not in ("localhost", "127.0.0.1")
    ]
    assert not outside, f"requests outside the folder: {outside[:5]}"
    assert not failed, f"failed requests: {failed[:5]}"
    assert not facts["brokenImages"], f"images that did not load: {facts['brokenImages']}"

    assert facts["mathSources"] > 0, "no formula found on the page"
    assert facts["mathRendered"] >= facts["mathSources"], facts
    assert facts["mathErrors"] == 0, "MathJax reported an error"
    raw = re.findall(r"\$[^$\n]{1,80}\$", facts["markdownText"])
    assert not raw, f"formulas left as raw TeX: {raw[:5]}"

    if stem != "index":
        path = ROOT / "notebooks" / f"{stem}.ipynb"
        assert facts["cells"] == len(json.loads(path.read_text())["cells"])
        for i in _code_cells_showing_an_explorer(path):
            assert facts["cellImages"][i] >= 1, (
                f"{stem}: the explorer in cell {i} shows no picture but "
                f"{facts['cellTexts'][i][:80]!r}: its display bundle needs image/png"
            )

    ids = set(facts["ids"])
    for href in facts["links"]:
        target = urlparse(href)
        if target.scheme in ("http", "https", "mailto"):
            continue  # a link to the web is not a request; nothing to check offline
        if not target.path:
            assert {target.fragment, unquote(target.fragment)} & ids, f"broken anchor {href}"
            continue
        file = (site / unquote(target.path)).resolve()
        assert file.is_file(), f"broken link {href} -> {file}"


def test_index_is_the_course_map_linking_every_notebook(site, page):
    _open(page, (site / "index.html").as_uri())
    links = page.evaluate(PAGE_FACTS_JS)["links"]
    assert {p.stem + ".html" for p in NOTEBOOKS} <= set(links)
    assert "course map" in page.inner_text("body").lower()


def test_links_are_rewritten_for_the_site():
    assert make_html.rewrite_link("01_perceptron.ipynb#The-update", "..") == (
        "01_perceptron.html#The-update"
    )
    assert make_html.rewrite_link("../README.md", "../../notebooks") == (
        "../../notebooks/../README.md"
    )
    for kept in ("https://example.org/a.ipynb", "#anchor", "mailto:x@y.z"):
        assert make_html.rewrite_link(kept, "..") == kept
