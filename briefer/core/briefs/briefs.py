"""The public names of the brief room in one place.

The room is split by job: :mod:`~briefer.core.briefs.model` (plain data),
:mod:`~briefer.core.briefs.markup` (the commentary markup), :mod:`~briefer.core.briefs.store`
(every SQL statement about briefs) and :mod:`~briefer.core.briefs.commands` (undoable
edits). Callers that want "the briefs API" import from here; the operations layer
(:mod:`briefer.core.ops.briefs`) is what front ends use.
"""

from __future__ import annotations

from briefer.core.briefs.commands import (
    KEEP, AddCommentary, AddQuote, AddSection, BriefCommand, ClipAndQuote, ClipCommand, Command,
    CommandStack, CreateBrief, CreateClip, DeleteBrief, DeleteClip, EditClip, EditItem,
    MacroCommand, MoveItem, MoveSection, RemoveItem, RemoveSection, RenameSection,
    SetBriefFields, normalise_citation)
from briefer.core.briefs.markup import parse_commentary, parse_inline, plain_commentary
from briefer.core.briefs.model import (
    BRIEF_FIELDS, CITATION_STYLES, Brief, BriefError, Item, Section)
from briefer.core.briefs.store import BriefStore
from briefer.core.clips.clips import ClipError

__all__ = [
    "AddCommentary", "AddQuote", "AddSection", "BRIEF_FIELDS", "Brief", "BriefCommand",
    "BriefError", "BriefStore", "CITATION_STYLES", "ClipAndQuote", "ClipCommand", "ClipError",
    "Command",
    "CommandStack", "CreateBrief", "CreateClip", "DeleteBrief", "DeleteClip", "EditClip",
    "EditItem", "Item", "KEEP", "MacroCommand", "MoveItem", "MoveSection", "RemoveItem",
    "RemoveSection", "RenameSection", "Section", "SetBriefFields", "normalise_citation",
    "parse_commentary", "parse_inline", "plain_commentary",
]
