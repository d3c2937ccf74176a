"""Every stored notebook is executed, clean and testable by nbval.

These checks read the .ipynb files; nbval (``make nbval``) re-runs them and compares outputs.
"""

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found"
    assert NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
class TestNotebook:
    def test_executed_top_to_bottom_in_one_run(self, path):
        counts = [c["execution_count"] for c in code_cells(load(path))]
        assert counts == list(range(1, len(counts) + 1)), f"run `make notebooks`: {counts}"

    def test_kernelspec_is_python3(self, path):
        assert load(path)["metadata"]["kernelspec"]["name"] == "python3"

    def test_first_code_cell_sets_up_plots_and_printing(self, path):
        source = "".join(code_cells(load(path))[0]["source"])
        assert "%matplotlib inline" in source
        assert "np.set_printoptions(precision=6, suppress=True)" in source

    def test_no_error_outputs_except_expected_ones(self, path):
        for cell in code_cells(load(path)):
            errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
            if "raises-exception" in tags(cell):
                assert errors, "a cell tagged raises-exception should show its error"
            else:
                assert not errors, f"error output in cell: {''.join(cell['source'])[:80]}"

    def test_no_absolute_paths(self, path):
        text = path.read_text(encoding="utf-8")
        found = re.findall(r"(?:/(?:work|tmp|root|home|Users)/[\w./-]+|[A-Z]:\\\\\w+)", text)
        assert not found, f"absolute paths: {found[:3]}"

    def test_widget_cells_are_tagged_nbval_ignore_output(self, path):
        for cell in code_cells(load(path)):
            shows_widget = any(WIDGET_MIME in o.get("data", {}) for o in cell["outputs"])
            if shows_widget:
                assert "nbval-ignore-output" in tags(cell), (
                    f"widget cell not tagged nbval-ignore-output: {''.join(cell['source'])[:80]}"
                )

    def test_going_further_sections_are_stored_folded(self, path):
        """Side roads open folded in JupyterLab (``make notebooks`` sets the flag)."""
        for cell in load(path)["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            heading = next(
                (ln.lstrip("#").strip() for ln in "".join(cell["source"]).splitlines()
                 if re.match(r"^ {0,3}#{1,6}\s", ln)),
                "",
            )  # fmt: skip
            if heading.lower().startswith("going further"):
                fix = f"run `.venv/bin/python tools/run_notebooks.py --fold-only {path}`"
                assert cell["metadata"].get("jp-MarkdownHeadingCollapsed") is True, (
                    f"{heading!r} is not folded: {fix}"
                )
                after = "".join(cell["source"]).split(heading, 1)[1].strip(" #\n")
                assert not after, f"{heading!r}: text in the heading's cell stays visible: {fix}"

    def test_has_markdown_with_latex(self, path):
        md = [c for c in load(path)["cells"] if c["cell_type"] == "markdown"]
        assert len(md) >= 3
        assert any("$" in "".join(c["source"]) for c in md)


def test_no_checkpoint_folders():
    root = Path(__file__).parent.parent
    ignored = {".venv", "work", "build"}  # git-ignored: a learner's workspace has its own
    assert not [
        p for p in root.rglob(".ipynb_checkpoints") if not ignored & set(p.relative_to(root).parts)
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_says_what_to_do_where_dlnotes_is_missing(path):
    """Run in a Python where `import dlnotes` fails, the first code cell prints one line naming
    the fix and the README section, instead of a traceback."""
    import subprocess
    import sys

    source = "".join(code_cells(load(path))[0]["source"])
    python = "\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith("%"))
    blocked = (  # a kernel without the package: importing dlnotes (or a submodule) fails
        "import sys\n"
        "class NotInstalled:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'dlnotes':\n"
        "            raise ModuleNotFoundError(\"No module named 'dlnotes'\", name='dlnotes')\n"
        "sys.meta_path.insert(0, NotInstalled())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", blocked + python], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0 and not run.stderr, run.stderr[-500:]
    lines = run.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("dlnotes is not installed in this kernel")
    assert "make lab" in lines[0] and "'Where to run the course'" in lines[0]
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "\n## Where to run the course\n" in readme
