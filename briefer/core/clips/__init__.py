"""Stage 5, clips: exact passages with page, offsets and pinpoint locators.
"""
