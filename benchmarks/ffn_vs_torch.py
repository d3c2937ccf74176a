"""One training step of ``FeedForwardNetwork`` against PyTorch and against its own matmuls.

A step is ``net.gradient_step``: forward, backward and the gradient-descent update on one
batch, sigmoid hidden layers, softmax output, mean cross-entropy, plain SGD.
PyTorch does the same with ``nn.Sequential(Linear, Sigmoid, ..., Linear)``,
``CrossEntropyLoss`` and ``optim.SGD`` (no momentum), same sizes, batch and dtype. The matmul
bound is the step's matrix products alone (forward ``H W^T``; backward ``G^T H`` and ``G W``),
in numpy with preallocated outputs: no algorithm built on these products can beat it.

Threads: numpy's BLAS (OpenBLAS) and PyTorch get the same number of threads. Each thread count
runs in its own process, started with ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` /
``MKL_NUM_THREADS`` set (BLAS reads them when it loads) and ``torch.set_num_threads``. Numpy's
elementwise operations use one thread whatever the setting; PyTorch's use all of them.
On a machine whose other processes keep the cores busy (load average printed before and after
each table), multi-threaded rows measure the scheduler more than the code: a BLAS call or a
torch parallel region waits for a thread that is not running. Trust them only when the load
before a run is well below ``CPUs - threads`` (one-thread rows are much less affected).

Every configuration is timed in the same run, interleaved (dlnotes, torch, matmul, then again,
the order rotating each round). Each ratio is the median over rounds of the ratio measured
within the round, so slow drifts of the machine's load cancel; ``q1-q3`` shows the spread.
Printed: ``torch / dlnotes`` (> 1 means dlnotes is faster) and ``dlnotes / matmul`` (1.0 would
be perfect, shown for reference). Targets for torch / dlnotes, on the sizes the course uses:
>= 1.0 on 2-16-16-3 x 64 rows and on the explorer's default 2-32-32-3 x 300 rows, >= 0.8 on its
largest, 2-64-64-3 x 300 rows. Table 3 (one-thread run only) times the Train button at its
largest setting. dlnotes computes in float64 only.

    python benchmarks/ffn_vs_torch.py                 # 1 and 2 threads, 7 rounds
    python benchmarks/ffn_vs_torch.py --threads 1 --rounds 11 --no-growth
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

import numpy as np

#: (sizes, batch, target for torch / dlnotes): the course's sizes (a small net on a mini-batch;
#: the explorer's default 2-32-32-3 and its largest 2-64-64-3 on the 300 spiral points).
CONFIGS = [
    ([2, 16, 16, 3], 64, 1.0),
    ([2, 32, 32, 3], 300, 1.0),
    ([2, 64, 64, 3], 300, 0.8),
]
GROWTH = [  # (width, batch) of a 2-width-width-3 network
    (16, 64),
    (16, 256),
    (16, 1024),
    (64, 256),
    (256, 256),
    (512, 256),
]
ETA = 0.1
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def batch(sizes, n, dtype, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, sizes[0])).astype(dtype)
    y = rng.integers(0, sizes[-1], n)
    return X, y


def dlnotes_step(sizes, n, dtype):
    from dlnotes.ffn import FeedForwardNetwork

    net = FeedForwardNetwork(sizes, "sigmoid", "softmax", "cross_entropy", seed=0)
    X, y = batch(sizes, n, dtype)
    return lambda: net.gradient_step(X, y, ETA)


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
    loss_fn = torch.nn.CrossEntropyLoss()  # mean over the batch, as reduction="mean"
    Xn, yn = batch(sizes, n, dtype)
    X, y = torch.from_numpy(Xn), torch.from_numpy(yn)

    def step():
        opt.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def matmul_step(sizes, n, dtype):
    """The step's products only: forward H_{i-1} W_i^T, backward G_i^T H_{i-1} and G_i W_i."""
    rng = np.random.default_rng(0)
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    W = [rng.standard_normal((o, i)).astype(dtype) for i, o in pairs]
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


def step_flops(sizes, n) -> int:
    """Multiply-adds x 2 of the step's products (the last backward product is skipped)."""
    pairs = list(zip(sizes[:-1], sizes[1:], strict=True))
    return 2 * n * (3 * sum(i * o for i, o in pairs) - sizes[0] * sizes[1])


def time_per_call(fn, min_seconds=0.02) -> float:
    """Seconds per call, calling ``fn`` enough times to fill ``min_seconds``."""
    fn()
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps):
            fn()
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            return elapsed / reps
        reps *= 2


def compare(fns: dict, rounds: int) -> list[dict]:
    """Seconds per call of each function, round by round, interleaved (order rotating)."""
    names = list(fns)
    out = []
    for r in range(rounds):
        order = names[r % len(names) :] + names[: r % len(names)]
        out.append({name: time_per_call(fns[name]) for name in order})
    return out


def ratio(times: list[dict], num: str, den: str) -> tuple[float, float, float]:
    """Median and quartiles over rounds of ``num / den`` measured within each round."""
    r = sorted(t[num] / t[den] for t in times)
    q = statistics.quantiles(r, n=4) if len(r) > 1 else [r[0]] * 3
    return q[1], q[0], q[2]


def fmt(r) -> str:
    return f"{r[0]:6.2f} ({r[1]:.2f}-{r[2]:.2f})"


