"""Stage 3, the search index: the seam every search engine implements (``backend.py``)
with what all engines share (``reading.py``, ``sync.py``, ``memo.py``); the Whoosh page
index (a cache of the catalog), its analyzer over :mod:`briefer.core.text.analysis` and
the query engine that reads it; and the in-memory engine (``memory.py``).
"""
