"""The checkers of notebook 04: right answers, each typical mistake with its own hint, stubs."""

import numpy as np
import pytest

from dlnotes import uat
from dlnotes.exercises.core import NOT_ANSWERED
from dlnotes.exercises.universal_approximation import (
    MIXED_CASE,
    PRODUCT_N,
    _mixed_mistakes,
    check_accuracy_choice,
    check_corner_value,
    check_end_value,
    check_mixed_differences,
    check_product_network,
    check_worst_place,
    corner_value,
    end_value,
    f_new,
    surface,
    worst_place,
)
from dlnotes.ffn import FeedForwardNetwork


def printed(capsys, check, *args):
    check(*args)
    return capsys.readouterr().out.strip()


def stub(*args):
    raise NotImplementedError("your code here")


# -- N from the bound for f_new, then measured ------------------------------------------------


def _bound_n(epsilon=0.02):
    """⌈M/(2ε)⌉ with M = max |f_new'|, computed independently of the checker (finer grid)."""
    x = np.linspace(0.0, 1.0, 400001)
    return int(np.ceil(np.max(np.abs(np.gradient(f_new(x), x))) / (2 * epsilon)))


def test_bound_n_is_the_known_value():
    assert _bound_n() == 133  # M ≈ 5.313 near x ≈ 0.084, M/0.04 ≈ 132.8


@pytest.mark.parametrize(
    "form", [int, float, np.float64, np.int64, np.asarray], ids=lambda f: f.__name__
)
def test_accuracy_choice_right_answer_in_every_form(capsys, form):
    n = _bound_n()
    message = printed(capsys, check_accuracy_choice, form(n), form(20.0 * n))
    assert message.startswith("correct")


def test_accuracy_choice_accepts_np_ceil(capsys):
    x = np.linspace(0.0, 1.0, 200001)
    M = np.max(np.abs(np.gradient(f_new(x), x)))
    n = np.ceil(M / (2 * 0.02))  # np.float64(133.0), what a learner writes
    assert printed(capsys, check_accuracy_choice, n, 20 * n).startswith("correct")


@pytest.mark.parametrize("below", [1, 2])
def test_accuracy_choice_refuses_n_below_the_bound(capsys, below):
    n = _bound_n() - below  # M/(2N) > 0.02: the bound does not promise epsilon
    message = printed(capsys, check_accuracy_choice, n, 20.0 * n)
    assert "does not promise" in message and "Round M/(2ε) up" in message


def test_accuracy_choice_too_shallow(capsys):
    n = _bound_n()
    assert "not flat on top" in printed(capsys, check_accuracy_choice, n, 2.0 * n)


def test_accuracy_choice_many_more_towers_is_not_correct(capsys):
    # the old check accepted any N whose error was below 0.02 (e.g. 1000); now the bound's N
    message = printed(capsys, check_accuracy_choice, 1000, 20000.0)
    assert "more than the bound asks for" in message


def test_accuracy_choice_too_few_towers(capsys):
    assert "does not promise" in printed(capsys, check_accuracy_choice, 50, 1000.0)


def test_accuracy_choice_missing_half(capsys):
    n = _bound_n(0.04)  # M·Δ = 0.04 instead of M·Δ/2
    assert "half a bin" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


def test_accuracy_choice_double(capsys):
    n = _bound_n(0.01)
    assert "0.01, not 0.02" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


def test_accuracy_choice_slope_at_zero(capsys):
    n = int(np.ceil(0.8 / 0.04))
    assert "slope at x = 0" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


def test_accuracy_choice_upper_estimate(capsys):
    n = int(np.ceil(0.4 * 5 * np.pi / 0.04))  # ignores e^(-2x)
    assert "upper estimate" in printed(capsys, check_accuracy_choice, n, 20.0 * n)


def test_accuracy_choice_stub(capsys):
    assert printed(capsys, check_accuracy_choice, None, None) == NOT_ANSWERED


@pytest.mark.parametrize(("n", "w", "missing"), [(None, 100.0, "N_new"), (10, None, "w_new")])
def test_accuracy_choice_half_answered_names_the_stub(capsys, n, w, missing):
    message = printed(capsys, check_accuracy_choice, n, w)
    assert message.startswith("not answered yet") and f"{missing} is still the stub" in message


@pytest.mark.parametrize(("n", "w"), [("ten", 50.0), (10.5, 50.0), (10, "steep"), (0, 50.0)])
def test_accuracy_choice_garbage(capsys, n, w):
    message = printed(capsys, check_accuracy_choice, n, w)
    assert message and not message.startswith("correct")


