"""Load: 2,000 generated PDFs / 100,000 pages import, search and export (bench/load.py).

Takes about ten minutes on a 2-core machine, so it runs in CI (CI=true) or when
BRIEFER_LOAD=1 is set, and is skipped otherwise. BRIEFER_LOAD_DOCS scales it down for a
quick look.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("BRIEFER_LOAD")),
                       reason="the 100,000-page load test runs in CI or with BRIEFER_LOAD=1"),
]


@pytest.mark.timeout(3000)
def test_a_hundred_thousand_pages_import_search_and_export():
    docs = int(os.environ.get("BRIEFER_LOAD_DOCS", "2000"))
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--docs", str(docs),
                          "--json"], capture_output=True, text=True, timeout=2900)
    assert out.returncode == 0, out.stderr[-3000:]
    rep = json.loads(out.stdout)
    print(json.dumps(rep, indent=1))
    imp = rep["import"]
    assert imp["exit"] == 0
    assert imp["documents"] == docs and imp["pages"] == docs * 50
    assert rep["search"]["indexed_pages"] == docs * 50
    # every sampled marker word is found, on its page, and only there
    assert rep["search"]["markers"] and all(m["ok"] for m in rep["search"]["markers"])
    # memory stays bounded: the importing process and its workers
    assert imp["peak_rss_mb"] < 1500
    # an interactive search stays interactive on a library this size (generous bound)
    assert max(rep["search"]["latency_ms"].values()) < 5000
    exp = rep["export"]
    assert exp["quotes"] == min(100, docs) and exp["footnotes"] == exp["quotes"]
