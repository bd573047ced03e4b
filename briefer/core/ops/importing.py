"""Getting ready for an import: the PDF workers started before the library is open.

A light module on purpose (it loads only the worker pool): a front end calls
:func:`start_import_workers` first thing, so the workers load Python, pypdf and pdfium
(0.5–0.7 s of CPU each) while it loads the rest of the core, opens the library and the
files are checked; then it passes the pool to :func:`briefer.core.ops.documents.add_files`.
"""

from __future__ import annotations

import os
from typing import Iterable, Optional

from briefer.core.files.workers import DEFAULT_TIMEOUT, ExtractionPool


def start_import_workers(paths: Iterable[str], processes: Optional[int] = None,
                         timeout: float = DEFAULT_TIMEOUT) -> ExtractionPool:
    """A pool for importing ``paths``, its workers starting now (one per file named, all of
    them when a folder is named). Use it as a context manager: it is closed afterwards,
    and workers not yet used are stopped without waiting for them to load."""
    pool = ExtractionPool(processes=processes, timeout=timeout)
    names = list(paths)
    pool.start(None if any(os.path.isdir(p) for p in names) else len(names))
    return pool


__all__ = ["ExtractionPool", "start_import_workers"]
