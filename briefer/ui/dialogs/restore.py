"""Restore the library's catalog from a backup: choose one, then close, restore, reopen.

Why it is built this way: restoring replaces the catalog, which needs the library closed
everywhere (``ops.maintenance.restore_backup`` takes the writer lock itself and refuses
while anyone writes). So the window only chooses: :class:`RestoreDialog` lists the
backups the core finds (date, size, whether the copy passes its check) and returns the
chosen name; the window then closes its session and :func:`briefer.ui.app.run` restores
and opens the library again (:func:`restore_library`), the same path start-up takes when
the catalog is damaged. Nothing here decides which backup is good: the core checks them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QDialog, QLabel, QMessageBox, QProgressDialog,
                               QTreeWidget, QTreeWidgetItem, QWidget)

from briefer.ui.dialogs.column import lay_out_column


def size_text(size: int) -> str:
    """A file size for people: '48 KB', '3.2 MB'."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class RestoreDialog(QDialog):
    """The backups of one library, newest first; ``chosen()`` is the name to restore."""

    def __init__(self, entries: Sequence[Any], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.entries = list(entries)
        intro = QLabel("Choose the backup to put in place of the library's catalog. "
                       "Documents added and changes made after it are not in it; the "
                       "current catalog is kept beside it, and PDFs added since are moved "
                       "to a folder of their own so you can add them again. Briefer closes "
                       "the library, restores the backup and opens it again.")
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setAccessibleName("Backups")
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(["Made", "Size", "State"])
        first_good: Optional[QTreeWidgetItem] = None
        for entry in self.entries:
            info = entry.info
            state = "good" if entry.ok else f"damaged: {entry.problem}"
            item = QTreeWidgetItem([info.when, size_text(info.size), state])
            item.setData(0, Qt.ItemDataRole.UserRole, info.path.name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not entry.ok:  # a damaged copy cannot be chosen
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            elif first_good is None:
                first_good = item
            self.list.addTopLevelItem(item)
        for column in range(3):
            self.list.resizeColumnToContents(column)
        buttons = lay_out_column(self, (intro, self.list), "Restore")
        self.restore_button = buttons.buttons()[0]
        for button in buttons.buttons():
            if button.text() == "Restore":
                self.restore_button = button
        if first_good is not None:
            self.list.setCurrentItem(first_good)
        self.restore_button.setEnabled(first_good is not None)
        self.list.currentItemChanged.connect(
            lambda item, _old: self.restore_button.setEnabled(
                item is not None and bool(item.flags() & Qt.ItemFlag.ItemIsEnabled)))
        self.list.itemDoubleClicked.connect(lambda _item, _col: self.accept())
        self.setMinimumWidth(560)

    def chosen(self) -> Optional[str]:
        """The chosen backup's file name, or None."""
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return str(item.data(0, Qt.ItemDataRole.UserRole))

    def chosen_when(self) -> str:
        item = self.list.currentItem()
        return item.text(0) if item is not None else ""


def describe_restore(result: Any) -> str:
    """What a restore did, for the message after it."""
    text = (f"The library's catalog was restored from the backup of "
            f"{result.restored_from.when} ({result.documents} document"
            f"{'s' if result.documents != 1 else ''}, {result.briefs} brief"
            f"{'s' if result.briefs != 1 else ''}); the search index was rebuilt.")
    if result.kept_aside:
        text += f"\n\nThe catalog it replaced is kept as {Path(result.kept_aside[0]).name} " \
                f"in {Path(result.kept_aside[0]).parent}."
    if result.recovered:
        folder = Path(result.recovered[0]).parent
        text += (f"\n\n{len(result.recovered)} PDF{'s' if len(result.recovered) != 1 else ''}"
                 f" added after that backup {'were' if len(result.recovered) != 1 else 'was'}"
                 f" moved to {folder}: add {'them' if len(result.recovered) != 1 else 'it'} "
                 "again with File ▸ Add Folder…. Changes made after the backup (details, "
                 "clips, briefs) are not in it.")
    else:
        text += "\n\nChanges made after that backup are not in it."
    return text


def restore_library(library: Optional[Path], name: Optional[str],
                    parent: Optional[QWidget] = None) -> Optional[Any]:
    """Restore ``name`` (None: the newest good backup) of the closed library, with a busy
    dialog; say what happened. Returns the core's result, or None when it failed (the
    core's words are shown; the catalog was not changed)."""
    from briefer.core.errors import BrieferError
    from briefer.core.ops import maintenance

    busy = QProgressDialog("Restoring the backup and rebuilding the search index…", "", 0, 0,
                           parent)
    busy.setWindowTitle("Briefer")
    busy.setCancelButton(None)
    busy.setMinimumDuration(0)
    busy.show()
    QApplication.processEvents()

    def progress(_p: Any) -> None:
        QApplication.processEvents()

    try:
        result = maintenance.restore_backup(library, name, progress=progress)
    except BrieferError as exc:
        busy.close()
        from briefer.ui.context import sentence

        box = QMessageBox(QMessageBox.Icon.Warning, "The backup was not restored",
                          sentence(str(exc)), QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("restore-failed")
        box.exec()
        return None
    busy.close()
    box = QMessageBox(QMessageBox.Icon.Information, "Backup restored", describe_restore(result),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("restore-done")
    box.exec()
    return result
