"""Stage 3, the search index: text analysis, the Whoosh page index (a cache of the
catalog) and the query engine that reads it.
"""
