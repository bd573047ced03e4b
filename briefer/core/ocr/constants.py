"""The words about OCR that other rooms show, in a leaf that imports nothing.

Search results and citations mark text that came from OCR with :data:`OCR_NOTE`; loading
this module does not load the OCR package's workers, Tesseract discovery or the catalog
side. :mod:`.notes` and :mod:`.tesseract` (and so the facade :mod:`.ocr`) re-export them.
"""

from __future__ import annotations

#: What search results, citations and the reader say about text that came from OCR.
OCR_NOTE = "text from OCR — check against the scan"
#: The status of a scan while Tesseract is not installed.
MISSING_NOTE = "needs OCR — install tesseract-ocr to search this scan"
