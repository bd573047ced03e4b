"""The search engines behind the seam (``briefer/core/index/backend.py``), for tests that
run the same queries on each and expect the same pages.

``ENGINES``: "whoosh" (the library's own on-disk index) and "memory"
(``index.memory.MemoryIndex``). :func:`use_engine` puts a freshly opened library on the
named engine before anything is imported, so imports, metadata edits and removals go
through that engine's writer as they would in the application.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterator

from briefer.core.index.memory import MemoryIndex

ENGINES = ("whoosh", "memory")


def use_engine(library: Any, engine: str) -> Any:
    """``library`` on ``engine`` (its catalog's documents written into a new memory
    index when it is "memory")."""
    if engine == "memory":
        library.index.close()
        library.index = MemoryIndex()
        library.catalog.mark_all_unindexed()
        library.sync_index()
    else:
        assert engine == "whoosh", engine
    return library


@contextlib.contextmanager
def whoosh_unknown_to_the_fast_engine() -> Iterator[str]:
    """As if another Whoosh were installed (the fast engine knows 2.7.5 only): indexes
    opened inside run on Whoosh's own writer and searcher. Yields the version pretended
    to be known."""
    from briefer.core.index import whoosh_format as wf

    known = wf.KNOWN_WHOOSH
    wf.KNOWN_WHOOSH = (2, 7, 4)
    wf._code_problem.cache_clear()  # checked once per process: again with the pretence
    try:
        yield "2.7.4"
    finally:
        wf.KNOWN_WHOOSH = known
        wf._code_problem.cache_clear()