# -- mixed differences -------------------------------------------------------------------------


def test_mixed_differences_right_answer(capsys):
    assert printed(capsys, check_mixed_differences, uat.mixed_differences) == "correct"


@pytest.mark.parametrize("k", range(6))
def test_mixed_differences_each_mistake_gets_its_own_hint(capsys, k):
    wrong, hint = _mixed_mistakes(MIXED_CASE)[k]
    assert printed(capsys, check_mixed_differences, lambda v: wrong) == hint


def test_mixed_differences_without_prepend(capsys):
    def no_prepend(v):
        return np.diff(np.diff(v, axis=0), axis=1)

    assert "one weight per cell" in printed(capsys, check_mixed_differences, no_prepend)


@pytest.mark.parametrize("answer", [None, stub])
def test_mixed_differences_stub(capsys, answer):
    assert printed(capsys, check_mixed_differences, answer) == NOT_ANSWERED


@pytest.mark.parametrize("answer", ["weights", lambda v: "abc", lambda v: v[0]])
def test_mixed_differences_garbage(capsys, answer):
    message = printed(capsys, check_mixed_differences, answer)
    assert message and message != "correct"


def test_accuracy_choice_tails_too_large(capsys):
    n = _bound_n()
    assert "N is right, but the measured" in printed(capsys, check_accuracy_choice, n, 6.0 * n)


# -- g(a) with the outer steps at a ------------------------------------------------------------


def test_end_value_is_half_the_first_height():
    assert end_value() == pytest.approx(uat.kink(0.125) / 2, abs=1e-6)


@pytest.mark.parametrize("answer", [0.285, 0.29, 0.28, np.float64(0.285), np.asarray(0.285)])
def test_end_value_right_answer_in_every_form(capsys, answer):
    assert printed(capsys, check_end_value, answer) == "correct"


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (0.42, "that is f(a)"),
        (0.57, "that is v_0"),
        (0.21, "half of what"),
        (0.5, "σ(0) = 1/2 is the step's own value"),
        (0.0, "not off there"),
        (0.7, "only the step at a counts"),
        (0.3, "to two decimals"),
        (0.27, "to two decimals"),
    ],
)
def test_end_value_each_mistake_gets_its_own_hint(capsys, answer, hint):
    message = printed(capsys, check_end_value, answer)
    assert hint in message and "0.28" not in message


@pytest.mark.parametrize("answer", [None, ...])
def test_end_value_stub(capsys, answer):
    assert printed(capsys, check_end_value, answer) == NOT_ANSWERED


@pytest.mark.parametrize("answer", ["0.285", [0.285], float("nan")])
def test_end_value_garbage(capsys, answer):
    message = printed(capsys, check_end_value, answer)
    assert message and message != "correct"


# -- where the error of the bound's towers is largest ------------------------------------------


def test_worst_place_is_next_to_the_steepest_point():
    x = np.linspace(0.0, 1.0, 200001)
    steepest = x[np.argmax(np.abs(np.gradient(f_new(x), x)))]
    assert abs(worst_place() - steepest) < 0.01


def test_worst_place_extrema_used_by_the_hint_are_where_the_slope_vanishes():
    x = np.linspace(0.0, 1.0, 200001)
    slope = np.gradient(f_new(x), x)
    zeros = x[1:][np.sign(slope[1:]) != np.sign(slope[:-1])]
    np.testing.assert_allclose(zeros, 0.1919 + 0.2 * np.arange(5), atol=2e-4)


@pytest.mark.parametrize("answer", [0.084, 0.07, np.float64(0.1), np.asarray(0.09)])
def test_worst_place_right_answer(capsys, answer):
    assert printed(capsys, check_worst_place, answer).startswith("correct")


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (0.0, "How steep is f_new at x = 0"),
        (1.0, "How steep is f_new at x = 0"),
        (0.19, "peak or a valley"),
        (0.59, "peak or a valley"),
        (0.284, "not the steepest"),
        (0.045, "it gets steeper a little further right"),
        (1.5, "a point of [0, 1]"),
    ],
)
def test_worst_place_each_mistake_gets_its_own_hint(capsys, answer, hint):
    assert hint in printed(capsys, check_worst_place, answer)


def test_worst_place_stub(capsys):
    assert printed(capsys, check_worst_place, None) == NOT_ANSWERED


# -- closed towers at an interior corner -------------------------------------------------------


def test_corner_value_is_near_zero_while_f_is_not():
    assert abs(corner_value()) < 1e-6 and surface(0.5, 0.5) > 0.7


