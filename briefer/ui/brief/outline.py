"""The brief's outline as a Qt item model: sections at the top level, their items below.

Why it is built this way:

* The model shows one :class:`briefer.core.briefs.model.Brief` (plain data from the ops
  layer) and never edits it: a drop or a keyboard move asks the panel to run an ops edit
  (``move_item`` / ``move_section``), which returns the core command for the undo stack,
  and the panel then gives the model the brief as it now is. So a drag, Alt+Up and "Move
  to section ▸" are one code path, and a failed edit changes nothing on screen.
* Items are addressed by ``(kind, id)`` in the drag data, never by row, so a drop stays
  right whatever the view did in between.
* A move's position follows the core's rule (``store.insert_at``): the index in the list
  *without* the moved item; a drop row counts the list *with* it, hence ``_target_row``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Optional

from PySide6.QtCore import (QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex,
                            Qt)
from PySide6.QtGui import QFont

from briefer.core.briefs.markup import plain_commentary
from briefer.ui.rowdiff import common_ends

MIME = "application/x-briefer-outline"
ModelIndex = QModelIndex | QPersistentModelIndex

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # 'section' | 'quote' | 'text'
ID_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Move:
    """A move the outline asks for: an item to a section at a position, or a section."""

    kind: str  # 'item' | 'section'
    node_id: int
    section_id: Optional[int]
    position: Optional[int]


def _one_line(text: str, n: int = 160) -> str:
    text = " ".join(text.replace("\u00ad", "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class BriefOutlineModel(QAbstractItemModel):
    """Sections and items of one brief; see the module docstring."""

    def __init__(self, mover: Callable[[Move], bool], parent: Any = None) -> None:
        super().__init__(parent)
        self._mover = mover
        self.brief: Any = None
        self.clips: dict[int, Any] = {}

    # ------------------------------------------------------------------ data
    def set_brief(self, brief: Any, clips: dict[int, Any]) -> bool:
        """Show ``brief`` (None: nothing) with the clips its quotes use. Returns True when
        the model was reset: another brief, or its sections differ in number or order.
        Otherwise the items that went or came are removed and inserted where they are and
        the rows whose item or clip changed are updated, so the view keeps its layout,
        scroll position and expanded sections (see :meth:`_update_in_place`)."""
        old = self.brief
        if (old is None or brief is None or old.id != brief.id
                or [s.id for s in old.sections] != [s.id for s in brief.sections]):
            self.beginResetModel()
            self.brief = brief
            self.clips = dict(clips)
            self.endResetModel()
            return True
        self._update_in_place(old, brief, dict(clips))
        return False

    def _update_in_place(self, old: Any, brief: Any, clips: dict[int, Any]) -> None:
        """Same sections in the same order: per section, the run of items between the
        common start and the common end is removed and the new run inserted (the rows of
        one edit: an added, removed or moved item), then changed rows are updated."""
        before = {it.id: it for s in old.sections for it in s.items}
        old_clips = self.clips
        # The model keeps showing ``old`` while rows go and come: its item lists are
        # edited in step with the begin/end calls (``old`` is the model's own copy).
        for srow, (have, want) in enumerate(zip(old.sections, brief.sections)):
            old_ids = [it.id for it in have.items]
            new_ids = [it.id for it in want.items]
            if old_ids == new_ids:
                continue
            head, tail = common_ends(old_ids, new_ids)
            parent = self.index(srow, 0)
            gone = len(old_ids) - head - tail
            if gone:
                self.beginRemoveRows(parent, head, head + gone - 1)
                del have.items[head:head + gone]
                self.endRemoveRows()
            came = want.items[head:len(new_ids) - tail]
            if came:
                self.beginInsertRows(parent, head, head + len(came) - 1)
                have.items[head:head] = list(came)
                self.endInsertRows()
        self.brief = brief
        self.clips = clips
        for srow, (have, want) in enumerate(zip(old.sections, brief.sections)):
            if have.heading != want.heading:
                index = self.index(srow, 0)
                self.dataChanged.emit(index, index)
            parent = self.index(srow, 0)
            for irow, item in enumerate(want.items):
                was = before.get(item.id)
                if was is not None and was == item and (
                        item.kind != "quote" or old_clips.get(item.clip_id) == clips.get(
                            item.clip_id)):
                    continue
                index = self.index(irow, 0, parent)
                self.dataChanged.emit(index, index)

    def _sections(self) -> list[Any]:
        return list(self.brief.sections) if self.brief is not None else []

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        sections = self._sections()
        if not parent.isValid():
            return self.createIndex(row, 0, 0) if row < len(sections) else QModelIndex()
        if self._section_row_of(parent) is None and parent.row() < len(sections):
            if row < len(sections[parent.row()].items):
                return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        sid = self._section_row_of(child)
        if sid is None:
            return QModelIndex()
        return self.createIndex(sid, 0, 0)

    def _section_row_of(self, index: ModelIndex) -> Optional[int]:
        """The section row of an item index (None for a section index). Internal ids: 0
        for a section, 1 + its section's row for an item."""
        internal = int(index.internalId())
        return None if internal == 0 else internal - 1

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._sections())
        if self._section_row_of(parent) is None:
            return len(self._sections()[parent.row()].items)
        return 0

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 1

    def node(self, index: ModelIndex) -> tuple[str, Any, Any]:
        """``(kind, section, item)`` of an index: kind 'section', 'quote' or 'text'."""
        srow = self._section_row_of(index)
        if srow is None:
            section = self._sections()[index.row()]
            return "section", section, None
        section = self._sections()[srow]
        item = section.items[index.row()]
        return item.kind, section, item

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, section, item = self.node(index)
        if role == KIND_ROLE:
            return kind
        if role == ID_ROLE:
            return section.id if kind == "section" else item.id
        if kind == "section":
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return section.heading
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ToolTipRole:
                n = len(section.items)
                return f"Section “{section.heading}” — {n} item{'s' if n != 1 else ''}"
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"Section {section.heading}"
            return None
        if kind == "quote":
            clip = self.clips.get(item.clip_id)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                if clip is None:
                    return "“(the clip of this quote is missing)”"
                cite = f"p. {clip.page_label or clip.page_index + 1}"
                if clip.locator:
                    cite = f"{clip.locator}, {cite}"
                quote = f"“{_one_line(clip.display_text or clip.text, 110)}”"
                if item.lead_in.strip():
                    quote = f"{item.lead_in.strip()} {quote}"
                return f"{cite} · {quote}"  # the citation first: it survives eliding
            if role == Qt.ItemDataRole.ToolTipRole and clip is not None:
                return (f"{clip.doc_title}, p. {clip.page_label or clip.page_index + 1}\n"
                        f"{_one_line(clip.display_text or clip.text, 600)}\n\n"
                        "Double-click to open the passage in the reader.")
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _one_line(plain_commentary(item.body)) or "(empty commentary)"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        kind, _s, _i = self.node(index)
        if kind == "section":
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled

    def find(self, kind: str, node_id: int) -> QModelIndex:
        """The index of section ``node_id`` (kind 'section') or item ``node_id``."""
        for srow, section in enumerate(self._sections()):
            if kind == "section" and section.id == node_id:
                return self.index(srow, 0)
            if kind != "section":
                for irow, item in enumerate(section.items):
                    if item.id == node_id:
                        return self.index(irow, 0, self.index(srow, 0))
        return QModelIndex()

    # ------------------------------------------------------------------ drag and drop
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        nodes = []
        for index in indexes:
            if index.isValid():
                kind, section, item = self.node(index)
                nodes.append(["section", section.id] if kind == "section" else ["item", item.id])
        mime = QMimeData()
        mime.setData(MIME, json.dumps(nodes).encode())
        return mime

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: ModelIndex) -> bool:
        return self._plan(data, row, parent) is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: ModelIndex) -> bool:
        """Ask the panel to run the move (it reloads the brief from the catalog). The view
        then asks to remove the dragged rows; :meth:`removeRows` is not implemented, so
        nothing else changes."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        move = self._plan(data, row, parent)
        if move is None:
            return False
        return self._mover(move)

    def _plan(self, data: QMimeData, row: int, parent: ModelIndex) -> Optional[Move]:
        if self.brief is None or not data.hasFormat(MIME):
            return None
        try:
            nodes = json.loads(bytes(data.data(MIME)).decode())
        except ValueError:
            return None
        if len(nodes) != 1:
            return None  # one node at a time (a selection of one)
        kind, node_id = nodes[0][0], int(nodes[0][1])
        sections = self._sections()
        if kind == "section":
            if parent.isValid():  # dropped on or into a section: place it before that one
                srow = self._section_row_of(parent)
                row = parent.row() if srow is None else srow
            old = next((i for i, s in enumerate(sections) if s.id == node_id), None)
            if old is None:
                return None
            return Move("section", node_id, None, _target_row(old, row, len(sections)))
        # an item: onto a section (its end, or row), or between items of a section
        if not parent.isValid():
            if row < 0 or not sections:
                return None
            # between sections: the one above
            target = sections[max(0, min(row, len(sections)) - 1)]
            row = -1
        elif self._section_row_of(parent) is None:
            target = sections[parent.row()]
        else:
            return None  # onto an item: Qt gives that item as parent only with row -1
        old = next((i for i, it in enumerate(target.items) if it.id == node_id), None)
        if row < 0:  # onto the section itself: to its end
            return Move("item", node_id, target.id, None)
        if old is None:
            return Move("item", node_id, target.id, row)
        return Move("item", node_id, target.id, _target_row(old, row, len(target.items)))


def _target_row(old: int, row: int, count: int) -> Optional[int]:
    """A drop row (counting the moved node in its old place; -1: the end) as the core's
    position (counting without it; None: the end)."""
    if row < 0 or row >= count:
        return None
    return row - 1 if old < row else row
