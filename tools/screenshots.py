"""Screenshots of the window on the sample library, light and dark, for the README.

Usage (from the checkout)::

    .venv/bin/python tools/screenshots.py            # runs itself under xvfb-run if needed
    .venv/bin/python tools/screenshots.py --out docs/screenshots
    .venv/bin/python tools/screenshots.py --sizes 1024x700,1366x768,1920x1080,2560x1440 \
        --scale 2 --out /tmp/shots    # the whole window at each size (and at 2x scale)

Each colour scheme runs in a fresh process (the palette and icon colours are chosen at
start, as in the app) on a fresh copy of the sample library with its own preferences, so
the pictures show what a new user sees after three steps: a search, a hit opened in the
reader, a sentence quoted into the brief; then Compare Versions on the sample draft and
notified Rules (``compare-<scheme>.png``). Images are saved as 8-bit PNGs to stay small.

``--sizes`` resizes that window to each size after the three steps and saves the whole
window as ``window-<scheme>-<W>x<H>.png`` (``…@2x.png`` with ``--scale 2``, run with
``QT_SCALE_FACTOR=2``: the sizes are then in device-independent pixels, the images twice
as large), to check the layout from a small laptop to a large monitor (issue 18).
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


DEFAULT_SIZE = (1440, 900)


def parse_sizes(text: str) -> list[tuple[int, int]]:
    """``"1024x700,1366x768"`` → ``[(1024, 700), (1366, 768)]``."""
    sizes = []
    for part in text.split(","):
        w, _, h = part.strip().lower().partition("x")
        if not (w.isdigit() and h.isdigit()):
            raise argparse.ArgumentTypeError(f"not a size: {part!r} (e.g. 1366x768)")
        sizes.append((int(w), int(h)))
    return sizes


def shoot(scheme: str, out: Path, sizes: list[tuple[int, int]] | None = None,
          scale: int = 1) -> None:
    """Run the window once in ``scheme`` and save its screenshots into ``out`` (with
    ``sizes``: the whole window at each size instead of the README's pictures)."""
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
        window.resize(*DEFAULT_SIZE)
        window.show()
        _wait(app, ctx)
        # The empty states first: nothing searched, nothing open.
        if not sizes:
            _save(window, out / f"start-{scheme}.png")
        window.library_dock.raise_()
        window.library.select_ids([docs_ops.list_documents(session)[0].id])
        _wait(app, ctx)
        if not sizes:
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
        if sizes:
            tag = f"@{scale}x" if scale != 1 else ""
            for w, h in sizes:
                window.resize(w, h)
                _wait(app, ctx, settle=1.0)
                _save(window, out / f"window-{scheme}-{w}x{h}{tag}.png")
        else:
            _save(window, out / f"window-{scheme}.png")
            _save(window.search_dock, out / f"search-{scheme}.png")
            _save(window.reader_dock, out / f"reader-{scheme}.png")
            _save(window.brief_dock, out / f"brief-{scheme}.png")
            _shoot_compare(app, ctx, window, session, out / f"compare-{scheme}.png")
        window.save_layout()
        ctx.stop()
        window.close()
        session.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _shoot_compare(app, ctx, window, session, path: Path) -> None:
    """Compare Versions on the sample draft and notified Rules, changed provisions only,
    the first reworded sub-rule of the renumbered rule 5 selected (issue 20)."""
    from briefer.core.ops import documents as docs_ops
    from briefer.ui.compare import open_compare

    docs = {d.title: d.id for d in docs_ops.list_documents(session)}
    draft = next(i for t, i in docs.items() if t.startswith("Draft Social Media"))
    notified = next(i for t, i in docs.items() if t.startswith("The Social Media"))
    view = open_compare(window)
    view.resize(1280, 760)
    view.choose(draft, notified)
    view.compare()
    _wait(app, ctx)
    view.changed_only.setChecked(True)
    row = next((n for n in range(view.model.rowCount())
                if view.model.pair(n).later is not None
                and view.model.pair(n).later.citation == "Rule 5(1)(b)"), 0)
    view.table.selectRow(row)
    view.table.scrollTo(view.model.index(max(0, row - 3), 0),
                        view.table.ScrollHint.PositionAtTop)
    _wait(app, ctx, settle=0.5)
    _save(view, path)
    view.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scheme", choices=("light", "dark"), help="one scheme, this process")
    parser.add_argument("--sizes", type=parse_sizes, default=None,
                        help="window sizes to shoot, e.g. 1024x700,1366x768,1920x1080")
    parser.add_argument("--scale", type=int, default=1, choices=(1, 2, 3),
                        help="also shoot at this scale factor (QT_SCALE_FACTOR)")
    args = parser.parse_args(argv)
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    sizes_arg = ["--sizes", ",".join(f"{w}x{h}" for w, h in args.sizes)] if args.sizes else []
    if args.scheme:
        shoot(args.scheme, args.out, args.sizes,
              int(float(os.environ.get("QT_SCALE_FACTOR", "1") or 1)))
        return 0
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        biggest = max([DEFAULT_SIZE, *(args.sizes or [])])
        screen = f"{biggest[0] * args.scale + 100}x{biggest[1] * args.scale + 100}x24"
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}", sys.executable,
               str(Path(__file__).resolve()), "--out", str(args.out),
               "--scale", str(args.scale), *sizes_arg]
        return subprocess.call(cmd)
    scales = [1] + ([args.scale] if args.scale != 1 and args.sizes else [])
    for scale in scales:
        env = dict(os.environ, QT_SCALE_FACTOR=str(scale))
        for scheme in ("light", "dark"):
            code = subprocess.call([sys.executable, str(Path(__file__).resolve()), "--out",
                                    str(args.out), "--scheme", scheme, *sizes_arg], env=env)
            if code:
                return code
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
