"""The student edition (``make student``, tools/make_student.py): stubs in, answers out.

The generator is tried on a synthetic notebook that tries to leak its answers in every place a
notebook can hold text; then every real notebook's student edition is executed top to bottom
(those tests carry the ``notebooks`` mark: ``make nbval`` runs them beside nbval, ``make unit``
leaves them out).
"""

import importlib.util
import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

ROOT = Path(__file__).parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

_spec = importlib.util.spec_from_file_location("make_student", ROOT / "tools" / "make_student.py")
make_student = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_student)
StudentEditionError = make_student.StudentEditionError

CODE_SOLUTION = '''\
import numpy as np


def backward(W, delta):
    """One layer's backward step."""
    ### BEGIN SOLUTION
    secret_grad = W.T @ delta  # the transposed weights
    return secret_grad * 0.5
    ### END SOLUTION


print("defined")'''

NUMBER_SOLUTION = """\
### BEGIN SOLUTION
# eta_max is 24.9 because of the curvature
eta_max = 24.9
w_secret, b_secret = 1.5, -2.25
### END SOLUTION"""


def tagged(cell, *tags):
    cell.metadata["tags"] = list(tags)
    return cell


def stream(text):
    return new_output("stream", name="stdout", text=text)


def synthetic(**leaks):
    """An instructor notebook with a code exercise, a number exercise, their checks, and plain
    cells with outputs; ``leaks`` add the answer somewhere it must not survive."""
    cells = [
        new_markdown_cell("# A synthetic notebook\nwith $x^2$"),
        new_code_cell("x = 3\nprint(f'x = {x}')", execution_count=1, outputs=[stream("x = 3\n")]),
        tagged(
            new_code_cell(
                CODE_SOLUTION,
                execution_count=2,
                outputs=[stream("defined\nsolution cell printout 41.5\n")],
                metadata={"solution_note": "uses secret_grad = W.T @ delta"},
            ),
            "solution",
        ),
        tagged(
            new_code_cell(
                "check_backward(backward)", execution_count=3, outputs=[stream("correct\n")]
            ),
            "check",
        ),
        tagged(new_code_cell(NUMBER_SOLUTION, execution_count=4), "solution"),
        tagged(
            new_code_cell("check_eta(eta_max)", execution_count=5, outputs=[stream("correct\n")]),
            "check",
        ),
        new_code_cell(
            "print(f'{2 * x:.4f}')",
            execution_count=6,
            outputs=[stream(leaks.get("later_output", "6.0000\n"))],
        ),
        new_markdown_cell("The end."),
    ]
    nb = new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}
    )
    if "notebook_metadata" in leaks:
        nb.metadata["answers"] = leaks["notebook_metadata"]
    if "attachment" in leaks:
        data = leaks["attachment"].encode()
        import base64

        nb.cells[-1].attachments = {"a.txt": {"text/plain": base64.b64encode(data).decode()}}
    return nb


SECRET_LINES = [
    "secret_grad = W.T @ delta  # the transposed weights",
    "return secret_grad * 0.5",
    "# eta_max is 24.9 because of the curvature",
    "eta_max = 24.9",
    "w_secret, b_secret = 1.5, -2.25",
]


def test_code_exercise_becomes_a_stub_at_the_blocks_indentation():
    student = make_student.student_edition(synthetic())
    source = student.cells[2].source
    assert '    raise NotImplementedError("your code here")' in source.splitlines()
    assert source.startswith("import numpy as np") and 'print("defined")' in source
    compile(source, "cell", "exec")  # still valid Python


def test_a_block_that_is_the_whole_function_body_becomes_the_stub():
    source = (
        "def double(x):\n    ### BEGIN SOLUTION\n    y = 2 * x\n    return y\n    ### END SOLUTION"
    )
    student = make_student.student_edition(_with_solution(source))
    assert (
        student.cells[4].source == 'def double(x):\n    raise NotImplementedError("your code here")'
    )


def test_number_exercise_sets_each_assigned_name_to_none():
    student = make_student.student_edition(synthetic())
    assert student.cells[4].source.splitlines() == [
        "eta_max = None",
        "w_secret = None",
        "b_secret = None",
    ]


