"""Argument checks shared by every module.

Each check names the argument, says what was expected and what came, so that a learner sees
``ValueError: x has 3 inputs but w has 2 weights after the bias`` instead of a numpy broadcast
error or a silent NaN.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np


def as_float_array(
    name: str, value, *, ndim: int | Sequence[int] | None = None, finite: bool = True
) -> np.ndarray:
    """``value`` as a float64 array; raise if it is not numeric, has the wrong ``ndim``, or
    (with ``finite=True``) holds NaN or infinity."""
    if value is None:
        raise TypeError(f"{name} must be numeric (a number or an array of numbers), got None")
    if isinstance(value, (str, bytes)):
        raise TypeError(
            f"{name} must be numeric (a number or an array of numbers), got the string {value!r}"
        )
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numeric (a number or an array of numbers), "
            f"got {type(value).__name__}: {value!r:.80}"
        ) from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(f"{name} must have {want} dimension(s), got shape {arr.shape}")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got NaN or infinity in {arr!r:.80}")
    return arr


def as_int(name: str, value, *, minimum: int | None = None) -> int:
    """``value`` as a Python int (bools refused), at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}: {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return value


def as_float(name: str, value, *, positive: bool = False) -> float:
    """``value`` as a finite Python float (optionally > 0)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}: {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    if positive and value <= 0:
        raise ValueError(f"{name} must be positive, got {value}")
    return value


def as_choice(name: str, value, choices: Sequence[str]) -> str:
    """``value`` if it is one of ``choices``; otherwise list the valid ones."""
    if value not in choices:
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {valid}; got {value!r}")
    return value


def as_binary(name: str, value, *, ndim: int | Sequence[int] | None = None) -> np.ndarray:
    """``value`` as a float array whose entries are all 0 or 1."""
    arr = as_float_array(name, value, ndim=ndim)
    if not np.all((arr == 0) | (arr == 1)):
        bad = arr[(arr != 0) & (arr != 1)].ravel()[:3]
        raise ValueError(f"{name} must hold only 0 and 1, got values such as {bad.tolist()}")
    return arr
