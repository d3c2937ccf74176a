"""Write the student edition of the course (``make student``): build/student/NN_*.ipynb.

The notebooks in ``notebooks/`` are the instructor edition. In a code cell tagged ``solution``
the answer lies between a line ``### BEGIN SOLUTION`` and a line ``### END SOLUTION``:

- inside a function body, the block becomes ``raise NotImplementedError("your code here")`` at
  the block's indentation (the check cell then passes the function to its checker, which says
  "not answered yet");
- at top level, the block may hold only plain assignments (``eta_max = 24.9``); each assigned
  name becomes ``name = None``.

The outputs of ``solution`` cells and of ``check`` cells (the code cell after it, calling a
checker) are cleared, and their cell metadata keeps only the tags; every other output is kept so
the student edition still reads well unexecuted. Anything else is an error that names the
notebook and the cell: a marker outside a ``solution`` cell, a ``solution`` cell without one,
unmatched or nested markers, top-level statements other than assignments, and any line of a
solution (or any output of a solution or answer cell) that would still appear somewhere in the
student edition (a later output, the notebook's metadata, an attachment).

A cell tagged ``answer`` reveals an exercise's answer (the worked answer, a table or figure that
settles a prediction). It stays, folded: a markdown ``answer`` cell is wrapped in a
``<details>`` block ("Show the answer"); a code ``answer`` cell loses its outputs and has its
source and outputs hidden (JupyterLab's ``jupyter.source_hidden``/``outputs_hidden``: one click
on the fold shows it), its first line (the one JupyterLab shows of a hidden cell) a comment
saying so.

"Going further" side roads stay folded: a markdown cell whose first heading starts with
"Going further" gets ``"jp-MarkdownHeadingCollapsed": true``, and any text after the heading
line moves to a cell of its own below it, which the fold then hides too (``fold_side_roads``,
which ``make notebooks`` applies to the instructor edition as well).

The learner's workspace (``make lab``): ``--workspace work`` copies the student edition into
``work/`` and never overwrites or deletes a file there. ``work/.course/`` keeps the student
edition each copy was made from; when the course's notebook has changed since, the learner's
copy stays and the new version is written beside it (``01_perceptron.new.ipynb``), and the
command line says so. A notebook the learner deleted is copied afresh.

Usage: python tools/make_student.py [--out build/student] [notebooks/*.ipynb]
       python tools/make_student.py --workspace work [notebooks/*.ipynb]
"""

from __future__ import annotations

import argparse
import ast
import base64
import copy
import re
import sys
from pathlib import Path

