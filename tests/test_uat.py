"""Steps, towers, sums of towers and their networks, in 1-D and 2-D (dlnotes.uat)."""

import math

import numpy as np
import pytest

from dlnotes.uat import (
    TARGETS,
    closed_towers_2d,
    kink,
    max_error,
    mixed_differences,
    oil_region,
    region_errors,
    smooth,
    steepness_for,
    step_sigmoid,
    sum_of_towers,
    target,
    tower,
    tower_2d,
    tower_approximation,
    tower_edges,
    tower_heights,
    tower_network,
    tower_network_2d,
    towers_2d,
    towers_needed,
    wiggly,
)

# -- steps and single towers -------------------------------------------------------------------


def test_step_sigmoid_is_half_at_s_and_a_step_for_steep_w():
    assert step_sigmoid(0.3, 0.3, 7.0) == pytest.approx(0.5)
    x = np.array([0.0, 0.2, 0.4, 0.6])
    np.testing.assert_allclose(step_sigmoid(x, 0.3, 1000.0), [0, 0, 1, 1], atol=1e-12)
    # shallow: far from a step
    assert 0.4 < step_sigmoid(0.4, 0.3, 1.0) < 0.6


def test_huge_finite_values_give_the_right_answer_or_an_error_without_warnings():
    assert tower(2, 2, 3, 1, 1e308) == 0.5  # w·(x − s1) = 0, w·(x − s2) = −1e308
    assert step_sigmoid(2, 2, 1e308) == 0.5
    assert step_sigmoid(1e308, -1e308, 1.0) == 1.0  # x − s beyond the float range
    with pytest.raises(ValueError, match="overflowed"):  # 0·∞: no answer, said so
        step_sigmoid(1e308, -1e308, 0.0)
    assert tower(-1e308, 1e308, 0, 1, 1e308) == 0.0
    assert smooth(1e308) == pytest.approx(0.5) and wiggly(1.5e308) == pytest.approx(0.6)


def test_step_sigmoid_no_overflow_for_huge_steepness():
    out = step_sigmoid(np.array([-1.0, 1.0]), 0.0, 1e6)  # RuntimeWarning would be an error
    np.testing.assert_array_equal(out, [0.0, 1.0])


@pytest.mark.parametrize("h", [1.0, 0.7, -2.0])
def test_tower_near_h_inside_and_zero_outside_for_steep_w(h):
    inside = np.linspace(0.32, 0.58, 27)
    outside = np.concatenate([np.linspace(-1, 0.28, 30), np.linspace(0.62, 2, 30)])
    assert np.max(np.abs(tower(inside, 0.3, 0.6, h, 500.0) - h)) < 1e-4
    assert np.max(np.abs(tower(outside, 0.3, 0.6, h, 500.0))) < 1e-4


def test_tower_is_half_height_at_its_edges_and_blurred_when_shallow():
    assert tower(0.3, 0.3, 0.6, 2.0, 500.0) == pytest.approx(1.0)
    # w (s2 - s1) = 3: the top is far from flat
    assert tower(0.45, 0.3, 0.6, 1.0, 10.0) < 0.7


def test_tower_matches_formula():
    x = np.linspace(-1, 1, 11)
    s = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731 (moderate z: the naive formula is fine)
    np.testing.assert_allclose(
        tower(x, -0.2, 0.5, 1.5, 4.0), 1.5 * (s(4 * (x + 0.2)) - s(4 * (x - 0.5))), rtol=1e-12
    )


# -- bins and sums -----------------------------------------------------------------------------


def test_tower_edges_cover_the_interval_with_outer_steps_outside():
    s1, s2, m = tower_edges(0.0, 2.0, 4)
    np.testing.assert_allclose(s1, [-0.25, 0.5, 1.0, 1.5])
    np.testing.assert_allclose(s2, [0.5, 1.0, 1.5, 2.25])
    np.testing.assert_allclose(m, [0.25, 0.75, 1.25, 1.75])


