"""The laptop's photo folder names nothing: no file or folder name tells which photo it holds."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from app.store.database import Database
from app.store.keys import FAST_TEST_KDF
from tests.conftest import PASSWORD

PHOTOS = [f"photo {n} of a household".encode() * (n + 1) for n in range(6)]


def _names(folder: Path) -> list[str]:
    """Every file and folder name below the blob folder (temporary ones included)."""
    return [p.name for p in folder.rglob("*")]


def _old_layout(db: Database, shas: list[str]) -> None:
    """Put the files back as the earlier program named them: `<sha[:2]>/<sha>`."""
    for sha in shas:
        old = db.blobs.folder / sha[:2] / sha
        old.parent.mkdir(exist_ok=True)
        os.replace(db.blobs.path_of(sha), old)


def _shows_a_hash(names: list[str], shas: list[str]) -> list[str]:
    """The names that carry 8 or more characters of a content's sha256 (or of its md5)."""
    marks = [h[i : i + 8] for h in shas for i in range(0, 57)]
    marks += [hashlib.md5(p).hexdigest()[:8] for p in PHOTOS]
    return [n for n in names if any(m in n for m in marks)]


def test_file_names_say_nothing_of_the_content(db: Database) -> None:
    shas = [db.blobs.put(p) for p in PHOTOS]
    assert shas == [hashlib.sha256(p).hexdigest() for p in PHOTOS]
    names = _names(db.blobs.folder)
    assert len([n for n in names if n.endswith(".fvb")]) == len(PHOTOS)
    assert _shows_a_hash(names, shas) == []
    assert [db.blobs.get(s) for s in shas] == PHOTOS


def test_the_same_photo_gets_another_name_on_another_laptop(db: Database, tmp_path: Path) -> None:
    other = Database.create(tmp_path / "other.db", PASSWORD, kdf=FAST_TEST_KDF)
    try:
        sha = db.blobs.put(PHOTOS[0])
        assert other.blobs.put(PHOTOS[0]) == sha
        assert db.blobs.path_of(sha).name != other.blobs.path_of(sha).name
    finally:
        other.close()


def test_files_of_the_old_layout_are_renamed_when_the_database_opens(
    db: Database, db_path: Path
) -> None:
    shas = [db.blobs.put(p) for p in PHOTOS]
    _old_layout(db, shas)
    db.close()
    reopened = Database.open(db_path, PASSWORD)
    try:
        assert _shows_a_hash(_names(reopened.blobs.folder), shas) == []
        assert [reopened.blobs.get(s) for s in shas] == PHOTOS
    finally:
        reopened.close()


def test_a_rename_broken_off_is_finished_at_the_next_opening(db: Database, db_path: Path) -> None:
    shas = [db.blobs.put(p) for p in PHOTOS]
    _old_layout(db, shas[:3])  # the other three were renamed before the program died
    assert db.blobs.rename_old_files() == 3
    assert db.blobs.rename_old_files() == 0  # a second run changes nothing
    db.close()
    reopened = Database.open(db_path, PASSWORD)
    try:
        assert _shows_a_hash(_names(reopened.blobs.folder), shas) == []
        assert [reopened.blobs.get(s) for s in shas] == PHOTOS
    finally:
        reopened.close()
