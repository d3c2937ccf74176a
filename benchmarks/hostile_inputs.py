"""Before/after table of issue 16: every public function under hostile input.

For every spec in tests/properties_cases.py (the public functions and methods of dlnotes) and
every explorer's ``update``, replace one argument at a time by each value of its pool (wrong
types and shapes, empty, NaN, ±inf, ±1e308, bool/int/float32/0-d/non-contiguous arrays, None,
strings, complex, ...) and classify the outcome:

  finite  returned a finite result of the documented shape and dtype
  named   ValueError/TypeError whose message names the argument
  unclear ValueError/TypeError that does not name it
  wrong   a result for input that has no answer, or a non-finite / mis-shaped result
  warning any warning      crash  any other exception      hang  no answer in 5 s (an explorer 15 s)

Run it against any checkout of the package (the specs skip names that do not exist there):

  .venv/bin/python benchmarks/hostile_inputs.py                       # this tree
  git worktree add /tmp/before 8ac80f4                                 # the commit before
  PYTHONPATH=/tmp/before .venv/bin/python benchmarks/hostile_inputs.py --label before
  .venv/bin/python benchmarks/hostile_inputs.py --details             # every bad call

It prints a table per module and the totals (markdown), and, with --details, each call that
was not finite/named.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time

sys.path.insert(1, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
os.environ.setdefault("MPLBACKEND", "Agg")

import properties_cases as pc  # noqa: E402


def sweep(details: bool):
    counts = collections.defaultdict(collections.Counter)
    bad_calls = []
    for spec in pc.SPECS:
        if spec.resolve() is None:
            continue
        for arg, (kind, _) in spec.args.items():
            for bad in pc.POOLS[kind]:
                fn = spec.resolve()
                outcome, detail = pc.call(spec, fn, arg, bad)
                counts[spec.module][outcome] += 1
                if outcome not in pc.GOOD:
                    bad_calls.append((spec.target, arg, bad.label, outcome, detail))
    for name in pc.EXPLORERS:
        ex = pc.explorer(name)
        if ex is None:
            continue
        for control, widget in ex.controls.items():
            value = widget.value
            for bad in pc.POOLS[pc.control_kind(value)]:
                v = bad.make(value)
                outcome, detail = pc.run(
                    lambda ex=ex, c=control, v=v: ex.update(**{c: v}), control, None, {}, bad
                )
                counts["explorers"][outcome] += 1
                if outcome not in pc.GOOD:
                    bad_calls.append((name, control, bad.label, outcome, detail))
            try:
                ex.update(**{control: value})
            except Exception:
                pass
    return counts, bad_calls


def table(counts, label):
    head = ["module", "calls", *pc.OUTCOMES]
    lines = [f"### {label}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total = collections.Counter()
    for module in sorted(counts):
        c = counts[module]
        total.update(c)
        lines.append(
            f"| {module} | {sum(c.values())} | " + " | ".join(str(c[o]) for o in pc.OUTCOMES) + " |"
        )
    lines.append(
        f"| **total** | {sum(total.values())} | "
        + " | ".join(str(total[o]) for o in pc.OUTCOMES)
        + " |"
    )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="this tree")
    parser.add_argument("--details", action="store_true", help="list every call not finite/named")
    args = parser.parse_args(argv)
    import dlnotes

    start = time.perf_counter()
    counts, bad_calls = sweep(args.details)
    took = time.perf_counter() - start
    print(table(counts, f"{args.label} ({os.path.dirname(dlnotes.__file__)}, {took:.0f} s)"))
    if args.details:
        print()
        for row in bad_calls:
            print(" | ".join(str(x) for x in row))


if __name__ == "__main__":
    main()
