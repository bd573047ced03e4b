"""Export a brief: format, file, template — and the verification report before anything is
written.

Why it is built this way:

* The dialog checks every quote (``ops.export.verify_brief``, a read task) as soon as it
  opens, and shows the report above the Export button: which quote no longer matches, why,
  and where the passage is now, each with "Go to quote". When there are problems the
  button says "Export Anyway", so writing a brief with a changed quote is a decision, not
  an accident.
* A citation that disagrees with the document is reported the same way: a page cited by
  another number than the page prints, a detected locator the structure no longer gives,
  and a locator the user typed that contradicts the structure at the passage (kept in the
  footnote: the row says what the structure gives).
* The export itself is a write task (``ops.export.export_brief``) and the core checks
  again; if a quote changed between the check and the export, the core refuses
  (``QuotesDoNotMatch``) and the dialog shows the fresh report instead of writing.
* Quotes that would be cited without a locator although their document is numbered
  (``ops.clips.quotes_without_locator``, read with the check) are named under the report,
  and Export asks first: "3 quotes have no locator: … Export Anyway / Go Back" (Go Back
  the default). A missing locator is a question, not a silence — but not a fault: the
  export writes them when the user says so, cited by page.
* The file is written whole or not at all by the core (temporary file, then rename).
* An existing file is never replaced silently, whatever the path (the default name, a
  typed one): the core refuses (reason ``file_exists``) and the dialog asks "Replace" /
  "Cancel" (Cancel the default), then exports again with ``overwrite``. A file chosen with
  Browse… was confirmed by the file dialog already and is not asked about again.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

FORMATS = (("docx", "Word document (.docx)"), ("md", "Markdown (.md)"))


def _buddy(text: str, field: QWidget, parent: QWidget) -> QLabel:
    """A form label whose mnemonic focuses ``field`` (rows holding a layout get none)."""
    label = QLabel(text, parent)
    label.setBuddy(field)
    return label


def default_folder() -> Path:
    """Where exports go first: the user's Documents folder, else home."""
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()


def safe_file_name(title: str) -> str:
    keep = "".join(c if c.isalnum() or c in " -_" else " " for c in title)
    return "-".join(keep.split())[:80] or "brief"


