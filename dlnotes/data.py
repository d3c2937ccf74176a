r"""Small 2-D toy data sets, generated offline from a seed (same seed, same points).

Each function returns ``(X, y)``: ``X`` of shape ``(n_per_class * k, 2)`` (float64, one example
per row) and ``y`` of shape ``(n_per_class * k,)`` (int64 class labels ``0 .. k-1``), the
examples of class 0 first, then class 1, and so on.
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import as_float, as_int


def _check_common(n_per_class, noise, seed, noise_name="noise"):
    n_per_class = as_int("n_per_class", n_per_class, minimum=1)
    noise = as_float(noise_name, noise)
    if noise < 0:
        raise ValueError(f"{noise_name} must be at least 0, got {noise}")
    seed = as_int("seed", seed, minimum=0)
    return n_per_class, noise, np.random.default_rng(seed)


def spirals(n_per_class: int, k: int = 3, noise: float = 0.2, seed: int = 0):
    r""":math:`k` interleaved spiral arms, one per class, in the square :math:`[-1, 1]^2`.

    Point :math:`i` of class :math:`j` has radius :math:`r_i = i / (N - 1)` and angle
    :math:`t_i = 4 (j + r_i) + \text{noise} \cdot \varepsilon_i` with
    :math:`\varepsilon_i \sim \mathcal N(0, 1)`, and sits at
    :math:`(r_i \sin t_i,\ r_i \cos t_i)`. No straight line (and no single-layer network)
    separates the arms: a hidden layer is needed.

    ``n_per_class`` >= 1 points per arm, ``k`` >= 2 arms, ``noise`` >= 0 (radians),
    ``seed`` for ``np.random.default_rng``. Returns ``(X, y)``, shapes ``(N k, 2)`` and
    ``(N k,)``. Raises ``ValueError``/``TypeError`` for bad arguments.
    """
    n, noise, rng = _check_common(n_per_class, noise, seed)
    k = as_int("k", k, minimum=2)
    r = np.linspace(0.0, 1.0, n) if n > 1 else np.ones(1)
    X = np.empty((n * k, 2))
    y = np.repeat(np.arange(k, dtype=np.int64), n)
    for j in range(k):
        t = 4.0 * (j + r) + noise * rng.standard_normal(n)
        X[j * n : (j + 1) * n, 0] = r * np.sin(t)
        X[j * n : (j + 1) * n, 1] = r * np.cos(t)
    return X, y


def moons(n_per_class: int, noise: float = 0.1, seed: int = 0):
    r"""Two interleaving half circles (2 classes).

    Class 0: :math:`(\cos s, \sin s)`, class 1: :math:`(1 - \cos s, \tfrac12 - \sin s)`, for
    :math:`s` evenly spaced in :math:`[0, \pi]`, plus Gaussian noise of standard deviation
    ``noise`` on both coordinates. Returns ``(X, y)`` with shapes ``(2 N, 2)`` and ``(2 N,)``.
    """
    n, noise, rng = _check_common(n_per_class, noise, seed)
    s = np.linspace(0.0, np.pi, n)
    X = np.concatenate(
        [np.column_stack([np.cos(s), np.sin(s)]), np.column_stack([1 - np.cos(s), 0.5 - np.sin(s)])]
    )
    X += noise * rng.standard_normal(X.shape)
    y = np.repeat(np.arange(2, dtype=np.int64), n)
    return X, y


def blobs(n_per_class: int, k: int = 3, spread: float = 0.3, seed: int = 0):
    r""":math:`k` round Gaussian clusters with centres evenly spaced on the unit circle,
    :math:`c_j = (\cos 2\pi j / k, \sin 2\pi j / k)`, each point :math:`c_j + \text{spread}
    \cdot \varepsilon` with :math:`\varepsilon \sim \mathcal N(0, I_2)`. Nearly linearly
    separable for a small ``spread``. Returns ``(X, y)``, shapes ``(N k, 2)`` and ``(N k,)``.
    """
    n, spread, rng = _check_common(n_per_class, spread, seed, "spread")
    k = as_int("k", k, minimum=2)
    angles = 2 * np.pi * np.arange(k) / k
    centres = np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.repeat(np.arange(k, dtype=np.int64), n)
    X = centres[y] + spread * rng.standard_normal((n * k, 2))
    return X, y


__all__ = ["spirals", "moons", "blobs"]
