"""Checkers for notebook 04 (universal approximation).

check_end_value(g_a)              predict g(a) when the outermost steps stand exactly at a
check_accuracy_choice(N, w)       the number of towers N (N_new) that the bound ε ≤ M/(2N) promises
                                  to be enough for f_new and ε = 0.02 (M = max |f_new'|), with a
                                  steepness w (w_new) that keeps the towers flat; then measured
check_worst_place(x_worst)        predict where on [0, 1] those towers miss f_new the most
check_corner_value(g_corner)      closed towers on `surface`: g at an interior corner, by hand
check_product_network(fn)         the learner's fn(n) -> a one-hidden-layer network for x1·x2
check_mixed_differences(fn)       the learner's fn(v) -> q: the output weights of the quadrant
                                  units for the grid of heights v (a side road)

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.uat, never stored as numbers. Numbers are
accepted in every form numpy makes them (int, float, np.float64, a 0-d array, a result of
np.ceil).
"""

from __future__ import annotations

import numpy as np

from dlnotes import uat
from dlnotes.exercises.core import Feedback, NotAnswered, call, is_stub, number, report, verdict

# -- exercise 1: predict g(a) with the outer steps at a ----------------------------------------

#: The towers of exercise 1: N = 4 on [0, 1] for the kink, w = 20N, every edge at a + iΔ.
END_CASE = {"f": uat.kink, "a": 0.0, "c": 1.0, "n": 4}
END_TOLERANCE = 0.006  # two decimals are enough, rounded either way


def _towers_with_steps_at_the_ends(f, a, c, n):
    """s1, s2, v of N towers whose outermost steps stand exactly at a and c."""
    edges = np.linspace(a, c, n + 1)
    return edges[:-1], edges[1:], f((edges[:-1] + edges[1:]) / 2)


def end_value() -> float:
    """g(a) for the towers of END_CASE with their outer steps at a and c (w = 20N)."""
    case = END_CASE
    s1, s2, v = _towers_with_steps_at_the_ends(case["f"], case["a"], case["c"], case["n"])
    return float(uat.sum_of_towers(case["a"], s1, s2, v, uat.steepness_for(case["n"])))


def _end_message(g_a) -> str:
    value = number(g_a, "g_a")
    f, a, n = END_CASE["f"], END_CASE["a"], END_CASE["n"]
    v0 = float(f(a + 0.5 * (END_CASE["c"] - a) / n))
    if abs(value - end_value()) <= END_TOLERANCE:
        return "correct"
    mistakes = [
        (float(f(a)), "that is f(a), what we want g(a) to be; but at x = a the first tower's "
         "left step sits exactly on x"),
        (v0, "that is v_0, the first tower's full height: is its left step fully on at x = a?"),
        (float(f(a)) / 2, "half is right, but half of what? A tower's height is f at the centre "
         "of its bin, not at a"),
        (0.5, "σ(0) = 1/2 is the step's own value; the tower multiplies it by its height"),
        (0.0, "a step sitting exactly at x is not off there: σ(w·0) = σ(0)"),
    ]  # fmt: skip
    for wrong, hint in mistakes:
        if abs(value - wrong) <= END_TOLERANCE:
            return hint
    if abs(value - end_value()) <= 0.03:
        return ("close: the right idea, but give g(a) to two decimals (round, do not "
                "truncate to one)")  # fmt: skip
    return ("not yet: at x = a every step to the right of a is off (a bin away, w·Δ = 20), "
            "so only the step at a counts: what is it worth there?")  # fmt: skip


def check_end_value(g_a) -> None:
    """Check the learner's prediction of g(a) when the outer steps stand at a (END_CASE)."""
    report(lambda: _end_message(g_a))


# -- exercise 2: predict N from the bound ε ≤ M/(2N), then where the error is largest ----------

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


def _whole_number(answer, name: str) -> int:
    """A count given as 133, 133.0, np.float64(133.0) or np.ceil(...): the int; else Feedback."""
    value = number(answer, name)
    if value != round(value):
        raise Feedback(f"{name} should be a whole number of towers, got {value:g}")
    return int(round(value))


