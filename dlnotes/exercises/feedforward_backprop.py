"""Checkers for notebook 05 (feed-forward networks and backpropagation).

check_output_gradient(grad_a_L)       the learner's grad_a_L(a_L, label): ∇a_L of −log ŷ_ℓ
check_paper_backprop(dW1_21, dW1_12)  two derivatives of a 2-2-1 network, worked out on paper
check_layer_backward(layer_backward)  the learner's backward step of one layer, plugged into a
                                      network as net.layer_backward and gradient-checked
check_backward(backward)              the learner's whole backward pass, gradient-checked

(check_zero_init_prediction, notebook 06's, lives in dlnotes.exercises.training.)

Each prints `correct`, a hint aimed at the mistake made, or "not answered yet" for a stub.
The right answers are computed here from dlnotes.ffn, never stored as numbers.
"""

from __future__ import annotations

import sys

import numpy as np

from dlnotes import ffn
from dlnotes.exercises.core import (
    CORRECT,
    NOT_ANSWERED,
    Feedback,
    NotAnswered,
    call,
    is_stub,
    number,
    report,
    same,
    verdict,
)

# -- exercise 1: the output layer's gradient for softmax + cross-entropy -----------------------

#: (a_L, label) pairs the learner's function is tried on.
OUTPUT_CASES = (([2.0, 1.0, -1.0], 0), ([0.5, -0.3, 1.2, 0.0], 2), ([-1.0, 3.0], 0))


OFF_BY_ONE = (
    "your derivation is right, but the one-hot vector marks the wrong class: label is ℓ − 1 "
    "(Python counts from 0), so the 1 goes at index label"
)


def _as_vector(value, k: int, what: str) -> np.ndarray:
    try:
        v = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Feedback(f"{what} should be an array of numbers, got {value!r:.60}") from None
    if v.shape != (k,):
        raise Feedback(f"{what} should have shape ({k},), one entry per output; got {v.shape}")
    return v


def check_output_gradient(grad_a_L) -> None:
    """Check grad_a_L(a_L, label) -> ∂L/∂a_L for L = −log ŷ_ℓ, ŷ = softmax(a_L) (one example;
    label = ℓ − 1, the class counted from 0).

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        answers, right, mistakes = [], [], {}
        for a_L, label in OUTPUT_CASES:
            k = len(a_L)
            got = call(grad_a_L, np.array(a_L), label)
            if got is None:
                raise Feedback("grad_a_L returned None: end it with `return` and the array")
            answers.append(_as_vector(got, k, "grad_a_L's result"))
            y_hat, e = ffn.softmax(np.array(a_L)), np.eye(k)[label]
            right.append(y_hat - e)
            for shift in (-1, 1):  # the one-hot vector of the class next door
                mistakes.setdefault((OFF_BY_ONE, shift), []).append(y_hat - np.roll(e, shift))
            for wrong, hint in (
                (e - y_hat, "the sign is flipped: raising a_ℓ must lower the loss"),
                (y_hat, "a term is missing: differentiate the −a_ℓ term too"),
                (
                    y_hat - 1,
                    "not every a_j appears in the −a_ℓ term: differentiate it once for j = ℓ "
                    "and once for j ≠ ℓ",
                ),
                (-e / y_hat, "that is ∂L/∂ŷ; go on through the softmax to ∂L/∂a_L"),
                (np.array(a_L) - e, "use the probabilities ŷ = softmax(a_L), not a_L itself"),
                (
                    ffn.sigmoid(np.array(a_L)) - e,
                    "that is σ(a_L) − y: the outputs here are the softmax's, ŷ = softmax(a_L), "
                    "which share one denominator; σ belongs to a single two-class output",
                ),
                (
                    (y_hat - e) / k,
                    "your answer is 1/k times too small: this is the loss of one example, "
                    "−log ŷ_ℓ, with no mean over the k classes",
                ),
                (
                    -e * (1 - y_hat),
                    "you treated ŷ_ℓ as depending on a_ℓ alone (σ-style slope ŷ(1 − ŷ)); but the "
                    "softmax's denominator holds every a_j, so the entries j ≠ ℓ are not 0",
                ),
            ):
                mistakes.setdefault((hint, 0), []).append(wrong)
        answers, right = np.concatenate(answers), np.concatenate(right)
        pairs = [(np.concatenate(w), hint) for (hint, _), w in mistakes.items()]
        return verdict(
            answers,
            right,
            pairs,
            otherwise="not yet: two checks you can make by hand: the entries of ∂L/∂a_L add up "
            "to 0 (adding the same number to every a_j leaves ŷ unchanged), and the entry for "
            "j = ℓ is negative (raising a_ℓ lowers the loss)",
        )

    report(check)


# -- the paper exercise: backpropagation by hand on a 2-2-1 network ----------------------------

#: The network of the paper exercise: x = (2, 3), sigmoid hidden layer, one linear output,
#: squared error ½(ŷ − y)² with target y = 1. Both hidden pre-activations are 0, so σ = ½ and
#: σ′ = ¼ need no calculator; x_1 ≠ x_2 and W_{2,11} ≠ W_{2,12}, so a swapped index shows.
PAPER = {
    "W1": [[3.0, -2.0], [-3.0, 2.0]],
    "b1": [0.0, 0.0],
    "W2": [[2.0, -4.0]],
    "b2": [0.0],
    "x": [2.0, 3.0],
    "y": 1.0,
}

#: The two weights asked for, as 0-based (neuron, input) of W_1: W_{1,21} and W_{1,12}.
PAPER_WEIGHTS = {"dW1_21": (1, 0), "dW1_12": (0, 1)}


def paper_network():
    """The exercise's network as a FeedForwardNetwork, with its input and target as a batch."""
    net = ffn.FeedForwardNetwork([2, 2, 1], "sigmoid", "linear", "squared_error", reduction="sum")
    net.W = [np.array(PAPER["W1"]), np.array(PAPER["W2"])]
    net.b = [np.array(PAPER["b1"]), np.array(PAPER["b2"])]
    return net, np.array([PAPER["x"]]), np.array([[PAPER["y"]]])


