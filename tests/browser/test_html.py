"""The HTML edition (``make html``, tools/make_html.py) opened page by page in Chromium.

Two sites are built into temporary folders: the real course, and a small synthetic course whose
notebooks hold every kind of cell the tool folds (a solution, a markdown and a code ``answer``, a
"Going further" section with a code cell in it, an explorer's output), so these checks do not
depend on today's notebook text. Every page must: make no request outside its folder and none
that fails, have no broken link, anchor or image, carry previous/next links that walk the whole
course in order, show no raw TeX and no ``### BEGIN SOLUTION``, keep solutions, answers, setup
code and side roads folded (one click opens them), and run text at a readable measure.
"""

import functools
import http.server
import importlib.util
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
#: a 1x1 PNG, the picture of the synthetic explorer
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
    "rkJggg=="
)

_spec = importlib.util.spec_from_file_location("make_html", ROOT / "tools" / "make_html.py")
make_html = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_html)

PAGE_FACTS_JS = """() => {
  const article = document.querySelector('article.bd-article');
  const visible = e => e.offsetParent !== null || e.getClientRects().length > 0;
  const prev = document.querySelector('.prev-next-area a.left-prev');
  const next = document.querySelector('.prev-next-area a.right-next');
  return {
    title: document.title,
    h1: article.querySelector('h1')?.textContent.replace('#', '').trim(),
    text: article.innerText,
    prose: [...article.querySelectorAll('p, li, td, th, h1, h2, h3, h4, summary')]
             .filter(e => !e.closest('pre, .cell_output')).map(e => e.innerText).join('\\n'),
    html: document.documentElement.outerHTML,
    prev: prev && prev.getAttribute('href'),
    next: next && next.getAttribute('href'),
    maths: article.querySelectorAll('math').length,
    unrendered: article.querySelectorAll('.math-unrendered, merror').length,
    texInMath: [...article.querySelectorAll('math')]
                 .filter(m => /\\\\[A-Za-z]/.test(m.textContent)).map(m => m.textContent),
    images: [...article.querySelectorAll('.cell_output img')].filter(visible).length,
    brokenImages: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0))
                                      .map(i => i.src.slice(0, 80)),
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    openDetails: [...article.querySelectorAll('details[open]')].length,
    folds: [...article.querySelectorAll('details')].map(d => ({
      // the label shown while closed (sphinx-book-theme's summary holds a "collapsed" and an
      // "expanded" title); textContent, for a fold nested in a closed fold is not rendered
      label: (d.querySelector(':scope > summary .collapsed') || d.querySelector(':scope > summary'))
        .textContent.trim(), open: d.open,
      cls: d.className, text: d.textContent})),
    sidebar: [...document.querySelectorAll('.bd-sidebar-primary nav a')]
                .map(a => a.getAttribute('href')),
    search: document.querySelector('form.bd-search[action="search.html"]') !== null,
  };
}"""

# Characters a line: the widest paragraph's width over the width of an average character of
# its own font (the lowercase alphabet and a space, measured in place).
MEASURE_JS = """() => {
  const ps = [...document.querySelectorAll('article.bd-article p')]
               .filter(p => p.innerText.length > 300);
  if (!ps.length) return null;
  const p = ps.reduce((a, b) => (b.clientWidth > a.clientWidth ? b : a));
  const probe = document.createElement('span');
  probe.textContent = 'the quick brown fox jumps over a lazy dog and then some ';
  probe.style.whiteSpace = 'nowrap';
  p.appendChild(probe);
  const perChar = probe.getBoundingClientRect().width / probe.textContent.length;
  probe.remove();
  return p.clientWidth / perChar;
}"""


def _stream(text):
    return new_output("stream", name="stdout", text=text)