def _accuracy_message(n_towers, w) -> str:
    if is_stub(n_towers) and is_stub(w):
        raise NotAnswered
    if is_stub(n_towers) or is_stub(w):
        missing = "N_new" if is_stub(n_towers) else "w_new"
        return f"not answered yet: {missing} is still the stub (the other one is set)"
    n_towers, w = _whole_number(n_towers, "N_new"), number(w, "w_new")
    if n_towers < 1 or w <= 0:
        return "N_new should be at least 1 and w_new positive"
    M = _lipschitz_new()
    right = _bound_towers(M)
    slope_at_0 = abs(0.4 * -2.0)  # |f_new'(0)|: the cosine's slope vanishes there
    if abs(n_towers - _bound_towers(M, 2 * EPSILON)) <= 2:
        return ("not yet: this N makes M·Δ, not M·Δ/2, equal to 0.02. The staircase holds "
                "f at the centre of each bin, so it is off by at most M·Δ/2: half a bin's "
                "change")  # fmt: skip
    if abs(n_towers - _bound_towers(M, EPSILON / 2)) <= 3:
        return ("not yet: this N makes M·Δ/2 equal to 0.01, not 0.02: ε ≤ M·Δ/2 with "
                "Δ = 1/N gives N ≥ M/(2ε)")  # fmt: skip
    if abs(n_towers - _bound_towers(slope_at_0)) <= 2:
        return ("not yet: that is the slope at x = 0, where the cosine is flat. M is the largest "
                "|f_new'| over the whole interval")  # fmt: skip
    if n_towers < right:
        return (f"not yet: with this N the bound gives M/(2N) = {M / (2 * n_towers):.5f}, above "
                f"ε = {EPSILON}: it does not promise ε. Round M/(2ε) up, not down, and take M "
                "over the whole of [0, 1]")  # fmt: skip
    if n_towers > right + 2:
        return ("enough towers, but more than the bound asks for: did you use an upper estimate "
                "of |f_new'| (such as 0.4·5π, which ignores e^(−2x))? Take M = max |f_new'| "
                "itself, the largest slope over [0, 1]")  # fmt: skip
    if w / n_towers < 5:
        return (f"N is right, but w·Δ = w/N = {w / n_towers:.1f}: the towers are not flat on "
                "top, so the bound (made for steep steps) does not apply; keep "
                "w·Δ = 20")  # fmt: skip
    eps = uat.max_error(f_new, uat.tower_approximation(f_new, 0, 1, n_towers, w=w), 0, 1, 4001)
    if eps >= EPSILON:
        return (f"N is right, but the measured max error is {eps:.4f}: raise w·Δ = w/N "
                "(the notebook uses 20) so that the steps' tails are negligible")  # fmt: skip
    return f"correct: M = {M:.3f}; measured max error of your towers {eps:.4f}"


def check_accuracy_choice(n_towers, w) -> None:
    """Check the learner's N = ⌈M/(2ε)⌉ for f_new and ε = 0.02, then measure N towers of
    steepness w."""
    report(lambda: _accuracy_message(n_towers, w))


WORST_TOLERANCE = 0.03  # about four bins of the bound's towers


def worst_place(n_points=40001) -> float:
    """Where |g − f_new| is largest on [0, 1] for the bound's N towers with w = 20N."""
    n = _bound_towers(_lipschitz_new())
    g = uat.tower_approximation(f_new, 0.0, 1.0, n, w=uat.steepness_for(n))
    x = np.linspace(0.0, 1.0, n_points)
    return float(x[np.argmax(np.abs(g(x) - f_new(x)))])


def _worst_message(x_worst) -> str:
    x = number(x_worst, "x_worst")
    if not 0.0 <= x <= 1.0:
        return f"x_worst should be a point of [0, 1], got {x:g}"
    if abs(x - worst_place()) <= WORST_TOLERANCE:
        return "correct: the largest error sits next to the steepest point of f_new"
    if x < WORST_TOLERANCE or x > 1 - WORST_TOLERANCE:
        return ("not yet: an end is where the outer step has no neighbour, but the error there is "
                "about |f_new'| at that end times Δ/2. How steep is f_new at x = 0 and at x = 1, "
                "compared with inside?")  # fmt: skip
    extrema = 0.1919 + 0.2 * np.arange(5)  # where f_new' = 0 (checked in the tests)
    if np.min(np.abs(x - extrema)) <= WORST_TOLERANCE:
        return ("not yet: there f_new has a peak or a valley, so it is flat and a tower of "
                "constant height fits it well. The staircase misses most where f changes "
                "fastest")  # fmt: skip
    if x < worst_place():
        return ("not yet: f_new is still gentle there; it gets steeper a little further "
                "right, once the cosine turns, while e^(−2x) has not yet damped it")  # fmt: skip
    return ("not yet: that is steep, but not the steepest: e^(−2x) makes every later wiggle "
            "gentler than the one before")  # fmt: skip


def check_worst_place(x_worst) -> None:
    """Check the learner's prediction of where the bound's towers miss f_new the most."""
    report(lambda: _worst_message(x_worst))


# -- exercise 4: closed towers at an interior corner, by hand ----------------------------------


def surface(x1, x2):
    """The notebook's smooth surface on [0, 1]²:  0.5 + 0.4·sin(3x₁)·cos(2x₂)."""
    x1, x2 = np.asarray(x1, dtype=float), np.asarray(x2, dtype=float)
    return 0.5 + 0.4 * np.sin(3 * x1) * np.cos(2 * x2)


