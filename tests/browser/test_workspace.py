"""The learner's workspace as a learner meets it: ``make lab`` in Chromium.

``make lab`` is started for real (with a temporary ``WORK`` folder and its own port and token);
the test opens the link it prints, which must name the student edition, runs the notebook down
to its first exercise's check ("not answered yet"), types the answer into the exercise cell, runs
it and the check ("correct") and saves. Then ``make student`` and a second ``make lab`` run, and
the learner's answer must still be in the file, with nothing written beside it.
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from .lab import LOADED_TIMEOUT_MS

ROOT = Path(__file__).parent.parent.parent
START = ROOT / "notebooks" / "00_start_here.ipynb"
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
#: the link make lab prints (a token given on the command line is printed as "...")
URL = re.compile(r"(http://127\.0\.0\.1:\d+/lab/\S+\?token=)(\w+|\.\.\.)")

OUTPUT_JS = """(i) => {
  const cell = document.querySelectorAll('.jp-Notebook .jp-Cell')[i];
  return [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText).join('\\n');
}"""
RUN_CELL_JS = """async (i) => {
  const panel = window.jupyterapp.shell.currentWidget;
  panel.content.activeCellIndex = i;
  await window.jupyterapp.commands.execute('notebook:run-cell');
}"""


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MakeLab:
    """``make lab`` running in its own process group, its output in a log file."""

    def __init__(self, tmp: Path, work: Path):
        self.tmp, self.work = tmp, work
        self.token = secrets.token_hex(16)
        settings = tmp / "settings"
        autosave = settings / "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings"
        autosave.parent.mkdir(parents=True, exist_ok=True)
        autosave.write_text(json.dumps({"autosave": False}))
        self.args = " ".join([
            "--no-browser", f"--port={_free_port()}", f"--IdentityProvider.token={self.token}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
            "--LabApp.expose_app_in_browser=True",
        ])  # fmt: skip
        self.env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
        self.env.pop("MPLBACKEND", None)
        self.proc = None

    def start(self, timeout: float = 240) -> str:
        """Start it; the link it prints."""
        self.log = self.tmp / f"make-lab-{time.monotonic_ns()}.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                ["make", "--no-print-directory", "lab", f"WORK={self.work}",
                 f"LAB_ARGS={self.args}"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = URL.search(self.log.read_text(errors="replace"))
            if found:
                return found.group(1) + self.token
            if self.proc.poll() is not None:
                raise RuntimeError(f"make lab exited:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.3)
        raise TimeoutError(f"make lab printed no link:\n{self.log.read_text()[-3000:]}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)


def _first_exercise(path: Path) -> tuple[int, int, str]:
    """(index of the first solution cell, of its check cell, the answer: the solution cell's
    source without the marker lines)."""
    nb = nbformat.read(path, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "solution" in c.metadata.get("tags", []))
    check = next(
        i for i, c in enumerate(nb.cells)
        if i > index and "check" in c.metadata.get("tags", [])
    )  # fmt: skip
    lines = nb.cells[index].source.splitlines()
    answer = "\n".join(ln for ln in lines if not ln.strip().startswith((BEGIN, END)))
    return index, check, answer


def _processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and int(proc.name) != os.getpid():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if text in cmdline:
                found.append(f"{proc.name}: {cmdline[:120]}")
    return found


@pytest.fixture
def workspace_lab(browser):
    tmp = Path(tempfile.mkdtemp(prefix="dlnotes-workspace-"))
    lab = MakeLab(tmp, tmp / "work")
    yield lab
    lab.stop()
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(tmp)) and time.monotonic() < deadline:
        time.sleep(0.2)
    leftovers = _processes_mentioning(str(tmp))
    shutil.rmtree(tmp, ignore_errors=True)
    assert not leftovers, f"processes left behind: {leftovers}"


def test_make_lab_opens_the_learners_workspace_and_keeps_their_answer(workspace_lab, page):
    lab = workspace_lab
    url = lab.start()
    assert "/lab/workspaces/student/tree/00_start_here.ipynb" in url, url
    assert "STUDENT edition" in lab.output()
    mine = lab.work / "00_start_here.ipynb"
    assert mine.is_file() and "copied from the course" in lab.output()

    exercise, check, answer = _first_exercise(START)
    page.set_default_timeout(LOADED_TIMEOUT_MS)
    page.goto(url)
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_function(
        "() => (document.querySelector('#jp-main-statusbar')?.textContent || '').includes('Idle')"
    )
    for i in range(check + 1):  # down to the check, one cell at a time, as a learner would
        page.evaluate(RUN_CELL_JS, i)
    assert "not answered yet" in page.evaluate(OUTPUT_JS, check)

    cell = page.locator(".jp-Notebook .jp-Cell").nth(exercise)
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(answer)
    page.evaluate(RUN_CELL_JS, exercise)
    page.evaluate(RUN_CELL_JS, check)
    assert "correct" in page.evaluate(OUTPUT_JS, check).splitlines()
    page.evaluate("() => window.jupyterapp.commands.execute('docmanager:save')")
    page.wait_for_function(
        "() => !document.querySelector('.jp-mod-current .jp-mod-dirty')", timeout=30_000
    )
    lab.stop()

    def saved_answer() -> str:
        return nbformat.read(mine, as_version=4).cells[exercise].source

    assert saved_answer() == answer

    subprocess.run(["make", "--no-print-directory", "student"], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip
    assert saved_answer() == answer
    lab.start()  # make lab again: the workspace is synced, then the server starts
    lab.stop()
    assert "your notebooks are up to date" in lab.output()
    assert saved_answer() == answer
    assert not list(lab.work.glob("*.new*.ipynb")), "a copy was written beside the learner's"
