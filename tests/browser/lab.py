"""A real JupyterLab in headless Chromium, driven by Playwright: the harness of the browser test.

``LabServer`` serves a folder on 127.0.0.1 with a random token and fresh settings (news fetching
off, autosave off, every cell attached to the page), in its own process group, and on ``stop``
shuts its kernels down and leaves no process behind. ``drive_notebook`` opens one notebook,
clears its stored outputs, runs all cells, then moves every control of every explorer and
measures how long the explorer's picture takes to change.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import latency

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


# `make lab` gives the kernel one BLAS thread (see the Makefile): numpy's matrix products on
# the course's small arrays gain nothing from more, and on a 2-core machine, where the browser
# needs a core too, OpenBLAS's threads made notebook 05's explorer 1.4-2x slower.
ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabServer:
    """JupyterLab on a temporary copy of ``notebooks`` (so the project's files stay untouched).

    ``disable_widgets=True`` starts it with the ipywidgets front-end extension disabled, as on a
    machine where it is missing.
    """

    def __init__(self, notebooks: Path, *, disable_widgets: bool = False):
        self.tmp = Path(tempfile.mkdtemp(prefix="dlnotes-lab-"))
        self.root = self.tmp / "notebooks"
        shutil.copytree(notebooks, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.token = secrets.token_hex(16)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = self.tmp / "settings"
        for name, value in SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(value))
        self.env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(self.tmp / "runtime")}
        self.env.pop("MPLBACKEND", None)
        self.env["PYTHONHASHSEED"] = "0"
        self.env.update(ONE_BLAS_THREAD)  # as `make lab` starts JupyterLab
        if disable_widgets:
            config = self.tmp / "config"
            (config / "labconfig").mkdir(parents=True)
            (config / "labconfig" / "page_config.json").write_text(
                json.dumps({"disabledExtensions": {"@jupyter-widgets/jupyterlab-manager": True}})
            )
            self.env["JUPYTER_CONFIG_DIR"] = str(config)
        self.cmd = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={self.tmp / 'workspaces'}",
            "--LabApp.expose_app_in_browser=True",
            "--ServerApp.open_browser=False",
        ]  # fmt: skip
        if os.geteuid() == 0:
            self.cmd.append("--allow-root")
        self.log = self.tmp / "server.log"
        self.proc: subprocess.Popen | None = None

    def api(self, path: str, method: str = "GET"):
        req = urllib.request.Request(f"{self.url}/api/{path}?token={self.token}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None

    def start(self, timeout: float = 90) -> LabServer:
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                self.cmd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                cwd=self.tmp, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited early:\n{self.log.read_text()[-3000:]}")
            try:
                self.api("status")
                return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"JupyterLab did not answer in {timeout} s:\n{self.log.read_text()}")

    def shutdown_kernels(self) -> None:
        for kernel in self.api("kernels") or []:
            self.api(f"kernels/{kernel['id']}", method="DELETE")

    def leftover_processes(self) -> list[str]:
        """Processes whose command line mentions this server's temporary folder."""
        found = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit() and int(proc.name) != os.getpid():
                try:
                    cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                except OSError:
                    continue
                if str(self.tmp) in cmdline or f"--port={self.port}" in cmdline:
                    found.append(f"{proc.name}: {cmdline[:120]}")
        return found

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            self.shutdown_kernels()
        except OSError:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while self.leftover_processes() and time.monotonic() < deadline:
            time.sleep(0.2)
        self.proc = None

    def kernel_errors(self, start: int = 0) -> str:
        """Tracebacks the kernels wrote to the server's log after byte ``start``: an exception
        in a widget callback lands there (or in JupyterLab's log console), not in a cell."""
        text = self.log.read_bytes()[start:].decode(errors="replace")
        lines = text.splitlines()
        hits = [i for i, line in enumerate(lines) if "Traceback" in line
                or "Exception in comm" in line]  # fmt: skip
        return "\n".join("\n".join(lines[i : i + 12]) for i in hits[:3])

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def expected_counts(path: Path) -> tuple[int, int]:
    """(explorers, expected errors) in a stored notebook: widget outputs and cells tagged
    ``raises-exception``."""
    nb = json.loads(path.read_text())
    cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    widgets = sum(WIDGET_MIME in o.get("data", {}) for c in cells for o in c["outputs"])
    errors = sum("raises-exception" in c.get("metadata", {}).get("tags", []) for c in cells)
    return widgets, errors


@dataclass
class Report:
    notebook: str
    run_all_seconds: float = 0.0
    moves: list[str] = field(default_factory=list)  # one line per control moved
    latencies_ms: dict[int, list[float]] = field(default_factory=dict)  # explorer -> ms
    breakdowns: dict[int, list[dict]] = field(default_factory=dict)  # explorer -> one per press
    bursts: dict[int, dict] = field(default_factory=dict)  # explorer -> the burst's times
    floor: list[dict] = field(default_factory=list)  # the floor measured in this notebook

    def summary(self) -> str:
        lines = [f"{self.notebook}: Run All in {self.run_all_seconds:.1f} s"]
        lines += [f"  {m}" for m in self.moves]
        for i, ms in self.latencies_ms.items():
            if ms:
                lines.append(
                    f"  explorer {i}: key press -> new image, median {statistics.median(ms):.0f} ms"
                    f" over {len(ms)} moves"
                )
        return "\n".join(lines)


# Waits are on events; their time limits only bound how long a busy machine may take (a kernel
# start took over a minute with the load average at 16).
LOADED_TIMEOUT_MS = 180_000

RUN_DONE_JS = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')];
  const status = document.querySelector('#jp-main-statusbar');
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
      && status !== null && status.textContent.includes('Idle');
}"""

IDLE_JS = """() => {
  const status = document.querySelector('#jp-main-statusbar');
  return status !== null && status.textContent.includes('Idle');
}"""

SRC_CHANGED_JS = (
    """([img, before]) => img.getAttribute('src') && img.getAttribute('src') !== before"""
)


def _command(page, command: str) -> None:
    page.evaluate(f"() => window.jupyterapp.commands.execute('{command}')")


def open_and_run_all(page, server: LabServer, name: str, report: Report, watch=False) -> None:
    """Open ``name``, clear the stored outputs, open the folded headings, Run All, and wait for
    Idle and numbered prompts.
    ``watch``: log the widget messages from before Run All on (``latency.watch``)."""
    # A workspace of its own, so JupyterLab does not reopen the notebooks opened before.
    workspace = Path(name).stem.replace("_", "-")
    page.set_default_timeout(LOADED_TIMEOUT_MS)
    page.goto(f"{server.url}/lab/workspaces/{workspace}/tree/{name}?reset&token={server.token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=LOADED_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('.jp-Dialog') !== null || "
        "(document.querySelector('#jp-main-statusbar')?.textContent || '').includes('Idle')",
        timeout=LOADED_TIMEOUT_MS,
    )
    if page.locator(".jp-Dialog").count():  # a "Select Kernel" dialog: accept the default
        page.click(".jp-Dialog .jp-mod-accept")
        page.wait_for_function(IDLE_JS, timeout=LOADED_TIMEOUT_MS)
    _command(page, "notebook:clear-all-cell-outputs")
    # Side roads open folded; the test drives their explorers too, so it opens every heading.
    _command(page, "notebook:expand-all-headings")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]"
        ".every(p => !/\\d/.test(p.textContent))",
        timeout=LOADED_TIMEOUT_MS,
    )
    if watch:
        latency.watch(page)
    start = time.monotonic()
    _command(page, "notebook:run-all-cells")
    page.wait_for_timeout(500)
    page.wait_for_function(RUN_DONE_JS, timeout=600_000)
    report.run_all_seconds = time.monotonic() - start


def _wait_idle(page) -> None:
    page.wait_for_timeout(150)
    page.wait_for_function(IDLE_JS, timeout=LOADED_TIMEOUT_MS)


def _move_and_time(page, img, action, label: str, report: Report, index: int, readout=None,
                   then=None):  # fmt: skip
    """Do ``action`` and require the explorer image to change; for a key press (``readout``
    given) record the time from the press to the new image. ``then`` runs after, before the
    readout is read (more presses)."""
    before = img.get_attribute("src")
    before_readout = readout.inner_text() if readout is not None else None
    t0 = time.monotonic()
    action()
    try:
        page.wait_for_function(SRC_CHANGED_JS, arg=[img.element_handle(), before], timeout=60_000)
    except Exception as err:
        raise AssertionError(f"{label}: the explorer's picture did not change") from err
    if readout is not None:
        report.latencies_ms.setdefault(index, []).append((time.monotonic() - t0) * 1000)
    _wait_idle(page)
    if then is not None:
        then()
        _wait_idle(page)
    after_readout = readout.inner_text() if readout is not None else None
    extra = f" ({before_readout} -> {after_readout})" if readout is not None else ""
    report.moves.append(f"explorer {index}: {label}{extra}: image changed")


def drive_notebook(page, server: LabServer, path: Path) -> Report:
    """Everything the browser test asks of one notebook; raises AssertionError on failure."""
    report = Report(path.name)
    n_explorers, n_errors = expected_counts(path)
    log_start = server.log.stat().st_size
    open_and_run_all(page, server, path.name, report, watch=True)

    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    tracebacks = [e.inner_text()[:300] for e in errors.all() if "Traceback" in e.inner_text()
                  or "Error" in e.inner_text().splitlines()[0]]  # fmt: skip
    assert len(tracebacks) == n_errors, (
        f"{path.name}: expected {n_errors} error output(s) (cells tagged raises-exception), "
        f"got {len(tracebacks)}: {tracebacks[:2]}"
    )

    images = page.locator("img.dlnotes-explorer-image")
    assert images.count() == n_explorers, (
        f"{path.name}: expected {n_explorers} explorer(s), found {images.count()} live ones "
        "(is the ipywidgets front-end missing? run `python -m dlnotes doctor`)"
    )
    if n_explorers:  # the floor in this page, measured again before each explorer and after
        report.floor = floor_in_notebook(page, presses=5)
    for i in range(n_explorers):
        if i:
            report.floor += floor_presses(page, 3)
        img = images.nth(i)
        box = img.locator("xpath=..")  # the explorer's VBox: controls, image, readout
        box.scroll_into_view_if_needed()
        handles = box.locator(".widget-slider .noUi-handle")
        controls = handles.count() + box.locator("button, .widget-dropdown select").count()
        assert controls > 0, f"{path.name}: explorer {i} shows no slider, menu or button"
        # sliders, then dropdowns, Play controls and Train buttons: each must change the picture
        img.evaluate("(el, i) => { el.dataset.dlnotes = 'explorer' + i; }", i)
        for j in range(handles.count()):
            slider = box.locator(".widget-slider").nth(j)
            _move_slider(page, slider, handles.nth(j), i, report, burst=(j == 0))
        selects = box.locator(".widget-dropdown select")
        for j in range(selects.count()):
            select = selects.nth(j)
            if select.is_disabled():  # a menu that does not apply in the current state
                continue
            options = select.locator("option").all_inner_texts()
            current = select.input_value()
            values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
            choice = next(v for v in values if v != current) if len(values) > 1 else None
            if choice is None:
                continue
            label = options[values.index(choice)]
            _move_and_time(page, img, lambda s=select, c=choice: s.select_option(c),
                           f"dropdown -> {label!r}", report, i)  # fmt: skip
        for j in range(box.locator(".widget-play").count()):
            play = box.locator(".widget-play").nth(j).locator("button").first
            _move_and_time(page, img, play.click, "Play pressed", report, i)
            _wait_idle(page)
            pause = box.locator(".widget-play").nth(j).locator("button").nth(1)
            pause.click()
        buttons = box.locator("button", has_text="Train")
        for j in range(buttons.count()):
            _move_and_time(page, img, buttons.nth(j).click, "Train clicked", report, i)
            _wait_idle(page)
            _stop_training(box, buttons.nth(j))
    if n_explorers:
        report.floor += floor_presses(page, 3)
    server.shutdown_kernels()
    kernel_errors = server.kernel_errors(log_start)
    assert not kernel_errors, f"{path.name}: the kernel logged errors:\n{kernel_errors}"
    return report


def _stop_training(box, train) -> None:
    """Stop a training run the test started and wait for it to end: a kernel shut down while
    its training thread still sends pictures logs zmq errors (a picture over 64 kB is sent
    without a copy, which needs a socket that is gone during shutdown)."""
    stop = box.locator("button", has_text="Stop")
    if stop.count() and stop.first.is_enabled():
        stop.first.click()
    train.page.wait_for_function("b => !b.disabled", arg=train.element_handle(),
                                 timeout=LOADED_TIMEOUT_MS)  # fmt: skip


PRESSES = 3  # single presses per slider, each waited for
BURST = 20  # quick presses in a row on each explorer's first slider


def _move_slider(page, slider, handle, i: int, report: Report, burst: bool) -> None:
    """Press an arrow key ``PRESSES`` times, each time waiting until the picture shows the
    readout's value; then, for ``burst``, ``BURST`` quick presses and the time from the last
    one to the picture of the final value."""
    label = slider.locator(".widget-label").inner_text() or "slider"
    key = "ArrowLeft" if _room(handle, +1) < _room(handle, -1) else "ArrowRight"
    before = slider.locator(".widget-readout").inner_text()
    start = float(handle.get_attribute("aria-valuenow"))
    handle.focus()
    for _ in range(PRESSES):
        times = latency.press_and_wait(page, slider, handle, key, f"explorer{i}",
                                       f"explorer {i}: slider {label!r} {key}")  # fmt: skip
        report.breakdowns.setdefault(i, []).append(times)
        if times["total"] is not None:  # None: the move drew the same picture as before
            report.latencies_ms.setdefault(i, []).append(times["total"])
        page.wait_for_function(IDLE_JS, timeout=LOADED_TIMEOUT_MS)
    after = slider.locator(".widget-readout").inner_text()
    report.moves.append(f"explorer {i}: slider {label!r} {key} x{PRESSES} ({before} -> {after}):"
                        " the picture showed each value")  # fmt: skip
    if burst:
        # BURST presses, or fewer if the slider has no room for them (a press at the end of
        # the range changes nothing and would be timed as if it did).
        step = abs(float(handle.get_attribute("aria-valuenow")) - start) / PRESSES
        room = max(_room(handle, +1), _room(handle, -1))
        key = "ArrowLeft" if _room(handle, +1) < _room(handle, -1) else "ArrowRight"
        presses = max(1, min(BURST, int(room / step + 1e-6))) if step > 0 else BURST
        times = latency.press_and_wait(page, slider, handle, key, f"explorer{i}",
                                       f"explorer {i}: slider {label!r} {presses} x {key}",
                                       presses=presses)  # fmt: skip
        report.bursts[i] = times
        page.wait_for_function(IDLE_JS, timeout=LOADED_TIMEOUT_MS)
        report.moves.append(
            f"explorer {i}: slider {label!r} {presses} quick {key} presses -> "
            f"{slider.locator('.widget-readout').inner_text()}: the picture showed the final "
            f"value {times['total'] or float('nan'):.0f} ms after the last press "
            f"({times['refreshes']} redraws)"
        )


def _room(handle, direction: int) -> float:
    """How far the handle can still move in ``direction`` (+1 right, -1 left)."""
    now, low, top = (float(handle.get_attribute(a) or 0)
                     for a in ("aria-valuenow", "aria-valuemin", "aria-valuemax"))  # fmt: skip
    return top - now if direction > 0 else now - low


def _at_max(handle) -> bool:
    now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
    try:
        return float(now) >= float(top)
    except (TypeError, ValueError):
        return False


NAIVE_CELLS = [
    "%matplotlib inline\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
    "from ipywidgets import interact\n\nx = np.linspace(-6, 6, 601)",
    "@interact(w=(0.1, 5.0, 0.1))\ndef plot(w=1.0):\n    plt.figure(figsize=(7, 3.6))\n"
    "    plt.plot(x, np.sin(w * x))\n    plt.title(f'w = {w:.1f}')\n    plt.show()",
]

# The floor: a slider whose value the kernel echoes into a tiny image, the least a picture
# drawn by the kernel can cost on this machine.
FLOOR_CELLS = [
    "import io\nimport time\n\nimport ipywidgets as widgets\nfrom PIL import Image, ImageDraw",
    "slider = widgets.FloatSlider(value=1.0, min=0.0, max=10.0, step=0.1, description='x')\n"
    "image = widgets.Image(format='png')\nimage.add_class('dlnotes-floor')\n\n\n"
    "def echo(change=None):\n    received = time.time() * 1000\n"
    "    picture = Image.new('RGB', (48, 16), 'white')\n"
    "    ImageDraw.Draw(picture).text((2, 2), f'{slider.value:.1f}', fill='black')\n"
    "    buf = io.BytesIO()\n    picture.save(buf, format='png')\n"
    "    encoded = time.time() * 1000\n    image.value = buf.getvalue()\n"
    "    sent = time.time() * 1000\n"
    "    timings = {'received': received, 'compute_ms': 0.0, 'draw_ms': 0.0,\n"
    "               'encode_ms': encoded - received, 'send_ms': sent - encoded, 'sent': sent}\n"
    "    image.send({'timings': timings, 'values': {'x': slider.value}})\n\n\n"
    "echo()\nslider.observe(echo, names='value')\nwidgets.VBox([slider, image])",
]


def _scratch_notebook(server: LabServer, name: str, cells: list[str]) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}  # fmt: skip
    nbformat.write(nb, server.root / name)


def naive_interact_latency(page, server: LabServer, presses: int = 5) -> list[float]:
    """The same measurement on the naive way: an ``interact`` function that draws a new pyplot
    figure on every move (a sine curve). Returns the key press -> new image times in ms."""
    _scratch_notebook(server, "naive_interact.ipynb", NAIVE_CELLS)
    open_and_run_all(page, server, "naive_interact.ipynb", Report("naive_interact.ipynb"),
                     watch=True)  # fmt: skip
    handle = page.locator(".widget-interact .widget-slider .noUi-handle").first
    handle.focus()
    times = latency.time_presses(page, handle, "ArrowRight", "naive", presses)
    server.shutdown_kernels()
    return times


INSERT_BELOW_JS = """async ([code, index]) => {
  const app = window.jupyterapp;
  const notebook = app.shell.currentWidget.content;
  const image = document.querySelectorAll('img.dlnotes-explorer-image')[index];
  notebook.activeCellIndex = notebook.widgets.findIndex(cell => cell.node.contains(image));
  await app.commands.execute('notebook:insert-cell-below');
  notebook.activeCell.model.sharedModel.setSource(code);
  await app.commands.execute('notebook:run-cell');
  return notebook.activeCellIndex;
}"""


def floor_in_notebook(page, below: int = 0, presses: int = 9) -> list[dict]:
    """The floor measured inside the open notebook: its cell inserted right below explorer
    ``below``'s cell and run there, so its picture pays what every picture in this page pays
    (a long notebook makes the page's work per message larger; measured on notebook 04: the
    floor took 105 ms there against 86 ms in an empty notebook, in the same run). Each move's
    times, as ``floor_latency``'s; ``floor_presses`` measures it again later."""
    page.evaluate(INSERT_BELOW_JS, ["\n\n".join(FLOOR_CELLS), below])
    page.wait_for_selector("img.dlnotes-floor", timeout=LOADED_TIMEOUT_MS)
    page.wait_for_function(IDLE_JS, timeout=LOADED_TIMEOUT_MS)
    return floor_presses(page, presses)


