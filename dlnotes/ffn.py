r"""Feed-forward networks and backpropagation, in the notes' notation.

A network with ``n`` inputs, ``L - 1`` hidden layers and ``k`` outputs computes, layer by layer,

.. math::
    a_i = b_i + W_i h_{i-1}, \qquad h_i = g(a_i) \quad (i = 1 \dots L-1), \qquad
    \hat y = h_L = O(a_L), \qquad h_0 = x.

Shapes follow the maths: ``W[i-1]`` is :math:`W_i` with shape (out, in) =
``(sizes[i], sizes[i-1])`` and ``b[i-1]`` is :math:`b_i` with shape ``(sizes[i],)``. (The notes
write :math:`W_L \in \mathbb{R}^{n \times k}`, the transposed convention; here every
:math:`W_i` maps its input to its output by :math:`W_i h`.) A batch is a matrix whose *rows* are
examples, so the same layer reads :math:`A_i = H_{i-1} W_i^\top + b_i`.

Backpropagation (for one example, as in the notes; batched as row matrices in the code):

.. math::
    \nabla_{a_L} = \hat y - e(\ell) \;\text{(softmax + cross-entropy)}, \quad
    \nabla_{h_{k-1}} = W_k^\top \nabla_{a_k}, \quad
    \nabla_{a_{k}} = \nabla_{h_{k}} \odot g'(a_{k}), \quad
    \nabla_{W_k} = \nabla_{a_k} h_{k-1}^\top, \quad \nabla_{b_k} = \nabla_{a_k}.
"""

from __future__ import annotations

import copy

import numpy as np

from dlnotes._checks import as_choice, as_float, as_int

ACTIVATIONS = ("sigmoid", "tanh")
OUTPUTS = ("linear", "sigmoid", "softmax")
LOSSES = ("squared_error", "cross_entropy")
REDUCTIONS = ("sum", "mean")
DTYPES = (np.float64, np.float32)


# ---------------------------------------------------------------------------------------------
# elementwise functions (dtype-preserving, stable, no warnings for finite input)
# ---------------------------------------------------------------------------------------------
def _row_max(a: np.ndarray) -> np.ndarray:
    """``a.max(axis=-1, keepdims=True)``, the same numbers. For a batch of a few logits per
    row, numpy takes the maximum several times faster down the columns of a transposed copy
    than along each short row."""
    if a.ndim == 2 and a.shape[1] <= 32 and a.shape[0] >= 16:
        return np.ascontiguousarray(a.T).max(axis=0)[:, None]
    return a.max(axis=-1, keepdims=True)


def sigmoid(a: np.ndarray) -> np.ndarray:
    r"""Logistic function :math:`\sigma(a) = 1 / (1 + e^{-a})`, elementwise, keeping the dtype.

    Computed through the identity :math:`\sigma(a) = \tfrac12 (1 + \tanh(a / 2))`: no
    exponential can overflow (so no warning for any finite ``a``), and ``tanh`` is several times
    faster than ``exp`` here. The absolute error is at the level of rounding (about 1e-16); for
    very negative ``a`` it returns 0 where the exact value is below 1e-16.
    """
    out = np.multiply(a, 0.5)
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5
    return out


def softmax(a: np.ndarray) -> np.ndarray:
    r"""Softmax over the last axis: :math:`\hat y_j = e^{a_j} / \sum_i e^{a_i}`.

    Computed as :math:`e^{a_j - \max a} / \sum_i e^{a_i - \max a}` (the same value), so no
    exponent is positive and nothing overflows, even for logits of size 1e4.
    ``a``: shape ``(batch, k)`` (or ``(k,)``); returns the same shape, rows summing to 1.
    """
    a = np.asarray(a)
    z = a - _row_max(a)
    np.exp(z, out=z)
    z /= z.sum(axis=-1, keepdims=True)
    return z


def log_softmax(a: np.ndarray) -> np.ndarray:
    r""":math:`\log \operatorname{softmax}(a)_j = a_j - \max a - \log \sum_i e^{a_i - \max a}`,
    over the last axis; finite for every finite ``a`` (no ``log(0)``)."""
    a = np.asarray(a)
    z = a - _row_max(a)
    return z - np.log(np.exp(z).sum(axis=-1, keepdims=True))


def log_sigmoid(a: np.ndarray) -> np.ndarray:
    r""":math:`\log \sigma(a) = -\log(1 + e^{-a}) = \min(a, 0) - \log(1 + e^{-|a|})`,
    finite for every finite ``a``."""
    a = np.asarray(a)
    return np.minimum(a, 0) - np.log1p(np.exp(-np.abs(a)))


