"""The window backs up the user's work: a change arms a check that asks the core, on a
worker thread, whether a backup is due; quitting makes one when anything changed since
the newest backup. Time is the core's to judge; the tests move the newest backup into
the past instead of waiting."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from briefer.core.catalog import backup
from briefer.core.ops import briefs as ops_briefs


def _age_backups(root: Path, seconds: float) -> None:
    """Make every backup look ``seconds`` older (names carry their time; rename them)."""
    for info in backup.list_backups(root):
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime(info.created - seconds))
        older = info.path.with_name(f"library-{stamp}-000000.sqlite")
        os.replace(info.path, older)
        os.utime(older, (info.created - seconds, info.created - seconds))


def _briefs_in(path: Path) -> list[str]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in db.execute("SELECT title FROM briefs ORDER BY id")]
    finally:
        db.close()


def test_a_change_in_the_window_is_backed_up_on_a_worker_thread(threaded_ctx, qtbot,
                                                               library_dir) -> None:
    ctx = threaded_ctx
    _age_backups(library_dir, 3600)
    before = {b.path for b in backup.list_backups(library_dir)}
    ops_briefs.create_brief(ctx.session, "Made in the window", sections=["Background"])
    with qtbot.waitSignal(ctx.changed, timeout=30_000):  # its report, queued
        pass
    assert ctx._backup_timer.isActive()  # armed by the change, not yet run
    with qtbot.waitSignal(ctx.tasks.ended, timeout=60_000):
        ctx._backup_timer.timeout.emit()  # the armed check, now rather than in 30 s
    new = [b for b in backup.list_backups(library_dir) if b.path not in before]
    assert len(new) == 1, backup.list_backups(library_dir)
    assert "Made in the window" in _briefs_in(new[0].path)
    assert ctx.backup_warning == ""


def test_a_recent_backup_is_not_copied_again_after_every_change(threaded_ctx, qtbot,
                                                               library_dir) -> None:
    ctx = threaded_ctx
    ops_briefs.create_brief(ctx.session, "First", sections=["S"])
    with qtbot.waitSignal(ctx.tasks.ended, timeout=60_000):
        ctx.backup_if_due()  # the first one: work differs and nothing is recent
    count = len(backup.list_backups(library_dir))
    ops_briefs.create_brief(ctx.session, "Second", sections=["S"])
    with qtbot.waitSignal(ctx.tasks.ended, timeout=60_000):
        ctx.backup_if_due()
    assert len(backup.list_backups(library_dir)) == count  # minutes have not passed


def test_quitting_backs_up_what_changed_since_the_newest_backup(threaded_ctx,
                                                                library_dir) -> None:
    ctx = threaded_ctx
    ops_briefs.create_brief(ctx.session, "Before", sections=["S"])
    ctx.backup_at_quit()
    ops_briefs.create_brief(ctx.session, "Typed just before quitting", sections=["S"])
    ctx.backup_at_quit()  # a backup a moment old does not stop the one at quit
    newest = backup.list_backups(library_dir)[0]
    assert "Typed just before quitting" in _briefs_in(newest.path)


def test_a_failed_backup_is_said_in_the_status_bar_and_loses_nothing(
        threaded_ctx, qtbot, library_dir, monkeypatch) -> None:
    from briefer.core.ops import maintenance

    ctx = threaded_ctx

    def full(*_args, **_kwargs):
        raise backup.BackupError(f"could not write a backup into {library_dir}: the disk "
                                 "is full")

    monkeypatch.setattr(maintenance.backup, "backup_if_due", full)
    brief = ops_briefs.create_brief(ctx.session, "Kept", sections=["S"])
    with qtbot.waitSignal(ctx.tasks.ended, timeout=60_000):
        ctx.backup_if_due()
    qtbot.waitUntil(lambda: bool(ctx.backup_warning), timeout=30_000)
    said = [n for n in ctx.notices if n.where == "status"]
    assert said and "No backup could be made" in said[-1].text
    assert "the disk is full" in said[-1].text and "saved" in said[-1].text
    assert ops_briefs.get_brief(ctx.session, brief.brief_id).title == "Kept"
    ctx.backup_at_quit()  # never raises at quit either