def test_tower_heights_are_f_at_bin_centres():
    _, _, h = tower_heights(np.square, 0.0, 1.0, 2)
    np.testing.assert_allclose(h, [0.0625, 0.5625])


def test_sum_of_towers_telescopes_into_steps_of_height_differences():
    s1, s2, v = np.array([0.0, 0.2, 0.5]), np.array([0.2, 0.5, 0.9]), np.array([1.0, 3.0, 2.0])
    edges, jumps = [0.0, 0.2, 0.5, 0.9], [1.0, 2.0, -1.0, -2.0]
    x = np.linspace(-0.2, 1.1, 50)
    steps = sum(d * step_sigmoid(x, e, 40.0) for e, d in zip(edges, jumps, strict=True))
    np.testing.assert_allclose(sum_of_towers(x, s1, s2, v, 40.0), steps, atol=1e-13)


def test_sum_of_no_towers_is_zero():
    assert sum_of_towers(0.5, [], [], [], 10.0) == 0.0


def test_sum_of_towers_equals_sum_of_tower_calls():
    s1, s2, h = np.array([0.0, 0.3, 0.5]), np.array([0.3, 0.5, 0.9]), np.array([1.0, -2.0, 0.5])
    x = np.linspace(-0.2, 1.1, 50)
    direct = sum(tower(x, a, b, c, 40.0) for a, b, c in zip(s1, s2, h, strict=True))
    np.testing.assert_allclose(sum_of_towers(x, s1, s2, h, 40.0), direct, atol=1e-13)
    scalar = sum(tower(0.1, a, b, c, 40.0) for a, b, c in zip(s1, s2, h, strict=True))
    assert sum_of_towers(0.1, s1, s2, h, 40.0) == pytest.approx(scalar, abs=1e-13)


@pytest.mark.parametrize("name", ["smooth", "wiggly", "kink"])
def test_max_error_falls_as_n_grows(name):
    f = TARGETS[name]
    errors = []
    for n in (8, 32, 128):
        g = tower_approximation(f, 0.0, 1.0, n, w=steepness_for(n))
        errors.append(max_error(f, g, 0.0, 1.0, 4001))
    assert errors[0] > 2 * errors[1] > 4 * errors[2]
    assert errors[2] < 0.03


def test_error_roughly_halves_when_n_doubles_for_a_lipschitz_function():
    ns = np.array([32, 64, 128, 256])
    errs = [
        max_error(kink, tower_approximation(kink, 0, 1, n, w=steepness_for(n)), 0, 1, 8001)
        for n in ns
    ]
    slope = np.polyfit(np.log(ns), np.log(errs), 1)[0]
    assert -1.15 < slope < -0.85


def test_fixed_steepness_stalls():
    w = 100.0
    errs = [max_error(smooth, tower_approximation(smooth, 0, 1, n, w=w), 0, 1) for n in (32, 256)]
    assert errs[1] > 0.5 * errs[0]  # no 8x gain: towers of width 1/256 need w >> 256


def test_jump_is_not_approximated_uniformly():
    f = TARGETS["jump (not continuous)"]
    for n in (10, 100):
        assert max_error(f, tower_approximation(f, 0, 1, n, w=steepness_for(n)), 0, 1) > 0.25


def test_towers_needed_finds_the_smallest_n():
    n, err = towers_needed(kink, 0.01)
    assert err < 0.01
    below = tower_approximation(kink, 0, 1, n - 1, w=steepness_for(n - 1))
    assert max_error(kink, below, 0, 1, 4001) >= 0.01


def test_max_error_of_exact_function_is_zero():
    assert max_error(np.sin, np.sin, 0, 3) == 0.0
    assert max_error(np.sin, lambda x: np.sin(x) + 0.25, 0, 3) == pytest.approx(0.25)


