"""What every exercise checker shares: spotting a stub, comparing numbers, naming the mistake.

A checker compares the learner's answer with the right one and, when they differ, with each
*typical mistake* (the answer computed the wrong way on purpose). The first mistake that matches
gives its own hint. Nothing here prints the right answer.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable

import numpy as np

CORRECT = "correct"
NOT_ANSWERED = "not answered yet: replace the stub (None or NotImplementedError) with your answer"


class NotAnswered(Exception):
    """The learner's cell still holds its stub."""


def is_stub(answer) -> bool:
    """True for the student edition's placeholders: ``None`` and ``...``."""
    return answer is None or answer is Ellipsis


def call(function: Callable, *args, **kwargs):
    """Call the learner's function; a stub (``NotImplementedError``) becomes :class:`NotAnswered`,
    any other exception becomes a one-line message instead of a traceback."""
    if is_stub(function):
        raise NotAnswered
    if not callable(function):
        raise Feedback(f"expected a function, got {type(function).__name__}")
    try:
        return function(*args, **kwargs)
    except NotImplementedError:
        raise NotAnswered from None
    except Exception as err:  # the learner's code failed: say how, without a traceback
        raise Feedback(f"your function raised {type(err).__name__}: {err}") from None


class Feedback(Exception):
    """A message for the learner that ends the check early."""


def same(answer, right, *, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """True when ``answer`` has the shape of ``right`` and equals it to the tolerances."""
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    r = np.asarray(right, dtype=float)
    return a.shape == r.shape and bool(np.all(np.isfinite(a))) and np.allclose(a, r, rtol, atol)


def number(answer, name: str) -> float:
    """The learner's answer as a float (a 0-d array too, as np.mean gives); NotAnswered for a
    stub, Feedback for anything else."""
    if is_stub(answer):
        raise NotAnswered
    if isinstance(answer, np.ndarray) and answer.shape == ():
        answer = answer[()]
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        raise Feedback(f"{name} should be a number, got {type(answer).__name__}: {answer!r:.40}")
    value = float(answer)
    if not np.isfinite(value):
        raise Feedback(f"{name} should be a finite number, got {value}")
    return value


def as_pair(value, names: str, noun: str) -> np.ndarray:
    """The learner's return value as two finite floats, or a Feedback saying what came instead.

    names: how the two numbers are called in the message ("grad_w, grad_b"); noun: what they
    are ("a gradient")."""
    try:
        pair = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Feedback(
            f"your function should return two numbers ({names}), got {value!r:.60}"
        ) from None
    if pair.shape != (2,):
        extra = (
            f" (return only {names}: not the loss or anything else)" if pair.shape == (3,) else ""
        )
        raise Feedback(
            f"your function should return two numbers ({names}), got shape {pair.shape}{extra}"
        )
    if not np.all(np.isfinite(pair)):
        raise Feedback(f"your function returned {pair.tolist()}: NaN or infinity, not {noun}")
    return pair


def verdict(answer, right, mistakes=(), *, otherwise: str, rtol: float = 1e-6) -> str:
    """``CORRECT`` when ``answer`` matches ``right``; else the hint of the first
    ``(wrong_value, hint)`` pair in ``mistakes`` that it matches; else ``otherwise``."""
    if same(answer, right, rtol=rtol):
        return CORRECT
    for wrong, hint in mistakes:
        if same(answer, wrong, rtol=rtol):
            return hint
    return otherwise


def report(check: Callable[[], str]) -> None:
    """Run one check and print its message: ``correct``, a hint, or ``not answered yet``."""
    try:
        message = check()
    except NotAnswered:
        message = NOT_ANSWERED
    except Feedback as feedback:
        message = str(feedback)
    print(message)