#: The corner of exercise 4: N = 8 closed towers on `surface`, the corner (0.5, 0.5).
CORNER_CASE = {"n": 8, "corner": (0.5, 0.5)}
CORNER_TOLERANCE = 0.01
#: the prompt says "about 0.72": slips worked from that rounded value land within this
ABOUT_TOLERANCE = 0.05


def corner_value() -> float:
    """g at CORNER_CASE's corner for N × N closed towers (w = 20N, w_out = 50, τ = 1.5)."""
    n, (x1, x2) = CORNER_CASE["n"], CORNER_CASE["corner"]
    return float(uat.closed_towers_2d(surface, (0, 1), (0, 1), n)(x1, x2))


def _corner_message(g_corner) -> str:
    value = number(g_corner, "g_corner")
    if abs(value - corner_value()) <= CORNER_TOLERANCE:
        return "correct"
    n, (x1, x2) = CORNER_CASE["n"], CORNER_CASE["corner"]
    half = 0.5 / n
    heights = [float(surface(x1 + a, x2 + b)) for a in (-half, half) for b in (-half, half)]
    mistakes = [
        (float(surface(x1, x2)), "that is about f at the corner (and the mean of the four "
         "heights), what g should be there. What does each tower see at its own corner?"),
        (sum(heights), "all four towers fully on would need R₁ + R₂ = 2 at the corner, but each "
         "ridge is only half up there"),
        (sum(heights) / 2, "half on would need R₁ + R₂ = τ = 1.5 at the corner; what is the sum "
         "when each ridge is half up?"),
    ]  # fmt: skip
    for wrong, hint in mistakes:
        if abs(value - wrong) <= ABOUT_TOLERANCE * max(1.0, abs(wrong)):
            return hint
    return ("not yet: at the corner each tower's two ridges are half up; put their sum into "
            "σ(w_out·(R₁ + R₂ − τ)) with w_out = 50, τ = 1.5")  # fmt: skip


def check_corner_value(g_corner) -> None:
    """Check the learner's g at an interior corner of N × N closed towers (CORNER_CASE)."""
    report(lambda: _corner_message(g_corner))


# -- exercise 3: x1·x2 with one hidden layer ---------------------------------------------------

PRODUCT_N = 32  #: the n the checker passes to the learner's function
PRODUCT_TOLERANCE = 1.5 / PRODUCT_N + 0.01  # ¼·(4/N + 2/N): the two ridges' staircase bounds


def _product_grid(n_points=101):
    x = np.linspace(0.0, 1.0, n_points)
    X1, X2 = np.meshgrid(x, x)
    return X1, X2


def _as_network_output(net):
    """The learner's network on the grid of the square, or Feedback naming what is wrong."""
    if not (hasattr(net, "forward") and hasattr(net, "W")):
        raise Feedback(f"your function should return a FeedForwardNetwork, got "
                       f"{type(net).__name__}")  # fmt: skip
    hidden = len(net.W) - 1
    if hidden != 1:
        raise Feedback(f"the theorem's network has one hidden layer; yours has {hidden}")
    if np.shape(net.W[0])[1:] != (2,):
        raise Feedback(f"the network should take two inputs (x1, x2); its first layer takes "
                       f"{np.shape(net.W[0])[1:]}")  # fmt: skip
    X1, X2 = _product_grid()
    try:
        out = np.asarray(net.forward(np.column_stack([X1.ravel(), X2.ravel()])), dtype=float)
    except Exception as err:  # the learner's network failed: say how, without a traceback
        raise Feedback(f"your network's forward raised {type(err).__name__}: {err}") from None
    if out.size != X1.size:
        raise Feedback(f"the network should have one output; forward gave shape {out.shape}")
    return X1, X2, out.reshape(X1.shape)


def _wider_than_needed(net) -> bool:
    """True when, along every ridge direction of the hidden layer, the steps span the values
    that direction takes on the square, and along some direction they span far more."""
    W, b = np.asarray(net.W[0], dtype=float), np.ravel(np.asarray(net.b[0], dtype=float))
    norms = np.linalg.norm(W, axis=1)
    if W.ndim != 2 or W.shape[1] != 2 or not np.all(norms > 0):
        return False
    directions, steps = W / norms[:, None], -b / norms  # unit d_k; the step stands at d_k·x = e_k
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    wider = False
    for d in np.unique(np.round(directions, 6), axis=0):
        mine = steps[np.all(np.isclose(directions, d, atol=1e-6), axis=1)]
        lo, hi = (corners @ d).min(), (corners @ d).max()
        if mine.min() > lo + 0.05 * (hi - lo) or mine.max() < hi - 0.05 * (hi - lo):
            return False  # this ridge does not cover the square: another hint says so
        wider |= (mine.max() - mine.min()) > 1.25 * (hi - lo)
    return wider


