"""Export: check every quote, write Word, Markdown or the brief file; import a brief file.

Verification always comes first. :func:`verify_brief` returns the report a front end shows
before anything is written (each problem names the quote, why it no longer matches and
where the passage is now); :func:`export_brief` checks again and, when a quote no longer
matches and the person has not confirmed (``force``), raises :class:`QuotesDoNotMatch`
(reason ``quotes_changed``, the report in ``.report``) without writing a byte. The file
is written whole or not at all (a temporary file renamed over the target).

An existing file is never replaced unless the person said so (``overwrite``): otherwise
:func:`export_brief` raises ``ExportError`` with reason ``file_exists`` (the path in
``details["path"]``) once the quotes are checked, before a byte is written; each front end
asks in its own way and calls again with ``overwrite=True``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from briefer.core.briefs.briefio import ImportResult, import_brief, read_brief_file
from briefer.core.errors import BrieferError
from briefer.core.export import export as _export
from briefer.core.export.export import ExportError, ExportResult
from briefer.core.export.verify import QuotesChanged, VerificationReport, verify_quotes
from briefer.core.ops.changes import reports
from briefer.core.ops.session import Session
from briefer.core.progress import CancelToken, ProgressCallback

__all__ = ["ExportError", "ExportResult", "QuotesDoNotMatch", "VerificationReport",
           "default_template", "export_brief", "import_brief_file", "verify_brief"]


class QuotesDoNotMatch(BrieferError):
    """The export stopped: quotes no longer match their sources; ``report`` says which."""

    reason = "quotes_changed"

    def __init__(self, report: VerificationReport) -> None:
        n = len(report.problems)
        super().__init__(f"{n} of {report.checked} quotes no longer match their sources; "
                         "nothing was written", details={"verification": report.to_json()})
        self.report = report


def default_template() -> Path:
    """Briefer's own Word template (used when no template is given)."""
    from briefer.core.export.export_docx import default_template as template

    return template()


def verify_brief(session: Session, brief_id: int) -> VerificationReport:
    """Check every quote of a brief against its source, as the export will."""
    store = session.briefs()
    brief = store.get(brief_id)
    return verify_quotes(session.catalog(), brief, store.clips_of(brief))


def export_brief(session: Session, brief_id: int, path: str | Path, *,
                 template: Optional[str | Path] = None, force: bool = False,
                 overwrite: bool = False, fmt: Optional[str] = None,
                 progress: Optional[ProgressCallback] = None,
                 cancel: Optional[CancelToken] = None) -> ExportResult:
    """Verify, then write the brief as .docx, .md or .json (by ``fmt`` or the suffix).

    Raises :class:`QuotesDoNotMatch` unless every quote matches or ``force``;
    ``ExportError`` with reason ``file_exists`` when ``path`` exists and not
    ``overwrite`` (nothing written); ``ExportError`` (reason ``invalid_target`` or
    ``template_unusable``) when the target or template cannot be used; ``Cancelled`` when
    ``cancel`` was set before writing.
    """
    try:
        return _export.export_brief(session.catalog(), brief_id, Path(path).expanduser(),
                                    template=template, force=force, fmt=fmt,
                                    overwrite=overwrite,
                                    progress=progress, cancel=cancel)
    except QuotesChanged as exc:
        raise QuotesDoNotMatch(exc.report) from None


@reports("clips", all_briefs=True)
def import_brief_file(session: Session, path: str | Path) -> ImportResult:
    """Import a brief file (.json) with its clips as a new brief, in one undoable step
    (``result.brief_id``, ``result.command``; ``result.missing_sources`` lists documents
    the quotes come from that this library does not have). Reason ``invalid_brief_file``
    lists every problem of a file that is not a valid brief file."""
    data = read_brief_file(Path(path).expanduser())
    session.require_writable()
    return import_brief(session.briefs(), data)
