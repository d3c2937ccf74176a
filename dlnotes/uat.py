r"""Universal approximation, built by hand: steps, towers, sums of towers, in 1-D and 2-D.

A steep sigmoid :math:`\sigma(w(x - s))` is (almost) a step at :math:`x = s`. Two steps
subtracted make a *tower* of height :math:`h` on :math:`[s_1, s_2]`; a sum of :math:`N`
towers, one per bin of :math:`[a, c]`, approximates a continuous :math:`f` there, and the
construction *is* a network with one hidden layer of :math:`2N` sigmoid neurons and a linear
output (:func:`tower_network`).

In 2-D, a tower in :math:`x_1` alone is an *open ridge* (it runs forever along :math:`x_2`).
Adding a ridge in :math:`x_1` and one in :math:`x_2` gives 2 on the box where they cross, 1 on
the arms, 0 elsewhere; a steep sigmoid with threshold 1.5 keeps only the box: a *closed tower*
(:func:`tower_2d`). Many closed towers approximate a region or a surface (:func:`towers_2d`).

Every sigmoid here is :func:`dlnotes.neurons.sigmoid` (stable: no overflow warning for any
steepness).
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import as_float, as_float_array, as_int
from dlnotes.neurons import sigmoid

# -- argument checks ---------------------------------------------------------------------------


def _check_interval(a, c, names=("a", "c")) -> tuple[float, float]:
    a = as_float(names[0], a)
    c = as_float(names[1], c)
    if not a < c:
        raise ValueError(
            f"the interval [{names[0]}, {names[1]}] must have {names[0]} < {names[1]}, "
            f"got {names[0]} = {a:g} and {names[1]} = {c:g}"
        )
    return a, c


def _check_callable(f, name: str = "f"):
    if not callable(f):
        raise TypeError(
            f"{name} must be a function (a callable such as np.sin or lambda x: x**2), "
            f"got {type(f).__name__}: {f!r:.60}"
        )
    return f


def _evaluate(f, *xs, name: str = "f") -> np.ndarray:
    """``f(*xs)`` as a finite float array of the shape of ``xs[0]`` (a constant is broadcast).

    ``f`` is called once on whole numpy arrays, so it must work elementwise (``np.sin``, not
    ``math.sin``)."""
    shape = np.shape(xs[0])
    try:
        values = np.asarray(f(*xs), dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise TypeError(
            f"{name} must accept numpy arrays and return numbers (use np.sin, not math.sin); "
            f"calling it on an array failed with: {err}"
        ) from None
    if values.shape != shape:
        try:
            values = np.broadcast_to(values, shape).copy()
        except ValueError:
            raise ValueError(
                f"{name} must return one value per input point: called on shape {shape}, "
                f"it returned shape {values.shape}"
            ) from None
    if not np.all(np.isfinite(values)):
        bad = xs[0][~np.isfinite(values)] if np.ndim(xs[0]) else xs[0]
        raise ValueError(
            f"{name} must return finite values, got NaN or infinity (at x = {np.ravel(bad)[:3]})"
        )
    return values


# -- 1-D: steps and towers ---------------------------------------------------------------------


def step_sigmoid(x, s, w):
    r"""A sigmoid used as a step at :math:`x = s`: :math:`\sigma(w (x - s))`.

    It is 1/2 at :math:`x = s` and climbs from about 0 to about 1 over a width of a few
    :math:`1/w`; as :math:`w \to \infty` it becomes the perceptron's step.

    ``x``: a number or an array of any shape; ``s``, ``w``: numbers (finite). Returns the shape
    of ``x`` (a float for a number). Raises ``TypeError``/``ValueError`` for non-numeric or
    non-finite input.
    """
    x_arr = as_float_array("x", x)
    s = as_float("s", s)
    w = as_float("w", w)
    out = sigmoid(w * x_arr - w * s)
    return float(out) if np.ndim(x) == 0 else out


def tower(x, s1, s2, h=1.0, w=50.0):
    r"""A tower of height :math:`h` on :math:`[s_1, s_2]` made of two steps:

    .. math:: \text{tower}(x) = h\,\bigl(\sigma(w (x - s_1)) - \sigma(w (x - s_2))\bigr).

    For steep :math:`w` (:math:`w (s_2 - s_1) \gg 1`) it is close to :math:`h` inside and to 0
    outside. ``x``: number or array of any shape; ``s1``, ``s2``, ``h``, ``w``: finite numbers
    (``s1 > s2`` gives an upside-down tower). Returns the shape of ``x``. Raises
    ``TypeError``/``ValueError`` for non-numeric or non-finite input.
    """
    x_arr = as_float_array("x", x)
    s1, s2 = as_float("s1", s1), as_float("s2", s2)
    h, w = as_float("h", h), as_float("w", w)
    wx = w * x_arr
    out = h * (sigmoid(wx - w * s1) - sigmoid(wx - w * s2))
    return float(out) if np.ndim(x) == 0 else out


def tower_edges(a, c, n_towers):
    r"""Where the :math:`N` towers of :math:`[a, c]` stand: equal bins of width
    :math:`\Delta = (c - a)/N` with centres :math:`m_i = a + (i + \tfrac12)\Delta`.

    Tower :math:`i` goes from :math:`s_{1,i} = a + i\Delta` to :math:`s_{2,i} = a + (i+1)\Delta`,
    except that the two outermost steps stand half a bin *outside* the interval
    (:math:`s_{1,0} = a - \Delta/2`, :math:`s_{2,N-1} = c + \Delta/2`): a step exactly at
    :math:`a` would be at half height there, and the approximation would be halved at both ends.

    Returns ``(s1, s2, m)``, three arrays of shape ``(n_towers,)``. Raises ``ValueError`` for
    ``n_towers < 1`` or ``a >= c``, ``TypeError`` for a non-integer ``n_towers``.
    """
    n = as_int("n_towers", n_towers, minimum=1)
    a, c = _check_interval(a, c)
    delta = (c - a) / n
    edges = a + delta * np.arange(n + 1)
    edges[-1] = c
    s1, s2 = edges[:-1].copy(), edges[1:].copy()
    s1[0] -= delta / 2
    s2[-1] += delta / 2
    m = a + delta * (np.arange(n) + 0.5)
    return s1, s2, m


def tower_heights(f, a, c, n_towers):
    r"""The towers approximating ``f`` on :math:`[a, c]`: edges from :func:`tower_edges` and
    heights :math:`h_i = f(m_i)`, ``f`` at the centre of bin :math:`i`.

    Returns ``(s1, s2, h)``, arrays of shape ``(n_towers,)``. Raises ``TypeError`` if ``f`` is
    not callable, ``ValueError`` for ``n_towers < 1``, ``a >= c`` or non-finite values of ``f``.
    """
    _check_callable(f)
    s1, s2, m = tower_edges(a, c, n_towers)
    return s1, s2, _evaluate(f, m)


def sum_of_towers(x, s1, s2, h, w):
    r"""Evaluate :math:`g(x) = \sum_{i} h_i \bigl(\sigma(w(x - s_{1,i})) - \sigma(w(x - s_{2,i}))
    \bigr)`.

    ``x``: shape ``(p,)`` or a number; ``s1``, ``s2``, ``h``: shape ``(N,)``; ``w``: a number.
    Returns shape ``(p,)`` (a float for a number). Steps shared by neighbouring towers are
    computed once. Raises ``ValueError`` when the lengths of ``s1, s2, h`` differ or a value is
    not finite.
    """
    x_arr = as_float_array("x", x, ndim=(0, 1))
    s1 = as_float_array("s1", s1, ndim=1)
    s2 = as_float_array("s2", s2, ndim=1)
    h = as_float_array("h", h, ndim=1)
    if not len(s1) == len(s2) == len(h):
        raise ValueError(
            f"s1, s2 and h must have one entry per tower, got lengths {len(s1)}, {len(s2)}, "
            f"{len(h)}"
        )
    w = as_float("w", w)
    # Adjacent towers share a step (tower i ends where tower i+1 starts): group equal edges,
    # g(x) = sum_j c_j sigma(w (x - e_j)) with c_j the summed +h / -h of edge e_j.
    edges, where = np.unique(np.concatenate([s1, s2]), return_inverse=True)
    coef = np.bincount(where, weights=np.concatenate([h, -h]), minlength=len(edges))
    x_flat = np.atleast_1d(x_arr)
    out = np.empty(len(x_flat))
    chunk = max(1, 32768 // len(edges))  # rows per block: the (rows, edges) block stays in cache
    for i in range(0, len(x_flat), chunk):
        z = w * x_flat[i : i + chunk, None] - w * edges  # (rows, edges)
        out[i : i + chunk] = sigmoid(z) @ coef
    return float(out[0]) if x_arr.ndim == 0 else out


def tower_approximation(f, a, c, n_towers, w):
    r"""The sum of ``n_towers`` towers approximating ``f`` on :math:`[a, c]`, as a function:

    .. math:: g(x) = \sum_{i=0}^{N-1} f(m_i)\,\bigl(\sigma(w(x - s_{1,i}))
              - \sigma(w(x - s_{2,i}))\bigr)

    with the bins of :func:`tower_edges`. The steepness must grow with :math:`N`: a tower of
    width :math:`\Delta = (c - a)/N` is flat on top only if :math:`w \Delta \gg 1`.

    Returns a callable ``g(x)`` (number or 1-D array) with attributes ``s1, s2, h, w``.
    Raises ``TypeError`` for a non-callable ``f``, ``ValueError`` for ``n_towers < 1``,
    ``a >= c``, ``w <= 0`` or non-finite values.
    """
    s1, s2, h = tower_heights(f, a, c, n_towers)
    w = as_float("w", w, positive=True)

    def g(x):
        return sum_of_towers(x, s1, s2, h, w)

    g.s1, g.s2, g.h, g.w = s1, s2, h, w
    g.__doc__ = f"sum of {len(h)} towers of steepness w = {w:g} approximating {f!r:.40}"
    return g


def max_error(f, g, a, c, n_points=2001):
    r"""The largest distance between ``g`` and ``f`` on a fine grid of :math:`[a, c]`:

    .. math:: \varepsilon = \max_{j} |g(x_j) - f(x_j)|,\quad x_j = a + j\,\frac{c - a}{p - 1}

    (``n_points`` = :math:`p` equally spaced points, ends included). Both functions are
    called on the whole grid at once. Raises ``TypeError`` if ``f`` or ``g`` is not callable,
    ``ValueError`` for ``a >= c``, ``n_points < 2`` or non-finite values.
    """
    _check_callable(f, "f")
    _check_callable(g, "g")
    a, c = _check_interval(a, c)
    n_points = as_int("n_points", n_points, minimum=2)
    x = np.linspace(a, c, n_points)
    return float(np.max(np.abs(_evaluate(g, x, name="g") - _evaluate(f, x, name="f"))))


def steepness_for(n_towers, a=0.0, c=1.0, per_bin=20.0):
    r"""A steepness that keeps every tower flat on top: :math:`w = k N / (c - a)`, i.e.
    :math:`w\Delta = k` (``per_bin``) for bins of width :math:`\Delta = (c - a)/N`.

    With :math:`k = 20` a step has climbed to within :math:`e^{-k/2} \approx 5\cdot10^{-5}` of
    its final value half a bin away. Raises ``ValueError`` for ``n_towers < 1``, ``a >= c`` or
    ``per_bin <= 0``."""
    n = as_int("n_towers", n_towers, minimum=1)
    a, c = _check_interval(a, c)
    return as_float("per_bin", per_bin, positive=True) * n / (c - a)


def tower_network(f, a, c, n_towers, w):
    r"""The sum of towers as a network: 1 input, :math:`2N` sigmoid hidden neurons, a linear
    output.

    Hidden neuron :math:`2i` is the left step of tower :math:`i`, neuron :math:`2i+1` its right
    step: :math:`\sigma(w x - w s)`, so :math:`W_1[2i] = W_1[2i+1] = w`,
    :math:`b_1[2i] = -w s_{1,i}`, :math:`b_1[2i+1] = -w s_{2,i}`. The output adds them with
    weights :math:`+h_i` and :math:`-h_i`: :math:`W_2 = [h_0, -h_0, h_1, -h_1, \dots]`,
    :math:`b_2 = 0`. Its ``forward`` equals :func:`tower_approximation` to rounding.

    Returns a :class:`dlnotes.ffn.FeedForwardNetwork` with sizes ``[1, 2N, 1]``,
    ``W[0]`` of shape ``(2N, 1)``, ``W[1]`` of shape ``(1, 2N)``. Raises as
    :func:`tower_approximation`.
    """
    from dlnotes.ffn import FeedForwardNetwork  # imported here: notebook 05's module

    s1, s2, h = tower_heights(f, a, c, n_towers)
    w = as_float("w", w, positive=True)
    n = len(h)
    net = FeedForwardNetwork(
        [1, 2 * n, 1], activation="sigmoid", output="linear", loss="squared_error"
    )
    edges = np.empty(2 * n)
    edges[0::2], edges[1::2] = s1, s2
    net.W[0] = np.full((2 * n, 1), w)
    net.b[0] = -w * edges
    heights = np.empty(2 * n)
    heights[0::2], heights[1::2] = h, -h
    net.W[1] = heights[None, :]
    net.b[1] = np.zeros(1)
    return net


# -- 2-D: ridges and closed towers -------------------------------------------------------------


def _check_box(box) -> tuple[float, float, float, float]:
    arr = as_float_array("box", box, ndim=1)
    if arr.shape != (4,):
        raise ValueError(f"box must be (x1_lo, x1_hi, x2_lo, x2_hi), got {arr.shape[0]} numbers")
    return tuple(float(v) for v in arr)


def open_ridge(x, s1, s2, w=50.0):
    r"""An open ridge: a tower of height 1 in one coordinate, whatever the other one is,
    :math:`\sigma(w (x - s_1)) - \sigma(w (x - s_2))`. Same as :func:`tower` with ``h = 1``;
    called on :math:`x_1` of a grid of points it is a wall-bounded strip running along
    :math:`x_2`."""
    return tower(x, s1, s2, 1.0, w)


def tower_2d(x1, x2, box, h=1.0, w=50.0, w_out=50.0, threshold=1.5):
    r"""A closed 2-D tower over the box :math:`[l_1, r_1] \times [l_2, r_2]`:

    .. math:: T(x_1, x_2) = h\,\sigma\bigl(w_{out}\,(R_1(x_1) + R_2(x_2) - t)\bigr),

    with the open ridges :math:`R_1(x_1) = \sigma(w(x_1 - l_1)) - \sigma(w(x_1 - r_1))`,
    :math:`R_2` likewise in :math:`x_2`. The ridge sum is about 2 on the box, 1 on the four arms
    and 0 elsewhere, so a threshold :math:`t` between 1 and 2 keeps only the box. For steep
    :math:`w, w_{out}` the tower is close to :math:`h` inside and to 0 outside.

    ``x1``, ``x2``: arrays of the same (any) shape; ``box``: ``(l1, r1, l2, r2)``; ``h, w,
    w_out, threshold``: numbers. Returns the shape of ``x1``. Raises ``ValueError`` for shapes
    that differ or non-finite values.
    """
    x1_arr = as_float_array("x1", x1)
    x2_arr = as_float_array("x2", x2)
    if x1_arr.shape != x2_arr.shape:
        raise ValueError(
            f"x1 and x2 must have the same shape, got {x1_arr.shape} and {x2_arr.shape}"
        )
    l1, r1, l2, r2 = _check_box(box)
    h, w_out = as_float("h", h), as_float("w_out", w_out)
    threshold = as_float("threshold", threshold)
    ridges = open_ridge(x1_arr, l1, r1, w) + open_ridge(x2_arr, l2, r2, w)
    out = h * sigmoid(w_out * ridges - w_out * threshold)
    return float(out) if np.ndim(x1) == 0 else out


def towers_2d(f, x1_range, x2_range, n_towers, w, w_out=50.0, threshold=1.5):
    r"""Many closed towers approximating :math:`f(x_1, x_2)` on a rectangle: an
    :math:`N \times N` grid of bins (edges from :func:`tower_edges` along each axis), tower
    :math:`(i, j)` of height :math:`h_{ij} = f(m_{1,i}, m_{2,j})` at the bin centre,

    .. math:: g(x_1, x_2) = \sum_{i,j} h_{ij}\,\sigma\bigl(w_{out}(R_{1,i}(x_1) + R_{2,j}(x_2)
              - t)\bigr).

    ``f`` maps two arrays to one (an indicator 0/1 for a region, any continuous surface).
    Returns a callable ``g(x1, x2)`` (arrays of one shape) with attributes ``h`` (shape
    ``(N, N)``, ``h[i, j]`` for :math:`x_1`-bin ``i``, :math:`x_2`-bin ``j``), ``edges1``,
    ``edges2`` (each ``(s1, s2)``), ``w``, ``w_out``, ``threshold``. Towers of height 0 cost
    nothing to evaluate. Raises ``TypeError`` for a non-callable ``f``, ``ValueError`` for
    ``n_towers < 1``, empty ranges, ``w <= 0`` or non-finite values.
    """
    _check_callable(f)
    x1_range = as_float_array("x1_range", x1_range, ndim=1)
    x2_range = as_float_array("x2_range", x2_range, ndim=1)
    for name, rng in (("x1_range", x1_range), ("x2_range", x2_range)):
        if rng.shape != (2,):
            raise ValueError(f"{name} must be (low, high), got {rng.shape[0]} numbers")
    a1, c1 = _check_interval(*x1_range, names=("x1_range[0]", "x1_range[1]"))
    a2, c2 = _check_interval(*x2_range, names=("x2_range[0]", "x2_range[1]"))
    n = as_int("n_towers", n_towers, minimum=1)
    w = as_float("w", w, positive=True)
    w_out = as_float("w_out", w_out, positive=True)
    threshold = as_float("threshold", threshold)
    p1, q1, m1 = tower_edges(a1, c1, n)
    p2, q2, m2 = tower_edges(a2, c2, n)
    M1, M2 = np.meshgrid(m1, m2, indexing="ij")
    h = _evaluate(f, M1, M2)
    nonzero = np.argwhere(h != 0)

    def g(x1, x2):
        x1_arr = as_float_array("x1", x1)
        x2_arr = as_float_array("x2", x2)
        if x1_arr.shape != x2_arr.shape:
            raise ValueError(
                f"x1 and x2 must have the same shape, got {x1_arr.shape} and {x2_arr.shape}"
            )
        # ridges once per bin, (N, *shape): a closed tower only adds two of them
        wx1, wx2 = w * x1_arr, w * x2_arr
        R1 = [sigmoid(wx1 - w * p1[i]) - sigmoid(wx1 - w * q1[i]) for i in range(n)]
        R2 = [sigmoid(wx2 - w * p2[j]) - sigmoid(wx2 - w * q2[j]) for j in range(n)]
        out = np.zeros(x1_arr.shape)
        for i, j in nonzero:
            out += h[i, j] * sigmoid(w_out * (R1[i] + R2[j]) - w_out * threshold)
        return out

    g.h, g.edges1, g.edges2 = h, (p1, q1), (p2, q2)
    g.w, g.w_out, g.threshold = w, w_out, threshold
    return g


def tower_network_2d(f, x1_range, x2_range, n_towers, w, w_out=50.0, threshold=1.5):
    r"""The 2-D towers of :func:`towers_2d` as a network with *two* hidden layers of sigmoids
    and a linear output.

    * Hidden layer 1 (:math:`4N` neurons): the steps :math:`\sigma(w x_1 - w s)` at both edges
      of every :math:`x_1`-bin (neurons :math:`2i, 2i+1`), then those of every :math:`x_2`-bin
      (neurons :math:`2N + 2j, 2N + 2j + 1`).
    * Hidden layer 2 (one neuron per tower of nonzero height): tower :math:`(i, j)` adds the
      two ridges with weights :math:`\pm w_{out}` and bias :math:`-w_{out} t`, and so computes
      :math:`\sigma(w_{out}(R_{1,i} + R_{2,j} - t))`.
    * Output: :math:`\sum h_{ij} \times` that tower (weights :math:`h_{ij}`, bias 0).

    Returns a :class:`dlnotes.ffn.FeedForwardNetwork` with sizes ``[2, 4N, K, 1]`` (``K`` =
    number of towers with :math:`h_{ij} \ne 0`, at least 1) whose ``forward`` on rows
    ``(x1, x2)`` equals :func:`towers_2d` to rounding. Raises as :func:`towers_2d`.
    """
    from dlnotes.ffn import FeedForwardNetwork

    g = towers_2d(f, x1_range, x2_range, n_towers, w, w_out, threshold)
    n = g.h.shape[0]
    towers = np.argwhere(g.h != 0)
    if len(towers) == 0:
        towers = np.zeros((1, 2), dtype=int)  # f is 0 everywhere: one tower of height 0
    k = len(towers)
    net = FeedForwardNetwork(
        [2, 4 * n, k, 1], activation="sigmoid", output="linear", loss="squared_error"
    )
    W1 = np.zeros((4 * n, 2))
    W1[: 2 * n, 0] = w
    W1[2 * n :, 1] = w
    b1 = np.empty(4 * n)
    (p1, q1), (p2, q2) = g.edges1, g.edges2
    b1[0 : 2 * n : 2], b1[1 : 2 * n : 2] = -w * p1, -w * q1
    b1[2 * n :: 2], b1[2 * n + 1 :: 2] = -w * p2, -w * q2
    W2 = np.zeros((k, 4 * n))
    rows = np.arange(k)
    i, j = towers[:, 0], towers[:, 1]
    W2[rows, 2 * i], W2[rows, 2 * i + 1] = w_out, -w_out
    W2[rows, 2 * n + 2 * j], W2[rows, 2 * n + 2 * j + 1] = w_out, -w_out
    net.W[0], net.b[0] = W1, b1
    net.W[1], net.b[1] = W2, np.full(k, -w_out * threshold)
    net.W[2], net.b[2] = g.h[i, j][None, :], np.zeros(1)
    return net


def oil_region(x1, x2):
    r"""The made-up oil field of the notes' example: salinity :math:`x_1` and pressure
    :math:`x_2` (both scaled to :math:`[0, 1]`) -> 1 where there is oil, 0 elsewhere.

    The field is a blob: the points whose polar radius around :math:`(0.5, 0.45)` is below
    :math:`0.3 + 0.06 \sin 3\theta`. ``x1``, ``x2``: arrays of one shape; returns 0.0/1.0 of
    that shape."""
    x1 = as_float_array("x1", x1)
    x2 = as_float_array("x2", x2)
    u, v = x1 - 0.5, x2 - 0.45
    radius = np.hypot(u, v)
    theta = np.arctan2(v, u)
    return np.where(radius < 0.3 + 0.06 * np.sin(3 * theta), 1.0, 0.0)


def region_errors(f, g, x1_range=(0.0, 1.0), x2_range=(0.0, 1.0), n_points=201):
    r"""How well ``g`` matches a 0/1 region ``f`` on an ``n_points`` x ``n_points`` grid:

    * ``wrong``: the fraction of grid points where the rounded answer is wrong,
      :math:`[g \ge \tfrac12] \ne f`;
    * ``mean``: the mean absolute error :math:`\overline{|g - f|}`;
    * ``max``: :math:`\max |g - f|` (near the border of a region it cannot fall below
      :math:`\tfrac12`: ``f`` jumps there, and a sum of smooth towers cannot).

    Returns a dict with these three floats. Raises ``TypeError`` for non-callables and
    ``ValueError`` for empty ranges or ``n_points < 2``.
    """
    _check_callable(f, "f")
    _check_callable(g, "g")
    a1, c1 = _check_interval(*x1_range, names=("x1_range[0]", "x1_range[1]"))
    a2, c2 = _check_interval(*x2_range, names=("x2_range[0]", "x2_range[1]"))
    n_points = as_int("n_points", n_points, minimum=2)
    X1, X2 = np.meshgrid(np.linspace(a1, c1, n_points), np.linspace(a2, c2, n_points))
    fv = _evaluate(f, X1, X2, name="f")
    gv = _evaluate(g, X1, X2, name="g")
    err = np.abs(gv - fv)
    return {
        "wrong": float(np.mean((gv >= 0.5) != (fv >= 0.5))),
        "mean": float(err.mean()),
        "max": float(err.max()),
    }


# -- the targets of the notebook ---------------------------------------------------------------


def smooth(x):
    r"""A smooth target on :math:`[0, 1]`: :math:`0.5 + 0.4 \sin 2\pi x`."""
    return 0.5 + 0.4 * np.sin(2 * np.pi * np.asarray(x, dtype=np.float64))


def wiggly(x):
    r"""A wiggly target on :math:`[0, 1]`: :math:`0.5 + 0.25 \sin 6\pi x + 0.1 \cos 14\pi x`."""
    x = np.asarray(x, dtype=np.float64)
    return 0.5 + 0.25 * np.sin(6 * np.pi * x) + 0.1 * np.cos(14 * np.pi * x)


def kink(x):
    r"""A target with a kink (continuous, not differentiable at :math:`x = 0.4`):
    :math:`0.9 - 1.2\,|x - 0.4|`."""
    return 0.9 - 1.2 * np.abs(np.asarray(x, dtype=np.float64) - 0.4)


def jump(x):
    r"""Not continuous, so outside the theorem: 0.2 for :math:`x < 0.5`, 0.8 from there on."""
    return np.where(np.asarray(x, dtype=np.float64) < 0.5, 0.2, 0.8)


#: Targets of the notebook and the explorer, all on :math:`[0, 1]`.
TARGETS = {"smooth": smooth, "wiggly": wiggly, "kink": kink, "jump (not continuous)": jump}


def towers_needed(f, epsilon, a=0.0, c=1.0, per_bin=20.0, n_max=4096, n_points=4001):
    r"""The smallest :math:`N` (number of towers, :math:`2N` hidden neurons) whose sum of towers,
    with steepness :math:`w = k N/(c - a)` (:func:`steepness_for`), has max error below
    ``epsilon`` on ``n_points`` grid points. Assumes the error falls with :math:`N` (true for
    the targets here, approximately): doubles :math:`N` until it works, then bisects.

    Returns ``(N, error)``. Raises ``ValueError`` if ``n_max`` towers are not enough, for
    ``epsilon <= 0`` and the errors of :func:`tower_approximation`.
    """
    epsilon = as_float("epsilon", epsilon, positive=True)
    n_max = as_int("n_max", n_max, minimum=1)

    def err(n):
        g = tower_approximation(f, a, c, n, steepness_for(n, a, c, per_bin))
        return max_error(f, g, a, c, n_points)

    hi = 1
    while err(hi) >= epsilon:
        if hi >= n_max:
            raise ValueError(f"even n_max = {n_max} towers do not reach epsilon = {epsilon:g}")
        hi = min(2 * hi, n_max)
    lo = hi // 2  # err(lo) >= epsilon (or lo == 0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if err(mid) < epsilon:
            hi = mid
        else:
            lo = mid
    return hi, err(hi)


__all__ = [
    "step_sigmoid",
    "tower",
    "tower_edges",
    "tower_heights",
    "sum_of_towers",
    "tower_approximation",
    "max_error",
    "steepness_for",
    "tower_network",
    "open_ridge",
    "tower_2d",
    "towers_2d",
    "tower_network_2d",
    "oil_region",
    "region_errors",
    "smooth",
    "wiggly",
    "kink",
    "jump",
    "TARGETS",
    "towers_needed",
]