# ---------------------------------------------------------------------------------------------
# validation helpers (private)
# ---------------------------------------------------------------------------------------------
def _check_sizes(sizes) -> list[int]:
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__len__"):
        raise TypeError(
            f"sizes must be a list of layer widths [n, hidden..., k], got {type(sizes).__name__}"
        )
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least the inputs and the outputs, [n, ..., k], got {sizes}"
        )
    return [as_int(f"sizes[{i}]", s, minimum=1) for i, s in enumerate(sizes)]


def _check_dtype(dtype) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise TypeError(f"dtype must be np.float64 or np.float32, got {dtype!r}") from None
    if dt not in (np.dtype(np.float64), np.dtype(np.float32)):
        raise ValueError(f"dtype must be np.float64 or np.float32, got {dt}")
    return dt


def _product(x, y, out=None):
    """``x @ y``, written into ``out`` when a preallocated array is given (same BLAS call,
    same numbers, no new array)."""
    return x @ y if out is None else np.matmul(x, y, out=out)


class _Buffers:
    r"""Arrays reused by every training step on batches of ``m`` rows (see
    :meth:`FeedForwardNetwork._buffers`): no new arrays, so no allocation, inside ``fit``.

    ``A[i]``: :math:`A_{i+1}` (``(m, sizes[i+1])``), overwritten in place by :math:`H_{i+1} =
    g(A_{i+1})` for hidden layers and by :math:`\nabla_{a_L}` for the output layer;
    ``grad_h[i]`` and ``g_prime[i]``: :math:`\nabla_{h_i}` and :math:`g'(a_i)`
    (``(m, sizes[i])``, hidden layers only, ``None`` at ``i = 0``); ``dW``, ``db``: the
    gradients, shaped like ``W``, ``b``.
    """

    def __init__(self, sizes, m, dtype):
        self.A = [np.empty((m, s), dtype) for s in sizes[1:]]
        self.grad_h = [None] + [np.empty((m, s), dtype) for s in sizes[1:-1]]
        self.g_prime = [None] + [np.empty((m, s), dtype) for s in sizes[1:-1]]
        self.dW = [np.empty((o, i), dtype) for i, o in zip(sizes[:-1], sizes[1:], strict=True)]
        self.db = [np.empty(o, dtype) for o in sizes[1:]]

    @classmethod
    def none(cls, n_layers):
        """No arrays at all (every entry ``None``): each operation makes a new array."""
        self = cls.__new__(cls)
        self.A = self.grad_h = self.g_prime = self.dW = self.db = [None] * n_layers
        return self