# -- the network -------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "w"), [(1, 10.0), (3, 60.0), (50, 1000.0), (300, 6000.0)])
def test_network_equals_sum_of_towers(n, w):
    net = tower_network(wiggly, 0.0, 1.0, n, w=w)
    g = tower_approximation(wiggly, 0.0, 1.0, n, w=w)
    assert [W.shape for W in net.W] == [(2 * n, 1), (1, 2 * n)]
    x = np.linspace(-0.5, 1.5, 2001)
    np.testing.assert_allclose(net.forward(x[:, None])[:, 0], g(x), rtol=0, atol=1e-12)


def test_network_weights_are_the_construction():
    net = tower_network(lambda x: 2 * x, 0.0, 1.0, 2, w=10.0)
    np.testing.assert_allclose(net.W[0][:, 0], [10, 10, 10, 10])
    np.testing.assert_allclose(net.b[0], [2.5, -5, -5, -12.5])  # -w s: s = -0.25, .5, .5, 1.25
    np.testing.assert_allclose(net.W[1], [[0.5, -0.5, 1.5, -1.5]])
    np.testing.assert_allclose(net.b[1], [0.0])


# -- 2-D ---------------------------------------------------------------------------------------


def _grid(n=61):
    x = np.linspace(0, 1, n)
    return np.meshgrid(x, x, indexing="ij")


def test_an_open_ridge_ignores_the_other_coordinate():
    X1, X2 = _grid()
    R = tower(X1, 0.3, 0.6, 1.0, 300.0)
    np.testing.assert_allclose(R, R[:, :1] * np.ones_like(R))  # constant along x2
    assert R[30, 0] > 0.99 and R[5, 40] < 0.01


def test_tower_2d_near_h_inside_the_box_and_zero_outside():
    X1, X2 = _grid()
    box = (0.2, 0.5, 0.4, 0.9)
    T = tower_2d(X1, X2, box, h=0.8, w=300.0, w_out=60.0)
    margin = 0.03
    inside = (X1 > 0.2 + margin) & (X1 < 0.5 - margin) & (X2 > 0.4 + margin) & (X2 < 0.9 - margin)
    outside = (X1 < 0.2 - margin) | (X1 > 0.5 + margin) | (X2 < 0.4 - margin) | (X2 > 0.9 + margin)
    assert inside.any() and outside.any()
    assert np.max(np.abs(T[inside] - 0.8)) < 1e-6
    assert np.max(np.abs(T[outside])) < 1e-6
    # the arms of the cross (one ridge only) are removed by the threshold
    assert tower_2d(0.35, 0.1, box, w=300.0, w_out=60.0) < 1e-6


def test_tower_2d_low_threshold_keeps_the_arms_high_threshold_keeps_nothing():
    box = (0.2, 0.5, 0.4, 0.9)
    arm = tower_2d(0.35, 0.1, box, w=300.0, w_out=60.0, threshold=0.5)
    centre_high = tower_2d(0.35, 0.65, box, w=300.0, w_out=60.0, threshold=2.5)
    assert arm > 0.99 and centre_high < 1e-6


def surface(x1, x2):
    return 0.5 + 0.4 * np.sin(3 * x1) * np.cos(2 * x2)


@pytest.mark.parametrize("build", [closed_towers_2d, towers_2d])
def test_both_2d_constructions_draw_the_oil_region_better_with_more_towers(build):
    wrong = []
    for n in (4, 16, 32):
        g = build(oil_region, (0, 1), (0, 1), n, w=steepness_for(n, per_bin=100))
        wrong.append(region_errors(oil_region, g, n_points=151)["wrong"])
    assert wrong[0] > 2 * wrong[1] > 3 * wrong[2]
    assert wrong[2] < 0.03


def test_closed_towers_are_off_where_four_cells_meet_whatever_n():
    for n in (4, 16):
        g = closed_towers_2d(surface, (0, 1), (0, 1), n)
        corner = 0.5  # shared by four cells for even n
        assert g(corner, corner) < 0.01 < surface(corner, corner) - 0.3
        assert region_errors(surface, g, n_points=65)["max"] > 0.8


