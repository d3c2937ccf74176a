"""``make bench``: every benchmark, one after the other, each printing its own ratios."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = ["toy_gd.py", "ffn_vs_torch.py", "explorers.py", "suite_time.py"]


def main() -> int:
    status = 0
    for name in BENCHMARKS:
        print(f"\n===== benchmarks/{name} =====", flush=True)
        status |= subprocess.run([sys.executable, str(HERE / name)]).returncode
    print("\nBrowser latency (key press -> new image) is printed by `make browser`.")
    return status


if __name__ == "__main__":
    sys.exit(main())
