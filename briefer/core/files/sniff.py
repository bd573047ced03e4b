"""Recognise what a file really is from its first bytes, not its name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# A PDF's header may be preceded by junk; Acrobat accepts it within the first 1024 bytes.
_HEADER_WINDOW = 1024


@dataclass(frozen=True)
class Sniff:
    """What a file looks like: ``kind`` is 'pdf' or a short name, ``reason`` for non-PDFs."""

    kind: str
    reason: str = ""

    @property
    def is_pdf(self) -> bool:
        return self.kind == "pdf"


def sniff_bytes(head: bytes, size: int) -> Sniff:
    """Classify a file by its first bytes (``head``) and total ``size``."""
    if size == 0:
        return Sniff("empty", "empty file (0 bytes)")
    if b"%PDF-" in head[:_HEADER_WINDOW]:
        return Sniff("pdf")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (start.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml"))
            or b"<html" in start[:512]):
        if b"urn:schemas-microsoft-com:office" in head or b"mso-" in head:
            return Sniff("html", "not a PDF (it is a Word document saved as a web page)")
        return Sniff("html", "not a PDF (it is an HTML page)")
    if start.startswith(b"pk\x03\x04"):
        return Sniff("zip", "not a PDF (it is a ZIP archive or an Office document)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return Sniff("ole", "not a PDF (it is an old Microsoft Office document)")
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return Sniff("image", "not a PDF (it is an image; convert it to PDF first)")
    if head.startswith(b"{\\rtf"):
        return Sniff("rtf", "not a PDF (it is an RTF document)")
    if not head.strip(b"\x00"):
        return Sniff("zeros", "not a PDF (the file contains only zero bytes)")
    return Sniff("unknown", "not a PDF (no PDF header found)")


def sniff_file(path: str | Path) -> Sniff:
    """Classify the file at ``path``. Raises OSError when it cannot be read."""
    p = Path(path)
    size = p.stat().st_size
    with open(p, "rb") as f:
        head = f.read(4096)
    return sniff_bytes(head, size)
