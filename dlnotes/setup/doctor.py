"""Is this machine ready for the course? (`python -m dlnotes doctor`, or `doctor.main()` in a cell)

First it finds out which front-end shows the notebooks, because each needs a different fix:

- JupyterLab and Jupyter Notebook 7 installed in this Python's environment (what `make lab`
  does) need the ipywidgets front-end extension (`@jupyter-widgets/jupyterlab-manager`)
  installed and enabled, and a `python3` kernel;
- a Jupyter server in *another* environment (a JupyterHub whose kernel has the course installed
  with `pip install .`, or a system-wide JupyterLab): neither jupyterlab nor notebook is
  installed here, and nothing is demanded of them;
- VS Code runs the notebook in a kernel from this Python, which needs ipykernel;
- a hosted service (Google Colab, Kaggle) brings its own front-end: only the packages matter;
- JupyterLite runs Python in the browser (`sys.platform == "emscripten"`): packages come from
  `%pip install` in a cell, there is no kernel or extension to set up.

The front-end is a guess from environment variables and installed packages (`--frontend`
overrides it): a kernel cannot ask the browser what shows its output.

What it can and cannot see: it looks only at the environment of the Python that runs it (in a
notebook cell, the kernel's). It sees that environment's packages, JupyterLab extensions and
kernels. It cannot see the environment of a Jupyter server started from another Python, which
is where the widget front-end that draws the sliders lives; there, and in every case, the real
test is the slider of notebook 00's *Move me*.

Then it prints the versions of Python and the libraries the course uses, one line per check
(`[ok]`, `[!!]` for a problem, `[--]` for what it reports without checking), and for every
problem one line with the command that fixes it, saying whether the part is missing, too old or
disabled, and where to run the command: in a notebook cell (`%pip install ...`, then restart
the kernel) when it runs inside a kernel, with this very Python otherwise. Exit status 0 when
ready, 1 when not, 2 for bad arguments.

It never imports JupyterLab, and a missing jupyter_core or jupyter_client (which it uses to find
extensions and kernels) is reported as a failed check, not a traceback.

Errors: run_checks raises ValueError for a front-end that is not a key of FRONTENDS (main lets
argparse refuse it first, with exit status 2).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

WIDGET_EXTENSION = "@jupyter-widgets/jupyterlab-manager"

#: The front-ends the doctor knows, in the words it prints.
FRONTENDS = {
    "jupyterlab": "JupyterLab",
    "notebook": "Jupyter Notebook 7",
    "elsewhere": "a Jupyter server in another environment (a JupyterHub?)",
    "vscode": "VS Code",
    "hosted": "a hosted notebook service (Colab, Kaggle)",
    "jupyterlite": "JupyterLite (Python in the browser)",
}

#: Environment variables that give a front-end away.
HOSTED_VARIABLES = (
    "COLAB_RELEASE_TAG",
    "COLAB_GPU",
    "COLAB_BACKEND_VERSION",
    "KAGGLE_KERNEL_RUN_TYPE",
)
VSCODE_VARIABLES = ("VSCODE_PID", "VSCODE_CWD", "VSCODE_IPC_HOOK_CLI")

#: distribution name -> smallest version the course supports (every front-end needs these)
LIBRARIES = {"numpy": "1.24", "matplotlib": "3.7", "pillow": "9.0", "ipywidgets": "7.7"}
#: the front-end package and its smallest version, where the front-end runs here. JupyterLab 3
#: is enough: its widget extension (jupyterlab_widgets 1 for ipywidgets 7.7, 3 for ipywidgets 8)
#: shows the explorers, and many hubs still run it.
FRONTEND_PACKAGE = {"jupyterlab": ("jupyterlab", "3.0"), "notebook": ("notebook", "7.0")}

#: where a fix for the kernel's own packages is run, inside a notebook
IN_A_CELL = "in a notebook cell: %pip install"
RESTART_KERNEL = "then restart the kernel (Kernel > Restart Kernel) and run the cells again"
RESTART_SERVER = "then restart Jupyter (Ctrl+C where it runs, start it again), reload the page"


@dataclass
class Check:
    """One printed line: `name`, whether it passed (`ok`; None for a line reported without
    checking), what was found (`detail`), and, when it failed, what is wrong (`problem`:
    "missing", "too old", "disabled", ...) and the `fix`."""

    name: str
    ok: bool | None
    detail: str
    fix: str = ""
    problem: str = "missing"


# -- probes: each asks the machine one question; tests replace them ----------------------------
def installed_version(dist: str) -> str | None:
    """The installed version of `dist`, or None when it is not installed."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def running_in_kernel() -> bool:
    """True when called from a notebook cell (an IPython shell attached to a kernel)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def labextension_dirs() -> list[Path] | None:
    """Folders where a JupyterLab started from this Python looks for prebuilt extensions; None
    without jupyter_core."""
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return None
    return [Path(p) for p in jupyter_path("labextensions")]


class Disabled(dict):
    """JupyterLab's `disabledExtensions` (name or pattern -> bool), with the config files
    that could not be read listed in `unreadable`."""

    unreadable: list[str]


def disabled_extensions() -> Disabled | None:
    """JupyterLab's `disabledExtensions` page config, merged over every config folder; None
    without jupyter_core. A malformed file (bad JSON, a string instead of a list) is skipped and
    named in `.unreadable`."""
    try:
        from jupyter_core.paths import jupyter_config_path
    except ImportError:
        return None
    disabled = Disabled()
    disabled.unreadable = []
    for folder in reversed(jupyter_config_path()):
        for config in sorted((Path(folder) / "labconfig").glob("page_config*.json")):
            try:
                value = json.loads(config.read_text()).get("disabledExtensions", {})
            except (OSError, ValueError, AttributeError):
                disabled.unreadable.append(str(config))
                continue
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                disabled.update(dict.fromkeys(value, True))
            elif isinstance(value, dict):
                disabled.update(value)
            else:
                disabled.unreadable.append(str(config))
    return disabled


def kernel_names() -> list[str] | None:
    """Names of the Jupyter kernels this environment can start; None without jupyter_client."""
    try:
        from jupyter_client.kernelspec import KernelSpecManager
    except ImportError:
        return None
    return sorted(KernelSpecManager().find_kernel_specs())


def detect_frontend(environ=None, platform: str | None = None, version=installed_version) -> str:
    """Which front-end shows the notebooks: a key of FRONTENDS.

    JupyterLite from `sys.platform`; a hosted service or VS Code from their environment
    variables; otherwise JupyterLab when it is installed here (what `make lab` starts), else
    Jupyter Notebook 7 when that is, else a server in another environment ("elsewhere").
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "emscripten":
        return "jupyterlite"
    if any(environ.get(v) for v in HOSTED_VARIABLES):
        return "hosted"
    if environ.get("TERM_PROGRAM") == "vscode" or any(environ.get(v) for v in VSCODE_VARIABLES):
        return "vscode"
    if version("jupyterlab") is not None:
        return "jupyterlab"
    if version("notebook") is not None:
        return "notebook"
    return "elsewhere"


