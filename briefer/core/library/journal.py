"""Long work written down while it runs, so that the next start can say it was interrupted.

An import or an OCR run writes a small journal file into the library folder
(``journal/<kind>-<time>-<pid>-<n>.json``, written atomically, private to the user) when it
starts and removes it when it ends or is cancelled. A journal still there at the next
start, from no work running in this process, is work a crash or ``kill -9`` interrupted.
What is already done is not kept here: the catalog knows it (documents and the import
log; pages waiting for OCR). Only plain data: paths, options, document numbers — never a
password.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from briefer.core import fsutil

log = logging.getLogger(__name__)

FOLDER = "journal"

_active: set[str] = set()  # names of the journals of work running in this process
_lock = threading.Lock()
_counter = itertools.count(1)


@dataclass
class Entry:
    """One journal: ``kind`` ('import' or 'ocr'), when it started (ISO-8601, UTC),
    ``data`` as written, ``name`` its file name (the handle to resume or discard it)."""

    name: str
    kind: str
    started: str
    data: dict[str, Any]


def _folder(root: Path) -> Path:
    return Path(root) / FOLDER


def _write(path: Path, record: dict[str, Any]) -> None:
    data = json.dumps(record, ensure_ascii=False).encode("utf-8")
    fsutil.atomic_write(path, lambda f: f.write(data))  # a temporary file: mode 0600


def begin(root: Path, kind: str, data: dict[str, Any]) -> str:
    """Write a journal for work of ``kind`` starting now; returns its name."""
    folder = _folder(root)
    folder.mkdir(mode=0o700, exist_ok=True)
    now = datetime.now(timezone.utc)
    name = f"{kind}-{now:%Y%m%dT%H%M%S}-{os.getpid()}-{next(_counter)}.json"
    path = folder / name
    with _lock:
        _active.add(name)
    try:
        _write(path, {"kind": kind, "started": now.replace(microsecond=0).isoformat(),
                      "data": data})
    except BaseException:
        with _lock:
            _active.discard(name)
        raise
    return name


def update(root: Path, name: str, data: dict[str, Any]) -> None:
    """Replace the data of the running work's journal ``name`` (atomically)."""
    path = _folder(root) / name
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    record["data"] = data
    _write(path, record)


def end(root: Path, name: str) -> None:
    """The work is finished or cancelled: its journal goes."""
    path = _folder(root) / name
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    finally:
        with _lock:
            _active.discard(name)


def left_over(root: Path) -> list[Entry]:
    """Journals of work that is not running in this process (oldest first). A file that
    cannot be read as a journal (cut short by a crash before its rename, say) is skipped."""
    folder = _folder(root)
    if not folder.is_dir():
        return []
    out = []
    with _lock:
        active = set(_active)
    for path in sorted(folder.glob("*.json")):
        if path.name in active:
            continue
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            out.append(Entry(path.name, str(record["kind"]), str(record["started"]),
                             dict(record.get("data") or {})))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("unreadable journal %s: %s", path, exc)
    out.sort(key=lambda e: e.started)
    return out


def entry(root: Path, name: str) -> Entry | None:
    """The left-over journal ``name``, or None."""
    return next((e for e in left_over(root) if e.name == name), None)
