"""What every exercise checker promises (dlnotes/exercises): importable from dlnotes.exercises,
"not answered yet" for the student edition's stubs, a message and never a traceback for
garbage, and the shared helpers behave as documented."""

import inspect

import numpy as np
import pytest

import dlnotes.exercises as exercises
from dlnotes.exercises.core import CORRECT, NOT_ANSWERED, call, report, same, verdict

CHECKERS = [getattr(exercises, name) for name in exercises.__all__ if name.startswith("check_")]


def _arity(checker) -> int:
    return len(inspect.signature(checker).parameters)


def test_every_notebook_has_two_to_four_checkers():
    """Notebooks 01-05 have 2-4 exercises each; 00 has one ("check yourself")."""
    modules = {c.__module__ for c in CHECKERS}
    assert len(modules) == 6
    for module in modules:
        least = 1 if module.endswith("start_here") else 2
        assert least <= sum(c.__module__ == module for c in CHECKERS) <= 4, module


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
