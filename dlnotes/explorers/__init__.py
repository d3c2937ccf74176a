"""Interactive explorers, one module per notebook.

Every explorer follows :class:`dlnotes.explorers.base.Explorer`: controls and one figure are built
once; ``update(**values)`` recomputes, moves the artists in place and returns the numbers it
shows, so tests drive it with no browser. ``all_explorers()`` lists them all.
"""

import importlib
import pkgutil

from dlnotes.explorers.base import Explorer


def all_explorers() -> list[type[Explorer]]:
    """Every explorer class of the package: each module here imported, then the classes that
    registered themselves by subclassing ``Explorer`` (no hand-kept list to forget one in)."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return list(Explorer.registry)


__all__ = ["Explorer", "all_explorers"]
