"""Unit tests for dlnotes.perceptron: patterns, learning, separability, the 2^n network."""

import itertools
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.neurons import perceptron
from dlnotes.perceptron import (
    TWO_INPUT_FUNCTIONS,
    boolean_functions,
    boolean_inputs,
    boolean_network,
    is_linearly_separable,
    perceptron_margin,
    separable_data,
    separating_weights,
    train_perceptron,
)

X2 = boolean_inputs(2)
X3 = boolean_inputs(3)


# -- boolean_inputs / boolean_functions ---------------------------------------------------------
def test_boolean_inputs_two_in_counting_order():
    assert X2.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]]


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_boolean_inputs_rows_are_the_binary_numbers(n):
    X = boolean_inputs(n)
    assert X.shape == (2**n, n)
    as_numbers = X @ (2 ** np.arange(n - 1, -1, -1))
    assert as_numbers.tolist() == list(range(2**n))


@pytest.mark.parametrize("bad, err", [(0, ValueError), (17, ValueError), (2.0, TypeError)])
def test_boolean_inputs_bad_n(bad, err):
    with pytest.raises(err, match="n must"):
        boolean_inputs(bad)


def test_boolean_functions_match_the_named_table():
    F = boolean_functions(2)
    assert F.shape == (16, 4)
    assert [tuple(row) for row in F.tolist()] == list(TWO_INPUT_FUNCTIONS.values())
    assert len(set(TWO_INPUT_FUNCTIONS)) == 16


def test_boolean_functions_three_inputs_all_distinct():
    F = boolean_functions(3)
    assert F.shape == (256, 8)
    assert len({tuple(r) for r in F.tolist()}) == 256


def test_named_functions_are_what_their_names_say():
    a, b = X2[:, 0], X2[:, 1]
    expected = {
        "AND": a & b,
        "OR": a | b,
        "XOR": a ^ b,
        "NAND": 1 - (a & b),
        "NOR": 1 - (a | b),
        "XNOR": 1 - (a ^ b),
        "x1 AND NOT x2": a & (1 - b),
        "NOT x1 OR x2": (1 - a) | b,
        "x2": b,
    }
    for name, table in expected.items():
        assert TWO_INPUT_FUNCTIONS[name] == tuple(table.tolist()), name


def test_boolean_functions_bad_n():
    with pytest.raises(ValueError, match="at most 4"):
        boolean_functions(5)


# -- train_perceptron ---------------------------------------------------------------------------
def test_train_or_converges_and_history_replays_the_rule():
    y = np.array(TWO_INPUT_FUNCTIONS["OR"])
    r = train_perceptron(X2, y)
    assert r.converged
    assert r.history.shape == (r.updates + 1, 3)
    assert r.corrected.shape == (r.updates,)
    np.testing.assert_array_equal(r.history[0], np.zeros(3))
    np.testing.assert_array_equal(r.history[-1], r.w)
    np.testing.assert_array_equal(perceptron(X2, r.w), y)
    Xa = np.hstack([np.ones((4, 1)), X2])
    for k, i in enumerate(r.corrected):
        before, after = r.history[k], r.history[k + 1]
        z = before @ Xa[i]
        if y[i] == 1:
            assert z < 0
            np.testing.assert_array_equal(after, before + Xa[i])
        else:
            assert z >= 0
            np.testing.assert_array_equal(after, before - Xa[i])


def test_train_and_known_trajectory():
    r = train_perceptron(X2, TWO_INPUT_FUNCTIONS["AND"])
    assert r.converged and r.updates == 11
    np.testing.assert_array_equal(r.w, [-3, 2, 1])
    # the last epoch is the clean pass that proves convergence
    assert r.epochs == 6


def test_true_needs_no_update_from_zero():
    r = train_perceptron(X2, [1, 1, 1, 1])
    assert r.converged and r.updates == 0 and r.epochs == 1
    assert r.history.shape == (1, 3)


@pytest.mark.parametrize("name", ["XOR", "XNOR"])
def test_xor_never_converges(name):
    for max_epochs in (10, 100, 500):
        r = train_perceptron(X2, TWO_INPUT_FUNCTIONS[name], max_epochs)
        assert not r.converged
        assert r.epochs == max_epochs
        assert r.updates >= max_epochs  # at least one correction per epoch
        assert np.any(perceptron(X2, r.w) != np.array(TWO_INPUT_FUNCTIONS[name]))


