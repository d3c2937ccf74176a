"""Checkers for notebook 04 (universal approximation).

check_tower_heights(fn)           the learner's fn(f, a, c, N) -> (s1, s2, v): where the N
                                  towers stand and how high they are
check_accuracy_choice(N, w)       the number of towers N that the bound ε ≤ M/(2N) promises to
                                  be enough for f_new and ε = 0.02 (M = max |f_new'|), with a
                                  steepness w that keeps the towers flat; then measured
check_mixed_differences(fn)       the learner's fn(v) -> c: the output weights of the quadrant
                                  units for the grid of heights v

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.uat, never stored as numbers.
"""

from __future__ import annotations

import numbers

import numpy as np

from dlnotes import uat
from dlnotes.exercises.core import Feedback, NotAnswered, call, is_stub, report, same, verdict

# -- exercise 1: the towers for a target and N, as code ----------------------------------------

#: (f, a, c, N) on which the learner's function is tried: N > 1, a ≠ 0 and an f that is not
#: symmetric, so that every mistake below gives different numbers from the right answer.
TOWER_CASES = ((np.square, 0.5, 2.5, 5), (np.exp, -1.0, 1.0, 3))


def _tower_mistakes(f, a, c, n):
    """Each typical mistake as (s1, s2, v), with its hint, in the order tried."""
    s1, s2, v = uat.tower_heights(f, a, c, n)
    delta = (c - a) / n
    inner1, inner2 = s1.copy(), s2.copy()
    inner1[0], inner2[-1] = a, c
    return [
        ((inner1, inner2, v), "the outermost steps stand exactly at a and c, where a step is at "
         "half height: g(a) would be f(m_0)/2. Move them half a bin outside"),
        ((s1, s2, f(inner1)), "the heights are f at the left edges of the bins; a tower's "
         "height is f at the centre of its bin"),
        ((s1, s2, f(inner2)), "the heights are f at the right edges of the bins; a tower's "
         "height is f at the centre of its bin"),
        ((s1 + delta / 2, s2 + delta / 2, v), "every edge is shifted by half a bin: the bins "
         "start at a, only the two outermost steps move outside"),
        ((s1, s2, f(s1 + delta / 2)), "the first height is taken at a, the centre of a bin that "
         "starts at a − Δ/2; take the centres of the bins [a + iΔ, a + (i+1)Δ]"),
    ]  # fmt: skip


def _as_towers(value, n) -> tuple[np.ndarray, ...]:
    """The learner's return value as three arrays of shape (n,), or a Feedback."""
    if not isinstance(value, (tuple, list)) or len(value) != 3:
        raise Feedback(f"your function should return three arrays (s1, s2, v), got {value!r:.60}")
    try:
        arrays = tuple(np.asarray(part, dtype=float) for part in value)
    except (TypeError, ValueError):
        raise Feedback("s1, s2 and v should be arrays of numbers") from None
    for name, arr in zip(("s1", "s2", "v"), arrays, strict=True):
        if arr.shape != (n,):
            raise Feedback(f"{name} should have one entry per tower, shape ({n},) for N = {n}, "
                           f"got shape {arr.shape}: one tower per bin, N bins")  # fmt: skip
    return arrays


def _tower_heights_message(fn) -> str:
    for f, a, c, n in TOWER_CASES:
        answer = _as_towers(call(fn, f, a, c, n), n)
        right = uat.tower_heights(f, a, c, n)
        if all(same(x, r) for x, r in zip(answer, right, strict=True)):
            continue
        for wrong, hint in _tower_mistakes(f, a, c, n):
            if all(same(x, r) for x, r in zip(answer, wrong, strict=True)):
                return hint
        bad = [name for name, x, r in zip(("s1", "s2", "v"), answer, right, strict=True)
               if not same(x, r)]  # fmt: skip
        return (f"not yet: {', '.join(bad)} differ(s) from the construction for "
                f"N = {n} towers on [{a:g}, {c:g}]. Bins of width Δ = (c − a)/N, centres "
                "m_i = a + (i + 1/2)Δ")  # fmt: skip
    return "correct"


def check_tower_heights(fn) -> None:
    """Check the learner's fn(f, a, c, N) -> (s1, s2, v) against uat.tower_heights."""
    report(lambda: _tower_heights_message(fn))


# -- exercise 2: predict N from the bound ε ≤ M/(2N), then measure -----------------------------

EPSILON = 0.02


def f_new(x):
    """The exercise's target on [0, 1]:  0.5 + 0.4·e^(−2x)·cos 5πx."""
    x = np.asarray(x, dtype=float)
    return 0.5 + 0.4 * np.exp(-2 * x) * np.cos(5 * np.pi * x)


def _lipschitz_new(n_points=200001) -> float:
    """M = max |f_new'| on [0, 1], from the slope on a fine grid."""
    x = np.linspace(0.0, 1.0, n_points)
    return float(np.max(np.abs(np.gradient(f_new(x), x))))


def _bound_towers(M, epsilon=EPSILON) -> int:
    """The smallest N with M/(2N) ≤ ε:  N = ⌈M/(2ε)⌉."""
    return int(np.ceil(M / (2 * epsilon)))


