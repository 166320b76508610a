"""Where the program's shipped files (forms, codes, fonts, translations ...) are.

The one place that knows: a PyInstaller bundle unpacks them to `sys._MEIPASS/resources`;
an installed wheel carries them as the package `fieldvisit_resources` next to `app`
(setup.py maps the source tree's `resources/` folder to that name); a source checkout
(editable install included) has them in `resources/` at its top.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

#: the name of the resources folder inside the bundle and the source tree
FOLDER = "resources"
#: the package name under which a wheel installs the resources folder
PACKAGE = "fieldvisit_resources"


def root() -> Path:
    """The folder holding the shipped resources."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(str(bundle)) / FOLDER
    return _unbundled()


@functools.cache
def _unbundled() -> Path:
    """The folder of a wheel or a source tree: where this file is does not change while
    the program runs, and resolving it on every lookup cost a print half a millisecond."""
    beside = Path(__file__).resolve().parents[1]
    installed = beside / PACKAGE
    if installed.is_dir():
        return installed
    return beside / FOLDER


def path(*parts: str) -> Path:
    """A file or folder inside the resources: `path("forms")`, `path("fonts", file)`."""
    return root().joinpath(*parts)
