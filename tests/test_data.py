"""Tests of dlnotes.data: shapes, labels, determinism per seed, bad arguments."""

import numpy as np
import pytest

from dlnotes import data
from dlnotes.data import blobs, moons, spirals


@pytest.mark.parametrize(
    ("make", "k"),
    [
        (lambda **kw: spirals(50, **kw), 3),
        (lambda **kw: moons(50, **kw), 2),
        (lambda **kw: blobs(50, **kw), 3),
    ],
)
def test_shapes_labels_and_seed(make, k):
    X, y = make(seed=4)
    assert X.shape == (50 * k, 2) and X.dtype == np.float64
    assert y.shape == (50 * k,) and y.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(y), [50] * k)
    X2, y2 = make(seed=4)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    X3, _ = make(seed=5)
    assert not np.allclose(X, X3)


def test_spirals_geometry():
    X, y = spirals(100, k=4, noise=0.0)
    assert X.shape == (400, 2)
    np.testing.assert_array_equal(np.unique(y), [0, 1, 2, 3])
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[:100], np.linspace(0, 1, 100), atol=1e-12)
    assert np.all(np.abs(X) <= 1 + 1e-12)
    # without noise, arm j is arm 0 turned by 4 j radians (same radius, angle shifted)
    t0 = np.arctan2(X[1:100, 0], X[1:100, 1])
    t1 = np.arctan2(X[101:200, 0], X[101:200, 1])
    np.testing.assert_allclose(np.cos(t1 - t0), np.cos(4.0), atol=1e-9)


def test_spirals_are_not_linearly_separable():
    X, y = spirals(100)
    # least-squares linear classifier on one-hot targets: far from perfect on spirals
    A = np.column_stack([np.ones(len(X)), X])
    coef, *_ = np.linalg.lstsq(A, np.eye(3)[y], rcond=None)
    assert np.mean((A @ coef).argmax(axis=1) == y) < 0.7


def test_moons_noise_free_on_the_circles():
    X, y = moons(30, noise=0.0)
    np.testing.assert_allclose(np.hypot(*X[y == 0].T), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)


def test_blobs_centred_on_the_unit_circle():
    X, y = blobs(2000, k=4, spread=0.1)
    for j in range(4):
        centre = X[y == j].mean(axis=0)
        angle = 2 * np.pi * j / 4
        np.testing.assert_allclose(centre, [np.cos(angle), np.sin(angle)], atol=0.01)


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda: spirals(0), ValueError, "n_per_class"),
        (lambda: spirals(10.5), TypeError, "n_per_class"),
        (lambda: spirals(10, k=1), ValueError, "k must be at least 2"),
        (lambda: spirals(10, noise=-1.0), ValueError, "noise"),
        (lambda: spirals(10, noise=float("nan")), ValueError, "noise"),
        (lambda: moons(10, seed=-1), ValueError, "seed"),
        (lambda: blobs(10, spread=-0.1), ValueError, "spread"),
        (lambda: moons(10, seed=True), TypeError, "seed must be an integer"),
        (lambda: spirals(10, seed=2.0), TypeError, "seed must be an integer"),
        (lambda: blobs(10, seed=None), TypeError, "seed must be an integer"),
        (lambda: spirals(10, noise=1e308), ValueError, "noise must lie between 0 and 1e\\+06"),
        (lambda: moons(10, noise=1e7), ValueError, "noise"),
        (lambda: blobs(10, spread=1e308), ValueError, "spread must lie between"),
        (lambda: spirals(10**12), ValueError, "at most 1,000,000 points"),
        (lambda: blobs(10, k=10**9), ValueError, "at most 1,000,000 points"),
        (lambda: spirals(10, noise=1 + 1j), TypeError, "noise must be real"),
    ],
)
def test_bad_arguments(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


def test_largest_noise_gives_finite_points_without_warning():
    for make in (spirals, moons, blobs):
        X, _ = make(50, seed=1, **({"spread": 1e6} if make is blobs else {"noise": 1e6}))
        assert np.all(np.isfinite(X))


def test_a_data_set_by_its_name_and_a_misspelt_name_listed():
    X, y = data.dataset("moons", 10, noise=0.15, seed=3)
    X2, y2 = data.moons(10, noise=0.15, seed=3)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    with pytest.raises(ValueError, match="name must be one of 'spirals', 'moons', 'blobs'"):
        data.dataset("spiral", 10)
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        data.dataset("moons", 10, nosie=0.1)
