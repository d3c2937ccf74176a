"""Feed-forward networks and backpropagation, in the notes' notation.

The notes number the layers from 1 (the input is layer 0, h₀ = x):

    a_i = b_i + W_i h_{i−1},   h_i = g(a_i)   (i = 1 … L−1),   ŷ = h_L = O(a_L).

Python counts from 0, so in the code ``W[i]`` and ``b[i]`` hold the notes' W_{i+1} and b_{i+1}
(``W[0]`` is W₁, ``W[-1]`` is W_L), and ``H[i]`` holds h_i (``H[0]`` is the input). Comments use
the code's 0-based indices unless they say "maths". W[i] has shape (out, in) = (sizes[i+1],
sizes[i]), so a = W h + b; the notes write the shapes the other way round, in × out (W_L ∈ ℝ^{n×k}),
so their W is the transpose of this one. A batch holds one example per *row*, so a layer reads
A = H Wᵀ + b on the whole batch.

Backpropagation (one example; on a batch each vector becomes a matrix of rows):

    ∇a_L = ∂ℒ/∂a_L, from the loss and the output function (see _grad_a_L; notebook 05 derives it)
    ∇W_i = ∇a_i h_{i−1}ᵀ,  ∇b_i = ∇a_i,  for i = L, L−1, …, 1, and
    ∇h_{i−1} = W_iᵀ ∇a_i,  ∇a_{i−1} = ∇h_{i−1} ⊙ g'(a_{i−1})  (only for i ≥ 2: the input has no g).

The output functions (softmax, log_softmax, log_sigmoid) live beside the sigmoid in
dlnotes.neurons, the gradient check in dlnotes.gradcheck; this module re-exports them.

Errors: every public function raises ``TypeError`` for input of the wrong kind (strings, None,
complex numbers) and ``ValueError`` for a wrong shape, NaN or infinity, labels out of range, an
impossible configuration (cross-entropy with a linear output, a softmax over one output), or
sums that overflow; each message names the argument. ``fit`` raises ``TrainingDiverged`` (a
``ValueError``) when the loss blows up.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from dlnotes._checks import as_callable, as_choice, as_float, as_float_array, as_int
from dlnotes.gradcheck import gradient_check, gradient_errors
from dlnotes.neurons import log_sigmoid, log_softmax, sigmoid, softmax

ACTIVATIONS = ("sigmoid", "tanh")
OUTPUTS = ("linear", "sigmoid", "softmax")
LOSSES = ("squared_error", "cross_entropy")
REDUCTIONS = ("mean", "sum")


class TrainingDiverged(ValueError):
    """``fit`` stopped because the loss became NaN/infinite or grew far above its start."""


def _array(name: str, value, shape=None) -> np.ndarray:
    """value as a finite float64 array (of the given shape). A finite float64 array, what a
    training step passes, skips the checks and the copy of as_float_array: measured, a step of
    2-16-16-3 on 64 rows is then 1.2 times as fast, of 2-32-32-3 on 300 rows 1.6 times."""
    if not (type(value) is np.ndarray and value.dtype == np.float64 and np.isfinite(value).all()):
        value = as_float_array(name, value)
    if shape is not None and value.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {value.shape}")
    return value


def layer_backward(grad_a, h_prev, W):
    """One layer's backward step on a batch whose rows are examples.

    grad_a: the rows ∇a of the layer, shape (batch, out); h_prev: the rows h of the layer
    below, its input, shape (batch, in); W: its weights, shape (out, in). Returns

        grad_W = grad_aᵀ h_prev       Σ over the rows of ∇a h_prevᵀ, shape (out, in),
        grad_b = Σ rows of grad_a     shape (out,),
        grad_h_prev = grad_a W        each row is Wᵀ ∇a, shape (batch, in).

    FeedForwardNetwork.backward calls it for every layer as net.layer_backward, which notebook
    05's exercise replaces with the learner's own.
    """
    grad_a, h_prev, W = _layer_arrays(grad_a, h_prev, W)
    return grad_a.T @ h_prev, grad_a.sum(axis=0), grad_a @ W


def _layer_arrays(grad_a, h_prev, W):
    """The three arguments of layer_backward as finite real matrices of matching shapes."""
    grad_a, h_prev, W = _array("grad_a", grad_a), _array("h_prev", h_prev), _array("W", W)
    if not grad_a.ndim == h_prev.ndim == W.ndim == 2:
        raise ValueError("grad_a, h_prev and W must be matrices (2-D): rows of a batch, and W")
    (m, n_out), (m_h, n_in) = grad_a.shape, h_prev.shape
    if m != m_h or W.shape != (n_out, n_in):
        raise ValueError(
            f"shapes do not fit: grad_a {grad_a.shape} is (batch, out), h_prev {h_prev.shape} "
            f"is (batch, in), so W must be {(n_out, n_in)}; got W {W.shape}"
        )
    return grad_a, h_prev, W


class _Overflow(ValueError):
    """A sum overflowed: what ``fit`` reads as η too large (any other ValueError is a bug)."""


@contextmanager
def _no_overflow(what: str):
    """Numpy's overflow as an _Overflow naming what overflowed, not a warning and a silent inf."""
    try:
        with np.errstate(over="raise", invalid="raise"):
            yield
    except FloatingPointError:
        raise _Overflow(f"{what} overflowed: X, W or b hold numbers too large to add up") from None


