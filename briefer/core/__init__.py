"""The domain core of Briefer. Never imports Qt widgets.

The one exception is ``briefer.core.files.pdfium``, which uses
``PySide6.QtPdf.QPdfDocument`` (pdfium: the reader's own engine) inside extraction worker
processes; it needs no application object. Front ends use the core through
:mod:`briefer.core.ops`.
"""
