"""Unit tests for dlnotes.toy: the two-point problem of the notes."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes import toy


def notes_f(w, b, x):
    """The notes' f, verbatim (fine for the moderate inputs used here)."""
    return 1.0 / (1.0 + np.exp(-(w * x + b)))


def notes_error(w, b):
    """The notes' error loop, verbatim."""
    err = 0.0
    for x, y in zip([0.5, 2.5], [0.2, 0.9], strict=True):
        fx = notes_f(w, b, x)
        err += 0.5 * (fx - y) ** 2
    return err


def test_data_is_the_notes():
    np.testing.assert_array_equal(toy.X, [0.5, 2.5])
    np.testing.assert_array_equal(toy.Y, [0.2, 0.9])


def test_f_known_values_and_float_for_scalars():
    assert toy.f(0, 0, 1.0) == 0.5
    assert isinstance(toy.f(1, 2, 3), float)
    assert toy.f(1.0, -1.0, 1.0) == 0.5
    assert toy.f(2.0, 0.5, 0.5) == pytest.approx(1 / (1 + math.exp(-1.5)), rel=1e-15)


def test_f_broadcasts():
    w = np.array([[1.0], [2.0]])
    x = np.array([0.0, 1.0, 2.0])
    out = toy.f(w, 0.0, x)
    assert out.shape == (2, 3)
    np.testing.assert_allclose(out, notes_f(w, 0.0, x), rtol=1e-14)


def test_error_at_notes_start_and_matches_notes_loop():
    assert f"{toy.error(-2, -2):.4f}" == "0.4158"
    assert isinstance(toy.error(-2, -2), float)
    for w, b in [(-2, -2), (0.3, 1.1), (4.0, -5.0)]:
        assert toy.error(w, b) == pytest.approx(notes_error(w, b), rel=1e-13)


@pytest.mark.parametrize(
    ("guess", "loss"),
    [
        ((0.5, 0.0), "0.0731"),
        ((-0.1, 0.0), "0.1481"),
        ((0.94, -0.94), "0.0217"),
        ((1.42, -1.73), "0.0029"),
        ((1.65, -2.08), "0.0003"),
        ((1.78, -2.27), "0.0000"),
    ],
)
def test_lecture_guess_table(guess, loss):
    assert f"{toy.error(*guess):.4f}" == loss


def test_lecture_guesses_constant_is_the_table():
    assert toy.LECTURE_GUESSES[0] == (0.5, 0.0)
    assert len(toy.LECTURE_GUESSES) == 6
    losses = [toy.error(w, b) for w, b in toy.LECTURE_GUESSES]
    assert losses[1] > losses[0]  # the second guess went the wrong way
    assert losses[1:] == sorted(losses[1:], reverse=True)


def test_error_vectorised_equals_scalar():
    rng = np.random.default_rng(0)
    w = rng.uniform(-6, 6, size=(4, 5))
    b = rng.uniform(-6, 6, size=(4, 5))
    L = toy.error(w, b)
    assert L.shape == (4, 5)
    for i in range(4):
        for j in range(5):
            assert L[i, j] == pytest.approx(toy.error(float(w[i, j]), float(b[i, j])), rel=1e-14)
    # broadcasting a column against a row
    L2 = toy.error(w[:, :1], b[:1, :])
    assert L2.shape == (4, 5)
    assert L2[2, 3] == pytest.approx(toy.error(float(w[2, 0]), float(b[0, 3])), rel=1e-14)


def test_gradients_per_point_match_formula_and_finite_differences():
    w, b, x, y = 0.7, -0.3, 2.5, 0.9
    fx = notes_f(w, b, x)
    assert toy.grad_w(w, b, x, y) == pytest.approx((fx - y) * fx * (1 - fx) * x, rel=1e-14)
    assert toy.grad_b(w, b, x, y) == pytest.approx((fx - y) * fx * (1 - fx), rel=1e-14)

    # summed over the two points they are the gradient of error()
    eps = 1e-6
    dw = sum(toy.grad_w(w, b, xi, yi) for xi, yi in zip(toy.X, toy.Y, strict=True))
    db = sum(toy.grad_b(w, b, xi, yi) for xi, yi in zip(toy.X, toy.Y, strict=True))
    fd_w = (toy.error(w + eps, b) - toy.error(w - eps, b)) / (2 * eps)
    fd_b = (toy.error(w, b + eps) - toy.error(w, b - eps)) / (2 * eps)
    assert dw == pytest.approx(fd_w, rel=1e-7)
    assert db == pytest.approx(fd_b, rel=1e-7)


