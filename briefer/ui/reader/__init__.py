"""The Reader panel: a PDF page with search hits, clips and the selection drawn on the words."""

from briefer.ui.reader.panel import ReaderPanel
from briefer.ui.reader.selection import ReaderSelection

__all__ = ["ReaderPanel", "ReaderSelection"]
