"""Universal approximation, built by hand: steps, towers, sums of towers, in 1-D and 2-D.

A steep sigmoid σ(w·(x − s)) is almost a step; two steps make a tower; N towers of heights
v_i = f(m_i) (v: the theorem's output weights) approximate a continuous f on [a, c] and are a
network (tower_network). In 2-D, crossing ridges and a thresholding sigmoid close a tower
(tower_2d); N × N closed towers (closed_towers_2d) are off where four cells meet. Quadrant
units weighted by mixed differences of f converge (towers_2d; network: tower_network_2d).

Errors, each naming the argument: TypeError for a non-numeric argument or an f that is not a
function or fails on numpy arrays (use np.sin, not math.sin); ValueError for NaN or infinity,
n_towers < 1, an empty or infinitely wide interval, x1 and x2 of different shapes, an f
returning non-finite values or the wrong shape, heights so large that sums overflow.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlnotes._checks import as_choice, as_float, as_float_array, as_int
from dlnotes.ffn import FeedForwardNetwork
from dlnotes.neurons import sigmoid

#: the networks built here: sigmoid hidden layers, a linear output (and squared error as loss)
_REGRESSION_NET = dict(activation="sigmoid", output="linear", loss="squared_error")


def _check_interval(a, c, names=("a", "c")) -> tuple[float, float]:
    (na, nc), a, c = names, as_float(names[0], a), as_float(names[1], c)
    if not (a < c and np.isfinite(c - a)):
        raise ValueError(f"[{na}, {nc}] must have {na} < {nc} and a finite width, got {a:g}, {c:g}")
    return a, c


def _check_range(name, rng) -> tuple[float, float]:  # (low, high), such as x1_range = (0, 1)
    arr = as_float_array(name, rng, ndim=1)
    if arr.shape != (2,):
        raise ValueError(f"{name} must be (low, high), got {arr.shape[0]} numbers")
    return _check_interval(arr[0], arr[1], names=(f"{name}[0]", f"{name}[1]"))


def _evaluate(f, *xs, name: str = "f") -> np.ndarray:
    """f at the points xs (arrays of one shape), as finite floats of that shape.

    f is called once on the whole arrays (np.sin, x**2). A function written for one number
    (math.sin, an if/else, np.dot(x, x)) fails on an array or returns one number for all the
    points: it is then called point by point, which gives its values at each point."""
    if not callable(f):
        raise TypeError(f"{name} must be a function such as np.sin, got {type(f).__name__}")
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


def _same_shape(x1, x2) -> tuple[np.ndarray, np.ndarray]:
    x1, x2 = as_float_array("x1", x1), as_float_array("x2", x2)
    if x1.shape != x2.shape:
        raise ValueError(f"x1 and x2 must have the same shape, got {x1.shape} and {x2.shape}")
    return x1, x2


def _step(x, s, w):
    """σ(w·(x − s)). x − s is computed as 2·(x/2 − s/2), the same number, which cannot
    overflow for x, s near ±1e308; w·(x − s) beyond the float range is ±inf: σ is 1 or 0."""
    with np.errstate(over="ignore"):
        return sigmoid(2 * (w * (x / 2 - s / 2)))


def _in_blocks(compute, x, width):
    """compute(x) on blocks of the points x (a number or shape (p,)): each (block, width) array
    stays in the cache. Explorer, 1201 points, N = 400: 63 ms instead of 180 (measured, load 9)."""
    flat, rows = np.ravel(x), max(1, 32768 // max(width, 1))
    blocks = [compute(flat[i : i + rows]) for i in range(0, max(flat.size, 1), rows)]
    return np.concatenate(blocks).reshape(np.shape(x))


def _biases(w, edges, names):
    """The first layer's biases −w·s; a ValueError naming w and the interval if one overflows."""
    with np.errstate(over="ignore"):
        b = -w * edges
    if not np.all(np.isfinite(b)):
        raise ValueError(f"a bias −w·s overflows for w = {w:g} and {names}: take a smaller w")
    return b


def _float_if_number(x, out):
    return float(out) if np.ndim(x) == 0 else out


# -- 1-D: steps and towers ---------------------------------------------------------------------


