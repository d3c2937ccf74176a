"""Small 2-D toy data sets, generated offline from a seed (same seed, same points).

Each function returns (X, y): X of shape (N·k, 2), float64, one example per row, and y of
shape (N·k,), int64 class labels 0 … k−1; N = n_per_class examples of class 0 first, then
class 1, and so on.

Errors: TypeError for a wrong type (a float or bool where an integer is needed, a seed that is
not an integer ≥ 0), ValueError for a value out of range (n_per_class < 1, k < 2, a negative
noise, more than MAX_POINTS points, noise above MAX_NOISE, a name that is not one of DATASETS);
each message names the argument.
"""

from __future__ import annotations

import numpy as np

from dlnotes._checks import as_float, as_int, as_seed, checked, one_of

#: Largest data set these functions make (N·k points): a course data set, not a benchmark.
MAX_POINTS = 1_000_000
#: Largest noise (or spread): far beyond the size of the pictures, and small enough that
#: noise·ε never overflows.
MAX_NOISE = 1e6


def _check_common(n_per_class, k, noise, seed, noise_name="noise"):
    n = as_int("n_per_class", n_per_class, minimum=1)
    k = as_int("k", k, minimum=2)
    if n * k > MAX_POINTS:
        raise ValueError(
            f"n_per_class·k must be at most {MAX_POINTS:,} points, got {n}·{k} = {n * k:,}"
        )
    noise = as_float(noise_name, noise)
    if not 0 <= noise <= MAX_NOISE:
        raise ValueError(f"{noise_name} must lie between 0 and {MAX_NOISE:g}, got {noise}")
    return n, k, noise, np.random.default_rng(as_seed("seed", seed, none_ok=False))


def spirals(n_per_class: int, k: int = 3, noise: float = 0.2, seed: int = 0):
    """k interleaved spiral arms, one per class, in the square [−1, 1]².

    Point i of class j has radius rᵢ = i/(N − 1) and angle tᵢ = 4(j + rᵢ) + noise·εᵢ with
    εᵢ ~ N(0, 1), and sits at (rᵢ·sin tᵢ, rᵢ·cos tᵢ). No straight line (and no single-layer
    network) separates the arms: a hidden layer is needed.

    n_per_class: N ≥ 1 points per arm. k: ≥ 2 arms. noise: ≥ 0, in radians.
    seed: for np.random.default_rng.
    Returns (X, y), shapes (N·k, 2) and (N·k,). Errors as in the module docstring.
    """
    n, k, noise, rng = _check_common(n_per_class, k, noise, seed)
    r = np.linspace(0.0, 1.0, n) if n > 1 else np.ones(1)
    X = np.empty((n * k, 2))
    y = np.repeat(np.arange(k, dtype=np.int64), n)
    for j in range(k):
        t = 4.0 * (j + r) + noise * rng.standard_normal(n)
        X[j * n : (j + 1) * n, 0] = r * np.sin(t)
        X[j * n : (j + 1) * n, 1] = r * np.cos(t)
    return X, y


def moons(n_per_class: int, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles (2 classes).

    Class 0: (cos s, sin s), class 1: (1 − cos s, ½ − sin s), for s evenly spaced in [0, π],
    plus Gaussian noise of standard deviation `noise` on both coordinates.

    Returns (X, y), shapes (2N, 2) and (2N,). Errors as in the module docstring.
    """
    n, _, noise, rng = _check_common(n_per_class, 2, noise, seed)
    s = np.linspace(0.0, np.pi, n)
    X = np.concatenate(
        [np.column_stack([np.cos(s), np.sin(s)]), np.column_stack([1 - np.cos(s), 0.5 - np.sin(s)])]
    )
    X += noise * rng.standard_normal(X.shape)
    y = np.repeat(np.arange(2, dtype=np.int64), n)
    return X, y


def blobs(n_per_class: int, k: int = 3, spread: float = 0.3, seed: int = 0):
    """k round Gaussian clusters with centres evenly spaced on the unit circle.

    Centre cⱼ = (cos 2πj/k, sin 2πj/k); each point is cⱼ + spread·ε with ε ~ N(0, I₂).
    Nearly linearly separable for a small spread.

    Returns (X, y), shapes (N·k, 2) and (N·k,). Errors as in the module docstring.
    """
    n, k, spread, rng = _check_common(n_per_class, k, spread, seed, "spread")
    angles = 2 * np.pi * np.arange(k) / k
    centres = np.column_stack([np.cos(angles), np.sin(angles)])
    y = np.repeat(np.arange(k, dtype=np.int64), n)
    X = centres[y] + spread * rng.standard_normal((n * k, 2))
    return X, y


#: The data sets by name, for menus (an explorer's dropdown) and dataset(name, ...).
DATASETS = {"spirals": spirals, "moons": moons, "blobs": blobs}


@checked(name=one_of(*DATASETS))
def dataset(name, n_per_class, **options):
    """One of the data sets by its name: dataset(name, N, **options) = DATASETS[name](N, **options).

    name: "spirals", "moons" or "blobs" (a misspelt name such as "spiral" is a ValueError that
    lists the three). n_per_class and options (noise, k, spread, seed): as for that function.
    Returns (X, y) as that function does. Errors as in the module docstring.
    """
    return DATASETS[name](n_per_class, **options)


__all__ = ["spirals", "moons", "blobs", "dataset", "DATASETS", "MAX_POINTS", "MAX_NOISE"]
