"""The door of dlnotes.ffn: what the arguments of a network's methods must be.

Private: a learner reads dlnotes/ffn.py for the maths; this module holds the checks that sit
above each public method there as one line, ``@door(LABELLED, X=numbers(), Y=numbers())``.
Each name below is a list of steps; a step is a rule(holds, message) of dlnotes._checks or a
function of the dict of arguments that raises (or converts an argument, never the network).
Calls made inside a checked call (fit → gradient_step → backward → layer_backward) skip the
door (dlnotes._checks.checked_once), so no check runs inside a training loop.

What is refused, always naming the argument: TypeError for input of the wrong kind (strings,
None, complex numbers, a list where W[i] must be a numpy array); ValueError for a wrong shape
(a column where rows are meant, X with the wrong number of features), NaN or infinity, labels
out of range, targets a sigmoid or softmax cannot reach, an impossible configuration
(cross-entropy with a linear output, a softmax over one output) or numbers so large that the
result overflows.
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import as_float_array, as_int, checked_once, function, integer, optional, rule

#: the numeric arguments an overflow is blamed on, besides the network's W and b
_NUMERIC = ("X", "Y", "a_L", "eta", "grad_a", "h_prev", "W")


def door(*steps, **specs):
    """checked_once with the steps (lists flattened) and specs; a result that overflowed to
    infinity or NaN is a ValueError naming the numeric arguments and, for a method, W and b."""
    flat = [s for step in steps for s in (step if isinstance(step, list) else [step])]

    def decorate(body):
        params = body.__code__.co_varnames[: body.__code__.co_argcount]
        blame = [n for n in specs if n in _NUMERIC] + (["W", "b"] if "self" in params else [])
        return checked_once(*flat, finite_result=", ".join(blame), **specs)(body)

    return decorate


def _widths(values):
    """sizes as whole numbers ≥ 1, at least two of them (input and output)."""
    sizes = values["sizes"]
    if not isinstance(sizes, list | tuple | np.ndarray) or len(sizes) < 2:
        raise TypeError(
            f"sizes must be a list of layer widths [n, hidden..., k], got {sizes!r:.60}"
        )
    values["sizes"] = [as_int(f"sizes[{i}]", s, minimum=1) for i, s in enumerate(sizes)]


NETWORK = [
    _widths,
    rule(
        lambda loss, output, **_: not (loss == "cross_entropy" and output == "linear"),
        "loss='cross_entropy' needs output='softmax' or 'sigmoid'",
    ),
    rule(
        lambda output, sizes, **_: output != "softmax" or sizes[-1] > 1,
        "softmax over k = 1 output is always 1: use k ≥ 2 or output='sigmoid'",
    ),
]


def _weights_are_arrays(values):
    """Each W[i] and b[i] a numpy array of finite real numbers of the right shape (checked
    only: the network is not changed)."""
    net = values["self"]
    for i, (n_out, n_in) in enumerate(net._shapes()):
        _array_of_shape(f"W[{i}]", net.W[i], (n_out, n_in))
        _array_of_shape(f"b[{i}]", net.b[i], (n_out,))


def _array_of_shape(name, value, shape):
    array = as_float_array(name, value)  # None, strings, complex, NaN, infinity
    if array.shape != shape:
        raise ValueError(f"{name} must have shape {shape}, got {array.shape}")
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must be a numpy array of numbers, e.g. np.array({value!r:.40}), "
            f"got {type(value).__name__}"
        )


WEIGHTS = [
    rule(
        lambda self, **_: len(self.W) == len(self.b) == len(self.sizes) - 1,
        lambda self, **_: f"W and b need {len(self.sizes) - 1} entries each for {self.sizes}",
    ),
    _weights_are_arrays,
]


def _one_feature_per_row(values):
    """A 1-D X is one feature per row when the network has one input (n = 1)."""
    if np.ndim(values["X"]) == 1 and values["self"].sizes[0] == 1:
        values["X"] = values["X"][:, None]


def _x_message(self, X, **_):
    n, shape = self.sizes[0], np.shape(X)
    hint = " (one example as a column? a batch has one example per row: X.T)"
    return f"X must have shape (batch, {n}) with batch ≥ 1, got {shape}{hint * (shape == (n, 1))}"


ROWS = [
    _one_feature_per_row,
    rule(lambda self, X, **_: np.shape(X)[1:] == (self.sizes[0],) and len(X) > 0, _x_message),
]
LOGITS = rule(
    lambda self, a_L, **_: a_L.shape[1] == self.sizes[-1],
    lambda self, a_L, **_: f"a_L must have shape (batch, {self.sizes[-1]}), got {a_L.shape}",
)


def _batch(values) -> int:
    return len(values["X"] if "X" in values else values["a_L"])


def _are_labels(y, k) -> bool:
    """Whole numbers 0 … k − 1 (0 or 1 for a single output)."""
    return bool(np.array_equal(y, np.round(y)) and y.min() >= 0 and y.max() <= max(k, 2) - 1)


def _labels_rule(name):
    return [
        rule(
            lambda **v: np.shape(v[name]) == (_batch(v),),
            lambda **v: (
                f"{name} must have shape ({_batch(v)},), one label per row of X, "
                f"got {np.shape(v[name])}"
            ),
        ),
        rule(
            lambda **v: _are_labels(v[name], v["self"].sizes[-1]),
            lambda **v: (
                f"{name} must hold whole-number labels 0 … "
                f"{max(v['self'].sizes[-1], 2) - 1}, got {v[name][:5]}"
            ),
        ),
    ]


_TARGET_RULES = [
    rule(
        lambda self, Y, **v: Y.shape == (_batch(v), self.sizes[-1]),
        lambda self, Y, **v: (
            f"Y must be labels, shape ({_batch(v)},), or targets, shape "
            f"({_batch(v)}, {self.sizes[-1]}); got {Y.shape}"
        ),
    ),
    rule(
        lambda self, Y, **_: self.output == "linear" or ((Y >= 0) & (Y <= 1)).all(),
        lambda self, **_: f"Y must lie in [0, 1]: a {self.output} output ŷ never leaves it",
    ),
    rule(
        lambda self, Y, **_: (
            not (self.loss_name == "cross_entropy" and self.output == "softmax")
            or np.abs(Y.sum(axis=1) - 1).max() <= 1e-6
        ),
        "Y must be rows summing to 1 for softmax cross-entropy",
    ),
]


def _targets_fit(values):
    """Y: labels (batch,) for k ≥ 2 outputs, or targets (batch, k), or (batch,) for k = 1;
    the rules run on the targets the network's own _targets(Y) makes of it (Y is not changed)."""
    net, Y, m = values["self"], values["Y"], _batch(values)
    labels = Y.ndim == 1 and net.sizes[-1] > 1 and len(Y) == m
    if labels:
        for check in _labels_rule("Y"):
            check(values)
    targets = net._targets(Y) if labels or Y.shape == (m,) else Y
    for check in _TARGET_RULES:
        check({**values, "Y": targets})


