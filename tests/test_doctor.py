"""Tests of the doctor: real run here, then every failure and front-end with injected probes
(nothing is installed or removed)."""

import importlib.util
import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from dlnotes.setup import doctor

#: JupyterLab in this environment: the real run below expects it ready, or reported missing.
LAB_HERE = doctor.installed_version("jupyterlab") is not None
#: Reading JupyterLab's page config needs jupyter_core, which comes with JupyterLab.
needs_jupyter_core = pytest.mark.skipif(
    importlib.util.find_spec("jupyter_core") is None,
    reason="reading page_config.json needs jupyter_core (installed with JupyterLab)",
)


def healthy(dist):
    return "99.0"


def with_extension(tmp_path):
    ext = tmp_path / doctor.WIDGET_EXTENSION
    ext.mkdir(parents=True, exist_ok=True)
    (ext / "package.json").write_text("{}")
    return lambda: [tmp_path]


def run(capsys, argv=(), **probes):
    status = doctor.main(list(argv), **probes)
    return status, capsys.readouterr().out


def lab_probes(tmp_path, **changes):
    probes = {
        "version": healthy,
        "ext_dirs": with_extension(tmp_path),
        "disabled": lambda: {},
        "kernels": lambda: ["python3"],
        "frontend": "jupyterlab",
        "in_kernel": lambda: False,
    }
    probes.update(changes)
    return probes


def test_real_run_here_reports_everything(capsys):
    """No probe injected: with JupyterLab installed (make lab) all is ready; without it (a
    plain `pip install .`) the doctor says JupyterLab is missing and how to install it."""
    status, out = run(capsys, frontend="jupyterlab", in_kernel=lambda: False)
    for name in ["Python", "numpy", "matplotlib", "ipywidgets", "jupyterlab", "widget front-end"]:
        assert name in out
    if LAB_HERE:
        assert status == 0, out
        assert "python3 kernel" in out and "installed and enabled" in out
    else:
        assert status == 1, out
        assert "jupyterlab        not installed" in out and "Fix jupyterlab:" in out


def test_notebook_00_finds_the_doctor_at_the_package_root():
    from dlnotes import doctor as from_root

    assert from_root is doctor and callable(from_root.main)