import nbformat

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
STUB = 'raise NotImplementedError("your code here")'
#: the summary line of a folded markdown answer
SHOW_ANSWER = "Show the answer"
#: the first line of a folded code answer (the one line JupyterLab shows of it)
ANSWER_FIRST_LINE = "# The answer is folded here: click the dots to show it"
#: a Markdown ATX heading: its text
HEADING = re.compile(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$")
#: where the workspace keeps the student edition each learner's copy was made from
COURSE_DIR = ".course"
#: shorter solution lines (``)``, ``return a``) are too common to call a leak
MIN_LEAK_CHARS = 8


class StudentEditionError(ValueError):
    """The instructor notebook cannot be turned into a student edition safely."""


def _where(name: str, index: int, cell) -> str:
    first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
    return f"{name}, cell {index} ({first.strip()[:50]!r})"


def _is_marker(line: str, marker: str) -> bool:
    return line.strip().startswith(marker)


def _function_lines(source: str) -> set[int]:
    """Line numbers (1-based) that lie in the body of some function of ``source``; IPython
    magics and shell escapes are blanked out first so that ``ast`` can read the cell."""
    lines = ["" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines()]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return set()
    inside = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside |= set(range(node.lineno + 1, node.end_lineno + 1))
    return inside


def _assigned_names(block: list[str], where: str) -> list[str]:
    """The names a top-level solution block assigns; anything but plain assignments is an
    error (the stub would silently drop it)."""
    text = "\n".join(block)
    try:
        tree = ast.parse(text)
    except SyntaxError as err:
        raise StudentEditionError(f"{where}: the solution block does not parse: {err}") from None
    names: list[str] = []

    def collect(target) -> None:
        if isinstance(target, ast.Name):
            names.append(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for t in target.elts:
                collect(t)
        else:
            raise StudentEditionError(
                f"{where}: a top-level solution may only assign plain names, "
                f"got {ast.unparse(target)!r}"
            )

    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                collect(target)
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            collect(stmt.target)
        else:
            raise StudentEditionError(
                f"{where}: a solution block at top level may hold only assignments "
                f"(name = value); put code inside a function. Found: {ast.unparse(stmt)[:60]!r}"
            )
    if not names:
        raise StudentEditionError(f"{where}: empty solution block")
    return list(dict.fromkeys(names))


def strip_solutions(source: str, where: str) -> tuple[str, list[str]]:
    """(the cell's source with every marked block replaced by its stub, the removed lines)."""
    lines = source.splitlines()
    in_function = _function_lines(source)
    out: list[str] = []
    removed: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_marker(line, END):
            raise StudentEditionError(f"{where}: {END} without {BEGIN} on line {i + 1}")
        if not _is_marker(line, BEGIN):
            out.append(line)
            i += 1
            continue
        for j in range(i + 1, len(lines)):
            if _is_marker(lines[j], BEGIN):
                raise StudentEditionError(f"{where}: nested {BEGIN} on line {j + 1}")
            if _is_marker(lines[j], END):
                break
        else:
            raise StudentEditionError(f"{where}: {BEGIN} on line {i + 1} has no {END}")
        block = lines[i + 1 : j]
        indent = line[: len(line) - len(line.lstrip())]
        if indent:
            if (i + 1) not in in_function:
                raise StudentEditionError(
                    f"{where}: an indented solution must lie inside a function body (line {i + 1})"
                )
            out.append(indent + STUB)
        else:
            out.extend(f"{name} = None" for name in _assigned_names(block, where))
        removed.extend(block)
        i = j + 1
    return "\n".join(out), removed


def _strings(obj, *, decode: bool = False):
    """Every string inside a JSON-like object (base64-decoded too, for attachments)."""
    if isinstance(obj, str):
        yield obj
        if decode:
            try:
                yield base64.b64decode(obj, validate=True).decode("utf-8", "replace")
            except ValueError:
                pass
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _strings(value, decode=decode)
    elif isinstance(obj, list):
        for value in obj:
            yield from _strings(value, decode=decode)


def _output_texts(outputs) -> list[str]:
    """The text a cell's outputs show: stream text, error text, every mime's data."""
    texts = []
    for out in outputs:
        for text in _strings({k: v for k, v in out.items() if k in ("text", "data", "traceback")}):
            texts += [ln.strip() for ln in text.splitlines()]
    return texts


def _assert_no_leak(
    student, secrets: dict[str, str], name: str, folded: dict[str, int] | None = None
) -> None:
    """Fail if a secret (solution line, solution or answer output) is anywhere in the student
    edition; ``folded`` maps an answer's output to the folded answer cell whose own (hidden)
    source may hold it (``print("24.9")`` shows 24.9)."""
    secrets = {s: origin for s, origin in secrets.items() if len(s) >= MIN_LEAK_CHARS}
    folded = folded or {}
    places = [("the notebook metadata", list(_strings(student.metadata)))]
    for index, cell in enumerate(student.cells):
        where = _where(name, index, cell)
        shown = [cell.source]
        for secret, at in folded.items():
            if at == index:
                shown = [text.replace(secret, "") for text in shown]
        places.append((f"{where}, its source", shown))
        places.append((f"{where}, its metadata", list(_strings(cell.metadata))))
        if "attachments" in cell:
            places.append((f"{where}, an attachment", list(_strings(cell.attachments, decode=1))))
        if cell.cell_type == "code":
            places.append((f"{where}, its outputs", list(_strings(cell.outputs))))
    for place, texts in places:
        for text in texts:
            for secret, origin in secrets.items():
                if secret in text:
                    raise StudentEditionError(
                        f"{place} shows {secret!r} from {origin}: the student edition would "
                        "leak the answer"
                    )


def first_heading(source: str) -> str | None:
    """The text of the first Markdown heading line of ``source`` (``None`` without one)."""
    for line in source.splitlines():
        match = HEADING.match(line)
        if match:
            return match.group(1)
    return None


def is_side_road(cell) -> bool:
    """A markdown cell whose first heading starts with "Going further" (CONVENTIONS)."""
    heading = first_heading(cell.source) if cell.cell_type == "markdown" else None
    return heading is not None and heading.lower().startswith("going further")


def fold_side_roads(nb) -> int:
    """Fold every "Going further" heading in JupyterLab (in place); how many there are.

    JupyterLab's fold hides the cells below a heading cell, not the rest of the heading cell
    itself, so text after the heading line moves to a markdown cell of its own just below."""
    cells, roads = [], 0
    for cell in nb.cells:
        cells.append(cell)
        if not is_side_road(cell):
            continue
        roads += 1
        cell.metadata["jp-MarkdownHeadingCollapsed"] = True
        lines = cell.source.splitlines()
        at = next(i for i, ln in enumerate(lines) if HEADING.match(ln))
        rest = "\n".join(lines[at + 1 :]).strip("\n")
        if rest.strip():
            cell.source = "\n".join(lines[: at + 1])
            body = nbformat.v4.new_markdown_cell(rest)
            body.id = (cell.get("id", "side-road") + "-body")[:64]
            cells.append(body)
    nb.cells = cells
    return roads


def fold_answer(cell) -> None:
    """Fold an ``answer`` cell (in place): markdown behind ``<details>``, code hidden and its
    outputs cleared."""
    if cell.cell_type == "markdown":
        cell.source = (
            f"<details>\n<summary>{SHOW_ANSWER}</summary>\n\n{cell.source.strip()}\n\n</details>"
        )
    elif cell.cell_type == "code":
        # JupyterLab shows a hidden cell's first line: make it say what is hidden
        cell.source = f"{ANSWER_FIRST_LINE}\n{cell.source}"
        cell.outputs = []
        cell.execution_count = None
        cell.metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": True}


def student_edition(nb, name: str = "notebook"):
    """The student edition of notebook ``nb`` (an nbformat node; ``nb`` is not modified)."""
    nb = copy.deepcopy(nb)
    secrets: dict[str, str] = {}
    folded: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        where = _where(name, index, cell)
        tags = list(cell.metadata.get("tags", []))
        has_marker = any(
            _is_marker(ln, BEGIN) or _is_marker(ln, END) for ln in cell.source.splitlines()
        )
        if "solution" in tags:
            if cell.cell_type != "code" or not has_marker:
                raise StudentEditionError(
                    f"{where}: tagged solution but holds no {BEGIN} ... {END} code block"
                )
            cell.source, removed = strip_solutions(cell.source, where)
            secrets.update(
                dict.fromkeys((ln.strip() for ln in removed), f"the solution of {where}")
            )
            secrets.update(dict.fromkeys(_output_texts(cell.outputs), f"the output of {where}"))
        elif has_marker:
            raise StudentEditionError(f"{where}: solution markers in a cell not tagged solution")
        if "answer" in tags:
            if cell.cell_type == "code":
                shown = _output_texts(cell.outputs)
                secrets.update(dict.fromkeys(shown, f"the answer shown by {where}"))
                folded.update(dict.fromkeys(shown, index))
            fold_answer(cell)
        if "solution" in tags or ("check" in tags and cell.cell_type == "code"):
            cell.outputs = []
            cell.execution_count = None
            cell.metadata = nbformat.NotebookNode({"tags": tags})
            cell.pop("attachments", None)
    _assert_no_leak(nb, secrets, name, folded)
    fold_side_roads(nb)
    return nb


def _beside(path: Path) -> Path:
    """A free name beside ``path`` for the course's new version: ``x.new.ipynb``, then
    ``x.new-2.ipynb``, ... (an existing file is never reused)."""
    candidate = path.with_name(f"{path.stem}.new{path.suffix}")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.new-{n}{path.suffix}")
        n += 1
    return candidate


def sync_workspace(editions: dict[str, str], work: Path) -> list[str]:
    """Bring the learner's workspace ``work`` up to date with the student edition ``editions``
    (file name -> notebook text), never overwriting or deleting a file there. Returns one line
    per change:

    - a notebook not in ``work`` (first run, or deleted by the learner) is copied in;
    - a notebook whose course version is the one the copy was made from is left alone;
    - a notebook whose course version changed since: the learner's copy stays and the new
      version is written beside it (``_beside``).

    ``work/.course/NAME`` records the course version last given to the learner (hidden from
    JupyterLab's file browser); only the tool writes there.
    """
    course = work / COURSE_DIR
    course.mkdir(parents=True, exist_ok=True)
    said = []
    for name, text in editions.items():
        mine, given = work / name, course / name
        before = given.read_text(encoding="utf-8") if given.exists() else None
        if not mine.exists():
            _write_new(mine, text)
            said.append(f"{mine}: copied from the course")
        elif text != before and text != mine.read_text(encoding="utf-8"):
            new = _beside(mine)
            _write_new(new, text)
            said.append(
                f"{mine}: the course changed it since your copy was made; your copy is kept "
                f"as it is, the new version is {new}"
            )
        given.write_text(text, encoding="utf-8")
    return said


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path``, which must not exist yet (``x`` mode: never overwrite)."""
    with path.open("x", encoding="utf-8") as f:
        f.write(text)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--out", default="build/student", type=Path)
    where.add_argument(
        "--workspace", type=Path, help="the learner's folder: copy in, never overwrite"
    )
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    editions = {}
    try:
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            editions[path.name] = nbformat.writes(student_edition(nb, path.name)) + "\n"
            n = sum("solution" in c.metadata.get("tags", []) for c in nb.cells)
            if not args.workspace:
                print(f"{args.out / path.name}: {n} exercise(s) stubbed")
    except StudentEditionError as err:
        print(f"make student: {err}", file=sys.stderr)
        return 1
    if args.workspace:
        said = sync_workspace(editions, args.workspace)
        print("\n".join(said) or f"{args.workspace}: your notebooks are up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in editions.items():
        (args.out / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