def _product_message(fn) -> str:
    net = call(fn, PRODUCT_N)
    X1, X2, G = _as_network_output(net)
    target = X1 * X2
    err = np.abs(G - target)
    if err.max() <= PRODUCT_TOLERANCE:
        return (f"correct: max |g − x1·x2| = {err.max():.4f} on the square, one hidden layer "
                "of sigmoid neurons")  # fmt: skip
    close = 0.1
    if np.max(np.abs(G - 4 * target)) <= 4 * close:
        return "not yet: g is about 4·x1·x2: the identity carries a factor ¼"
    if np.max(np.abs(G + target)) <= close:
        return "not yet: g is about −x1·x2: which square is subtracted from which?"
    if np.max(np.abs(G - ((X1 + X2) ** 2 + (X1 - X2) ** 2) / 4)) <= close:
        return "not yet: the second ridge is added; the identity subtracts it"
    if _wider_than_needed(net):
        return ("not yet: your intervals cover the square but are wider than needed: with n "
                "towers per ridge a wider interval means wider bins and coarser steps, so the "
                "error stays above the bound; use about [0, 2] for x1 + x2 and [−1, 1] for "
                "x1 − x2, the values they take on the square")  # fmt: skip
    if (np.max(err[(X1 + X2 <= 1) & (X1 >= X2)]) <= PRODUCT_TOLERANCE
            and np.max(err[(X1 + X2 > 1) & (X1 >= X2)]) > PRODUCT_TOLERANCE
            and np.max(err[(X1 + X2 <= 1) & (X1 < X2)]) > PRODUCT_TOLERANCE):  # fmt: skip
        return ("not yet: right only where x1 + x2 ≤ 1 and x1 ≥ x2: on the square x1 + x2 runs "
                "from 0 to 2 and x1 − x2 from −1 to 1, so neither ridge fits on [0, 1]; each "
                "interval must cover all the values its u takes")  # fmt: skip
    if np.max(err[X1 + X2 <= 1]) <= PRODUCT_TOLERANCE:
        return ("not yet: right where x1 + x2 ≤ 1, wrong beyond: over the square, x1 + x2 runs "
                "over more than [0, 1], and the towers must cover all of it")  # fmt: skip
    if np.max(err[X1 >= X2]) <= PRODUCT_TOLERANCE:
        return ("not yet: right where x1 ≥ x2, wrong where x1 < x2: over the square, x1 − x2 "
                "also takes negative values, and the towers must cover them")  # fmt: skip
    worst = np.unravel_index(np.argmax(err), err.shape)
    return (f"not yet: max |g − x1·x2| = {err.max():.3f}, largest at (x1, x2) = "
            f"({X1[worst]:.2f}, {X2[worst]:.2f}); check each ridge on its own against "
            "(x1 + x2)² and (x1 − x2)²")  # fmt: skip


def check_product_network(fn) -> None:
    """Check the learner's fn(n) -> a network with one hidden layer approximating x1·x2 on the
    unit square to within the staircase bound of n = PRODUCT_N towers per ridge."""
    report(lambda: _product_message(fn))


# -- a side road: the weights of the quadrant units --------------------------------------------

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
         "difference (q_0j = v_0j − v_0(j−1)), and q_00 = v_00"),
        (np.cumsum(np.cumsum(v, axis=0), axis=1), "these are sums of heights, not differences: "
         "the sum of the weights up to (i, j) must give v_ij"),
    ]  # fmt: skip


def _mixed_message(fn) -> str:
    v = MIXED_CASE.copy()
    answer = call(fn, v.copy())
    if answer is None:
        return "your function returned None: return the array of weights q"
    if np.shape(answer) == (v.shape[0] - 1, v.shape[1] - 1):
        return ("one weight per cell: shape (N, M), not (N − 1, M − 1). Treat v as 0 outside "
                "the grid")  # fmt: skip
    if np.shape(answer) != v.shape:
        return (f"q should have the shape of v, {v.shape} (row i for the x1 bin, column j for "
                f"the x2 bin), got {np.shape(answer)}")  # fmt: skip
    return verdict(answer, uat.mixed_differences(v), _mixed_mistakes(v),
                   otherwise="not yet: check that summing your weights over i' ≤ i, j' ≤ j "
                   "gives back v_ij (np.cumsum along both axes)")  # fmt: skip


def check_mixed_differences(fn) -> None:
    """Check the learner's fn(v) -> q against uat.mixed_differences."""
    report(lambda: _mixed_message(fn))


__all__ = [
    "check_end_value",
    "check_accuracy_choice",
    "check_worst_place",
    "check_corner_value",
    "check_product_network",
    "check_mixed_differences",
    "f_new",
    "surface",
]
