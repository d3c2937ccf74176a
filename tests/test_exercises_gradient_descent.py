"""Notebook 03's checkers: the right answer, every typical mistake with its own hint, the stub and
garbage (a message, never a traceback)."""

import numpy as np
import pytest

from dlnotes import toy
from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.gradient_descent import (
    LIMIT_MATRICES,
    ORDER_ETAS,
    _ce_gradient,
    check_ce_gradient,
    check_eta_prediction,
    check_stability_limit,
    first_epoch_below,
)


def printed(capsys, check, *answers) -> str:
    check(*answers)
    return capsys.readouterr().out.strip()


def stub(*args):
    raise NotImplementedError("your code here")


# -- exercise 1: the cross-entropy gradient of one point ------------------------------------------
def ce_right(w, b, x, y):
    fx = 1 / (1 + np.exp(-(w * x + b)))
    return (fx - y) * x, fx - y


def ce_parts(w, b, x, y):
    fx = 1 / (1 + np.exp(-(w * x + b)))
    return fx, fx * (1 - fx)


def test_ce_gradient_matches_finite_differences_of_the_loss():
    def loss(w, b, x, y):
        fx = 1 / (1 + np.exp(-(w * x + b)))
        return -(y * np.log(fx) + (1 - y) * np.log(1 - fx))

    h = 1e-6
    for w, b, x, y in [(-2.0, -2.0, 0.5, 0.2), (0.5, 0.0, 2.5, 0.9), (1.5, -1.0, -1.2, 0.7)]:
        fd = [
            (loss(w + h, b, x, y) - loss(w - h, b, x, y)) / (2 * h),
            (loss(w, b + h, x, y) - loss(w, b - h, x, y)) / (2 * h),
        ]
        np.testing.assert_allclose(_ce_gradient(w, b, x, y), fd, rtol=1e-6)


def test_ce_right_answers(capsys):
    assert printed(capsys, check_ce_gradient, ce_right) == CORRECT

    # the unsimplified chain rule is right too
    def unsimplified(w, b, x, y):
        fx, slope = ce_parts(w, b, x, y)
        dl_df = -y / fx + (1 - y) / (1 - fx)
        return dl_df * slope * x, dl_df * slope

    assert printed(capsys, check_ce_gradient, unsimplified) == CORRECT
    assert printed(capsys, check_ce_gradient, lambda *p: list(ce_right(*p))) == CORRECT


def toy_points(w, b):
    """The right formula, but summed over the toy's two points instead of the one (x, y)."""
    fx = 1 / (1 + np.exp(-(w * toy.X + b)))
    return np.sum((fx - toy.Y) * toy.X), np.sum(fx - toy.Y)


def _mistake(kind):
    def grad(w, b, x, y):
        fx, slope = ce_parts(w, b, x, y)
        d = fx - y
        return {
            "squared": (d * slope * x, d * slope),
            "sign": (-d * x, -d),
            "no slope": (d / slope * x, d / slope),
            "first term": (-y * (1 - fx) * x, -y * (1 - fx)),
            "no x": (d, d),
            "x in b": (d * x, d * x),
            "order": (d, d * x),
            "second sign": ((2 * y * fx - y - fx) * x, 2 * y * fx - y - fx),
            "toy points": toy_points(w, b),
        }[kind]

    return grad


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("squared", "that is the squared error's gradient"),
        ("sign", "the sign is flipped"),
        ("no slope", "the sigmoid's link ∂f/∂z = f(1 − f) is missing"),
        ("first term", "only the first term of the loss counted"),
        ("no x", "∇w lacks the factor x"),
        ("x in b", "∇b has a factor x too many"),
        ("order", "right numbers, wrong order"),
        ("second sign", "check the sign of the second term"),
        ("toy points", "should use its own x and y, not toy.X"),
    ],
)
def test_ce_mistakes_get_their_hint(capsys, kind, words):
    message = printed(capsys, check_ce_gradient, _mistake(kind))
    assert words in message
    assert "f − y)·x" not in message  # the hint never writes the answer


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (stub, NOT_ANSWERED),
        (lambda *p: 0.0, "should return two numbers"),
        (lambda *p: (1.0, 2.0), "not yet: build it from the chain rule"),
    ],
)
def test_ce_stub_and_garbage(capsys, answer, words):
    assert words in printed(capsys, check_ce_gradient, answer)


# -- exercise 2: predict the order of the learning rates ------------------------------------------
def test_epochs_are_computed_not_stored():
    reached = {eta: first_epoch_below(eta) for eta in (*ORDER_ETAS, 25.0, 100.0)}
    assert reached[10.0] == 20 and reached[3.0] == 92 and reached[1.0] == 276
    assert reached[25.0] == 351 and reached[100.0] is None


