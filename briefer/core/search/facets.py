"""Facet counts of a search: matching pages per type, year, issuer, tag and document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from briefer.core.catalog.catalog import Document


@dataclass
class FacetValue:
    value: str
    label: str
    count: int  # matching pages


def facets(pages_per_doc: Mapping[int, int],
           documents: Mapping[int, Document]) -> dict[str, list[FacetValue]]:
    """Counts from the matching pages of each document (documents not in ``documents``,
    e.g. removed since the index last changed, are left out)."""
    types: Counter[str] = Counter()
    years: Counter[str] = Counter()
    issuers: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    docs: list[FacetValue] = []
    for doc_id, n in pages_per_doc.items():
        d = documents.get(doc_id)
        if d is None:
            continue
        types[d.doc_type or "other"] += n
        years[(d.date or "")[:4] or "undated"] += n
        if d.issuer:
            issuers[d.issuer] += n
        for t in d.tags:
            tags[t] += n
        docs.append(FacetValue(str(doc_id), d.title, n))

    def vals(c: Counter[str]) -> list[FacetValue]:
        return [FacetValue(k, k, v) for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]

    docs.sort(key=lambda f: (-f.count, f.label.casefold()))
    return {"type": vals(types),
            "year": [FacetValue(k, k, v) for k, v in sorted(years.items(), reverse=True)],
            "issuer": vals(issuers), "tag": vals(tags), "doc": docs}
