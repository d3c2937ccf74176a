"""Feed-forward networks and backpropagation, in the notes' notation.

The notes number the layers from 1; the input is h_0 = x:

    a_i = b_i + W_i h_{i−1},   h_i = g(a_i)   (i = 1 … L−1),   ŷ = O(a_L).

W_i has shape (out, in): row j holds the weights into neuron j of layer i, so W_i h_{i−1} is
the usual matrix times vector, exactly as the formula is written. (The notes state the shape of
W_L as ℝ^{n×k}, in × out; the formula needs k × n, and this module follows the formula.)

Index mapping, the only one: Python lists count from 0, so self.W[i − 1] is W_i and
self.b[i − 1] is b_i; inside backward H[i] is h_i (H[0] = x). Every i below is the notes' i.

A batch holds one example per row. Each a_i, h_i becomes a matrix of rows, and a layer reads
A_i = H_{i−1} W_iᵀ + b_i, which is why the code writes h @ W.T + b.

Backpropagation (one example; on a batch each vector becomes a matrix of rows):

    ∇a_L = ∂L/∂a_L                          from the loss and O (grad_a_L; ŷ − y for cross-entropy)
    ∇W_i = ∇a_i h_{i−1}ᵀ,  ∇b_i = ∇a_i,  ∇h_{i−1} = W_iᵀ ∇a_i       (layer_backward)
    ∇a_{i−1} = ∇h_{i−1} ⊙ g'(a_{i−1})       for i = L, L−1, …, 2

The output functions (softmax, log_softmax, log_sigmoid) live beside the sigmoid in
dlnotes.neurons, the gradient check in dlnotes.gradcheck; this module re-exports them.

Errors: each public method checks its arguments once, in the one line @door(...) above it (the
rules are in dlnotes._ffn_checks), and a wrong argument is a TypeError or ValueError that names
it. ``fit`` raises ``TrainingDiverged`` (a ``ValueError``) when the loss blows up, and then
leaves the network as it was before the call.
"""

from __future__ import annotations

import numpy as np

from dlnotes import _ffn_checks as rules
from dlnotes._checks import flag, from_outside, integer, number, numbers, one_of
from dlnotes._ffn_checks import door
from dlnotes.gradcheck import errors_vs_epsilon, gradient_check, gradient_errors
from dlnotes.neurons import log_sigmoid, log_softmax, sigmoid, softmax

ACTIVATIONS = ("sigmoid", "tanh")
OUTPUTS = ("linear", "sigmoid", "softmax")
LOSSES = ("squared_error", "cross_entropy")
REDUCTIONS = ("mean", "sum")
_CHOICES = {  # the door of __init__: each option must be one of its names
    "activation": one_of(*ACTIVATIONS),
    "output": one_of(*OUTPUTS),
    "loss": one_of(*LOSSES),
    "reduction": one_of(*REDUCTIONS),
}


class TrainingDiverged(ValueError):
    """``fit`` stopped because the loss became NaN/infinite or grew far above its start."""


def one_hot(labels, k: int) -> np.ndarray:
    """The one-hot rows e(ℓ) of class labels 0 … k − 1: row j is all 0 but a 1 in column
    labels[j]. labels: shape (batch,); returns shape (batch, k). A helper of loss and
    grad_a_L, whose doors check the labels (it has no door of its own)."""
    return np.eye(k)[np.asarray(labels).astype(np.int64)]


