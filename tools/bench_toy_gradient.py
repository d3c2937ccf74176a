"""Time dlnotes.toy.gradient against the old dlnotes.gd.toy_grad, side by side in one run.

    python tools/bench_toy_gradient.py

Prints microseconds per call for one (w, b), and the milliseconds of what notebook 03's
explorer does per slider move: gradient_descent(toy.gradient ...) for 2000 epochs. Compared:
the old gd.toy_grad (gd.py before toy.gradient existed) and toy.gradient as it was before it
checked its arguments only once (summing the checked grad_w and grad_b), both copied below so
that no old checkout is needed, and toy.gradient now. The runs alternate and the fastest of
each is kept, so a busy machine slows all three alike.
"""

from __future__ import annotations

import timeit

import numpy as np

from dlnotes import toy
from dlnotes._checks import as_float_array
from dlnotes.gd import gradient_descent
from dlnotes.neurons import sigmoid


def old_toy_grad(theta) -> np.ndarray:
    """gd.toy_grad as it was (commit 7a8fb74): θ checked once, both points at once."""
    theta = as_float_array("theta", theta, ndim=1)
    if theta.shape != (2,):
        raise ValueError(f"theta must be [w, b], shape (2,), got shape {theta.shape}")
    fx = sigmoid(theta[0] * toy.X + theta[1])
    common = (fx - toy.Y) * fx * (1.0 - fx)
    return np.array([common @ toy.X, common.sum()])


def checked_toy_grad(theta) -> tuple[float, float]:
    """toy.gradient as it was: the checked grad_w and grad_b (each calling the checked f)."""
    w, b = np.asarray(theta[0])[..., None], np.asarray(theta[1])[..., None]
    dw = np.sum(toy.grad_w(w, b, toy.X, toy.Y), axis=-1)
    db = np.sum(toy.grad_b(w, b, toy.X, toy.Y), axis=-1)
    return float(dw), float(db)


def new_toy_grad(theta) -> tuple[float, float]:
    """toy.gradient(w, b) for θ = [w, b], as notebook 03's explorer calls it."""
    return toy.gradient(*theta)


def main(rounds: int = 7) -> None:
    theta = np.array([-2.0, -2.0])
    grads = {"old gd.toy_grad": old_toy_grad, "toy.gradient before": checked_toy_grad,
             "toy.gradient now": new_toy_grad}  # fmt: skip
    for grad in grads.values():
        assert np.allclose(grad(theta), old_toy_grad(theta), rtol=1e-12, atol=0)
    one = {name: np.inf for name in grads}
    run = {name: np.inf for name in grads}
    for _ in range(rounds):  # alternate, keep the fastest of each
        for name, grad in grads.items():
            one[name] = min(one[name], timeit.timeit(lambda g=grad: g(theta), number=500) / 500)
            t = timeit.timeit(lambda g=grad: gradient_descent(g, theta, 1.0, 2000), number=1)
            run[name] = min(run[name], t)
    print(f"{'':22s}{'one call':>10s}{'2000 epochs':>14s}{'vs old toy_grad':>18s}")
    for name in grads:
        print(f"{name:22s}{one[name] * 1e6:7.1f} µs{run[name] * 1e3:11.0f} ms"
              f"{run[name] / run['old gd.toy_grad']:17.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