def _paper_mistakes(j: int, q: int):
    """Each typical slip on paper for ∂L/∂W_{1,jq} (0-based j, q) as (its value, hint)."""
    net, X, Y = paper_network()
    W2, x = net.W[1][0], X[0]
    h = ffn.sigmoid(net.W[0] @ x)
    slope = h * (1 - h)
    grad_y = net.forward(X)[0, 0] - Y[0, 0]  # ∂L/∂ŷ
    other_j, other_q = 1 - j, 1 - q
    name, path = f"W_{{1,{j + 1}{q + 1}}}", f"W_{{2,1{j + 1}}}"
    right = grad_y * W2[j] * slope[j] * x[q]
    return [
        (-right, "the sign is flipped: ∂L/∂ŷ = ŷ − y, not y − ŷ"),
        (
            grad_y * W2[j] * x[q],
            f"g′ is missing: from h_{{1,{j + 1}}} to a_{{1,{j + 1}}} the path passes through σ, "
            "slope h(1 − h)",
        ),
        (
            grad_y * W2[j] * slope[j],
            f"the last factor is missing: ∂a_{{1,{j + 1}}}/∂{name} is the input the weight "
            "multiplies",
        ),
        (
            grad_y * W2[other_j] * slope[other_j] * x[other_q],
            f"the indices are swapped: {name} goes TO hidden neuron {j + 1} FROM input {q + 1} "
            "(first index: the neuron it feeds; second: the input it reads)",
        ),
        (
            grad_y * W2[j] * slope[j] * x[other_q],
            f"the weight's input is x_{q + 1} ({name} goes to neuron {j + 1} from input {q + 1})",
        ),
        (grad_y * W2[j] * h[j] * x[q], "g′ is σ(a)(1 − σ(a)) = h(1 − h), not h itself"),
        (
            grad_y * W2[other_j] * slope[other_j] * x[q],
            f"{name} feeds hidden neuron {j + 1}, so the path runs through {path}",
        ),
    ]


def check_paper_backprop(dW1_21, dW1_12) -> None:
    """Check ∂L/∂W_{1,21} and ∂L/∂W_{1,12} of the paper exercise's 2-2-1 network (PAPER), each
    to 3 significant figures. Prints one line: `correct`, or what is wrong with each number."""
    net, X, Y = paper_network()
    dW, _ = net.backward(X, Y)
    if is_stub(dW1_21) and is_stub(dW1_12):
        print(NOT_ANSWERED)
        return
    messages = []
    for name, answer in (("dW1_21", dW1_21), ("dW1_12", dW1_12)):
        if is_stub(answer):
            messages.append(f"{name}: not answered yet")
            continue
        try:
            value = number(answer, name)
        except Feedback as feedback:
            messages.append(str(feedback))
            continue
        j, q = PAPER_WEIGHTS[name]
        message = verdict(value, dW[0][j, q], _paper_mistakes(j, q), rtol=1e-3,
                          otherwise="not yet: multiply the local slopes along the path, one "
                          "factor per edge and per half-neuron of the drawing")  # fmt: skip
        messages.append(f"{name}: {message}")
    if all(m.endswith(CORRECT) for m in messages):
        print(CORRECT)
    else:
        print("\n".join(messages))


