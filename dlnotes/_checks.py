"""Argument checks shared by every module: the door of each public function.

A public function states what its arguments must be in one line above it,

    @checked(_BIAS_FIRST, x=numbers(ndim=(1, 2)), w=numbers(ndim=1))
    def perceptron(x, w): ...

and its body is the maths (see `checked` at the end of this file). Each check names the
argument, says what was expected and what came, so that a learner sees `ValueError: x has shape
(4, 3): 3 input(s) per pattern ...` instead of a numpy broadcast error or a silent NaN.

The rules every module follows through these helpers:

- A number or an array of numbers: bool, int and float of any precision are fine (converted to
  float64). None, strings (also inside a list), dicts, ragged lists and complex numbers are a
  `TypeError`: complex input is never cut to its real part.
- NaN and infinity are a `ValueError` unless the function says it accepts them; None inside
  a list is a `ValueError` too (a missing number), never read as NaN.
- Integers (sizes, counts, seeds) must be true integers: `True` and `2.0` are refused.
- A seed is None or a non-negative integer (`as_seed`).
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import math
import numbers as _numbers_abc
from collections.abc import Sequence

import numpy as np

#: dtype kinds that are numbers: bool, signed and unsigned int, float.
_REAL_KINDS = "biuf"


def _describe(value) -> str:
    """A short description of `value` for an error message."""
    return f"{type(value).__name__}: {value!r:.60}"


def as_float_array(
    name: str,
    value,
    *,
    ndim: int | Sequence[int] | None = None,
    finite: bool = True,
    keep_float: bool = False,
) -> np.ndarray:
    """`value` as a float64 array; raise if it is not real numbers, has the wrong `ndim`, or
    (with `finite=True`) holds NaN or infinity. With `keep_float=True` a float32 (or other
    floating) array keeps its dtype; only bool, int and object input become float64."""
    need = f"{name} must be numeric (a number or an array of numbers)"
    if value is None:
        raise TypeError(f"{need}, got None")
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{need}, got the string {value!r:.60}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):  # ragged lists
        raise TypeError(f"{need} with one length per row, got {_describe(value)}") from None
    if raw.dtype.kind == "c" or (raw.dtype.kind == "O" and _holds_complex(raw)):
        raise TypeError(f"{name} must be numeric and real, got complex numbers: {value!r:.60}")
    if raw.dtype.kind in "USa":
        raise TypeError(f"{need}, got strings: {value!r:.60}")
    if raw.dtype.kind == "O" and any(v is None for v in raw.flat):
        # a ValueError, like NaN: None in a list is a missing number (a gap), not a wrong type
        kind = "finite numbers" if finite else "numbers"
        raise ValueError(f"{name} must be {kind}, got None inside {value!r:.60}")
    if raw.dtype.kind not in _REAL_KINDS + "O":
        raise TypeError(f"{need}, got an array of {raw.dtype}")
    try:
        arr = raw if keep_float and raw.dtype.kind == "f" else raw.astype(np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"{need}, got {_describe(value)}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must have {want} dimension(s), got shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got NaN or infinity in {arr!r:.80}")
    return arr


def _holds_complex(raw: np.ndarray) -> bool:
    return any(isinstance(v, complex | np.complexfloating) for v in raw.flat)


def as_int(name: str, value, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """`value` as a Python int (bools refused), between `minimum` and `maximum`."""
    if isinstance(value, bool) or not isinstance(value, _numbers_abc.Integral):
        raise TypeError(f"{name} must be an integer, got {_describe(value)}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {value}")
    return value


def as_float(name: str, value, *, positive: bool = False) -> float:
    """`value` as a finite Python float (optionally > 0)."""
    if isinstance(value, complex | np.complexfloating):
        raise TypeError(f"{name} must be real, got complex {value!r}")
    if isinstance(value, bool) or not isinstance(value, _numbers_abc.Real):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def as_seed(name: str, value, *, none_ok: bool = True) -> int | None:
    """A seed for `np.random.default_rng`: None (when `none_ok`) or an integer ≥ 0.

    `True`, `-1`, `2.0`, `"1"` and arrays are refused with a message naming `name`
    (numpy's own messages name neither the argument nor the rule).
    """
    if value is None and none_ok:
        return None
    if isinstance(value, bool) or not isinstance(value, _numbers_abc.Integral):
        either = "None or " if none_ok else ""
        raise TypeError(f"{name} must be {either}an integer ≥ 0, got {_describe(value)}")
    if value < 0:
        raise ValueError(f"{name} must be an integer ≥ 0, got {int(value)}")
    return int(value)


def as_bool(name: str, value) -> bool:
    """`value` if it is True or False (also numpy's bool); a string such as `'no'` is
    refused rather than read as True."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False, got {_describe(value)}")
    return bool(value)


def as_callable(name: str, value):
    """`value` if it can be called like a function; otherwise say what came."""
    if not callable(value):
        raise TypeError(f"{name} must be a function (callable), got {_describe(value)}")
    return value


def as_choice(name: str, value, choices: Sequence[str]) -> str:
    """`value` if it is one of `choices`; otherwise list the valid ones."""
    if not isinstance(value, str) or value not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {valid}; got {value!r:.60}")
    return value


def as_binary(name: str, value, *, ndim: int | Sequence[int] | None = None) -> np.ndarray:
    """`value` as a float array whose entries are all 0 or 1."""
    arr = as_float_array(name, value, ndim=ndim)
    if not np.all((arr == 0) | (arr == 1)):
        bad = arr[(arr != 0) & (arr != 1)].ravel()[:3]
        raise ValueError(f"{name} must hold only 0 and 1, got values such as {bad.tolist()}")
    return arr


def scalar_or_array(template, out):
    """`out` as a Python float when `template` (the caller's input) was a single number,
    otherwise as it is: the "a number in, a number out" rule of the package."""
    return float(out) if np.ndim(template) == 0 else out


def power_of_two_scale(a) -> float:
    """A power of two s with max |s·a| ≤ 1 (1.0 for an all-zero or empty `a`).

    Multiplying by a power of two is exact, so s·a has the same signs and ratios as `a`;
    scaling both factors of a product this way keeps huge but finite inputs (1e308) from
    overflowing to inf − inf.
    """
    top = float(np.max(np.abs(a))) if np.size(a) else 0.0
    if top == 0.0:
        return 1.0
    return float(np.ldexp(1.0, -int(np.frexp(top)[1])))


# -- the door: one declarative check step at the top of a public function -----------------------
# Public functions say what each argument must be in one decorator line:
#
#     @checked(x=numbers(ndim=(1, 2)), w=numbers(ndim=1), theta=integer(minimum=0))
#     def f(x, w, theta): ...            # the body is the maths, on checked values
#
# The decorator converts every named argument on the way in (raising the errors above), runs
# the rules that relate several arguments (e.g. broadcast("w", "b")), then the body. A 0-d
# result comes back as a Python number ("a number in, a number out"). Internal calls between
# package functions skip the door: `f.unchecked(...)` is the body alone.


def numbers(*, ndim=None, finite: bool = True, keep_float: bool = False, nan: bool = True):
    """An argument that is a number or an array of numbers (see as_float_array); with
    finite=False, ±inf pass, and NaN too unless nan=False. A plain finite Python float passes
    as it is (nothing to convert: the fast path of inner loops)."""

    def convert(name, value):
        if type(value) in (float, np.float64) and finite and math.isfinite(value) and not ndim:
            return value
        arr = as_float_array(name, value, ndim=ndim, finite=finite, keep_float=keep_float)
        if not nan and np.isnan(arr).any():
            raise ValueError(f"{name} must be a number, got NaN in {value!r:.60}")
        return arr

    return convert


def number(*, positive: bool = False):
    """An argument that is one finite real number (see as_float)."""
    return lambda name, value: as_float(name, value, positive=positive)


def integer(*, minimum: int | None = None, maximum: int | None = None):
    """An argument that is a true integer in [minimum, maximum] (see as_int)."""
    return lambda name, value: as_int(name, value, minimum=minimum, maximum=maximum)


def seed(*, none_ok: bool = True):
    """An argument that is a seed: None or an integer ≥ 0 (see as_seed)."""
    return lambda name, value: as_seed(name, value, none_ok=none_ok)


def flag():
    """An argument that is True or False (see as_bool)."""
    return as_bool


def function():
    """An argument that is a function (see as_callable)."""
    return as_callable


def one_of(*choices: str):
    """An argument that is one of the named options; a misspelt one lists them all."""
    return lambda name, value: as_choice(name, value, choices)


def binary(*, ndim=None):
    """An argument that holds only 0 and 1 (see as_binary)."""
    return lambda name, value: as_binary(name, value, ndim=ndim)


def index_list():
    """An argument that is a sequence of indices ≥ 0 such as [0, 2] (maybe empty)."""

    def convert(name, value):
        try:
            items = None if isinstance(value, str | bytes | dict) else list(value)
        except TypeError:  # a number, None, a 0-d array
            items = None
        if items is None:
            raise TypeError(
                f"{name} must be a sequence of input indices such as [0, 2] (or [] for none), "
                f"got {type(value).__name__}: {value!r:.40}"
            )
        return [as_int(f"{name}[{k}]", i, minimum=0) for k, i in enumerate(items)]

    return convert


def rule(holds, message, error: type = ValueError):
    """A rule relating several arguments: `holds(**checked_values)` is true for good input;
    otherwise `error(message)`, where message is a string formatted with the values
    ("x has shape {x.shape}") or a function of them that returns the string."""

    def check(values):
        if not holds(**values):
            said = message(**values) if callable(message) else message.format(**values)
            raise error(said)

    return check


def broadcast(*names: str):
    """A rule: the named array arguments broadcast together (a column and a row, say)."""

    def rule(values):
        shapes = [getattr(values[n], "shape", ()) for n in names]
        if not any(shapes):
            return  # all numbers
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            said = ", ".join(f"{n} has shape {s}" for n, s in zip(names, shapes, strict=True))
            raise ValueError(
                f"the shapes do not broadcast together ({said}); pass numbers, arrays of one "
                "shape, or shapes numpy can broadcast (e.g. a column and a row)"
            ) from None

    return rule


def checked(*rules, finite_result: bool | str = False, **specs):
    """Decorator: check a public function's arguments once, at its door.

    specs: argument name → converter from this module (numbers(), integer(minimum=0), ...).
    rules: functions of the dict of converted arguments that raise when they disagree.
    finite_result: raise a ValueError naming the numeric arguments (or, if it is a string, the
        names it holds) when the result holds infinity or NaN (huge but finite input that
        overflowed inside the maths).
    The body runs with numpy's floating-point warnings off: σ(−1e4) = 0 is the right answer,
    not a warning, and a result that overflowed is caught by finite_result or by the caller's
    own finiteness test (gradient_descent's divergence), never by a warning.
    `f.unchecked` is the body alone, for internal calls that have checked their input.
    """

    def decorate(body):
        signature = inspect.signature(body)
        params = signature.parameters
        defaults = {n: p.default for n, p in params.items() if p.default is not p.empty}
        names = [n for n, p in params.items() if p.kind is not p.VAR_KEYWORD]
        more_ok = len(names) < len(params)  # a **options parameter takes the other keywords

        @functools.wraps(body)
        def door(*args, **kwargs):
            values = dict(zip(names, args, strict=False))
            if len(args) > len(names) or not values.keys().isdisjoint(kwargs):
                signature.bind(*args, **kwargs)  # raises Python's own TypeError
            values.update(kwargs)
            for name in names:
                if name not in values:
                    if name not in defaults:
                        signature.bind(*args, **kwargs)  # "missing a required argument"
                    values[name] = defaults[name]
            if len(values) > len(names) and not more_ok:
                signature.bind(*args, **kwargs)  # "got an unexpected keyword argument"
            for name, convert in specs.items():
                values[name] = convert(name, values[name])
            for rule in rules:
                rule(values)
            with np.errstate(all="ignore"):
                result = body(**values)
            if finite_result and not _all_finite(result):
                said = (
                    finite_result
                    if isinstance(finite_result, str)
                    else ", ".join(n for n in specs if not isinstance(values[n], str))
                )
                raise ValueError(
                    f"{body.__name__} overflowed to infinity or NaN: {said} are too large in "
                    "size for float64; scale them down"
                )
            return plain(result)

        door.unchecked = body
        return door

    return decorate


def plain(result):
    """A 0-d array or numpy number as a Python number; tuples item by item; else as it is."""
    if isinstance(result, tuple):
        return tuple(plain(r) for r in result)
    if isinstance(result, np.ndarray | np.generic) and np.ndim(result) == 0:
        return result.item()
    return result


def _all_finite(result) -> bool:
    """Whether every number in result (arrays, numbers, nested in tuples and lists) is finite."""
    if isinstance(result, tuple | list):
        return all(_all_finite(r) for r in result)
    return np.asarray(result).dtype.kind not in "fc" or bool(np.all(np.isfinite(result)))


# -- checked once: calls made inside a checked call skip the door --------------------------------
#: True while a call that went through a checked_once door runs, in this thread (or task) only:
#: a contextvar, so a network trained in a background thread does not switch off the checks of
#: the notebook's own calls.
_inside = contextvars.ContextVar("inside_a_checked_call", default=False)


def checked_once(*rules, **options):
    """Decorator: `checked(*rules, **options)`, except that a call made while another
    checked_once call runs (fit → gradient_step → backward → layer_backward) skips the door:
    its arguments were checked at the outer call, so no check runs inside a training loop."""

    def decorate(body):
        door = checked(*rules, **options)(body)

        @functools.wraps(body)
        def once(*args, **kwargs):
            if _inside.get():
                return body(*args, **kwargs)
            token = _inside.set(True)
            try:
                return door(*args, **kwargs)
            finally:
                _inside.reset(token)

        once.unchecked = body
        return once

    return decorate


def from_outside(function, *args):
    """function(*args) as a call from outside the package (a learner's callback, run inside a
    checked call): whatever it calls goes through the doors again."""
    token = _inside.set(False)
    try:
        return function(*args)
    finally:
        _inside.reset(token)


def optional(convert):
    """An argument that is None or passes `convert`."""
    return lambda name, value: None if value is None else convert(name, value)


# -- a learner's function: called, and what it returns checked -----------------------------------
def call_learner(function, what: str, *args, where: str = ""):
    """function(*args); a TypeError inside it (math.sin on an array, a wrong number of
    arguments) becomes a message saying what the function must be."""
    try:
        return function(*args)
    except TypeError as err:
        raise TypeError(
            f"{what}, working on numpy arrays (use np.sin, not math.sin); calling it{where} "
            f"failed with: {err}"
        ) from None


def learner_answer(value, name: str, shape: tuple, where: str = "") -> np.ndarray:
    """What a learner's function returned, as a float array of the given shape (inf and NaN
    kept). None, strings, objects and complex numbers are a TypeError, never NaN or a cut
    imaginary part; a wrong shape is a ValueError."""
    arr = np.asarray(value)
    if arr.dtype.kind not in "biuf":
        what = "complex numbers" if arr.dtype.kind == "c" else f"{value!r:.60}"
        raise TypeError(f"{name} must return real numbers, got {what}{where}")
    if arr.shape != shape:
        raise ValueError(
            f"{name} must return an array of shape {shape}, got shape {arr.shape}{where}"
        )
    return arr.astype(np.float64)
