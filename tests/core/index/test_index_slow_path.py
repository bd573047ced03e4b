"""A Whoosh the fast engine does not know: the index runs on Whoosh's own searcher (same
pages), and the user is told so with what it costs — the engine's notice, the notes a
library's front ends show when it opens. The command line's `briefer info` and the
window's status bar are tested in tests/cli and tests/ui."""

from __future__ import annotations

from briefer.core.index.index import SLOW_P50, SLOW_P95
from briefer.core.index.memory import MemoryIndex
from briefer.core.ops import documents as docs_ops
from briefer.core.ops.session import Session
from tests import pdfgen
from tests.core.engines import whoosh_unknown_to_the_fast_engine


def test_the_slow_path_is_said_with_its_cost(tmp_path):
    pdfgen.make_text_pdf(tmp_path / "a.pdf", ["The coordinator may block content."])
    with Session.open(tmp_path / "lib", samples=False) as s:
        assert s.library().index.notice() is None  # the fast path: nothing to say
        assert docs_ops.search_notice(s) == ""
        assert not any("slow path" in n for n in docs_ops.open_notes(s))
    with whoosh_unknown_to_the_fast_engine():
        with Session.open(tmp_path / "lib", samples=False) as s:
            notice = s.library().index.notice()
            assert notice is not None and notice.reason == "search_slow_path"
            text = docs_ops.search_notice(s)
            assert "slow path" in text and "2.7.5" in text  # what is installed
            assert f"about {SLOW_P50} times slower" in text and f"up to {SLOW_P95} times" in text
            assert text in docs_ops.open_notes(s)


def test_the_memory_engine_has_nothing_to_say():
    assert MemoryIndex().notice() is None
