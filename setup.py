"""Package list for setuptools; everything else is in pyproject.toml.

Why a setup.py: the user's layout keeps ``resources/`` at the top of the repository, and it
is installed as ``briefer/resources`` (``package_dir`` maps it). pyproject's declarative
``packages.find`` cannot add a package that lives outside the searched folder, and a fixed
list in pyproject would go stale as modules are added, so the list is computed here.
Everything under ``resources/`` is installed (a ``**`` glob, not a list of file names).
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=find_namespace_packages(include=["briefer", "briefer.*"],
                                     exclude=["*.__pycache__"]) + ["briefer.resources"],
    package_dir={"briefer.resources": "resources"},
    package_data={"briefer": ["py.typed"], "briefer.resources": ["**/*"]},
)
