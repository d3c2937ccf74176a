"""The browser test under load: 3 runs in a row while two busy processes keep both cores busy.

    .venv/bin/python tests/browser/loaded.py [RUNS] [-- extra pytest arguments]

Passes only if every run passes. The busy processes are this script's own children (a Python
loop each), stopped by their process id at the end, whatever happens.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BUSY = "while True: pass"


def main(argv: list[str]) -> int:
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    runs = int(argv[0]) if argv and argv[0] != "--" else 3
    busy = [subprocess.Popen([sys.executable, "-c", BUSY]) for _ in range(2)]
    failed = 0
    try:
        for run in range(1, runs + 1):
            with open("/proc/loadavg") as f:
                load = " ".join(f.read().split()[:3])
            print(f"== loaded run {run} of {runs} (two busy processes; load average {load})",
                  flush=True)  # fmt: skip
            start = time.monotonic()
            cmd = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:randomly",
                   str(ROOT / "tests" / "browser"), *extra]  # fmt: skip
            code = subprocess.call(cmd, cwd=ROOT)
            print(f"== run {run}: {'passed' if code == 0 else 'FAILED'} in "
                  f"{time.monotonic() - start:.0f} s", flush=True)  # fmt: skip
            failed += code != 0
    finally:
        for proc in busy:
            proc.kill()
            proc.wait()
    print(f"== {runs - failed} of {runs} loaded runs passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
