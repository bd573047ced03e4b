"""The comparison as a Qt table model: one row per aligned pair of provisions.

Columns: provision | earlier text | later text | change. The two text columns carry
their words twice: plain (``DisplayRole``, what copying and a screen reader get, with the
changed words named in ``AccessibleTextRole``) and marked up (``HTML_ROLE``, what the
delegate paints: deleted words struck through, inserted words underlined, each on a tint
of the palette's own base colour, so the marks hold in light and dark palettes and do not
rest on colour alone). "Changed only" filters rows in the model itself, so the row count
the view and the tests see is the filtered one.
"""

from __future__ import annotations

import html
from typing import Any, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPalette

from briefer.core.ops.compare import change_words, side_marks

COLUMNS = ("Provision", "Earlier", "Later", "Change")
PROVISION, EARLIER, LATER, CHANGE = range(4)
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
PAIR_ROLE = Qt.ItemDataRole.UserRole + 2

# The hues of the marks, mixed into the palette's base colour (so a dark base gives a
# dark tint and light text stays readable; a light base a pale tint under dark text).
INSERT_HUE = QColor(46, 160, 67)
DELETE_HUE = QColor(218, 54, 51)
TINT = 0.30

Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
                    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole, HTML_ROLE,
                    PAIR_ROLE})


def tint(palette: QPalette, hue: QColor, amount: float = TINT) -> QColor:
    """``hue`` mixed into the palette's base colour by ``amount`` (0..1)."""
    base = palette.color(QPalette.ColorRole.Base)
    return QColor(round(base.red() + (hue.red() - base.red()) * amount),
                  round(base.green() + (hue.green() - base.green()) * amount),
                  round(base.blue() + (hue.blue() - base.blue()) * amount))


def side_html(runs: list[tuple[str, str]], palette: QPalette) -> str:
    """Marked-up HTML of one side's ``(text, mark)`` runs (see
    :func:`briefer.core.ops.compare.side_marks`)."""
    ins = tint(palette, INSERT_HUE).name()
    dele = tint(palette, DELETE_HUE).name()
    out = []
    for text, mark in runs:
        t = html.escape(text)
        if mark == "insert":
            out.append(f'<span style="background-color:{ins}; text-decoration:underline;">'
                       f"{t}</span>")
        elif mark == "delete":
            out.append(f'<span style="background-color:{dele}; '
                       f'text-decoration:line-through;">{t}</span>')
        else:
            out.append(t)
    return "".join(out)


def side_spoken(runs: list[tuple[str, str]]) -> str:
    """The side's text for a screen reader, the marks in words."""
    out = []
    for text, mark in runs:
        if mark == "insert":
            out.append(f" [inserted: {text.strip()}] ")
        elif mark == "delete":
            out.append(f" [deleted: {text.strip()}] ")
        else:
            out.append(text)
    return " ".join("".join(out).split())


class ComparisonModel(QAbstractTableModel):
    """The pairs of one comparison (none until :meth:`set_comparison`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.comparison: Any = None
        #: how the headers name the two documents (default: their titles)
        self.names: Optional[tuple[str, str]] = None
        self.changed_only = False
        self._rows: list[Any] = []
        self._palette = QPalette()
        self._html: dict[tuple[int, int], str] = {}

    # ------------------------------------------------------------------ data in
    def set_comparison(self, comparison: Any) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self._fill()
        self.endResetModel()

    def set_changed_only(self, on: bool) -> None:
        if on == self.changed_only:
            return
        self.beginResetModel()
        self.changed_only = on
        self._fill()
        self.endResetModel()

    def set_palette(self, palette: QPalette) -> None:
        """Draw the marks for ``palette`` (the desktop switched light/dark)."""
        self._palette = QPalette(palette)
        self._html.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, EARLIER), self.index(len(self._rows) - 1, LATER))

    def _fill(self) -> None:
        c = self.comparison
        self._html.clear()
        if c is None:
            self._rows = []
        else:
            self._rows = list(c.changed() if self.changed_only else c.pairs)

    def pair(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, pair: Any) -> int:
        """The row showing ``pair`` (-1 when it is filtered out)."""
        for n, p in enumerate(self._rows):
            if p is pair:
                return n
        return -1

    # ------------------------------------------------------------------ Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            c = self.comparison
            names = self.names or ((c.earlier_title, c.later_title) if c is not None else None)
            if names is not None and section == EARLIER:
                return f"Earlier: {names[0]}"
            if names is not None and section == LATER:
                return f"Later: {names[1]}"
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None  # (the view asks for a dozen roles per cell: answered at once)
        pair = self.pair(index.row())
        if pair is None:
            return None
        col = index.column()
        if role == PAIR_ROLE:
            return pair
        if col in (EARLIER, LATER):
            side = "earlier" if col == EARLIER else "later"
            part = pair.earlier if col == EARLIER else pair.later
            if role == Qt.ItemDataRole.DisplayRole:
                return part.text if part is not None else "(not in this version)"
            if role == HTML_ROLE:
                key = (index.row(), col)
                if key not in self._html:
                    self._html[key] = (side_html(side_marks(pair, side), self._palette)
                                       if part is not None else
                                       "<i>(not in this version)</i>")
                return self._html[key]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return side_spoken(side_marks(pair, side)) if part is not None else \
                    "not in this version"
            if role == Qt.ItemDataRole.ToolTipRole and part is not None:
                return f"{part.citation}, p. {part.page_label} — double-click to open the page"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == PROVISION:
                part = pair.later if pair.later is not None else pair.earlier
                name = part.citation if part is not None else ""
                return f"{name}\n{part.heading}" if part is not None and part.heading else name
            words = change_words(pair)
            if pair.change == "reworded":
                words += f"\n{round(pair.similarity * 100)}% of the words kept"
            return words
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

