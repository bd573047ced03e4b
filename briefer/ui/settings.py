"""The window's preferences: declared once, with defaults, types and a version.

Why it is built this way: every preference is one :class:`Option` in :data:`OPTIONS`, so
the preferences dialog, the readers of a value and the defaults cannot drift apart
(Picard's ``options.py`` does the same). Values live in ``QSettings`` (an INI file under
the user's config folder, or any file a test passes), typed on the way out: QSettings
hands back strings for an INI file, so ``get`` converts to the declared type and falls
back to the default on junk rather than crashing the window. ``SCHEMA_VERSION`` is
stored; :data:`MIGRATIONS` upgrades older files step by step (qutebrowser's and Picard's
config upgrades); each option says in which version it came (``since``). Where the user
left off (the open document, its page and zoom, the last search, the brief shown — the
``place/*`` options, version 2) is kept here too, not shown in the preferences dialog
(``internal``), and only for the library it was left in. The window's geometry and dock
layout are stored beside the preferences but are not preferences: they are bytes only Qt
understands.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

SCHEMA_VERSION = 2
ORGANISATION = "Briefer"
APPLICATION = "Briefer"


@dataclass(frozen=True)
class Option:
    """One preference: its key in the settings file, its type, default and meaning."""

    key: str
    type: type
    default: Any
    label: str
    choices: tuple[str, ...] = ()
    since: int = 1  # the settings version that brought it
    internal: bool = False  # kept by the window itself, not offered in Preferences


OPTIONS: dict[str, Option] = {o.key: o for o in (
    Option("ocr/languages", str, "auto",
           "Languages of scanned pages (Tesseract codes joined by '+', e.g. eng+urd; "
           "auto: each page's script decides)"),
    Option("ocr/after_import", bool, True, "Read scanned pages with OCR after an import"),
    Option("export/template", str, "",
           "Word template for exports (empty: the built-in policy-brief template)"),
    Option("export/citation_style", str, "footnote", "Citation style of new briefs",
           ("footnote", "inline")),
    Option("reader/hit_colour", str, "#f5c400", "Colour of search hits in the reader"),
    Option("reader/clip_colour", str, "#3fa7ff", "Colour of clipped passages in the reader"),
    Option("search/page_size", int, 20, "Results per page of a search"),
    Option("ui/show_what_to_try", bool, True, "Show the 'What to try' card in Search"),
    # where the user left off, restored at the next start (see MainWindow.restore_place)
    Option("place/library", str, "", "The library the place below belongs to",
           since=2, internal=True),
    Option("place/document", int, 0, "The document open in the reader (0: none)",
           since=2, internal=True),
    Option("place/page", int, 0, "Its page (from 0)", since=2, internal=True),
    Option("place/zoom", str, "fit", "Its zoom: 'fit' (fit width) or a factor such as 1.5",
           since=2, internal=True),
    Option("place/query", str, "", "The last search", since=2, internal=True),
    Option("place/filters", str, "", "Its filters (JSON)", since=2, internal=True),
    Option("place/brief", int, 0, "The brief shown (0: the latest)", since=2, internal=True),
)}


def _upgrade_0_to_1(s: QSettings) -> None:
    """Version 0 is a file written before versioning: nothing to rename yet."""


def _upgrade_1_to_2(s: QSettings) -> None:
    """Version 2 adds the ``place/*`` options; they read as their defaults until set."""


MIGRATIONS: dict[int, Callable[[QSettings], None]] = {0: _upgrade_0_to_1, 1: _upgrade_1_to_2}


def _convert(option: Option, raw: Any) -> Any:
    if raw is None:
        return option.default
    try:
        if option.type is bool:
            if isinstance(raw, str):
                low = raw.strip().lower()
                if low in ("true", "1", "yes", "on"):
                    return True
                if low in ("false", "0", "no", "off"):
                    return False
                return option.default
            return bool(raw)
        value = option.type(raw)
    except (TypeError, ValueError):
        return option.default
    if option.choices and value not in option.choices:
        return option.default
    return value


class Preferences(QObject):
    """Typed access to :data:`OPTIONS` over a ``QSettings``; ``changed(key)`` on a set."""

    changed = Signal(str)

    def __init__(self, settings: Optional[QSettings] = None,
                 parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.qsettings = settings if settings is not None else QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
        self._upgrade()

    @classmethod
    def at(cls, path: Path, parent: Optional[QObject] = None) -> "Preferences":
        """Preferences kept in the INI file ``path`` (tests, a portable install)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat), parent)

    def _upgrade(self) -> None:
        version = _convert(Option("settings/version", int, 0, ""),
                           self.qsettings.value("settings/version"))
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](self.qsettings)
            version += 1
        self.qsettings.setValue("settings/version", SCHEMA_VERSION)

    def get(self, key: str) -> Any:
        """The value of option ``key``, of its declared type (the default if unset/bad)."""
        option = OPTIONS[key]
        return _convert(option, self.qsettings.value(key))

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` for option ``key`` (converted to its type); emits ``changed``."""
        option = OPTIONS[key]
        value = _convert(option, value)
        if value == self.get(key):
            return
        self.qsettings.setValue(key, value)
        self.changed.emit(key)

    def reset(self, key: str) -> None:
        """Forget the stored value of ``key``; it reads as its default again."""
        old = self.get(key)
        self.qsettings.remove(key)
        if self.get(key) != old:
            self.changed.emit(key)

    # Window layout: opaque bytes from Qt, kept apart from the preferences.
    def window_state(self, name: str) -> Optional[QByteArray]:
        raw = self.qsettings.value(f"window/{name}")
        return raw if isinstance(raw, QByteArray) and not raw.isEmpty() else None

    def set_window_state(self, name: str, data: QByteArray) -> None:
        self.qsettings.setValue(f"window/{name}", data)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self.qsettings.sync()