def synthetic_course(folder: Path) -> list[Path]:
    """Two small instructor notebooks with every cell kind make_html folds."""
    explorer = new_output(
        "display_data",
        data={WIDGET_MIME: {"model_id": "x", "version_major": 2, "version_minor": 0},
              "image/png": PNG, "text/plain": "Explorer(...)"},
    )  # fmt: skip
    first = [
        new_markdown_cell(
            "# 00 · A first page\nWith $y = \\sigma(w x + b)$ and [next](01_b.ipynb)."
        ),
        new_code_cell("%matplotlib inline\nimport numpy as np\nSETUP_SECRET = 1", outputs=[]),
        new_markdown_cell("## The course map\nRead [the second page](01_b.ipynb#the-exercise)."),
        new_code_cell("Explorer()", outputs=[explorer]),
    ]
    second = [
        new_markdown_cell("# 01 · A second page\n\n" + "A long paragraph of words. " * 30),
        new_code_cell("import numpy as np", outputs=[]),
        new_markdown_cell("## The exercise\nSet $\\eta$ so that it converges."),
        new_code_cell(
            "### BEGIN SOLUTION\neta_max = 24.9  # SOLUTION_SECRET\n### END SOLUTION",
            metadata={"tags": ["solution"]},
        ),
        new_code_cell(
            "check_eta(eta_max)", outputs=[_stream("correct\n")], metadata={"tags": ["check"]}
        ),  # fmt: skip
        new_markdown_cell(
            "ANSWER_MD_SECRET: the step is $2/\\lambda$.", metadata={"tags": ["answer"]}
        ),  # fmt: skip
        new_code_cell(
            "table()", outputs=[_stream("ANSWER_CODE_SECRET 24.9\n")], metadata={"tags": ["answer"]}
        ),  # fmt: skip
        new_markdown_cell("## Going further: the proof\nSIDE_ROAD_SECRET with $x^2$."),
        new_code_cell("print('SIDE_ROAD_CODE')", outputs=[_stream("SIDE_ROAD_CODE\n")]),
        new_markdown_cell("## Summary\nBack on the core path."),
    ]
    paths = []
    for name, cells in (("00_a.ipynb", first), ("01_b.ipynb", second)):
        nb = new_notebook(
            cells=cells,
            metadata={
                "kernelspec": {"name": "python3", "display_name": "Python 3"},
                "language_info": {"name": "python"},
            },
        )
        paths.append(folder / name)
        nbformat.write(nb, paths[-1])
    return paths


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("html") / "html"
    written = make_html.build(NOTEBOOKS, out)
    assert {p.name for p in written} == {p.stem + ".html" for p in NOTEBOOKS} | {"index.html"}
    return out


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    src = tmp_path_factory.mktemp("course")
    out = tmp_path_factory.mktemp("html") / "html"
    make_html.build(synthetic_course(src), out)
    return out


def _open(page, file: Path) -> dict:
    requests, failed = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failed.append(f"{r.url[:100]}: {r.failure}"))
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(file.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith(("file://", "data:"))]
    assert not outside, f"{file.name}: requests outside the folder: {outside[:5]}"
    assert not failed, f"{file.name}: failed requests: {failed[:5]}"
    return page.evaluate(PAGE_FACTS_JS)


def _check_links(site: Path, facts: dict, name: str) -> None:
    for href in facts["links"]:
        target = urlparse(href)
        if target.scheme in ("http", "https", "mailto"):
            continue  # a link to the web is not a request; nothing to check offline
        file = (site / unquote(target.path)).resolve() if target.path else site / name
        assert file.is_file(), f"{name}: broken link {href}"
        if target.fragment and file.suffix == ".html":
            text = file.read_text(encoding="utf-8")
            assert f'id="{unquote(target.fragment)}"' in text, f"{name}: broken anchor {href}"
    assert not facts["brokenImages"], f"{name}: images that did not load: {facts['brokenImages']}"


PAGES = ["index"] + [p.stem for p in NOTEBOOKS]


