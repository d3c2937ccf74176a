import warnings

import numpy as np
import pytest

from dlnotes.neurons import log_softmax, mp_neuron, perceptron, ramp_width, sigmoid, softmax, step

BOOL2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])


class TestStep:
    def test_threshold_at_zero_inclusive(self):
        assert step(0) == 1.0
        assert step(-1e-12) == 0.0
        np.testing.assert_array_equal(step([-2.0, 0.0, 3.0]), [0.0, 1.0, 1.0])

    def test_scalar_in_float_out_and_shape_kept(self):
        assert isinstance(step(2), float)
        assert step(np.zeros((2, 3))).shape == (2, 3)

    def test_non_numeric_is_a_type_error(self):
        with pytest.raises(TypeError, match="z must be numeric"):
            step("1")


class TestSigmoid:
    def test_known_values(self):
        assert sigmoid(0) == 0.5
        assert sigmoid(1.0) == pytest.approx(1 / (1 + np.exp(-1.0)), rel=1e-15)
        assert sigmoid(-2.0) == pytest.approx(1 / (1 + np.exp(2.0)), rel=1e-15)

    def test_symmetry(self):
        z = np.linspace(-30, 30, 121)
        np.testing.assert_allclose(sigmoid(-z), 1 - sigmoid(z), atol=1e-15)

    def test_extremes_without_warning(self):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert sigmoid(1e4) == 1.0
            assert sigmoid(-1e4) == 0.0
            np.testing.assert_array_equal(sigmoid(np.array([1e4, -1e4, 0.0])), [1.0, 0.0, 0.5])
            assert sigmoid(-745.0) >= 0.0
            assert np.all(np.isfinite(sigmoid(np.array([-1e308, 1e308]))))

    def test_matches_naive_formula_where_naive_is_safe(self):
        z = np.linspace(-50, 50, 1001)
        np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-13)

    def test_non_numeric(self):
        with pytest.raises(TypeError, match="z must be numeric"):
            sigmoid(["a", "b"])


class TestMPNeuron:
    def test_and_or(self):
        np.testing.assert_array_equal(mp_neuron(BOOL2, theta=2), [0, 0, 0, 1])
        np.testing.assert_array_equal(mp_neuron(BOOL2, theta=1), [0, 1, 1, 1])

    def test_not_with_inhibitory_input(self):
        # NOT x: theta = 0 and the only input inhibitory
        assert mp_neuron([0], theta=0, inhibitory=[0]) == 1
        assert mp_neuron([1], theta=0, inhibitory=[0]) == 0

    def test_nor(self):
        np.testing.assert_array_equal(mp_neuron(BOOL2, theta=0, inhibitory=[0, 1]), [1, 0, 0, 0])

    def test_single_pattern_returns_int(self):
        assert isinstance(mp_neuron([1, 1, 0], theta=2), int)

    def test_bad_input(self):
        with pytest.raises(ValueError, match="x must hold only 0 and 1"):
            mp_neuron([0.5, 1], theta=1)
        with pytest.raises(ValueError, match="inhibitory index 3 is out of range"):
            mp_neuron([0, 1], theta=1, inhibitory=[3])
        with pytest.raises(TypeError, match="theta must be an integer"):
            mp_neuron([0, 1], theta="1")
        with pytest.raises(ValueError, match="x must have 1 or 2 dimension"):
            mp_neuron(np.zeros((2, 2, 2)), theta=1)


class TestPerceptron:
    def test_or_from_the_notes(self):
        np.testing.assert_array_equal(perceptron(BOOL2, [-1, 1.1, 1.1]), [0, 1, 1, 1])

    def test_bias_is_minus_theta(self):
        # AND as a perceptron: w0 = -theta = -2, w1 = w2 = 1
        np.testing.assert_array_equal(perceptron(BOOL2, [-2, 1, 1]), [0, 0, 0, 1])

    def test_single_pattern(self):
        assert perceptron([1.0, 0.0], [-1, 1.1, 1.1]) == 1.0

    def test_wrong_length_names_both_numbers(self):
        with pytest.raises(ValueError, match=r"2 input\(s\) per pattern .* w needs n \+ 1 = 3"):
            perceptron(BOOL2, [1.0, 1.0])

    def test_bias_column_added_by_hand_says_x0_is_prepended(self):
        with pytest.raises(ValueError, match="x₀ = 1 is prepended for you"):
            perceptron([1, 1, 1], [-1.5, 1, 1])

    def test_non_numeric_and_non_finite(self):
        with pytest.raises(TypeError, match="w must be numeric"):
            perceptron(BOOL2, ["a", "b", "c"])
        with pytest.raises(ValueError, match="x must be finite"):
            perceptron([np.nan, 1.0], [0, 1, 1])


def test_none_is_a_type_error_not_a_silent_nan():
    with pytest.raises(TypeError, match="z must be numeric.*got None"):
        sigmoid(None)


@pytest.mark.parametrize("bad", [float("nan"), [0.0, np.nan], np.array([None], dtype=object)])
def test_step_never_maps_nan_or_none_to_an_answer(bad):
    with pytest.raises((ValueError, TypeError), match="z must be"):
        step(bad)