def test_towers_2d_max_error_falls_with_n_on_a_smooth_surface():
    errors = [region_errors(surface, towers_2d(surface, (0, 1), (0, 1), n), n_points=65)["max"]
              for n in (4, 8, 16, 32)]  # fmt: skip
    assert all(e1 > 1.7 * e2 for e1, e2 in zip(errors, errors[1:], strict=False))
    assert errors[-1] < 0.1


def test_towers_2d_equals_f_at_cell_centres_and_is_continuous_at_corners():
    g = towers_2d(surface, (0, 1), (0, 1), 8)
    m = (np.arange(8) + 0.5) / 8
    M1, M2 = np.meshgrid(m, m, indexing="ij")
    np.testing.assert_allclose(g(M1, M2), surface(M1, M2), atol=1e-6)
    # a corner: the mean of the two neighbours that share only an edge with the corner cell
    assert abs(g(0.5, 0.5) - surface(0.5, 0.5)) < 0.1


def test_towers_2d_default_steepness_grows_with_n_and_range():
    assert towers_2d(surface, (0, 1), (0, 1), 16).w == pytest.approx(steepness_for(16))
    assert towers_2d(surface, (0, 2), (0, 0.5), 4).w == pytest.approx(20 * 4 / 0.5)


def test_mixed_differences_sum_back_to_the_heights():
    v = np.random.default_rng(1).normal(size=(5, 4))
    c = mixed_differences(v)
    np.testing.assert_allclose(np.cumsum(np.cumsum(c, axis=0), axis=1), v, atol=1e-12)
    np.testing.assert_allclose(c[0, 1:], np.diff(v[0]))  # first row: first differences
    assert c[0, 0] == v[0, 0]
    np.testing.assert_allclose(c[2, 3], v[2, 3] - v[1, 3] - v[2, 2] + v[1, 2])


@pytest.mark.parametrize(("f", "n"), [(surface, 8), (oil_region, 8), (surface, 32)])
def test_tower_network_2d_equals_towers_2d(f, n):
    g = towers_2d(f, (0, 1), (0, 1), n, w_out=40.0)
    net = tower_network_2d(f, (0, 1), (0, 1), n, w_out=40.0)
    k = int(np.count_nonzero(g.c))
    assert [W.shape for W in net.W] == [(2 * n, 2), (k, 2 * n), (1, k)]
    X = np.random.default_rng(0).uniform(-0.2, 1.2, (3000, 2))
    np.testing.assert_allclose(net.forward(X)[:, 0], g(X[:, 0], X[:, 1]), rtol=0, atol=1e-12)


def test_tower_network_2d_of_zero_has_one_unit_of_weight_zero():
    net = tower_network_2d(lambda x1, x2: 0.0 * x1, (0, 1), (0, 1), 3)
    assert [W.shape for W in net.W] == [(6, 2), (1, 6), (1, 1)]
    assert np.all(net.forward(np.array([[0.5, 0.5]])) == 0)


def test_oil_region_is_a_blob_around_its_centre():
    assert oil_region(0.5, 0.45) == 1.0
    assert oil_region(0.02, 0.02) == 0.0
    X1, X2 = _grid(201)
    area = oil_region(X1, X2).mean()
    assert 0.2 < area < 0.4


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, -3])
def test_n_towers_below_one(n):
    with pytest.raises(ValueError, match="n_towers must be at least 1"):
        tower_approximation(smooth, 0, 1, n, w=10.0)
    with pytest.raises(ValueError, match="n_towers"):
        tower_network(smooth, 0, 1, n, w=10.0)


def test_n_towers_not_an_integer():
    with pytest.raises(TypeError, match="n_towers must be an integer"):
        tower_edges(0, 1, 2.5)


@pytest.mark.parametrize(("a", "c"), [(1.0, 1.0), (2.0, 0.0)])
def test_empty_interval(a, c):
    with pytest.raises(ValueError, match=r"a < c"):
        tower_approximation(smooth, a, c, 5, w=10.0)
    with pytest.raises(ValueError, match=r"a < c"):
        max_error(smooth, smooth, a, c)