def _accuracy_message(n_towers, w) -> str:
    if is_stub(n_towers) or is_stub(w):
        raise NotAnswered
    if isinstance(n_towers, bool) or not isinstance(n_towers, numbers.Integral):
        return f"N should be a whole number of towers, got {n_towers!r:.40}"
    if isinstance(w, bool) or not isinstance(w, numbers.Real) or not np.isfinite(w):
        return f"w should be a finite number, got {w!r:.40}"
    if n_towers < 1 or w <= 0:
        return "N should be at least 1 and w positive"
    M = _lipschitz_new()
    right = _bound_towers(M)
    slope_at_0 = abs(0.4 * -2.0)  # |f_new'(0)|: the cosine's slope vanishes there
    if abs(n_towers - _bound_towers(M, 2 * EPSILON)) <= 2 and n_towers < right - 2:
        return ("not yet: this N makes M·Δ, not M·Δ/2, equal to 0.04. The staircase holds "
                "f at the centre of each bin, so it is off by at most M·Δ/2: half a bin's "
                "change")  # fmt: skip
    if abs(n_towers - _bound_towers(M, EPSILON / 2)) <= 3:
        return ("not yet: this N makes M·Δ/2 equal to 0.01, not 0.02, or drops the 1/2 of "
                "M/(2ε): ε ≤ M·Δ/2 with Δ = 1/N gives N ≥ M/(2ε)")  # fmt: skip
    if abs(n_towers - _bound_towers(slope_at_0)) <= 2:
        return ("not yet: that is the slope at x = 0, where the cosine is flat. M is the largest "
                "|f_new'| over the whole interval; look for it on a fine grid")  # fmt: skip
    if n_towers < right - 2:
        return ("not yet: fewer towers than the bound promises to be enough. Compute "
                "M = max |f_new'| over [0, 1] (np.gradient on a fine grid) and "
                "N = ⌈M/(2ε)⌉")  # fmt: skip
    if n_towers > right + 2:
        return ("enough towers, but more than the bound asks for: did you use an upper estimate "
                "of |f_new'| (such as 0.4·5π, which ignores e^(−2x))? Take M = max |f_new'| "
                "itself, the largest slope over [0, 1]")  # fmt: skip
    if w * (1.0 / n_towers) < 5:
        return (f"N is right, but w·Δ = w/N = {w / n_towers:.1f}: the towers are not flat on "
                "top, so the bound (made for steep steps) does not apply; keep "
                "w·Δ = 20")  # fmt: skip
    eps = uat.max_error(f_new, uat.tower_approximation(f_new, 0, 1, n_towers, w), 0, 1, 4001)
    if eps >= EPSILON:
        return (f"N is right, but the measured max error is {eps:.4f}: raise w·Δ = w/N "
                "(the notebook uses 20) so that the steps' tails are negligible")  # fmt: skip
    return (
        f"correct: M = {M:.3f}, so the bound promises N = {right}; measured max error "
        f"{eps:.4f} with {2 * n_towers} hidden neurons"
    )


def check_accuracy_choice(n_towers, w) -> None:
    """Check the learner's N = ⌈M/(2ε)⌉ for f_new and ε = 0.02, then measure N towers of
    steepness w."""
    report(lambda: _accuracy_message(n_towers, w))


# -- exercise 3: the weights of the quadrant units ---------------------------------------------

MIXED_CASE = np.array([[0.3, 0.9, 0.4], [1.2, 0.1, 0.8], [0.5, 0.7, 2.0], [0.6, 1.1, 0.2]])


def _mixed_mistakes(v):
    d0, d1 = np.diff(v, axis=0, prepend=0.0), np.diff(v, axis=1, prepend=0.0)
    right = uat.mixed_differences(v)
    flipped = v.copy()
    flipped[1:, 1:] = v[1:, 1:] - v[:-1, 1:] - v[1:, :-1] - v[:-1, :-1]
    flipped[0], flipped[:, 0] = right[0], right[:, 0]
    interior_only = np.zeros_like(v)
    interior_only[1:, 1:] = right[1:, 1:]
    return [
        (v, "these are the heights v themselves: a cell is covered by every unit below and left "
         "of it, so each weight must be what its own unit adds, a difference of heights"),
        (d0, "differences along x1 only: a unit also covers the cells above it in x2, so take "
         "differences along x2 as well"),
        (d1, "differences along x2 only: a unit also covers the cells to its right in x1, so take "
         "differences along x1 as well"),
        (flipped, "the sign of v_(i−1)(j−1) is wrong: subtracting the left and the lower "
         "neighbour removes the diagonal neighbour twice, so add it back once"),
        (interior_only, "the first row and column need units too: there the weight is a first "
         "difference (c_0j = v_0j − v_0(j−1)), and c_00 = v_00"),
        (np.cumsum(np.cumsum(v, axis=0), axis=1), "these are sums of heights, not differences: "
         "the sum of the weights up to (i, j) must give v_ij"),
    ]  # fmt: skip


def _mixed_message(fn) -> str:
    v = MIXED_CASE.copy()
    answer = call(fn, v.copy())
    if np.shape(answer) != v.shape and np.shape(answer) == (v.shape[0] - 1, v.shape[1] - 1):
        return ("one weight per cell: shape (N, M), not (N − 1, M − 1). Treat v as 0 outside "
                "the grid (np.diff with prepend=0)")  # fmt: skip
    return verdict(answer, uat.mixed_differences(v), _mixed_mistakes(v),
                   otherwise="not yet: check that summing your weights over i' ≤ i, j' ≤ j "
                   "gives back v_ij (np.cumsum along both axes)")  # fmt: skip


def check_mixed_differences(fn) -> None:
    """Check the learner's fn(v) -> c against uat.mixed_differences."""
    report(lambda: _mixed_message(fn))


__all__ = ["check_tower_heights", "check_accuracy_choice", "check_mixed_differences", "f_new"]
