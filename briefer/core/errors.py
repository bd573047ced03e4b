"""Errors worded for a person, with a machine-readable reason for the front ends.

Every error a user can act on derives from :class:`BrieferError`. Its message says what
happened and what it means in plain words, and never names a command, a menu or a
button: the command line and the window each phrase the action their own way, keyed by
``reason`` (for example ``"needs_password"``: the CLI says "run `briefer add FILE
--password …`", the window opens a password dialog). ``details`` carries plain data a
front end may show (the nearest match of a quote, the file that failed, …).
"""

from __future__ import annotations

from typing import Any, Optional


class BrieferError(Exception):
    """An error to show to the user: ``str(err)`` is the message, ``reason`` the code."""

    reason: str = "error"

    def __init__(self, message: str, *, reason: Optional[str] = None,
                 details: Optional[dict[str, Any]] = None) -> None:
        super().__init__(message)
        if reason is not None:
            self.reason = reason
        self.details: dict[str, Any] = dict(details or {})

    @property
    def message(self) -> str:
        return str(self)