def blas_threads() -> str:
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return os.environ.get("OPENBLAS_NUM_THREADS", "default")
    return ",".join(str(p["num_threads"]) for p in threadpool_info() if p["user_api"] == "blas")


def run(threads: int, rounds: int, use_torch: bool, growth: bool, train_button: bool) -> bool:
    """The tables for one thread count (this process's BLAS was started with ``threads``)."""
    if use_torch:
        import torch

        torch.set_num_threads(threads)
        versions = f"torch {torch.__version__} ({torch.get_num_threads()} threads)"
    else:
        versions = "no torch"
    print(
        f"\n### {threads} thread(s): numpy {np.__version__} (BLAS threads: {blas_threads()}), "
        f"{versions}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
        f"{rounds} rounds",
        flush=True,
    )
    print("\n1. one training step (forward + backward + SGD update); median (q1-q3) over rounds")
    print(
        f"{'sizes':<16}{'batch':>6}{'dtype':>9}{'torch/dlnotes':>21}{'dlnotes/matmul':>21}"
        f"{'target':>8}{'met':>5}"
    )
    all_met = True
    for sizes, n, target in CONFIGS:
        dtype = np.float64
        fns = {"dlnotes": dlnotes_step(sizes, n, dtype), "matmul": matmul_step(sizes, n, dtype)}
        if use_torch:
            fns["torch"] = torch_step(sizes, n, dtype)
        t = compare(fns, rounds)
        vs_torch = ratio(t, "torch", "dlnotes") if use_torch else (np.nan,) * 3
        vs_mm = ratio(t, "dlnotes", "matmul")
        met = not use_torch or vs_torch[0] >= target
        all_met &= met
        print(
            f"{'-'.join(map(str, sizes)):<16}{n:>6}{np.dtype(dtype).name:>9}"
            f"{fmt(vs_torch):>21}{fmt(vs_mm):>21}{f'>= {target}':>8}{'yes' if met else 'NO':>5}",
            flush=True,
        )
    if growth:
        print("\n2. how the step grows: 2-W-W-3, float64; time and work relative to the first row")
        head = f"{'width':>6}{'batch':>7}{'work':>8}{'dlnotes':>9}{'dlnotes/matmul':>16}"
        print(head + (f"{'torch/dlnotes':>15}" if use_torch else ""))
        base = None
        for width, n in GROWTH:
            sizes = [2, width, width, 3]
            fns = {
                "dlnotes": dlnotes_step(sizes, n, np.float64),
                "matmul": matmul_step(sizes, n, np.float64),
            }
            if use_torch:
                fns["torch"] = torch_step(sizes, n, np.float64)
            t = compare(fns, rounds)
            step = statistics.median(r["dlnotes"] for r in t)
            work = step_flops(sizes, n)
            base = base or (step, work)
            line = (
                f"{width:>6}{n:>7}{work / base[1]:>8.1f}{step / base[0]:>9.1f}"
                f"{ratio(t, 'dlnotes', 'matmul')[0]:>16.2f}"
            )
            if use_torch:
                line += f"{ratio(t, 'torch', 'dlnotes')[0]:>15.2f}"
            print(line, flush=True)
    if train_button:
        print("\n3. the largest Train-button run: 2-64-64-3 on the 300 spiral points, 3000 epochs")
        for activation in ("tanh", "sigmoid"):
            print(f"{activation:8s}{train_button_seconds(activation):8.2f} s", flush=True)
    print(f"(load average after: {os.getloadavg()[0]:.1f})")
    return all_met


def train_button_seconds(activation: str) -> float:
    """Seconds for FeedForwardExplorer's Train button at its largest setting (64-64 hidden
    neurons, 3000 epochs, eta = 0.3), its 10 redraws included."""
    from dlnotes.explorers.feedforward_backprop import FeedForwardExplorer

    explorer = FeedForwardExplorer(hidden1=64, hidden2=64, activation=activation, epochs=3000)
    start = time.perf_counter()
    explorer.train()
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--threads", default="1,2", help="comma-separated BLAS/torch threads")
    parser.add_argument("--no-torch", action="store_true", help="skip the PyTorch column")
    parser.add_argument("--no-growth", action="store_true", help="skip table 2")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    use_torch = not args.no_torch
    if use_torch:
        try:
            import torch  # noqa: F401
        except ImportError:
            print("PyTorch not installed (pip install -e '.[bench]'): skipping its column")
            use_torch = False
    if args.child is not None:
        met = run(args.child, args.rounds, use_torch, not args.no_growth, args.child == 1)
        return 0 if met else 1
    # one process per thread count: BLAS reads its thread count when numpy is imported
    status = 0
    for threads in [int(t) for t in args.threads.split(",")]:
        env = dict(os.environ, **{v: str(threads) for v in THREAD_VARIABLES})
        cmd = [sys.executable, __file__, "--child", str(threads), "--rounds", str(args.rounds)]
        cmd += ["--no-torch"] * (not use_torch) + ["--no-growth"] * args.no_growth
        status |= subprocess.run(cmd, env=env).returncode
    print("\nmet: the row's median torch/dlnotes reaches its target (dlnotes/matmul is shown only")
    print("for reference: how far the step is from its matrix products alone).")
    return 0  # the numbers are the result; a missed target is reported, not an error


if __name__ == "__main__":
    sys.exit(main())