@door(rules.LAYER_SHAPES, grad_a=numbers(ndim=2), h_prev=numbers(ndim=2), W=numbers(ndim=2))
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
    return grad_a.T @ h_prev, grad_a.sum(axis=0), grad_a @ W


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

    Attributes: W, b, lists (W[i − 1] is W_i, shape (sizes[i], sizes[i − 1]); b[i − 1] is b_i,
    shape (sizes[i],)): edit or replace them with numpy arrays, every call reads them afresh.
    layer_backward: the function backward calls for each layer; set it on a network to try
    your own. g, g_prime, output_function: g, g' and O.
    """

    layer_backward = staticmethod(layer_backward)

    @door(rules.NETWORK, seed=integer(minimum=0), **_CHOICES)
    def __init__(
        self,
        sizes,
        activation: str = "sigmoid",
        output: str = "softmax",
        loss: str = "cross_entropy",
        seed: int = 0,
        reduction: str = "mean",
    ):
        self.sizes, self.activation, self.output = sizes, activation, output
        self.loss_name, self.seed, self.reduction = loss, seed, reduction
        rng = np.random.default_rng(seed)
        self.W = [rng.standard_normal((o, i)) / np.sqrt(i) for o, i in self._shapes()]
        self.b = [np.zeros(o) for o, _ in self._shapes()]

    def __repr__(self) -> str:
        names = f"{self.activation!r}, {self.output!r}, {self.loss_name!r}"
        return f"FeedForwardNetwork({self.sizes}, {names})"

    def _shapes(self):
        """The shape (out, in) = (sizes[i], sizes[i − 1]) of each W_i, i = 1 … L."""
        return list(zip(self.sizes[1:], self.sizes[:-1], strict=True))

    @property
    def n_params(self) -> int:
        """How many numbers θ = [W_1 … W_L, b_1 … b_L] holds."""
        return sum(o * i + o for o, i in self._shapes())

    # -- the functions of a layer ---------------------------------------------------------------
    def g(self, a):
        """The activation h = g(a): σ(a) or tanh(a)."""
        return np.tanh(a) if self.activation == "tanh" else sigmoid.unchecked(a)

    def g_prime(self, h):
        """g'(a), written with h = g(a): σ' = σ(1 − σ) = h(1 − h), tanh' = 1 − tanh² = 1 − h²."""
        return 1 - h * h if self.activation == "tanh" else h * (1 - h)

    def output_function(self, a_L):
        """ŷ = O(a_L): a_L itself, σ(a_L), or softmax over each row."""
        if self.output == "linear":
            return a_L
        return sigmoid.unchecked(a_L) if self.output == "sigmoid" else softmax.unchecked(a_L)

    def _targets(self, Y):
        """Y as rows of targets, shape (batch, k): class labels ℓ − 1 (shape (batch,), k ≥ 2)
        become the one-hot rows e(ℓ), a single column (batch,) for k = 1 becomes (batch, 1)."""
        if np.ndim(Y) == 2:
            return Y
        k = self.sizes[-1]
        return one_hot(Y, k) if k > 1 else np.reshape(Y, (-1, 1))

    # -- forward -------------------------------------------------------------------------------
    @door(rules.BATCH, X=numbers(), keep=flag())
    def forward(self, X, keep: bool = False):
        """ŷ = O(a_L) for each row x of X, layer by layer:

            h_0 = x,   h_i = g(a_i),  a_i = b_i + W_i h_{i−1}  (i = 1 … L−1),   ŷ = O(a_L).

        X: (batch, n), or (batch,) if n = 1. Returns ŷ, shape (batch, k); with keep=True
        (H, a_L) instead, H = [h_0, …, h_{L−1}] the rows of every layer (what backward needs).
        """
        H = [X]  # H[i] = h_i, one row per example
        for W, b in zip(self.W[:-1], self.b[:-1], strict=True):  # layers i = 1 … L−1
            H.append(self.g(H[-1] @ W.T + b))  # h_i = g(a_i),  a_i = b_i + W_i h_{i−1}
        a_L = H[-1] @ self.W[-1].T + self.b[-1]
        return (H, a_L) if keep else self.output_function(a_L)

    # -- loss -----------------------------------------------------------------------------------
    @door(rules.LABELLED, X=numbers(), Y=numbers())
    def loss(self, X, Y) -> float:
        """L(θ) on the batch, averaged over the examples (reduction="mean") or summed ("sum").

        Per example as in the class docstring; cross-entropy via log softmax(a_L), finite for any
        logits. X: (batch, n); Y: labels (batch,) if k ≥ 2, or targets (batch, k).
        """
        _, a_L = self.forward(X, keep=True)
        Y = self._targets(Y)  # labels → one-hot rows
        if self.loss_name == "squared_error":
            total = 0.5 * np.sum((self.output_function(a_L) - Y) ** 2)
        elif self.output == "softmax":
            total = -np.sum(Y * log_softmax.unchecked(a_L))  # −Σ log ŷ_ℓ for one-hot rows
        else:
            total = -np.sum(Y * log_sigmoid.unchecked(a_L) + (1 - Y) * log_sigmoid.unchecked(-a_L))
        return float(total / len(Y) if self.reduction == "mean" else total) + 0.0  # no −0.0

    # -- backward -------------------------------------------------------------------------------
    @door(rules.OUTPUT_TARGETS, a_L=numbers(ndim=2), Y=numbers())
    def grad_a_L(self, a_L, Y):
        """∇a_L = ∂L/∂a_L for every row, from the loss and the output function O:

            cross-entropy, softmax or sigmoid O:  ŷ − y   (−log ŷ_ℓ = −a_ℓ + log Σ_q e^{a_q})
            squared error, linear O:              ŷ − y
            squared error, sigmoid O:             (ŷ − y) ⊙ ŷ(1 − ŷ)          (σ' = σ(1 − σ))
            squared error, softmax O:             ŷ ⊙ (G − Σ_q G_q ŷ_q),  G = ŷ − y
        (∂ŷ_q/∂a_j = ŷ_q(δ_qj − ŷ_j)), divided by the batch size for reduction="mean".
        a_L: (batch, k); Y: labels (batch,) or targets (batch, k). Returns shape (batch, k).
        """
        y_hat = self.output_function(a_L)
        G = y_hat - self._targets(Y)  # labels → one-hot rows y
        if self.loss_name == "squared_error" and self.output == "sigmoid":
            G = G * y_hat * (1 - y_hat)
        elif self.loss_name == "squared_error" and self.output == "softmax":
            G = y_hat * (G - np.sum(G * y_hat, axis=1, keepdims=True))
        return G / len(Y) if self.reduction == "mean" else G

    @door(rules.LABELLED, X=numbers(), Y=numbers())
    def backward(self, X, Y):
        """∇W_i and ∇b_i of the loss for every layer i, by backpropagation on the whole batch:

            ∇a_L = grad_a_L(a_L, Y)
            ∇W_i, ∇b_i, ∇h_{i−1} = layer_backward(∇a_i, h_{i−1}, W_i)     for i = L, …, 1
            ∇a_{i−1} = ∇h_{i−1} ⊙ g'(a_{i−1})                              (i ≥ 2)

        X, Y as in loss. Returns (dW, db), lists shaped like W and b (dW[i − 1] is ∇W_i).
        """
        H, a_L = self.forward(X, keep=True)  # H[i] = h_i
        grad_a = self.grad_a_L(a_L, Y)  # ∇a_L, one row per example
        L = len(self.W)
        dW, db = [None] * L, [None] * L
        for i in range(L, 0, -1):  # i = L, …, 1; W_i is self.W[i − 1]
            dW[i - 1], db[i - 1], grad_h = self.layer_backward(grad_a, H[i - 1], self.W[i - 1])
            if i > 1:
                grad_a = grad_h * self.g_prime(H[i - 1])  # ∇a_{i−1} = ∇h_{i−1} ⊙ g'(a_{i−1})
        return dW, db

    # -- training -------------------------------------------------------------------------------
    @door(rules.LABELLED, X=numbers(), Y=numbers(), eta=number(positive=True))
    def gradient_step(self, X, Y, eta: float) -> None:
        """One step of gradient descent on the batch:  W_i ← W_i − η ∇W_i,  b_i ← b_i − η ∇b_i.

        X, Y as in loss; eta = η > 0. Makes new lists W and b (the old arrays are not changed).
        """
        dW, db = self.backward(X, Y)
        self.W = [W - eta * grad_W for W, grad_W in zip(self.W, dW, strict=True)]
        self.b = [b - eta * grad_b for b, grad_b in zip(self.b, db, strict=True)]

    @door(rules.FIT, X=numbers(), Y=numbers(), eta=number(positive=True), **rules.FIT_OPTIONS)
    def fit(self, X, Y, eta: float, epochs: int, batch_size=None, seed: int = 0, callback=None):
        """Gradient descent θ ← θ − η ∇θ, for ``epochs`` passes over X, Y (shapes as in loss).

        batch_size=None: one step per epoch on all rows (the notes' loop); otherwise one step
        per mini-batch, the rows shuffled each epoch by np.random.default_rng(seed).
        callback(epoch, loss), if given, runs after each epoch with the loss on all of X, Y; the
        network then holds exactly the weights that gave that loss, and returning False stops.

        Returns the loss history: the loss before training and after each epoch. Raises
        TrainingDiverged when the loss becomes NaN/infinite or grows above 10 times its start;
        when fit raises, the network is left exactly as it was before the call.
        """
        m = len(X)
        size, rng = m if batch_size is None else min(batch_size, m), np.random.default_rng(seed)
        before = self.W, self.b  # gradient_step makes new lists, so these stay as they are
        history = [self.loss(X, Y)]
        try:
            for epoch in range(1, epochs + 1):
                order = np.arange(m) if size == m else rng.permutation(m)  # shuffled mini-batches
                for rows in np.split(order, range(size, m, size)):
                    self.gradient_step(X[rows], Y[rows], eta)
                history.append(self.loss(X, Y))
                if not history[-1] <= 10 * history[0] + 1e-12:  # also NaN and infinity
                    raise self._diverged(eta, epoch, m, history)
                if callback is not None and from_outside(callback, epoch, history[-1]) is False:
                    break
        except Exception:
            self.W, self.b = before
            raise
        return np.array(history)

    def _diverged(self, eta, epoch, m, history) -> TrainingDiverged:
        advice = f"try eta = {eta / 10:g} or smaller"  # the summed gradient is m times the mean's:
        if self.reduction == "sum":
            advice = f"try eta = {eta / m:g} (eta / m for the summed loss) or reduction='mean'"
        return TrainingDiverged(
            f"training diverged: the loss blew up at epoch {epoch} (from {history[0]:.4g} to "
            f"{history[-1]:.4g}); eta = {eta:g} is too large for this network: {advice}. The "
            "network is as it was before this fit."
        )

    # -- using the trained network -------------------------------------------------------------
    @door(rules.BATCH, X=numbers())
    def predict(self, X) -> np.ndarray:
        """The predicted class of each row: argmax ŷ (k ≥ 2), or ŷ ≥ ½ as 0/1 for a single
        sigmoid output, or ŷ itself for a single linear output. Shape (batch,)."""
        y_hat = self.forward(X)
        if y_hat.shape[1] > 1:
            return y_hat.argmax(axis=1)
        return (y_hat[:, 0] >= 0.5).astype(np.int64) if self.output == "sigmoid" else y_hat[:, 0]

    @door(rules.CLASSIFIED, X=numbers(), y=numbers())
    def accuracy(self, X, y) -> float:
        """The fraction of rows whose predicted class equals the label y (0 … k−1, shape (batch,));
        a classifier only (not a single linear output)."""
        return float(np.mean(self.predict(X) == y))


__all__ = ["FeedForwardNetwork", "TrainingDiverged", "layer_backward", "gradient_check"]
__all__ += ["gradient_errors", "errors_vs_epsilon", "sigmoid", "softmax", "log_softmax"]
__all__ += ["log_sigmoid"]