def step_sigmoid(x, s, w):
    """A sigmoid used as a step at x = s:  σ(w·(x − s)).

    1/2 at x = s, it climbs from about 0 to about 1 over a few 1/w; as w → ∞ it becomes the
    perceptron's step. x: a number or an array (returns its shape); s, w: numbers.
    """
    x_arr = as_float_array("x", x)
    return _float_if_number(x, _step(x_arr, as_float("s", s), as_float("w", w)))


def tower(x, s1, s2, h=1.0, w=50.0):
    """A tower of height h on [s1, s2] made of two steps:  h·(σ(w·(x − s1)) − σ(w·(x − s2))).

    About h inside and 0 outside when w·(s2 − s1) ≫ 1. x: a number or an array (returns its
    shape); s1, s2, h, w: numbers (s1 > s2 turns the tower upside down). Errors: see module.
    """
    x_arr = as_float_array("x", x)
    s1, s2 = as_float("s1", s1), as_float("s2", s2)
    h, w = as_float("h", h), as_float("w", w)
    return _float_if_number(x, h * (_step(x_arr, s1, w) - _step(x_arr, s2, w)))


def tower_edges(a, c, n_towers):
    """Where the N towers of [a, c] stand: bins of width Δ = (c − a)/N, centres
    m_i = a + (i + 1/2)·Δ, tower i from s1_i = a + i·Δ to s2_i = a + (i + 1)·Δ.

    The outermost steps stand half a bin outside (s1_0 = a − Δ/2, s2_(N−1) = c + Δ/2): a step
    exactly at a is at half height there, and g(a) would be halved. Returns (s1, s2, m), (N,).
    """
    n = as_int("n_towers", n_towers, minimum=1, maximum=10**6)
    a, c = _check_interval(a, c)
    edges, delta = np.linspace(a, c, n + 1), (c - a) / n
    s1, s2 = edges[:-1].copy(), edges[1:].copy()
    s1[0], s2[-1] = a - delta / 2, c + delta / 2
    return s1, s2, (edges[:-1] + edges[1:]) / 2


def tower_heights(f, a, c, n_towers):
    """The towers approximating f on [a, c]: the edges of tower_edges and the heights
    v_i = f(m_i), f at the centre of bin i. Returns (s1, s2, v), each of shape (N,)."""
    s1, s2, m = tower_edges(a, c, n_towers)
    return s1, s2, _evaluate(f, m)


def sum_of_towers(x, s1, s2, v, w):
    """g(x) = Σ_i v_i·(σ(w·(x − s1_i)) − σ(w·(x − s2_i))), a sum of towers.

    When neighbouring towers touch (s2_i = s1_(i+1), as tower_edges makes them), the right
    step of tower i and the left step of tower i+1 are the same sigmoid, so the sum telescopes
    into N + 1 steps at the edges e = (s1_0, ..., s1_(N−1), s2_(N−1)):

        g(x) = Σ_{i=0..N} (v_i − v_(i−1))·σ(w·(x − e_i)),   v_(−1) = v_N = 0.
    Each step lifts g by a difference of neighbouring heights. Towers that do not touch are
    summed as written. x: a number or shape (p,); s1, s2, v: shape (N,). Returns shape (p,).
    """
    x_arr = as_float_array("x", x, ndim=(0, 1))
    s1, s2 = as_float_array("s1", s1, ndim=1), as_float_array("s2", s2, ndim=1)
    v = as_float_array("v", v, ndim=1)
    if not len(s1) == len(s2) == len(v):
        lengths = f"{len(s1)}, {len(s2)}, {len(v)}"
        raise ValueError(f"s1, s2 and v must have one entry per tower, got lengths {lengths}")
    w = as_float("w", w)
    with np.errstate(over="ignore", invalid="ignore"):  # heights near 1e308: checked below
        if len(v) > 0 and np.array_equal(s2[:-1], s1[1:]):  # touching towers: N + 1 steps
            edges, jumps = np.append(s1, s2[-1]), np.diff(v, prepend=0.0, append=0.0)
        else:
            edges, jumps = np.concatenate([s1, s2]), np.concatenate([v, -v])
        out = _in_blocks(lambda x: _step(x[:, None], edges, w) @ jumps, x_arr, len(edges))
    if not np.all(np.isfinite(out)):
        raise ValueError("v is too large: the sum of towers is beyond the float range")
    return _float_if_number(x, out)


