"""Installed from a wheel, outside the source tree, Briefer has its resources: a new
library gets the sample documents and an export uses our template, not Word's default.

The wheel is built from the checkout and installed into a fresh virtual environment under
a temporary folder. Its dependencies (PySide6 is large) come from the running environment
through a ``.pth`` line; the ``briefer`` package itself comes from the wheel only (the
running environment's editable install is a finder hook that a ``.pth`` line does not
bring along, and the test checks where ``briefer`` was imported from).
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{cmd}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    work = tmp_path_factory.mktemp("wheel")
    assert REPO not in work.parents
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Built from a copy of what a source distribution holds: an in-tree build would also
    # pack whatever an earlier build left in build/ (modules since moved or removed).
    src = work / "src"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("briefer", "resources"):
        shutil.copytree(REPO / name, src / name, ignore=junk)
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(REPO / name, src / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"),
          str(src)], cwd=work, env=env, timeout=600)
    wheel, = (work / "dist").glob("briefer-*.whl")
    target = work / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    purelib = Path(_run([str(python), "-c",
                         "import sysconfig; print(sysconfig.get_path('purelib'))"],
                        cwd=work, env=env).strip())
    # Dependencies from the running environment, appended after the new venv's own packages.
    (purelib / "zz_running_env.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", "--quiet", str(wheel)], cwd=work, env=env, timeout=600)
    return {"work": work, "wheel": wheel, "python": python, "bin": target / "bin", "env": env}


def test_the_wheel_carries_every_file_under_resources(installed: dict):
    with zipfile.ZipFile(installed["wheel"]) as z:
        names = set(z.namelist())
    shipped = {str(p.relative_to(REPO)).replace(os.sep, "/")
               for p in (REPO / "resources").rglob("*")
               if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                          for part in p.relative_to(REPO).parts)}
    assert shipped, "the checkout has no resources"
    missing = {name for name in shipped if f"briefer/{name}" not in names}
    assert not missing
    # and no module the source tree does not have
    modules = {n for n in names if n.startswith("briefer/") and n.endswith(".py")}
    assert modules and all((REPO / n).is_file() for n in modules), \
        sorted(n for n in modules if not (REPO / n).is_file())


def test_an_installed_briefer_seeds_samples_and_exports_with_our_template(installed: dict):
    work, env = installed["work"], installed["env"]
    where = _run([str(installed["python"]), "-c",
                  "import briefer, briefer.core.paths as p; print(briefer.__file__); "
                  "print(p.resources_dir())"], cwd=work, env=env).split("\n")
    assert Path(where[0]).is_relative_to(work / "venv"), where
    assert Path(where[1]) == Path(where[0]).parent / "resources", where

    briefer = str(installed["bin"] / "briefer")
    # A first run with the default library (samples are seeded there), in a fresh home.
    env = {k: v for k, v in env.items() if k != "BRIEFER_LIBRARY"}
    env["XDG_DATA_HOME"] = str(work / "data")
    listing = _run([briefer, "list", "--json"], cwd=work, env=env)
    titles = {d["title"] for d in json.loads(listing)}
    samples = json.loads((REPO / "resources/samples/samples.json").read_text("utf-8"))
    expected = {e["title"] for e in samples["documents"]}
    assert expected and expected <= titles
    assert any((work / "data").rglob("library.sqlite"))

    _run([briefer, "brief", "new", "Packaging check",
          "--section", "Findings"], cwd=work, env=env)
    out = work / "check.docx"
    _run([briefer, "brief", "export", "Packaging check", "-o", str(out)],
         cwd=work, env=env)
    with zipfile.ZipFile(out) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    with zipfile.ZipFile(REPO / "resources/templates/policy-brief.docx") as z:
        ours = z.read("word/styles.xml").decode("utf-8")
    # styles only our template defines, and its body font
    for marker in ('w:styleId="BriefMeta"', 'w:styleId="TableText"', "Georgia"):
        assert marker in ours
        assert marker in styles, marker
