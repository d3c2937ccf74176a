"""Gradient descent: the path, agreement with the notes' loop, the numbers notebook 03 prints,
divergence handling and bad input."""

import dataclasses
import math
import pickle
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes import toy
from dlnotes.gd import Descent, change_by_direction, gradient_descent


def toy_grad(theta):
    """The toy gradient in the form gradient_descent calls: theta = [w, b] -> [dL/dw, dL/db]."""
    return toy.gradient(*theta)


def toy_loss(theta):
    return toy.error(theta[..., 0], theta[..., 1])


def run(*args, **kwargs) -> np.ndarray:
    """The path of a run that must not diverge."""
    result = gradient_descent(*args, **kwargs)
    assert result.diverged_at is None
    return result.path


@pytest.fixture(scope="module")
def notes_run():
    """The notes' run: start (-2, -2), eta = 1, 1000 epochs."""
    return gradient_descent(toy_grad, [-2.0, -2.0], eta=1.0, epochs=1000)


@pytest.fixture(scope="module")
def notes_path(notes_run):
    return notes_run.path


def losses(path):
    return toy.error(path[:, 0], path[:, 1])


# -- the result ----------------------------------------------------------------------------------
def test_path_shape_and_first_row(notes_run, notes_path):
    assert isinstance(notes_run, Descent)
    assert type(notes_path) is np.ndarray  # a plain array: nothing rides along into slices
    assert notes_path.shape == (1001, 2)
    assert notes_path[0].tolist() == [-2.0, -2.0]
    assert notes_run.diverged_at is None and notes_run.stopped_at == 1000
    assert notes_run.status == "ran all 1000 epochs"


def test_the_result_survives_pickling_and_cannot_be_changed(notes_run):
    copy = pickle.loads(pickle.dumps(notes_run))
    np.testing.assert_array_equal(copy.path, notes_run.path)
    assert (copy.diverged_at, copy.stopped_at, copy.status) == (None, 1000, "ran all 1000 epochs")
    blown = gradient_descent(lambda th: th**3, [2.0], eta=1.0, epochs=100)
    copy = pickle.loads(pickle.dumps(blown))
    assert (copy.diverged_at, copy.stopped_at) == (7, 6)
    with pytest.raises(dataclasses.FrozenInstanceError):
        blown.diverged_at = None


def test_the_result_indexes_as_its_path(notes_run):
    """API.md once called the result a path: indexing, len and np.array work on it."""
    np.testing.assert_array_equal(notes_run[0], [-2.0, -2.0])
    np.testing.assert_array_equal(notes_run[-1], notes_run.path[-1])
    assert len(notes_run) == 1001
    np.testing.assert_array_equal(np.array(notes_run), notes_run.path)
    np.testing.assert_array_equal(np.asarray(notes_run)[:, 0], notes_run.path[:, 0])


def test_zero_epochs_is_just_the_start():
    path = run(toy_grad, [0.5, 0.25], eta=1.0, epochs=0)
    assert path.shape == (1, 2)
    assert path[0].tolist() == [0.5, 0.25]


def test_general_dimension_quadratic_bowl():
    # L = 1/2 |theta|^2 has gradient theta: each step multiplies theta by (1 - eta).
    theta0 = np.array([1.0, -2.0, 4.0])
    path = run(lambda th: th, theta0, eta=0.25, epochs=5)
    assert path.shape == (6, 3)
    for t in range(6):
        np.testing.assert_allclose(path[t], 0.75**t * theta0, rtol=1e-15)


def test_theta0_is_not_modified_and_grad_cannot_corrupt_the_path():
    theta0 = np.array([1.0, 2.0])

    def nasty_grad(theta):
        g = theta.copy()
        theta[:] = 99.0  # modifies its argument
        return g

    path = run(nasty_grad, theta0, eta=0.5, epochs=2)
    assert theta0.tolist() == [1.0, 2.0]
    np.testing.assert_allclose(path, [[1.0, 2.0], [0.5, 1.0], [0.25, 0.5]])