@dataclass(frozen=True)
class TowerSum:
    """g(x) = Σ_i v_i·(σ(w·(x − s1_i)) − σ(w·(x − s2_i))), with its towers as attributes."""

    s1: np.ndarray
    s2: np.ndarray
    v: np.ndarray
    w: float

    def __call__(self, x):
        return sum_of_towers(x, self.s1, self.s2, self.v, self.w)


def tower_approximation(f, a, c, n_towers, *, w):
    """The N towers approximating f on [a, c] (tower_heights), summed with steepness w:

        g(x) = Σ_{i=0..N−1} f(m_i)·(σ(w·(x − s1_i)) − σ(w·(x − s2_i)))

    w must grow with N: a tower of width Δ = (c − a)/N is flat on top only if w·Δ ≫ 1. w is
    passed by name (tower_approximation(np.sin, 0, 1, 10, w=200)), so that N and w cannot be
    swapped unnoticed. Returns a TowerSum g: call g(x); g.s1, g.s2, g.v, g.w are its towers.
    """
    s1, s2, v = tower_heights(f, a, c, n_towers)
    return TowerSum(s1, s2, v, as_float("w", w, positive=True))


def max_error(f, g, a, c, n_points=2001):
    """ε = max_j |g(x_j) − f(x_j)| on n_points equally spaced points of [a, c], ends
    included (f and g are called once on the whole grid). Returns a float."""
    a, c = _check_interval(a, c)
    x = np.linspace(a, c, as_int("n_points", n_points, minimum=2, maximum=10**7))
    with np.errstate(over="ignore"):  # a distance beyond the float range (near 1e308) is inf
        return float(np.max(np.abs(_evaluate(g, x, name="g") - _evaluate(f, x, name="f"))))


def steepness_for(n_towers, a=0.0, c=1.0, per_bin=20.0):
    """A steepness that keeps towers flat on top: w = k·N/(c − a), so w·Δ = k (per_bin). With
    k = 20 a step is within e^(−10) ≈ 5·10⁻⁵ of 0 or 1 half a bin away from its edge."""
    n = as_int("n_towers", n_towers, minimum=1)
    a, c = _check_interval(a, c)
    w = as_float("per_bin", per_bin, positive=True) * n / (c - a)
    if not np.isfinite(w):
        raise ValueError(f"per_bin = {per_bin:g} is too large: per_bin·N/(c − a) is not finite")
    return w


def tower_network(f, a, c, n_towers, *, w):
    """The sum of towers as a network: 1 input, 2N sigmoid hidden neurons, a linear output.

    Neurons 2i and 2i+1 are the left and right steps of tower i, σ(w·x − w·s):
        W_1[2i] = W_1[2i+1] = w,   b_1[2i] = −w·s1_i,   b_1[2i+1] = −w·s2_i,
        W_2 = [v_0, −v_0, v_1, −v_1, ...],   b_2 = 0.
    A FeedForwardNetwork [1, 2N, 1]; its forward equals tower_approximation to rounding
    (errors: see the module docstring).
    """
    g = tower_approximation(f, a, c, n_towers, w=w)
    n = len(g.v)
    net = FeedForwardNetwork([1, 2 * n, 1], **_REGRESSION_NET)
    net.W[0] = np.full((2 * n, 1), g.w)
    net.b[0] = _biases(g.w, np.column_stack([g.s1, g.s2]).ravel(), "the interval [a, c]")
    net.W[1] = np.column_stack([g.v, -g.v]).reshape(1, 2 * n)
    net.b[1] = np.zeros(1)
    return net


# -- 2-D: ridges and closed towers -------------------------------------------------------------


