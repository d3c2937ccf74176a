"""The course map of notebook 00 (also the HTML edition's front page, tools/make_html.py) names
exactly the course's notebooks, in order, and agrees with README.md's table."""

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: A table row's first cell: a link [NN Title](path/NN_name.ipynb).
ROW = re.compile(r"^\|\s*\[(\d\d) ([^\]]+)\]\(([^)]*?)([^/)]+\.ipynb)\)\s*\|(.*)$", re.M)


def rows(text: str) -> list[tuple[str, str, str, str, str]]:
    """(number, title, folder, file, rest of the row) of each table row that starts with a link
    to a notebook."""
    return ROW.findall(text)


def course_map() -> str:
    nb = nbformat.read(ROOT / "notebooks" / "00_start_here.ipynb", as_version=4)
    found = [c.source for c in nb.cells if c.source.lstrip().startswith("## The course map")]
    assert len(found) == 1, "notebook 00 needs exactly one '## The course map' cell"
    return found[0]


def test_the_map_names_every_notebook_once_in_order_with_its_own_number():
    mapped = rows(course_map())
    assert [file for _, _, _, file, _ in mapped] == NOTEBOOKS
    for number, title, folder, file, rest in mapped:
        assert file.startswith(number + "_"), f"row {number} links to {file}"
        assert folder == "", f"row {number}: links inside notebooks/ are relative to it"
        assert title.strip() and rest.count("|") == 2, f"row {number}: three cells, a title"


def test_the_map_agrees_with_the_readme_table():
    readme = rows((ROOT / "README.md").read_text(encoding="utf-8"))
    mapped = rows(course_map())
    assert [(n, t, f) for n, t, _, f, _ in readme] == [(n, t, f) for n, t, _, f, _ in mapped]
    assert all(folder == "notebooks/" for _, _, folder, _, _ in readme)


def test_the_rows_match_the_notebooks_own_titles():
    """Each row's number is the number in its notebook's first heading."""
    for number, _, _, file, _ in rows(course_map()):
        first = nbformat.read(ROOT / "notebooks" / file, as_version=4).cells[0].source
        assert first.startswith(f"# {number} "), f"{file} begins {first[:30]!r}"


def test_a_train_button_is_promised_where_the_training_explorer_is():
    """The map's "Train button" sits in the row of the notebook that shows the explorer with
    one (it moved from 05 to 06 when 05 split)."""
    for number, _, _, file, rest in rows(course_map()):
        nb = nbformat.read(ROOT / "notebooks" / file, as_version=4)
        shows = any("FeedForwardExplorer(" in c.source for c in nb.cells if c.cell_type == "code")
        assert ("Train button" in rest) == shows, f"row {number}"
