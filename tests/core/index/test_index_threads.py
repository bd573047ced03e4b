"""Searching from several threads while another thread writes and commits: every search
answers (no reader used by two threads at once, no snapshot closed under a search), and
after the last commit every thread sees every document."""

from __future__ import annotations

import threading

from briefer.core.text.analysis import term_texts
from briefer.core.index.backend import SearchRequest
from briefer.core.text.query import parse
from tests.core.index.test_engine_property import _doc, _pages, build

TEXT = "the court shall order the removal of content from the platform"


def test_searches_run_while_another_thread_commits(tmp_path):
    ix = build(tmp_path / "index", [[[TEXT] * 3]], set(), merge=False)
    errors: list[BaseException] = []
    done = threading.Event()
    seen: list[int] = []

    def searcher(query: str) -> None:
        try:
            while not done.is_set():
                out = ix.search(SearchRequest(parse(query).root, {}, None, limit=5,
                                              need_all=True))
                assert out.total >= 3 and out.total % 3 == 0, out.total
                seen.append(out.total)
                ix.vocabulary().near("cour", 1)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    def writer() -> None:
        try:
            for doc_id in range(2, 14):
                w = ix.writer()
                pages = _pages(doc_id, [TEXT] * 3)
                w.add_document(_doc(doc_id, "Order"), pages,
                               page_terms=[term_texts(p.text) for p in pages])
                w.commit(merge=doc_id % 4 == 0)
        except BaseException as exc:
            errors.append(exc)
        finally:
            done.set()

    threads = [threading.Thread(target=searcher, args=(q,))
               for q in ("court", '"the court"', "remov* -nothing")]
    threads.append(threading.Thread(target=writer))
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert seen
    out = ix.search(SearchRequest(parse("court").root, {}, None, need_all=True))
    assert out.total == 13 * 3 and out.pages_per_doc == {d: 3 for d in range(1, 14)}
    ix.close()


def test_a_merge_never_deletes_files_under_an_open_snapshot(tmp_path):
    """Held at the known point: a snapshot is open on two segments, a commit merges them
    (Whoosh's clean-up deletes the merged segments' files), then the snapshot reads stored
    fields and lengths it had not read before. It used to fail with "'NoneType' object is
    not subscriptable" (the column file was gone before Whoosh opened it)."""
    from unittest import mock

    from briefer.core.index import segments

    ix = build(tmp_path / "index", [[[TEXT] * 3], [[TEXT] * 3]], set(), merge=False)
    snap = ix.snapshot()
    old = [leaf.segment().segment_id() for leaf, _ in snap.searcher.reader().leaf_readers()]
    assert len(old) == 2
    w = ix.writer()
    pages = _pages(3, [TEXT] * 3)
    w.add_document(_doc(3, "Order"), pages, page_terms=[term_texts(p.text) for p in pages])
    with mock.patch.object(segments, "MERGE_FACTOR", 2):
        w.commit(merge=True)
    reader = snap.searcher.reader()
    for n in range(reader.doc_count_all()):
        assert isinstance(reader.stored_fields(n), dict)
        assert reader.doc_field_length(n, "content") > 0
    out = ix.search(SearchRequest(parse("court").root, {}, None, need_all=True))
    assert out.total == 9  # the next search sees the merged index
    w = ix.writer()  # the next commit's clean-up removes what the old snapshot kept
    pages = _pages(4, [TEXT])
    w.add_document(_doc(4, "Order"), pages, page_terms=[term_texts(p.text) for p in pages])
    w.commit(merge=False)
    names = {p.name for p in (tmp_path / "index").iterdir()}
    assert not any(s in name for s in old for name in names)
    ix.close()
