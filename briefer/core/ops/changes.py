"""What a write action changed, so a front end refreshes only what shows it.

Every ops function that writes reports a :class:`Changes` through its
:class:`~briefer.core.ops.session.Session` (the :func:`reports` decorator, or
:meth:`Session.report` for brief commands whose brief is known only once they ran).
The session hands each report to its listeners (:meth:`Session.subscribe`) in the thread
that wrote; a window queues it to its GUI thread and reloads the panels that show what
changed. Anki's operations return their ``OpChanges`` the same way.

Changes made by another process are not reported (nothing tells this one about them):
a front end that looks for them (a changed catalog file, a window activated) reads them
as :meth:`Changes.everything`.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Iterable, Optional, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

KINDS = ("documents", "pages", "clips", "searches", "settings")


@dataclass(frozen=True)
class Changes:
    """What changed. ``briefs`` holds the ids of the briefs changed; ``None`` means any
    brief may have changed (a removed document's quotes, a restore)."""

    documents: bool = False  # rows of the Library: added, removed, details, status
    pages: bool = False  # page text or numbering (import, OCR, page numbers, index)
    clips: bool = False  # clips made, edited or deleted (the reader's highlights)
    briefs: Optional[frozenset[int]] = field(default_factory=frozenset)
    searches: bool = False  # search history and saved searches
    settings: bool = False  # the library's own settings (quote markers, OCR languages)
    external: bool = False  # seen from outside this process: anything may have changed

    @classmethod
    def everything(cls, *, external: bool = False) -> "Changes":
        return cls(True, True, True, None, True, True, external)

    @classmethod
    def of_briefs(cls, ids: Iterable[Optional[int]], **kinds: bool) -> "Changes":
        """A change of the briefs ``ids`` (an unknown id, ``None``, means any brief)."""
        wanted = list(ids)
        briefs = None if any(i is None for i in wanted) else frozenset(int(i) for i in wanted
                                                                        if i is not None)
        return cls(briefs=briefs, **kinds)

    def __or__(self, other: "Changes") -> "Changes":
        if self.briefs is None or other.briefs is None:
            briefs: Optional[frozenset[int]] = None
        else:
            briefs = self.briefs | other.briefs
        values = {k: getattr(self, k) or getattr(other, k) for k in KINDS}
        return Changes(briefs=briefs, external=self.external or other.external, **values)

    def __bool__(self) -> bool:
        return any(getattr(self, k) for k in KINDS) or self.briefs is None or bool(self.briefs)

    def brief(self, brief_id: Optional[int]) -> bool:
        """Whether the brief ``brief_id`` may have changed (its own rows only)."""
        return self.briefs is None or (brief_id is not None and brief_id in self.briefs)

    @property
    def any_brief(self) -> bool:
        """Whether some brief changed (the list of briefs may read differently)."""
        return self.briefs is None or bool(self.briefs)

    def describe(self) -> str:
        """A short text for logs and tests: ``documents pages briefs=[3]``."""
        words = [k for k in KINDS if getattr(self, k)]
        if self.briefs is None:
            words.append("briefs=all")
        elif self.briefs:
            words.append(f"briefs={sorted(self.briefs)}")
        if self.external:
            words.append("external")
        return " ".join(words) or "nothing"


NOTHING = Changes()
_NAMES = {f.name for f in fields(Changes)}


def reports(*kinds: str, briefs: Optional[str] = None,
            all_briefs: bool = False) -> Callable[[F], F]:
    """Decorate an ops function that writes: when it returns (or fails — a failed or
    cancelled import keeps what it committed) its session reports ``kinds``
    (:data:`KINDS`), plus the brief named by its argument ``briefs`` (a parameter name)
    or every brief (``all_briefs``). Reports of nested ops calls are merged into one."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds of change: {sorted(unknown)}")
    flags = {k: True for k in kinds}

    def decorate(fn: F) -> F:
        sig = inspect.signature(fn) if briefs else None

        @functools.wraps(fn)
        def wrapper(session: Any, *args: Any, **kwargs: Any) -> Any:
            ids: Optional[frozenset[int]] = None if all_briefs else frozenset()
            if sig is not None and briefs:
                try:
                    bound = sig.bind_partial(session, *args, **kwargs)
                    value = bound.arguments.get(briefs)
                    ids = frozenset([int(value)]) if value is not None else None
                except (TypeError, ValueError):
                    ids = None
            with session.reporting(Changes(briefs=ids, **flags)):
                return fn(session, *args, **kwargs)

        wrapper.changes = (tuple(kinds), briefs, all_briefs)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def command_changes(cmd: Any) -> Changes:
    """What an undoable brief or clip command changed (read after it ran: a new brief's
    id is known only then): the briefs it edited, and clips when it made, edited or
    deleted one."""
    from briefer.core.briefs.commands import BriefCommand, ClipCommand

    ids: set[Optional[int]] = set()
    clips = False

    def walk(c: Any) -> None:
        nonlocal clips
        if isinstance(c, ClipCommand):
            clips = True
        elif isinstance(c, BriefCommand):
            ids.add(c.brief_id)
        for sub in getattr(c, "commands", None) or []:
            walk(sub)
        if not isinstance(c, (BriefCommand, ClipCommand)) and hasattr(c, "brief_id"):
            ids.add(getattr(c, "brief_id"))

    walk(cmd)
    return Changes.of_briefs(ids, clips=clips)