def test_gradients_vectorised_over_points():
    gw = toy.grad_w(-2.0, -2.0, toy.X, toy.Y)
    gb = toy.grad_b(-2.0, -2.0, toy.X, toy.Y)
    assert gw.shape == gb.shape == (2,)
    assert gw[1] == pytest.approx(toy.grad_w(-2.0, -2.0, 2.5, 0.9), rel=1e-15)
    assert gb[0] == pytest.approx(toy.grad_b(-2.0, -2.0, 0.5, 0.2), rel=1e-15)


def test_exact_solution_fits_both_points():
    w_star, b_star = toy.exact_solution()
    assert f"{w_star:.4f}" == "1.7918"
    assert f"{b_star:.4f}" == "-2.2822"
    for x, y in zip(toy.X, toy.Y, strict=True):
        assert abs(toy.f(w_star, b_star, float(x)) - y) < 1e-12
    assert toy.error(w_star, b_star) < 1e-24


def test_hessian_at_fit_matches_finite_differences_of_the_gradient():
    """Column j of ∇²L is the change of ∇L along parameter j, by central differences."""
    w, b = toy.exact_solution()
    h = 1e-5
    columns = [
        (np.array(toy.gradient(w + h, b)) - np.array(toy.gradient(w - h, b))) / (2 * h),
        (np.array(toy.gradient(w, b + h)) - np.array(toy.gradient(w, b - h))) / (2 * h),
    ]
    H = toy.hessian_at_fit()
    assert H.shape == (2, 2)
    np.testing.assert_allclose(H, np.stack(columns, axis=1), rtol=1e-6)
    np.testing.assert_array_equal(H, H.T)
    assert np.all(np.linalg.eigvalsh(H) > 0)  # a minimum: curved upwards in every direction
    assert f"{2 / np.linalg.eigvalsh(H).max():.2f}" == "24.87"  # notebook 03's stability limit


def test_do_gradient_descent_reproduces_the_notes():
    w, b = toy.do_gradient_descent()
    assert isinstance(w, float) and isinstance(b, float)
    assert f"{w:.4f}" == "1.7917"
    assert f"{b:.4f}" == "-2.2821"
    assert 1e-11 < toy.error(w, b) < 1e-10  # about 2.4e-11
    assert toy.do_gradient_descent(max_epochs=0) == (-2.0, -2.0)
    w100, b100 = toy.do_gradient_descent(max_epochs=100)
    assert (f"{w100:.4f}", f"{b100:.4f}") == ("1.0030", "-1.0508")


def test_do_gradient_descent_matches_notes_loop():
    w, b, eta = -2.0, -2.0, 1.0
    for _ in range(50):
        dw, db = 0.0, 0.0
        for x, y in zip([0.5, 2.5], [0.2, 0.9], strict=True):
            fx = notes_f(w, b, x)
            dw += (fx - y) * fx * (1 - fx) * x
            db += (fx - y) * fx * (1 - fx)
        w, b = w - eta * dw, b - eta * db
    got = toy.do_gradient_descent(max_epochs=50)
    assert got == pytest.approx((w, b), rel=1e-13)


def test_error_surface_shape_and_minimum():
    ws = np.linspace(-6, 6, 121)
    bs = np.linspace(-6, 6, 101)
    W, B, L = toy.error_surface(ws, bs)
    assert W.shape == B.shape == L.shape == (101, 121)
    assert W[3, 7] == ws[7] and B[3, 7] == bs[3]
    assert L[3, 7] == pytest.approx(toy.error(ws[7], bs[3]), rel=1e-14)
    i, j = np.unravel_index(np.argmin(L), L.shape)
    w_star, b_star = toy.exact_solution()
    assert abs(W[i, j] - w_star) <= 0.1 and abs(B[i, j] - b_star) <= 0.12
    # 2-D grids are used as they are
    W2, B2, L2 = toy.error_surface(W, B)
    np.testing.assert_array_equal(L2, L)


