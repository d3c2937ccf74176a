"""Is this machine ready for the course? (``python -m dlnotes doctor``)

Prints the versions of Python and the libraries the course uses, whether JupyterLab's widget
front-end (the ``@jupyter-widgets/jupyterlab-manager`` extension) is installed and enabled, and
whether a ``python3`` kernel is available. Exits non-zero with a one-line fix when a required part
is missing.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

WIDGET_EXTENSION = "@jupyter-widgets/jupyterlab-manager"

#: distribution name -> (smallest version the course supports, how to fix it)
REQUIRED = {
    "numpy": ("1.24", 'pip install "numpy>=1.24"'),
    "matplotlib": ("3.7", 'pip install "matplotlib>=3.7"'),
    "pillow": ("9.0", 'pip install "pillow>=9"'),
    "ipywidgets": ("8.0", 'pip install "ipywidgets>=8,<9"'),
    "jupyterlab": ("4.0", 'pip install "jupyterlab>=4,<5"'),
}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def installed_version(dist: str) -> str | None:
    """The installed version of ``dist``, or None when it is not installed."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def labextension_dirs() -> list[Path]:
    """Folders where JupyterLab looks for prebuilt extensions."""
    from jupyter_core.paths import jupyter_path

    return [Path(p) for p in jupyter_path("labextensions")]


def disabled_extensions() -> dict:
    """JupyterLab's ``disabledExtensions`` page config (name or pattern -> bool)."""
    from jupyter_core.paths import jupyter_config_path

    disabled: dict = {}
    for folder in reversed(jupyter_config_path()):
        for config in sorted((Path(folder) / "labconfig").glob("page_config*.json")):
            try:
                data = json.loads(config.read_text())
            except (OSError, ValueError):
                continue
            value = data.get("disabledExtensions", {})
            disabled.update(dict.fromkeys(value, True) if isinstance(value, list) else value)
    return disabled


def kernel_names() -> list[str]:
    """Names of the Jupyter kernels this environment can start."""
    from jupyter_client.kernelspec import KernelSpecManager

    return sorted(KernelSpecManager().find_kernel_specs())


def _is_disabled(name: str, disabled: dict) -> bool:
    return any(v is not False and (name == k or re.match(k, name)) for k, v in disabled.items())


def run_checks(
    version=installed_version,
    ext_dirs=labextension_dirs,
    disabled=disabled_extensions,
    kernels=kernel_names,
) -> list[Check]:
    """All checks, in the order they are printed. Each probe can be replaced (tests do)."""
    py = ".".join(map(str, sys.version_info[:3]))
    checks = [
        Check(
            "Python",
            sys.version_info >= (3, 11),
            py,
            "use Python 3.11 or newer (python3 --version)",
        )
    ]
    for dist, (minimum, fix) in REQUIRED.items():
        found = version(dist)
        ok = found is not None and _version_tuple(found) >= _version_tuple(minimum)
        checks.append(Check(dist, ok, found or "not installed", fix))
    installed = any((d / WIDGET_EXTENSION / "package.json").is_file() for d in ext_dirs())
    off = installed and _is_disabled(WIDGET_EXTENSION, disabled())
    checks.append(
        Check(
            "widget front-end",
            installed and not off,
            "not installed"
            if not installed
            else ("installed but disabled" if off else "installed and enabled"),
            f"jupyter labextension enable {WIDGET_EXTENSION}"
            if off
            else 'pip install "ipywidgets>=8,<9" (in the environment that runs JupyterLab)',
        )
    )
    names = kernels()
    checks.append(
        Check(
            "python3 kernel",
            "python3" in names,
            "available" if "python3" in names else f"missing (found: {names})",
            "python -m ipykernel install --user --name python3",
        )
    )
    return checks


def report(checks: list[Check]) -> tuple[str, int]:
    """The printed report and the exit status (0 healthy, 1 something missing)."""
    lines = ["dlnotes doctor: is this machine ready for the course?"]
    for c in checks:
        lines.append(f"  [{'ok' if c.ok else '!!'}] {c.name:<17} {c.detail}")
    broken = [c for c in checks if not c.ok]
    if broken:
        lines.append(f"Not ready: {broken[0].name} is missing. Fix: {broken[0].fix}")
        return "\n".join(lines), 1
    lines.append("All good: open notebooks/00_start_here.ipynb and move the sliders.")
    return "\n".join(lines), 0


def main(argv=None, **probes) -> int:
    """Print the report; return the exit status."""
    text, status = report(run_checks(**probes))
    print(text)
    return status
