"""One training step of ``FeedForwardNetwork`` against PyTorch and against its own matmuls.

A step is forward, backward and the gradient-descent update on one mini-batch: sigmoid hidden
layers, softmax output, mean cross-entropy, plain SGD. PyTorch does the same with
``nn.Sequential(Linear, Sigmoid, ..., Linear)``, ``CrossEntropyLoss`` and ``optim.SGD`` (no
momentum), same sizes, batch and dtype, same number of threads. The matmul bound is the step's
matrix products alone (forward ``H W^T``; backward ``G^T H`` and ``G W``), in numpy with
preallocated outputs: no algorithm built on these products can beat it.

Every configuration is timed in the same run, interleaved (dlnotes, torch, matmul, repeated),
taking the median over rounds. Printed: ``torch / dlnotes`` (> 1 means dlnotes is faster) and
``dlnotes / matmul`` (1.0 would be perfect). Targets: >= 1.0 against torch on every row; <= 1.5
against the matmul bound on the two largest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np

from dlnotes.ffn import FeedForwardNetwork

CONFIGS = [
    ([2, 16, 16, 3], 64),
    ([2, 64, 64, 3], 256),
    ([64, 128, 128, 10], 512),
    ([784, 256, 256, 10], 256),
]
ETA = 0.1


def batch(sizes, n, dtype, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, sizes[0])).astype(dtype)
    y = rng.integers(0, sizes[-1], n)
    return X, y


def dlnotes_step(sizes, n, dtype):
    net = FeedForwardNetwork(sizes, "sigmoid", "softmax", "cross_entropy", seed=0, dtype=dtype,
                             reduction="mean")  # fmt: skip
    X, y = batch(sizes, n, dtype)
    return lambda: net.step(X, y, ETA)


def torch_step(sizes, n, dtype):
    import torch

    tdtype = torch.float64 if dtype == np.float64 else torch.float32
    torch.manual_seed(0)
    layers = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        layers.append(torch.nn.Linear(n_in, n_out, dtype=tdtype))
        if i < len(sizes) - 2:
            layers.append(torch.nn.Sigmoid())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=ETA)
    loss_fn = torch.nn.CrossEntropyLoss()
    Xn, yn = batch(sizes, n, dtype)
    X, y = torch.from_numpy(Xn), torch.from_numpy(yn)

    def step():
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def matmul_step(sizes, n, dtype):
    """The step's products only: forward H_{i-1} W_i^T, backward G_i^T H_{i-1} and G_i W_i."""
    rng = np.random.default_rng(0)
    W = [rng.standard_normal((o, i)).astype(dtype) for i, o in zip(sizes[:-1], sizes[1:],
                                                                   strict=True)]  # fmt: skip
    H = [rng.standard_normal((n, s)).astype(dtype) for s in sizes]
    G = [rng.standard_normal((n, s)).astype(dtype) for s in sizes[1:]]
    dW = [np.empty_like(w) for w in W]
    GH = [np.empty((n, s), dtype) for s in sizes[:-1]]

    def step():
        for i, w in enumerate(W):
            np.matmul(H[i], w.T, out=H[i + 1])
        for i in range(len(W) - 1, -1, -1):
            np.matmul(G[i].T, H[i], out=dW[i])
            if i > 0:
                np.matmul(G[i], W[i], out=GH[i])

    return step


def time_per_call(fn, min_seconds=0.05) -> float:
    """Seconds per call, calling ``fn`` enough times to fill ``min_seconds``."""
    fn()
    reps, elapsed = 1, 0.0
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            return elapsed / reps
        reps *= 2


def compare(fns: dict, rounds: int) -> dict:
    """Median seconds per call of each function, measured interleaved round by round."""
    times = {name: [] for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            times[name].append(time_per_call(fn))
    return {name: statistics.median(ts) for name, ts in times.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch column")
    args = parser.parse_args(argv)
    use_torch = not args.no_torch
    if use_torch:
        try:
            import torch
        except ImportError:
            print("PyTorch not installed (pip install -e '.[bench]'): skipping its column")
            use_torch = False
        else:
            torch.set_num_threads(2)
            print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; numpy "
                  f"{np.__version__}")  # fmt: skip

    print("\n1. one training step (forward + backward + SGD update), interleaved medians")
    print(f"{'sizes':<20}{'batch':>6}{'dtype':>9}{'torch/dlnotes':>15}{'dlnotes/matmul':>16}"
          f"{'met':>6}")  # fmt: skip
    for sizes, n in CONFIGS:
        for dtype in (np.float64, np.float32):
            fns = {"dlnotes": dlnotes_step(sizes, n, dtype), "matmul": matmul_step(sizes, n, dtype)}
            if use_torch:
                fns["torch"] = torch_step(sizes, n, dtype)
            t = compare(fns, args.rounds)
            vs_torch = t["torch"] / t["dlnotes"] if use_torch else float("nan")
            vs_mm = t["dlnotes"] / t["matmul"]
            big = sizes[0] >= 64
            met = (not use_torch or vs_torch >= 1.0) and (not big or vs_mm <= 1.5)
            print(f"{'-'.join(map(str, sizes)):<20}{n:>6}{np.dtype(dtype).name:>9}"
                  f"{vs_torch:>15.2f}{vs_mm:>16.2f}{'yes' if met else 'NO':>6}")  # fmt: skip

    print("\n2. how the step grows: 2-W-W-3, float64, time relative to the smallest setting")
    base = None
    print(f"{'width':>6}{'batch':>7}{'step / first':>14}{'dlnotes/matmul':>16}")
    for width, n in [(16, 64), (16, 256), (16, 1024), (64, 256), (256, 256), (512, 256)]:
        sizes = [2, width, width, 3]
        t = compare({"dlnotes": dlnotes_step(sizes, n, np.float64),
                     "matmul": matmul_step(sizes, n, np.float64)}, args.rounds)  # fmt: skip
        base = base or t["dlnotes"]
        print(f"{width:>6}{n:>7}{t['dlnotes'] / base:>14.2f}{t['dlnotes'] / t['matmul']:>16.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
