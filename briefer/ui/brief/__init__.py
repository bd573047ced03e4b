"""The Brief panel: briefs, their outline with drag and drop, commentary, citations, export."""

from briefer.ui.brief.panel import BriefPanel

__all__ = ["BriefPanel"]
