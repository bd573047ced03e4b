"""Finding one page's resources for the scanned-image check without pypdf reading the
whole page tree (``pypdf_reader.page_resources``): nested trees, inherited resources, a
tree whose count is wrong, and every page of the real corpus."""

from __future__ import annotations

import io
import logging

import pytest
from pypdf import PdfReader

from briefer.core.files.pypdf_reader import page_has_big_image, page_resources


def _pdf(objects: dict[int, bytes]) -> bytes:
    """A PDF file made of ``objects`` (number -> body), object 1 the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n")
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for num in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[num] if num in offsets else
                  b"0000000000 65535 f \n")
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
    return out.getvalue()


def _image(side: int) -> bytes:
    data = b"\x00" * (side * side)
    return (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n" % (side, side, len(data))
            + data + b"\nendstream")


def _tree(root_count: int = 3) -> bytes:
    # root (big image in its resources) -> [inner pages node -> [page A, page B], page C]
    # page A inherits the root's resources, B has its own empty ones, C a small image.
    box = b"/MediaBox [0 0 200 200]"
    return _pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count %d %s "
           b"/Resources << /XObject << /Big 6 0 R >> >> >>" % (root_count, box),
        3: b"<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 7 0 R] /Count 2 >>",
        4: b"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Small 8 0 R >> >> >>",
        5: b"<< /Type /Page /Parent 3 0 R >>",
        6: _image(500),
        7: b"<< /Type /Page /Parent 3 0 R /Resources << >> >>",
        8: _image(10),
    })


def test_nested_tree_and_inherited_resources():
    reader = PdfReader(io.BytesIO(_tree()))
    assert [page_has_big_image(reader, i, 3) for i in range(3)] == [True, False, False]
    for i in range(3):  # the same resources as pypdf's own (whole-tree) walk
        ours = page_resources(reader, i, 3)
        theirs = PdfReader(io.BytesIO(_tree())).pages[i].get("/Resources")
        assert sorted(ours.get_object().get("/XObject", {}).keys()) == \
            sorted(theirs.get_object().get("/XObject", {}).keys())


def test_a_tree_whose_count_is_wrong_falls_back_to_pypdfs_walk():
    reader = PdfReader(io.BytesIO(_tree(root_count=7)))
    # pdfium found 3 pages; the tree claims 7: the walk is not trusted
    assert [page_has_big_image(reader, i, 3) for i in range(3)] == [True, False, False]


def _resource_keys(res) -> object:
    if res is None:
        return None
    res = res.get_object()
    out = {}
    for k, v in res.items():
        ref = getattr(v, "indirect_reference", None)
        out[k] = ref.idnum if ref is not None else repr(v)[:200]
    return out


@pytest.mark.slow
def test_every_page_of_the_corpus_gets_pypdfs_resources(corpus):
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    checked = 0
    for pdf in sorted(corpus.rglob("*.pdf")):
        try:
            reader = PdfReader(str(pdf), strict=False)
            n = int(reader.trailer["/Root"].get_object()["/Pages"].get_object()["/Count"])
            ours = [_resource_keys(page_resources(reader, i, n))
                    for i in range(min(n, 400))]
            theirs = [_resource_keys(reader.pages[i].get("/Resources"))
                      for i in range(min(n, 400))]
        except Exception:  # files pypdf itself cannot walk are not this test's business
            continue
        assert ours == theirs, pdf.name
        checked += len(ours)
    assert checked > 1000