# -- exercise 3: one layer's backward step -------------------------------------------------------


def _layer_case(rng, batch: int, n_in: int, n_out: int):
    return (
        rng.normal(size=(batch, n_out)),
        rng.normal(size=(batch, n_in)),
        rng.normal(size=(n_out, n_in)),
    )


def _layer_mistakes(G, H, W):
    """Each typical mistake as (grad_W, grad_b, grad_h_prev) pieces, with its hint."""
    m = len(G)
    return [
        (0, H.T @ G, "grad_W is transposed: it must have the shape of W, (out, in)"),
        (
            0,
            G.T @ H / m,
            "grad_W is averaged over the batch: add the examples' outer products "
            "(any 1/m is already inside grad_a)",
        ),
        (1, G.mean(axis=0), "grad_b is averaged over the batch: add the rows of grad_a instead"),
        (1, G, "grad_b should be one number per neuron: add the rows of grad_a (axis=0)"),
        (
            1,
            G.sum(axis=1),
            "grad_b is summed along the wrong axis: one entry per neuron, so sum "
            "over the examples (axis=0)",
        ),
        (
            2,
            G @ W.T,
            "grad_h_prev multiplies the rows by Wᵀ: the rule ∇h_prev = Wᵀ ∇a is for one example "
            "as a column; a row is its transpose, and transposing a product flips its factors",
        ),
        (2, G @ W / m, "grad_h_prev must not be averaged: each example keeps its own row"),
        (2, G @ W * H * (1 - H), G_PRIME_INSIDE),
        (2, G @ W * (1 - H * H), G_PRIME_INSIDE),
    ]


G_PRIME_INSIDE = (
    "grad_h_prev is multiplied by g′: this step stops at ∇h_prev; the backward loop multiplies by "
    "g′(a) of the layer below afterwards"
)


def _shape_note(got, right) -> str:
    """What differs: the shape, or (when the shape is right) the numbers."""
    shape = np.shape(got)
    if shape == right.shape:
        return f"the shape {shape} is right, the numbers are not"
    return f"shape {shape}, but it must be {right.shape}"


WRITE_YOUR_OWN = (
    "that is the package's own layer_backward (or calls it): write the three products yourself"
)


def _call_watching_package(function, *args):
    """(function(*args), whether it ran the package's own ffn.layer_backward on the way).

    A profile hook (sys.setprofile) sees every Python function call while the learner's
    function runs; only calls of ffn.layer_backward's code are noted."""
    package_code = ffn.layer_backward.__code__
    seen = []

    def watch(frame, event, arg):
        if event == "call" and frame.f_code is package_code:
            seen.append(True)

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        result = call(function, *args)
    finally:
        sys.setprofile(previous)
    return result, bool(seen)