# -- checks -----------------------------------------------------------------------------------
def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def this_python(executable: str | None = None, cwd: str | None = None) -> str:
    """The Python running the doctor, as a command to type: relative to the current folder when
    it lies inside it (`.venv/bin/python` after `make lab`), else its full path. A bare `python`
    in a terminal is often another Python (`make lab` does not activate .venv)."""
    executable = executable or sys.executable or "python"
    try:
        relative = os.path.relpath(executable, cwd or os.getcwd())
    except ValueError:  # another drive on Windows
        return executable
    return executable if relative.startswith("..") else relative


def _kernel_install(requirement: str, python: str, in_kernel: bool, frontend: str) -> str:
    """How to install `requirement` into the Python that runs the notebooks' code."""
    if frontend in ("hosted", "jupyterlite"):
        return f'{IN_A_CELL} "{requirement}", then restart the kernel'
    if in_kernel:
        return f'{IN_A_CELL} "{requirement}", {RESTART_KERNEL}'
    return f'{python} -m pip install "{requirement}", then restart the notebook\'s kernel'


def _server_install(python: str, *requirements: str) -> str:
    """How to install `requirements` into the Python that runs JupyterLab (this one: the
    front-end checks run only where JupyterLab or Notebook is installed here)."""
    quoted = " ".join(f'"{r}"' for r in requirements)
    return f"in a terminal: {python} -m pip install {quoted}, {RESTART_SERVER}"