def floor_presses(page, presses: int) -> list[dict]:
    """``presses`` moves of the floor's slider (the floor cell must be in the page), each
    waited for until its picture is on screen; each move's times (``latency.breakdown``)."""
    image = page.locator("img.dlnotes-floor")
    image.evaluate("el => { el.dataset.dlnotes = 'floor'; }")
    slider = image.locator("xpath=..").locator(".widget-slider").first
    handle = slider.locator(".noUi-handle")
    slider.scroll_into_view_if_needed()
    handle.focus()
    moves = []
    for _ in range(presses):
        moves.append(latency.press_and_wait(page, slider, handle, "ArrowRight", "floor",
                                            "the floor"))  # fmt: skip
        page.wait_for_function(IDLE_JS, timeout=LOADED_TIMEOUT_MS)
    return moves


def floor_latency(page, server: LabServer, presses: int = 9) -> list[dict]:
    """Key press -> new image for the floor, the kernel echoing the value into a 48x16 PNG: each
    move's times, split into parts as the explorers' are (``latency.breakdown``)."""
    _scratch_notebook(server, "floor.ipynb", FLOOR_CELLS)
    open_and_run_all(page, server, "floor.ipynb", Report("floor.ipynb"), watch=True)
    moves = floor_presses(page, presses)
    server.shutdown_kernels()
    return moves