def test_command_line_entry_point():
    run_ = subprocess.run(
        [sys.executable, "-m", "dlnotes", "doctor", "--frontend", "elsewhere"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run_.returncode == 0, run_.stdout + run_.stderr
    assert "All good" in run_.stdout


@pytest.mark.parametrize("args", [["doctor", "--help"], ["doctor", "-h"]])
def test_help_prints_usage_and_runs_no_check(args):
    run_ = subprocess.run(
        [sys.executable, "-m", "dlnotes", *args], capture_output=True, text=True, timeout=120
    )
    assert run_.returncode == 0
    assert "usage: python -m dlnotes doctor" in run_.stdout and "--frontend" in run_.stdout
    assert "[ok]" not in run_.stdout


def test_unknown_option_and_missing_command_exit_2():
    for args in (["doctor", "--bogus"], [], ["Doctor"]):
        run_ = subprocess.run(
            [sys.executable, "-m", "dlnotes", *args], capture_output=True, text=True, timeout=120
        )
        assert run_.returncode == 2, args
        assert "usage" in run_.stderr
        assert "Traceback" not in run_.stderr


def test_missing_library_is_reported_with_a_fix(tmp_path, capsys):
    version = lambda d: None if d == "ipywidgets" else "99.0"  # noqa: E731
    status, out = run(capsys, **lab_probes(tmp_path, version=version))
    assert status == 1
    assert "ipywidgets        not installed" in out
    assert "Not ready: ipywidgets is missing." in out
    python = doctor.this_python()
    assert f'Fix ipywidgets: {python} -m pip install "ipywidgets>=7.7", then restart' in out


def test_too_old_library_says_too_old(tmp_path, capsys):
    version = lambda d: "7.6.5" if d == "ipywidgets" else "99"  # noqa: E731
    status, out = run(capsys, **lab_probes(tmp_path, version=version))
    assert status == 1
    assert "ipywidgets        7.6.5 (need 7.7 or newer)" in out
    assert "Not ready: ipywidgets is too old." in out
    checks = doctor.run_checks(**lab_probes(tmp_path, version=lambda d: "2.3.0"))
    assert {c.name for c in checks if c.ok is False} >= {"matplotlib", "jupyterlab"}
    assert all(c.problem == "too old" for c in checks if c.ok is False)


def test_jupyterlab_3_is_enough(tmp_path):
    """JupyterLab 3 shows ipywidgets 7.7 and 8: a hub still on it is not told to upgrade."""
    version = lambda d: "3.6.3" if d == "jupyterlab" else "99"  # noqa: E731
    checks = doctor.run_checks(**lab_probes(tmp_path, version=version))
    assert [c.name for c in checks if c.ok is False] == []


def test_old_python_says_too_old(tmp_path):
    checks = doctor.run_checks(**lab_probes(tmp_path), python_version=(3, 9, 1))
    (py,) = [c for c in checks if c.ok is False]
    assert py.name == "Python" and py.problem == "too old"


def test_every_broken_check_gets_its_own_fix_line(tmp_path, capsys):
    version = lambda d: None if d in ("numpy", "ipykernel") else "99"  # noqa: E731
    status, out = run(capsys, **lab_probes(tmp_path, version=version))
    assert status == 1
    assert "Not ready: numpy is missing; python3 kernel is missing." in out
    assert "Fix numpy:" in out and "Fix python3 kernel:" in out


def test_widget_front_end_missing(tmp_path, capsys):
    empty = tmp_path / "empty"
    status, out = run(capsys, **lab_probes(tmp_path, ext_dirs=lambda: [empty]))
    assert status == 1
    assert "widget front-end  not installed" in out


def test_widget_front_end_disabled_says_disabled(tmp_path, capsys):
    disabled = lambda: {doctor.WIDGET_EXTENSION: True}  # noqa: E731
    status, out = run(capsys, **lab_probes(tmp_path, disabled=disabled))
    assert status == 1
    assert "installed but disabled" in out
    assert "Not ready: widget front-end is disabled." in out
    assert f"jupyter labextension enable {doctor.WIDGET_EXTENSION}" in out


def _page_config(tmp_path, monkeypatch, text):
    (tmp_path / "labconfig").mkdir()
    (tmp_path / "labconfig" / "page_config.json").write_text(text)
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path))


@needs_jupyter_core
@pytest.mark.parametrize(
    "value",
    [{doctor.WIDGET_EXTENSION: True}, [doctor.WIDGET_EXTENSION], {"@jupyter-widgets/.*": True}],
)
def test_disabled_reads_page_config(tmp_path, monkeypatch, capsys, value):
    _page_config(tmp_path, monkeypatch, json.dumps({"disabledExtensions": value}))
    probes = lab_probes(tmp_path / "ext")
    del probes["disabled"]  # the doctor reads the page config written above
    status, out = run(capsys, **probes)
    assert status == 1
    assert f"jupyter labextension enable {doctor.WIDGET_EXTENSION}" in out


@needs_jupyter_core
@pytest.mark.parametrize(
    "text", ['{"disabledExtensions": "@jupyter-widgets/jupyterlab-manager"}', "{not json", "[1]"]
)
def test_malformed_page_config_is_named_not_a_traceback(tmp_path, monkeypatch, capsys, text):
    _page_config(tmp_path, monkeypatch, text)
    disabled = doctor.disabled_extensions()
    assert disabled == {} and disabled.unreadable[-1].endswith("page_config.json")
    probes = lab_probes(tmp_path / "ext")
    del probes["disabled"]
    status, out = run(capsys, **probes)
    assert status == 0
    assert "installed and enabled in this environment (ignored unreadable" in out