class FeedForwardNetwork:
    r"""A fully connected feed-forward network :math:`\hat y = O(a_L)`,
    :math:`a_i = b_i + W_i h_{i-1}`, :math:`h_i = g(a_i)`.

    Parameters
    ----------
    sizes : list of int
        ``[n, hidden_1, ..., hidden_{L-1}, k]``: inputs, hidden widths, outputs (all >= 1).
        ``[1, 1]`` is the notes' single sigmoid neuron (no hidden layer).
    activation : ``"sigmoid"`` or ``"tanh"``
        :math:`g`, the hidden layers' activation.
    output : ``"linear"``, ``"sigmoid"`` or ``"softmax"``
        :math:`O`, the output function.
    loss : ``"squared_error"`` or ``"cross_entropy"``
        See :meth:`loss`. Cross-entropy needs a sigmoid or softmax output.
    seed : int
        Seed of ``np.random.default_rng`` for the initial weights,
        :math:`W_i \sim \mathcal N(0, 1/\text{in}_i)`, :math:`b_i = 0`.
    dtype : ``np.float64`` (default) or ``np.float32``
        The dtype of weights and of every computation.
    reduction : ``"sum"`` (default, the notes' convention) or ``"mean"``
        Whether :meth:`loss` (and so :meth:`backward`, :meth:`fit`) sums the loss over the
        examples of a batch or averages it.

    Attributes
    ----------
    W : list of arrays
        ``W[i]`` is :math:`W_{i+1}`, shape ``(sizes[i+1], sizes[i])``.
    b : list of arrays
        ``b[i]`` is :math:`b_{i+1}`, shape ``(sizes[i+1],)``.

    Both lists may be edited or replaced (``net.W[0] = ...``); every call reads them afresh
    and checks their shapes.

    Raises ``ValueError``/``TypeError`` for bad sizes, unknown names (listing the valid ones),
    a bad dtype, or cross-entropy with a linear output.
    """

    #: Optional replacement for one layer's backward step (notebook 05's exercise):
    #: ``layer_backward(grad_a, h_prev, W) -> (grad_W, grad_b, grad_h_prev)`` with ``grad_a``
    #: of shape ``(batch, out)`` and ``h_prev`` of shape ``(batch, in)``. ``None``: built in.
    layer_backward = None

    def __init__(
        self,
        sizes,
        activation: str = "sigmoid",
        output: str = "softmax",
        loss: str = "cross_entropy",
        seed: int = 0,
        dtype=np.float64,
        reduction: str = "sum",
    ):
        self.sizes = _check_sizes(sizes)
        self.activation = as_choice("activation", activation, ACTIVATIONS)
        self.output = as_choice("output", output, OUTPUTS)
        self.loss_name = as_choice("loss", loss, LOSSES)
        self.reduction = as_choice("reduction", reduction, REDUCTIONS)
        if self.loss_name == "cross_entropy" and self.output == "linear":
            raise ValueError(
                "loss='cross_entropy' needs output='softmax' (classes) or output='sigmoid' "
                "(independent 0/1 targets); with output='linear' use loss='squared_error'"
            )
        self.dtype = _check_dtype(dtype)
        self.seed = as_int("seed", seed, minimum=0)
        rng = np.random.default_rng(self.seed)
        self.W = [
            (rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)).astype(self.dtype)
            for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True)
        ]
        self.b = [np.zeros(n_out, dtype=self.dtype) for n_out in self.sizes[1:]]
        self._buffer_cache = {}  # batch size -> _Buffers, see _buffers()

    # -- bookkeeping ---------------------------------------------------------------------------
    def __repr__(self) -> str:
        return (
            f"FeedForwardNetwork(sizes={self.sizes}, activation={self.activation!r}, "
            f"output={self.output!r}, loss={self.loss_name!r}, reduction={self.reduction!r}, "
            f"dtype={self.dtype.name})"
        )

    @property
    def n_inputs(self) -> int:
        """``n``, the number of input features."""
        return self.sizes[0]

    @property
    def n_outputs(self) -> int:
        """``k``, the number of outputs."""
        return self.sizes[-1]

    @property
    def n_params(self) -> int:
        """How many numbers :math:`\\theta` holds."""
        return sum(o * i + o for i, o in zip(self.sizes[:-1], self.sizes[1:], strict=True))

    def _params(self):
        """Check (and coerce to ``dtype`` arrays, in place in the lists) the current W, b."""
        W, b = self.W, self.b
        L = len(self.sizes) - 1
        if len(W) != L or len(b) != L:
            raise ValueError(
                f"the network has {L} layers (sizes={self.sizes}), so W and b need {L} entries "
                f"each; got {len(W)} and {len(b)}"
            )
        for i in range(L):
            want_W = (self.sizes[i + 1], self.sizes[i])
            for name, lst, want in (("W", W, want_W), ("b", b, want_W[:1])):
                p = lst[i]
                if not (isinstance(p, np.ndarray) and p.dtype == self.dtype):
                    try:
                        p = np.asarray(p, dtype=self.dtype)
                    except (TypeError, ValueError):
                        raise TypeError(
                            f"{name}[{i}] must be a numeric array, got {type(lst[i]).__name__}"
                        ) from None
                    if name == "b" and p.ndim == 2 and p.shape[1] == 1:
                        p = p[:, 0]
                    lst[i] = p
                if p.shape != want:
                    raise ValueError(
                        f"{name}[{i}] (layer {i + 1}, {self.sizes[i]} -> {self.sizes[i + 1]}) "
                        f"must have shape {want}, got {p.shape}"
                    )
        return W, b

    def _inputs(self, X) -> np.ndarray:
        """``X`` as a ``(batch, n)`` array of ``dtype``, with a clear error otherwise."""
        if isinstance(X, (str, bytes)):
            raise TypeError(f"X must be a numeric array of shape (batch, n), got {X!r}")
        try:
            X = np.asarray(X, dtype=self.dtype)
        except (TypeError, ValueError):
            raise TypeError(
                f"X must be a numeric array of shape (batch, n), got {type(X).__name__}"
            ) from None
        n = self.sizes[0]
        if X.ndim == 1 and n == 1:
            X = X[:, None]
        if X.ndim != 2:
            hint = "; for a single example use X[None, :]" if X.ndim == 1 else ""
            raise ValueError(
                f"X must have 2 dimensions (batch, n) with n = {n}, got shape {X.shape}{hint}"
            )
        if X.shape[1] != n:
            raise ValueError(f"X has {X.shape[1]} features but the first layer expects {n}")
        if X.shape[0] == 0:
            raise ValueError("X must hold at least one example, got 0 rows")
        if not np.isfinite(X).all():
            raise ValueError("X must be finite, got NaN or infinity")
        return X

    def _targets(self, Y, batch: int):
        """Targets as ``("labels", int array (batch,))`` or ``("dense", array (batch, k))``.

        Integer class labels (a 1-D array, ``k > 1``) are accepted for every loss (squared error
        compares with their one-hot vectors); real or one-hot targets have shape ``(batch, k)``
        (or ``(batch,)`` when ``k = 1``).
        """
        k = self.sizes[-1]
        if isinstance(Y, (str, bytes)):
            raise TypeError(f"Y must be numeric, got {Y!r}")
        try:
            Yarr = np.asarray(Y)
            if Yarr.dtype.kind not in "biuf":
                Yarr = Yarr.astype(np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"Y must be numeric, got {type(Y).__name__}") from None
        if Yarr.ndim == 0 or Yarr.ndim > 2:
            raise ValueError(
                f"Y must be class labels of shape (batch,) or targets of shape (batch, {k}), "
                f"got shape {Yarr.shape}"
            )
        if Yarr.shape[0] != batch:
            raise ValueError(f"Y has {Yarr.shape[0]} rows but X has {batch} examples")
        whole = Yarr.dtype.kind in "biu"  # integers and booleans: finite whole numbers
        if not (whole or np.isfinite(Yarr).all()):
            raise ValueError("Y must be finite, got NaN or infinity")
        if Yarr.ndim == 1 and k > 1:
            labels = Yarr.astype(np.int64, copy=False)
            if not (whole or np.array_equal(labels, Yarr)):
                raise ValueError(
                    f"Y of shape ({batch},) is read as class labels, so it must hold whole "
                    f"numbers; got values such as {Yarr[labels != Yarr][:3].tolist()}"
                )
            if labels.min() < 0 or labels.max() >= k:
                bad = (labels < 0) | (labels >= k)
                raise ValueError(
                    f"Y holds label {int(labels[bad][0])} but the network has k = {k} outputs "
                    f"(labels 0..{k - 1})"
                )
            return "labels", labels
        Yd = Yarr.astype(self.dtype, copy=False)
        if Yd.ndim == 1:
            Yd = Yd[:, None]
        if Yd.shape[1] != k:
            raise ValueError(f"Y has {Yd.shape[1]} columns but the network has k = {k} outputs")
        if self.loss_name == "cross_entropy" and ((Yd < 0).any() or (Yd > 1).any()):
            raise ValueError(
                "cross-entropy targets must lie in [0, 1] (one-hot rows or probabilities); "
                "for class labels pass a 1-D integer array"
            )
        return "dense", Yd

    # -- reused arrays (private) -----------------------------------------------------------------
    _MAX_BUFFERED_BATCHES = 4

    def _buffers(self, m: int) -> _Buffers:
        """The arrays a training step on ``m`` rows writes into, made once per batch size (a
        few sizes are kept: ``fit`` with mini-batches meets two, the full and the last)."""
        cache = self.__dict__.setdefault("_buffer_cache", {})
        key = (m, self.dtype, tuple(self.sizes))
        buf = cache.get(key)
        if buf is None:
            if len(cache) >= self._MAX_BUFFERED_BATCHES:
                del cache[next(iter(cache))]  # the oldest
            buf = cache[key] = _Buffers(self.sizes, m, self.dtype)
        return buf

    # -- forward -------------------------------------------------------------------------------
    def _g_inplace(self, a):
        """``g(a)``, overwriting ``a`` (the forward pass does not need ``a`` afterwards)."""
        if self.activation == "tanh":
            return np.tanh(a, out=a)
        a *= 0.5  # sigma(a) = (1 + tanh(a / 2)) / 2, as in sigmoid()
        np.tanh(a, out=a)
        a += 1.0
        a *= 0.5
        return a

    def _forward(self, X, buf=None):
        """Forward pass keeping what backprop needs: ``H = [h_0, ..., h_{L-1}]`` and ``a_L``.
        With ``buf`` (a :class:`_Buffers`) every ``A_i`` is written into ``buf.A[i-1]``."""
        W, b = self._params()
        A = (buf if buf is not None else _Buffers.none(len(W))).A
        H = [X]
        for i in range(len(W) - 1):
            a = _product(H[-1], W[i].T, out=A[i])  # A_i = H_{i-1} W_i^T + b_i
            a += b[i]
            H.append(self._g_inplace(a))  # H_i = g(A_i)
        a_L = _product(H[-1], W[-1].T, out=A[-1])
        a_L += b[-1]
        return H, a_L

    def _output(self, a_L):
        if self.output == "linear":
            return a_L
        if self.output == "sigmoid":
            return sigmoid(a_L)
        return softmax(a_L)

    def forward(self, X) -> np.ndarray:
        r"""The network's output :math:`\hat y = O(a_L)` for each row of ``X``.

        ``X``: shape ``(batch, n)`` (or ``(batch,)`` when ``n = 1``). Returns ``y_hat`` of
        shape ``(batch, k)``. Layer by layer on the batch: :math:`A_i = H_{i-1} W_i^\top + b_i`
        (rows are examples, hence the transpose), :math:`H_i = g(A_i)`.
        Raises ``ValueError`` for a wrong number of features, NaN/inf, or badly shaped W, b.
        """
        X = self._inputs(X)
        _, a_L = self._forward(X)
        return self._output(a_L)

    __call__ = forward

    def pre_activations(self, X) -> list[np.ndarray]:
        """All :math:`A_1 \\dots A_L` for the batch ``X`` (a list of ``(batch, sizes[i])``)."""
        X = self._inputs(X)
        W, b = self._params()
        A, h = [], X
        for i in range(len(W)):
            A.append(h @ W[i].T + b[i])
            h = self._g_inplace(A[-1].copy())
        return A

    # -- loss ----------------------------------------------------------------------------------
    def _loss_from_aL(self, a_L, kind, T) -> float:
        batch = a_L.shape[0]
        if self.loss_name == "squared_error":
            y_hat = self._output(a_L)
            if kind == "labels":
                diff = y_hat.copy()
                diff[np.arange(batch), T] -= 1
            else:
                diff = y_hat - T
            total = 0.5 * np.vdot(diff, diff)
        elif self.output == "softmax":
            logp = log_softmax(a_L)
            if kind == "labels":
                total = -logp[np.arange(batch), T].sum()
            else:
                total = -np.vdot(T, logp)
        else:  # sigmoid output, binary cross-entropy per output
            if kind == "labels":
                T = self._one_hot(T, batch)
            total = -(T * log_sigmoid(a_L) + (1 - T) * log_sigmoid(-a_L)).sum()
        total = total + 0.0  # no -0.0
        return total / batch if self.reduction == "mean" else total

    def _one_hot(self, labels, batch):
        E = np.zeros((batch, self.sizes[-1]), dtype=self.dtype)
        E[np.arange(batch), labels] = 1
        return E

    def loss(self, X, Y) -> float:
        r"""The loss :math:`\mathcal{L}(\theta)` on the batch, **summed** over the examples
        (``reduction="sum"``, the notes' convention) or **averaged** (``reduction="mean"``).

        - ``squared_error``: :math:`\tfrac12 \sum_{\text{examples}} \sum_j (\hat y_j - y_j)^2`.
        - ``cross_entropy`` with softmax: :math:`-\sum_{\text{examples}} \log \hat y_\ell`
          (computed from :math:`\log\operatorname{softmax}(a_L)`, finite for any logits).
        - ``cross_entropy`` with sigmoid: :math:`-\sum \big(y \log \hat y + (1-y)\log(1-\hat y)
          \big)` over examples and outputs.

        ``X``: ``(batch, n)``. ``Y``: integer class labels ``(batch,)`` (when ``k > 1``), or
        real / one-hot targets ``(batch, k)`` (``(batch,)`` when ``k = 1``). Returns a float.
        Raises ``ValueError`` for mismatched batch sizes, labels out of range, NaN/inf.
        """
        X = self._inputs(X)
        kind, T = self._targets(Y, X.shape[0])
        _, a_L = self._forward(X)
        return float(self._loss_from_aL(a_L, kind, T))

    # -- backward ------------------------------------------------------------------------------
    def _grad_aL(self, a_L, kind, T):
        r""":math:`\nabla_{a_L} \mathcal{L}` for every example (rows), before any averaging."""
        batch = a_L.shape[0]
        y_hat = self._output(a_L)
        if self.loss_name == "cross_entropy":
            # softmax + CE and sigmoid + CE both give  y_hat - y  (for one-hot / 0-1 targets)
            if kind == "labels":
                if self.output == "softmax":
                    y_hat[np.arange(batch), T] -= 1  # y_hat - e(l)
                    return y_hat
                T = self._one_hot(T, batch)
            if self.output == "softmax":  # general targets: y_hat * sum(y) - y
                return y_hat * T.sum(axis=1, keepdims=True) - T
            return y_hat - T
        # squared error: grad y_hat = y_hat - y, then through O
        if kind == "labels":
            G = y_hat.copy()
            G[np.arange(batch), T] -= 1
        else:
            G = y_hat - T
        if self.output == "sigmoid":
            G *= y_hat * (1 - y_hat)  # sigma'(a) = sigma(a) (1 - sigma(a))
        elif self.output == "softmax":  # Jacobian of softmax: diag(y_hat) - y_hat y_hat^T
            G = y_hat * (G - (G * y_hat).sum(axis=1, keepdims=True))
        return G

    def _softmax_cross_entropy_labels(self, a_L, labels, need_loss):
        r"""Loss and :math:`\nabla_{a_L} = \hat y - e(\ell)` for softmax + cross-entropy with
        class labels, sharing one softmax; overwrites ``a_L`` with the gradient.
        The same numbers as :meth:`_loss_from_aL` and :meth:`_grad_aL`."""
        rows = np.arange(a_L.shape[0])
        z = a_L
        z -= _row_max(z)  # z = a_L - max a_L: no positive exponent
        z_label = z[rows, labels] if need_loss else None
        np.exp(z, out=z)
        total = z.sum(axis=1, keepdims=True)  # sum_i e^{z_i}
        y_hat = z
        y_hat /= total  # softmax
        L = None
        if need_loss:  # -log y_hat_l = -(z_l - log sum_i e^{z_i})
            L = -(z_label - np.log(total[:, 0])).sum() + 0.0
            L = L / len(rows) if self.reduction == "mean" else L
        y_hat[rows, labels] -= 1  # y_hat - e(l)
        return L, y_hat

    def _g_prime(self, h, out=None):
        """:math:`g'(a)` from :math:`h = g(a)` (into ``out`` if given)."""
        if self.activation == "sigmoid":
            g_prime = np.subtract(1, h, out=out)
            g_prime *= h  # sigma'(a) = sigma(a) (1 - sigma(a))
        else:
            g_prime = np.multiply(h, h, out=out)
            np.subtract(1, g_prime, out=g_prime)  # tanh'(a) = 1 - tanh(a)^2
        return g_prime

    def _loss_and_grads(self, X, kind, T, need_loss=True, buf=None):
        """Loss (or ``None``) and the gradients ``dW, db``. With ``buf`` (from
        :meth:`_buffers`) every array is written into ``buf`` and ``dW, db`` *are* ``buf.dW,
        buf.db``: valid until the next step on a batch of the same size."""
        W = self.W
        H, a_L = self._forward(X, buf)
        if self.output == "softmax" and self.loss_name == "cross_entropy" and kind == "labels":
            L, G = self._softmax_cross_entropy_labels(a_L, T, need_loss)
        else:
            L = self._loss_from_aL(a_L, kind, T) if need_loss else None
            G = self._grad_aL(a_L, kind, T)  # grad a_L, one row per example
        if self.reduction == "mean":
            G /= X.shape[0]
        dW, db = [None] * len(W), [None] * len(W)
        out = buf if buf is not None else _Buffers.none(len(W))
        for k in range(len(W) - 1, -1, -1):
            if self.layer_backward is not None:  # a learner's version of the layer step
                dW[k], db[k], G_h = self._call_layer_backward(G, H[k], W[k], k)
            else:
                # grad W_k = grad a_k h_{k-1}^T, summed over rows
                dW[k] = _product(G.T, H[k], out=out.dW[k])
                db[k] = G.sum(axis=0, out=out.db[k])  # grad b_k = grad a_k, summed over rows
                # grad h_{k-1} = W_k^T grad a_k (rows: G W_k)
                G_h = _product(G, W[k], out=out.grad_h[k]) if k > 0 else None
            if k > 0:
                G = G_h
                G *= self._g_prime(H[k], out=out.g_prime[k])  # grad a_{k-1} = grad h_{k-1} (.) g'
        return L, dW, db

    def _call_layer_backward(self, G, h_prev, W_k, k):
        out = self.layer_backward(G.copy(), h_prev.copy(), W_k.copy())
        if not (isinstance(out, tuple) and len(out) == 3):
            raise TypeError(
                "layer_backward must return a tuple (grad_W, grad_b, grad_h_prev), "
                f"got {type(out).__name__}"
            )
        wants = (W_k.shape, W_k.shape[:1], h_prev.shape)
        names = ("grad_W", "grad_b", "grad_h_prev")
        res = []
        for name, value, want in zip(names, out, wants, strict=True):
            value = np.asarray(value, dtype=self.dtype)
            if value.shape != want:
                raise ValueError(
                    f"layer_backward returned {name} of shape {value.shape} for layer {k + 1}, "
                    f"expected {want}"
                )
            res.append(value)
        return tuple(res)

    def backward(self, X, Y):
        r"""Gradients of :meth:`loss` (summed over the batch for ``reduction="sum"``,
        averaged for ``"mean"``) with respect to every :math:`W_i` and :math:`b_i`, by
        backpropagation, vectorised over the batch (rows are examples; no loop over them):

        .. math::
            \nabla_{a_L} = \hat y - e(\ell), \quad
            \nabla_{h_{k-1}} = W_k^\top \nabla_{a_k}, \quad
            \nabla_{a_{k-1}} = \nabla_{h_{k-1}} \odot g'(a_{k-1}), \quad
            \nabla_{W_k} = \sum_{\text{rows}} \nabla_{a_k} h_{k-1}^\top, \quad
            \nabla_{b_k} = \sum_{\text{rows}} \nabla_{a_k}.

        ``X``, ``Y`` as in :meth:`loss`. Returns ``(dW, db)``: lists shaped like ``W`` and
        ``b``. Raises as :meth:`loss` does.
        """
        X = self._inputs(X)
        kind, T = self._targets(Y, X.shape[0])
        _, dW, db = self._loss_and_grads(X, kind, T, need_loss=False)
        return dW, db

    # -- training ------------------------------------------------------------------------------
    def step(self, X, Y, eta: float) -> float:
        r"""One gradient-descent step :math:`\theta \leftarrow \theta - \eta \nabla_\theta
        \mathcal{L}` on the batch; returns the loss *before* the step."""
        X = self._inputs(X)
        kind, T = self._targets(Y, X.shape[0])
        eta = as_float("eta", eta, positive=True)
        return self._step(X, kind, T, eta)

    def _step(self, X, kind, T, eta):
        L, dW, db = self._loss_and_grads(X, kind, T, buf=self._buffers(X.shape[0]))
        for i in range(len(self.W)):
            dW[i] *= eta
            db[i] *= eta
            self.W[i] -= dW[i]
            self.b[i] -= db[i]
        return float(L)

    def _loss_on(self, X, kind, T) -> float:
        """The loss on validated ``X, T``, computed in the reused arrays."""
        return float(self._loss_from_aL(self._forward(X, self._buffers(X.shape[0]))[1], kind, T))

    def fit(self, X, Y, eta: float, epochs: int, batch_size=None, seed: int = 0, callback=None):
        r"""Gradient descent on :math:`\theta = [W_1 \dots W_L, b_1 \dots b_L]`:
        :math:`\theta \leftarrow \theta - \eta \nabla_\theta \mathcal{L}`.

        ``batch_size=None``: full batch, one step per epoch (the notes' loop). Otherwise
        mini-batches of that size, the rows shuffled each epoch with
        ``np.random.default_rng(seed)``. The loss and its gradient are summed or averaged over
        each batch as ``reduction`` says.

        ``callback(epoch, loss)``, if given, is called after every epoch (``epoch`` = 1 ...
        ``epochs``) with the loss on the whole of ``X, Y`` after that epoch; if it returns
        ``False`` training stops early.

        Returns the loss history, an array of length ``epochs + 1`` (fewer if stopped early):
        the loss on all of ``X, Y`` before training and after each epoch.
        Raises ``ValueError`` for bad input, and if the loss becomes NaN/inf (``eta`` too large).
        """
        X = self._inputs(X)
        kind, T = self._targets(Y, X.shape[0])
        eta = as_float("eta", eta, positive=True)
        epochs = as_int("epochs", epochs, minimum=0)
        m = X.shape[0]
        if batch_size is not None:
            batch_size = min(as_int("batch_size", batch_size, minimum=1), m)
        if callback is not None and not callable(callback):
            raise TypeError(f"callback must be callable, got {type(callback).__name__}")
        rng = np.random.default_rng(as_int("seed", seed, minimum=0))
        full = batch_size is None or batch_size >= m
        history = np.empty(epochs + 1)

        def check(L, epoch):
            if not np.isfinite(L):
                raise ValueError(
                    f"training diverged: the loss became {L} after epoch {epoch}; "
                    f"eta = {eta} is too large"
                )

        with np.errstate(over="ignore", invalid="ignore"):
            if full:
                for e in range(epochs):
                    L = self._step(X, kind, T, eta)  # loss before epoch e+1 = after epoch e
                    check(L, e)
                    history[e] = L
                    if callback is not None and e > 0 and callback(e, L) is False:
                        return history[: e + 1]
                L = self._loss_on(X, kind, T)
                check(L, epochs)
                history[epochs] = L
                if callback is not None and epochs > 0:
                    callback(epochs, L)
                return history
            history[0] = self._loss_on(X, kind, T)
            for e in range(1, epochs + 1):
                order = rng.permutation(m)
                for start in range(0, m, batch_size):
                    idx = order[start : start + batch_size]
                    self._step(X[idx], kind, T[idx], eta)
                L = self._loss_on(X, kind, T)
                check(L, e)
                history[e] = L
                if callback is not None and callback(e, L) is False:
                    return history[: e + 1]
        return history

    # -- using the trained network ---------------------------------------------------------------
    def predict(self, X) -> np.ndarray:
        """Class predictions: ``argmax`` of ``y_hat`` for softmax (and for sigmoid/linear with
        ``k > 1``); ``y_hat >= 0.5`` as 0/1 for a single sigmoid output; ``y_hat`` itself for a
        single linear output. Shape ``(batch,)``."""
        y_hat = self.forward(X)
        if y_hat.shape[1] > 1:
            return y_hat.argmax(axis=1)
        if self.output == "sigmoid":
            return (y_hat[:, 0] >= 0.5).astype(np.int64)
        return y_hat[:, 0]

    def accuracy(self, X, y) -> float:
        """Fraction of rows whose :meth:`predict` equals the integer label ``y`` (shape
        ``(batch,)``); raises ``ValueError`` when the lengths differ."""
        pred = self.predict(X)
        y = np.asarray(y)
        if y.ndim != 1 or y.shape[0] != pred.shape[0]:
            raise ValueError(
                f"y must be labels of shape ({pred.shape[0]},) to match X, got shape {y.shape}"
            )
        return float(np.mean(pred == y))