# Notebook 05's explorer at its largest: Train must run in the background, show its progress and
# stop when Stop is pressed (issue 14: the largest run may take long, if it can be stopped).
TRAIN_CELLS = [
    "from dlnotes.explorers.feedforward_backprop import FeedForwardExplorer\n\n"
    "explorer = FeedForwardExplorer(hidden1=64, hidden2=64, epochs=3000)\nexplorer",
]


def train_and_stop(page, server: LabServer) -> dict:
    """Press Train on the largest network, wait for the progress bar to move, press Stop.
    Returns what the page showed: the progress before and after Stop, the readout, and
    whether the buttons were disabled/enabled as they should be at each point."""
    _scratch_notebook(server, "train_and_stop.ipynb", TRAIN_CELLS)
    open_and_run_all(page, server, "train_and_stop.ipynb", Report("train_and_stop.ipynb"))
    box = page.locator(".jp-OutputArea-output").filter(has=page.locator("img")).first
    train = box.locator("button", has_text="Train")
    stop = box.locator("button", has_text="Stop")
    seen = {"stop enabled before": stop.is_enabled()}
    train.click()
    epoch_js = """(box) => {
      const m = box.textContent.match(/epoch (\\d+)/);
      return m ? +m[1] : -1;
    }"""
    page.wait_for_function(f"(box) => ({epoch_js})(box) > 0", arg=box.element_handle(),
                           timeout=120_000)  # fmt: skip
    seen["epoch at Stop"] = box.evaluate(epoch_js)
    seen["train enabled while training"] = train.is_enabled()
    seen["stop enabled while training"] = stop.is_enabled()
    stop.click()
    page.wait_for_function("(b) => !b.disabled", arg=train.element_handle(), timeout=120_000)
    page.wait_for_function(IDLE_JS, timeout=120_000)
    seen["epoch after Stop"] = box.evaluate(epoch_js)
    seen["readout"] = box.locator(".widget-html").last.inner_text()
    server.shutdown_kernels()
    return seen


