"""Modules loaded on first use, so that a short command starts quickly.

``briefer list`` or ``briefer --help`` must not pay for Whoosh, the search engine,
python-docx or the OCR and export rooms that only other commands use. The command-line
modules therefore bind the core modules they call with :func:`module`: the name is bound
at once (the code reads ``docs_ops.list_documents(…)`` as before), the module's code runs
the first time an attribute is read. It is the standard library's
:class:`importlib.util.LazyLoader`; a module already imported is returned as it is.
Type checkers see ordinary imports under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType

_GUARD = threading.Lock()


def module(name: str) -> ModuleType:
    """``import name`` whose code runs when one of its attributes is first read.

    The parent packages are imported now (keep their ``__init__`` light)."""
    with _GUARD:
        found = sys.modules.get(name)
        if found is not None:
            return found
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        loader = importlib.util.LazyLoader(spec.loader)
        spec.loader = loader
        lazy = importlib.util.module_from_spec(spec)
        sys.modules[name] = lazy
        loader.exec_module(lazy)
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, lazy)
        return lazy
