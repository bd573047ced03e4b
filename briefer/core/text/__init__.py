"""Text room: what Briefer knows about words and queries, below every room that stores,
searches or quotes them.

* :mod:`.analysis` — words, terms and folding shared by the index, extraction, search and
  highlighting (the index's Whoosh analyzer wraps it in :mod:`briefer.core.index.analysis`);
* :mod:`.query` — the query language and its engine-independent tree, which the index
  translates and the search room plans with;
* :mod:`.textmap` — folded text with a map back to raw offsets, for find-in-document and
  clipping.

Pure functions and plain data only: nothing here imports another room of the core.
"""
