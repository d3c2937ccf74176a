"""`python -m dlnotes doctor`: the environment check (`doctor --help` for its options)."""

import sys

from dlnotes.setup.doctor import main

USAGE = "usage: python -m dlnotes doctor [--help] [--frontend NAME]"

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["doctor"]:
        sys.exit(main(args[1:]))
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE)
        sys.exit(0)
    print(USAGE, file=sys.stderr)
    sys.exit(2)