class ExportDialog(QDialog):
    """See the module docstring. ``goToQuote(item_id)`` asks the panel to open a quote's
    passage; ``exported(path)`` says a file was written."""

    goToQuote = Signal(int)
    exported = Signal(str)

    def __init__(self, ctx: Any, brief_id: int, title: str, parent: Optional[QWidget] = None,
                 folder: Optional[Path] = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.brief_id = brief_id
        self.report: Any = None
        self.result: Any = None
        self.unlocated: list[Any] = []  # quotes without a locator (ops.clips)
        self._unlocated_ok = False  # the user said "Export Anyway" to them
        self._checking = False
        self._replace_ok: Optional[Path] = None  # a file the user agreed to replace
        self.setWindowTitle(f"Export “{title}”")
        self.setAccessibleName("Export brief")
        self.resize(680, 240)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.format = QComboBox(self)
        self.format.setAccessibleName("Format")
        for key, label in FORMATS:
            self.format.addItem(label, key)
        form.addRow("&Format:", self.format)
        row = QHBoxLayout()
        base = folder or default_folder()
        self.path = QLineEdit(str(base / f"{safe_file_name(title)}.docx"), self)
        self.path.setAccessibleName("File to write")
        browse = QPushButton("&Browse…", self)
        browse.setAccessibleName("Choose the file to write")
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(_buddy("F&ile:", self.path, self), row)
        trow = QHBoxLayout()
        self.template = QComboBox(self)
        self.template.setAccessibleName("Word template")
        self.template.addItem("Briefer's policy-brief template", "")
        preferred = self._preferred_template()
        if preferred:
            self.template.addItem(Path(preferred).name, preferred)
            self.template.setCurrentIndex(1)
        self.template_browse = QPushButton("&Other…", self)
        self.template_browse.setAccessibleName("Choose another Word template")
        trow.addWidget(self.template, 1)
        trow.addWidget(self.template_browse)
        form.addRow(_buddy("&Template:", self.template, self), trow)
        lay.addLayout(form)

        self.summary = QLabel("Checking every quote against its source…", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Verification summary")
        lay.addWidget(self.summary)
        self.problems = QTreeWidget(self)
        self.problems.setAccessibleName("Quotes that no longer match")
        self.problems.setHeaderLabels(["Quote", "Why", "Where it is now"])
        self.problems.setRootIsDecorated(False)
        self.problems.setWordWrap(True)
        self.problems.setColumnWidth(0, 220)
        self.problems.setColumnWidth(1, 200)
        self.problems.hide()
        lay.addWidget(self.problems, 1)
        self.detail = QLabel(self)  # the whole of the current problem (rows are elided)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAccessibleName("The selected problem in full")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        lay.addWidget(self.detail)
        prow = QHBoxLayout()
        self.go = QPushButton("&Go to Quote", self)
        self.go.setAccessibleName("Open the selected quote's passage in the reader")
        self.go.setEnabled(False)
        self.go.hide()
        prow.addWidget(self.go)
        prow.addStretch(1)
        lay.addLayout(prow)
        lay.addStretch(0)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        lay.addWidget(self.buttons)

        browse.clicked.connect(self._browse)
        self.template_browse.clicked.connect(self._browse_template)
        self.format.currentIndexChanged.connect(self._on_format)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.export)
        self.problems.currentItemChanged.connect(self._on_current_problem)
        self.problems.itemDoubleClicked.connect(lambda _i, _c: self._go())
        self.go.clicked.connect(self._go)

    def _preferred_template(self) -> str:
        settings = getattr(self.ctx, "settings", None)
        try:
            value = str(settings.get("export/template") or "") if settings else ""
        except Exception:  # an older settings file without the key
            value = ""
        return value if value and Path(value).is_file() else ""

    # ------------------------------------------------------------------ verification
    def check(self) -> None:
        """Check the quotes (a read task); the report shows when it is done."""
        from briefer.core.ops import export as ops_export

        self._checking = True
        self.export_button.setEnabled(False)

        from briefer.core.ops import clips as ops_clips

        def run(session: Any, brief_id: int) -> Any:
            return (ops_export.verify_brief(session, brief_id),
                    ops_clips.quotes_without_locator(session, brief_id))

        self.ctx.tasks.submit(run, self.ctx.session, self.brief_id, title="Checking quotes",
                              kind="read", cancellable=False, on_result=self._on_checked,
                              on_error=self._on_check_failed)

    def _on_checked(self, result: Any) -> None:
        report, self.unlocated = result
        self.show_report(report)

    def _on_check_failed(self, exc: BaseException) -> None:
        self._checking = False
        self.summary.setText("The quotes could not be checked; see the message.")
        self.ctx.report_error(exc)

    def show_report(self, report: Any) -> None:
        self._checking = False
        self.report = report
        self.problems.clear()
        if report.ok:
            n = report.checked
            self.summary.setText(f"✓ All {n} quote{'s' if n != 1 else ''} match their sources."
                                 if n else "This brief has no quotes yet; it exports its "
                                 "commentary only.")
            self.problems.hide()
            self.go.hide()
            self.detail.hide()
            self.export_button.setText("&Export")
        else:
            n = len(report.problems)
            kinds = {p.kind for p in report.problems}
            what = (f"{n} of {report.checked} quotes are cited otherwise than their documents "
                    "say" if report.citations_only else
                    f"{n} of {report.checked} quotes no longer match their sources")
            kept = (" Your own locators are kept in the footnotes." if "locator_typed" in kinds
                    else "")
            self.summary.setText(
                f"<b>{what}.</b> "
                "Nothing has been written. Go to a quote to check it, or export anyway "
                f"(the quotes are written as they are in the brief).{kept}")
            self.summary.setTextFormat(Qt.TextFormat.RichText)
            for p in report.problems:
                where = ", ".join(x for x in (p.locator, f"p. {p.page}" if p.page else "") if x)
                quote = f"“{p.excerpt}”" + (f" ({where})" if where else "")
                item = QTreeWidgetItem([quote, p.message, p.suggestion or "—"])
                item.setData(0, Qt.ItemDataRole.UserRole, p.item_id)
                item.setData(1, Qt.ItemDataRole.UserRole,
                             f"<b>{html.escape(quote)}</b> in “{html.escape(p.section)}”:<br>"
                             f"{html.escape(p.message)}"
                             + (f"<br><i>{html.escape(p.suggestion)}</i>" if p.suggestion
                                else ""))
                for col in range(3):
                    item.setToolTip(col, f"In “{p.section}”: {quote}\n{p.message}\n"
                                    f"{p.suggestion}")
                self.problems.addTopLevelItem(item)
            self.problems.show()
            self.go.show()
            self.detail.show()
            if self.height() < 420:
                self.resize(max(self.width(), 760), 460)
            self.problems.setCurrentItem(self.problems.topLevelItem(0))
            self.export_button.setText("Export &Anyway")
        if self.unlocated:
            from briefer.core.export.unlocated import sentence

            base = self.summary.text() if report.problems else html.escape(
                self.summary.text())
            self.summary.setTextFormat(Qt.TextFormat.RichText)
            self.summary.setText(base + "<br>" + html.escape(
                f"{sentence(self.unlocated)}; you are asked before writing."))
        self.export_button.setEnabled(True)

    def _on_current_problem(self, item: Optional[QTreeWidgetItem], _prev: Any = None) -> None:
        self.go.setEnabled(item is not None)
        self.detail.setText(item.data(1, Qt.ItemDataRole.UserRole) if item is not None else "")

    def _go(self) -> None:
        item = self.problems.currentItem()
        if item is not None:
            self.goToQuote.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))

    # ------------------------------------------------------------------ export
    def target(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def export(self) -> None:
        """Write the file (a read task: it runs beside an import); with problems shown, this
        is "Export Anyway"."""
        from briefer.core.ops import export as ops_export

        if self.report is None or self._checking:
            return
        path = self.target()
        if not path.name:
            self.summary.setText("Choose a file to write.")
            return
        if self.unlocated and not self._unlocated_ok:
            if not self.ask_unlocated(self.unlocated):
                self.summary.setText("Nothing was written. Give the quotes without a locator "
                                     "one (each shows Briefer's suggestion in the brief "
                                     "editor), or export anyway.")
                return
            self._unlocated_ok = True
        force = not self.report.ok
        template = self.template.currentData() or None
        fmt = self.format.currentData()
        overwrite = self._replace_ok is not None and self._replace_ok == path
        self.export_button.setEnabled(False)

        # A read task: the export reads the catalog and writes only its file, so it runs
        # beside an import rather than queued behind it.
        self.ctx.tasks.submit(ops_export.export_brief, self.ctx.session, self.brief_id,
                              path, template=template, force=force, overwrite=overwrite,
                              fmt=fmt, title=f"Exporting {path.name}", kind="read",
                              on_result=self._on_exported, on_error=self._on_export_failed)

    def _on_exported(self, result: Any) -> None:
        self.result = result
        self.ctx.show_status(f"Exported the brief to {result.path}.")
        self.exported.emit(str(result.path))
        self.accept()

    def _on_export_failed(self, exc: BaseException) -> None:
        report = getattr(exc, "report", None)
        if report is not None:  # a quote changed since the check: show the fresh report
            self.show_report(report)
            return
        self.export_button.setEnabled(True)
        if getattr(exc, "reason", "") == "file_exists":
            path = Path(getattr(exc, "details", {}).get("path") or self.target())
            if self.ask_replace(path):
                self._replace_ok = path
                self.export()
            else:
                self.summary.setText(f"Nothing was written: {path.name} already exists. "
                                     "Choose another file name, or export again and "
                                     "replace it.")
            return
        self.ctx.report_error(exc)

    def ask_unlocated(self, unlocated: list[Any]) -> bool:
        """Ask whether to write quotes that have no locator ("Go Back" is the default)."""
        from briefer.core.export.unlocated import summary

        box = QMessageBox(QMessageBox.Icon.Question, "Quotes without a locator",
                          f"{summary(unlocated)}:", parent=self)
        lines = [f"• {u.line()}" for u in unlocated[:8]]
        if len(unlocated) > 8:
            lines.append(f"… and {len(unlocated) - 8} more")
        box.setInformativeText("\n".join(lines) + "\n\nTheir documents are numbered, but "
                               "these quotes would be cited by page only. Go back to give "
                               "each a locator (the brief editor offers the suggestion: "
                               "one click), or export anyway.")
        box.setAccessibleName("Quotes without a locator")
        anyway = box.addButton("Export &Anyway", QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton("&Go Back", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        return box.clickedButton() is anyway

    def ask_replace(self, path: Path) -> bool:
        """Ask whether to replace the existing file ``path`` (Cancel is the default)."""
        from briefer.ui.dialogs.ask import ask_destructive

        return ask_destructive(self, "Replace file?",
                               f"“{path.name}” already exists in {path.parent}.",
                               "Replacing it overwrites what it holds now, including any "
                               "changes made to it since it was exported.", "&Replace")

    # ------------------------------------------------------------------ choosing files
    def _on_format(self) -> None:
        suffix = "." + str(self.format.currentData())
        path = self.target()
        if path.suffix.lower() in (".docx", ".md"):
            self.path.setText(str(path.with_suffix(suffix)))
        is_docx = suffix == ".docx"
        self.template.setEnabled(is_docx)
        self.template_browse.setEnabled(is_docx)

    def _browse(self) -> None:
        key = str(self.format.currentData())
        name, _f = QFileDialog.getSaveFileName(
            self, "Export brief", str(self.target()),
            "Word document (*.docx)" if key == "docx" else "Markdown (*.md)")
        if name:
            self.path.setText(name)
            chosen = Path(name).expanduser()
            # the file dialog asked about replacing an existing file already
            self._replace_ok = chosen if chosen.exists() else None

    def _browse_template(self) -> None:
        name, _f = QFileDialog.getOpenFileName(self, "Word template", str(Path.home()),
                                               "Word documents and templates (*.docx *.dotx)")
        if name:
            self.template.addItem(Path(name).name, name)
            self.template.setCurrentIndex(self.template.count() - 1)
