"""``python -m dlnotes doctor``: the environment check."""

import sys

from dlnotes.doctor import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] != ["doctor"]:
        print("usage: python -m dlnotes doctor", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(args[1:]))
