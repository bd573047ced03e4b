"""The About box: what Briefer is, its version, where the library and the log are."""

from __future__ import annotations

import html
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from briefer import __version__


def about_text(ctx: Any) -> str:
    root = html.escape(str(ctx.session.root))
    log = html.escape(str(ctx.log_file)) if ctx.log_file else "—"
    return (f"<h3>Briefer {__version__}</h3>"
            "<p>An offline briefing assistant: a searchable library of PDFs, exact quotes "
            "with pinpoint citations, and briefs exported to Word with real footnotes.</p>"
            "<p>Briefer never connects to the network; your documents stay on this "
            "computer.</p>"
            f"<p>Library: {root}<br>Log file: {log}</p>"
            f"<p>Qt for Python {html.escape(pyside_version)}. Licensed under the GNU GPL "
            "version 3 or later.</p>")


def show_about(parent: QWidget, ctx: Any) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.NoIcon, "About Briefer", about_text(ctx),
                      QMessageBox.StandardButton.Ok, parent)
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setAccessibleName("About Briefer")
    box.open()
    return box
