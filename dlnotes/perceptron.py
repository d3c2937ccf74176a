r"""The perceptron: boolean patterns, the learning algorithm, separability, the 2^n network.

Notation from the notes: inputs :math:`x_1 \dots x_n` with :math:`x_0 = 1` prepended, weights
:math:`w_0 \dots w_n` (``w[0]`` is the bias :math:`w_0 = -\theta`), output
:math:`y = 1` if :math:`\sum_{i=0}^n w_i x_i \ge 0`, else 0. Inputs labelled 1 form the set
:math:`P`, inputs labelled 0 the set :math:`N`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from math import comb

import numpy as np

from dlnotes._checks import as_binary, as_float, as_float_array, as_int
from dlnotes.neurons import step

#: The 16 boolean functions of two inputs, named, with their truth tables listed in the order
#: of :func:`boolean_inputs` ``(2)``: the outputs for (x1, x2) = (0,0), (0,1), (1,0), (1,1).
#: Reading a truth table as a 4-bit binary number gives the function's index 0..15.
TWO_INPUT_FUNCTIONS: dict[str, tuple[int, int, int, int]] = {
    "FALSE": (0, 0, 0, 0),
    "AND": (0, 0, 0, 1),
    "x1 AND NOT x2": (0, 0, 1, 0),
    "x1": (0, 0, 1, 1),
    "NOT x1 AND x2": (0, 1, 0, 0),
    "x2": (0, 1, 0, 1),
    "XOR": (0, 1, 1, 0),
    "OR": (0, 1, 1, 1),
    "NOR": (1, 0, 0, 0),
    "XNOR": (1, 0, 0, 1),
    "NOT x2": (1, 0, 1, 0),
    "x1 OR NOT x2": (1, 0, 1, 1),
    "NOT x1": (1, 1, 0, 0),
    "NOT x1 OR x2": (1, 1, 0, 1),
    "NAND": (1, 1, 1, 0),
    "TRUE": (1, 1, 1, 1),
}

#: Largest number of candidate vertices :func:`separating_weights` is willing to check.
MAX_VERTEX_CANDIDATES = 200_000


def _augment(X: np.ndarray) -> np.ndarray:
    """Prepend the constant input :math:`x_0 = 1` to every row of ``X`` (shape (m, n))."""
    return np.hstack([np.ones((X.shape[0], 1)), X])


def _check_points(X, y) -> tuple[np.ndarray, np.ndarray]:
    """``X`` as a float (m, n) array with m >= 1, ``y`` as 0/1 floats of length m."""
    X = as_float_array("X", X, ndim=2)
    y = as_binary("y", y, ndim=1)
    if X.shape[0] == 0:
        raise ValueError(f"X must hold at least one input pattern (a row), got shape {X.shape}")
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y must have the same length: X has {X.shape[0]} rows, y has {y.shape[0]} labels"
        )
    return X, y


def boolean_inputs(n) -> np.ndarray:
    r"""All :math:`2^n` boolean input patterns of ``n`` inputs, as rows in binary counting order.

    Row :math:`j` is :math:`j` written in binary with ``n`` digits, the first column the most
    significant: for ``n = 2`` the rows are (0,0), (0,1), (1,0), (1,1).

    ``n``: an integer, 1 to 16. Returns an int array of shape ``(2**n, n)``.
    Raises ``TypeError`` if ``n`` is not an integer, ``ValueError`` if it is out of range.
    """
    n = as_int("n", n, minimum=1)
    if n > 16:
        raise ValueError(f"n must be at most 16 (2^n patterns are listed), got {n}")
    j = np.arange(2**n)[:, None]
    return (j >> np.arange(n - 1, -1, -1)) & 1


def boolean_functions(n) -> np.ndarray:
    r"""All :math:`2^{2^n}` boolean functions of ``n`` inputs, one truth table per row.

    Row :math:`k` is :math:`k` written in binary with :math:`2^n` digits, most significant first;
    entry :math:`j` is the output for pattern :math:`j` of :func:`boolean_inputs`. For ``n = 2``
    the rows are the tables of :data:`TWO_INPUT_FUNCTIONS`, in the same order.

    ``n``: an integer, 1 to 4. Returns an int array of shape ``(2**(2**n), 2**n)``.
    Raises ``ValueError`` for ``n`` out of range.
    """
    n = as_int("n", n, minimum=1)
    if n > 4:
        raise ValueError(f"n must be at most 4 (there are 2^(2^n) functions), got {n}")
    return boolean_inputs(2**n)


@dataclass(frozen=True)
class PerceptronResult:
    r"""What :func:`train_perceptron` returns.

    ``w``: final weights, shape ``(n + 1,)``, bias first. ``converged``: ``True`` when ``w``
    classifies every input correctly. ``updates``: number of corrections made. ``epochs``:
    passes over the data. ``history``: ``w`` after each update, shape ``(updates + 1, n + 1)``,
    starting with the initial ``w``. ``corrected``: index (row of ``X``) of the input that caused
    each update, shape ``(updates,)``.
    """

    w: np.ndarray
    converged: bool
    updates: int
    epochs: int
    history: np.ndarray
    corrected: np.ndarray


def train_perceptron(X, y, max_epochs=100, *, w_init=None, seed=None, normalize=False):
    r"""The perceptron learning algorithm of the notes.

    With :math:`x_0 = 1` prepended to every input, :math:`P = \{x : y = 1\}` and
    :math:`N = \{x : y = 0\}`, visit the inputs one by one and correct every mistake:

    * if :math:`x \in P` and :math:`w \cdot x < 0`: :math:`w \leftarrow w + x`,
    * if :math:`x \in N` and :math:`w \cdot x \ge 0`: :math:`w \leftarrow w - x`.

    One epoch is one pass over all inputs. Training stops after the first epoch with no
    correction (converged) or after ``max_epochs`` epochs.

    ``X``: inputs, shape ``(m, n)``. ``y``: labels 0/1, shape ``(m,)``. ``max_epochs``: an
    integer >= 1. ``w_init``: the starting weights, shape ``(n + 1,)``, bias first; default
    zeros (the start the convergence theorem assumes). ``seed``: ``None`` visits the inputs
    in the order of ``X`` every epoch; an integer visits them in a random order per epoch drawn
    from ``np.random.default_rng(seed)`` (the notes' "pick a random x"). ``normalize``: scale
    every augmented input :math:`(1, x)` to unit length first, as the convergence proof does
    (it changes neither which side of a plane through the origin an input lies on, nor whether
    the data are separable); ``history`` and ``w`` are then in that scaled space.

    Returns a :class:`PerceptronResult`. Raises ``ValueError`` when ``X`` and ``y`` have
    different lengths, ``y`` holds values other than 0 and 1, ``max_epochs < 1`` or ``w_init``
    has the wrong length; ``TypeError`` for non-numeric input.
    """
    X, y = _check_points(X, y)
    max_epochs = as_int("max_epochs", max_epochs, minimum=1)
    Xa = _augment(X)
    if normalize:
        Xa = Xa / np.linalg.norm(Xa, axis=1, keepdims=True)
    m, d = Xa.shape
    if w_init is None:
        w = np.zeros(d)
    else:
        w = as_float_array("w_init", w_init, ndim=1).copy()
        if w.shape[0] != d:
            raise ValueError(
                f"X has {d - 1} inputs, so w_init needs n + 1 = {d} weights (bias first), "
                f"got {w.shape[0]}"
            )
    rng = None if seed is None else np.random.default_rng(seed)
    history, corrected = [w.copy()], []
    epochs = 0
    for epochs in range(1, max_epochs + 1):  # noqa: B007 (epochs is used after the loop)
        order = range(m) if rng is None else rng.permutation(m)
        changed = False
        for i in order:
            z = w @ Xa[i]
            if y[i] == 1 and z < 0:
                w = w + Xa[i]
            elif y[i] == 0 and z >= 0:
                w = w - Xa[i]
            else:
                continue
            changed = True
            history.append(w.copy())
            corrected.append(int(i))
        if not changed:
            break
    converged = bool(np.array_equal(step(Xa @ w), y))
    return PerceptronResult(
        w=w,
        converged=converged,
        updates=len(corrected),
        epochs=epochs,
        history=np.array(history),
        corrected=np.array(corrected, dtype=int),
    )


def separating_weights(X, y):
    r"""Weights :math:`w` (bias first) of a perceptron that classifies every input correctly,
    or ``None`` when no such perceptron exists. Exact, for small problems.

    With :math:`x_0 = 1` prepended and signs :math:`s_i = +1` for :math:`y_i = 1`, :math:`-1`
    for :math:`y_i = 0`, the data are linearly separable exactly when some :math:`w` satisfies
    :math:`s_i\, w \cdot x_i > 0` for all :math:`i`, or equivalently (scale :math:`w`)
    :math:`A w \ge 1` with rows :math:`a_i = s_i x_i`. Restricted to the span of the rows
    (rank :math:`r`), that set of :math:`w` is a polyhedron without lines, so if it is not empty
    it has a corner where :math:`r` independent rows hold with equality. The method solves
    every such :math:`r \times r` system :math:`a_S w = 1` and keeps a solution with
    :math:`A w \ge 1`: a finite check of all candidates, no iteration that might stop too
    early (unlike running the perceptron, whose failure to converge proves nothing).

    ``X``: inputs, shape ``(m, n)``; ``y``: labels 0/1, shape ``(m,)``. Returns an array of
    shape ``(n + 1,)`` or ``None``. Raises ``ValueError`` for mismatched lengths, labels other
    than 0/1, or a problem with more than :data:`MAX_VERTEX_CANDIDATES` candidate corners
    (for instance 8 boolean inputs); ``TypeError`` for non-numeric input.
    """
    X, y = _check_points(X, y)
    A = (2 * y - 1)[:, None] * _augment(X)
    m = A.shape[0]
    _, s, vt = np.linalg.svd(A, full_matrices=False)
    r = int(np.sum(s > s[0] * 1e-10))
    V = vt[:r].T  # (d, r): an orthonormal basis of the row space
    B = A @ V  # (m, r), full column rank
    n_candidates = comb(m, r)
    if n_candidates > MAX_VERTEX_CANDIDATES:
        raise ValueError(
            f"X is too large for the exact check: {m} inputs in rank {r} give {n_candidates} "
            f"candidate corners (at most {MAX_VERTEX_CANDIDATES})"
        )
    subsets = np.array(list(itertools.combinations(range(m), r)), dtype=int)
    M = B[subsets]  # (K, r, r)
    ok = np.abs(np.linalg.det(M)) > 1e-9
    if not np.any(ok):
        return None
    c = np.linalg.solve(M[ok], np.ones((int(ok.sum()), r, 1)))[..., 0]  # (K', r)
    feasible = np.all(B @ c.T >= 1 - 1e-9, axis=0)
    if not np.any(feasible):
        return None
    w = V @ c[np.argmax(feasible)]
    w[np.abs(w) < 1e-12] = 0.0  # rounding noise of the basis change, for tidy printing
    return w


def is_linearly_separable(X, y) -> bool:
    r"""``True`` when one perceptron, :math:`y = 1` iff :math:`\sum_{i=0}^n w_i x_i \ge 0`,
    classifies every input correctly: some line (plane) has all of :math:`P` on one side and
    all of :math:`N` on the other. Exact for small problems; see :func:`separating_weights`
    for the method, the shapes and the errors raised."""
    return separating_weights(X, y) is not None


def perceptron_margin(X, y, w_star) -> float:
    r"""The margin :math:`\delta` of the convergence theorem for a separating ``w_star``.

    Normalise every augmented input :math:`p = (1, x) / \lVert (1, x) \rVert`, negate the inputs
    of :math:`N`, and take the unit vector :math:`w^* / \lVert w^* \rVert`; then
    :math:`\delta = \min_p w^* \cdot p`. When :math:`\delta > 0` the algorithm started from
    :math:`w = 0` on the normalised inputs makes at most :math:`1/\delta^2` updates.

    ``X``: shape ``(m, n)``; ``y``: 0/1, shape ``(m,)``; ``w_star``: shape ``(n + 1,)``, bias
    first, not zero. Returns a float (negative when ``w_star`` misclassifies an input).
    Raises ``ValueError`` for mismatched shapes, labels other than 0/1, or ``w_star = 0``.
    """
    X, y = _check_points(X, y)
    w_star = as_float_array("w_star", w_star, ndim=1)
    if w_star.shape[0] != X.shape[1] + 1:
        raise ValueError(
            f"X has {X.shape[1]} inputs, so w_star needs {X.shape[1] + 1} weights (bias first), "
            f"got {w_star.shape[0]}"
        )
    norm = np.linalg.norm(w_star)
    if norm == 0:
        raise ValueError("w_star must not be the zero vector")
    Xa = _augment(X)
    p = (2 * y - 1)[:, None] * Xa / np.linalg.norm(Xa, axis=1, keepdims=True)
    return float(np.min(p @ (w_star / norm)))


def separable_data(m, n=2, gamma=0.05, seed=0):
    r"""A random linearly separable data set with margin at least ``gamma``.

    Draws a unit :math:`w^*` (bias first) and inputs uniform in :math:`[-1, 1]^n`, labels
    them :math:`y = 1` iff :math:`w^* \cdot (1, x) \ge 0`, and drops inputs whose normalised
    margin :math:`|w^* \cdot p|` (see :func:`perceptron_margin`) is below ``gamma``, drawing
    more until ``m`` inputs are kept. The bias of :math:`w^*` is kept small so that the line
    crosses the square.

    ``m``: number of inputs (>= 1); ``n``: inputs per pattern (>= 1); ``gamma``: in
    :math:`[0, 0.5)`; ``seed``: for ``np.random.default_rng``. Returns ``(X, y, w_star)`` with
    shapes ``(m, n)``, ``(m,)`` (ints 0/1) and ``(n + 1,)``. Raises ``ValueError`` for values
    out of range.
    """
    m = as_int("m", m, minimum=1)
    n = as_int("n", n, minimum=1)
    gamma = as_float("gamma", gamma)
    if not 0 <= gamma < 0.5:
        raise ValueError(f"gamma must be in [0, 0.5), got {gamma}")
    rng = np.random.default_rng(seed)
    w_star = rng.standard_normal(n + 1)
    w_star[0] *= 0.3
    w_star /= np.linalg.norm(w_star)
    kept = np.empty((0, n))
    while kept.shape[0] < m:
        X = rng.uniform(-1, 1, size=(4 * m, n))
        Xa = _augment(X)
        margin = np.abs(Xa @ w_star) / np.linalg.norm(Xa, axis=1)
        kept = np.vstack([kept, X[margin >= gamma]])
    X = kept[:m]
    y = (_augment(X) @ w_star >= 0).astype(int)
    return X, y, w_star


@dataclass(frozen=True)
class BooleanNetwork:
    r"""One hidden layer of :math:`2^n` perceptrons and an output perceptron.

    Hidden layer: :math:`h = \text{step}(W_1 x + b_1)`, ``W1`` of shape ``(2**n, n)`` (out, in),
    ``b1`` of shape ``(2**n,)``. Output: :math:`\hat y = \text{step}(w_2 \cdot h + b_2)`, ``w2``
    of shape ``(2**n,)``, ``b2`` a float.
    """

    n: int
    W1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float

    def _inputs(self, X) -> np.ndarray:
        X = as_binary("X", X, ndim=(1, 2))
        if X.shape[-1] != self.n:
            raise ValueError(f"X has {X.shape[-1]} inputs but the network expects {self.n}")
        return X

    def hidden(self, X) -> np.ndarray:
        r""":math:`h = \text{step}(W_1 x + b_1)` for boolean ``X`` of shape ``(n,)`` or
        ``(m, n)``; returns shape ``(2**n,)`` or ``(m, 2**n)``. Raises ``ValueError`` for
        non-boolean input or the wrong number of inputs."""
        X = self._inputs(X)
        return step(X @ self.W1.T + self.b1)

    def predict(self, X) -> np.ndarray:
        r""":math:`\hat y = \text{step}(w_2 \cdot h + b_2)` for boolean ``X`` of shape ``(n,)``
        or ``(m, n)``; returns an int or an int array of shape ``(m,)``. Raises ``ValueError``
        for non-boolean input or the wrong number of inputs."""
        H = self.hidden(X)
        y_hat = np.asarray(step(H @ self.w2 + self.b2)).astype(int)
        return int(y_hat) if y_hat.ndim == 0 else y_hat


def boolean_network(targets) -> BooleanNetwork:
    r"""The network of :math:`2^n` hidden perceptrons that computes any truth table exactly.

    Hidden unit :math:`j` belongs to input pattern :math:`j` of :func:`boolean_inputs`: its
    weight is :math:`+1` where the pattern has a 1 and :math:`-1` where it has a 0, its bias
    minus the number of ones. On its own pattern the sum is exactly 0 (it fires); any other
    pattern loses at least 1 (it stays silent). So exactly one hidden unit fires per input.
    The output perceptron ORs the hidden units whose pattern has target 1: weight 1 from
    those, 0 from the others, bias :math:`-1`.

    ``targets``: the truth table, 0/1 of length :math:`2^n` (n >= 1), in the order of
    :func:`boolean_inputs`. Returns a :class:`BooleanNetwork`. Raises ``ValueError`` when the
    length is not a power of two (at least 2) or a target is not 0 or 1.
    """
    t = as_binary("targets", targets, ndim=1)
    size = t.shape[0]
    if size < 2 or size & (size - 1):
        raise ValueError(
            f"targets must be a truth table of length 2^n (2, 4, 8, ...), got length {size}"
        )
    n = size.bit_length() - 1
    patterns = boolean_inputs(n).astype(float)
    W1 = 2 * patterns - 1
    b1 = 0.0 - patterns.sum(axis=1)  # 0.0 - ..., not -..., so no -0 is printed
    return BooleanNetwork(n=n, W1=W1, b1=b1, w2=t.copy(), b2=-1.0)


__all__ = [
    "TWO_INPUT_FUNCTIONS",
    "BooleanNetwork",
    "PerceptronResult",
    "boolean_functions",
    "boolean_inputs",
    "boolean_network",
    "is_linearly_separable",
    "perceptron_margin",
    "separable_data",
    "separating_weights",
    "train_perceptron",
]
