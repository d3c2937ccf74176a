"""The perceptron: boolean patterns, the learning algorithm, separability, the 2^n network.

Notation from the notes: inputs x₁ … xₙ with x₀ = 1 prepended, weights w₀ … wₙ (w[0] is the
bias w₀ = −θ), output y = 1 if Σᵢ₌₀ⁿ wᵢ xᵢ ≥ 0, else 0. Inputs labelled 1 form the set P,
inputs labelled 0 the set N.

Errors: every function checks its arguments and names the one that is wrong. TypeError for
something that is not a real number where numbers belong (None, a string, a complex number, a
bool where a count belongs); ValueError for NaN or infinity, the wrong shape, labels other than
0 and 1, X and y of different lengths, or a count out of range.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from dlnotes._checks import (
    as_binary,
    binary,
    checked,
    flag,
    integer,
    number,
    numbers,
    optional,
    rule,
    seed,
)
from dlnotes.neurons import step

#: Largest |input| train_perceptron accepts: beyond it the sums w·x could overflow.
LARGEST_INPUT = 1e100


@dataclass(frozen=True)
class PerceptronResult:
    """What train_perceptron returns.

    w: final weights, shape (n + 1,), bias first. converged: True when w classifies every input
    correctly. updates: number of corrections made. epochs: passes over the data. history: w
    after each update, shape (updates + 1, n + 1), starting with the initial w. corrected: index
    (row of X) of the input that caused each update, shape (updates,).
    """

    w: np.ndarray
    converged: bool
    updates: int
    epochs: int
    history: np.ndarray
    corrected: np.ndarray


#: Every function of labelled data: X has m ≥ 1 rows (input patterns) and y has m labels.
_LABELLED_POINTS = rule(
    lambda X, y, **_: 0 < X.shape[0] == y.shape[0],
    "X and y must have the same length, at least one: X has {X.shape[0]} rows (input "
    "patterns), y has {y.shape[0]} labels",
)


def _largest(a) -> float:
    return float(np.max(np.abs(a))) if a is not None and a.size else 0.0


@checked(
    _LABELLED_POINTS,
    rule(
        lambda X, w_init, **_: w_init is None or w_init.shape[0] == X.shape[1] + 1,
        lambda X, w_init, **_: (
            f"X has {X.shape[1]} inputs, so w_init needs n + 1 = "
            f"{X.shape[1] + 1} weights (bias first), got {w_init.shape[0]}"
        ),
    ),
    rule(
        lambda X, w_init, normalize, **_: (
            max(_largest(w_init), _largest(X) * (not normalize)) <= LARGEST_INPUT
        ),
        f"X or w_init holds values beyond {LARGEST_INPUT:.0e}, where the sums w·x overflow: "
        "divide X by a constant (or pass normalize=True)",
    ),
    X=numbers(ndim=2),
    y=binary(ndim=1),
    max_epochs=integer(minimum=1),
    w_init=optional(numbers(ndim=1)),
    seed=seed(),
    normalize=flag(),
)
def train_perceptron(X, y, max_epochs=100, *, w_init=None, seed=None, normalize=False):
    """The perceptron learning algorithm of the notes.

    With x₀ = 1 prepended to every input, P = {x : y = 1} and N = {x : y = 0}, visit the inputs
    one by one and correct every mistake:
        if x ∈ P and w·x < 0:  w ← w + x
        if x ∈ N and w·x ≥ 0:  w ← w − x
    One epoch is one pass over all inputs. Training stops after the first epoch with no
    correction (converged) or after max_epochs epochs.

    X: inputs, shape (m, n), |values| ≤ LARGEST_INPUT. y: labels 0/1, shape (m,). max_epochs:
    an integer ≥ 1. w_init: the starting weights, shape (n + 1,), bias first; default zeros
    (the start the convergence theorem assumes). seed: None visits the inputs in the order of
    X every epoch; a whole number ≥ 0 visits them in a random order per epoch drawn from
    np.random.default_rng(seed) (the notes' "pick a random x"). normalize: True scales every
    augmented input (1, x) to length 1 first, as the notes' proof does. That changes neither the
    side of a plane through the origin an input lies on nor whether the data are separable, but
    it changes the run (w + x/‖x‖ is not w + x): its bound is 1/δ², the raw run's R²/γ² (see
    perceptron_margin). history and w are then in that scaled space.
    Returns a PerceptronResult. Errors: see the module.
    """
    Xa = _augment(X)  # every input with x₀ = 1 prepended: rows (1, x₁, …, xₙ)
    if normalize:
        Xa = _unit_rows(Xa)
    w = np.zeros(Xa.shape[1]) if w_init is None else w_init.copy()
    rng = None if seed is None else np.random.default_rng(seed)
    history, corrected = [w.copy()], []
    for epoch in range(1, max_epochs + 1):  # noqa: B007 - epoch is returned
        order = range(len(Xa)) if rng is None else rng.permutation(len(Xa))
        mistakes = 0
        for i in order:
            if y[i] == 1 and w @ Xa[i] < 0:  # x ∈ P but w·x < 0
                w = w + Xa[i]
            elif y[i] == 0 and w @ Xa[i] >= 0:  # x ∈ N but w·x ≥ 0
                w = w - Xa[i]
            else:
                continue
            mistakes += 1
            history.append(w.copy())
            corrected.append(int(i))
        if mistakes == 0:
            break
    return PerceptronResult(
        w=w,
        converged=bool(np.array_equal(step.unchecked(Xa @ w), y)),
        updates=len(corrected),
        epochs=epoch,
        history=np.array(history),
        corrected=np.array(corrected, dtype=int),
    )


#: The 16 boolean functions of two inputs, named, with their truth tables listed in the order
#: of boolean_inputs(2): the outputs for (x1, x2) = (0,0), (0,1), (1,0), (1,1).
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

#: Epochs separating_weights runs before it gives up (boolean problems need at most about 10).
SEPARABILITY_EPOCHS = 1000


def _augment(X: np.ndarray) -> np.ndarray:
    """Prepend the constant input x₀ = 1 to every row of X, shape (m, n) → (m, n + 1)."""
    return np.hstack([np.ones((X.shape[0], 1)), X])


def _unit_rows(A: np.ndarray) -> np.ndarray:
    """Every row of A divided by its length (first by its largest entry, so nothing overflows)."""
    A = A / np.max(np.abs(A), axis=-1, keepdims=True)
    return A / np.linalg.norm(A, axis=-1, keepdims=True)


@checked(n=integer(minimum=1, maximum=16))
def boolean_inputs(n) -> np.ndarray:
    """All 2ⁿ boolean input patterns of n inputs, as rows in binary counting order.

    Row j is j written in binary with n digits, the first column the most significant: for
    n = 2 the rows are (0,0), (0,1), (1,0), (1,1).

    n: an integer, 1 to 16. Returns an int array of shape (2ⁿ, n). Errors: see the module.
    """
    j = np.arange(2**n)[:, None]
    return (j >> np.arange(n - 1, -1, -1)) & 1


@checked(n=integer(minimum=1, maximum=4))
def boolean_functions(n) -> np.ndarray:
    """All 2^(2ⁿ) boolean functions of n inputs, one truth table per row.

    Row k is k written in binary with 2ⁿ digits, most significant first; entry j is the output
    for pattern j of boolean_inputs(n). For n = 2 the rows are the tables of
    TWO_INPUT_FUNCTIONS, in the same order.

    n: an integer, 1 to 4. Returns an int array of shape (2^(2ⁿ), 2ⁿ). Errors: see the module.
    """
    return boolean_inputs.unchecked(2**n)


def _rescaled(X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each column of X mapped onto [0, 1]: x' = (x − lo)/r with lo the column's smallest value
    and r its range (r = 1 for a constant column). Halves first, so that huge values do not
    overflow; a column of two values becomes exactly 0 and 1. Returns X', lo, r."""
    lo, half_range = X.min(axis=0), X.max(axis=0) / 2 - X.min(axis=0) / 2
    half_range[half_range == 0] = 0.5
    return (X / 2 - lo / 2) / half_range, lo, 2 * half_range


