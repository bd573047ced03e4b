"""``briefer`` starts in briefer/entry.py, which decides between the window and the command
line: a command never imports Qt's widgets, and the entry module itself imports only the
standard library. Read from ``python -X importtime``, which lists every module a start
imports (on stderr, one line each: ``import time: self | cumulative | name``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefer import entry

REPO = Path(__file__).resolve().parents[2]
WIDGETS = "PySide6.QtWidgets"


def _imported(args: list[str], tmp_path: Path, display: bool) -> tuple[set[str], str]:
    """The modules ``python -X importtime ARGS`` imports, and what it printed."""
    env = dict(os.environ, PYTHONPATH=str(REPO), HOME=str(tmp_path))
    env.pop("WAYLAND_DISPLAY", None)
    if display:  # a display is set (nothing listens; a command must not need one)
        env["DISPLAY"] = ":97"
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env.pop("DISPLAY", None)
        env["QT_QPA_PLATFORM"] = "offscreen"
    run = subprocess.run([sys.executable, "-X", "importtime", *args], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    names = set()
    for line in run.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()  # (its indent shows who imported it)
            if name != "imported package":  # the header line
                names.add(name)
    assert names, run.stderr  # importtime did report
    return names, run.stdout + run.stderr


@pytest.mark.parametrize("command", [["list"], ["info"], ["search", "x"]],
                         ids=["list", "info", "search"])
def test_a_command_imports_no_widgets(tmp_path: Path, command: list[str]):
    lib = tmp_path / "lib"
    names, output = _imported(["-m", "briefer", "--library", str(lib), *command], tmp_path,
                              display=True)
    assert "briefer.cli" in names, output  # the command did run
    assert WIDGETS not in names and "briefer.ui" not in names, output


def test_briefer_without_a_display_prints_the_help_without_widgets(tmp_path: Path):
    names, output = _imported(["-m", "briefer"], tmp_path, display=False)
    assert "usage: briefer" in output
    assert WIDGETS not in names and "briefer.ui" not in names


def test_the_entry_module_imports_only_the_standard_library(tmp_path: Path):
    names, output = _imported(["-c", "import briefer.entry"], tmp_path, display=False)
    before, _ = _imported(["-c", "pass"], tmp_path, display=False)  # what Python starts with
    added = names - before
    assert {n for n in added if n.split(".")[0] == "briefer"} == {"briefer", "briefer.entry"}
    others = [n for n in added
              if n.split(".")[0] not in sys.stdlib_module_names | {"briefer"}]
    assert not others, output


@pytest.mark.parametrize("argv, window", [
    ([], (None, [])),
    (["--library", "L"], ("L", [])),
    (["--library=L"], ("L", [])),
    (["--debug", "--library", "L"], ("L", [])),
    (["list"], None),
    (["--library", "L", "list"], None),
    (["--help"], None),
    (["-h"], None),
    (["--version"], None),
    (["--library"], None),  # the parser says it needs a folder
    (["--no-such-option"], None),
    (["no-such-file.pdf"], None),  # the parser says it is no command
])
def test_window_or_command(argv: list[str], window):
    assert entry.window_request(argv) == window


def test_existing_files_open_the_window_but_a_command_stays_a_command(tmp_path: Path,
                                                                      monkeypatch):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list").mkdir()  # a folder called like a command: the command wins
    assert entry.window_request(["--library", "L", str(pdf), str(tmp_path)]) == \
        ("L", [str(pdf), str(tmp_path)])
    assert entry.window_request(["list"]) is None
    assert entry.window_request([str(pdf), "missing.pdf"]) is None


def test_the_window_opens_only_with_a_display(monkeypatch, capsys, tmp_path: Path):
    opened = []
    monkeypatch.setattr(entry, "display_available", lambda: True)
    monkeypatch.setitem(sys.modules, "briefer.ui.app", type(sys)("briefer.ui.app"))
    sys.modules["briefer.ui.app"].run = \
        lambda library=None, files=(): opened.append((library, files)) or 0
    assert entry.main(["--library", str(tmp_path / "lib")]) == 0
    assert opened == [(str(tmp_path / "lib"), [])]
    assert entry.main(["--library", str(tmp_path / "lib"), "list"]) == 0  # a command
    assert len(opened) == 1
    monkeypatch.setattr(entry, "display_available", lambda: False)
    assert entry.main(["--library", str(tmp_path / "lib")]) == 0
    assert "usage: briefer" in capsys.readouterr().out and len(opened) == 1
