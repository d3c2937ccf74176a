"""What installing the package brings, and pyproject.toml and environment.yml kept in step.

``pip install .`` into a kernel someone already has (a JupyterHub, VS Code, Colab) must bring only
what the package imports: numpy, matplotlib, pillow, ipywidgets. JupyterLab is the ``lab`` extra,
which ``make lab``, the ``test`` extra and environment.yml (conda, Binder) install.
"""

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]

#: conda-forge names that differ from the PyPI names
CONDA_NAME = {"matplotlib": "matplotlib-base"}
#: import name -> distribution name, where they differ
DIST_OF_MODULE = {"PIL": "pillow"}
#: a front-end: none of these may come with `pip install .`
FRONT_ENDS = {"jupyterlab", "notebook", "jupyter-server", "jupyter"}


def _split(spec: str) -> tuple[str, str]:
    name, rest = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(.*)", spec).groups()
    return name.lower(), rest.replace(" ", "")


def runtime() -> dict[str, str]:
    return dict(_split(s) for s in PROJECT["dependencies"])


def extra(name: str) -> dict[str, str]:
    return dict(_split(s) for s in PROJECT["optional-dependencies"][name])


def pip_requirements() -> dict[str, str]:
    """What environment.yml must hold: the runtime dependencies, the lab, html and test extras."""
    reqs = {**runtime(), **extra("lab"), **extra("html"), **extra("test")}
    reqs["python"] = PROJECT["requires-python"]
    return {CONDA_NAME.get(n, n): v for n, v in reqs.items()}


def conda_requirements() -> dict[str, str]:
    reqs = {}
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        m = re.match(r"\s+- ([A-Za-z][^:#]*)$", line)
        if m and not m.group(1).startswith("-e"):
            name, version = _split(m.group(1))
            if name != "pip":
                reqs[name] = version
    return reqs


def module_level_imports() -> set[str]:
    """Top-level names of the third-party modules the package imports when it is imported
    (imports inside functions, like the doctor's look at jupyter_core, are optional)."""
    found = set()
    for path in (ROOT / "dlnotes").rglob("*.py"):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"dlnotes", "__future__"}


def test_runtime_dependencies_are_what_the_package_imports():
    imported = {DIST_OF_MODULE.get(m, m).lower() for m in module_level_imports()}
    assert imported == set(runtime())
    assert {"numpy", "matplotlib", "pillow", "ipywidgets"} <= imported  # the scan sees them


def test_older_widget_stacks_are_allowed():
    assert runtime()["ipywidgets"] == ">=7.7,<9"


def test_jupyterlab_is_an_extra_that_make_lab_and_tests_install():
    assert not FRONT_ENDS & set(runtime())
    assert extra("lab")["jupyterlab"] == extra("test")["jupyterlab"]
    assert "hypothesis" in extra("test")
    assert extra("html").items() <= extra("test").items()  # the browser test builds the site
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*-e '\.\[[a-z,]*\blab\b", makefile), "make lab installs [lab]"


def _closure(dist: str, extras: frozenset = frozenset()) -> set[str]:
    """Names of the distributions ``pip install dist`` brings, read from the metadata of what is
    installed here (no network): requirements whose markers hold, followed transitively."""
    seen: set[str] = set()
    todo = [(dist, extras)]
    while todo:
        name, wanted = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed here: its own dependencies are unknown, the name counts
        for spec in requires:
            req = Requirement(spec)
            envs = [{"extra": e} for e in wanted] or [{"extra": ""}]
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, frozenset(req.extras)))
    return seen


def test_pip_install_of_the_package_brings_no_front_end():
    """What `pip install .` resolves here (installed metadata, no network): no JupyterLab."""
    installed = {_split(s)[0] for s in metadata.requires("dlnotes") or [] if "extra" not in s}
    assert installed == set(runtime()), "reinstall: pip install -e '.[test]' (make does it)"
    brought = _closure("dlnotes")
    assert {"numpy", "ipywidgets", "matplotlib"} <= brought  # the walk follows the metadata
    assert not FRONT_ENDS & brought, sorted(FRONT_ENDS & brought)
    assert "jupyterlab" in _closure("dlnotes", frozenset({"lab"}))


def test_environment_yml_matches_pyproject():
    assert conda_requirements() == pip_requirements()


def test_environment_yml_installs_the_package_itself():
    text = (ROOT / "environment.yml").read_text()
    assert "- -e ." in text and "conda-forge" in text


def test_runtime_dependencies_have_lower_bounds_and_no_exact_pins():
    for spec in PROJECT["dependencies"]:
        assert ">=" in spec and "==" not in spec, spec
    assert not any("torch" in s for s in PROJECT["dependencies"])


def test_comparison_is_not_vacuous():
    assert {"numpy", "matplotlib-base", "ipywidgets", "jupyterlab", "nbval", "python"} <= set(
        pip_requirements()
    )


def test_make_lab_opens_notebook_00_on_loopback_with_a_token():
    """The link `make lab` prints is LabApp's default_url: it must open 00, not the file browser
    (ServerApp.default_url is overridden by LabApp's own)."""
    recipe = (ROOT / "Makefile").read_text().split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "--ip=127.0.0.1" in recipe
    assert "--LabApp.default_url=/lab/workspaces/student/tree/00_start_here.ipynb" in recipe
    assert "token" not in recipe.lower()  # the server's random token stays on (no token='')
