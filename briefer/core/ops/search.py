"""Searching: queries with history, saved searches, find in a document, completions.

The rules a front end would otherwise carry are here: a search is added to the history
unless the library is read-only; a saved search runs with its own query, filters and sort
unless the caller gives others; find-in-document returns plain spans. Searches read the
last committed index through its snapshot, so they run while another thread imports.
"""

from __future__ import annotations

from typing import Any, Optional, Union

from briefer.core.errors import BrieferError
from briefer.core.ops.changes import Changes, reports
from briefer.core.ops.session import Session
from briefer.core.progress import CancelToken
from briefer.core.search import history
from briefer.core.search.findtext import FindResult
from briefer.core.search.findtext import find_in_document as _find_in_document
from briefer.core.search.history import HistoryEntry, SavedSearch
from briefer.core.search.search import SORTS, Filters, SearchResult, search

__all__ = ["Filters", "SearchResult", "HistoryEntry", "SavedSearch", "SavedSearchNotFound",
           "run_search", "search_history", "clear_search_history", "save_search",
           "saved_searches", "delete_saved_search", "run_saved_search", "find_in_document",
           "find_in_document_pages", "query_completions"]


class SavedSearchNotFound(BrieferError):
    reason = "saved_search_not_found"


def _filters(filters: Union[Filters, dict[str, Any], None]) -> Filters:
    if isinstance(filters, Filters):
        return filters
    return Filters.from_json(filters)


def run_search(session: Session, query: str, *,
               filters: Union[Filters, dict[str, Any], None] = None,
               sort: str = "relevance", offset: int = 0, limit: int = 20,
               record: bool = True, facets: bool = False,
               samples: Optional[bool] = None,
               cancel: Optional[CancelToken] = None) -> SearchResult:
    """Search every page; never raises for any query text (notes say how it was read).

    ``sort`` is one of "relevance", "date", "document". ``record`` adds it to the
    history (never on a read-only session). ``samples``: True shows the sample documents,
    False hides them; by default (None, or the filters' own choice) they are hidden once
    the library holds a document of the user's own, and ``samples_hidden`` says how many
    would have matched.
    """
    if sort not in SORTS:
        raise BrieferError(f"cannot sort by '{sort}' (one of: {', '.join(SORTS)})",
                           reason="invalid_sort")
    f = _filters(filters)
    if samples is not None:
        f = Filters.from_json({**f.to_json(), "samples": samples})
    record = record and not session.readonly
    with session.reporting(Changes(searches=record)):
        return search(session.library(), query, f, sort=sort,
                      limit=max(0, limit), offset=max(0, offset), facets=facets,
                      record=record, cancel=cancel)


def search_history(session: Session, limit: int = 50) -> list[HistoryEntry]:
    """The latest searches, newest first."""
    return history.history(session.catalog(), limit)


@reports("searches")
def clear_search_history(session: Session) -> None:
    session.require_writable()
    history.clear_history(session.catalog())


@reports("searches")
def save_search(session: Session, name: str, query: str,
                filters: Union[Filters, dict[str, Any], None] = None,
                sort: str = "relevance") -> SavedSearch:
    """Save (or replace) a search under ``name``."""
    session.require_writable()
    if not " ".join(name.split()):
        raise BrieferError("a saved search needs a name", reason="invalid_name")
    if not query.strip():
        raise BrieferError("there is no query to save", reason="empty_query")
    return history.save_search(session.catalog(), name, query, _filters(filters).to_json(),
                               sort if sort in SORTS else "relevance")


def saved_searches(session: Session) -> list[SavedSearch]:
    return history.saved_searches(session.catalog())


def get_saved_search(session: Session, name: str) -> SavedSearch:
    found = history.saved_search(session.catalog(), name)
    if found is None:
        raise SavedSearchNotFound(f"there is no saved search '{name}'")
    return found


@reports("searches")
def delete_saved_search(session: Session, name: str) -> None:
    session.require_writable()
    if not history.delete_saved_search(session.catalog(), name):
        raise SavedSearchNotFound(f"there is no saved search '{name}'")


def run_saved_search(session: Session, name: str, *, query: Optional[str] = None,
                     filters: Union[Filters, dict[str, Any], None] = None,
                     sort: Optional[str] = None, offset: int = 0, limit: int = 20,
                     record: bool = True, facets: bool = False,
                     cancel: Optional[CancelToken] = None) -> SearchResult:
    """Run a saved search; a ``query``, active ``filters`` or ``sort`` given replace the
    saved ones."""
    saved = get_saved_search(session, name)
    f = _filters(filters)
    return run_search(session, query if query and query.strip() else saved.query,
                      filters=f if f.active() else Filters.from_json(saved.filters),
                      sort=sort or saved.sort, offset=offset, limit=limit, record=record,
                      facets=facets, cancel=cancel)


def find_in_document_pages(session: Session, doc_id: int, text: str, *,
                           case_sensitive: bool = False, whole_word: bool = False,
                           match_diacritics: bool = False,
                           cancel: Optional[CancelToken] = None) -> FindResult:
    """Every occurrence of ``text`` in a document, grouped by page with printed labels."""
    from briefer.core.ops.documents import get_document

    get_document(session, doc_id)
    return _find_in_document(session.library(), doc_id, text, case_sensitive=case_sensitive,
                             whole_word=whole_word, match_diacritics=match_diacritics,
                             cancel=cancel)


def find_in_document(session: Session, doc_id: int, text: str, *,
                     case_sensitive: bool = False, whole_word: bool = False,
                     match_diacritics: bool = False,
                     cancel: Optional[CancelToken] = None) -> list[tuple[int, int, int]]:
    """Every occurrence as ``(page_index, start, end)`` (code-point offsets into the stored
    page text), in reading order. Case, diacritics, ligatures and line-end hyphens are
    ignored unless asked."""
    res = find_in_document_pages(session, doc_id, text, case_sensitive=case_sensitive,
                                 whole_word=whole_word, match_diacritics=match_diacritics,
                                 cancel=cancel)
    return [(p.page_index, s, e) for p in res.pages for s, e in p.spans]


def query_completions(session: Session, prefix: str, limit: int = 10) -> list[str]:
    """Whole queries that complete the last word of ``prefix`` with words of the library,
    most frequent first ("national coord" → "national coordinator", …)."""
    head, _, last = prefix.rpartition(" ")
    word = last.strip().lower()
    if len(word) < 2 or any(c in word for c in '"*?~:()'):
        return []
    vocab = session.library().index.vocabulary()
    counts = vocab.words
    words = sorted((w for w in vocab.with_prefix(word) if w != word),
                   key=lambda w: (-counts.get(w, 0), w))
    lead = f"{head} " if head else ""
    return [lead + w for w in words[:max(0, limit)]]
