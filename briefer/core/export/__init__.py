"""Stage 7, export: verify every quote, then write Word, Markdown or the brief file.
"""