def tower_2d(x1, x2, box, h=1.0, w=50.0, w_out=50.0, threshold=1.5):
    """A closed tower of height h over the box [l1, r1] × [l2, r2]:

        T(x1, x2) = h·σ(w_out·(R_1(x1) + R_2(x2) − t)),
    R_1(x1) = σ(w·(x1 − l1)) − σ(w·(x1 − r1)) and R_2 are open ridges: their sum is about 2 on
    the box, 1 on the four arms, 0 elsewhere, so 1 < t < 2 keeps the box. box: (l1, r1, l2, r2).
    """
    x1_arr, x2_arr = _same_shape(x1, x2)
    box = as_float_array("box", box, ndim=1)
    if box.shape != (4,):
        raise ValueError(f"box must be (x1_lo, x1_hi, x2_lo, x2_hi), got {box.shape[0]} numbers")
    l1, r1, l2, r2 = box
    h, w_out, t = as_float("h", h), as_float("w_out", w_out), as_float("threshold", threshold)
    ridges = tower(x1_arr, l1, r1, 1.0, w) + tower(x2_arr, l2, r2, 1.0, w)  # R_1 + R_2
    return _float_if_number(x1, h * _step(ridges, t, w_out))


def _units(R1, R2, weights, threshold, w_out):
    """Σ_ij weights_ij·σ(w_out·(R1_i + R2_j − threshold)), R1: (..., N), R2: (..., M)."""
    out = np.zeros(R1.shape[:-1])
    for i in np.flatnonzero(np.any(weights != 0, axis=1)):
        out += _step(R1[..., i, None] + R2, threshold, w_out) @ weights[i]
    return out


@dataclass(frozen=True)
class ClosedTowers:
    """g(x1, x2) = Σ_ij v_ij·σ(w_out·(R_1i(x1) + R_2j(x2) − t)), R: open ridges on bins s, t."""

    s: np.ndarray
    t: np.ndarray
    v: np.ndarray
    w: float
    w_out: float
    threshold: float

    def __call__(self, x1, x2):
        x1, x2 = _same_shape(x1, x2)
        R1 = _step(x1[..., None], self.s[0], self.w) - _step(x1[..., None], self.s[1], self.w)
        R2 = _step(x2[..., None], self.t[0], self.w) - _step(x2[..., None], self.t[1], self.w)
        return _units(R1, R2, self.v, self.threshold, self.w_out)


@dataclass(frozen=True)
class Quadrants:
    """g(x1, x2) = Σ_ij c_ij·σ(w_out·(σ(w·(x1 − s_i)) + σ(w·(x2 − t_j)) − 1.5))."""

    s: np.ndarray
    t: np.ndarray
    c: np.ndarray
    w: float
    w_out: float

    def __call__(self, x1, x2):
        x1, x2 = _same_shape(x1, x2)
        S1, S2 = _step(x1[..., None], self.s, self.w), _step(x2[..., None], self.t, self.w)
        return _units(S1, S2, self.c, 1.5, self.w_out)


def _grid_2d(f, x1_range, x2_range, n_towers, w):
    """The bins of both axes, v[i, j] = f at the centre of cell (i, j), the steepness w."""
    (a1, c1), (a2, c2) = _check_range("x1_range", x1_range), _check_range("x2_range", x2_range)
    n = as_int("n_towers", n_towers, minimum=1, maximum=1000)  # N² units: 10⁶ at most
    w = steepness_for(n, 0.0, min(c1 - a1, c2 - a2)) if w is None else w
    bins1, bins2 = tower_edges(a1, c1, n), tower_edges(a2, c2, n)
    M1, M2 = np.meshgrid(bins1[2], bins2[2], indexing="ij")
    return bins1, bins2, _evaluate(f, M1, M2), as_float("w", w, positive=True)


def closed_towers_2d(f, x1_range, x2_range, n_towers, w=None, w_out=50.0, threshold=1.5):
    """N × N closed towers, the one on cell (i, j) of height v_ij = f at the cell centre:

        g(x1, x2) = Σ_{i,j} v_ij·σ(w_out·(R_1i(x1) + R_2j(x2) − t)).
    Fine for a 0/1 region, but where four cells meet each tower sees two half-height ridges,
    1/2 + 1/2 = 1 < t: all four are off, g ≈ 0 there for every N. w: steepness_for(N).
    """
    (s1, s2, _), (t1, t2, _), v, w = _grid_2d(f, x1_range, x2_range, n_towers, w)
    w_out, threshold = as_float("w_out", w_out, positive=True), as_float("threshold", threshold)
    return ClosedTowers(np.array([s1, s2]), np.array([t1, t2]), v, w, w_out, threshold)