def check_layer_backward(layer_backward) -> None:
    """Check layer_backward(grad_a, h_prev, W) -> (grad_W, grad_b, grad_h_prev), first on one
    square layer (where a transposed W still has the right shape), then inside a 3-5-4-3 network
    whose gradient check must be below GRADCHECK_BAR (1e-6). The package's own
    ffn.layer_backward, or a function calling it, is refused: the exercise is to write it.

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        if layer_backward is ffn.layer_backward:
            return WRITE_YOUR_OWN
        rng = np.random.default_rng(5)
        for batch, n_in, n_out in ((6, 4, 4), (5, 3, 2)):
            G, H, W = _layer_case(rng, batch, n_in, n_out)
            right = ffn.layer_backward(G, H, W)
            got, used_package = _call_watching_package(layer_backward, G.copy(), H.copy(), W.copy())
            if used_package:
                return WRITE_YOUR_OWN
            if not (isinstance(got, (tuple, list)) and len(got) == 3):
                return "return three arrays: grad_W, grad_b, grad_h_prev (in that order)"
            for part, name in enumerate(("grad_W", "grad_b", "grad_h_prev")):
                if same(got[part], right[part]):
                    continue
                mistakes = [
                    (wrong, hint) for p, wrong, hint in _layer_mistakes(G, H, W) if p == part
                ]
                return verdict(
                    got[part],
                    right[part],
                    mistakes,
                    otherwise=f"not yet: {name} is wrong ({_shape_note(got[part], right[part])}"
                    "); start from the one-example rule and transpose it for rows",
                )
        net = ffn.FeedForwardNetwork([3, 5, 4, 3], "tanh", seed=4)
        net.layer_backward = lambda G, H, W: tuple(
            np.asarray(p, dtype=float) for p in call(layer_backward, G.copy(), H.copy(), W.copy())
        )
        X, y = rng.normal(size=(6, 3)), np.array([0, 2, 1, 1, 0, 2])
        error = ffn.gradient_check(net, X, y)
        if error < GRADCHECK_BAR:
            return "correct"
        return f"not yet: in a whole network the gradient check gives {error:.1e} (want < 1e-6)"

    report(check)


# -- exercise 4: the whole backward pass ----------------------------------------------------------

#: Below this relative error a gradient counts as right in the checkers (float64, ε = 1e-5 on
#: the small networks used here, where a right backward gives 1e-9 or less and a wrong one 1e-2
#: or more).
GRADCHECK_BAR = 1e-6


def _reference_backward(W, b, X, labels, *, mean=True, slope="right", transpose=False):
    """Backpropagation for sigmoid hidden layers, softmax output and cross-entropy, done right
    (the defaults) or with one typical mistake, to recognise a learner's."""
    H = [X]
    for W_i, b_i in zip(W[:-1], b[:-1], strict=True):
        H.append(ffn.sigmoid(H[-1] @ W_i.T + b_i))
    G = ffn.softmax(H[-1] @ W[-1].T + b[-1]) - np.eye(W[-1].shape[0])[labels]
    G = G / len(X) if mean else G
    dW, db = [None] * len(W), [None] * len(W)
    for i in reversed(range(len(W))):
        dW[i], db[i] = G.T @ H[i], G.sum(axis=0)
        if transpose:
            dW[i] = dW[i].T
        if i > 0:
            grad_h = G @ W[i]
            if slope == "right":
                G = grad_h * H[i] * (1 - H[i])
            elif slope == "none":
                G = grad_h
            elif slope == "sigma of h":
                G = grad_h * ffn.sigmoid(H[i]) * (1 - ffn.sigmoid(H[i]))
            elif slope == "h":
                G = grad_h * H[i]
    return dW, db


BACKWARD_MISTAKES = (
    (
        {"mean": False},
        "your gradients are m times too large: the loss is the mean over the batch, "
        "so ∇a_L carries a factor 1/m",
    ),
    (
        {"slope": "none"},
        "g′ is missing: going down through a hidden layer, multiply ∇h by g′(a) of that layer",
    ),
    ({"slope": "sigma of h"}, "σ applied twice: the stored h already is σ(a), so σ′(a) = h(1 − h)"),
    ({"slope": "h"}, "g′ is σ(a)(1 − σ(a)) = h(1 − h), not h itself"),
    ({"transpose": True}, "dW[i] is transposed: it must have the shape of W[i], (out, in)"),
)


def _backward_case(sizes, seed):
    rng = np.random.default_rng(seed)
    net = ffn.FeedForwardNetwork(sizes, "sigmoid", seed=seed)
    X = rng.normal(size=(6, sizes[0]))
    labels = np.arange(6) % sizes[-1]
    return net, X, labels


def _as_gradients(result, W, what="your function") -> tuple[list, list]:
    if not (isinstance(result, (tuple, list)) and len(result) == 2):
        raise Feedback(f"{what} should return two lists (dW, db), one array per layer")
    dW, db = result
    if not (isinstance(dW, (tuple, list)) and isinstance(db, (tuple, list))):
        raise Feedback("dW and db should be lists, one array per layer (dW[0] is ∇W_1)")
    if len(dW) != len(W) or len(db) != len(W):
        raise Feedback(f"this network has {len(W)} layers: dW and db need {len(W)} arrays each, "
                       f"got {len(dW)} and {len(db)}")  # fmt: skip
    return list(dW), list(db)


