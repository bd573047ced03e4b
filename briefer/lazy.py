"""Modules loaded on first use, so that a short command starts quickly.

``briefer list`` or ``briefer --help`` must not pay for Whoosh, the search engine,
python-docx or the OCR and export rooms that only other commands use. The command-line
modules therefore bind the core modules they call with :func:`module`: the name is bound
at once (the code reads ``docs_ops.list_documents(…)`` as before) and the module is
imported the first time one of its attributes is read.

The stand-in is a plain object that asks :func:`importlib.import_module` on each attribute
read (a dictionary look-up once the module is loaded), not the standard library's
``LazyLoader``: that one puts a half-made module in ``sys.modules``, which other code then
shares, and on Python 3.11 two threads touching it first at the same time can both run
it. The import system's own locks make this one safe from any thread. Type checkers see
ordinary imports under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import importlib
from typing import Any


class OnFirstUse:
    """Stands for the module ``name``; reading an attribute imports it (once)."""

    __slots__ = ("__name",)

    def __init__(self, name: str) -> None:
        self.__name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self.__name), attr)

    def __repr__(self) -> str:
        return f"<module {self.__name!r}, imported on first use>"


def module(name: str) -> Any:
    """A stand-in for ``import name`` that imports it when an attribute is first read."""
    return OnFirstUse(name)
