"""Interactive explorers, one module per notebook.

Every explorer follows :class:`dlnotes.explorers.base.Explorer`: controls and one figure are built
once; ``update(**values)`` recomputes, moves the artists in place and returns the numbers it
shows, so tests drive it with no browser.
"""

from dlnotes.explorers.base import Explorer

__all__ = ["Explorer"]
