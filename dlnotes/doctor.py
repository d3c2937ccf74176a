"""Is this machine ready for the course? (`python -m dlnotes doctor`)

First it finds out which front-end shows the notebooks, because each needs a different fix:

- JupyterLab and Jupyter Notebook 7 run here and need the ipywidgets front-end extension
  (`@jupyter-widgets/jupyterlab-manager`) installed and enabled, and a `python3` kernel;
- VS Code runs the notebook in a kernel from this Python, which needs ipykernel;
- a hosted service (Google Colab, Kaggle) brings its own front-end: only the packages matter;
- JupyterLite runs Python in the browser (`sys.platform == "emscripten"`): packages come from
  `%pip install` in a cell, there is no kernel or extension to set up.

Then it prints the versions of Python and the libraries the course uses, one line per check,
and for every failed check one line with the command that fixes it, saying whether the part is
missing, too old or disabled. Exit status 0 when ready, 1 when not, 2 for bad arguments.

It never imports JupyterLab, and a missing jupyter_core or jupyter_client (which it uses to find
extensions and kernels) is reported as a failed check, not a traceback.
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
#: the front-end package and its smallest version, where the front-end runs here
FRONTEND_PACKAGE = {"jupyterlab": ("jupyterlab", "4.0"), "notebook": ("notebook", "7.0")}


@dataclass
class Check:
    """One printed line: `name`, whether it passed, what was found (`detail`), and, when it
    failed, what is wrong (`problem`: "missing", "too old", "disabled", ...) and the `fix`."""

    name: str
    ok: bool
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


def labextension_dirs() -> list[Path] | None:
    """Folders where JupyterLab looks for prebuilt extensions; None without jupyter_core."""
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
    variables; otherwise Jupyter Notebook 7 when it is installed without JupyterLab, else
    JupyterLab (what `make lab` starts).
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform == "emscripten":
        return "jupyterlite"
    if any(environ.get(v) for v in HOSTED_VARIABLES):
        return "hosted"
    if environ.get("TERM_PROGRAM") == "vscode" or any(environ.get(v) for v in VSCODE_VARIABLES):
        return "vscode"
    if version("jupyterlab") is None and version("notebook") is not None:
        return "notebook"
    return "jupyterlab"


# -- checks -----------------------------------------------------------------------------------
def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def _install(frontend: str, requirement: str) -> str:
    """The install command for `requirement` as this front-end runs it."""
    if frontend in ("hosted", "jupyterlite"):
        return f'in a notebook cell: %pip install "{requirement}", then restart the kernel'
    return f'python -m pip install "{requirement}"'


def _package_check(dist: str, minimum: str, frontend: str, version) -> Check:
    found = version(dist)
    requirement = f"{dist}>={minimum}"
    if found is None:
        return Check(dist, False, "not installed", _install(frontend, requirement), "missing")
    if _version_tuple(found) < _version_tuple(minimum):
        return Check(
            dist, False, f"{found} (need {minimum} or newer)", _install(frontend, requirement),
            "too old",
        )  # fmt: skip
    return Check(dist, True, found)


def _is_disabled(name: str, disabled: dict) -> bool:
    return any(v is not False and (name == k or re.match(k, name)) for k, v in disabled.items())


def _widget_extension_check(ext_dirs, disabled) -> Check:
    name, enable = "widget front-end", f"jupyter labextension enable {WIDGET_EXTENSION}"
    dirs = ext_dirs()
    if dirs is None:
        return Check(
            name, False, "cannot look: jupyter_core is not installed",
            'python -m pip install jupyter_core "ipywidgets>=7.7,<9"', "missing",
        )  # fmt: skip
    if not any((Path(d) / WIDGET_EXTENSION / "package.json").is_file() for d in dirs):
        return Check(
            name, False, "not installed",
            'python -m pip install "ipywidgets>=7.7,<9" (in the environment that runs Jupyter)',
            "missing",
        )  # fmt: skip
    off = disabled()
    off = {} if off is None else off
    unreadable = getattr(off, "unreadable", [])
    note = f" (ignored unreadable {', '.join(unreadable)})" if unreadable else ""
    if _is_disabled(WIDGET_EXTENSION, off):
        return Check(name, False, "installed but disabled" + note, enable, "disabled")
    return Check(name, True, "installed and enabled" + note)


def _kernel_check(version, kernels) -> Check:
    name = "python3 kernel"
    register = "python -m ipykernel install --user --name python3"
    if version("ipykernel") is None:
        fix = f"python -m pip install ipykernel, then {register}"
        return Check(name, False, "ipykernel is not installed", fix, "missing")
    names = kernels()
    if names is None:
        fix = f"python -m pip install jupyter_client, then {register}"
        return Check(name, False, "cannot look: jupyter_client is not installed", fix, "missing")
    if "python3" not in names:
        return Check(name, False, f"not registered (found: {names})", register, "missing")
    return Check(name, True, "available")


def _vscode_kernel_check(version) -> Check:
    if version("ipykernel") is None:
        fix = (
            "python -m pip install ipykernel, then pick this Python as the kernel "
            f"(Select Kernel > Python Environments > {sys.executable})"
        )
        return Check("ipykernel", False, "not installed", fix, "missing")
    return Check("ipykernel", True, version("ipykernel"))


def run_checks(
    version=installed_version,
    ext_dirs=labextension_dirs,
    disabled=disabled_extensions,
    kernels=kernel_names,
    frontend: str | None = None,
    python_version: tuple = tuple(sys.version_info[:3]),
) -> list[Check]:
    """All checks for `frontend` (detected when None), in the order they are printed. Each
    probe can be replaced (tests do)."""
    frontend = frontend or detect_frontend(version=version)
    if frontend not in FRONTENDS:
        raise ValueError(f"frontend must be one of {', '.join(FRONTENDS)}; got {frontend!r}")
    py = ".".join(map(str, python_version))
    checks = [
        Check("Python", python_version >= (3, 11), py, "use Python 3.11 or newer", "too old"),
        Check("front-end", True, FRONTENDS[frontend]),
    ]
    for dist, minimum in LIBRARIES.items():
        checks.append(_package_check(dist, minimum, frontend, version))
    if frontend in FRONTEND_PACKAGE:  # the front-end runs here: it, its widgets, its kernel
        checks.append(_package_check(*FRONTEND_PACKAGE[frontend], frontend, version))
        checks.append(_widget_extension_check(ext_dirs, disabled))
        checks.append(_kernel_check(version, kernels))
    elif frontend == "vscode":
        checks.append(_vscode_kernel_check(version))
    return checks


#: What to do next once everything passed, per front-end.
NEXT = {
    "jupyterlab": "open notebooks/00_start_here.ipynb and move the sliders.",
    "notebook": "open notebooks/00_start_here.ipynb and move the sliders.",
    "vscode": "open notebooks/00_start_here.ipynb and pick this Python as its kernel.",
    "hosted": "run the notebooks top to bottom; on Colab, if the sliders show as text, run "
    "`from google.colab import output; output.enable_custom_widget_manager()` first.",
    "jupyterlite": "run the notebooks top to bottom.",
}


def report(checks: list[Check], frontend: str = "jupyterlab") -> tuple[str, int]:
    """The printed report and the exit status (0 healthy, 1 something wrong)."""
    lines = ["dlnotes doctor: is this machine ready for the course?"]
    for c in checks:
        lines.append(f"  [{'ok' if c.ok else '!!'}] {c.name:<17} {c.detail}")
    broken = [c for c in checks if not c.ok]
    if not broken:
        lines.append(f"All good: {NEXT.get(frontend, NEXT['jupyterlab'])}")
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
    unknown option)."""
    args = _parser().parse_args([] if argv is None else argv)
    version = probes.get("version", installed_version)
    frontend = args.frontend or probes.pop("frontend", None) or detect_frontend(version=version)
    probes.pop("frontend", None)
    text, status = report(run_checks(frontend=frontend, **probes), frontend)
    print(text)
    return status