def test_xor_cycles_through_a_few_weights():
    r = train_perceptron(X2, TWO_INPUT_FUNCTIONS["XOR"], 100)
    assert len(np.unique(r.history, axis=0)) <= 8
    np.testing.assert_array_equal(r.history[3:7], r.history[7:11])


def test_w_init_and_seed():
    y = TWO_INPUT_FUNCTIONS["NAND"]
    r = train_perceptron(X2, y, w_init=[0.5, -1.0, 2.0])
    np.testing.assert_array_equal(r.history[0], [0.5, -1.0, 2.0])
    assert r.converged
    a = train_perceptron(X3, boolean_functions(3)[23], seed=3)
    b = train_perceptron(X3, boolean_functions(3)[23], seed=3)
    c = train_perceptron(X3, boolean_functions(3)[23], seed=4)
    np.testing.assert_array_equal(a.history, b.history)
    assert a.converged and c.converged
    assert a.history.shape != c.history.shape or not np.array_equal(a.history, c.history)


def test_converges_exactly_on_the_separable_three_input_functions():
    F = boolean_functions(3)
    for f in F:
        r = train_perceptron(X3, f, max_epochs=60)
        assert r.converged == is_linearly_separable(X3, f), f


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
@pytest.mark.parametrize("n", [2, 3])
def test_convergence_bound(seed, n):
    X, y, w_star = separable_data(60, n=n, gamma=0.05, seed=seed)
    delta = perceptron_margin(X, y, w_star)
    assert delta >= 0.05
    r = train_perceptron(X, y, max_epochs=10_000, normalize=True)
    assert r.converged
    assert 0 < r.updates <= 1 / delta**2
    np.testing.assert_array_equal(perceptron(X, r.w), y)


def test_separable_data_is_labelled_by_w_star():
    X, y, w_star = separable_data(40, n=2, gamma=0.1, seed=7)
    assert X.shape == (40, 2) and y.shape == (40,)
    assert np.isclose(np.linalg.norm(w_star), 1.0)
    np.testing.assert_array_equal(perceptron(X, w_star), y)
    assert 0 < y.sum() < 40
    X2_, y2_, _ = separable_data(40, n=2, gamma=0.1, seed=7)
    np.testing.assert_array_equal(X, X2_)


def test_margin_is_negative_for_a_wrong_w():
    y = TWO_INPUT_FUNCTIONS["AND"]
    assert perceptron_margin(X2, y, [-3, 2, 2]) > 0
    assert perceptron_margin(X2, y, [3, -2, -2]) < 0
    # by hand: (1, 1, 1)/sqrt(3) against (-3, 2, 2)/sqrt(17)
    assert perceptron_margin(X2, y, [-3, 2, 2]) == pytest.approx(1 / np.sqrt(3 * 17))


@pytest.mark.parametrize(
    "kwargs, err, match",
    [
        ({"X": X2, "y": [0, 1, 1]}, ValueError, "same length"),
        ({"X": X2, "y": [0, 1, 2, 1]}, ValueError, "only 0 and 1"),
        ({"X": X2, "y": [0, 1, 1, 1], "max_epochs": 0}, ValueError, "max_epochs"),
        ({"X": X2, "y": [0, 1, 1, 1], "max_epochs": 1.5}, TypeError, "max_epochs"),
        ({"X": X2, "y": [0, 1, 1, 1], "w_init": [0, 0]}, ValueError, "w_init"),
        ({"X": [0, 1, 1], "y": [0, 1, 1]}, ValueError, "X must have 2"),
        ({"X": np.empty((0, 2)), "y": []}, ValueError, "at least one"),
        ({"X": "abc", "y": [1]}, TypeError, "X must be numeric"),
        ({"X": [["0", "0"], ["1", "1"]], "y": [0, 1]}, TypeError, "X must be numeric.*strings"),
        ({"X": [[1 + 2j, 0.0]], "y": [1]}, TypeError, "X must be .*real"),
        ({"X": np.array([[None, 0.0]]), "y": [1]}, (TypeError, ValueError), "X must .*None"),
        ({"X": [[np.nan, 0.0]], "y": [1]}, ValueError, "X must be finite"),
        ({"X": X2, "y": [0, 1, np.nan, 1]}, ValueError, "y must be finite"),
        ({"X": X2, "y": [0, 1, None, 1]}, (TypeError, ValueError), "y must .*None"),
        ({"X": X2, "y": [0, 1, 1j, 1]}, TypeError, "y must be .*real"),
        ({"X": X2, "y": [0, 1, 1, 1], "w_init": [0, np.nan, 0]}, ValueError, "w_init"),
        ({"X": X2, "y": [0, 1, 1, 1], "w_init": [0, 1e200, 0]}, ValueError, "w_init"),
        ({"X": X2 * 1e308, "y": [0, 1, 1, 1]}, ValueError, "overflow"),
        ({"X": X2, "y": [0, 1, 1, 1], "seed": -1}, ValueError, "seed"),
        ({"X": X2, "y": [0, 1, 1, 1], "seed": True}, TypeError, "seed"),
        ({"X": X2, "y": [0, 1, 1, 1], "seed": "abc"}, TypeError, "seed"),
        ({"X": X2, "y": [0, 1, 1, 1], "normalize": "no"}, TypeError, "normalize"),
    ],
)
def test_train_bad_input(kwargs, err, match):
    with pytest.raises(err, match=match):
        train_perceptron(**kwargs)


