"""The window's dialogs: metadata editor, password, OCR languages, preferences, about, help.

Each dialog collects what a person types and hands it to the ops layer unchanged; the
checks (dates, types, tags, passwords) happen in the core, and a refusal comes back as a
:class:`briefer.core.errors.BrieferError` the dialog shows beside the field it names.
"""