# -- agreement with the notes' loop -------------------------------------------------------------
@pytest.mark.parametrize(
    ("start", "eta", "epochs"),
    [((-2.0, -2.0), 1.0, 0), ((-2.0, -2.0), 1.0, 1), ((-2.0, -2.0), 1.0, 100)]
    + [((-2.0, -2.0), 1.0, 1000), ((3.0, 1.0), 4.0, 50)],
)
def test_loop_and_vectorised_version_agree(start, eta, epochs):
    path = run(toy_grad, list(start), eta, epochs)
    expected = toy.do_gradient_descent(*start, eta, epochs)
    np.testing.assert_allclose(path[-1], expected, rtol=0, atol=1e-12)


def test_each_row_is_one_step_of_the_rule(notes_path):
    for t in (0, 1, 57, 999):
        expected = notes_path[t] - 1.0 * np.array(toy.gradient(*notes_path[t]))
        np.testing.assert_allclose(notes_path[t + 1], expected, rtol=0, atol=1e-15)


# -- the numbers notebook 03 prints -------------------------------------------------------------
def test_the_printed_numbers(notes_path):
    L = losses(notes_path)
    assert f"{L[0]:.4f}" == "0.4158"
    assert f"{L[10]:.4f}" == "0.4148"
    assert [f"{v:.4f}" for v in notes_path[100]] == ["1.0030", "-1.0508"]
    assert [f"{v:.4f}" for v in notes_path[1000]] == ["1.7917", "-2.2821"]
    assert f"{L[1000]:.1e}" == "2.4e-11"
    w_star, b_star = toy.exact_solution()
    assert (f"{w_star:.4f}", f"{b_star:.4f}") == ("1.7918", "-2.2822")


def test_loss_never_increases_on_the_notes_run(notes_path):
    assert np.all(np.diff(losses(notes_path)) <= 0)


# -- divergence ---------------------------------------------------------------------------------
def test_divergence_stops_without_warnings_and_says_where():
    # L = theta^4 / 4, gradient theta^3: from 2 with eta = 1 the steps explode (2, -6, 210, ...).
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any RuntimeWarning would fail the test
        result = gradient_descent(lambda th: th**3, [2.0], eta=1.0, epochs=100)
    assert result.diverged_at == 7  # 2, -6, 210, -9.3e6, 7.9e20, -5.0e62, 1.3e188, then inf
    assert result.path.shape == (7, 1) and result.stopped_at == 6
    assert np.all(np.isfinite(result.path))
    np.testing.assert_allclose(result.path[:3, 0], [2.0, -6.0, 210.0])
    assert result.status == (
        "diverged at epoch 7 (the step gave infinity or NaN); the path ends at epoch 6"
    )


def test_a_slice_of_a_diverged_path_is_just_numbers():
    result = gradient_descent(lambda th: 2 * th, [1.0], eta=10.0, epochs=2000)
    assert result.diverged_at == len(result.path) == 242
    first = result.path[:3]
    assert type(first) is np.ndarray and not hasattr(first, "diverged_at")


def test_divergence_from_overflowing_step():
    # A finite gradient, but eta * gradient overflows.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = gradient_descent(lambda th: np.full_like(th, 1e300), [0.0, 0.0], 1e10, 10)
    assert result.path.shape == (1, 2) and result.diverged_at == 1


def test_nan_gradient_counts_as_divergence():
    def grad(theta):
        return np.array([np.nan]) if theta[0] < 0.75 else theta

    result = gradient_descent(grad, [1.0], eta=0.5, epochs=10)
    assert result.diverged_at == 2
    assert result.path[:, 0].tolist() == [1.0, 0.5]


def test_finite_run_has_no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = run(toy_grad, [-6.0, 6.0], eta=100.0, epochs=200)
    assert path.shape == (201, 2)