def test_grid_search_and_cost():
    ws = np.linspace(-6, 6, 121)
    w, b, L = toy.grid_search(ws, ws)
    assert (round(w, 6), round(b, 6)) == (1.8, -2.3)
    assert L < 1e-5
    assert toy.grid_search_cost(2, 121) == 121**2
    assert toy.grid_search_cost(10, 100) == 10**20
    with pytest.raises(ValueError, match="n_params"):
        toy.grid_search_cost(0, 10)
    with pytest.raises(TypeError, match="points_per_axis"):
        toy.grid_search_cost(2, 1.5)
    with pytest.raises(ValueError, match="n_params must be at most 10000"):
        toy.grid_search_cost(10**6, 10)


def test_gradient_is_the_sum_over_the_points_of_the_notes_formulas():
    for w, b in [(-2.0, -2.0), (0.7, -0.3), (1.7918, -2.2822), (4.0, 5.0)]:
        dw, db = toy.gradient(w, b)
        assert isinstance(dw, float) and isinstance(db, float)
        notes_dw, notes_db = 0.0, 0.0
        for x, y in zip([0.5, 2.5], [0.2, 0.9], strict=True):  # the notes' loop, verbatim
            fx = notes_f(w, b, x)
            notes_dw += (fx - y) * fx * (1 - fx) * x
            notes_db += (fx - y) * fx * (1 - fx)
        assert (dw, db) == pytest.approx((notes_dw, notes_db), rel=1e-13, abs=1e-17)
        eps = 1e-6
        fd_w = (toy.error(w + eps, b) - toy.error(w - eps, b)) / (2 * eps)
        fd_b = (toy.error(w, b + eps) - toy.error(w, b - eps)) / (2 * eps)
        assert (dw, db) == pytest.approx((fd_w, fd_b), rel=1e-6, abs=1e-10)


def test_gradient_vanishes_at_the_exact_fit_only():
    w_star, b_star = toy.exact_solution()
    assert max(map(abs, toy.gradient(w_star, b_star))) < 1e-15
    assert max(map(abs, toy.gradient(-2.0, -2.0))) > 1e-3


def test_gradient_on_a_grid_equals_pointwise():
    W, B = np.meshgrid(np.linspace(-6, 6, 7), np.linspace(-5, 5, 4))
    dW, dB = toy.gradient(W, B)
    assert dW.shape == dB.shape == (4, 7)
    assert (dW[1, 5], dB[1, 5]) == pytest.approx(toy.gradient(W[1, 5], B[1, 5]), rel=1e-14)


def test_data_are_read_only():
    with pytest.raises(ValueError, match="read-only"):
        toy.X[0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        toy.Y[1] = 0.0
    assert toy.exact_solution() == pytest.approx((1.7918, -2.2822), abs=5e-5)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: toy.error("two", 1.0), TypeError, "w must be numeric"),
        (lambda: toy.f(1.0, None, 0.5), TypeError, "b must be numeric.*None"),
        (lambda: toy.f(1.0, 0.0, [None]), ValueError, "x must be finite.*None inside"),
        (lambda: toy.error(np.nan, 0.0), ValueError, "w must be finite"),
        (lambda: toy.gradient(0.0, np.inf), ValueError, "b must be finite"),
        (lambda: toy.f(1 + 2j, 0.0, 1.0), TypeError, "w must be .*real, got complex"),
        (lambda: toy.error(0.0, np.array([1 + 0j])), TypeError, "b must be .*real, got complex"),
        (lambda: toy.grad_w(1.0, 0.0, 1.0, 2j), TypeError, "y must be .*real, got complex"),
        (lambda: toy.gradient(1j, 0.0), TypeError, "w must be .*real, got complex"),
        (lambda: toy.grad_b(1.0, 0.0, 1.0, 1.5), ValueError, r"y must lie in \[0, 1\]"),
        (lambda: toy.grad_w(1.0, 0.0, 1.0, -0.1), ValueError, r"y must lie in \[0, 1\]"),
        (lambda: toy.error(np.zeros(3), np.zeros(4)), ValueError, r"w has shape \(3,\).*b has"),
        (lambda: toy.grad_w(np.zeros(3), 0.0, np.zeros(2), 0.0), ValueError, "x has shape"),
        (lambda: toy.grad_b(0.0, 0.0, np.zeros(2), np.zeros(3)), ValueError, "y has shape"),
        (lambda: toy.gradient(np.zeros(2), np.zeros(3)), ValueError, "w has shape"),
        (
            lambda: toy.error_surface(np.zeros(3), np.zeros((3, 3))),
            ValueError,
            r"both be 1-D \(axis values\) or both 2-D",
        ),
        (lambda: toy.error_surface(np.zeros((2, 3)), np.zeros((3, 2))), ValueError, "same shape"),
        (lambda: toy.do_gradient_descent(eta=0.0), ValueError, "eta must be positive"),
        (lambda: toy.do_gradient_descent(max_epochs=-1), ValueError, "max_epochs must be at"),
        (lambda: toy.do_gradient_descent(max_epochs=10.0), TypeError, "max_epochs must be an int"),
    ],
)
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_no_warnings_for_large_arguments():
    big = np.array([-1e4, -1e3, -50.0, 0.0, 50.0, 1e3, 1e4])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = toy.f(big, 0.0, 1.0)
        assert out[0] == 0.0 and out[-1] == 1.0
        L = toy.error(big[:, None], big[None, :])  # |w x + b| up to 3.5e4
        assert np.all(np.isfinite(L)) and np.all(L <= 0.5 * (0.9**2 + 0.8**2) + 1e-12)
        assert np.all(np.isfinite(toy.grad_w(big, 0.0, 1.0, 0.5)))
        assert np.all(np.isfinite(toy.grad_b(0.0, big, 2.5, 0.9)))
        W, B, Ls = toy.error_surface(np.linspace(-4000, 4000, 5), np.linspace(-1e4, 1e4, 5))
        assert np.all(np.isfinite(Ls))
        toy.do_gradient_descent(w=1e4, b=-1e4, max_epochs=3)