def test_step_has_limits_at_infinity():
    np.testing.assert_array_equal(step([-np.inf, np.inf]), [0.0, 1.0])


def test_sigmoid_propagates_nan_and_keeps_float32():
    out = sigmoid(np.array([np.nan, 0.0]))
    assert np.isnan(out[0]) and out[1] == 0.5
    z32 = np.linspace(-3, 3, 7, dtype=np.float32)
    assert sigmoid(z32).dtype == np.float32
    np.testing.assert_allclose(sigmoid(z32), sigmoid(z32.astype(np.float64)), rtol=1e-6)
    assert sigmoid(np.array([0, 1])).dtype == np.float64


@pytest.mark.parametrize("fn", [step, sigmoid])
@pytest.mark.parametrize(
    "z", [1 + 2j, np.array([1 + 2j]), [1, 2j], np.array([1, 1j], dtype=object)]
)
def test_complex_input_is_a_type_error_without_warning(fn, z):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TypeError, match="z must be numeric and real"):
            fn(z)


def test_perceptron_huge_inputs_do_not_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # z = 0 + 1e309 - 1e309 = 0 exactly, so the answer is 1; the plain sum gives inf - inf
        assert perceptron([1e308, 1e308], [0, 10, -10]) == 1.0
        assert perceptron([1e308, 1e308], [-1, 10, -10]) == 0.0
        np.testing.assert_array_equal(
            perceptron(np.array([[1e308, 1e308], [-1e308, -1e308]]), [1, 1e308, 1e308]), [1, 0]
        )
        assert perceptron([1e-300, 0], [-1e-300, 1, 0]) == 1.0


def test_perceptron_same_answer_as_the_plain_sum_at_ordinary_scale():
    rng = np.random.default_rng(0)
    X, w = rng.normal(size=(200, 3)), rng.normal(size=4)
    np.testing.assert_array_equal(perceptron(X, w), np.where(w[0] + X @ w[1:] >= 0, 1.0, 0.0))


@pytest.mark.parametrize("inhibitory", [None, 0, "01", np.array(1)])
def test_inhibitory_must_be_a_sequence(inhibitory):
    with pytest.raises(TypeError, match="inhibitory must be a sequence of input indices"):
        mp_neuron([1, 1], 1, inhibitory)


def test_inhibitory_entries_are_checked_by_position():
    with pytest.raises(TypeError, match=r"inhibitory\[1\] must be an integer"):
        mp_neuron([1, 1], 1, [0, True])
    with pytest.raises(ValueError, match=r"inhibitory\[0\] must be at least 0"):
        mp_neuron([1, 1], 1, [-1])
    assert mp_neuron([1, 1], 1, np.array([1])) == 0


def test_ramp_width_matches_the_sigmoid():
    for w in (0.5, 3.0, 100.0):
        width = ramp_width(w)
        x0 = -np.log(99.0) / w
        assert sigmoid(w * x0) == pytest.approx(0.01)
        assert sigmoid(w * (x0 + width)) == pytest.approx(0.99)
    assert ramp_width(-2.0) == ramp_width(2.0)
    with pytest.raises(ValueError, match="w must be non-zero"):
        ramp_width(0)
    with pytest.raises(ValueError, match="p must lie strictly between 0 and 0.5"):
        ramp_width(1.0, p=0.5)


@pytest.mark.parametrize(
    "x", [["1", "0"], [[1.0], [1.0, 2.0]], {"a": 1}, np.array(["1"]), [1 + 0j]]
)
def test_perceptron_refuses_strings_ragged_and_complex(x):
    with pytest.raises(TypeError, match="x must be numeric"):
        perceptron(x, [0, 1])


def test_none_inside_is_a_missing_number_not_nan():
    with pytest.raises(ValueError, match="x must be finite numbers, got None inside"):
        perceptron(np.array([0, None]), [0, 1, 1])
    with pytest.raises(ValueError, match="z must be numbers, got None inside"):
        sigmoid([0.0, None])


@pytest.mark.parametrize("fn", [softmax, log_softmax])
def test_softmax_of_a_column_is_refused_by_name(fn):
    with pytest.raises(ValueError, match=r"a has shape \(3, 1\), a column"):
        fn(np.array([[1.0], [2.0], [3.0]]))
    row = fn(np.array([[1.0, 2.0, 3.0]]))
    flat = fn([1.0, 2.0, 3.0])
    np.testing.assert_allclose(row[0], flat)
    expected = np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()
    np.testing.assert_allclose(softmax([1.0, 2.0, 3.0]), expected, rtol=1e-15)


def test_mp_neuron_refuses_one_pattern_written_as_a_column():
    with pytest.raises(ValueError, match=r"x has shape \(3, 1\), a column"):
        mp_neuron([[1], [0], [1]], 2)
    assert mp_neuron([1, 0, 1], 2) == 1
    assert isinstance(mp_neuron([1, 0, 1], 2), int)
