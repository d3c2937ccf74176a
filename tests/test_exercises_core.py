"""What every exercise checker promises (dlnotes/exercises): importable from dlnotes.exercises,
"not answered yet" for the student edition's stubs, a message and never a traceback for
garbage, and the shared helpers behave as documented."""

import inspect
from pathlib import Path

import nbformat
import numpy as np
import pytest

import dlnotes.exercises as exercises
from dlnotes.exercises.core import CORRECT, NOT_ANSWERED, call, report, same, verdict

ROOT = Path(__file__).resolve().parent.parent
CHECKERS = [getattr(exercises, name) for name in exercises.__all__ if name.startswith("check_")]


def _arity(checker) -> int:
    return len(inspect.signature(checker).parameters)


def test_every_checker_is_called_by_its_notebook():
    """No dead checkers: each one is called in the notebook its module is named after, and each
    notebook has at least one."""
    notebooks = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for module in exercises.MODULES:
        (path,) = [p for p in notebooks if p.stem[3:] == module]
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        names = [c.__name__ for c in CHECKERS if c.__module__.endswith("." + module)]
        assert names, module
        for name in names:
            assert f"{name}(" in source, f"{name} is not called in {path.name}"


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_a_stub_is_not_answered_yet(checker, capsys):
    checker(*[None] * _arity(checker))
    assert capsys.readouterr().out.strip() == NOT_ANSWERED


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_a_function_stub_gets_a_message(checker, capsys):
    def stub(*args, **kwargs):
        raise NotImplementedError("your code here")

    checker(*[stub] * _arity(checker))
    out = capsys.readouterr().out.strip()
    # a code exercise's stub is not answered yet; a number exercise explains what it expects
    assert out and out != CORRECT and "Traceback" not in out, out
    assert "raised NotImplementedError" not in out, f"{checker.__name__}: a stub is not a bug"


@pytest.mark.parametrize("checker", CHECKERS, ids=lambda c: c.__name__)
def test_garbage_gets_a_message_not_a_traceback(checker, capsys):
    checker(*["garbage"] * _arity(checker))
    out = capsys.readouterr().out.strip()
    assert out and out != CORRECT and "Traceback" not in out


def test_core_helpers():
    assert same([1.0, 2.0], np.array([1.0, 2.0]))
    assert not same([1.0, 2.0], [1.0, 2.0, 3.0]) and not same("x", 1.0) and not same(np.nan, 1.0)
    mistakes = [(2.0, "a factor 2 too many")]
    assert verdict(1.0, 1.0, mistakes, otherwise="no") == CORRECT
    assert verdict(2.0, 1.0, mistakes, otherwise="no") == "a factor 2 too many"
    assert verdict(5.0, 1.0, mistakes, otherwise="no") == "no"


def test_report_turns_failures_into_one_line(capsys):
    def boom(x):
        raise ZeroDivisionError("division by zero")

    report(lambda: call(boom, 1))
    assert (
        capsys.readouterr().out.strip()
        == "your function raised ZeroDivisionError: division by zero"
    )
    report(lambda: call(None))
    assert capsys.readouterr().out.strip() == NOT_ANSWERED


def test_number_takes_every_numeric_form_and_names_the_rest():
    """One home for "the learner's answer as a number": plain, numpy, a 0-d array (np.mean)."""
    from dlnotes.exercises.core import Feedback, NotAnswered, number

    for given in (0.5, np.float64(0.5), np.array(0.5), np.mean([0.25, 0.75])):
        assert number(given, "x") == 0.5
    with pytest.raises(NotAnswered):
        number(None, "x")
    for bad in ("0.5", True, np.array([0.5]), float("nan")):
        with pytest.raises(Feedback, match="x should be"):
            number(bad, "x")
