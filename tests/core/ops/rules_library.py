"""A small library (generated rules and judgment) opened as an ops Session, for the clip,
brief and export operation tests. Built once per test module and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from briefer.core.library import Library
from briefer.core.ops.session import Session
from tests import pdfgen

RULE_5_1_B = ("to provide, within seventy-two hours, any subscriber information, traffic "
              "data or content data relating to a user")


def build(folder: Path) -> Path:
    pdfgen.make_rules_pdf(folder / "src" / "rules.pdf")
    pdfgen.make_judgment_pdf(folder / "src" / "judgment.pdf")
    with Library.open(folder / "lib") as lib:
        lib.import_paths([folder / "src" / "rules.pdf", folder / "src" / "judgment.pdf"],
                         processes=1)
    return folder / "lib"


@pytest.fixture(scope="module")
def template_lib(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("opslib"))


@pytest.fixture
def session(template_lib: Path, tmp_path: Path) -> Iterator[Session]:
    shutil.copytree(template_lib, tmp_path / "lib")
    s = Session.open(tmp_path / "lib", samples=False)
    yield s
    s.close()


def doc_id(session: Session, file_name: str) -> int:
    return next(d.id for d in session.catalog().documents() if d.file_name == file_name)
