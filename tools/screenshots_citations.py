"""Screenshots of the citation work of issue 17, light and dark, for docs/screenshots.

Usage (from the checkout)::

    .venv/bin/python tools/screenshots_citations.py      # runs itself under xvfb-run if needed
    .venv/bin/python tools/screenshots_citations.py --out /tmp/shots --scheme dark

What it shows, on a fresh library holding the sample documents and a generated
"Constitution of Exampleland" made of two merged files (an amendment Act printed 1-18, then
the Constitution printed from 1 again, so PDF page 29 prints "CONSTITUTION OF EXAMPLELAND
11" in its running header):

* ``citations-reader-<scheme>.png`` - the reader at that page: "p. 11 (PDF p. 29)";
* ``citations-quote-<scheme>.png`` - the brief panel with a quote from it: the quote's
  source reads "p. 11 (PDF p. 29)" and its locator "Article 10(2)";
* ``citations-uncertain-<scheme>.png`` - a quote from the sample joint statement whose
  numbering is not consistent: no locator stored, the suggestion offered ("Use para 1");
* ``citations-export-<scheme>.png`` and ``citations-export-question-<scheme>.png`` - the
  export dialog and its question before writing quotes without a locator;
* ``citations-export-typed-locator-<scheme>.png`` - the export dialog when the locator
  typed for the first quote ("Art. 10(1)") contradicts the structure at the passage
  (Article 10(2)): listed with both, kept in the footnote;
* ``citations-window-<scheme>.png`` - the whole window at the end;
* ``citations-preferences-<scheme>.png`` - Preferences with the library's setting for
  footnote references and amendment markers in quoted text (shared with ``briefer clip``).

Each colour scheme runs in a fresh process (the palette is chosen at start, as in the app).
Nothing here is a test: it makes pictures a person looks at.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from screenshots import _save, _wait  # noqa: E402  (the README's screenshot helpers)

SIZE = (1440, 900)
SHOWN_PATH = "/home/you/Documents/Untitled-brief.docx"
TITLE = "The Constitution of Exampleland"
QUOTE = "Every person who is arrested and detained in custody shall be produced"
DEMAND = "Withdraw the Rules, and publish any replacement in draft"


def _article(n: int) -> str:
    special = {
        9: "9. Security of person.\u2014No person shall be deprived of life or liberty save "
           "in accordance with law.",
        10: "10. Safeguards as to arrest and detention.\u2014(1) No person who is arrested "
            "shall be detained in custody without being informed, as soon as may be, of the "
            "grounds for such arrest, nor shall he be denied the right to consult and be "
            "defended by a legal practitioner of his choice.\n(2) Every person who is "
            "arrested and detained in custody shall be produced before a magistrate within a "
            "period of twenty-four hours of such arrest, excluding the time necessary for "
            "the journey from the place of arrest to the court of the nearest magistrate.",
    }
    return special.get(n) or (
        f"{n}. Rights of citizens, part {n}.\u2014(1) The State shall secure the matters set "
        f"out in this Article to every citizen in accordance with law.\n(2) Nothing in "
        f"clause (1) shall prevent Parliament from making any law for the purposes of this "
        f"Article.")


def make_constitution(path: Path) -> Path:
    """Two merged files: 18 pages of an amendment Act with its own running numbers, then
    the Constitution printed 1-14 in its header (Articles 1-16 from its printed page 7), so
    PDF page 29 is printed page 11 and holds Articles 9 and 10."""
    from tests import pdfgen

    pages = [f"THE CONSTITUTION (EIGHTEENTH AMENDMENT) ACT {i + 1}\n"
             "The amendment substitutes the words of the original text, as the schedule of "
             "this Act shows, and the notes below record the date on which each change took "
             "effect. Nothing in this part of the volume is itself a provision of the "
             "Constitution." for i in range(18)]
    for n in range(1, 15):
        if n < 7:
            body = ["PREAMBLE" if n == 1 else "PREAMBLE (continued)",
                    "Whereas sovereignty belongs to the people, and the authority exercised "
                    "by the people through their chosen representatives is a sacred trust; "
                    "and whereas the people have resolved to establish an order in which the "
                    "State shall exercise its powers through their chosen representatives."]
        else:
            body = [_article(2 * n - 13), _article(2 * n - 12)]
        pages.append(f"CONSTITUTION OF EXAMPLELAND {n}\n" + "\n".join(body))
    pdfgen.make_text_pdf(path, pages, title=TITLE)
    return path


def _grab_question(app, out: Path, scheme: str, seen: list) -> None:
    """Save the question box the export asks, then answer Go Back (nothing written)."""
    from PySide6.QtWidgets import QMessageBox

    box = app.activeModalWidget()
    if not isinstance(box, QMessageBox):
        return
    seen.append(box.text())
    box.adjustSize()
    app.processEvents()
    _save(box, out / f"citations-export-question-{scheme}.png")
    for button in box.buttons():
        if button.text().replace("&", "") == "Go Back":
            button.click()
            return
    box.reject()


def shoot(scheme: str, out: Path) -> None:
    os.environ["BRIEFER_COLOR_SCHEME"] = scheme
    from PySide6.QtCore import QTimer

    from briefer.core.ops import clips as clips_ops
    from briefer.core.ops.session import Session
    from briefer.ui.app import install_exception_hooks, make_application
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow
    from briefer.ui.settings import Preferences

    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="briefer-citation-shots-"))
    try:
        source = make_constitution(work / "constitution-of-exampleland.pdf")
        session = Session.open(work / "library", samples=True)
        with session.writing() as lib:
            lib.import_paths([source], processes=1)
        docs = session.catalog().documents()
        constitution = next(d for d in docs if d.file_name == source.name)
        statement = next(d for d in docs if d.doc_type == "statement")
        ctx = AppContext(session, settings=Preferences.at(work / "settings.ini"))
        install_exception_hooks(ctx)
        window = MainWindow(ctx)
        window.resize(*SIZE)
        window.show()
        _wait(app, ctx)

        # 1. the reader at PDF page 29, printed 11, with Article 10(2) selected and quoted
        p = clips_ops.find_typed_passage(session, constitution.id, QUOTE, page_index=28)
        window.open_passage(p.doc_id, p.page_index, p.start, p.end)
        _wait(app, ctx, settle=1.0)
        window.reader.select_span(p.page_index, p.start, p.end)
        _wait(app, ctx)
        window.quote_selection()
        _wait(app, ctx, settle=1.0)
        _save(window.reader_dock, out / f"citations-reader-{scheme}.png")
        _save(window.brief_dock, out / f"citations-quote-{scheme}.png")

        # 2. a quote whose locator is uncertain: the suggestion is offered, one click
        d = clips_ops.find_typed_passage(session, statement.id, DEMAND)
        window.open_passage(d.doc_id, d.page_index, d.start, d.end)
        _wait(app, ctx, settle=1.0)
        window.reader.select_span(d.page_index, d.start, d.end)
        _wait(app, ctx)
        window.quote_selection()
        _wait(app, ctx, settle=1.0)
        _save(window.brief_dock, out / f"citations-uncertain-{scheme}.png")

        # 3. the export: the dialog, then its question about quotes without a locator
        window.brief.export_current()
        dlg = window.brief.export_dialog
        _wait(app, ctx, settle=0.5)
        dlg.path.setText(SHOWN_PATH)  # the same picture every run
        _wait(app, ctx)
        _save(dlg, out / f"citations-export-{scheme}.png")
        dlg.path.setText(str(work / "brief.docx"))  # where a mistake would write
        asked: list = []
        QTimer.singleShot(600, lambda: _grab_question(app, out, scheme, asked))
        dlg.export_button.click()  # asks first; the answer is Go Back
        _wait(app, ctx, settle=0.5)
        if not asked:
            raise SystemExit("the export did not ask about quotes without a locator")
        dlg.reject()
        _wait(app, ctx)

        # 4. a locator the user typed that contradicts the structure: listed, kept
        [info] = clips_ops.list_clips(session, constitution.id)
        clips_ops.edit_clip(session, info.clip.id, locator="Art. 10(1)")  # as typed
        window.brief.refresh()
        _wait(app, ctx)
        window.brief.export_current()
        dlg = window.brief.export_dialog
        _wait(app, ctx, settle=0.5)
        dlg.path.setText(SHOWN_PATH)  # never exported: the dialog is closed unanswered
        _wait(app, ctx)
        _save(dlg, out / f"citations-export-typed-locator-{scheme}.png")
        dlg.reject()
        _wait(app, ctx)
        _save(window, out / f"citations-window-{scheme}.png")

        # 5. Preferences: the library's setting for markers in quoted text
        from briefer.ui.dialogs.preferences import PreferencesDialog

        prefs = PreferencesDialog(ctx.settings, window)
        prefs.show()
        _wait(app, ctx)
        _save(prefs, out / f"citations-preferences-{scheme}.png")
        prefs.reject()
        ctx.stop()
        window.close()
        session.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=("light", "dark"), help="one scheme, this process")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.scheme:
        shoot(args.scheme, args.out)
        return 0
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        screen = f"{SIZE[0] + 100}x{SIZE[1] + 100}x24"
        return subprocess.call(["xvfb-run", "-a", "-s", f"-screen 0 {screen}", sys.executable,
                                str(Path(__file__).resolve()), "--out", str(args.out)])
    for scheme in ("light", "dark"):
        code = subprocess.call([sys.executable, str(Path(__file__).resolve()), "--out",
                                str(args.out), "--scheme", scheme])
        if code:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
