"""The domain core of Briefer. Never imports Qt widgets.

The one exception, as DESIGN.md records, is ``briefer.core.files.extract``, which uses
``PySide6.QtPdf.QPdfDocument`` (pdfium) inside extraction worker processes; it needs no
application object.
"""
