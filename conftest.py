"""Project-wide pytest hooks.

nbval compares a notebook's stored outputs with a fresh run. Warnings on stderr (a deprecation
message from a library, say) vary between machines and teach nothing, so stderr is left out of
the comparison; stdout, results and LaTeX/HTML are compared after sanitising
(``tests/nbval_sanitize.cfg``).
"""


def pytest_collectstart(collector):
    if getattr(collector, "skip_compare", None) is not None and str(collector.path).endswith(
        ".ipynb"
    ):
        collector.skip_compare = (*collector.skip_compare, "stderr")