# -- what the learner sees: explorer geometry at a laptop's screen size -------------------------
LAPTOP = {"width": 1366, "height": 768}

GEOMETRY_JS = """() => [...document.querySelectorAll('img.dlnotes-explorer-image')].map(img => {
  const box = img.parentElement;  // the explorer's VBox: controls, caption, image, readout
  const panel = img.closest('.jp-WindowedPanel-outer') || img.closest('.jp-Notebook');
  const r = img.getBoundingClientRect(), b = box.getBoundingClientRect();
  return {shown: [r.width, r.height], natural: [img.naturalWidth, img.naturalHeight],
          box: [b.width, b.height], panel: [panel.clientWidth, panel.clientHeight],
          dpr: window.devicePixelRatio};
})"""


SCROLL_TO_TOP_JS = """el => {
  const outer = el.closest('.jp-WindowedPanel-outer') || el.closest('.jp-Notebook');
  const off = el.getBoundingClientRect().top - outer.getBoundingClientRect().top - 8;
  const before = outer.scrollTop;
  outer.scrollTop += off;
  return outer.scrollTop === before ? 0 : off;  // 0: there (or as far as it scrolls)
}"""


@dataclass
class Geometry:
    """One explorer as the page shows it: sizes in CSS px, the image's own size in pixels."""

    notebook: str
    index: int
    shown: tuple[float, float]  # the image as drawn, CSS px
    natural: tuple[int, int]  # the image's pixels
    box: tuple[float, float]  # the whole explorer (controls, caption, picture, readout)
    panel: tuple[float, float]  # the notebook's visible area
    dpr: float

    @property
    def fits(self) -> bool:
        return self.box[0] <= self.panel[0] and self.box[1] <= self.panel[1]

    @property
    def pixels_per_css_px(self) -> tuple[float, float]:
        return self.natural[0] / self.shown[0], self.natural[1] / self.shown[1]

    def line(self) -> str:
        w, h = self.shown
        return (f"{Path(self.notebook).stem} explorer {self.index}: shown {w:.0f}x{h:.0f} css px, "
                f"image {self.natural[0]}x{self.natural[1]} px, fits {LAPTOP['width']}x"
                f"{LAPTOP['height']}: {'yes' if self.fits else 'no'}")  # fmt: skip


