"""The tesseract program: where it is, what it can read, and running it on one image.

Everything that starts ``tesseract`` is here, so the rest of OCR deals in languages, TSV
text and pages. The program runs with a time limit, one thread (the worker pool already
uses every core) and, on Linux, dies with the worker that started it.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

from briefer.core.files.lifeline import kill_with_parent
from briefer.core.ocr.constants import MISSING_NOTE as MISSING_NOTE  # re-exported
from briefer.core.ocr.errors import OcrError, TesseractMissing

log = logging.getLogger(__name__)

#: Environment variable naming the tesseract program (else it is looked up on PATH).
TESSERACT_ENV = "BRIEFER_TESSERACT"

_NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0)
# Language data that reads no script of its own (orientation/script detection, equations).
_NOT_LANGUAGES = {"osd", "equ"}


@dataclass
class Tesseract:
    """An installed tesseract program and the language data it has."""

    path: str
    version: str
    languages: list[str]
    osd: bool = False  # orientation and script detection data (``--psm 0``) is installed


_CACHE: dict[str, Optional[Tesseract]] = {}


def forget_tesseract() -> None:
    """Look the program up again next time (after an install, or in tests)."""
    _CACHE.clear()


def install_hint() -> str:
    """How to install Tesseract on this system, in one sentence."""
    if sys.platform == "win32":
        return ("install Tesseract (UB Mannheim installer, with the Urdu language data) and "
                f"put tesseract.exe on PATH or set {TESSERACT_ENV}")
    if sys.platform == "darwin":
        return "install Tesseract with Homebrew (tesseract and tesseract-lang)"
    return "install the tesseract-ocr and tesseract-ocr-urd packages"


def find_tesseract(executable: Optional[str] = None) -> Optional[str]:
    """The tesseract program to use: ``executable``, ``$BRIEFER_TESSERACT``, PATH."""
    candidates = [executable] if executable else []
    if os.environ.get(TESSERACT_ENV):
        candidates.append(os.environ[TESSERACT_ENV])
    candidates.append("tesseract")
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles", r"C:\Program Files"),
                     os.environ.get("LOCALAPPDATA", "")):
            if base:
                candidates.append(str(Path(base) / "Tesseract-OCR" / "tesseract.exe"))
    elif sys.platform == "darwin":
        candidates += ["/opt/homebrew/bin/tesseract", "/usr/local/bin/tesseract"]
    for c in candidates:
        found = shutil.which(c)
        if found:
            return found
        if executable and c == executable:
            return None  # an explicit program that does not exist: no silent fallback
    return None


def tesseract(executable: Optional[str] = None, refresh: bool = False) -> Optional[Tesseract]:
    """The installed Tesseract (version and languages), or None when it is not installed."""
    path = find_tesseract(executable)
    if path is None:
        return None
    if not refresh and path in _CACHE:
        return _CACHE[path]
    info: Optional[Tesseract] = None
    try:
        v = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30,
                           creationflags=_NO_WINDOW)
        out = (v.stdout or v.stderr).strip()
        version = out.splitlines()[0] if out else ""
        ls = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=30,
                            creationflags=_NO_WINDOW)
        langs = {ln.strip() for ln in ls.stdout.splitlines()[1:] if ln.strip()}
        if ls.returncode == 0:
            info = Tesseract(path, version, sorted(langs - _NOT_LANGUAGES), "osd" in langs)
    except (OSError, subprocess.SubprocessError, IndexError) as exc:
        log.warning("tesseract at %s does not work: %s", path, exc)
    _CACHE[path] = info
    return info


def tesseract_available(executable: Optional[str] = None) -> bool:
    return tesseract(executable) is not None


def run_tesseract(image_path: str, languages: str, timeout: float, *,
                  executable: Optional[str] = None, dpi: Optional[int] = None,
                  psm: Optional[int] = None, output: str = "tsv",
                  extra: Sequence[str] = ()) -> str:
    """Run tesseract on an image file and return what it wrote (``output``: ``tsv``, or
    ``osd`` for ``--psm 0``). Raises :class:`OcrError` (:class:`TesseractMissing`)."""
    exe = find_tesseract(executable)
    if exe is None:
        raise TesseractMissing(MISSING_NOTE)
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # one page per worker process; the pool uses the cores
    with tempfile.TemporaryDirectory(prefix="briefer-ocr-") as tmp:
        base = os.path.join(tmp, "out")
        cmd = [exe, image_path, base]
        if languages:
            cmd += ["-l", languages]
        if dpi:
            cmd += ["--dpi", str(dpi)]
        if psm is not None:
            cmd += ["--psm", str(psm)]
        cmd += list(extra)
        if output != "osd":
            cmd.append(output)
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=max(1.0, timeout), env=env,
                                  creationflags=_NO_WINDOW,
                                  preexec_fn=kill_with_parent if os.name == "posix" else None)
        except subprocess.TimeoutExpired:
            raise OcrError(f"OCR did not finish within {timeout:.0f} s") from None
        except OSError as exc:
            raise OcrError(f"tesseract could not be started ({exc.strerror or exc})") from None
        out_path = f"{base}.{output}"
        if proc.returncode != 0 or not os.path.exists(out_path):
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = next((m for m in msg if "rror" in m or "ailed" in m), msg[-1] if msg else "")
            raise OcrError(f"tesseract failed (exit code {proc.returncode}): {detail}"[:300])
        with open(out_path, encoding="utf-8", errors="replace") as f:
            return f.read()


def recognise(image_path: str, languages: str, timeout: float,
              executable: Optional[str] = None, dpi: int = 300,
              psm: Optional[int] = None) -> str:
    """Read an image with ``languages``; returns Tesseract's TSV (every word, box, confidence)."""
    return run_tesseract(image_path, languages, timeout, executable=executable, dpi=dpi,
                         psm=psm)