def test_outputs_of_solution_and_check_cells_cleared_all_others_kept():
    instructor = synthetic()
    student = make_student.student_edition(instructor)
    for i in (2, 3, 4, 5):
        assert student.cells[i].outputs == [] and student.cells[i].execution_count is None
    for i in (1, 6):
        assert student.cells[i].outputs == instructor.cells[i].outputs
        assert student.cells[i].execution_count == instructor.cells[i].execution_count
    assert student.cells[0] == instructor.cells[0]
    assert instructor.cells[2].outputs, "the instructor notebook is not modified"


def test_nothing_between_the_markers_and_no_solution_output_survives_anywhere():
    student = make_student.student_edition(synthetic())
    text = json.dumps(student)  # sources, outputs, metadata: everything the file holds
    for line in SECRET_LINES:
        assert line not in text and json.dumps(line)[1:-1] not in text, line
    assert "secret_grad" not in text  # also the solution cell's own metadata is dropped
    assert "solution cell printout" not in text
    assert "correct" not in text
    assert student.cells[2].metadata == {"tags": ["solution"]}


@pytest.mark.parametrize(
    "leak, place",
    [
        ({"later_output": "eta_max = 24.9\n"}, "its outputs"),
        ({"later_output": "solution cell printout 41.5\n"}, "its outputs"),
        ({"notebook_metadata": {"key": ["w_secret, b_secret = 1.5, -2.25"]}}, "notebook metadata"),
        ({"attachment": "note: return secret_grad * 0.5"}, "an attachment"),
    ],
    ids=[
        "solution-line-in-later-output",
        "solution-output-in-later-output",
        "metadata",
        "attachment",
    ],
)
def test_a_leak_anywhere_else_is_an_error_naming_the_place(leak, place):
    with pytest.raises(StudentEditionError, match=place) as err:
        make_student.student_edition(synthetic(**leak), "leaky.ipynb")
    assert "leaky.ipynb" in str(err.value) or place == "notebook metadata"


def _with_solution(source: str, tags=("solution",)) -> nbformat.NotebookNode:
    nb = synthetic()
    nb.cells[4] = tagged(new_code_cell(source), *tags)
    return nb