def test_raw_margin_by_hand_and_huge_inputs():
    # (−3, 2, 2)/√17 against (1, 0, 1) in N and (1, 1, 1) in P: both give 1/√17
    y = TWO_INPUT_FUNCTIONS["AND"]
    assert perceptron_margin(X2, y, [-3, 2, 2], normalize=False) == pytest.approx(1 / np.sqrt(17))
    big = perceptron_margin([[1e300], [-1e300]], [1, 0], [0.0, 1.0], normalize=False)
    assert big == pytest.approx(1e300)


def test_raw_run_obeys_r2_over_gamma2_but_not_the_normalised_bound():
    # the normalised bound 1/δ² belongs to the normalised run: the raw run can exceed it
    X, y = np.array([[1.0], [1000.0], [-1000.0]]), np.array([0, 1, 0])
    raw = train_perceptron(X, y, max_epochs=10_000)
    unit = train_perceptron(X, y, max_epochs=10_000, normalize=True)
    phi = np.linspace(-np.pi, np.pi, 20_001)
    candidates = np.stack([np.cos(phi), np.sin(phi)], axis=1)
    delta = max(perceptron_margin(X, y, w) for w in candidates)
    w_star = separating_weights(X, y)
    gamma = perceptron_margin(X, y, w_star, normalize=False)
    R2 = 1 + 1000.0**2
    assert raw.converged and raw.updates == 502 and unit.updates == 2
    assert delta == pytest.approx(0.3822, abs=1e-3) and unit.updates <= 1 / delta**2 < raw.updates
    assert gamma > 0 and raw.updates <= R2 / gamma**2


def test_margin_and_data_bad_input():
    with pytest.raises(ValueError, match="zero vector"):
        perceptron_margin(X2, [0, 0, 0, 1], [0, 0, 0])
    with pytest.raises(ValueError, match="w_star needs 3"):
        perceptron_margin(X2, [0, 0, 0, 1], [0, 0])
    with pytest.raises(TypeError, match="normalize"):
        perceptron_margin(X2, [0, 0, 0, 1], [-3, 2, 2], normalize="no")
    with pytest.raises(ValueError, match="gamma"):
        separable_data(10, gamma=0.6)
    with pytest.raises(ValueError, match="seed"):
        separable_data(10, seed=-1)
    with pytest.raises(TypeError, match="w_star must be .*real"):
        perceptron_margin(X2, [0, 0, 0, 1], [1j, 0, 0])


def test_huge_inputs_give_right_answers_without_warnings():
    y = [0, 0, 0, 1]
    # margin and normalised training divide before they square, so nothing overflows
    # (0, 1) becomes (1, 0, 1e308), of unit direction (0, 0, 1) to float precision
    margin = perceptron_margin(X2 * 1e308, y, [-1.5e308, 1e308, 1e308])
    assert margin == pytest.approx(-1 / np.sqrt(1.5**2 + 2))
    # the bias input 1 is nothing next to 1e308, so the margin is about 1e-308: no convergence,
    # but finite weights and no warning
    assert np.all(np.isfinite(train_perceptron(X2 * 1e308, y, normalize=True).w))
    assert is_linearly_separable(X2 * 1e308, y)


# -- separability -------------------------------------------------------------------------------
def test_fourteen_of_sixteen_two_input_functions_are_separable():
    separable = {name: is_linearly_separable(X2, t) for name, t in TWO_INPUT_FUNCTIONS.items()}
    assert sum(separable.values()) == 14
    assert [name for name, s in separable.items() if not s] == ["XOR", "XNOR"]