def _separates(X: np.ndarray, s: np.ndarray, w: np.ndarray) -> bool:
    """sᵢ (w₀ + Σⱼ wⱼ xᵢⱼ) > 0 for every row i, in exact fractions (no rounding)."""
    w = [Fraction(v) for v in w]
    return all(
        si * (w[0] + sum(wj * Fraction(v) for wj, v in zip(w[1:], x, strict=True))) > 0
        for si, x in zip(s, X, strict=True)
    )


def _updates_cancel(X: np.ndarray, s: np.ndarray, k: np.ndarray) -> bool:
    """Σᵢ kᵢ sᵢ (1, xᵢ) = 0, in exact fractions (no rounding)."""
    total = [Fraction(0)] * (X.shape[1] + 1)
    for ki, si, x in zip(k, s, X, strict=True):
        total = [t + int(ki * si) * Fraction(v) for t, v in zip(total, (1.0, *x), strict=True)]
    return not any(total)


@checked(_LABELLED_POINTS, X=numbers(ndim=2), y=binary(ndim=1))
def separating_weights(X, y):
    """Weights w = (w₀, …, wₙ) of a perceptron that puts every input strictly on its side, or
    None when no line (plane) can do it.

    Separable means: some w has sᵢ w·(1, xᵢ) > 0 for every input i, with sᵢ = +1 on P and −1
    on N. This strict form loses nothing for the rule's w·x ≥ 0 on P: if w·x ≥ 0 on P and
    w·x ≤ −μ < 0 on N, raising w₀ by μ/2 gives w·x ≥ μ/2 on P and ≤ −μ/2 on N.

    Method: the notes' learning algorithm, with three additions that make it a yes/no test.
     1. Rescale each input column onto [0, 1], x'ⱼ = (xⱼ − loⱼ)/rⱼ (lo the smallest value, r
        the range). That maps lines to lines, so the answer is unchanged, and it makes the run
        independent of the data's units and offset (without it, inputs 1e−5 apart would have
        a margin γ 1e5 times smaller and a bound R²/γ² about 1e10 times larger); boolean
        inputs, however scaled or shifted, become exactly 0 and 1.
     2. Visit aᵢ = sᵢ (1, x'ᵢ) in a fixed order and add aᵢ to w whenever w·aᵢ ≤ 0. An epoch
        with no correction ends it: w, mapped back to the original units, separates.
     3. A loop ends it too: if w at the start of an epoch equals w at the start of an earlier
        epoch, the same epochs repeat forever, so by the convergence theorem no separating w
        exists. The loop is itself the proof: its updates add up to zero, Σᵢ kᵢ sᵢ (1, xᵢ) = 0
        with counts kᵢ ≥ 0, so the k-weighted average of the corrected inputs of P equals that
        of N: one point that is an average of P-inputs and of N-inputs, which every w puts on
        both sides of its line at once.
    Both answers are confirmed in exact fractions on the original X, so rounding cannot fake
    either. Chosen over linear programming because it uses only the algorithm and theorem of
    the notes. On boolean data (or any data on a grid) it always ends within a few epochs: w is
    then a whole-number vector that stays bounded (the perceptron cycling theorem), so it can
    take only finitely many values. On real-valued data that are not separable the loop need
    not close exactly; then it gives up with a ValueError rather than guess.

    X: inputs, shape (m, n); y: labels 0/1, shape (m,). Returns an array of shape (n + 1,),
    bias first, or None. Errors: see the module; in addition ValueError when neither happens
    within SEPARABILITY_EPOCHS epochs (real-valued data with a very thin margin or a long loop).
    """
    s = 2 * y - 1
    Xr, lo, r = _rescaled(X)
    A = s[:, None] * _augment(Xr)
    w = np.zeros(A.shape[1])
    k = np.zeros(len(A), dtype=int)  # kᵢ: how often aᵢ was added so far
    seen = {}  # w at the start of an epoch -> k at that moment
    for _ in range(SEPARABILITY_EPOCHS):
        start = tuple(w)
        if start in seen and _updates_cancel(X, s, k - seen[start]):
            return None
        seen[start] = k.copy()
        corrections = 0
        for i, a in enumerate(A):
            if w @ a <= 0:
                w = w + a
                k[i] += 1
                corrections += 1
        if corrections == 0:
            w = np.concatenate([[w[0] - np.sum(w[1:] * (lo / r))], w[1:] / r]) + 0.0
            if _separates(X, s, w):
                return w
            break  # rounding in the change of units: report below rather than guess
    raise ValueError(
        f"could not decide within {SEPARABILITY_EPOCHS} epochs whether X, y are separable "
        "(real-valued data: a very thin margin, or a loop that does not close exactly); the "
        "check is exact for boolean and grid data; train_perceptron(X, y, max_epochs) shows the run"
    )


