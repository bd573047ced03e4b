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

from briefer.core.briefs.briefs import BriefStore
from briefer.core import fsutil
from briefer.core.catalog.catalog import Catalog
from briefer.core.briefs.citations import sources_from_catalog
from briefer.core.export.verify import QuotesChanged, VerificationReport, verify_quotes

FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".json": "json"}


class ExportError(Exception):
    """The brief cannot be exported (bad target, unusable template)."""


@dataclass
class ExportResult:
    path: Path
    format: str
    report: VerificationReport
    seconds: float
    summary: dict[str, Any] = field(default_factory=dict)
    forced: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "format": self.format, "seconds": round(self.seconds, 3),
                "forced": self.forced, "verification": self.report.to_json(), **self.summary}


def atomic_write(path: Path, data: bytes) -> None:
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"the folder {folder} does not exist")
    fsutil.atomic_write(path, lambda f: f.write(data))


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
                 fmt: Optional[str] = None) -> ExportResult:
    """Verify and write brief ``brief_id`` to ``path``; see the module docstring."""
    t0 = time.perf_counter()
    path = Path(path)
    kind = format_of(path, fmt)
    store = BriefStore(catalog)
    brief = store.get(brief_id)
    clips = store.clips_of(brief)
    if kind == "json":
        from briefer.core.briefs.briefio import brief_to_json

        report = verify_quotes(catalog, brief, clips)
        atomic_write(path, brief_to_json(store, brief_id).encode("utf-8"))
        return ExportResult(path, kind, report, time.perf_counter() - t0)
    report = verify_quotes(catalog, brief, clips)
    if not report.ok and not force:
        raise QuotesChanged(report)
    sources = sources_from_catalog(catalog, list(clips.values()))
    if kind == "docx":
        from briefer.core.export.export_docx import TemplateError, build_docx

        try:
            data, summary = build_docx(brief, clips, sources, template=template)
        except TemplateError as exc:
            raise ExportError(str(exc)) from exc
    else:
        from briefer.core.export.export_md import build_markdown

        text, summary = build_markdown(brief, clips, sources)
        data = text.encode("utf-8")
    atomic_write(path, data)
    return ExportResult(path, kind, report, time.perf_counter() - t0, summary,
                        forced=not report.ok)