@pytest.mark.parametrize("n, count", [(1, 4), (2, 14), (3, 104)])
def test_number_of_threshold_functions(n, count):
    # the known counts of linearly separable boolean functions of n inputs: 4, 14, 104
    X = boolean_inputs(n)
    assert sum(is_linearly_separable(X, f) for f in boolean_functions(n)) == count


def test_separating_weights_really_separate():
    for f in boolean_functions(3):
        w = separating_weights(X3, f)
        if w is not None:
            np.testing.assert_array_equal(perceptron(X3, w), f)
            z = w[0] + X3 @ w[1:]
            assert np.all(np.abs(z) >= 1 - 1e-9)  # a margin: no input on the line


def test_separability_of_real_points():
    X = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.4, 0.4]]
    assert is_linearly_separable(X, [1, 0, 0, 1])  # (0.4, 0.4) is on the origin's side
    assert is_linearly_separable(X, [1, 0, 0, 0])
    # (0.5, 0.5) lies between (1, 0) and (0, 1): it cannot be on the other side
    assert not is_linearly_separable([[0, 0], [1, 0], [0, 1], [0.5, 0.5]], [0, 1, 1, 0])
    # a point in the convex hull of the other class: not separable
    assert not is_linearly_separable([[0, 0], [2, 0], [1, 0]], [0, 0, 1])
    # the same point twice with two labels: not separable
    assert not is_linearly_separable([[1, 1], [1, 1]], [0, 1])
    # one point, or one class: always separable
    assert is_linearly_separable([[3.0, -1.0]], [0])
    assert is_linearly_separable(X3, np.ones(8))


def test_separating_weights_bad_input():
    with pytest.raises(ValueError, match="same length"):
        is_linearly_separable(X2, [0, 1])
    with pytest.raises(ValueError, match="only 0 and 1"):
        is_linearly_separable(X2, [0, 1, -1, 1])
    # separable, but with a margin of 1e-12: the run cannot finish, and says so
    thin = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.5, 0.5 - 1e-12]]
    with pytest.raises(ValueError, match="could not decide"):
        separating_weights(thin, [0, 1, 1, 0])


def _brute_force_separable(X, f, weights=range(-3, 4)):
    """Exact for 3 boolean inputs: every threshold function of 3 inputs has integer weights in
    -3..3 (and no weights at all exist for the others, so the search can only say no)."""
    W = np.array(list(itertools.product(weights, repeat=X.shape[1] + 1)), dtype=float)
    outputs = (W[:, :1] + W[:, 1:] @ X.T >= 0).astype(int)  # (candidates, 2^n)
    return bool(np.any(np.all(outputs == f, axis=1)))


def test_separability_agrees_with_a_brute_force_search_on_all_three_input_functions():
    F = boolean_functions(3)
    brute = [_brute_force_separable(X3, f) for f in F]
    assert sum(brute) == 104  # the known count, so the search missed no threshold function
    assert [is_linearly_separable(X3, f) for f in F] == brute


@pytest.mark.parametrize(
    "scale, shift", [(1e-5, 0), (1, 1e5), (1e-300, 0), (1e300, 0), (-3, 7), (2.5e-7, -1e6)]
)
def test_separability_does_not_depend_on_units_or_offset(scale, shift):
    F = boolean_functions(3)
    expected = [is_linearly_separable(X3, f) for f in F]
    Xs = X3 * scale + shift
    assert [is_linearly_separable(Xs, f) for f in F] == expected
    for f in F[::5]:
        w = separating_weights(Xs, f)
        if w is not None:  # the weights work in the data's own units
            np.testing.assert_array_equal(perceptron(Xs, w), f)


def test_the_review_examples_scaled_and_shifted_and_are_separable():
    assert is_linearly_separable(boolean_inputs(2) * 1e-5, [0, 0, 0, 1])
    assert is_linearly_separable(boolean_inputs(2) + 1e5, [0, 0, 0, 1])
    assert not is_linearly_separable(boolean_inputs(2) * 1e-5, [0, 1, 1, 0])
    assert not is_linearly_separable(boolean_inputs(2) + 1e5, [0, 1, 1, 0])


def test_separability_after_a_rotation_yes_or_a_clear_error():
    R = np.array([[0.6, -0.8], [0.8, 0.6]])
    Xr = X2 @ R.T + [3.0, -2.0]
    for name, t in TWO_INPUT_FUNCTIONS.items():
        if name in ("XOR", "XNOR"):  # real-valued: the loop need not close exactly
            with pytest.raises(ValueError, match="could not decide"):
                is_linearly_separable(Xr, t)
        else:
            np.testing.assert_array_equal(perceptron(Xr, separating_weights(Xr, t)), t)