def test_kernel_missing(tmp_path, capsys):
    status, out = run(capsys, **lab_probes(tmp_path, kernels=lambda: ["ir"]))
    assert status == 1
    assert "python3 kernel    not registered (found: ['ir'])" in out
    python = doctor.this_python()
    assert f"Fix python3 kernel: {python} -m ipykernel install --user --name python3" in out


def test_ipykernel_missing_gets_a_fix_that_installs_it_first(tmp_path, capsys):
    version = lambda d: None if d == "ipykernel" else "99"  # noqa: E731
    status, out = run(capsys, **lab_probes(tmp_path, version=version, kernels=lambda: []))
    assert status == 1
    python = doctor.this_python()
    assert (
        f"Fix python3 kernel: {python} -m pip install ipykernel, "
        f"then {python} -m ipykernel install --user --name python3"
    ) in out


@pytest.mark.parametrize("module", ["jupyter_core", "jupyter_client"])
def test_missing_jupyter_core_or_client_is_a_failed_check_not_a_traceback(module):
    """Run the real probes in a fresh interpreter where the module cannot be imported."""
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"
        "from dlnotes import doctor\n"
        "sys.exit(doctor.main(['--frontend', 'jupyterlab']))\n"
    )
    run_ = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run_.returncode == 1, run_.stdout + run_.stderr
    assert "Traceback" not in run_.stderr
    assert f"{module} is not installed" in run_.stdout
    assert f'-m pip install "{module}"' in run_.stdout or f"-m pip install {module}" in run_.stdout


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", "jupyterlab"),
        ({"COLAB_RELEASE_TAG": "release-colab_20240101"}, "linux", "hosted"),
        ({"COLAB_GPU": "1"}, "linux", "hosted"),
        ({"KAGGLE_KERNEL_RUN_TYPE": "Interactive"}, "linux", "hosted"),
        ({"VSCODE_PID": "1234"}, "linux", "vscode"),
        ({"TERM_PROGRAM": "vscode"}, "darwin", "vscode"),
        ({}, "emscripten", "jupyterlite"),
        ({"COLAB_GPU": "1"}, "emscripten", "jupyterlite"),
    ],
)
def test_front_end_detection(environ, platform, expected):
    assert doctor.detect_frontend(environ, platform, version=healthy) == expected


def test_notebook_7_without_jupyterlab():
    version = lambda d: None if d == "jupyterlab" else "7.2.0"  # noqa: E731
    assert doctor.detect_frontend({}, "linux", version=version) == "notebook"


def test_notebook_6_is_too_old(tmp_path, capsys):
    version = lambda d: "6.5.4" if d == "notebook" else "99"  # noqa: E731
    status, out = run(capsys, **lab_probes(tmp_path, version=version, frontend="notebook"))
    assert status == 1
    assert "Jupyter Notebook 7" in out
    python = doctor.this_python()
    assert f'Fix notebook: in a terminal: {python} -m pip install "notebook>=7.0"' in out
    assert "then restart Jupyter" in out and "reload the page" in out


def _never_called():
    raise AssertionError("this probe belongs to a front-end that runs here")


@pytest.mark.parametrize("frontend", ["vscode", "hosted", "jupyterlite"])
def test_other_front_ends_need_no_jupyterlab_extension_or_kernelspec(capsys, frontend):
    version = lambda d: None if d in ("jupyterlab", "notebook") else "99"  # noqa: E731
    probes = {"ext_dirs": _never_called, "disabled": _never_called, "kernels": _never_called}
    status, out = run(capsys, version=version, frontend=frontend, **probes)
    assert status == 0, out
    assert doctor.FRONTENDS[frontend] in out
    assert "jupyterlab" not in out.replace("JupyterLab", "")


def test_vscode_without_ipykernel(capsys):
    version = lambda d: None if d == "ipykernel" else "99"  # noqa: E731
    status, out = run(capsys, version=version, frontend="vscode")
    assert status == 1
    python = doctor.this_python()
    assert f"Fix ipykernel: {python} -m pip install ipykernel, then pick this Python" in out
    assert sys.executable in out


