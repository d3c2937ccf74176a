"""Notebook 03's checkers: the right answer, every typical mistake with its own hint, the stub and
garbage (a message, never a traceback)."""

import re

import numpy as np
import pytest

from dlnotes import toy
from dlnotes.exercises.core import CORRECT, NOT_ANSWERED
from dlnotes.exercises.gradient_descent import (
    FASTEST_CANDIDATES,
    LIMIT_MATRICES,
    ce_gradient,
    check_ce_gradient,
    check_fastest_eta,
    check_stability_limit,
    epochs_on_shelf,
    first_epoch_below,
)


def printed(capsys, check, answer) -> str:
    check(answer)
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
        np.testing.assert_allclose(ce_gradient(w, b, x, y), fd, rtol=1e-6)


def test_ce_right_answers(capsys):
    assert printed(capsys, check_ce_gradient, ce_right) == CORRECT

    # the unsimplified chain rule is right too
    def unsimplified(w, b, x, y):
        fx, slope = ce_parts(w, b, x, y)
        dl_df = -y / fx + (1 - y) / (1 - fx)
        return dl_df * slope * x, dl_df * slope

    assert printed(capsys, check_ce_gradient, unsimplified) == CORRECT
    assert printed(capsys, check_ce_gradient, lambda *p: list(ce_right(*p))) == CORRECT


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


# -- exercise 2: the fastest learning rate ---------------------------------------------------------
def test_fastest_is_computed_not_stored():
    reached = {eta: first_epoch_below(eta) for eta in FASTEST_CANDIDATES}
    assert reached[10.0] == 20 and reached[3.0] == 92 and reached[1.0] == 276
    assert reached[0.3] is None and reached[25.0] is None and reached[100.0] is None


def test_shelf_stretch_is_computed():
    assert epochs_on_shelf(25.0) == (5, 341, 336)
    assert epochs_on_shelf(100.0) is None and epochs_on_shelf(1.0) is None


def test_fastest_right_answer(capsys):
    assert printed(capsys, check_fastest_eta, 10.0) == CORRECT
    assert printed(capsys, check_fastest_eta, 10) == CORRECT
    assert printed(capsys, check_fastest_eta, np.array(10.0)) == CORRECT  # a 0-d array


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (
            25.0,
            "onto the shelf beside it (f(x₂) > 0.97, where L ≥ 0.0025): it is there in 336 "
            "of the epochs from 5 to 341",
        ),
        (100.0, "deep onto the plateau where both outputs are near 0"),
        (0.3, "a small eta crawls"),
        (1.0, "gets there, at epoch 276: not the fewest epochs of the list"),
        (3.0, "gets there, at epoch 92: not the fewest epochs of the list"),
        (7.0, "pick one of"),
    ],
)
def test_fastest_mistakes(capsys, answer, words):
    message = printed(capsys, check_fastest_eta, answer)
    assert words in message
    if answer in FASTEST_CANDIDATES:  # the hint never names the answer
        assert not re.search(r"\b10(\.0)?\b", message)


@pytest.mark.parametrize(("answer", "words"), [(None, NOT_ANSWERED), ("ten", "should be a number")])
def test_fastest_stub_and_garbage(capsys, answer, words):
    assert words in printed(capsys, check_fastest_eta, answer)


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