# -- the 2^n network ----------------------------------------------------------------------------
def test_xor_network_weights():
    net = boolean_network(TWO_INPUT_FUNCTIONS["XOR"])
    np.testing.assert_array_equal(net.W1, [[-1, -1], [-1, 1], [1, -1], [1, 1]])
    np.testing.assert_array_equal(net.b1, [0, -1, -1, -2])
    np.testing.assert_array_equal(net.w2, [0, 1, 1, 0])
    assert net.b2 == -1
    np.testing.assert_array_equal(net.predict(X2), [0, 1, 1, 0])
    assert net.predict([1, 0]) == 1


@pytest.mark.parametrize("n", [1, 2, 3])
def test_each_hidden_unit_fires_on_its_pattern_only(n):
    net = boolean_network(np.zeros(2**n))
    np.testing.assert_array_equal(net.hidden(boolean_inputs(n)), np.eye(2**n))


@pytest.mark.parametrize("n, count", [(2, 16), (3, 256)])
def test_network_computes_every_function(n, count):
    X = boolean_inputs(n)
    F = boolean_functions(n)
    exact = sum(np.array_equal(boolean_network(f).predict(X), f) for f in F)
    assert exact == count == len(F)


def test_network_size_grows_as_two_to_the_n():
    for n in range(1, 7):
        net = boolean_network(np.ones(2**n))
        assert net.W1.shape == (2**n, n)


@pytest.mark.parametrize(
    "targets, match",
    [
        ([0, 1, 1], "power|2\\^n"),
        ([1], "2\\^n"),
        ([0, 1, 2, 1], "only 0 and 1"),
        ([[0, 1], [1, 0]], "1 dimension"),
        ([0] * 2**17, "targets must be a truth table"),
        ([0, 1, None, 1], "targets must .*None"),
    ],
)
def test_network_bad_targets(targets, match):
    with pytest.raises((ValueError, TypeError), match=match):
        boolean_network(targets)


def test_network_bad_inputs():
    net = boolean_network(TWO_INPUT_FUNCTIONS["AND"])
    with pytest.raises(ValueError, match="expects 2"):
        net.predict(X3)
    with pytest.raises(ValueError, match="only 0 and 1"):
        net.predict([[0.5, 1.0]])


# -- property test: any input gives a finite answer or an error naming the argument -------------
ODD = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, -1e308, 5e-324, 0.0, -0.0, True, 3, None, "1", 1 + 2j]),
)
ODD_X = st.one_of(
    st.lists(st.lists(ODD, min_size=2, max_size=2), min_size=0, max_size=5),
    st.lists(st.lists(st.sampled_from([0, 1, 5e-324, 1e308, -2.5]), min_size=2, max_size=2),
             min_size=1, max_size=5),
    st.sampled_from([None, "abc", np.zeros((3, 2)), X2 * 1e-5, X2 + 1e5, X2 * 1e308, X2[:, :1]]),
)  # fmt: skip
ODD_Y = st.one_of(
    st.lists(st.sampled_from([0, 1, 0.5, None, np.nan, "1", True, 2, 1j]), max_size=5),
    st.lists(st.sampled_from([0, 1]), min_size=1, max_size=5),
    st.sampled_from([[0, 0, 0, 1], [0, 1, 1, 0], None]),
)
NAMES = ("X", "y", "w_star", "targets", "could not decide")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(X=ODD_X, y=ODD_Y, w=st.one_of(st.lists(ODD, min_size=3, max_size=3), st.none()))
def test_any_input_gives_a_finite_answer_or_a_named_error(X, y, w):
    calls = {
        "train": lambda: train_perceptron(X, y, max_epochs=20).w,
        "train normalized": lambda: train_perceptron(X, y, max_epochs=20, normalize=True).w,
        "separating_weights": lambda: separating_weights(X, y),
        "margin": lambda: perceptron_margin(X, y, w),
        "network": lambda: boolean_network(y).predict(X),
    }
    for name, call in calls.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                out = call()
            except (TypeError, ValueError) as err:
                assert any(arg in str(err) for arg in NAMES), (name, err)
                continue
        assert out is None or np.all(np.isfinite(out)), (name, X, y, w, out)