def check_backward(backward) -> None:
    """Check backward(W, b, X, labels) -> (dW, db): the gradient of the mean cross-entropy of a
    network with sigmoid hidden layers and a softmax output (W, b: lists, W[i] of shape (out, in);
    X: rows; labels 0 … k−1). Tried on a 3-5-4-3 and a 2-6-6-6-2 network; when wrong, the
    per-parameter errors of a gradient check say from which layer down.

    Prints `correct`, a hint for the mistake made, or "not answered yet"."""

    def check() -> str:
        for sizes, seed in (((3, 5, 4, 3), 1), ((2, 6, 6, 6, 2), 2)):
            net, X, labels = _backward_case(sizes, seed)
            W = [w.copy() for w in net.W]
            b = [v.copy() for v in net.b]
            got_dW, got_db = _as_gradients(_call_backward(backward, W, b, X, labels), W)
            right_dW, right_db = net.backward(X, labels)
            if all(same(g, r) for g, r in zip(got_dW + got_db, right_dW + right_db, strict=True)):
                continue
            for options, hint in BACKWARD_MISTAKES:
                wrong_dW, wrong_db = _reference_backward(net.W, net.b, X, labels, **options)
                pieces = zip(got_dW + got_db, wrong_dW + wrong_db, strict=True)
                if all(same(g, w) for g, w in pieces):
                    return hint
            return "not yet: " + _located(net, X, labels, backward)
        return CORRECT

    report(check)


BLOCKED_BY_STUB = (
    "your my_backward calls a function that is still a stub ({name}): solve Exercise 3 first "
    "(its check must print `correct`), then run this check again"
)


def _call_backward(backward, W, b, X, labels):
    """call(backward, ...), but a NotImplementedError raised deeper down, in a helper the
    learner's function calls (Exercise 3's my_layer_backward still a stub), is named as such
    instead of counting this exercise as not answered."""
    if is_stub(backward) or not callable(backward):
        return call(backward, W, b, X.copy(), labels.copy())
    try:
        return backward(W, b, X.copy(), labels.copy())
    except NotImplementedError as err:
        frames = []
        tb = err.__traceback__
        while tb is not None:
            frames.append(tb.tb_frame.f_code)
            tb = tb.tb_next
        own = getattr(backward, "__code__", None)
        if frames and frames[-1] is not own and own in frames:
            raise Feedback(BLOCKED_BY_STUB.format(name=frames[-1].co_name)) from None
        raise NotAnswered from None
    except Exception as err:  # the learner's code failed: say how, without a traceback
        raise Feedback(f"your function raised {type(err).__name__}: {err}") from None


def _located(net, X, labels, backward) -> str:
    """The gradient check of the learner's backward, per parameter, top layer first."""
    shapes = [w.shape for w in net.W] + [v.shape for v in net.b]

    def learner_backward(X_, labels_):
        dW, db = _as_gradients(call(backward, [w.copy() for w in net.W],
                                    [v.copy() for v in net.b], X_, labels_), net.W)  # fmt: skip
        arrays = [np.asarray(g, dtype=float) for g in dW + db]
        bad = [i for i, (g, s) in enumerate(zip(arrays, shapes, strict=True)) if g.shape != s]
        if bad:
            i = bad[0] % len(net.W)
            name = "dW" if bad[0] < len(net.W) else "db"
            letter = "W" if name == "dW" else "b"
            raise Feedback(
                f"{name}[{i}] has shape {arrays[bad[0]].shape}, but it must be "
                f"{shapes[bad[0]]}, the shape of {letter}[{i}]"
            )
        return arrays[: len(net.W)], arrays[len(net.W) :]

    net.backward = learner_backward
    errors = ffn.gradient_errors(net, X, labels)
    L = len(net.W)
    order = [f"{p}{i}" for i in range(L, 0, -1) for p in ("W", "b")]
    shown = ", ".join(f"{name} {errors[name]:.0e}" for name in order)
    first = next((n for n in order if errors[n] >= GRADCHECK_BAR), None)
    where = "" if first is None else f"; the first wrong one from the top is {first}: look there"
    return f"the gradient check's relative errors, top layer first: {shown}{where}"


from dlnotes.exercises.training import check_zero_init_prediction  # noqa: E402  (notebook 06's)

__all__ = ["check_output_gradient", "check_paper_backprop", "check_layer_backward"]
__all__ += ["check_backward", "check_zero_init_prediction"]
