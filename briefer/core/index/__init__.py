"""Stage 3, the search index: the Whoosh page index (a cache of the catalog), its analyzer
over :mod:`briefer.core.text.analysis`, and the query engine that reads it.
"""