@pytest.mark.parametrize("frontend", ["hosted", "jupyterlite"])
def test_hosted_and_lite_fixes_are_pip_magics_in_a_cell(capsys, frontend):
    version = lambda d: None if d == "ipywidgets" else "99"  # noqa: E731
    status, out = run(capsys, version=version, frontend=frontend)
    assert status == 1
    assert 'Fix ipywidgets: in a notebook cell: %pip install "ipywidgets>=7.7"' in out
    assert "then restart the kernel" in out


def test_hosted_all_good_mentions_colab_widget_manager(capsys):
    status, out = run(capsys, version=healthy, frontend="hosted")
    assert status == 0
    assert "enable_custom_widget_manager" in out


@pytest.mark.parametrize(
    "env", [{"VSCODE_PID": "1"}, {"COLAB_RELEASE_TAG": "x"}, {"COLAB_GPU": "0"}]
)
def test_runs_without_jupyterlab_where_it_is_not_the_front_end(env):
    """JupyterLab, jupyter_core and jupyter_client made unimportable: the doctor still runs."""
    code = (
        "import sys\n"
        "for m in ('jupyterlab', 'jupyter_core', 'jupyter_client', 'notebook'):\n"
        "    sys.modules[m] = None\n"
        "from dlnotes import doctor\n"
        "status = doctor.main([])\n"
        "print('imported:', [m for m, v in sys.modules.items() if 'jupyterlab' in m and v])\n"
        "sys.exit(status)\n"
    )
    import os

    run_ = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert "Traceback" not in run_.stderr, run_.stderr
    assert "imported: []" in run_.stdout
    assert "[--] front-end" in run_.stdout
    assert "widget front-end" not in run_.stdout


def test_jupyterlite_detected_from_the_platform(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "emscripten")
    status, out = run(capsys, version=healthy, ext_dirs=_never_called, kernels=_never_called)
    assert status == 0
    assert "JupyterLite" in out


def test_unknown_front_end_is_a_clear_error():
    with pytest.raises(ValueError, match="frontend must be one of"):
        doctor.run_checks(frontend="emacs")


# -- where the doctor runs: a kernel, a terminal, a kernel whose server lives elsewhere ---------
def without_jupyter(dist):
    """A kernel's environment on a hub: the course and its libraries, no JupyterLab."""
    return None if dist in ("jupyterlab", "notebook") else "99.0"


def test_kernel_without_jupyterlab_is_not_told_to_install_it(capsys):
    """On a hub the server runs elsewhere: no JupyterLab demanded, no false ok for widgets."""
    probes = {"ext_dirs": _never_called, "disabled": _never_called, "kernels": _never_called}
    status, out = run(capsys, version=without_jupyter, in_kernel=lambda: True, **probes)
    assert status == 0, out
    assert "[--] front-end         a Jupyter server in another environment" in out
    assert "[--] widget front-end  cannot be seen from here" in out and "Move me" in out
    assert "jupyterlab" not in out.replace("JupyterLab", "").replace("JupyterHub", "")
    assert "[ok] widget" not in out


def test_hub_is_named_when_the_hub_says_so(capsys):
    environ = {"JUPYTERHUB_USER": "ann"}
    status, out = run(capsys, version=without_jupyter, environ=environ, in_kernel=lambda: True)
    assert status == 0
    assert "installed with this JupyterHub's server" in out


def test_explicit_front_end_is_still_checked_where_it_is_missing(tmp_path, capsys):
    """`--frontend jupyterlab` in an environment without it: the user says it runs here."""
    status, out = run(
        capsys, ["--frontend", "jupyterlab"], **lab_probes(tmp_path, version=without_jupyter)
    )
    assert status == 1
    assert "JupyterLab (as asked)" in out
    assert "Not ready: jupyterlab is missing." in out


def test_front_end_line_says_it_is_a_guess(tmp_path, capsys):
    probes = lab_probes(tmp_path)
    del probes["frontend"]
    status, out = run(capsys, **probes)
    assert status == 0
    assert "[--] front-end         JupyterLab (guessed from this environment; --frontend" in out


