"""Adding and removing documents in the page index; nothing is visible until a commit.

Two ways to write, chosen when the index is opened (``whoosh_format.layout_problem``):

* *native*: new pages go into :class:`~briefer.core.index.segments.SegmentBuilder` segments
  and old segments are merged by ``segments.merge_segments``; Whoosh's writer is still used
  for the lock, deletions and the table of contents, through its public ``commit`` with a
  merge function that adds the new segments;
* *Whoosh's own*: when the file layout is not the one the code knows, pages go through
  Whoosh's ``add_document`` and Whoosh merges (slow but right).

The vocabulary (``vocabulary.json``) is written before the index at each commit: killed in
between, it has words the index lacks (they match nothing), never the other way round.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Collection, Iterable, Optional

from briefer.core.catalog.catalog import Document, Page
from briefer.core.index import segments as seg
from briefer.core.index import whoosh_format as wf
from briefer.core.index.analysis import AnalysedText
from briefer.core.index.schema import date_number, pair_terms
from briefer.core.index.vocabulary import VocabularyFile, page_counts
from briefer.core.text.analysis import term_texts


class IndexWriter:
    """Adds and removes documents of one index (one writer at a time holds its lock)."""

    def __init__(self, ix: Any, vocabulary: VocabularyFile, native: bool = True) -> None:
        self._ix = ix
        self._vocabulary = vocabulary
        self.native = native
        self._w: Any = None
        self._new: Optional[seg.SegmentBuilder] = None  # pages added since the last flush
        self._done: list[seg.SegmentBuilder] = []  # builders finished, not yet committed
        self._segments: list[Any] = []  # their segments
        self._touched: dict[int, None] = {}  # documents written or deleted, in order
        self._words: Counter[str] = Counter()

    def _writer(self) -> Any:
        if self._w is None:
            # compound=False: Whoosh reads a compound segment into memory when it opens it
            # (a 100,000-page index: 1.1 GB of memory and 0.7 s per searcher).
            # Posting blocks are not zlib-compressed: compressing them cost about a tenth of
            # an import's time, for an index that is a local cache.
            if self.native:
                self._w = self._ix.writer(compound=False,
                                          codec=wf.BrieferCodec(compression=0))
            else:
                self._w = self._ix.writer(compound=False)
        return self._w

    def _builder(self) -> seg.SegmentBuilder:
        if self._new is not None and self._new.postings >= seg.SEGMENT_POSTINGS:
            self._segments.append(self._new.finish())
            self._done.append(self._new)
            self._new = None
        if self._new is None:
            w = self._writer()
            self._new = seg.SegmentBuilder(w.storage, w.schema, w.codec, w.indexname)
        return self._new

    def delete_document(self, doc_id: int, gone_pages: Iterable[Page] = ()) -> None:
        """Delete the document's pages; the words of ``gone_pages`` (its pages as they
        were written) leave the vocabulary."""
        self._writer().delete_by_term("doc", str(doc_id))
        for b in ([self._new] if self._new is not None else []) + self._done:
            b.delete_doc(doc_id)
        self._words.subtract(page_counts(p.text for p in gone_pages))
        self._touched[doc_id] = None

    def add_document(self, doc: Document, pages: Iterable[Page], replace: bool = True,
                     page_terms: Optional[list[list[str]]] = None,
                     new_text: "bool | Collection[int]" = True) -> int:
        """Index every page of ``doc``; returns the number of pages added.

        ``page_terms`` may carry each page's analysed terms, computed in a worker process
        with the same analysis; the text is then not analysed again here.
        ``new_text=False``: the pages' words are in the vocabulary already (the
        document is indexed again for new metadata, its text unchanged); a collection of
        page indexes: only those pages have new text (OCR).
        """
        if replace:
            self.delete_document(doc.id)
        pages = list(pages)

        def terms_of(p: Page) -> Optional[list[str]]:
            if page_terms is not None and p.index < len(page_terms) and p.text_source == "pdf":
                return page_terms[p.index]
            return None

        if new_text is not False:
            counted = pages if new_text is True else \
                [p for p in pages if p.index in new_text]
            unknown = []
            for p in counted:  # words the worker found with the terms: counted as they are
                words = getattr(terms_of(p), "words", None)
                if words is None:
                    unknown.append(p.text)
                else:
                    self._words.update(words)
            if unknown:
                self._words.update(page_counts(unknown))
        common = {"doc": str(doc.id), "title": doc.title, "type": doc.doc_type,
                  "issuer": doc.issuer or "", "tag": ",".join(doc.tags),
                  "lang": doc.language or "", "date": date_number(doc.date)}

        def analysed() -> Iterable[tuple[list[str], dict[str, Any]]]:
            for p in pages:
                content = terms_of(p)
                if content is None:  # "" keeps the place of a word with no term, as in
                    content = term_texts(p.text)  # the workers' lists
                yield content, {"pid": f"{doc.id}:{p.index}", "page": p.index,
                                "label": p.label, "ocr": p.text_source == "ocr"}

        if self.native:
            n = self._builder().add_document(doc.id, common, analysed())
        else:
            w = self._writer()
            n = 0
            for content, own in analysed():
                w.add_document(content=AnalysedText.of(content),
                               pairs=AnalysedText.of(pair_terms(content)), **common, **own)
                n += 1
        self._touched[doc.id] = None
        return n

    def commit(self, merge: bool = True) -> list[int]:
        """Make the changes visible; returns the ids of the documents written or deleted
        since the last commit.

        ``merge=False`` only adds the new segments (cheap: for the periodic commits of an
        import); the next ordinary commit merges small segments again.
        """
        done = list(self._touched)
        self._touched = {}
        words, self._words = self._words, Counter()
        self._vocabulary.add(dict(words))
        if self._w is None:
            return done
        w, self._w = self._w, None
        if not self.native:
            w.commit(merge=merge)
            return done
        new = self._segments
        if self._new is not None:
            if self._new.docnum:
                new.append(self._new.finish())
            else:
                self._new.abandon()
        self._new, self._done, self._segments = None, [], []

        def final_segments(writer: Any, old: list[Any]) -> list[Any]:
            if not merge:
                return list(old) + new
            return seg.merge_planned(writer.storage, writer.schema, writer.codec,
                                     writer.indexname, list(old) + new)

        w.commit(mergetype=final_segments)
        return done

    def cancel(self) -> None:
        self._touched = {}
        self._words = Counter()
        self._done, self._segments = [], []
        if self._new is not None:
            self._new.abandon()  # its files are removed by the next commit
            self._new = None
        if self._w is not None:
            try:
                self._w.cancel()
            finally:
                self._w = None
