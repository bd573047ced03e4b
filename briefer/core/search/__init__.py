"""Stage 4, search: the query language, running a query, find in document, history.
"""