_SESSIONS: dict = {}


def _cdp(page):
    """The page's one DevTools session: an emulated devicePixelRatio lasts as long as the
    session that set it, and a screenshot must be taken through it."""
    if id(page) not in _SESSIONS:
        _SESSIONS[id(page)] = (page, page.context.new_cdp_session(page))
    return _SESSIONS[id(page)][1]


def set_device_pixel_ratio(page, dpr: float) -> None:
    """The page's devicePixelRatio set to ``dpr`` in place (no reload: the kernel and its
    widgets stay), at the laptop's viewport."""
    cdp = _cdp(page)
    cdp.send("Emulation.setDeviceMetricsOverride",
             {**LAPTOP, "deviceScaleFactor": dpr, "mobile": False})  # fmt: skip
    page.wait_for_function(f"() => window.devicePixelRatio === {dpr}")
    page.wait_for_timeout(300)  # a relayout


def explorer_geometry(page, notebook: str, shots: Path | None = None, tag: str = "") -> list:
    """Each explorer of the open notebook scrolled to the top of the notebook panel, measured
    (and with ``shots``, a screenshot of the viewport saved as ``<notebook>_explorer<i><tag>``)."""
    images = page.locator("img.dlnotes-explorer-image")
    found = []
    for i in range(images.count()):
        img = images.nth(i)
        img.evaluate("el => el.complete || new Promise(done => el.onload = done)")
        box = img.locator("xpath=..")
        for _ in range(10):  # the notebook lays out cells lazily: settle, then look again
            if abs(box.evaluate(SCROLL_TO_TOP_JS)) < 4:
                break
            page.wait_for_timeout(200)
        g = page.evaluate(GEOMETRY_JS)[i]
        found.append(Geometry(notebook, i, tuple(g["shown"]), tuple(g["natural"]),
                              tuple(g["box"]), tuple(g["panel"]), g["dpr"]))  # fmt: skip
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            shot = _cdp(page).send("Page.captureScreenshot")
            png = base64.b64decode(shot["data"])  # at the emulated devicePixelRatio
            (shots / f"{Path(notebook).stem}_explorer{i}{tag}.png").write_bytes(png)
    return found


def geometry_at_a_laptop(page, server: LabServer, path: Path, shots: Path | None = None):
    """Run ``path`` at 1366x768 and measure every explorer at devicePixelRatio 1, then 2:
    returns (at DPR 1, at DPR 2), lists of Geometry."""
    page.set_viewport_size(LAPTOP)
    set_device_pixel_ratio(page, 1)
    open_and_run_all(page, server, path.name, Report(path.name))
    _wait_idle(page)
    at_1 = explorer_geometry(page, path.name, shots, "_dpr1")
    set_device_pixel_ratio(page, 2)
    at_2 = explorer_geometry(page, path.name, shots, "_dpr2")
    server.shutdown_kernels()
    return at_1, at_2