def test_f_not_callable():
    with pytest.raises(TypeError, match="f must be a function"):
        tower_approximation([1, 2, 3], 0, 1, 5, w=10.0)
    with pytest.raises(TypeError, match="g must be a function"):
        max_error(smooth, 3.0, 0, 1)
    with pytest.raises(TypeError, match="f must be a function"):
        towers_2d("oil", (0, 1), (0, 1), 3, w=10.0)
    with pytest.raises(TypeError, match="f must be a function"):
        closed_towers_2d(None, (0, 1), (0, 1), 3)


def test_f_written_for_one_number_is_evaluated_point_by_point():
    """math.sin, an if/else, or np.dot(x, x) for x² (learner-misuse S4, C5): f returns one
    number (or fails) on an array, so it is called at each point and gives its real values."""
    x = np.array([0.25, 0.75])
    for scalar_f, f in [
        (math.sin, np.sin),
        (lambda x: 0.2 if x < 0.5 else 0.8, lambda x: np.where(x < 0.5, 0.2, 0.8)),
        (lambda x: np.dot(x, x), lambda x: x**2),
    ]:
        g, right = (tower_approximation(h, 0, 1, 10, w=200.0) for h in (scalar_f, f))
        np.testing.assert_array_equal(g(x), right(x))
        assert max_error(scalar_f, f, 0, 1) == 0.0
    g = towers_2d(lambda x1, x2: math.sin(x1) * x2, (0, 1), (0, 1), 3)
    np.testing.assert_array_equal(
        g.c, towers_2d(lambda x1, x2: np.sin(x1) * x2, (0, 1), (0, 1), 3).c
    )
    with pytest.raises(TypeError, match="f must take numbers .* it raised"):
        tower_approximation(lambda x, y: x, 0, 1, 3, w=30.0)  # one argument too many


def test_n_towers_and_w_cannot_be_swapped_unnoticed():
    """learner-misuse S8: w is passed by name, so (f, a, c, 200, 10) is an error, not 200
    towers that are not flat on top."""
    with pytest.raises(TypeError, match="positional"):
        tower_approximation(np.sin, 0, 1, 200, 10)
    with pytest.raises(TypeError, match="positional"):
        tower_network(np.sin, 0, 1, 200, 10)


def test_a_target_by_name_lists_the_names_when_misspelt():
    assert target("smooth") is smooth
    with pytest.raises(ValueError, match="target name must be one of 'smooth', 'wiggly'"):
        target("sin")
    with pytest.raises(ValueError, match="target name must be one of"):
        target(np.sin)


def test_extreme_but_finite_values_give_a_clear_error_or_the_right_answer():
    with pytest.raises(ValueError, match="finite width"):
        tower_edges(-1e308, 1e308, 4)
    with pytest.raises(ValueError, match="finite width"):
        towers_2d(surface, (0, 1), (-1e308, 1e308), 2)
    with pytest.raises(ValueError, match="overflowed.* v"):
        sum_of_towers(0.5, [0, 1], [1, 2], [1e308, -1e308], 10.0)
    with pytest.raises(ValueError, match="overflowed.* v"):
        mixed_differences([[1e308, -1e308]])
    assert max_error(lambda x: x * 0 + 1e308, lambda x: x * 0 - 1e308, 0, 1) == np.inf
    g = towers_2d(oil_region, (0, 1), (0, 1), 3)
    np.testing.assert_allclose(g(np.array([1e308, -1e308]), np.array([1e308, 0.5])), [0, 0])


def test_sizes_that_would_exhaust_memory_are_refused():
    with pytest.raises(ValueError, match="n_towers must be at most"):
        tower_edges(0, 1, 10**12)
    with pytest.raises(ValueError, match="n_points must be at most"):
        max_error(np.sin, np.sin, 0, 1, 10**12)
    with pytest.raises(ValueError, match="n_towers must be at most"):
        towers_2d(surface, (0, 1), (0, 1), 10**4)
    with pytest.raises(ValueError, match="n_points must be at most"):
        region_errors(surface, surface, n_points=10**6)
    with pytest.raises(ValueError, match="n_max must be at most"):
        towers_needed(smooth, 0.1, n_max=10**12)


