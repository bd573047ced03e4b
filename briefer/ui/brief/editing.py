"""The Brief panel's edits: each user action is one ops call (``briefer.core.ops.briefs``)
whose returned command goes on the panel's undo stack (:class:`CoreUndoCommand`); new,
details, delete, citation style, sections, commentary, removing, moving and renaming. A
part of :class:`~briefer.ui.brief.panel.BriefPanel` (a mixin: the panel owns the widgets,
the undo stack and the brief shown).
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from briefer.core.briefs.model import BriefError
from briefer.core.ops.briefs import FIRST_SECTION, NEW_BRIEF_TITLE
from briefer.ui.brief.details_dialog import BriefDetailsDialog
from briefer.ui.brief.outline import Move
from briefer.ui.brief.placement import step_move
from briefer.ui.brief.undo import CoreUndoCommand

UNTITLED = NEW_BRIEF_TITLE  # the title a quote's new brief gets; "New brief" offers it too


class BriefEditingMixin:
    """The panel's edits (see the module docstring)."""

    def run_edit(self, text: str, fn: Callable[..., Any], *args: Any, reload: bool = True,
                 **kwargs: Any) -> Any:
        """Run one ops edit; on success push it on the undo stack and reload. Returns the
        done command, or None after reporting the error."""
        cmd = self._do(fn, *args, **kwargs)
        if cmd is not None:
            self._push(text, cmd, reload=reload)
        return cmd

    def _do(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call an ops edit (it runs and saves the core command); None if it failed."""
        try:
            return fn(self.ctx.session, *args, **kwargs)
        except Exception as exc:
            self.ctx.report_error(exc)
            return None

    def _push(self, text: str, cmd: Any, reload: bool = True) -> None:
        """Put one done command on the undo stack. Each user action is ONE ops call
        returning ONE command (several steps are the core's own composite command), so
        the window never assembles an undo macro of its own."""
        brief_id = getattr(cmd, "brief_id", None) or self._brief_id
        self.undo_stack.push(CoreUndoCommand(self.ctx, cmd, text, brief_id, self._after_undo))
        if reload:
            self.refresh()  # the list too: a title, a new or deleted brief

    def _after_undo(self, wrapper: CoreUndoCommand) -> None:
        if wrapper.brief_id is not None:
            self._brief_id = wrapper.brief_id
        self.refresh()

    def new_brief(self) -> None:
        from briefer.core.ops import briefs as ops_briefs

        title, ok = QInputDialog.getText(self, "New brief", "Title of the brief:",
                                         text=UNTITLED)
        if not ok or not title.strip():
            return
        cmd = self.run_edit("New brief", ops_briefs.create_brief, title.strip(),
                            sections=[FIRST_SECTION], style=self._preferred_style(),
                            reload=False)
        if cmd is not None:
            self._brief_id = cmd.brief_id
            self.refresh()

    def _preferred_style(self) -> Optional[str]:
        """The citation style new briefs get, from the preferences ("footnote" there is the
        core's "footnotes"); None: the core's default."""
        settings = getattr(self.ctx, "settings", None)
        try:
            value = str(settings.get("export/citation_style")) if settings else ""
        except Exception:  # an older settings file without the option
            return None
        return {"footnote": "footnotes", "footnotes": "footnotes",
                "inline": "inline"}.get(value)

    def edit_details(self) -> None:
        """The title block (title, subtitle, author, organisation, date) in a dialog."""
        if self._brief is None:
            return
        brief_id = self._brief.id

        def submit(fields: dict[str, str]) -> Optional[BaseException]:
            from briefer.core.ops import briefs as ops_briefs

            try:
                cmd = ops_briefs.set_brief_details(self.ctx.session, brief_id, **fields)
            except Exception as exc:  # shown beside the field in the dialog
                return exc
            self._push("Brief details", cmd)
            return None

        dialog = BriefDetailsDialog(self._brief, submit, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.details_dialog = dialog
        dialog.open()

    def delete_brief(self) -> None:
        from briefer.core.ops import briefs as ops_briefs

        if self._brief is None:
            return
        answer = QMessageBox.question(
            self, "Delete brief",
            f"Delete the brief “{self._brief.title}”? Its clips stay in the library, and "
            "Edit ▸ Undo brings the brief back.")
        if answer == QMessageBox.StandardButton.Yes:
            if self.run_edit("Delete brief", ops_briefs.delete_brief, self._brief.id,
                             reload=False) is not None:
                self._brief_id = None
                self.refresh()

    def set_citation_style(self, style: str) -> None:
        from briefer.core.ops import briefs as ops_briefs

        if self._brief is not None and self._brief.citation_style != style:
            self.run_edit("Citation style", ops_briefs.set_citation_settings, self._brief.id,
                          style=style)

    def add_section(self) -> None:
        from briefer.core.ops import briefs as ops_briefs

        if self._brief is None:
            self.new_brief()
            return
        title, ok = QInputDialog.getText(self, "Add section", "Heading:", text="New section")
        if not ok or not title.strip():
            return
        kind, section, _item = self._current_node()
        position = None
        if section is not None:
            position = [s.id for s in self._brief.sections].index(section.id) + 1
        cmd = self.run_edit("Add section", ops_briefs.add_section, self._brief.id,
                            title.strip(), position)
        if cmd is not None:
            self._select("section", cmd.section_id)

    def add_commentary(self) -> None:
        """Open the editor on new commentary after the current item; it is stored with
        the first text typed (one undo step)."""
        if self._brief is None:
            self.new_brief()
            if self._brief is None:
                return
        section_id, position = self._insertion_point()
        if section_id is None:
            self.ctx.show_status("Add a section first.")
            return
        section = next((s for s in self._brief.sections if s.id == section_id), None)
        heading = f"“{section.heading}”" if section is not None else "the brief"
        self.editor.show_draft(section_id, position, brief_id=self._brief.id,
                               label=f"new commentary in {heading}")

    def remove_current(self) -> None:
        from briefer.core.ops import briefs as ops_briefs

        kind, section, item = self._current_node()
        if self._brief is None or kind is None:
            return
        if kind == "section":
            done = self.run_edit("Remove section", ops_briefs.remove_section, self._brief.id,
                                 section.id)
        else:
            done = self.run_edit("Remove", ops_briefs.remove_item, self._brief.id, item.id)
        if done is not None:
            self.ctx.show_status("Removed. Edit ▸ Undo (Ctrl+Z) brings it back.")

    def move_current(self, step: int) -> None:
        """Alt+Up / Alt+Down (see :func:`briefer.ui.brief.placement.step_move`)."""
        kind, section, item = self._current_node()
        if self._brief is None or kind is None:
            return
        move = step_move(self._brief, kind, section, item, step)
        if move is not None:
            self._on_move_requested(move)

    def move_to_section(self, section_id: int) -> None:
        kind, _section, item = self._current_node()
        if kind in ("quote", "text"):
            self._on_move_requested(Move("item", item.id, section_id, None))

    def _on_move_requested(self, move: Move) -> bool:
        from briefer.core.ops import briefs as ops_briefs

        if self._brief is None:
            return False
        if move.kind == "section":
            cmd = self.run_edit("Move section", ops_briefs.move_section, self._brief.id,
                                move.node_id, move.position)
            if cmd is not None:
                self._select("section", move.node_id)
        else:
            cmd = self.run_edit("Move", ops_briefs.move_item, self._brief.id, move.node_id,
                                move.section_id, move.position)
            if cmd is not None:
                self._select("item", move.node_id)
        return cmd is not None

    def _save_edit(self, node: Any, changed: dict[str, str]) -> Optional[int]:
        """The editor's saver: one ops edit for ``node`` (an ``EditedNode``) put on the
        undo stack; the new item's id for new commentary. Raises when refused (the
        editor keeps the text and says why); the outline is read again on ``saved``."""
        from briefer.core.ops import briefs as ops_briefs

        session = self.ctx.session
        brief_id = node.brief_id if node.brief_id is not None else self._brief_id
        if brief_id is None:
            raise BriefError("the brief was deleted meanwhile", reason="brief_not_found")
        if node.kind == "draft":
            cmd = ops_briefs.add_commentary(session, brief_id, node.node_id, changed["body"],
                                            node.position)
            self._push("Add commentary", cmd, reload=False)
            return int(cmd.item_id)
        if node.kind == "section":
            cmd = ops_briefs.rename_section(session, brief_id, node.node_id,
                                            changed["heading"])
            text = "Rename section"
        else:
            cmd = ops_briefs.edit_item(session, brief_id, node.node_id, **changed)
            text = "Edit commentary" if "body" in changed else "Edit quote"
        self._push(text, cmd, reload=False)
        return None

    def _on_editor_saved(self, kind: str, node_id: int, stay: bool) -> None:
        """An edit was stored: read the brief again (the outline shows it); new commentary
        that was just stored becomes the current node."""
        if stay:
            self._keep_next = ("item", node_id)
        self.refresh()

    def _on_save_refused(self, exc: BaseException) -> None:
        """The first refused save of a run: told once (the editor's line keeps saying
        "Not saved" until a save works)."""
        self.ctx.report_error(exc)