# -- bad input ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"eta": 0.0}, ValueError, "eta must be positive"),
        ({"eta": -1.0}, ValueError, "eta must be positive"),
        ({"eta": float("nan")}, ValueError, "eta must be finite"),
        ({"eta": "fast"}, TypeError, "eta must be a real number"),
        ({"epochs": -1}, ValueError, "epochs must be at least 0"),
        ({"epochs": 10.0}, TypeError, "epochs must be an integer"),
        ({"epochs": True}, TypeError, "epochs must be an integer"),
        ({"theta0": [np.nan, 0.0]}, ValueError, "theta0 must be finite"),
        ({"theta0": [np.inf, 0.0]}, ValueError, "theta0 must be finite"),
        ({"theta0": [[1.0, 2.0]]}, ValueError, "theta0 must have 1 dimension"),
        ({"theta0": []}, ValueError, "theta0 must hold at least one"),
        ({"theta0": "start"}, TypeError, "theta0 must be numeric"),
        ({"grad": "toy_grad"}, TypeError, "grad must be a function"),
        (
            {"grad": lambda th: np.zeros(3)},
            ValueError,
            r"must return an array of shape \(2,\)",
        ),
        ({"grad": lambda th: 1.0}, ValueError, r"got shape \(\) at epoch 0"),
        ({"grad": lambda th: ["a", "b"]}, TypeError, "grad must return real numbers"),
        ({"grad": lambda th: ["1", "1"]}, TypeError, "grad must return real numbers"),
        ({"grad": lambda th: [None, None]}, TypeError, r"got \[None, None\] at epoch 0"),
        ({"grad": lambda th: None}, TypeError, "grad must return real numbers, got None"),
        ({"grad": lambda th: th * 1j}, TypeError, "got complex numbers at epoch 0"),
        ({"grad": math.sin}, TypeError, "use np.sin, not math.sin"),
        ({"theta0": [1 + 1j, 0.0]}, TypeError, "theta0 must be .*got complex"),
        ({"theta0": [None, 0.0]}, (TypeError, ValueError), "theta0 must be .*got None"),
        ({"eta": None}, TypeError, "eta must be a real number"),
    ],
)
def test_bad_input_is_named(kwargs, error, words):
    args = {"grad": toy_grad, "theta0": [-2.0, -2.0], "eta": 1.0, "epochs": 5, **kwargs}
    with pytest.raises(error, match=words):
        gradient_descent(**args)


# -- the Taylor argument ------------------------------------------------------------------------
def test_change_by_direction_first_order_and_minimum_at_180():
    angles = np.arange(0.0, 360.0, 1.0)
    predicted, actual = change_by_direction(toy.error, toy.gradient, [-2.0, -2.0], 0.01, angles)
    g = toy.gradient(-2.0, -2.0)
    np.testing.assert_allclose(predicted, 0.01 * np.hypot(*g) * np.cos(np.deg2rad(angles)))
    assert angles[np.argmin(predicted)] == 180.0
    assert angles[np.argmin(actual)] == 180.0
    assert angles[np.argmax(actual)] == 0.0
    # first order: the error is second order in eta, far smaller than the change itself
    assert np.max(np.abs(actual - predicted)) < 0.01 * np.max(np.abs(predicted))


def test_change_by_direction_moves_along_the_gradient_at_zero_degrees():
    theta, eta = np.array([0.5, 0.0]), 1e-3
    _, actual = change_by_direction(toy.error, toy.gradient, theta, eta, [0.0, 180.0])
    g = np.array(toy.gradient(*theta))
    step = eta * g / np.hypot(*g)
    np.testing.assert_allclose(
        actual, [toy_loss(theta + step) - toy_loss(theta), toy_loss(theta - step) - toy_loss(theta)]
    )


