"""The journal's file on disk: private permissions, the table, and errors in one line.

Why apart from `journal`: how the file is made private and how an old database is brought up
to date happen once, when a journal is opened; `Journal` itself only reads and writes entries.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from systemsim.errors import InputError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    thread      INTEGER,                -- id of the first version of this reflection
    version     INTEGER NOT NULL,       -- 1, 2, 3 ... each edit adds one
    supersedes  INTEGER REFERENCES entries(id),
    created     TEXT NOT NULL,          -- UTC, ISO 8601
    vignette_id TEXT NOT NULL,
    stage_id    TEXT NOT NULL,
    prompt_key  TEXT NOT NULL,
    prompt      TEXT NOT NULL DEFAULT '',
    language    TEXT NOT NULL,
    text        TEXT NOT NULL,
    author      TEXT
);
CREATE INDEX IF NOT EXISTS entries_place ON entries (vignette_id, stage_id, prompt_key);
CREATE INDEX IF NOT EXISTS entries_thread ON entries (thread);
"""
_UNIQUE = "CREATE UNIQUE INDEX IF NOT EXISTS entries_thread_version ON entries (thread, version)"
#: permissions: only the owner may read or enter
DIR_MODE, FILE_MODE = 0o700, 0o600
_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def journal_error(exc: BaseException, key: str, path: Path) -> InputError:
    """A sqlite or OS error as one line naming the file (read-only, corrupt, locked...)."""
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc):
        reason = "the file is not a journal database or is damaged"
    elif isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
        reason = "the file or its folder is read-only"
    elif isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        reason = "another program holds the journal locked; try again"
    elif isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
    else:
        reason = str(exc)
    return InputError(key=key, fields={"error": reason}, file=path)


def make_private(path: Path, tightened: list[str]) -> None:
    """Folder 0700 and database 0600 from the start, whatever the umask; what had to be
    tightened is added to `tightened`."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    elif folder.name == ".systemsim":  # our own folder; a folder the user chose stays theirs
        _tighten(folder, DIR_MODE, "folder", tightened)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_RDWR | getattr(os, "O_CLOEXEC", 0), FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
        finally:
            os.close(fd)


def tighten_files(path: Path, tightened: list[str]) -> None:
    """The database and its WAL, shared-memory and rollback files made 0600."""
    for suffix in _SIDE_FILES:
        p = Path(f"{path}{suffix}")
        if p.exists():
            _tighten(p, FILE_MODE, p.name, tightened)


def _tighten(p: Path, mode: int, label: str, tightened: list[str]) -> None:
    now = stat.S_IMODE(p.stat().st_mode)
    if now & ~mode & 0o077:  # group or others may read, write or enter
        os.chmod(p, mode)
        tightened.append(f"{label} {now:04o} -> {mode:04o}")


def connect(path: Path) -> sqlite3.Connection:
    """The database in WAL mode with full sync, its table made and versions made unique."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA busy_timeout=5000")
    db.executescript(_SCHEMA)
    _ensure_unique_versions(db)
    return db


def _ensure_unique_versions(db: sqlite3.Connection) -> None:
    """Add the (thread, version) constraint; an old forked history is renumbered first,
    in the order it was written, so no version is lost."""
    try:
        db.execute(_UNIQUE)
        return
    except sqlite3.IntegrityError:
        pass
    db.execute("BEGIN IMMEDIATE")
    try:
        rows = db.execute("SELECT id, thread FROM entries ORDER BY thread, id").fetchall()
        number: dict[int, int] = {}
        for entry_id, thread in rows:
            number[thread] = number.get(thread, 0) + 1
            db.execute("UPDATE entries SET version = ? WHERE id = ?", (-number[thread], entry_id))
        db.execute("UPDATE entries SET version = -version")
        db.execute(_UNIQUE)
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
