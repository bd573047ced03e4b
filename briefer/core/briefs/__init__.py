"""Stage 6, briefs: sections, commentary and quotes, citations, the portable brief file.
"""