def mixed_differences(v):
    """The weights c that make a sum of quadrants equal v on every cell:

        c_ij = v_ij − v_(i−1)j − v_i(j−1) + v_(i−1)(j−1),   v = 0 outside the grid,
    so that Σ_{i' ≤ i, j' ≤ j} c_i'j' = v_ij (the sum telescopes). On the first row and
    column they are first differences (c_0j = v_0j − v_0(j−1)); c_00 = v_00. v: shape (N, M).
    """
    v = as_float_array("v", v, ndim=2)
    with np.errstate(over="ignore", invalid="ignore"):  # heights near 1e308: checked below
        c = np.diff(np.diff(v, axis=0, prepend=0.0), axis=1, prepend=0.0)
    if not np.all(np.isfinite(c)):
        raise ValueError("v is too large: its differences are beyond the float range")
    return c


def towers_2d(f, x1_range, x2_range, n_towers, w=None, w_out=50.0):
    """N × N quadrant units approximating a continuous f(x1, x2) on a rectangle:

        g(x1, x2) = Σ_{i,j} c_ij·σ(w_out·(σ(w·(x1 − s_i)) + σ(w·(x2 − t_j)) − 1.5)),
    s_i, t_j the left edges of the bins (tower_edges), c = mixed_differences(v), v_ij = f at
    the centre of cell (i, j). Inside cell (i, j) the units i' ≤ i, j' ≤ j are on and their
    weights add up to v_ij; at a seam or corner a unit half on or off carries a difference of
    f between neighbouring cells, so the largest error falls like 1/N for a smooth f. w
    defaults to steepness_for(N). Returns a Quadrants g (errors: see the module docstring)."""
    (s, _, _), (t, _, _), v, w = _grid_2d(f, x1_range, x2_range, n_towers, w)
    return Quadrants(s, t, mixed_differences(v), w, as_float("w_out", w_out, positive=True))


def tower_network_2d(f, x1_range, x2_range, n_towers, w=None, w_out=50.0):
    """The quadrants of towers_2d as a network with sizes [2, 2N, K, 1]: layer 1 the steps
    σ(w·x1 − w·s_i) (neuron i) and σ(w·x2 − w·t_j) (neuron N + j); layer 2 one quadrant unit
    per nonzero weight c_ij (K of them, at least 1), weights w_out from steps i and N + j, bias
    −1.5·w_out; output weights c_ij. Its forward equals towers_2d to rounding."""
    g = towers_2d(f, x1_range, x2_range, n_towers, w=w, w_out=w_out)
    n = len(g.s)
    i, j = np.nonzero(g.c)
    if len(i) == 0:  # f is 0 everywhere: one unit of weight 0
        i, j = np.zeros(1, dtype=int), np.zeros(1, dtype=int)
    k = len(i)
    net = FeedForwardNetwork([2, 2 * n, k, 1], **_REGRESSION_NET)
    net.W[0] = np.zeros((2 * n, 2))
    net.W[0][:n, 0] = net.W[0][n:, 1] = g.w  # steps 0..N−1 look at x1, N..2N−1 at x2
    net.b[0] = _biases(g.w, np.concatenate([g.s, g.t]), "x1_range, x2_range")
    net.W[1] = np.zeros((k, 2 * n))
    net.W[1][np.arange(k), i], net.W[1][np.arange(k), n + j] = g.w_out, g.w_out
    net.b[1] = np.full(k, -1.5 * g.w_out)
    net.W[2], net.b[2] = g.c[i, j][None, :], np.zeros(1)
    return net


def oil_region(x1, x2):
    """The made-up oil field: salinity x1 and pressure x2 (both in [0, 1]) → 1.0 where there
    is oil (polar radius around (0.5, 0.45) below 0.3 + 0.06·sin 3θ), 0.0 elsewhere."""
    x1, x2 = _same_shape(x1, x2)
    u, v = x1 - 0.5, x2 - 0.45
    return np.where(np.hypot(u, v) < 0.3 + 0.06 * np.sin(3 * np.arctan2(v, u)), 1.0, 0.0)


