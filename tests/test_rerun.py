"""Learners run cells twice and out of order: a re-run must never change what a cell says.

For every notebook (the instructor edition), in one kernel:

1. Run All, top to bottom, keeping each code cell's text (printed output and results);
2. re-run every code cell in order: each must print the same text and raise nothing;
3. re-run every code cell alone, from the last to the first, so that each one runs after every
   later cell has run: it must still print the same (a later cell that rebinds a name or
   changes an object in place shows up here).

A static check completes it: one meaning per name. A name assigned at the top level of two
different cells must not be read by a third cell, for which of the two ran last would decide
what it sees (05's old ``x`` and ``net``: re-running the first definition made a later cell
print that backprop was wrong).

Outputs are compared after the same sanitising as nbval (``tests/nbval_sanitize.cfg``); widget
cells (tag ``nbval-ignore-output``) are run but their text is not compared. A cell whose text
legitimately changes on every run (a timing) carries the tag ``rerun-varies``.
"""

from __future__ import annotations

import configparser
import re
import symtable
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NOT_COMPARED = {"nbval-ignore-output", "rerun-varies", "nbval-skip"}


def _sanitizers() -> list[tuple[re.Pattern, str]]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "tests" / "nbval_sanitize.cfg")
    return [(re.compile(s["regex"]), s["replace"]) for s in cfg.values() if "regex" in s]


SANITIZERS = _sanitizers()


def text_of(outputs) -> str:
    """What a cell said: its stdout and the text of its results and errors, sanitised."""
    parts = []
    for out in outputs:
        if out.output_type == "stream" and out.name == "stdout":
            parts.append(out.text)
        elif out.output_type in ("execute_result", "display_data"):
            parts.append(out.get("data", {}).get("text/plain", ""))
        elif out.output_type == "error":
            parts.append(f"{out.ename}: {out.evalue}")
    text = "".join(parts)
    for regex, replace in SANITIZERS:
        text = regex.sub(replace, text)
    return text


def compared(cell) -> bool:
    return not NOT_COMPARED & set(cell.metadata.get("tags", []))


# --- the static check: one meaning per name -------------------------------------------------


def _source(cell) -> str:
    """The cell's Python, IPython magics and shell lines blanked out."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in cell.source.splitlines())  # fmt: skip


def bound_and_read(source: str) -> tuple[set[str], set[str]]:
    """Names a cell binds at its top level, and global names it reads without binding them
    (inside its functions and comprehensions too; their parameters and locals are theirs)."""
    top = symtable.symtable(source, "<cell>", "exec")
    bound = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported()}
    bound |= {s.get_name() for s in top.get_symbols() if s.is_namespace()}
    read: set[str] = set()

    def visit(table, is_top):
        for sym in table.get_symbols():
            if sym.is_referenced() and (is_top or sym.is_global()):
                read.add(sym.get_name())
        for child in table.get_children():
            visit(child, False)

    visit(top, True)
    return bound, read - bound


def name_clashes(nb) -> list[str]:
    """Names bound in two cells and read by another cell, as 'name: cells i, j; read in k'."""
    binders: dict[str, list[int]] = {}
    readers: dict[str, list[int]] = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        bound, read = bound_and_read(_source(cell))
        for name in bound:
            binders.setdefault(name, []).append(i)
        for name in read:
            readers.setdefault(name, []).append(i)
    clashes = []
    for name, cells in sorted(binders.items()):
        if len(cells) > 1 and name != "_" and readers.get(name):
            clashes.append(f"{name}: bound in cells {cells}, read in cells {readers[name]}")
    return clashes


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_meaning_per_name(path):
    clashes = name_clashes(nbformat.read(path, as_version=4))
    assert not clashes, "a name with two meanings, read elsewhere:\n" + "\n".join(clashes)


def test_name_clash_is_found():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in ("x = 1", "x = 2", "print(x)", "y = 3")]
    assert name_clashes(nb) == ["x: bound in cells [0, 1], read in cells [2]"]
    nb.cells[2] = nbformat.v4.new_code_cell("x = 5\nprint(x)")  # binds before it reads
    assert name_clashes(nb) == []


# --- the dynamic check: run all, then re-run ------------------------------------------------


def test_text_of_sanitises_and_keeps_errors():
    out = nbformat.v4.new_output("error", ename="ValueError", evalue="eta must be > 0")
    assert text_of([out]) == "ValueError: eta must be > 0"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_rerun_prints_the_same(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    problems = []
    with client.setup_kernel():
        first = {}
        for i in code:
            client.execute_cell(nb.cells[i], i)
            first[i] = text_of(nb.cells[i].outputs)
        for label, order in (("in order", code), ("alone, last to first", code[::-1])):
            for i in order:
                cell = nb.cells[i]
                try:
                    client.execute_cell(cell, i)
                except Exception as exc:  # noqa: BLE001 - the message is what we report
                    problems.append(f"cell {i} re-run {label} raised: {str(exc)[-300:]}")
                    continue
                if compared(cell) and text_of(cell.outputs) != first[i]:
                    problems.append(
                        f"cell {i} re-run {label} printed something else:\n"
                        f"--- first run:\n{first[i][:400]}\n--- re-run:\n"
                        f"{text_of(cell.outputs)[:400]}"
                    )
    assert not problems, f"{path.name}:\n" + "\n".join(problems)
