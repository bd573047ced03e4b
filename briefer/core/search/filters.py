"""Restrictions besides the query text, worked out on the catalog's metadata.

Filters (type, tag, issuer, document, language, dates, years) and a query's top-level date
conditions become a set of allowed documents, decided here from catalog data, so every
search engine receives the same plain set (``backend.SearchRequest.allowed_docs``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping, Optional

from briefer.core.catalog.catalog import Document
from briefer.core.index.reading import date_number
from briefer.core.text.query import And, DateRange, Node, date_bounds


@dataclass
class Filters:
    """Restrictions besides the query; empty lists mean no restriction."""

    types: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    doc_ids: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    date_from: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    date_to: str = ""
    years: list[int] = field(default_factory=list)
    # The sample documents (tagged 'sample'): None hides them once the library holds a
    # document of the user's own (see :func:`hide_samples`), True shows, False hides them.
    samples: Optional[bool] = None

    def active(self) -> bool:
        return any((self.types, self.tags, self.issuers, self.doc_ids, self.languages,
                    self.date_from, self.date_to, self.years))

    def key(self) -> tuple[object, ...]:
        return (tuple(sorted(self.types)), tuple(sorted(self.tags)),
                tuple(sorted(self.issuers)), tuple(sorted(self.doc_ids)),
                tuple(sorted(self.languages)), self.date_from, self.date_to,
                tuple(sorted(self.years)), self.samples)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", [], None)}

    @classmethod
    def from_json(cls, data: Optional[dict[str, Any]]) -> "Filters":
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in (data or {}).items() if k in names})


def allowed_docs(documents: Mapping[int, Document], f: Filters) -> set[int]:
    """The documents the filters let through."""
    types = {t.lower() for t in f.types}
    tags = {t.lower() for t in f.tags}
    issuers = [i.casefold() for i in f.issuers]
    langs = {x.lower() for x in f.languages}
    lo = _bound(f.date_from, low=True)
    hi = _bound(f.date_to, low=False)
    out = set()
    for d in documents.values():
        if types and d.doc_type.lower() not in types:
            continue
        if tags and not tags & {t.lower() for t in d.tags}:
            continue
        if issuers and not any(i in (d.issuer or "").casefold() for i in issuers):
            continue
        if f.doc_ids and d.id not in f.doc_ids:
            continue
        if langs and (d.language or "").lower() not in langs:
            continue
        n = date_number(d.date)
        if (lo or hi or f.years) and not n:
            continue
        if lo and n < lo or hi and n > hi:
            continue
        if f.years and n // 10000 not in f.years:
            continue
        out.add(d.id)
    return out


SAMPLE_TAG = "sample"


def is_sample(doc: Document) -> bool:
    """Whether ``doc`` is one of the sample documents (tagged 'sample')."""
    return any(str(t).lower() == SAMPLE_TAG for t in (doc.tags or []))


def sample_ids(documents: Mapping[int, Document]) -> set[int]:
    """The sample documents (tagged 'sample')."""
    return {d.id for d in documents.values() if is_sample(d)}


def hide_samples(documents: Mapping[int, Document], f: Filters, asked_for: bool = False
                 ) -> set[int]:
    """The sample documents a search leaves out: by default (``f.samples`` None) all of
    them once the library holds a document of the user's own, none while it holds only
    samples; ``f.samples`` True or False decides. Nothing is left out when the search
    names them (``asked_for``: tag:sample in the query) or filters by tag 'sample' or by
    document."""
    samples = sample_ids(documents)
    if not samples or f.samples is True or asked_for or f.doc_ids or \
            SAMPLE_TAG in {t.lower() for t in f.tags}:
        return set()
    if f.samples is None and len(samples) == len(documents):
        return set()
    return samples


def _bound(value: str, low: bool) -> int:
    if not value:
        return 0
    b = date_bounds(value)
    if b is None:
        return 0
    return b[0] if low else b[1]


def split_metadata(root: Node, documents: Mapping[int, Document]
                   ) -> tuple[Optional[Node], Optional[set[int]]]:
    """Take date conditions out of a top-level AND: they become a set of allowed documents,
    far cheaper than a numeric range query in the index (210 ms -> 99 ms measured)."""
    items = root.items if isinstance(root, And) else [root]
    rest: list[Node] = []
    docs: Optional[set[int]] = None
    for n in items:
        got = _metadata_docs(n, documents)
        if got is None:
            rest.append(n)
        else:
            docs = got if docs is None else docs & got
    if docs is None:
        return root, None
    if not rest:
        return None, docs
    return (rest[0] if len(rest) == 1 else And(rest)), docs


def _metadata_docs(n: Node, documents: Mapping[int, Document]) -> Optional[set[int]]:
    if isinstance(n, DateRange):
        lo = n.low if n.low is not None else 1
        hi = n.high if n.high is not None else 99999999
        return {d.id for d in documents.values() if lo <= date_number(d.date) <= hi}
    # type:, tag:, lang: stay index terms: measured on 100,000 pages (with Whoosh's
    # matchers), "content type:report" took 20 ms as an index term and 138 ms as a set of
    # allowed pages.
    return None
