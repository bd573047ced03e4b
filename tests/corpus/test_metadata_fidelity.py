"""Metadata a person would accept, on real documents (issue 17): the title, date and issuer
rows of ``fidelity.tsv`` (written by reading each document's first pages and page images)
against Briefer's guesses, through the user's import path (``bench/fidelity.py``).

Titles acceptable on at least 95 % of documents; no wrong date that the document's text
quotes (a hearing, a notification cited in a judgment, a gazette or preface date, an Act
a report mentions) and none from a file's timestamps; no issuer that is not the one stated.
Skipped when ../shared/corpus is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "domain"
TABLES = Path(__file__).parent  # every fidelity*.tsv beside this file


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    if not CORPUS.is_dir():
        pytest.skip("the real corpus (../shared/corpus) is not here")
    spec = importlib.util.spec_from_file_location("fidelity_bench_meta",
                                                  ROOT / "bench" / "fidelity.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up
    spec.loader.exec_module(bench)
    return bench.evaluate(CORPUS, TABLES, tmp_path_factory.mktemp("generated"))


def test_the_table_covers_the_four_folders(figures):
    files = {o.row.file for o in figures.titles}
    for folder, n in (("pk_statutes_more/", 15), ("pk_judgments_sindh-hc/", 18),
                      ("eu_dsa_systemic-risk-reports/", 6), ("pk_laws/", 2)):
        assert sum(f.startswith(folder) for f in files) >= n, folder
    assert len(figures.issuers) >= 40


def test_titles_a_person_would_accept(figures):
    assert figures.share(figures.titles) >= 0.95, "\n" + figures.table(misses_only=True)


def test_no_date_taken_from_the_body_or_the_file(figures):
    assert not figures.body_dates, "\n" + figures.table(misses_only=True)
    assert not figures.file_dates, figures.file_dates


def test_issuers_only_where_stated(figures):
    assert figures.share(figures.issuers) == 1.0, "\n" + figures.table(misses_only=True)
