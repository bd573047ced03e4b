"""Values worked out from a library that hold until its page index next changes.

Search remembers things that cost more than a query — the catalog's live documents, a
document's provision tree — until the index commits again (every catalog change that
matters to search ends in an index commit). The cache lives here, beside the seam, not
in an engine: any :class:`~briefer.core.index.backend.SearchBackend` says when it
changed (:meth:`generation`), and :func:`remembered` keeps values per backend and
generation. Safe to use from several threads (a value may be worked out twice when two
threads ask at once; both get a correct one).
"""

from __future__ import annotations

import threading
import weakref
from typing import Any, Callable, TypeVar, cast

from briefer.core.index.backend import SearchBackend

T = TypeVar("T")
LIMIT = 64  # values kept per backend (the oldest generation's are dropped at a change)

_lock = threading.Lock()
_kept: "weakref.WeakKeyDictionary[Any, tuple[int, dict[Any, Any]]]" = \
    weakref.WeakKeyDictionary()


def remembered(backend: SearchBackend, key: Any, make: Callable[[], T]) -> T:
    """``make()``, kept for ``backend`` until its :meth:`generation` changes."""
    gen = backend.generation()
    with _lock:
        got = _kept.get(backend)
        if got is not None and got[0] == gen and key in got[1]:
            return cast(T, got[1][key])
    value = make()
    with _lock:
        got = _kept.get(backend)
        if got is not None and got[0] > gen:
            return value  # the index changed meanwhile: not kept for the old state
        if got is None or got[0] != gen:
            got = (gen, {})
            _kept[backend] = got
        if len(got[1]) >= LIMIT:
            got[1].clear()
        got[1][key] = value
    return value