def test_a_network_whose_biases_would_overflow_names_w_and_the_interval():
    with pytest.raises(ValueError, match=r"w = 50 and the interval \[a, c\]"):
        tower_network(lambda x: 0 * x, 0, 1e308, 4, w=50.0)
    with pytest.raises(ValueError, match="w = 1e.308 and x1_range, x2_range"):
        tower_network_2d(surface, (0, 4), (0, 1), 2, w=1e308)


@pytest.mark.parametrize("bad", [lambda x1, x2: x1 + 1j, lambda x1, x2: None])
def test_f_returning_complex_or_none(bad):
    with pytest.raises((TypeError, ValueError), match="the values of f must be"):
        towers_2d(bad, (0, 1), (0, 1), 2)


def test_a_constant_f_is_broadcast():
    g = towers_2d(lambda x1, x2: 0.25, (0, 1), (0, 1), 4)
    assert g(0.5, 0.5) == pytest.approx(0.25)


@pytest.mark.parametrize("target", [*TARGETS.values()])
@pytest.mark.parametrize("bad", [None, float("nan"), [0.5, None]])
def test_targets_refuse_none_and_nan(target, bad):
    with pytest.raises((TypeError, ValueError), match="x must be"):
        target(bad)


def test_f_with_non_finite_values():
    with pytest.raises(ValueError, match="the values of f must be finite"):
        tower_approximation(lambda x: np.where(x > 0.5, np.inf, x), 0, 1, 2, w=10.0)
    with pytest.raises(ValueError, match="finite"):
        max_error(smooth, lambda x: np.full_like(x, np.nan), 0, 1)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: tower(np.array([0.0, np.nan]), 0, 1), "x must be finite"),
        (lambda: tower(0.5, 0, 1, w=np.inf), "w must be finite"),
        (lambda: step_sigmoid(0.5, float("nan"), 3.0), "s must be finite"),
        (lambda: tower_approximation(smooth, 0, np.inf, 3, w=10.0), "c must be finite"),
        (lambda: tower_approximation(smooth, 0, 1, 3, w=0.0), "w must be positive"),
        (lambda: tower("a", 0, 1), "x must be numeric"),
        (lambda: sum_of_towers(0.5, [0, 1], [1], [1], 3.0), "one entry per tower"),
        (lambda: sum_of_towers(np.nan, [0], [1], [1], 3.0), "x must be finite"),
        (lambda: tower_2d(np.zeros(3), np.zeros(4), (0, 1, 0, 1)), "same shape"),
        (lambda: tower_2d(0.5, 0.5, (0, 1, 0)), "box must be"),
        (lambda: towers_2d(oil_region, (1, 0), (0, 1), 3, w=10.0), "x1_range"),
        (lambda: region_errors(oil_region, oil_region, x1_range=(0, 1, 2)), "x1_range must be"),
        (lambda: region_errors(oil_region, oil_region, x2_range=None), "x2_range must be"),
        (lambda: closed_towers_2d(oil_region, (0, 1), (0, 1), 0), "n_towers must be at least"),
        (lambda: towers_2d(oil_region, (0, 1), (0, 1), 3, w_out=-1.0), "w_out must be positive"),
        (lambda: towers_needed(smooth, 0.1, per_bin=1e308), "per_bin"),
        (lambda: mixed_differences([1.0, 2.0]), "v must have 2 dimension"),
        (lambda: towers_needed(smooth, 0.0), "epsilon must be positive"),
        (lambda: towers_needed(smooth, 1e-6, n_max=8), "n_max = 8 towers do not reach"),
    ],
)
def test_bad_input_names_the_argument(call, match):
    with pytest.raises((ValueError, TypeError), match=match):
        call()


def test_wrong_output_shape_of_f():
    with pytest.raises(ValueError, match="one value per point"):
        tower_approximation(lambda x: np.zeros(7), 0, 1, 3, w=10.0)
