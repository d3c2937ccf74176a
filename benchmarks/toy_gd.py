"""The toy problem's gradient descent, 1000 epochs from (−2, −2) with η = 1, three ways in one run.

    .venv/bin/python benchmarks/toy_gd.py [--rounds 15]

1. the notes' plain loop (their f, grad_w, grad_b and do_gradient_descent, copied below as the
   lecture writes them: no checks, np.exp on Python floats);
2. dlnotes.toy.do_gradient_descent (checks its arguments once, then the same loop);
3. dlnotes.gd.gradient_descent(lambda theta: toy.gradient(*theta), ...), the general loop that
   keeps the path, calling the public (checked) toy.gradient every epoch.

The rounds alternate the three, so a busy machine slows all alike; the script prints each
one's fastest time and the median of the per-round ratios against the plain loop. Targets
(issue 23): toy.do_gradient_descent within 2x of the plain loop, gd.gradient_descent within 10x.
The three must also agree on the final (w, b), which is checked first.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from dlnotes import gd, toy

EPOCHS = 1000

# fmt: off
# -- the notes' code, as the lecture writes it ---------------------------------------------------
X = [0.5, 2.5]
Y = [0.2, 0.9]

def f(w,b,x) : #sigmoid with parameters w,b
    return 1.0 / (1.0 + np.exp(-(w*x + b)))

def grad_b(w,b,x,y) :
    fx = f(w,b,x)
    return (fx - y) * fx * (1 - fx)

def grad_w(w,b,x,y) :
    fx = f(w,b,x)
    return (fx - y) * fx * (1 - fx) * x

def do_gradient_descent() :
    w, b, eta, max_epochs = -2, -2, 1.0, EPOCHS
    for i in range(max_epochs):  # noqa: B007
        dw, db = 0, 0
        for x,y in zip(X, Y) :  # noqa: B905
            dw += grad_w(w, b, x, y)
            db += grad_b(w, b, x, y)
        w = w - eta * dw
        b = b - eta * db
    return w, b
# fmt: on


WAYS = {
    "notes' plain loop": do_gradient_descent,
    "toy.do_gradient_descent": lambda: toy.do_gradient_descent(-2, -2, 1.0, EPOCHS),
    "gd.gradient_descent(toy.gradient)": lambda: tuple(
        gd.gradient_descent(lambda theta: toy.gradient(*theta), [-2.0, -2.0], 1.0, EPOCHS).path[-1]
    ),
}
TARGETS = {"toy.do_gradient_descent": 2.0, "gd.gradient_descent(toy.gradient)": 10.0}


def main(rounds: int) -> None:
    finals = {name: way() for name, way in WAYS.items()}
    for name, final in finals.items():
        assert np.allclose(final, finals["notes' plain loop"], rtol=1e-12, atol=0), (name, final)
    times: dict[str, list[float]] = {name: [] for name in WAYS}
    for _ in range(rounds):
        for name, way in WAYS.items():
            start = time.perf_counter()
            way()
            times[name].append(time.perf_counter() - start)
    plain = times["notes' plain loop"]
    print(f"{EPOCHS} epochs from (-2, -2), eta = 1; {rounds} alternating rounds")
    print(f"{'':36s}{'fastest ms':>11s}{'x plain (median)':>18s}{'target':>8s}{'met':>5s}")
    for name, ts in times.items():
        ratio = statistics.median(t / p for t, p in zip(ts, plain, strict=True))
        target = TARGETS.get(name)
        met = "" if target is None else ("yes" if ratio <= target else "NO")
        shown = "" if target is None else f"<= {target:g}"
        print(f"{name:36s}{min(ts) * 1e3:11.2f}{ratio:18.2f}{shown:>8s}{met:>5s}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    main(parser.parse_args().rounds)
