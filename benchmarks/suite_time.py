"""How long the notebook suite takes under nbval, and each notebook's share.

Runs exactly what ``make nbval`` runs, with pytest's ``--durations=0``, and sums the per-cell
times per notebook. Prints each notebook's seconds, its share of the total, its slowest cell, and
the totals against the targets (whole suite under 60 s, no cell over 10 s) as ratios.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUITE_TARGET_S, CELL_TARGET_S = 60.0, 10.0


def main() -> int:
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env["PYTHONHASHSEED"] = "0"
    cmd = [sys.executable, "-m", "pytest", "-q", "--nbval", "--nbval-current-env",
           "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-p", "no:randomly",
           "--durations=0", "--durations-min=0", "notebooks/"]  # fmt: skip
    t0 = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if run.returncode != 0:
        print(run.stdout[-3000:])
        print("nbval failed; the timings below are incomplete")
    per_nb, slowest = defaultdict(float), {}
    for m in re.finditer(r"^([\d.]+)s (?:call|setup|teardown)\s+(notebooks/\S+?)::Cell (\d+)",
                         run.stdout, re.M):  # fmt: skip
        seconds, nb, cell = float(m.group(1)), m.group(2), int(m.group(3))
        per_nb[nb] += seconds
        if seconds > slowest.get(nb, (0, -1))[0]:
            slowest[nb] = (seconds, cell)
    total = sum(per_nb.values())
    print(f"{'notebook':<42}{'seconds':>9}{'share':>8}{'slowest cell':>14}")
    for nb in sorted(per_nb):
        s, c = slowest[nb]
        print(f"{Path(nb).name:<42}{per_nb[nb]:>9.1f}{per_nb[nb] / total:>8.0%}"
              f"{f'{s:.1f} s (#{c})':>14}")  # fmt: skip
    worst = max(s for s, _ in slowest.values())
    print(f"\ncells {total:.1f} s, wall {wall:.1f} s (with kernel starts): "
          f"{wall / SUITE_TARGET_S:.2f} of the {SUITE_TARGET_S:.0f} s target; slowest cell "
          f"{worst / CELL_TARGET_S:.2f} of the {CELL_TARGET_S:.0f} s limit")  # fmt: skip
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
