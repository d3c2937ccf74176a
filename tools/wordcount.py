"""Prose words of each notebook: the core path and the "Going further" side roads.

Markdown cells only. A side road is a heading whose text begins with "Going further" (any
level), running to the next heading of the same or a higher level (CONVENTIONS.md). The core
path of a notebook should stay under about 3,000 words (00: 1,200).

    python tools/wordcount.py notebooks/*.ipynb     (or: make words)
"""

import re
import sys

import nbformat

MATH_AND_CODE = re.compile(r"\$\$.*?\$\$|\$[^$]*\$|```.*?```|`[^`]*`|<[^>]+>", re.S)
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")


def prose(source):
    """The text a learner reads as prose: formulas, code and HTML tags left out."""
    return MATH_AND_CODE.sub(" ", source)


def heading(cell):
    m = re.match(r"^(#{1,6})\s+(.*)", cell.source.strip())
    return (len(m.group(1)), m.group(2)) if m else None


def words(path):
    nb = nbformat.read(path, as_version=4)
    core = side = 0
    side_level = None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        h = heading(cell)
        if h:
            level, text = h
            if side_level is not None and level <= side_level:
                side_level = None
            if side_level is None and text.lower().startswith("going further"):
                side_level = level
        n = len(WORD.findall(prose(cell.source)))
        if side_level is None:
            core += n
        else:
            side += n
    return core, side


if __name__ == "__main__":
    for p in sys.argv[1:]:
        c, s = words(p)
        print(f"{p}: core {c} words, side roads {s} words")