TARGETS = _targets_fit
LABELS = _labels_rule("y")


def _loss_is_finite(self, X, Y, **_) -> bool:
    with np.errstate(all="ignore"):  # the rules run before the door switches warnings off
        return bool(np.isfinite(self.loss(X, Y)))


FINITE_START = rule(  # a loss that overflows before the first step is X's fault, not eta's
    _loss_is_finite, "fit: X, Y, W or b hold numbers so large that the loss overflows"
)
CLASSIFIER = rule(
    lambda self, **_: not (self.output == "linear" and self.sizes[-1] == 1),
    "accuracy needs class predictions; this network has one linear output",
)
LAYER_SHAPES = [
    rule(
        lambda grad_a, h_prev, **_: len(grad_a) == len(h_prev),
        "grad_a {grad_a.shape} and h_prev {h_prev.shape} must have one row per example of the "
        "same batch",
    ),
    rule(
        lambda grad_a, h_prev, W: W.shape == (grad_a.shape[1], h_prev.shape[1]),
        lambda grad_a, h_prev, W: (
            f"W must be (out, in) = {(grad_a.shape[1], h_prev.shape[1])} "
            f"to fit grad_a (batch, out) = {grad_a.shape} and h_prev (batch, in) = {h_prev.shape}; "
            f"got W {W.shape}"
        ),
    ),
]

# -- what each public method's door checks, in one name --------------------------------------
BATCH = WEIGHTS + ROWS  # forward, predict: the network's W, b and the rows X
LABELLED = BATCH + [TARGETS]  # loss, backward, gradient_step: and the labels or targets Y
FIT = LABELLED + [FINITE_START]
OUTPUT_TARGETS = [LOGITS, TARGETS]  # grad_a_L
CLASSIFIED = [CLASSIFIER] + BATCH + LABELS  # accuracy
#: fit's arguments besides X, Y and eta
FIT_OPTIONS = {
    "epochs": integer(minimum=0),
    "batch_size": optional(integer(minimum=1)),
    "seed": integer(minimum=0),
    "callback": optional(function()),
}
