"""Stage 5, clips: exact passages with page, offsets and pinpoint locators, and the
catalog tables of clips and briefs (:mod:`.briefdb`).
"""