@pytest.mark.parametrize("huge", [1e308, -1e308, 1.7976931348623157e308])
def test_huge_finite_input_gives_the_saturated_answer_without_a_warning(huge):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sign = 1.0 if huge > 0 else 0.0
        assert toy.f(huge, 0.0, 10.0) == sign  # w·x = ±1e309 overflows; σ is 1 or 0 all the same
        assert toy.f(1.0, huge, 0.5) == sign
        assert toy.f(huge, -huge, 2.0) == sign  # w·x + b = ±1e308 exactly; w·x alone overflows
        # saturated at both points: L is the plateau level (f(x1), f(x2)) = (1, 1) or (0, 0)
        plateau = 0.5 * ((sign - 0.2) ** 2 + (sign - 0.9) ** 2)
        assert toy.error(huge, 0.0) == pytest.approx(plateau, rel=1e-15)
        assert toy.gradient(huge, 0.0) == (0.0, 0.0)  # flat there: f(1 - f) = 0
        assert toy.grad_w(0.0, 0.0, huge, 1.0) == pytest.approx(-0.125 * huge, rel=1e-15)
        assert toy.grad_b(0.0, huge, huge, 0.0) == 0.0


# -- property test: any input gives a finite answer or an error naming the argument -------------
ODD_VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 5e-324, 0.0, -0.0, True, 3, None, "1.0", 1 + 2j, [None]]),
    st.lists(st.floats(-1e308, 1e308), min_size=0, max_size=3),
    st.sampled_from([np.float32(2.5), np.array(0.5), np.arange(3.0)[::2], np.zeros((2, 1))]),
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(w=ODD_VALUES, b=ODD_VALUES, x=ODD_VALUES, y=ODD_VALUES)
def test_any_input_gives_a_finite_answer_or_a_named_error(w, b, x, y):
    calls = {
        "f": lambda: toy.f(w, b, x),
        "error": lambda: toy.error(w, b),
        "grad_w": lambda: toy.grad_w(w, b, x, y),
        "grad_b": lambda: toy.grad_b(w, b, x, y),
        "gradient": lambda: toy.gradient(w, b),
    }
    for name, call in calls.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                out = call()
            except (TypeError, ValueError) as err:
                assert any(arg in str(err) for arg in ("w ", "b ", "x ", "y ", "shapes")), err
                continue
        for part in out if name == "gradient" else [out]:
            assert np.all(np.isfinite(part)), (name, w, b, x, y, out)
            if all(np.ndim(v) == 0 for v in (w, b, x, y)):
                assert isinstance(part, float), (name, type(part))
