"""pypdf: the text engine for files pdfium cannot open, and what pypdf reads best —
encryption and passwords, metadata, page labels, the outline, and whether a page holds a
large image (a scan). Pages are reached through the page tree's counts, not pypdf's full
walk, when one page is all that is needed.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

from briefer.core.files.results import clean_text

log = logging.getLogger(__name__)

_BIG_IMAGE_PIXELS = 400 * 400


class PypdfDoc:
    """pypdf's text extraction (slow, but reads some files pdfium refuses)."""

    name = "pypdf"

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.page_count = len(reader.pages)

    def page_text(self, i: int) -> str:
        try:
            return self.reader.pages[i].extract_text() or ""
        except Exception as exc:  # pypdf raises many kinds on broken content streams
            log.debug("pypdf page %d: %s", i, exc)
            return ""

    def close(self) -> None:
        pass


def open_pypdf(path: str, password: Optional[str], warnings: list[str],
               failures: Optional[list[BaseException]] = None) -> tuple[Any, bool, str]:
    """Open with pypdf; returns (reader or None, encrypted, password problem or '').

    An encrypted file is tried with the empty password first (many PDFs are encrypted only
    to set permissions and open without one), then with ``password``: a password given
    for a folder must not shut out the files that need none. ``failures`` collects the
    exception when pypdf cannot open the file at all (for a plain reason)."""
    try:
        import pypdf

        reader = pypdf.PdfReader(path, strict=False)
    except Exception as exc:
        warnings.append(f"pypdf could not open the file: {type(exc).__name__}: {exc}")
        if failures is not None:
            failures.append(exc)
        return None, False, ""
    encrypted = False
    try:
        encrypted = bool(reader.is_encrypted)
    except Exception as exc:
        warnings.append(f"pypdf: {type(exc).__name__}: {exc}")
    if encrypted:
        try:
            opened = bool(reader.decrypt(""))
            if not opened and password:
                opened = bool(reader.decrypt(password))
            if not opened:
                return reader, True, "wrong" if password else "needed"
        except Exception as exc:  # DependencyError, NotImplementedError, cryptography errors
            warnings.append(f"pypdf could not decrypt: {type(exc).__name__}: {exc}")
            if failures is not None:
                failures.append(exc)
            return None, True, ""
    return reader, encrypted, ""


def pypdf_info(reader: Any, warnings: list[str]) -> dict[str, str]:
    info: dict[str, str] = {}
    try:
        meta = reader.metadata
        if meta:
            for key in ("/Title", "/Author", "/Subject", "/Keywords", "/Creator", "/Producer",
                        "/CreationDate", "/ModDate"):
                value = meta.get(key)
                if value is not None:
                    info[key[1:].lower()] = clean_text(str(value))[:1000]
    except Exception as exc:
        warnings.append(f"metadata unreadable: {type(exc).__name__}")
    return info


def pypdf_labels(reader: Any, n: int) -> Optional[list[str]]:
    try:
        root = reader.trailer["/Root"]
        if "/PageLabels" not in root:
            return None
        labels = list(reader.page_labels)
        if len(labels) != n:
            return None
        return [clean_text(lab) for lab in labels]
    except Exception:
        return None


def pypdf_outline(reader: Any, warnings: list[str]) -> list[tuple[int, str, Optional[int]]]:
    out: list[tuple[int, str, Optional[int]]] = []

    def walk(items: Any, level: int) -> None:
        for item in items:
            if len(out) >= 5000:
                return
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            try:
                title = clean_text(str(item.title or "")).strip()
            except Exception:
                continue
            page: Optional[int]
            try:
                page = reader.get_destination_page_number(item)
                if page is not None and page < 0:
                    page = None
            except Exception:
                page = None
            out.append((level, title[:500], page))

    try:
        walk(reader.outline, 0)
    except Exception as exc:
        warnings.append(f"outline unreadable: {type(exc).__name__}")
    return out


def page_resources(reader: Any, i: int, n: int) -> Any:
    """Page ``i``'s resources (its own or inherited from the page tree), the page found by
    following the tree's ``/Count`` entries: pypdf's ``reader.pages[i]`` reads the whole
    tree first (0.2–0.3 s on a report of 100–350 pages, for one cover page).
    Falls back to that when the tree's count is not the ``n`` pages pdfium found, or the
    walk does not reach a page."""
    try:
        node = reader.trailer["/Root"].get_object()["/Pages"].get_object()
        if int(node.get("/Count", -1)) == n:
            resources = node.get("/Resources")
            k = i
            for _ in range(64):  # deeper than any real page tree
                kids = node.get("/Kids")
                if node.get("/Type") == "/Page" or kids is None:
                    return node.get("/Resources", resources)
                for kid in list(kids.get_object())[:100_000]:
                    kid = kid.get_object()
                    inner = kid.get("/Type") == "/Pages" or (
                        kid.get("/Type") != "/Page" and "/Kids" in kid)
                    size = int(kid.get("/Count", 0)) if inner else 1
                    if k < size:
                        node = kid
                        resources = kid.get("/Resources", resources)
                        break
                    k -= size
                else:
                    break
    except Exception:  # a broken tree: pypdf's own walk is more forgiving
        pass
    return reader.pages[i].get("/Resources")


def page_has_big_image(reader: Any, i: int, n: int) -> bool:
    try:
        resources = page_resources(reader, i, n)
        if resources is None:
            return False
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        for name in list(xobjects.keys())[:50]:
            obj = xobjects[name].get_object()
            if obj.get("/Subtype") == "/Image":
                w = int(obj.get("/Width", 0))
                h = int(obj.get("/Height", 0))
                if w * h >= _BIG_IMAGE_PIXELS:
                    return True
            elif obj.get("/Subtype") == "/Form":
                inner = obj.get("/Resources")
                if inner is not None:
                    inner_x = inner.get_object().get("/XObject")
                    if inner_x is not None:
                        for sub in list(inner_x.get_object().values())[:20]:
                            sub = sub.get_object()
                            if sub.get("/Subtype") == "/Image" and int(sub.get("/Width", 0)) * int(
                                sub.get("/Height", 0)
                            ) >= _BIG_IMAGE_PIXELS:
                                return True
    except Exception:
        return False
    return False
