"""Private settings, data and cache folders for tests and benchmarks, and proof of the real ones.

`isolate()` must run before anything creates a QSettings or asks platformdirs for a
folder: it points HOME and the XDG folders at a new temporary folder, through the
environment, so that every child process (a server, a crash writer, a benchmark's
program) inherits the same isolation. `Snapshot` records the user's real Fieldvisit
folders so that a run can prove at its end that it left them as they were.
"""

from __future__ import annotations

import os
import pwd
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: set in the environment once the folders are private (child processes see it)
MARK = "FIELDVISIT_PRIVATE_ROOT"
APP_FOLDER = "Fieldvisit"  # the program's folder name in each of the user's folders
XDG = {
    "XDG_CONFIG_HOME": ".config",
    "XDG_DATA_HOME": ".local/share",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
}


def real_folders(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[Path]:
    """Every place where the user's own Fieldvisit settings, data or cache may be."""
    homes = {Path(pwd.getpwuid(os.getuid()).pw_dir)}
    if environ.get("HOME"):
        homes.add(Path(environ["HOME"]))
    bases: set[Path] = set()
    for variable, default in XDG.items():
        if environ.get(variable):
            bases.add(Path(environ[variable]))
        bases.update(home / default for home in homes)
    folders = {base / APP_FOLDER for base in bases}
    # Qt's test mode and some Qt versions keep files under the home's own folders
    folders.update(home / ".qttest" for home in homes)
    return sorted(folders)


@dataclass(frozen=True)
class Snapshot:
    """Every file and folder under the real folders, with its size and modification time."""

    entries: dict[str, tuple[int, int]]

    @classmethod
    def take(cls, folders: list[Path]) -> Snapshot:
        entries: dict[str, tuple[int, int]] = {}
        for folder in folders:
            if not folder.exists():
                continue
            for path in [folder, *folder.rglob("*")]:
                try:
                    stat = path.stat()
                except OSError:  # removed while we looked
                    continue
                entries[str(path)] = (stat.st_size, stat.st_mtime_ns)
        return cls(entries)

    def changes(self, later: Snapshot) -> list[str]:
        """What differs in `later`: new, removed and changed paths."""
        names = sorted(set(self.entries) | set(later.entries))
        out = []
        for name in names:
            before, after = self.entries.get(name), later.entries.get(name)
            if before is None:
                out.append(f"new: {name}")
            elif after is None:
                out.append(f"removed: {name}")
            elif before != after:
                out.append(f"changed: {name}")
        return out


@dataclass(frozen=True)
class Isolation:
    """The private root that now stands for the user's home, and the real folders it hides."""

    root: Path
    real: list[Path]
    before: Snapshot
    made_here: bool  # False in a child process that inherited the isolation


_done: Isolation | None = None


def isolate(prefix: str = "fieldvisit-tests-") -> Isolation:
    """Point HOME and the XDG folders at a new temporary folder (once per process tree)."""
    global _done
    if _done is not None:
        return _done
    inherited = os.environ.get(MARK)
    if inherited:
        _done = Isolation(Path(inherited), [], Snapshot({}), made_here=False)
        return _done
    real = real_folders()
    before = Snapshot.take(real)
    root = Path(tempfile.mkdtemp(prefix=prefix))
    home = root / "home"
    home.mkdir()
    os.environ["HOME"] = str(home)
    for variable, default in XDG.items():
        folder = home / default
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(folder)
    os.environ[MARK] = str(root)
    _done = Isolation(root, real, before, made_here=True)
    return _done
