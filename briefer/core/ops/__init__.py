"""The operations layer: one typed function per user action, for every front end.

The command line (``briefer/cli*``) and the desktop window (``briefer/ui``) only parse,
present and phrase; every rule — validation, defaults, multi-step edits, what a status
means — lives here or below. Each function takes an open :class:`Session` (a library
usable from several threads), returns plain data, and raises
:class:`briefer.core.errors.BrieferError` subclasses worded for a person, with a
``reason`` code where a front end should offer an action.
"""