@pytest.mark.parametrize("answer", [0.0, 0, 0.005, np.float64(0.0), np.asarray(0.0)])
def test_corner_value_right_answer(capsys, answer):
    assert printed(capsys, check_corner_value, answer) == "correct"


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        (0.7156, "about f at the corner"),
        (0.71, "about f at the corner"),
        (2.84, "all four towers fully on"),
        (1.42, "half on would need"),
        (2.88, "all four towers fully on"),  # 4 · 0.72, from the prompt's rounded f
        (1.44, "half on would need"),  # 2 · 0.72
        (0.72, "about f at the corner"),
        (0.3, "put their sum into"),
    ],
)
def test_corner_value_each_mistake_gets_its_own_hint(capsys, answer, hint):
    assert hint in printed(capsys, check_corner_value, answer)


def test_corner_value_stub(capsys):
    assert printed(capsys, check_corner_value, None) == NOT_ANSWERED


# -- x1·x2 with one hidden layer ---------------------------------------------------------------


def _ridges(ridges, bias, n):
    """The notebook's ridge_network: one hidden layer for bias + Σ coef·T(d·x)."""
    parts = [uat.tower_network(h, lo, hi, n, w=uat.steepness_for(n, lo, hi))
             for h, lo, hi, _, _ in ridges]  # fmt: skip
    net = FeedForwardNetwork(
        [2, sum(len(p.b[0]) for p in parts), 1], output="linear", loss="squared_error"
    )
    net.W[0] = np.vstack(
        [p.W[0] @ np.array([r[3]], dtype=float) for p, r in zip(parts, ridges, strict=True)]
    )
    net.b[0] = np.concatenate([p.b[0] for p in parts])
    net.W[1] = np.hstack([r[4] * p.W[1] for p, r in zip(parts, ridges, strict=True)])
    net.b[1] = np.array([float(bias)])
    return net


def _product(plus=(0, 2), minus=(-1, 1), c_plus=0.25, c_minus=-0.25):
    return lambda n: _ridges(
        [(np.square, *plus, (1, 1), c_plus), (np.square, *minus, (1, -1), c_minus)], 0.0, n
    )


def test_product_network_right_answer(capsys):
    message = printed(capsys, check_product_network, _product())
    assert message.startswith("correct")


@pytest.mark.parametrize(
    ("wrong", "hint"),
    [
        (_product(c_plus=1.0, c_minus=-1.0), "factor ¼"),
        (_product(c_plus=-0.25, c_minus=0.25), "about −x1·x2"),
        (_product(c_minus=0.25), "the second ridge is added"),
        (_product(plus=(0, 1)), "x1 + x2 runs over more than [0, 1]"),
        (_product(minus=(0, 1)), "x1 − x2 also takes negative values"),
        (_product(plus=(0, 1), minus=(0, 1)), "neither ridge fits on [0, 1]"),
        (lambda n: _ridges([(np.square, 0, 2, (1, 1), 0.25)], 0.0, n), "check each ridge"),
    ],
)
def test_product_network_each_mistake_gets_its_own_hint(capsys, wrong, hint):
    assert hint in printed(capsys, check_product_network, wrong)


def test_product_network_two_hidden_layers_refused(capsys):
    def two_layers(n):
        return FeedForwardNetwork([2, 4, 4, 1], output="linear", loss="squared_error")

    assert "one hidden layer; yours has 2" in printed(capsys, check_product_network, two_layers)


def test_product_network_one_input_refused(capsys):
    def one_input(n):
        return uat.tower_network(np.square, 0, 1, n, w=20.0 * n)

    assert "two inputs" in printed(capsys, check_product_network, one_input)


@pytest.mark.parametrize("answer", [None, stub])
def test_product_network_stub(capsys, answer):
    assert printed(capsys, check_product_network, answer) == NOT_ANSWERED


@pytest.mark.parametrize("answer", [lambda n: None, lambda n: "net", lambda n: 1 / 0])
def test_product_network_garbage(capsys, answer):
    message = printed(capsys, check_product_network, answer)
    assert message and message != "correct" and "Traceback" not in message


def test_product_network_n_is_the_documented_one():
    assert PRODUCT_N == 32


# -- mixed differences: the shape and None messages --------------------------------------------


def test_mixed_differences_transposed(capsys):
    message = printed(capsys, check_mixed_differences, lambda v: uat.mixed_differences(v).T)
    assert "should have the shape of v" in message


def test_mixed_differences_none(capsys):
    assert "returned None" in printed(capsys, check_mixed_differences, lambda v: None)