def _package_check(dist: str, minimum: str, version, fix) -> Check:
    """Is `dist` installed, at `minimum` or newer? `fix(requirement)` says how to install it."""
    found = version(dist)
    requirement = f"{dist}>={minimum}"
    if found is None:
        return Check(dist, False, "not installed", fix(requirement), "missing")
    if _version_tuple(found) < _version_tuple(minimum):
        return Check(dist, False, f"{found} (need {minimum} or newer)", fix(requirement), "too old")
    return Check(dist, True, found)


def _is_disabled(name: str, disabled: dict) -> bool:
    return any(v is not False and (name == k or re.match(k, name)) for k, v in disabled.items())


def _widget_extension_check(ext_dirs, disabled, python: str) -> Check:
    name = "widget front-end"
    enable = f"in a terminal: jupyter labextension enable {WIDGET_EXTENSION}, {RESTART_SERVER}"
    dirs = ext_dirs()
    if dirs is None:
        return Check(
            name, False, "cannot look: jupyter_core is not installed",
            _server_install(python, "jupyter_core", "ipywidgets>=7.7,<9"), "missing",
        )  # fmt: skip
    if not any((Path(d) / WIDGET_EXTENSION / "package.json").is_file() for d in dirs):
        return Check(
            name, False, "not installed in this environment",
            _server_install(python, "ipywidgets>=7.7,<9"), "missing",
        )  # fmt: skip
    off = disabled()
    off = {} if off is None else off
    unreadable = getattr(off, "unreadable", [])
    note = f" (ignored unreadable {', '.join(unreadable)})" if unreadable else ""
    if _is_disabled(WIDGET_EXTENSION, off):
        return Check(name, False, "installed but disabled" + note, enable, "disabled")
    return Check(name, True, "installed and enabled in this environment" + note)


def _kernel_check(version, kernels, python: str) -> Check:
    name = "python3 kernel"
    register = f"{python} -m ipykernel install --user --name python3"
    if version("ipykernel") is None:
        fix = f"{python} -m pip install ipykernel, then {register}"
        return Check(name, False, "ipykernel is not installed", fix, "missing")
    names = kernels()
    if names is None:
        fix = f"{python} -m pip install jupyter_client, then {register}"
        return Check(name, False, "cannot look: jupyter_client is not installed", fix, "missing")
    if "python3" not in names:
        return Check(name, False, f"not registered (found: {names})", register, "missing")
    return Check(name, True, "available")


def _vscode_kernel_check(version, python: str) -> Check:
    if version("ipykernel") is None:
        fix = (
            f"{python} -m pip install ipykernel, then pick this Python as the kernel "
            f"(Select Kernel > Python Environments > {sys.executable})"
        )
        return Check("ipykernel", False, "not installed", fix, "missing")
    return Check("ipykernel", True, version("ipykernel"))


def _elsewhere_check(environ) -> Check:
    """The widget front-end of a server in another environment: out of sight."""
    where = "this JupyterHub's server" if environ.get("JUPYTERHUB_USER") else "the server"
    return Check(
        "widget front-end", None,
        f"cannot be seen from here (it is installed with {where}); the real test: "
        "the sliders of 00's Move me",
    )  # fmt: skip


def run_checks(
    version=installed_version,
    ext_dirs=labextension_dirs,
    disabled=disabled_extensions,
    kernels=kernel_names,
    frontend: str | None = None,
    python_version: tuple = tuple(sys.version_info[:3]),
    in_kernel=running_in_kernel,
    environ=None,
    guessed: bool = False,
) -> list[Check]:
    """All checks for `frontend` (detected when None, and then printed as a guess, as with
    `guessed`), in the order they are printed. Each probe can be replaced (tests do)."""
    environ = os.environ if environ is None else environ
    guessed = guessed or frontend is None
    frontend = frontend or detect_frontend(environ, version=version)
    if frontend not in FRONTENDS:
        raise ValueError(f"frontend must be one of {', '.join(FRONTENDS)}; got {frontend!r}")
    inside, python = in_kernel(), this_python()

    def kernel_fix(requirement):
        return _kernel_install(requirement, python, inside, frontend)

    def server_fix(requirement):
        return _server_install(python, requirement)

    py = ".".join(map(str, python_version))
    correct = "doctor.main(['--frontend', NAME])" if inside else "--frontend NAME"
    how = f"guessed from this environment; {correct} corrects it" if guessed else "as asked"
    checks = [
        Check("Python", python_version >= (3, 11), py, "use Python 3.11 or newer", "too old"),
        Check("front-end", None, f"{FRONTENDS[frontend]} ({how})"),
    ]
    for dist, minimum in LIBRARIES.items():
        checks.append(_package_check(dist, minimum, version, kernel_fix))
    if frontend in FRONTEND_PACKAGE:  # the front-end runs here: it, its widgets, its kernel
        dist, minimum = FRONTEND_PACKAGE[frontend]
        checks.append(_package_check(dist, minimum, version, server_fix))
        checks.append(_widget_extension_check(ext_dirs, disabled, python))
        if not inside:  # inside a kernel, the kernel is there
            checks.append(_kernel_check(version, kernels, python))
    elif frontend == "elsewhere":
        checks.append(_elsewhere_check(environ))
    elif frontend == "vscode":
        checks.append(_vscode_kernel_check(version, python))
    return checks


