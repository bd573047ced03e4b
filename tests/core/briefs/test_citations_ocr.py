from briefer.core.briefs.citations import Citer, Source
from briefer.core.clips.clips import Clip
from briefer.core.ocr.ocr import OCR_NOTE


def _clip(page_index: int) -> Clip:
    return Clip(id=1, uid="u", doc_id=1, doc_sha256="k", doc_title="Order", page_index=page_index,
                page_label=str(page_index + 1), label_source="printed", start=0, end=4,
                text="text", display_text="text", locator_auto="para 3")


def test_citation_of_an_ocr_page_says_so_until_turned_off():
    src = Source("k", "Order of the High Court", "judgment", ocr_pages=frozenset({1}))
    citer = Citer({}, {"k": src})
    assert OCR_NOTE not in citer.cite(_clip(0))
    assert citer.cite(_clip(1)).endswith(f"p. 2 ({OCR_NOTE}).")
    quiet = Citer({"ocr_note": False}, {"k": src})
    assert OCR_NOTE not in quiet.cite(_clip(1))