@pytest.mark.parametrize(
    "source, message",
    [
        ("### BEGIN SOLUTION\nx = 1\n", "has no ### END SOLUTION"),
        ("x = 1\n### END SOLUTION\n", "without ### BEGIN SOLUTION"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", "nested"),
        ("### BEGIN SOLUTION\nprint(24.9)\n### END SOLUTION\n", "only assignments"),
        ("### BEGIN SOLUTION\nx += 1\n### END SOLUTION\n", "only assignments"),
        ("### BEGIN SOLUTION\nx[0] = 1\n### END SOLUTION\n", "plain names"),
        ("### BEGIN SOLUTION\n### END SOLUTION\n", "empty solution block"),
        ("if True:\n    ### BEGIN SOLUTION\n    x = 1\n    ### END SOLUTION\n", "function body"),
        ("x = 1\n", "holds no ### BEGIN SOLUTION"),
    ],
    ids=["unmatched-begin", "unmatched-end", "nested", "expression", "augmented", "subscript",
         "empty", "indented-outside-function", "no-markers"],
)  # fmt: skip
def test_malformed_exercises_are_errors_naming_notebook_and_cell(source, message):
    with pytest.raises(StudentEditionError, match=message) as err:
        make_student.student_edition(_with_solution(source), "07_bad.ipynb")
    assert "07_bad.ipynb, cell 4" in str(err.value)


def test_markers_outside_a_solution_cell_are_an_error():
    nb = _with_solution(NUMBER_SOLUTION, tags=())
    with pytest.raises(StudentEditionError, match="not tagged solution"):
        make_student.student_edition(nb, "x.ipynb")


def test_command_line_writes_the_student_edition(tmp_path):
    src = tmp_path / "09_demo.ipynb"
    nbformat.write(synthetic(), src)
    assert make_student.main(["--out", str(tmp_path / "out"), str(src)]) == 0
    written = nbformat.read(tmp_path / "out" / "09_demo.ipynb", as_version=4)
    assert written.cells[4].source.startswith("eta_max = None")
    nbformat.write(synthetic(later_output="eta_max = 24.9\n"), src)
    assert make_student.main(["--out", str(tmp_path / "out"), str(src)]) == 1


# -- the real notebooks -------------------------------------------------------------------------


def tags(cell):
    return cell.metadata.get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_exercise_cells_follow_the_contract(path):
    """Each solution cell is followed by a check cell calling a checker; the student edition
    can be made (no leak, no malformed block)."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    for cell, following in zip(code, code[1:] + [None], strict=True):
        if "solution" in tags(cell):
            assert following is not None and "check" in tags(following), cell.source[:60]
            assert "check_" in following.source
    assert sum("check" in tags(c) for c in code) == sum("solution" in tags(c) for c in code)
    make_student.student_edition(nb, path.name)


def _execute(path: Path) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    student = make_student.student_edition(nbformat.read(path, as_version=4), path.name)
    NotebookClient(
        student,
        timeout=600,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    ).execute()
    return student


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_student_edition_runs_top_to_bottom_with_errors_only_in_exercises(path, monkeypatch):
    monkeypatch.delenv("MPLBACKEND", raising=False)
    student = _execute(path)
    code = [c for c in student.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "not every cell ran"
    for cell in code:
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors and not {"solution", "raises-exception"} & set(tags(cell)):
            pytest.fail(
                f"{path.name}: {errors[0].ename}: {errors[0].evalue} in {cell.source[:80]!r}"
            )
        if "check" in tags(cell):
            printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            assert "not answered yet" in printed, (
                f"{path.name}: {cell.source!r} printed {printed!r}"
            )
    checks = sum("check" in tags(c) for c in code)
    print(f"{path.name}: {len(code)} cells ran, {checks} check(s) said 'not answered yet'")


# -- answers and side roads folded ----------------------------------------------------------------


def with_answers():
    """The synthetic notebook with a markdown and a code cell tagged ``answer`` after the number
    exercise, and a "Going further" side road."""
    nb = synthetic()
    reveal = tagged(new_markdown_cell("The step that diverges first is $\\eta = 24.9$."), "answer")
    table = tagged(
        new_code_cell(
            "show_table()  # eta  24.9  diverges first",  # its own source may say it: folded
            execution_count=7,
            outputs=[stream("eta  24.9  diverges first\n")],
        ),
        "answer",
    )
    road = new_markdown_cell("### Going further: why the curvature sets the step\nA proof.")
    not_road = new_markdown_cell("## Summary\nGoing further is for later.")
    nb.cells[6:6] = [reveal, table, road, not_road]
    return nb


def test_markdown_answer_is_folded_behind_show_the_answer():
    student = make_student.student_edition(with_answers())
    source = student.cells[6].source
    assert source.startswith("<details>\n<summary>Show the answer</summary>\n\n")
    assert source.endswith("\n\n</details>")
    assert "$\\eta = 24.9$" in source  # folded, still there for the learner who opens it


def test_code_answer_loses_its_output_and_is_hidden():
    instructor = with_answers()
    student = make_student.student_edition(instructor)
    cell = student.cells[7]
    assert cell.outputs == [] and cell.execution_count is None
    assert cell.metadata["jupyter"] == {"source_hidden": True, "outputs_hidden": True}
    # JupyterLab shows the first line of a hidden cell: it must not be the answer's code
    assert cell.source.splitlines()[0] == make_student.ANSWER_FIRST_LINE
    assert cell.source.splitlines()[1:] == instructor.cells[7].source.splitlines()
    assert cell.metadata["tags"] == ["answer"]
    assert instructor.cells[7].outputs, "the instructor notebook is not modified"
    shown = [c for i, c in enumerate(student.cells) if i != 7]
    assert "24.9  diverges first" not in json.dumps(shown) + json.dumps(cell.outputs)


@pytest.mark.parametrize("where", ["a later output", "a markdown cell"])
def test_an_answer_output_shown_anywhere_else_is_a_leak(where):
    nb = with_answers()
    if where == "a later output":
        nb.cells[-2].outputs = [stream("eta  24.9  diverges first\n")]  # the plain cell after
    else:
        nb.cells[0].source += "\n\neta  24.9  diverges first"
    with pytest.raises(StudentEditionError, match="the answer shown by"):
        make_student.student_edition(nb, "leaky.ipynb")


@pytest.mark.parametrize(
    "source, folded",
    [
        ("## Going further: floating point\ntext", True),
        ("#### going further\n", True),
        ("Some words first.\n\n### Going further (optional)", True),
        ("## Going further ##", True),
        ("## Summary\nGoing further is for later.", False),
        ("Going further: not a heading", False),
        ("    # Going further (indented code, not a heading)", False),
    ],
)
def test_side_road_headings_are_found_by_their_first_heading(source, folded):
    nb = new_notebook(cells=[new_markdown_cell(source), new_code_cell("# Going further")])
    assert make_student.fold_side_roads(nb) == int(folded)
    assert nb.cells[0].metadata.get("jp-MarkdownHeadingCollapsed", False) is folded
    assert "jp-MarkdownHeadingCollapsed" not in nb.cells[-1].metadata


def test_text_after_a_side_roads_heading_moves_below_it_so_the_fold_hides_it():
    nb = new_notebook(
        cells=[
            new_markdown_cell("Core text.\n\n## Going further: a proof\n\nThe proof, $x^2$.\n"),
            new_code_cell("print(1)"),
        ]
    )
    make_student.fold_side_roads(nb)
    assert [c.source for c in nb.cells] == [
        "Core text.\n\n## Going further: a proof",
        "The proof, $x^2$.",
        "print(1)",
    ]
    assert nb.cells[0].metadata["jp-MarkdownHeadingCollapsed"] is True
    assert nb.cells[1].cell_type == "markdown" and nb.cells[1].id == nb.cells[0].id + "-body"
    nbformat.validate(nb)
    make_student.fold_side_roads(nb)  # a second pass changes nothing
    assert len(nb.cells) == 3


def test_student_edition_keeps_side_roads_folded():
    student = make_student.student_edition(with_answers())
    assert student.cells[8].source == "### Going further: why the curvature sets the step"
    assert student.cells[8].metadata["jp-MarkdownHeadingCollapsed"] is True
    assert student.cells[9].source == "A proof."
    assert student.cells[10].source.startswith("## Summary")
    assert "jp-MarkdownHeadingCollapsed" not in student.cells[10].metadata


def test_make_notebooks_stores_side_roads_folded(tmp_path, monkeypatch):
    """tools/run_notebooks.py (``make notebooks``) folds them while it re-executes."""
    monkeypatch.delenv("MPLBACKEND", raising=False)
    spec = importlib.util.spec_from_file_location("run_nb", ROOT / "tools" / "run_notebooks.py")
    run_notebooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_notebooks)
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Title"),
            new_code_cell("print(1 + 1)"),
            new_markdown_cell("## Going further: more"),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    path = tmp_path / "07_demo.ipynb"
    nbformat.write(nb, path)
    run_notebooks.run(path)
    stored = nbformat.read(path, as_version=4)
    assert stored.cells[1].outputs[0].text == "2\n"
    assert stored.cells[2].metadata["jp-MarkdownHeadingCollapsed"] is True
    assert "jp-MarkdownHeadingCollapsed" not in stored.cells[0].metadata

    # --fold-only: the same fold, nothing executed
    stored.cells[2].metadata.pop("jp-MarkdownHeadingCollapsed")
    stored.cells[2].source += "\nThe side road's text."
    stored.cells[1].outputs = []
    nbformat.write(stored, path)
    assert run_notebooks.main(["--fold-only", str(path)]) == 0
    folded = nbformat.read(path, as_version=4)
    assert folded.cells[1].outputs == []
    assert folded.cells[2].metadata["jp-MarkdownHeadingCollapsed"] is True
    assert folded.cells[3].source == "The side road's text."


# -- the learner's workspace (make lab): nothing is ever overwritten ------------------------------


def edition(text: str) -> str:
    """A notebook file's text holding one code cell ``text`` (same text, same file)."""
    cell = new_code_cell(text, id="c0")
    return nbformat.writes(new_notebook(cells=[cell])) + "\n"


def test_workspace_first_run_copies_every_notebook(tmp_path):
    work = tmp_path / "work"
    said = make_student.sync_workspace(
        {"00_a.ipynb": edition("a"), "01_b.ipynb": edition("b")}, work
    )
    assert (work / "00_a.ipynb").read_text() == edition("a")
    assert (work / "01_b.ipynb").read_text() == edition("b")
    assert len(said) == 2 and all("copied from the course" in s for s in said)


def test_workspace_keeps_the_learners_answer_when_nothing_changed(tmp_path):
    work = tmp_path / "work"
    make_student.sync_workspace({"00_a.ipynb": edition("a = None")}, work)
    (work / "00_a.ipynb").write_text(edition("a = 42  # my answer"))
    assert make_student.sync_workspace({"00_a.ipynb": edition("a = None")}, work) == []
    assert (work / "00_a.ipynb").read_text() == edition("a = 42  # my answer")
    assert sorted(p.name for p in work.iterdir()) == [".course", "00_a.ipynb"]


def test_workspace_writes_a_changed_course_notebook_beside_the_learners(tmp_path):
    work = tmp_path / "work"
    make_student.sync_workspace({"00_a.ipynb": edition("a = None")}, work)
    mine = edition("a = 42  # my answer")
    (work / "00_a.ipynb").write_text(mine)

    said = make_student.sync_workspace({"00_a.ipynb": edition("a = None  # v2")}, work)
    assert (work / "00_a.ipynb").read_text() == mine
    assert (work / "00_a.new.ipynb").read_text() == edition("a = None  # v2")
    assert len(said) == 1 and "your copy is kept" in said[0] and "00_a.new.ipynb" in said[0]

    # the same course again: nothing more is written
    assert make_student.sync_workspace({"00_a.ipynb": edition("a = None  # v2")}, work) == []
    # the learner worked in the .new file, then the course changed again: a third name
    (work / "00_a.new.ipynb").write_text(edition("mine too"))
    said = make_student.sync_workspace({"00_a.ipynb": edition("a = None  # v3")}, work)
    assert (work / "00_a.ipynb").read_text() == mine
    assert (work / "00_a.new.ipynb").read_text() == edition("mine too")
    assert (work / "00_a.new-2.ipynb").read_text() == edition("a = None  # v3")
    assert "00_a.new-2.ipynb" in said[0]


def test_workspace_copies_a_deleted_notebook_afresh(tmp_path):
    work = tmp_path / "work"
    make_student.sync_workspace({"00_a.ipynb": edition("a = None")}, work)
    (work / "00_a.ipynb").unlink()
    said = make_student.sync_workspace({"00_a.ipynb": edition("a = None")}, work)
    assert (work / "00_a.ipynb").read_text() == edition("a = None")
    assert "copied from the course" in said[0]


def test_workspace_without_a_record_keeps_an_existing_notebook(tmp_path):
    """A work/ made by hand (no .course record): an existing different file is kept."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "00_a.ipynb").write_text("my own notes")
    make_student.sync_workspace({"00_a.ipynb": edition("a = None")}, work)
    assert (work / "00_a.ipynb").read_text() == "my own notes"
    assert (work / "00_a.new.ipynb").read_text() == edition("a = None")


def test_command_line_workspace_never_touches_build_student(tmp_path, capsys):
    src = tmp_path / "09_demo.ipynb"
    nbformat.write(synthetic(), src)
    work, out = tmp_path / "work", tmp_path / "out"
    assert make_student.main(["--workspace", str(work), str(src)]) == 0
    assert not out.exists()
    copy = nbformat.read(work / "09_demo.ipynb", as_version=4)
    assert copy.cells[4].source.startswith("eta_max = None")
    copy.cells[4].source = "eta_max = 20.0"
    nbformat.write(copy, work / "09_demo.ipynb")
    assert make_student.main(["--out", str(out), str(src)]) == 0  # make student
    assert make_student.main(["--workspace", str(work), str(src)]) == 0  # make lab again
    assert nbformat.read(work / "09_demo.ipynb", as_version=4).cells[4].source == "eta_max = 20.0"
    assert "up to date" in capsys.readouterr().out
