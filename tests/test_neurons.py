import warnings

import numpy as np
import pytest

from dlnotes.neurons import decision_boundary, mp_neuron, perceptron, sigmoid, step

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
        with pytest.raises(ValueError, match=r"x has 2 inputs, so w needs n \+ 1 = 3 weights"):
            perceptron(BOOL2, [1.0, 1.0])

    def test_non_numeric_and_non_finite(self):
        with pytest.raises(TypeError, match="w must be numeric"):
            perceptron(BOOL2, ["a", "b", "c"])
        with pytest.raises(ValueError, match="x must be finite"):
            perceptron([np.nan, 1.0], [0, 1, 1])


def test_decision_boundary_lies_on_the_line():
    w = np.array([-1.0, 1.1, 1.1])
    x1 = np.linspace(-1, 2, 7)
    x2 = decision_boundary(w, x1)
    np.testing.assert_allclose(w[0] + w[1] * x1 + w[2] * x2, 0, atol=1e-12)
    assert np.all(np.isnan(decision_boundary([1.0, 1.0, 0.0], x1)))


def test_none_is_a_type_error_not_a_silent_nan():
    with pytest.raises(TypeError, match="z must be numeric.*got None"):
        sigmoid(None)
