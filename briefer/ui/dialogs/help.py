"""The help page: the query language and the keyboard shortcuts.

Why it is built this way: the query language is written for people once, as
``LANGUAGE_HELP`` in :mod:`briefer.core.text.query`, which ``briefer search --help``
shows too, so the help page and the command line cannot disagree. The
shortcuts are read from the window's own actions, so the list is the one the keyboard
really uses.
"""

from __future__ import annotations

import html
from typing import Optional

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

import briefer.core.text.query as query_module


def query_language_text() -> str:
    return query_module.LANGUAGE_HELP.strip()


def shortcuts(window: Optional[QWidget]) -> list[tuple[str, str]]:
    """(keys, what) for every window action that has a shortcut."""
    out = []
    for action in (window.actions() if window is not None else []):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if keys:
            out.append((" / ".join(keys), action.text().replace("&", "").rstrip("…")))
    return out


def help_html(window: Optional[QWidget]) -> str:
    rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(w)}</td></tr>"
                   for k, w in shortcuts(window))
    # the table of the syntax keeps its columns; the notes under it wrap with the page
    syntax, _, notes = query_language_text().partition("\n\n")
    return ("<h2>Searching</h2>"
            "<p>Type words in the search box (Ctrl+F) and press Enter. Every word must "
            "appear on the page; results are grouped by document, with the printed page "
            "number. Enter on a result opens the reader there, with the words highlighted; "
            "F3 and Shift+F3 move between the hits.</p>"
            f"<pre>{html.escape(syntax)}</pre><p>{html.escape(' '.join(notes.split()))}</p>"
            "<h2>Quoting and briefs</h2>"
            "<p>Select a passage in the reader (or a search hit) and press Ctrl+B: it goes "
            "into the current section of the brief with its citation. In the reader, "
            "Alt+Down / Alt+Up select the next or previous sentence, Shift+Right/Left grow "
            "or shrink the selection by a word and Shift+Down/Up by a sentence; on a "
            "scanned page, Alt+drag selects the words inside a rectangle (one column of "
            "two). Double-click a quote "
            "to go back to its page. Ctrl+Z undoes, Ctrl+E exports to Word or Markdown; "
            "quotes that no longer match their source are reported before anything is "
            "written.</p>"
            f"<h2>Keyboard</h2><table cellspacing='6'>{rows}</table>")


class HelpDialog(QDialog):
    """A non-modal window with the help page."""

    def __init__(self, window: Optional[QWidget] = None) -> None:
        super().__init__(window)
        self.setWindowTitle("Briefer Help")
        self.setAccessibleName("Briefer Help")
        self.resize(720, 640)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName("Help text")
        self.browser.setHtml(help_html(window))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
