"""Stage 4, search: running a query (its language and tree are in :mod:`briefer.core.text`),
facets, snippets, provisions, find in document, history.
"""