def test_eta_prediction_right_answers(capsys):
    assert printed(capsys, check_eta_prediction, [10, 3, 1], False) == CORRECT
    assert printed(capsys, check_eta_prediction, (10.0, 3.0, 1.0), np.False_) == CORRECT
    assert printed(capsys, check_eta_prediction, np.array([10.0, 3.0, 1.0]), False) == CORRECT


@pytest.mark.parametrize(
    ("order", "beats", "words"),
    [
        ([1, 3, 10], False, "the other way round"),
        ([1, 3, 10], True, "the other way round"),
        ([3, 10, 1], False, "which η covers it in the fewest epochs"),
        ([10, 3, 1], True, "what does a step do that is longer than the valley is wide"),
        ([10, 3], False, "each once"),
        ([10, 3, 3], False, "each once"),
        (10, False, "should be a list"),
        ([10, 3, 1], "no", "should be True or False"),
    ],
)
def test_eta_prediction_hints(capsys, order, beats, words):
    message = printed(capsys, check_eta_prediction, order, beats)
    assert words in message
    assert "[10, 3, 1]" not in message and "larger is faster" not in message


@pytest.mark.parametrize(("order", "beats"), [(None, False), ([10, 3, 1], None), (..., ...)])
def test_eta_prediction_stub(capsys, order, beats):
    assert printed(capsys, check_eta_prediction, order, beats) == NOT_ANSWERED


# -- exercise 3: the stability limit as a function of H --------------------------------------------
def test_stability_limit_right_forms(capsys):
    assert (
        printed(capsys, check_stability_limit, lambda H: 2 / np.linalg.eigvalsh(H).max()) == CORRECT
    )
    assert (
        printed(capsys, check_stability_limit, lambda H: 2 / max(np.linalg.eigvals(H))) == CORRECT
    )
    assert (
        printed(capsys, check_stability_limit, lambda H: np.array(2 / np.linalg.eigvalsh(H)[-1]))
        == CORRECT
    )  # a 0-d array


def test_the_first_listed_eigenvalue_fails_on_some_matrix():
    firsts = [np.linalg.eigvals(H)[0] for H in (toy.hessian_at_fit(), *LIMIT_MATRICES)]
    largest = [np.linalg.eigvalsh(H).max() for H in (toy.hessian_at_fit(), *LIMIT_MATRICES)]
    assert not np.allclose(firsts, largest)


def test_the_limit_is_where_descent_stops_settling():
    H = toy.hessian_at_fit()
    limit = 2 / np.linalg.eigvalsh(H).max()
    for eta, settles in [(0.99 * limit, True), (1.01 * limit, False)]:
        d = np.array([1.0, 1.0])
        for _ in range(2000):
            d = d - eta * H @ d
        assert (np.hypot(*d) < 1e-3) == settles


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (lambda H: 1 / np.linalg.eigvalsh(H).max(), "half the limit"),
        (lambda H: 2 / np.linalg.eigvalsh(H).min(), "you used the smallest eigenvalue"),
        (lambda H: 1 / np.linalg.eigvalsh(H).min(), "the smallest eigenvalue, and half"),
        (lambda H: 2 / np.trace(H), "the sum of the eigenvalues"),
        (lambda H: 2 / np.linalg.eigvals(H)[0], "does not sort the eigenvalues"),
        (lambda H: 2 / np.linalg.norm(H), "np.linalg.norm"),
        (lambda H: 2 / H.max(), "the largest entry of H is not its largest eigenvalue"),
        (lambda H: np.linalg.eigvalsh(H).max() / 2, "upside down"),
        (lambda H: 2 * np.linalg.eigvalsh(H).max(), "upside down"),
        (lambda H: round(2 / np.linalg.eigvalsh(H).max(), 2), "close: keep more digits"),
        (lambda H: round(2 / np.linalg.eigvalsh(H).max(), 1), "close: keep more digits"),
        (lambda H: 25.0, "try your function on H = np.diag([2.0, 0.5])"),
    ],
)
def test_stability_limit_mistakes(capsys, answer, words):
    message = printed(capsys, check_stability_limit, answer)
    assert words in message
    assert "24.8" not in message and "λ_max" not in message


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (stub, NOT_ANSWERED),
        (lambda H: 2 / np.linalg.eigvalsh(H), "should be a number"),
        (lambda H: None, NOT_ANSWERED),
    ],
)
def test_stability_limit_stub_and_garbage(capsys, answer, words):
    assert words in printed(capsys, check_stability_limit, answer)