def region_errors(f, g, x1_range=(0.0, 1.0), x2_range=(0.0, 1.0), n_points=201):
    """How well g matches f on an n_points × n_points grid (edges included): a dict of
    wrong: the fraction of points where [g ≥ 1/2] ≠ [f ≥ 1/2] (for a 0/1 region f),
    mean:  the mean of |g − f|,
    max:   the largest |g − f| (for a region it cannot fall below 1/2 at its border)."""
    (a1, c1), (a2, c2) = _check_range("x1_range", x1_range), _check_range("x2_range", x2_range)
    n_points = as_int("n_points", n_points, minimum=2, maximum=4000)  # 1.6·10⁷ points at most
    X1, X2 = np.meshgrid(np.linspace(a1, c1, n_points), np.linspace(a2, c2, n_points))
    fv, gv = _evaluate(f, X1, X2, name="f"), _evaluate(g, X1, X2, name="g")
    with np.errstate(over="ignore"):  # a distance beyond the float range (near 1e308) is inf
        err = np.abs(gv - fv)
    wrong = np.mean((gv >= 0.5) != (fv >= 0.5))
    return {"wrong": float(wrong), "mean": float(err.mean()), "max": float(err.max())}


def smooth(x):
    """A smooth target on [0, 1]:  0.5 + 0.4·sin 2πx."""
    return 0.5 + 0.4 * np.sin(2 * np.pi * (as_float_array("x", x) % 1.0))  # period 1


def wiggly(x):
    """A wiggly target on [0, 1]:  0.5 + 0.25·sin 6πx + 0.1·cos 14πx."""
    x = as_float_array("x", x) % 1.0  # both terms have period 1: exact, even for x near 1e308
    return 0.5 + 0.25 * np.sin(6 * np.pi * x) + 0.1 * np.cos(14 * np.pi * x)


def kink(x):
    """A target with a kink (continuous, not differentiable at x = 0.4):  0.9 − 1.2·|x − 0.4|."""
    return 0.9 - 1.2 * np.abs(as_float_array("x", x) - 0.4)


def jump(x):
    """Not continuous, so outside the theorem: 0.2 for x < 0.5, 0.8 from there on."""
    return np.where(as_float_array("x", x) < 0.5, 0.2, 0.8)


#: Targets of the notebook and the explorer, all on [0, 1].
TARGETS = {"smooth": smooth, "wiggly": wiggly, "kink": kink, "jump (not continuous)": jump}


def target(name: str):
    """The target function called name in TARGETS (f = target("smooth"): 0.5 + 0.4·sin 2πx);
    a misspelt name is a ValueError that lists the names."""
    return TARGETS[as_choice("target name", name, list(TARGETS))]


def towers_needed(f, epsilon, a=0.0, c=1.0, per_bin=20.0, n_max=1024, n_points=4001):
    """The smallest N (towers; 2N hidden neurons) whose sum of towers, with w = steepness_for
    (N, a, c, per_bin), has max error below epsilon on n_points points: doubles N until it
    works, then bisects (assumes the error falls with N). Returns (N, error)."""
    epsilon = as_float("epsilon", epsilon, positive=True)
    n_max = as_int("n_max", n_max, minimum=1, maximum=10**5)
    steepness_for(n_max, a, c, per_bin)  # checks a, c and per_bin once

    def err(n):
        return max_error(
            f, tower_approximation(f, a, c, n, w=steepness_for(n, a, c, per_bin)), a, c, n_points
        )

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


__all__ = [
    "step_sigmoid", "tower", "tower_edges", "tower_heights", "sum_of_towers", "TowerSum",
    "tower_approximation", "max_error", "steepness_for", "tower_network", "tower_2d",
    "closed_towers_2d", "ClosedTowers", "mixed_differences", "towers_2d", "Quadrants",
    "tower_network_2d", "oil_region", "region_errors", "smooth", "wiggly", "kink", "jump",
    "TARGETS", "target", "towers_needed",
]  # fmt: skip
