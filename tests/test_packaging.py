"""pyproject.toml (pip) and environment.yml (conda, Binder) must list the same dependencies."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent

#: conda-forge names that differ from the PyPI names
CONDA_NAME = {"matplotlib": "matplotlib-base"}


def _split(spec: str) -> tuple[str, str]:
    name, rest = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(.*)", spec).groups()
    return name.lower(), rest.replace(" ", "")


def pip_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + project["optional-dependencies"]["test"]
    reqs = dict(_split(s) for s in specs)
    reqs["python"] = project["requires-python"]
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


def test_environment_yml_matches_pyproject():
    assert conda_requirements() == pip_requirements()


def test_environment_yml_installs_the_package_itself():
    text = (ROOT / "environment.yml").read_text()
    assert "- -e ." in text and "conda-forge" in text


def test_runtime_dependencies_have_lower_bounds_and_no_exact_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for spec in project["dependencies"]:
        assert ">=" in spec and "==" not in spec, spec
    assert not any("torch" in s for s in project["dependencies"])


def test_comparison_is_not_vacuous():
    assert {"numpy", "matplotlib-base", "ipywidgets", "jupyterlab", "nbval", "python"} <= set(
        pip_requirements()
    )