def test_inside_a_kernel_fixes_are_cells_and_a_restart(tmp_path, capsys):
    version = lambda d: None if d == "numpy" else "99"  # noqa: E731
    probes = lab_probes(tmp_path, version=version, in_kernel=lambda: True, kernels=_never_called)
    status, out = run(capsys, **probes)
    assert status == 1
    assert (
        'Fix numpy: in a notebook cell: %pip install "numpy>=1.24", then restart the kernel '
        "(Kernel > Restart Kernel) and run the cells again"
    ) in out
    assert "python3 kernel" not in out  # the kernel it runs in is there


def test_inside_a_kernel_front_end_fixes_go_to_a_terminal(tmp_path, capsys):
    empty = tmp_path / "empty"
    probes = lab_probes(tmp_path, ext_dirs=lambda: [empty], in_kernel=lambda: True)
    status, out = run(capsys, **probes)
    assert status == 1
    assert "widget front-end  not installed in this environment" in out
    fix = f'Fix widget front-end: in a terminal: {doctor.this_python()} -m pip install "ipywidgets'
    assert fix in out and "restart Jupyter" in out and "reload the page" in out


def test_all_good_inside_a_kernel_points_at_move_me(tmp_path, capsys):
    status, out = run(capsys, **lab_probes(tmp_path, in_kernel=lambda: True))
    assert status == 0
    assert out.splitlines()[-1].startswith("All good: the real test of the widgets is Move me")
    assert "notebooks/" not in out


def test_this_python_is_relative_inside_the_folder_else_absolute(tmp_path):
    python = str(tmp_path / ".venv" / "bin" / "python")
    assert doctor.this_python(python, cwd=str(tmp_path)) == str(Path(".venv") / "bin" / "python")
    assert doctor.this_python(python, cwd=str(tmp_path / "notebooks")) == python


def test_running_in_kernel_needs_a_shell_with_a_kernel(monkeypatch):
    class Shell:
        kernel = object()

    fake = types.SimpleNamespace(get_ipython=lambda: Shell())
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert doctor.running_in_kernel()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: None))
    assert not doctor.running_in_kernel()
    monkeypatch.delitem(sys.modules, "IPython")
    assert not doctor.running_in_kernel()


def test_inside_a_kernel_the_guess_says_how_to_correct_it_from_a_cell(tmp_path, capsys):
    probes = lab_probes(tmp_path, in_kernel=lambda: True)
    del probes["frontend"]
    status, out = run(capsys, **probes)
    assert status == 0
    assert "JupyterLab (guessed from this environment; doctor.main(['--frontend', NAME])" in out


HIDE_LAB = """
import importlib.metadata as md, sys
hidden = {"jupyterlab", "jupyter_core", "jupyter-core", "jupyter_client", "jupyter-client"}
real = md.version
def version(name):
    if name.lower() in hidden:
        raise md.PackageNotFoundError(name)
    return real(name)
md.version = version
for mod in ("jupyterlab", "jupyter_core", "jupyter_client"):
    sys.modules[mod] = None
from dlnotes.setup import doctor
sys.exit(doctor.main(["--frontend", "jupyterlab"]))
"""


def test_without_jupyterlab_the_doctor_says_so_and_how_to_install_it():
    """A plain `pip install .` has no JupyterLab: simulated here by hiding it (and jupyter_core,
    jupyter_client) from a fresh Python, so this runs the same with or without it installed."""
    run_ = subprocess.run(
        [sys.executable, "-c", HIDE_LAB], capture_output=True, text=True, timeout=120
    )
    assert run_.returncode == 1, run_.stdout + run_.stderr
    assert "jupyterlab        not installed" in run_.stdout and "Fix jupyterlab:" in run_.stdout
    assert "cannot look: jupyter_core is not installed" in run_.stdout
    assert "Traceback" not in run_.stderr