def gradient_errors(net: FeedForwardNetwork, X, Y, eps: float = 1e-6) -> dict[str, float]:
    r"""Relative error of :meth:`~FeedForwardNetwork.backward` for every parameter array,
    against central differences
    :math:`\frac{\partial \mathcal{L}}{\partial \theta_j} \approx
    \frac{\mathcal{L}(\theta + \epsilon e_j) - \mathcal{L}(\theta - \epsilon e_j)}{2\epsilon}`.

    The relative error of an array is :math:`\lVert g - \tilde g\rVert /
    (\lVert g\rVert + \lVert \tilde g\rVert)` (0 when both are 0). Returns a dict
    ``{"W1": ..., "b1": ..., "W2": ...}`` (names as in the notes, 1-based). The network's
    parameters are restored afterwards. Meant for small nets: it costs two forward passes per
    parameter. Raises as :meth:`~FeedForwardNetwork.loss` does, and ``ValueError`` for
    ``eps <= 0``.
    """
    if not isinstance(net, FeedForwardNetwork):
        raise TypeError(f"net must be a FeedForwardNetwork, got {type(net).__name__}")
    eps = as_float("eps", eps, positive=True)
    X = net._inputs(X)
    kind, T = net._targets(Y, X.shape[0])
    W, b = net._params()
    _, dW, db = net._loss_and_grads(X, kind, T, need_loss=False)

    # The differences are taken on a copy of the network in extended precision (np.longdouble,
    # 80-bit on x86), so that rounding in L (about 1e-16 |L| / eps in float64) does not swamp
    # the comparison; the gradient under test is still backward's, in the net's own dtype.
    shadow = copy.copy(net)
    shadow.dtype = np.dtype(np.longdouble)
    shadow.W = [w.astype(np.longdouble) for w in W]
    shadow.b = [v.astype(np.longdouble) for v in b]
    Xs = X.astype(np.longdouble)
    Ts = T if kind == "labels" else T.astype(np.longdouble)
    W, b = shadow.W, shadow.b

    def L():
        return shadow._loss_from_aL(shadow._forward(Xs)[1], kind, Ts)

    out = {}
    for i in range(len(W)):
        for name, P, G in (("W", W[i], dW[i]), ("b", b[i], db[i])):
            num = np.zeros(P.shape)
            flat = P.reshape(-1)  # a view: editing it edits the parameter
            numf = num.reshape(-1)
            for j in range(flat.size):
                old = flat[j]
                flat[j] = old + eps
                Lp = L()
                flat[j] = old - eps
                Lm = L()
                flat[j] = old
                numf[j] = (Lp - Lm) / (2 * eps)
            G = np.asarray(G, dtype=np.float64)
            denom = np.linalg.norm(G) + np.linalg.norm(num)
            out[f"{name}{i + 1}"] = 0.0 if denom == 0 else float(np.linalg.norm(G - num) / denom)
    return out


def gradient_check(net: FeedForwardNetwork, X, Y, eps: float = 1e-6) -> float:
    r"""The largest relative error over all parameter arrays between backprop's gradient and
    central differences (see :func:`gradient_errors`). Below about 1e-7 in float64 means
    ``backward`` is right."""
    return max(gradient_errors(net, X, Y, eps).values())


__all__ = [
    "FeedForwardNetwork",
    "gradient_check",
    "gradient_errors",
    "sigmoid",
    "softmax",
    "log_softmax",
    "log_sigmoid",
    "ACTIVATIONS",
    "OUTPUTS",
    "LOSSES",
]