@checked(_LABELLED_POINTS, X=numbers(ndim=2), y=binary(ndim=1))
def is_linearly_separable(X, y) -> bool:
    """True when one perceptron, y = 1 iff Σᵢ₌₀ⁿ wᵢ xᵢ ≥ 0, classifies every input correctly:
    some line (plane) has all of P on one side and all of N on the other.

    Exact; X: shape (m, n), y: 0/1, shape (m,). See separating_weights for the method and the
    one error it adds to the module's Errors.
    """
    return separating_weights.unchecked(X, y) is not None


@checked(
    _LABELLED_POINTS,
    rule(
        lambda X, w_star, **_: w_star.shape[0] == X.shape[1] + 1 and np.any(w_star),
        lambda X, w_star, **_: (
            f"X has {X.shape[1]} inputs, so w_star needs {X.shape[1] + 1} "
            f"weights (bias first), and it must not be the zero vector; got {w_star.tolist()!r:.60}"
        ),
    ),
    X=numbers(ndim=2),
    y=binary(ndim=1),
    w_star=numbers(ndim=1),
    normalize=flag(),
)
def perceptron_margin(X, y, w_star, normalize=True) -> float:
    """The margin of a separating w_star in the convergence theorem: δ (normalised) or γ (raw).

        δ = min over inputs of w*/‖w*‖ · p,   p = ±(1, x)/‖(1, x)‖  (minus sign for x ∈ N)
        γ = min over inputs of w*/‖w*‖ · p,   p = ±(1, x)           (normalize=False)

    When γ > 0 the algorithm started from w = 0 makes at most R²/γ² updates, R = max ‖(1, x)‖;
    on inputs normalised to length 1 (train_perceptron(..., normalize=True)) R = 1 and the
    bound is 1/δ². X: shape (m, n); y: 0/1, shape (m,); w_star: shape (n + 1,), bias first, not
    zero; normalize: True for δ, False for γ. Returns a float (negative when w_star
    misclassifies an input). Errors: see the module.
    """
    p = (2 * y - 1)[:, None] * _augment(X)
    if normalize:
        return float(np.min(_unit_rows(p) @ _unit_rows(w_star)))
    scale = np.max(np.abs(p))  # divide first, multiply last: huge inputs do not overflow
    return float(np.min((p / scale) @ _unit_rows(w_star)) * scale)


