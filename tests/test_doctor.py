import subprocess
import sys

from dlnotes import doctor


def test_healthy_here_exits_zero_and_reports_everything(capsys):
    status = doctor.main([])
    out = capsys.readouterr().out
    assert status == 0, out
    for name in [
        "Python",
        "numpy",
        "matplotlib",
        "ipywidgets",
        "jupyterlab",
        "widget front-end",
        "python3 kernel",
    ]:
        assert name in out
    assert "installed and enabled" in out


def test_command_line_entry_point():
    run = subprocess.run(
        [sys.executable, "-m", "dlnotes", "doctor"], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "All good" in run.stdout


def test_missing_library_is_reported_with_a_fix(capsys):
    def version(dist):
        return None if dist == "ipywidgets" else "99.0"

    status = doctor.main([], version=version)
    out = capsys.readouterr().out
    assert status == 1
    assert "ipywidgets        not installed" in out
    assert out.strip().splitlines()[-1].startswith("Not ready: ipywidgets is missing. Fix: pip")


def test_too_old_library_fails():
    checks = doctor.run_checks(version=lambda d: "3.6.0" if d == "matplotlib" else "99")
    assert [c.name for c in checks if not c.ok] == ["matplotlib"]


def test_widget_front_end_missing(tmp_path, capsys):
    status = doctor.main([], ext_dirs=lambda: [tmp_path])
    out = capsys.readouterr().out
    assert status == 1
    assert "widget front-end  not installed" in out


def test_widget_front_end_disabled(tmp_path, capsys):
    ext = tmp_path / doctor.WIDGET_EXTENSION
    ext.mkdir(parents=True)
    (ext / "package.json").write_text("{}")
    status = doctor.main(
        [], ext_dirs=lambda: [tmp_path], disabled=lambda: {doctor.WIDGET_EXTENSION: True}
    )
    out = capsys.readouterr().out
    assert status == 1
    assert "installed but disabled" in out
    assert f"jupyter labextension enable {doctor.WIDGET_EXTENSION}" in out


def test_disabled_reads_page_config(tmp_path, monkeypatch):
    (tmp_path / "labconfig").mkdir()
    (tmp_path / "labconfig" / "page_config.json").write_text(
        '{"disabledExtensions": {"@jupyter-widgets/jupyterlab-manager": true}}'
    )
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(tmp_path))
    assert doctor.disabled_extensions().get(doctor.WIDGET_EXTENSION) is True


def test_kernel_missing(capsys):
    status = doctor.main([], kernels=lambda: ["ir"])
    out = capsys.readouterr().out
    assert status == 1
    assert "python3 kernel    missing" in out
    assert "ipykernel install" in out