class FeedForwardNetwork:
    """A fully connected network: a_i = b_i + W_i h_{i−1}, h_i = g(a_i), ŷ = O(a_L).

    sizes: [n₀, n₁, …, k], the layer widths, input first (each ≥ 1; [1, 1] with
    output="sigmoid" is one sigmoid neuron). activation: g, "sigmoid" or "tanh". output: O,
    "linear", "sigmoid" or "softmax" (k ≥ 2). loss: "squared_error" ½ Σ_j (ŷ_j − y_j)², or
    "cross_entropy" −Σ_j y_j log ŷ_j (with a sigmoid output: −Σ_j [y_j log ŷ_j + (1 − y_j)
    log(1 − ŷ_j)]). reduction: "mean" (default) averages the loss over a batch's examples, "sum"
    adds them up (the notes' convention); with the mean the gradient does not grow with the
    batch, so one η suits every batch size. seed: W_i ~ N(0, 1)/√(in_i) is drawn from
    np.random.default_rng(seed), b_i = 0; the √(in_i) keeps each a_i of order 1 for any width.

    Attributes: W, b, lists (W[i], the notes' W_{i+1}, has shape (sizes[i+1], sizes[i]), b[i]
    shape (sizes[i+1],)): edit or replace them, every call reads them afresh. layer_backward:
    the function backward calls for each layer; set it on a network to try your own.
    """

    layer_backward = staticmethod(layer_backward)

    def __init__(
        self,
        sizes,
        activation: str = "sigmoid",
        output: str = "softmax",
        loss: str = "cross_entropy",
        seed: int = 0,
        reduction: str = "mean",
    ):
        if not isinstance(sizes, (list, tuple, np.ndarray)) or len(sizes) < 2:
            raise TypeError(f"sizes must be a list of layer widths [n, hidden..., k], got {sizes}")
        self.sizes = [as_int(f"sizes[{i}]", s, minimum=1) for i, s in enumerate(sizes)]
        self.activation = as_choice("activation", activation, ACTIVATIONS)
        self.output = as_choice("output", output, OUTPUTS)
        self.loss_name = as_choice("loss", loss, LOSSES)
        self.reduction = as_choice("reduction", reduction, REDUCTIONS)
        if self.loss_name == "cross_entropy" and self.output == "linear":
            raise ValueError("loss='cross_entropy' needs output='softmax' or 'sigmoid'")
        if self.output == "softmax" and self.sizes[-1] == 1:
            raise ValueError("softmax over k = 1 output is always 1: use k ≥ 2 or output='sigmoid'")
        self.seed = as_int("seed", seed, minimum=0)
        rng = np.random.default_rng(self.seed)
        self.W = [rng.standard_normal((o, i)) / np.sqrt(i) for o, i in self._shapes()]
        self.b = [np.zeros(o) for o, _ in self._shapes()]

    def __repr__(self) -> str:
        names = f"{self.activation!r}, {self.output!r}, {self.loss_name!r}"
        return f"FeedForwardNetwork({self.sizes}, {names})"

    def _shapes(self):
        """The shape (out, in) = (sizes[i+1], sizes[i]) of each W[i]."""
        return list(zip(self.sizes[1:], self.sizes[:-1], strict=True))

    @property
    def n_params(self) -> int:
        """How many numbers θ = [W_1 … W_L, b_1 … b_L] holds."""
        return sum(o * i + o for o, i in self._shapes())

    # -- checking what comes in ----------------------------------------------------------------
    def _params(self):
        """The current W, b as finite arrays of the right shapes (the lists are not changed)."""
        shapes = self._shapes()
        if len(self.W) != len(shapes) or len(self.b) != len(shapes):
            raise ValueError(f"W and b need {len(shapes)} entries each for sizes {self.sizes}")
        W = [_array(f"W[{i}]", self.W[i], shape) for i, shape in enumerate(shapes)]
        b = [_array(f"b[{i}]", self.b[i], shape[:1]) for i, shape in enumerate(shapes)]
        return W, b

    def _inputs(self, X) -> np.ndarray:
        """X as a finite (batch, n) float array (a 1-D X is one feature per row when n = 1)."""
        X = _array("X", X)
        n = self.sizes[0]
        X = X[:, None] if X.ndim == 1 and n == 1 else X
        if X.ndim != 2 or X.shape[1] != n or X.shape[0] == 0:
            raise ValueError(f"X must have shape (batch, {n}) with batch >= 1, got {X.shape}")
        return X

    def _labels(self, y, m: int, name: str = "y") -> np.ndarray:
        """Whole-number class labels, shape (m,), each in 0 … k−1 (0/1 for one output)."""
        y = _array(name, y, (m,))
        top = max(self.sizes[-1], 2) - 1
        if not (np.array_equal(y, np.round(y)) and y.min() >= 0 and y.max() <= top):
            raise ValueError(f"{name} must hold whole-number labels 0 … {top}, got {y[:5]}")
        return y.astype(np.int64)

    def _targets(self, Y, m: int) -> np.ndarray:
        """Targets as rows of length k: class labels (shape (m,), k ≥ 2) become one-hot rows."""
        Y = _array("Y", Y)
        k = self.sizes[-1]
        if Y.ndim == 1 and k > 1:
            return np.eye(k)[self._labels(Y, m, "Y")]  # label ℓ -> e(ℓ)
        Y = Y.reshape(m, 1) if Y.shape == (m,) else Y
        if Y.shape != (m, k):
            raise ValueError(f"Y must have shape ({m}, {k}) or labels ({m},), got {Y.shape}")
        if self.loss_name == "cross_entropy" and ((Y < 0).any() or (Y > 1).any()):
            raise ValueError("Y must lie in [0, 1] for cross-entropy (one-hot rows)")
        if self.loss_name == "cross_entropy" and self.output == "softmax":
            if np.abs(Y.sum(axis=1) - 1).max() > 1e-6:
                raise ValueError("Y must be rows summing to 1 for softmax cross-entropy")
        return Y

    # -- forward -------------------------------------------------------------------------------
    def _g(self, a):
        return np.tanh(a) if self.activation == "tanh" else sigmoid(a)

    def _g_prime(self, h):
        """g'(a) from h = g(a): σ' = σ(1 − σ), tanh' = 1 − tanh²."""
        return 1 - h * h if self.activation == "tanh" else h * (1 - h)

    def _out(self, a_L):
        """ŷ = O(a_L)."""
        if self.output == "linear":
            return a_L
        return sigmoid(a_L) if self.output == "sigmoid" else softmax(a_L)

    def _forward(self, X, W, b):
        """H = [h_0, …, h_{L−1}] (H[0] = X) and a_L, for a checked batch X."""
        H = [X]
        for i in range(len(W) - 1):
            H.append(self._g(H[i] @ W[i].T + b[i]))  # H[i+1] = g(H[i] W[i]ᵀ + b[i])
        return H, H[-1] @ W[-1].T + b[-1]  # a_L = H[L−1] W[L−1]ᵀ + b[L−1]

    def forward(self, X) -> np.ndarray:
        """ŷ = O(a_L) for each row of X: A = H Wᵀ + b, H = g(A), layer by layer.

        X: (batch, n), or (batch,) if n = 1. Returns ŷ, shape (batch, k).
        """
        with _no_overflow("forward"):
            return self._out(self._forward(self._inputs(X), *self._params())[1])

    # -- loss ----------------------------------------------------------------------------------
    def _loss(self, a_L, Y) -> float:
        """The loss of a checked batch from its a_L, reduced over the rows."""
        if self.loss_name == "squared_error":
            total = 0.5 * np.sum((self._out(a_L) - Y) ** 2)
        elif self.output == "softmax":
            total = -np.sum(Y * log_softmax(a_L))  # −Σ log ŷ_ℓ for one-hot rows
        else:
            total = -np.sum(Y * log_sigmoid(a_L) + (1 - Y) * log_sigmoid(-a_L))
        return float(total / len(Y) if self.reduction == "mean" else total) + 0.0

    def loss(self, X, Y) -> float:
        """L(θ) on the batch, averaged over the examples (reduction="mean") or summed ("sum").

        Per example as in the class docstring; cross-entropy via log softmax(a_L), finite for any
        logits. X: (batch, n); Y: labels (batch,) if k ≥ 2, or targets (batch, k).
        """
        X = self._inputs(X)
        Y = self._targets(Y, len(X))
        with _no_overflow("loss"):
            return self._loss(self._forward(X, *self._params())[1], Y)

    # -- backward ------------------------------------------------------------------------------
    def _grad_a_L(self, a_L, Y):
        """∇a_L for every row, from the loss and the output function O."""
        y_hat = self._out(a_L)
        # Cross-entropy: softmax, −log ŷ_ℓ = −a_ℓ + log Σ_q e^{a_q} ⇒ ∂/∂a_j = ŷ_j − y_j; sigmoid,
        # −[y log σ(a) + (1 − y) log(1 − σ(a))] with σ' = σ(1 − σ) ⇒ ∂/∂a = σ(a) − y.
        G = y_hat - Y
        if self.loss_name == "squared_error" and self.output == "sigmoid":
            G = G * y_hat * (1 - y_hat)  # chain rule: (ŷ − y) σ'(a), σ' = σ(1 − σ)
        elif self.loss_name == "squared_error" and self.output == "softmax":
            # ∂ŷ_q/∂a_j = ŷ_q(δ_qj − ŷ_j) ⇒ ∂/∂a_j = Σ_q (ŷ_q − y_q) ŷ_q(δ_qj − ŷ_j)
            G = y_hat * (G - np.sum(G * y_hat, axis=1, keepdims=True))
        return G / len(Y) if self.reduction == "mean" else G

    def backward(self, X, Y, *, return_loss: bool = False):
        """∇W_i and ∇b_i of the loss for every layer, by backpropagation on the whole batch.

        With G = the rows ∇a of a layer: ∇W = Gᵀ H, ∇b = Σ rows of G, ∇H = G W (done by
        ``self.layer_backward``), then ∇A below = ∇H ⊙ g'(A). The loss is averaged or summed
        over the batch as ``reduction`` says, and so are the gradients.

        X, Y as in ``loss``. Returns (dW, db), lists shaped like W and b; with return_loss=True,
        (loss, dW, db) from the same forward pass. Raises as the module says.
        """
        X = self._inputs(X)
        Y = self._targets(Y, len(X))
        W, b = self._params()
        with _no_overflow("backward"):
            H, a_L = self._forward(X, W, b)  # H[i] = h_i, i = 0 … L−1
            G = self._grad_a_L(a_L, Y)  # ∇a_L, one row per example
            dW, db = [None] * len(H), [None] * len(H)
            for i in reversed(range(len(H))):  # layer i: a = H[i] W[i]ᵀ + b[i]
                dW[i], db[i], grad_h = self.layer_backward(G, H[i], W[i])
                if i > 0:
                    # ∇a of the layer below (its output is H[i])
                    G = grad_h * self._g_prime(H[i])
            loss = self._loss(a_L, Y) if return_loss else None
        return (loss, dW, db) if return_loss else (dW, db)

    # -- training ------------------------------------------------------------------------------
    def step(self, X, Y, eta: float) -> float:
        """One gradient-descent step θ ← θ − η ∇θ on the batch; returns the loss before it."""
        eta = as_float("eta", eta, positive=True)
        loss, dW, db = self.backward(X, Y, return_loss=True)
        for i in range(len(dW)):
            self.W[i] = self.W[i] - eta * dW[i]
            self.b[i] = self.b[i] - eta * db[i]
        return loss

    def fit(self, X, Y, eta: float, epochs: int, batch_size=None, seed: int = 0, callback=None):
        """Gradient descent θ ← θ − η ∇θ, for ``epochs`` passes over X, Y (shapes as in loss).

        batch_size=None: one step per epoch on all rows (the notes' loop); otherwise one step
        per mini-batch, the rows shuffled each epoch by np.random.default_rng(seed).
        callback(epoch, loss), if given, runs after each epoch with the loss on all of X, Y; the
        network then holds exactly the weights that gave that loss, and returning False stops.

        Returns the loss history: the loss before training and after each epoch. Raises
        TrainingDiverged when the loss becomes NaN/infinite or grows above 10 times its start.
        """
        X = self._inputs(X)
        Y = self._targets(Y, len(X))
        eta = as_float("eta", eta, positive=True)
        epochs = as_int("epochs", epochs, minimum=0)
        m = len(X)
        size = m if batch_size is None else min(as_int("batch_size", batch_size, minimum=1), m)
        callback = None if callback is None else as_callable("callback", callback)
        rng = np.random.default_rng(as_int("seed", seed, minimum=0))
        whole = [slice(None)]  # all rows as one batch, no copy
        history = [self.loss(X, Y)]
        for epoch in range(1, epochs + 1):
            batches = whole if size == m else np.split(rng.permutation(m), range(size, m, size))
            try:
                with _no_overflow("a step θ − η ∇θ"):  # also where the step itself overflows
                    for rows in batches:
                        self.step(X[rows], Y[rows], eta)
                    history.append(self.loss(X, Y))
            except _Overflow as err:  # a sum overflowed; other errors surface as themselves
                raise self._diverged(eta, epoch, m, f"({err})") from None
            if not history[-1] <= 10 * history[0] + 1e-12:
                raise self._diverged(eta, epoch, m, f"(from {history[0]:.4g} to {history[-1]:.4g})")
            if callback is not None and callback(epoch, history[-1]) is False:
                break
        return np.array(history)

    def _diverged(self, eta, epoch, m, detail) -> TrainingDiverged:
        advice = f"try eta = {eta / 10:g} or smaller"  # the summed gradient is m times the mean's:
        if self.reduction == "sum":
            advice = f"try eta = {eta / m:g} (eta / m for the summed loss) or reduction='mean'"
        return TrainingDiverged(
            f"training diverged: the loss blew up at epoch {epoch} {detail}; eta = {eta:g} is "
            f"too large for this network: {advice}"
        )

    # -- using the trained network -------------------------------------------------------------
    def predict(self, X) -> np.ndarray:
        """The predicted class of each row: argmax ŷ (k ≥ 2), or ŷ ≥ ½ as 0/1 for a single
        sigmoid output, or ŷ itself for a single linear output. Shape (batch,)."""
        y_hat = self.forward(X)
        if y_hat.shape[1] > 1:
            return y_hat.argmax(axis=1)
        if self.output == "sigmoid":
            return (y_hat[:, 0] >= 0.5).astype(np.int64)
        return y_hat[:, 0]

    def accuracy(self, X, y) -> float:
        """The fraction of rows whose predicted class equals the label y (0 … k−1, shape (batch,));
        a classifier only (not a single linear output)."""
        if self.output == "linear" and self.sizes[-1] == 1:
            raise ValueError("accuracy needs class predictions; this network has one linear output")
        predicted = self.predict(X)
        return float(np.mean(predicted == self._labels(y, len(predicted))))


__all__ = ["FeedForwardNetwork", "TrainingDiverged", "layer_backward", "gradient_check"]
__all__ += ["gradient_errors", "sigmoid", "softmax", "log_softmax", "log_sigmoid"]