@checked(
    rule(lambda gamma, **_: 0 <= gamma < 0.5, "gamma must be in [0, 0.5), got {gamma}"),
    m=integer(minimum=1),
    n=integer(minimum=1),
    gamma=number(),
    seed=seed(),
)
def separable_data(m, n=2, gamma=0.05, seed=0):
    """A random linearly separable data set with margin at least gamma.

    Draws a unit w* (bias first) and inputs uniform in [−1, 1]ⁿ, labels them y = 1 iff
    w*·(1, x) ≥ 0, and drops inputs whose normalised margin |w*·p| (see perceptron_margin) is
    below gamma, drawing more until m inputs are kept. The bias of w* is kept small so that the
    line crosses the square.

    m: number of inputs (≥ 1); n: inputs per pattern (≥ 1); gamma: in [0, 0.5); seed: a whole
    number ≥ 0 (or None) for np.random.default_rng. Returns (X, y, w_star) with shapes (m, n),
    (m,) (ints 0/1) and (n + 1,). Errors: see the module.
    """
    rng = np.random.default_rng(seed)
    w_star = rng.standard_normal(n + 1)
    w_star[0] *= 0.3
    w_star /= np.linalg.norm(w_star)
    kept = np.empty((0, n))
    while kept.shape[0] < m:
        X = rng.uniform(-1, 1, size=(4 * m, n))
        margin = np.abs(_unit_rows(_augment(X)) @ w_star)
        kept = np.vstack([kept, X[margin >= gamma]])
    X = kept[:m]
    y = (_augment(X) @ w_star >= 0).astype(int)
    return X, y, w_star


