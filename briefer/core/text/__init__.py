"""Text room: what Briefer knows about words, below every room that stores or searches them.

* :mod:`.analysis` — words, terms and folding shared by the index, extraction, search and
  highlighting (the index's Whoosh analyzer wraps it in :mod:`briefer.core.index.analysis`).

Pure functions and plain data only: nothing here imports another room of the core.
"""