@pytest.mark.parametrize("stem", PAGES)
def test_page_is_offline_folded_and_linked(site, page, stem):
    facts = _open(page, site / f"{stem}.html")
    _check_links(site, facts, f"{stem}.html")
    assert "BEGIN SOLUTION" not in facts["html"] and "END SOLUTION" not in facts["html"]
    raw = re.findall(r"\$[^$\n]{1,80}\$|\\[a-z]+\{", facts["prose"])
    assert not raw, f"raw TeX on the page: {raw[:5]}"
    assert facts["unrendered"] == 0, "a formula latex2mathml could not read"
    assert not facts["texInMath"], f"TeX commands left in formulas: {facts['texInMath'][:3]}"
    assert facts["openDetails"] == 0, "something is unfolded when the page opens"
    assert facts["search"], "no search box"
    sidebar = {h.split("#")[0] for h in facts["sidebar"]}
    assert {f"{s}.html" for s in PAGES if s != stem} <= sidebar, facts["sidebar"]
    if stem == "index":
        assert "course map" in facts["text"].lower()
        return
    nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
    h1 = re.search(r"^# (.+)$", nb.cells[0].source, re.M).group(1).strip()
    assert facts["title"].startswith(h1.replace("`", "")[:20]), facts["title"]
    assert facts["maths"] > 0, "no formula on the page"
    labels = [f["label"] for f in facts["folds"]]
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert labels.count("Show solution") == len(solutions), labels
    assert labels[0] == "Show the setup code", labels
    pictures = sum(
        "image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code"
        for o in c.outputs if WIDGET_MIME in o.get("data", {})
    )  # fmt: skip
    assert facts["images"] >= pictures, "an explorer shows no picture"


def test_previous_next_walk_the_whole_course_in_order(site, page):
    seen, stem = [], "index"
    while stem is not None:
        facts = _open(page, site / f"{stem}.html")
        seen.append(stem)
        if len(seen) > 1:
            assert facts["prev"] == f"{seen[-2]}.html", (stem, facts["prev"])
        stem = facts["next"][: -len(".html")] if facts["next"] else None
        assert len(seen) <= len(PAGES) + 2, seen
    assert seen == PAGES


def test_text_runs_at_a_readable_measure(site, page):
    _open(page, site / f"{NOTEBOOKS[1].stem}.html")
    chars = page.evaluate(MEASURE_JS)
    print(f"\n{NOTEBOOKS[1].stem}.html at 1366x768: {chars:.0f} characters a line")
    assert 60 <= chars <= 95, chars


def test_folds_hide_solutions_answers_setup_and_side_roads_until_clicked(small_site, page):
    facts = _open(page, small_site / "01_b.html")
    _check_links(small_site, facts, "01_b.html")
    for secret in ("SOLUTION_SECRET", "ANSWER_MD_SECRET", "ANSWER_CODE_SECRET",
                   "SIDE_ROAD_SECRET", "SIDE_ROAD_CODE"):  # fmt: skip
        assert secret not in facts["text"], f"{secret} shows before a click"
        assert any(secret in f["text"] for f in facts["folds"]), f"{secret} is not in a fold"
    assert "correct" not in facts["text"]  # the check's output says nothing in the book
    assert "eta_max = None" in facts["text"]  # the exercise shows the learner's stub
    assert "Going further: the proof" in facts["text"]  # the side road's heading stays
    assert "Back on the core path" in facts["text"]  # the next section is not folded
    labels = [f["label"] for f in facts["folds"]]
    assert labels == [
        "Show the setup code", "Show solution", "Show the answer", "Show the answer",
        "Open this side road",
    ], labels  # fmt: skip
    for label, secret in (("Show solution", "SOLUTION_SECRET"),
                          ("Open this side road", "SIDE_ROAD_SECRET")):  # fmt: skip
        page.get_by_text(label, exact=True).first.click()
        assert secret in page.inner_text("article.bd-article")
    facts = _open(page, small_site / "00_a.html")
    assert "SETUP_SECRET" not in facts["text"]
    assert facts["images"] == 1 and "Explorer(...)" not in facts["html"]
    assert facts["next"] == "01_b.html" and facts["prev"] == "index.html"
    index = _open(page, small_site / "index.html")
    assert "01_b.html#the-exercise" in index["links"]
    _check_links(small_site, index, "index.html")


def test_search_finds_a_word_of_the_course(site, page):
    """Sphinx's search, over http as a web server would give it (its result previews are
    fetched, which a browser refuses on file://)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/search.html?q=backpropagation")
        page.wait_for_selector("#search-results li", timeout=30_000)
        hits = page.eval_on_selector_all(
            "#search-results li a", "as => as.map(a => a.getAttribute('href'))"
        )
    finally:
        server.shutdown()
        server.server_close()
    assert any(h.startswith("05_feedforward_backprop.html") for h in hits), hits
