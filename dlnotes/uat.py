"""Universal approximation, built by hand: steps, towers, sums of towers, in 1-D and 2-D.

A steep sigmoid σ(w·(x − s)) is almost a step; two steps make a tower; N towers of heights
v_i = f(m_i) (v: the theorem's output weights) approximate a continuous f on [a, c] and are a
network (tower_network). In 2-D, crossing ridges and a thresholding sigmoid close a tower
(tower_2d); N × N closed towers (closed_towers_2d) are off where four cells meet. Quadrant
units weighted by mixed differences of f converge (towers_2d; network: tower_network_2d).

A function f may be written for arrays (np.sin, x**2) or for one number (math.sin, an if/else):
f is called once on all the points, and point by point if that fails or gives one number.

Errors, each naming the argument, at the door of every public function (the @checked line):
TypeError for a non-numeric argument or an f that is not a function; ValueError for NaN or
infinity, n_towers < 1, an empty or infinitely wide interval, x1 and x2 of different shapes, an
f returning non-finite values or the wrong shape, and results that overflow (heights or
steepness near the float range). tower_approximation and tower_network take w by name only.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass

import numpy as np

from dlnotes._checks import (
    as_choice,
    as_float_array,
    checked,
    function,
    integer,
    number,
    numbers,
    optional,
    rule,
)
from dlnotes.ffn import FeedForwardNetwork
from dlnotes.neurons import sigmoid

#: the networks built here: sigmoid hidden layers, a linear output (and squared error as loss)
_REGRESSION_NET = dict(activation="sigmoid", output="linear", loss="squared_error")


# -- the rules at the doors ----------------------------------------------------------------------
def _is_interval(a: float, c: float, **_) -> bool:
    return a < c and c - a < float("inf")  # Python floats: c − a = inf without a warning


_INTERVAL = rule(_is_interval, "[a, c] must have a < c and a finite width, got {a:g}, {c:g}")


def _range_rule(name):
    """name = (low, high), such as x1_range = (0, 1): two numbers, low < high, finite width."""

    def holds(**v):
        return v[name].shape == (2,) and _is_interval(*v[name].tolist())

    return rule(
        holds,
        lambda **v: (
            f"{name} must be (low, high) with low < high and a finite width, got {v[name].tolist()}"
        ),
    )


_RANGES = (_range_rule("x1_range"), _range_rule("x2_range"))
_SAME_SHAPE = rule(
    lambda x1, x2, **_: np.shape(x1) == np.shape(x2),
    lambda x1, x2, **_: (
        f"x1 and x2 must have the same shape, got {np.shape(x1)} and {np.shape(x2)}"
    ),
)
_BIASES_FIT = rule(  # the first layer's biases −w·s, for |s| ≤ |a| + |c|
    lambda a, c, w, **_: np.isfinite(2 * w * (abs(a) + abs(c))),
    "the biases −w·s overflow for w = {w:g} and the interval [a, c] = [{a:g}, {c:g}]: "
    "take a smaller w",
)
_BIASES_FIT_2D = rule(
    lambda x1_range, x2_range, w, **_: (
        w is None or np.isfinite(2 * w * np.abs([x1_range, x2_range]).sum())
    ),
    "the biases −w·s overflow for w = {w:g} and x1_range, x2_range: take a smaller w",
)
_RANGE_SPECS = dict(x1_range=numbers(ndim=1), x2_range=numbers(ndim=1))


def _by_name(door):
    """Python's own check of the signature first, so that a w passed by position (the
    swap of N and w) is a TypeError, as the `*` in the signature says. (_checks.checked binds
    arguments by position without looking at the `*`; once it does, this goes.)"""
    signature = inspect.signature(door)

    @functools.wraps(door)
    def call(*args, **kwargs):
        signature.bind(*args, **kwargs)
        return door(*args, **kwargs)

    call.unchecked = door.unchecked
    return call


# -- 1-D: steps and towers ---------------------------------------------------------------------
@checked(x=numbers(), s=number(), w=number(), finite_result=True)
def step_sigmoid(x, s, w):
    """A sigmoid used as a step at x = s:  σ(w·(x − s)).

    1/2 at x = s, it climbs from about 0 to about 1 over a few 1/w; as w → ∞ it becomes the
    perceptron's step. x: a number or an array (returns its shape); s, w: numbers.
    """
    return sigmoid.unchecked(w * (x - s))


@checked(x=numbers(), s1=number(), s2=number(), h=number(), w=number(), finite_result=True)
def tower(x, s1, s2, h=1.0, w=50.0):
    """A tower of height h on [s1, s2] made of two steps:  h·(σ(w·(x − s1)) − σ(w·(x − s2))).

    About h inside and 0 outside when w·(s2 − s1) ≫ 1. x: a number or an array (returns its
    shape); s1, s2, h, w: numbers (s1 > s2 turns the tower upside down). Errors: see module.
    """
    return h * (step_sigmoid.unchecked(x, s1, w) - step_sigmoid.unchecked(x, s2, w))


@checked(_INTERVAL, a=number(), c=number(), n_towers=integer(minimum=1, maximum=10**6))
def tower_edges(a, c, n_towers):
    """Where the N towers of [a, c] stand: bins of width Δ = (c − a)/N, centres
    m_i = a + (i + 1/2)·Δ, tower i from s1_i = a + i·Δ to s2_i = a + (i + 1)·Δ.

    The outermost steps stand half a bin outside (s1_0 = a − Δ/2, s2_(N−1) = c + Δ/2): a step
    exactly at a is at half height there, and g(a) would be halved. Returns (s1, s2, m), (N,).
    """
    edges, delta = np.linspace(a, c, n_towers + 1), (c - a) / n_towers
    s1, s2 = edges[:-1].copy(), edges[1:].copy()
    s1[0], s2[-1] = a - delta / 2, c + delta / 2
    return s1, s2, (edges[:-1] + edges[1:]) / 2


@checked(
    _INTERVAL,
    f=function(),
    a=number(),
    c=number(),
    n_towers=integer(minimum=1, maximum=10**6),
)
def tower_heights(f, a, c, n_towers):
    """The towers approximating f on [a, c]: the edges of tower_edges and the heights
    v_i = f(m_i), f at the centre of bin i. Returns (s1, s2, v), each of shape (N,)."""
    s1, s2, m = tower_edges.unchecked(a, c, n_towers)
    return s1, s2, _evaluate(f, m)


@checked(
    rule(
        lambda s1, s2, v, **_: len(s1) == len(s2) == len(v),
        "s1, s2 and v must have one entry per tower, got lengths {s1.size}, {s2.size}, {v.size}",
    ),
    x=numbers(ndim=(0, 1)),
    s1=numbers(ndim=1),
    s2=numbers(ndim=1),
    v=numbers(ndim=1),
    w=number(),
    finite_result=True,
)
def sum_of_towers(x, s1, s2, v, w):
    """g(x) = Σ_i v_i·(σ(w·(x − s1_i)) − σ(w·(x − s2_i))), a sum of towers.

    When neighbouring towers touch (s2_i = s1_(i+1), as tower_edges makes them), the right
    step of tower i and the left step of tower i+1 are the same sigmoid, so the sum telescopes
    into N + 1 steps at the edges e = (s1_0, ..., s1_(N−1), s2_(N−1)):

        g(x) = Σ_{i=0..N} (v_i − v_(i−1))·σ(w·(x − e_i)),   v_(−1) = v_N = 0.
    Each step lifts g by a difference of neighbouring heights. Towers that do not touch are
    summed as written. x: a number or shape (p,); s1, s2, v: shape (N,). Returns shape (p,).
    """
    if len(v) > 0 and np.array_equal(s2[:-1], s1[1:]):  # touching towers: N + 1 steps
        edges, jumps = np.append(s1, s2[-1]), np.diff(v, prepend=0.0, append=0.0)
    else:
        edges, jumps = np.concatenate([s1, s2]), np.concatenate([v, -v])
    return _in_blocks(lambda x: step_sigmoid.unchecked(x[:, None], edges, w) @ jumps, x, len(edges))


def _in_blocks(compute, x, width):
    """compute(x) on blocks of the points x (a number or shape (p,)), each (block, width)
    array small enough to stay in the processor's cache (the explorer's redraw speed)."""
    flat, rows = np.ravel(x), max(1, 32768 // max(width, 1))
    blocks = [compute(flat[i : i + rows]) for i in range(0, max(flat.size, 1), rows)]
    return np.concatenate(blocks).reshape(np.shape(x))


@dataclass(frozen=True)
class TowerSum:
    """g(x) = Σ_i v_i·(σ(w·(x − s1_i)) − σ(w·(x − s2_i))), with its towers as attributes."""

    s1: np.ndarray
    s2: np.ndarray
    v: np.ndarray
    w: float

    def __call__(self, x):
        return sum_of_towers(x, self.s1, self.s2, self.v, self.w)


_TOWERS_SPECS = dict(
    f=function(),
    a=number(),
    c=number(),
    n_towers=integer(minimum=1, maximum=10**6),
    w=number(positive=True),
)


@_by_name
@checked(_INTERVAL, **_TOWERS_SPECS)
def tower_approximation(f, a, c, n_towers, *, w):
    """The N towers approximating f on [a, c] (tower_heights), summed with steepness w:

        g(x) = Σ_{i=0..N−1} f(m_i)·(σ(w·(x − s1_i)) − σ(w·(x − s2_i)))

    w must grow with N: a tower of width Δ = (c − a)/N is flat on top only if w·Δ ≫ 1. w is
    passed by name (tower_approximation(np.sin, 0, 1, 10, w=200)), so that N and w cannot be
    swapped unnoticed. Returns a TowerSum g: call g(x); g.s1, g.s2, g.v, g.w are its towers.
    """
    return TowerSum(*tower_heights.unchecked(f, a, c, n_towers), w)


@checked(
    _INTERVAL,
    f=function(),
    g=function(),
    a=number(),
    c=number(),
    n_points=integer(minimum=2, maximum=10**7),
)
def max_error(f, g, a, c, n_points=2001):
    """ε = max_j |g(x_j) − f(x_j)| on n_points equally spaced points of [a, c], ends
    included (f and g are called once on the whole grid). Returns a float."""
    x = np.linspace(a, c, n_points)
    return float(np.max(np.abs(_evaluate(g, x, name="g") - _evaluate(f, x))))


@checked(
    _INTERVAL,
    n_towers=integer(minimum=1),
    a=number(),
    c=number(),
    per_bin=number(positive=True),
    finite_result=True,
)
def steepness_for(n_towers, a=0.0, c=1.0, per_bin=20.0):
    """A steepness that keeps towers flat on top: w = k·N/(c − a), so w·Δ = k (per_bin). With
    k = 20 a step is within e^(−10) ≈ 5·10⁻⁵ of 0 or 1 half a bin away from its edge."""
    return per_bin * n_towers / (c - a)


@_by_name
@checked(_INTERVAL, _BIASES_FIT, **_TOWERS_SPECS)
def tower_network(f, a, c, n_towers, *, w):
    """The sum of towers as a network: 1 input, 2N sigmoid hidden neurons, a linear output.

    Neurons 2i and 2i+1 are the left and right steps of tower i, σ(w·x − w·s):
        W_1[2i] = W_1[2i+1] = w,   b_1[2i] = −w·s1_i,   b_1[2i+1] = −w·s2_i,
        W_2 = [v_0, −v_0, v_1, −v_1, ...],   b_2 = 0.
    A FeedForwardNetwork [1, 2N, 1]; its forward equals tower_approximation to rounding
    (w by name; errors: see the module docstring).
    """
    s1, s2, v = tower_heights.unchecked(f, a, c, n_towers)
    net = FeedForwardNetwork([1, 2 * n_towers, 1], **_REGRESSION_NET)
    net.W[0] = np.full((2 * n_towers, 1), w)
    net.b[0] = -w * np.column_stack([s1, s2]).ravel()
    net.W[1] = np.column_stack([v, -v]).reshape(1, 2 * n_towers)
    net.b[1] = np.zeros(1)
    return net


# -- 2-D: ridges and closed towers -------------------------------------------------------------
@checked(
    _SAME_SHAPE,
    rule(
        lambda box, **_: box.shape == (4,),
        "box must be (x1_lo, x1_hi, x2_lo, x2_hi), got {box.size} numbers",
    ),
    x1=numbers(),
    x2=numbers(),
    box=numbers(ndim=1),
    h=number(),
    w=number(),
    w_out=number(),
    threshold=number(),
    finite_result=True,
)
def tower_2d(x1, x2, box, h=1.0, w=50.0, w_out=50.0, threshold=1.5):
    """A closed tower of height h over the box [l1, r1] × [l2, r2]:

        T(x1, x2) = h·σ(w_out·(R_1(x1) + R_2(x2) − t)),
    R_1(x1) = σ(w·(x1 − l1)) − σ(w·(x1 − r1)) and R_2 are open ridges: their sum is about 2 on
    the box, 1 on the four arms, 0 elsewhere, so 1 < t < 2 keeps the box. box: (l1, r1, l2, r2).
    """
    l1, r1, l2, r2 = box
    ridges = tower.unchecked(x1, l1, r1, 1.0, w) + tower.unchecked(x2, l2, r2, 1.0, w)
    return h * step_sigmoid.unchecked(ridges, threshold, w_out)


def _units(R1, R2, weights, threshold, w_out):
    """Σ_ij weights_ij·σ(w_out·(R1_i + R2_j − threshold)), R1: (..., N), R2: (..., M)."""
    out = np.zeros(R1.shape[:-1])
    for i in np.flatnonzero(np.any(weights != 0, axis=1)):
        out += step_sigmoid.unchecked(R1[..., i, None] + R2, threshold, w_out) @ weights[i]
    return out


def _ridges(x, left, right, w):
    """The open ridges σ(w·(x − left_i)) − σ(w·(x − right_i)) at every x, shape (..., N)."""
    x = x[..., None]
    return step_sigmoid.unchecked(x, left, w) - step_sigmoid.unchecked(x, right, w)


@dataclass(frozen=True)
class ClosedTowers:
    """g(x1, x2) = Σ_ij v_ij·σ(w_out·(R_1i(x1) + R_2j(x2) − t)), R: open ridges on bins s, t."""

    s: np.ndarray
    t: np.ndarray
    v: np.ndarray
    w: float
    w_out: float
    threshold: float

    @checked(_SAME_SHAPE, x1=numbers(), x2=numbers(), finite_result=True)
    def __call__(self, x1, x2):
        R1, R2 = _ridges(np.asarray(x1), *self.s, self.w), _ridges(np.asarray(x2), *self.t, self.w)
        return _units(R1, R2, self.v, self.threshold, self.w_out)


@dataclass(frozen=True)
class Quadrants:
    """g(x1, x2) = Σ_ij c_ij·σ(w_out·(σ(w·(x1 − s_i)) + σ(w·(x2 − t_j)) − 1.5))."""

    s: np.ndarray
    t: np.ndarray
    c: np.ndarray
    w: float
    w_out: float

    @checked(_SAME_SHAPE, x1=numbers(), x2=numbers(), finite_result=True)
    def __call__(self, x1, x2):
        S1 = step_sigmoid.unchecked(np.asarray(x1)[..., None], self.s, self.w)
        S2 = step_sigmoid.unchecked(np.asarray(x2)[..., None], self.t, self.w)
        return _units(S1, S2, self.c, 1.5, self.w_out)


def _grid_2d(f, x1_range, x2_range, n_towers, w):
    """The bins of both axes, v[i, j] = f at the centre of cell (i, j), the steepness w."""
    (a1, c1), (a2, c2) = x1_range, x2_range
    w = steepness_for(n_towers, 0.0, min(c1 - a1, c2 - a2)) if w is None else w
    bins1, bins2 = tower_edges.unchecked(a1, c1, n_towers), tower_edges.unchecked(a2, c2, n_towers)
    M1, M2 = np.meshgrid(bins1[2], bins2[2], indexing="ij")
    return bins1, bins2, _evaluate(f, M1, M2), w


_GRID_SPECS = dict(
    f=function(),
    **_RANGE_SPECS,
    n_towers=integer(minimum=1, maximum=1000),  # N² units: 10⁶ at most
    w=optional(number(positive=True)),
    w_out=number(positive=True),
)


@checked(*_RANGES, **_GRID_SPECS, threshold=number())
def closed_towers_2d(f, x1_range, x2_range, n_towers, w=None, w_out=50.0, threshold=1.5):
    """N × N closed towers, the one on cell (i, j) of height v_ij = f at the cell centre:

        g(x1, x2) = Σ_{i,j} v_ij·σ(w_out·(R_1i(x1) + R_2j(x2) − t)).
    Fine for a 0/1 region, but where four cells meet each tower sees two half-height ridges,
    1/2 + 1/2 = 1 < t: all four are off, g ≈ 0 there for every N. w: steepness_for(N).
    """
    (s1, s2, _), (t1, t2, _), v, w = _grid_2d(f, x1_range, x2_range, n_towers, w)
    return ClosedTowers(np.array([s1, s2]), np.array([t1, t2]), v, w, w_out, threshold)


@checked(v=numbers(ndim=2), finite_result=True)
def mixed_differences(v):
    """The weights c that make a sum of quadrants equal v on every cell:

        c_ij = v_ij − v_(i−1)j − v_i(j−1) + v_(i−1)(j−1),   v = 0 outside the grid,
    so that Σ_{i' ≤ i, j' ≤ j} c_i'j' = v_ij (the sum telescopes). On the first row and
    column they are first differences (c_0j = v_0j − v_0(j−1)); c_00 = v_00. v: shape (N, M).
    """
    return np.diff(np.diff(v, axis=0, prepend=0.0), axis=1, prepend=0.0)


@checked(*_RANGES, **_GRID_SPECS)
def towers_2d(f, x1_range, x2_range, n_towers, w=None, w_out=50.0):
    """N × N quadrant units approximating a continuous f(x1, x2) on a rectangle:

        g(x1, x2) = Σ_{i,j} c_ij·σ(w_out·(σ(w·(x1 − s_i)) + σ(w·(x2 − t_j)) − 1.5)),
    s_i, t_j the left edges of the bins (tower_edges), c = mixed_differences(v), v_ij = f at
    the centre of cell (i, j). Inside cell (i, j) the units i' ≤ i, j' ≤ j are on and their
    weights add up to v_ij; at a seam or corner a unit half on or off carries a difference of
    f between neighbouring cells, so the largest error falls like 1/N for a smooth f. w
    defaults to steepness_for(N). Returns a Quadrants g (errors: see the module docstring)."""
    (s, _, _), (t, _, _), v, w = _grid_2d(f, x1_range, x2_range, n_towers, w)
    return Quadrants(s, t, mixed_differences(v), w, w_out)


@checked(*_RANGES, _BIASES_FIT_2D, **_GRID_SPECS)
def tower_network_2d(f, x1_range, x2_range, n_towers, w=None, w_out=50.0):
    """The quadrants of towers_2d as a network with sizes [2, 2N, K, 1]: layer 1 the steps
    σ(w·x1 − w·s_i) (neuron i) and σ(w·x2 − w·t_j) (neuron N + j); layer 2 one quadrant unit
    per nonzero weight c_ij (K of them, at least 1), weights w_out from steps i and N + j, bias
    −1.5·w_out; output weights c_ij. Its forward equals towers_2d to rounding."""
    g = towers_2d.unchecked(f, x1_range, x2_range, n_towers, w, w_out)
    n = len(g.s)
    i, j = np.nonzero(g.c)
    if len(i) == 0:  # f is 0 everywhere: one unit of weight 0
        i, j = np.zeros(1, dtype=int), np.zeros(1, dtype=int)
    k = len(i)
    net = FeedForwardNetwork([2, 2 * n, k, 1], **_REGRESSION_NET)
    net.W[0] = np.zeros((2 * n, 2))
    net.W[0][:n, 0] = net.W[0][n:, 1] = g.w  # steps 0..N−1 look at x1, N..2N−1 at x2
    net.b[0] = -g.w * np.concatenate([g.s, g.t])
    net.W[1] = np.zeros((k, 2 * n))
    net.W[1][np.arange(k), i], net.W[1][np.arange(k), n + j] = g.w_out, g.w_out
    net.b[1] = np.full(k, -1.5 * g.w_out)
    net.W[2], net.b[2] = g.c[i, j][None, :], np.zeros(1)
    return net


@checked(_SAME_SHAPE, x1=numbers(), x2=numbers())
def oil_region(x1, x2):
    """The made-up oil field: salinity x1 and pressure x2 (both in [0, 1]) → 1.0 where there
    is oil (polar radius around (0.5, 0.45) below 0.3 + 0.06·sin 3θ), 0.0 elsewhere."""
    u, v = x1 - 0.5, x2 - 0.45
    return np.where(np.hypot(u, v) < 0.3 + 0.06 * np.sin(3 * np.arctan2(v, u)), 1.0, 0.0)


@checked(
    *_RANGES,
    f=function(),
    g=function(),
    **_RANGE_SPECS,
    n_points=integer(minimum=2, maximum=4000),  # 1.6·10⁷ points at most
)
def region_errors(f, g, x1_range=(0.0, 1.0), x2_range=(0.0, 1.0), n_points=201):
    """How well g matches f on an n_points × n_points grid (edges included): a dict of
    wrong: the fraction of points where [g ≥ 1/2] ≠ [f ≥ 1/2] (for a 0/1 region f),
    mean:  the mean of |g − f|,
    max:   the largest |g − f| (for a region it cannot fall below 1/2 at its border)."""
    X1, X2 = np.meshgrid(np.linspace(*x1_range, n_points), np.linspace(*x2_range, n_points))
    fv, gv = _evaluate(f, X1, X2, name="f"), _evaluate(g, X1, X2, name="g")
    err = np.abs(gv - fv)
    wrong = np.mean((gv >= 0.5) != (fv >= 0.5))
    return {"wrong": float(wrong), "mean": float(err.mean()), "max": float(err.max())}


# -- the targets of notebook 04 ------------------------------------------------------------------
@checked(x=numbers())
def smooth(x):
    """A smooth target on [0, 1]:  0.5 + 0.4·sin 2πx."""
    return 0.5 + 0.4 * np.sin(2 * np.pi * (x % 1.0))  # period 1: right even for huge x


@checked(x=numbers())
def wiggly(x):
    """A wiggly target on [0, 1]:  0.5 + 0.25·sin 6πx + 0.1·cos 14πx."""
    x = x % 1.0  # both terms have period 1: right even for huge x
    return 0.5 + 0.25 * np.sin(6 * np.pi * x) + 0.1 * np.cos(14 * np.pi * x)


@checked(x=numbers())
def kink(x):
    """A target with a kink (continuous, not differentiable at x = 0.4):  0.9 − 1.2·|x − 0.4|."""
    return 0.9 - 1.2 * np.abs(x - 0.4)


@checked(x=numbers())
def jump(x):
    """Not continuous, so outside the theorem: 0.2 for x < 0.5, 0.8 from there on."""
    return np.where(x < 0.5, 0.2, 0.8)


#: Targets of the notebook and the explorer, all on [0, 1].
TARGETS = {"smooth": smooth, "wiggly": wiggly, "kink": kink, "jump (not continuous)": jump}


def target(name: str):
    """The target function called name in TARGETS (f = target("smooth"): 0.5 + 0.4·sin 2πx);
    a misspelt name is a ValueError that lists the names."""
    return TARGETS[as_choice("target name", name, list(TARGETS))]


@checked(
    _INTERVAL,
    f=function(),
    epsilon=number(positive=True),
    a=number(),
    c=number(),
    per_bin=number(positive=True),
    n_max=integer(minimum=1, maximum=10**5),
    n_points=integer(minimum=2, maximum=10**7),
)
def towers_needed(f, epsilon, a=0.0, c=1.0, per_bin=20.0, n_max=1024, n_points=4001):
    """The smallest N (towers; 2N hidden neurons) whose sum of towers, with w = steepness_for
    (N, a, c, per_bin), has max error below epsilon on n_points points: doubles N until it
    works, then bisects (assumes the error falls with N). Returns (N, error)."""
    steepness_for(n_max, a, c, per_bin)  # the largest w must be a number: checked once

    def err(n):
        g = TowerSum(
            *tower_heights.unchecked(f, a, c, n), steepness_for.unchecked(n, a, c, per_bin)
        )
        return max_error.unchecked(f, g, a, c, n_points)

    hi = 1
    while err(hi) >= epsilon:
        if hi >= n_max:
            raise ValueError(f"even n_max = {n_max} towers do not reach epsilon = {epsilon:g}")
        hi = min(2 * hi, n_max)
    lo = hi // 2  # err(lo) >= epsilon (or lo == 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if err(mid) < epsilon else (mid, hi)
    return hi, err(hi)


# -- calling the learner's f -----------------------------------------------------------------------
def _evaluate(f, *xs, name: str = "f") -> np.ndarray:
    """f at the points xs (arrays of one shape), as finite floats of that shape.

    f is called once on the whole arrays (np.sin, x**2). A function written for one number
    (math.sin, an if/else, np.dot(x, x)) fails on an array or returns one number for all the
    points: it is then called point by point, which gives its values at each point."""
    try:
        out = f(*xs)
        one_number = np.ndim(out) == 0
    except (TypeError, ValueError):
        one_number = True
    if one_number:
        points = zip(*(np.ravel(x) for x in xs), strict=True)
        out = np.array([_at_one_point(f, name, *point) for point in points], dtype=object)
        out = out.reshape(np.shape(xs[0])) if out.shape == (np.size(xs[0]),) else out
    values = as_float_array(f"the values of {name}", out)  # no None, NaN or complex numbers
    if values.shape != np.shape(xs[0]):
        msg = f"{name} must return one value per point: shape {values.shape}, not {np.shape(xs[0])}"
        raise ValueError(msg)
    return values


def _at_one_point(f, name, *point):
    try:
        return f(*point)
    except (TypeError, ValueError) as err:
        msg = f"{name} must take numbers (or arrays) and return numbers; it raised: {err}"
        raise TypeError(msg) from None


__all__ = [
    "step_sigmoid", "tower", "tower_edges", "tower_heights", "sum_of_towers", "TowerSum",
    "tower_approximation", "max_error", "steepness_for", "tower_network", "tower_2d",
    "closed_towers_2d", "ClosedTowers", "mixed_differences", "towers_2d", "Quadrants",
    "tower_network_2d", "oil_region", "region_errors", "smooth", "wiggly", "kink", "jump",
    "TARGETS", "target", "towers_needed",
]  # fmt: skip