@dataclass(frozen=True)
class BooleanNetwork:
    """One hidden layer of 2ⁿ perceptrons and an output perceptron.

    Hidden layer: h = step(W₁ x + b₁), W1 of shape (2ⁿ, n) (out, in), b1 of shape (2ⁿ,).
    Output: ŷ = step(w₂·h + b₂), w2 of shape (2ⁿ,), b2 a float.
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
        """h = step(W₁ x + b₁) for boolean X of shape (n,) or (m, n); returns shape (2ⁿ,) or
        (m, 2ⁿ). Errors (non-boolean X, wrong number of inputs): see the module."""
        X = self._inputs(X)
        return step(X @ self.W1.T + self.b1)

    def predict(self, X) -> np.ndarray:
        """ŷ = step(w₂·h + b₂) for boolean X of shape (n,) or (m, n); returns an int or an int
        array of shape (m,). Errors (non-boolean X, wrong number of inputs): see the module."""
        H = self.hidden(X)
        y_hat = np.asarray(step(H @ self.w2 + self.b2)).astype(int)
        return int(y_hat) if y_hat.ndim == 0 else y_hat


@checked(
    rule(
        lambda targets: len(targets) in {2**n for n in range(1, 17)},
        "targets must be a truth table of length 2^n (2, 4, 8, ..., 65536), got length "
        "{targets.size}",
    ),
    targets=binary(ndim=1),
)
def boolean_network(targets) -> BooleanNetwork:
    """The network of 2ⁿ hidden perceptrons that computes any truth table exactly.

    Hidden unit j belongs to input pattern j of boolean_inputs(n): its weight is +1 where the
    pattern has a 1 and −1 where it has a 0, its bias minus the number of ones. On its own
    pattern the sum is exactly 0 (it fires); any other pattern loses at least 1 (it stays
    silent). So exactly one hidden unit fires per input. The output perceptron ORs the hidden
    units whose pattern has target 1: weight 1 from those, 0 from the others, bias −1.

    targets: the truth table, 0/1 of length 2ⁿ (1 ≤ n ≤ 16), in the order of boolean_inputs.
    Returns a BooleanNetwork. Errors: see the module.
    """
    n = len(targets).bit_length() - 1
    patterns = boolean_inputs.unchecked(n).astype(float)
    W1 = 2 * patterns - 1
    b1 = 0.0 - patterns.sum(axis=1)  # 0.0 - ..., not -..., so no -0 is printed
    return BooleanNetwork(n=n, W1=W1, b1=b1, w2=targets.copy(), b2=-1.0)


__all__ = [
    "LARGEST_INPUT",
    "SEPARABILITY_EPOCHS",
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