def test_change_by_direction_refuses_a_zero_gradient():
    with pytest.raises(ValueError, match="gradient at theta .* is zero"):
        change_by_direction(toy.error, lambda w, b: (0.0, 0.0), [1.0, 2.0], 0.1, [0.0])
    with pytest.raises(ValueError, match="step_length must be positive"):
        change_by_direction(toy.error, toy.gradient, [0.0, 0.0], 0.0, [0.0])


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"loss": None}, TypeError, "loss must be a function"),
        ({"grad": "toy_grad"}, TypeError, "grad must be a function"),
        (
            {"loss": lambda w, b: np.zeros(3)},
            ValueError,
            r"loss must return an array of shape \(2,\)",
        ),
        ({"loss": lambda w, b: None}, TypeError, "loss must return real numbers, got None"),
        ({"loss": lambda w, b: "L"}, TypeError, "loss must return real numbers"),
        ({"loss": math.atan2}, TypeError, "use np.sin, not math.sin"),
        ({"grad": lambda w, b: [None, 1.0]}, TypeError, "grad must return real numbers"),
        ({"grad": lambda w, b: (w, b, 0.0)}, ValueError, "grad must return an array of shape"),
        ({"loss": lambda theta: 0.0}, TypeError, r"loss must be a function \(w, b\) -> L"),
        ({"theta": [np.nan, 0.0]}, ValueError, "theta must be finite"),
        ({"theta": [1.0, 2.0, 3.0]}, ValueError, "theta must be two numbers"),
        ({"step_length": 0.0}, ValueError, "step_length must be positive"),
        ({"step_length": None}, TypeError, "step_length must be a real number"),
        ({"angles_deg": [np.nan]}, ValueError, "angles_deg must be finite"),
        ({"angles_deg": [1 + 1j]}, TypeError, "angles_deg must be .*got complex"),
    ],
)
def test_change_by_direction_bad_input_is_named(kwargs, error, words):
    args = {
        "loss": toy.error,
        "grad": toy.gradient,
        "theta": [-2.0, -2.0],
        "step_length": 0.01,
        "angles_deg": [0.0, 90.0],
        **kwargs,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=words):
            change_by_direction(**args)


# -- property test: any input gives a finite, documented result or an error naming the argument --
ODD = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 5e-324, 0.0, True, 3, None, "1.0", 1 + 2j, [None, 1.0]]),
    st.lists(st.floats(-1e308, 1e308), min_size=0, max_size=3),
    st.sampled_from([np.float32(2.5), np.array([0.5, 1.0]), np.arange(4.0)[::2], np.zeros((2, 1))]),
)
ODD_EPOCHS = st.one_of(st.integers(-3, 30), st.sampled_from([2.0, True, None, "5", np.int64(4)]))
ARGUMENTS = ("theta0", "eta", "epochs", "theta", "step_length", "angles_deg")
CALLS = {"gradient_descent": 0, "change_by_direction": 0}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(theta=ODD, eta=ODD, epochs=ODD_EPOCHS, angles=ODD)
def test_any_input_gives_a_finite_result_or_a_named_error(theta, eta, epochs, angles):
    calls = {
        "gradient_descent": lambda: gradient_descent(toy_grad, theta, eta, epochs),
        "change_by_direction": lambda: change_by_direction(
            toy.error, toy.gradient, theta, eta, angles
        ),
    }
    for name, call in calls.items():
        CALLS[name] += 1
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                out = call()
            except (TypeError, ValueError) as err:
                assert any(arg in str(err) for arg in ARGUMENTS) or "gradient" in str(err), err
                continue
        if name == "gradient_descent":
            d = len(np.atleast_1d(theta))
            assert out.path.ndim == 2 and out.path.shape[1] == d and out.path.dtype == np.float64
            assert np.all(np.isfinite(out.path))
            assert len(out.path) == (epochs + 1 if out.diverged_at is None else out.diverged_at)
        else:
            for part in out:
                assert np.shape(part) == np.shape(angles) and np.all(np.isfinite(part)), out
    if CALLS["gradient_descent"] % 100 == 0:  # shown with pytest -s
        print(f"property test of dlnotes.gd: {CALLS} calls so far")
