"""Stage 2, the catalog: ``library.sqlite``, the source of truth, and its backups.
"""