def next_step(frontend: str, in_kernel: bool) -> str:
    """What to do once everything passed."""
    if frontend == "hosted":
        return (
            "run the notebooks top to bottom; on Colab, if the sliders do not show, run "
            "`from google.colab import output; output.enable_custom_widget_manager()` first."
        )
    if frontend == "jupyterlite":
        return "run the notebooks top to bottom."
    if in_kernel:
        return "the real test of the widgets is Move me (in notebook 00): run it, drag a slider."
    if frontend == "vscode":
        return "open notebooks/00_start_here.ipynb, pick this Python as its kernel, run it."
    if frontend == "elsewhere":
        return (
            "open notebooks/00_start_here.ipynb in your Jupyter, run it and drag Move me's sliders."
        )
    return (
        "`make lab` opens your own copy, work/00_start_here.ipynb (the student edition; "
        "`make lab-instructor` opens notebooks/, with the solutions): run it and drag Move me's "
        "sliders."
    )


#: What `make lab` (student) and `make lab-instructor` (instructor) set in DLNOTES_EDITION.
EDITIONS = {
    "student": "student edition: your own copy in work/, exercises open",
    "instructor": "instructor edition: notebooks/, with the solutions",
}


def report(checks: list[Check], frontend: str = "jupyterlab", in_kernel: bool = False):
    """The printed report and the exit status (0 healthy, 1 something wrong)."""
    lines = ["dlnotes doctor: is this machine ready for the course?"]
    edition = EDITIONS.get(os.environ.get("DLNOTES_EDITION", ""))
    if edition:
        lines.append(f"  this is the {edition}")
    for c in checks:
        mark = {True: "ok", False: "!!", None: "--"}[c.ok]
        lines.append(f"  [{mark}] {c.name:<17} {c.detail}")
    broken = [c for c in checks if c.ok is False]
    if not broken:
        lines.append(f"All good: {next_step(frontend, in_kernel)}")
        return "\n".join(lines), 0
    what = "; ".join(f"{c.name} is {c.problem}" for c in broken)
    lines.append(f"Not ready: {what}.")
    lines += [f"  Fix {c.name}: {c.fix}" for c in broken]
    return "\n".join(lines), 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dlnotes doctor",
        description="Check that this machine can run the course, and print the fix for "
        "whatever is missing, too old or disabled.",
    )
    parser.add_argument(
        "--frontend",
        choices=sorted(FRONTENDS),
        help="check for this front-end instead of the detected one",
    )
    return parser


def main(argv=None, **probes) -> int:
    """Print the report; return the exit status (argparse exits with 0 for --help, 2 for an
    unknown option). `probes` replace run_checks' probes (tests do)."""
    args = _parser().parse_args([] if argv is None else argv)
    asked = probes.pop("frontend", None)
    frontend = args.frontend or asked
    in_kernel = probes.pop("in_kernel", running_in_kernel)
    if frontend is None:
        environ, version = probes.get("environ"), probes.get("version", installed_version)
        frontend, probes["guessed"] = detect_frontend(environ, version=version), True
    checks = run_checks(frontend=frontend, in_kernel=in_kernel, **probes)
    text, status = report(checks, frontend, in_kernel())
    print(text)
    return status
