"""Export a brief: verify every quote, then write .docx, .md or the portable .json file.

The format follows the file name's suffix (``.docx``, ``.md``/``.markdown``, ``.json``).
Before a document is written every quote is checked against the stored text of its source
(:mod:`briefer.core.export.verify`); when a quote no longer matches, :class:`QuotesChanged`
is raised with the report, unless ``force`` (the user confirmed). Files are written to a
temporary file in the same folder, flushed, and renamed over the target, so a crash never
leaves half a brief.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from briefer.core.briefs.store import BriefStore
from briefer.core.errors import BrieferError
from briefer.core.progress import CancelToken, ProgressCallback, check, report
from briefer.core import fsutil
from briefer.core.catalog.catalog import Catalog
from briefer.core.briefs.citations import sources_from_catalog
from briefer.core.export.unlocated import Unlocated, unlocated_quotes
from briefer.core.export.verify import QuotesChanged, VerificationReport, verify_quotes

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".json": "json"}


class ExportError(BrieferError):
    """The brief cannot be exported (reason ``invalid_target``: no such folder, unknown
    format; ``template_unusable``: the template cannot be read or holds macros)."""

    reason = "invalid_target"


@dataclass
class ExportResult:
    path: Path
    format: str
    report: VerificationReport
    seconds: float
    summary: dict[str, Any] = field(default_factory=dict)
    forced: bool = False
    # quotes written without a locator although their document is numbered (advice: the
    # front end asked before, or notes it after; see unlocated.py)
    unlocated: list[Unlocated] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "format": self.format, "seconds": round(self.seconds, 3),
                "forced": self.forced, "verification": self.report.to_json(),
                "unlocated": [u.to_json() for u in self.unlocated], **self.summary}


def atomic_write(path: Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    fsutil.atomic_write(path, lambda f: f.write(data))


def require_target(path: Path, overwrite: bool) -> None:
    """Refuse a folder as the target, and an existing file unless ``overwrite`` (reason
    ``file_exists``, the path in ``details``): a person's file is never replaced
    without being asked."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder; name a file to write",
                          details={"path": str(path)})
    if not overwrite and (path.exists() or path.is_symlink()):
        raise ExportError(f"{path} already exists; it was not replaced and nothing was "
                          "written", reason="file_exists",
                          details={"path": str(path)})


def format_of(path: str | Path, fmt: Optional[str] = None) -> str:
    if fmt:
        if fmt not in ("docx", "md", "json"):
            raise ExportError(f"unknown export format {fmt!r} (docx, md or json)")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(f"cannot tell the format from {Path(path).name!r}: name the file "
                          ".docx, .md or .json")
    return FORMATS[suffix]


def export_brief(catalog: Catalog, brief_id: int, path: str | Path, *,
                 template: Optional[str | Path] = None, force: bool = False,
                 fmt: Optional[str] = None, progress: Optional[ProgressCallback] = None,
                 cancel: Optional[CancelToken] = None,
                 overwrite: bool = True) -> ExportResult:
    """Verify and write brief ``brief_id`` to ``path``; see the module docstring.

    ``overwrite=False``: an existing file at ``path`` is not replaced (see
    :func:`require_target`; the ops layer asks for this by default).

    ``progress`` hears of the two stages (checking quotes, writing); ``cancel`` is
    honoured up to the moment the file is written, so a cancelled export writes nothing.
    """
    t0 = time.perf_counter()
    path = Path(path)
    kind = format_of(path, fmt)
    store = BriefStore(catalog)
    brief = store.get(brief_id)
    clips = store.clips_of(brief)
    report(progress, 0, 2, "Checking quotes", brief.title)
    verification = verify_quotes(catalog, brief, clips)
    check(cancel)
    if kind == "json":
        from briefer.core.briefs.briefio import brief_to_json

        data = brief_to_json(store, brief_id).encode("utf-8")
        require_target(path, overwrite)
        report(progress, 1, 2, "Writing", path.name)
        atomic_write(path, data)
        report(progress, 2, 2, "Exported", path.name)
        return ExportResult(path, kind, verification, time.perf_counter() - t0)
    if not verification.ok and not force:
        raise QuotesChanged(verification)
    unlocated = unlocated_quotes(catalog, brief, clips)
    sources = sources_from_catalog(catalog, list(clips.values()))
    report(progress, 1, 2, "Writing", path.name)
    if kind == "docx":
        from briefer.core.export.export_docx import TemplateError, build_docx

        try:
            data, summary = build_docx(brief, clips, sources, template=template)
        except TemplateError as exc:
            raise ExportError(str(exc), reason="template_unusable") from exc
    else:
        from briefer.core.export.export_md import build_markdown

        text, summary = build_markdown(brief, clips, sources)
        data = text.encode("utf-8")
    check(cancel)
    require_target(path, overwrite)
    atomic_write(path, data)
    report(progress, 2, 2, "Exported", path.name)
    return ExportResult(path, kind, verification, time.perf_counter() - t0, summary,
                        forced=not verification.ok, unlocated=unlocated)
