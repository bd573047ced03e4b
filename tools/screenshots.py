"""Screenshots of the window on the sample library, light and dark, for the README.

Usage (from the checkout)::

    .venv/bin/python tools/screenshots.py            # runs itself under xvfb-run if needed
    .venv/bin/python tools/screenshots.py --out docs/screenshots

Each colour scheme runs in a fresh process (the palette and icon colours are chosen at
start, as in the app) on a fresh copy of the sample library with its own preferences, so
the pictures show what a new user sees after three steps: a search, a hit opened in the
reader, a sentence quoted into the brief. Images are saved as 8-bit PNGs to stay small.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _wait(app, ctx, seconds: float = 30.0, settle: float = 0.3) -> None:
    """Turn the event loop until no task runs (then a little longer for painting)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and ctx.tasks.active:
        app.processEvents()
        time.sleep(0.01)
    settle_end = time.monotonic() + settle
    while time.monotonic() < settle_end:
        app.processEvents()
        time.sleep(0.01)


def _save(widget, path: Path) -> None:
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(
        QImage.Format.Format_Indexed8)
    image.save(str(path), "PNG")
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
          f"{path.stat().st_size // 1024} KB")


def shoot(scheme: str, out: Path) -> None:
    """Run the window once in ``scheme`` and save its screenshots into ``out``."""
    os.environ["BRIEFER_COLOR_SCHEME"] = scheme
    import re

    from briefer.core.ops import documents as docs_ops
    from briefer.core.ops.session import Session
    from briefer.ui.app import install_exception_hooks, make_application
    from briefer.ui.context import AppContext
    from briefer.ui.mainwindow import MainWindow
    from briefer.ui.settings import Preferences

    app = make_application()
    work = Path(tempfile.mkdtemp(prefix="briefer-shots-"))
    try:
        session = Session.open(work / "library", samples=True)
        ctx = AppContext(session, settings=Preferences.at(work / "settings.ini"))
        install_exception_hooks(ctx)
        window = MainWindow(ctx)
        window.resize(1440, 900)
        window.show()
        _wait(app, ctx)
        # The empty states first: nothing searched, nothing open.
        _save(window, out / f"start-{scheme}.png")
        window.library_dock.raise_()
        window.library.select_ids([docs_ops.list_documents(session)[0].id])
        _wait(app, ctx)
        _save(window.library_dock, out / f"library-{scheme}.png")
        # A search, the first hit in the reader, a sentence quoted into the brief.
        window.search_dock.raise_()
        window.search.search("national coordinator")
        _wait(app, ctx)
        hit = window.search.current_hit()
        if hit is not None:
            window.open_hit(hit)
            _wait(app, ctx, settle=1.0)
            detail = docs_ops.document_detail(session, hit.doc_id)
            page = next(p for p in detail.pages if p.index == hit.page_index)
            m = re.search(r"[^.]*National Coordinator[^.]*\.", page.text)
            if m is not None:
                window.reader.select_span(hit.page_index, m.start(), m.end())
                _wait(app, ctx)
                window.quote_selection()
                _wait(app, ctx, settle=1.0)
        _save(window, out / f"window-{scheme}.png")
        _save(window.search_dock, out / f"search-{scheme}.png")
        _save(window.reader_dock, out / f"reader-{scheme}.png")
        _save(window.brief_dock, out / f"brief-{scheme}.png")
        window.save_layout()
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
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", sys.executable,
               str(Path(__file__).resolve()), "--out", str(args.out)]
        return subprocess.call(cmd)
    for scheme in ("light", "dark"):
        code = subprocess.call([sys.executable, str(Path(__file__).resolve()), "--out",
                                str(args.out), "--scheme", scheme])
        if code:
            return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
