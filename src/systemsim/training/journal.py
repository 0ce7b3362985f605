"""The trainee's journal: every reflection saved the moment it is written, never lost.

Why SQLite in WAL mode with `synchronous=FULL` and one transaction per entry: when `save`
returns, the entry is on disk; a kernel killed a moment later (or a laptop whose battery
dies) loses nothing that was saved before. Editing never overwrites: it adds a new version
that points back to the one it replaces, so every earlier word can still be read.

Why the permissions: reflections are personal data, and a classroom server or a JupyterHub
has other users. The journal's folder is made 0700 and the database with its WAL and
shared-memory files 0600 whatever the umask; an existing journal that others could read is
tightened when it is opened, with a `JournalPermissionWarning` saying so. Exports are 0600 too
(`systemsim.training.export`). Opening the file, making it private and bringing an old one up
to date is done in `journal_file`.

Why an edit reads the latest version inside its `BEGIN IMMEDIATE` transaction, and why
(thread, version) is unique: two tabs editing one reflection must take turns, never fork
its history.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from systemsim.errors import InputError
from systemsim.i18n import LANGUAGES
from systemsim.training.journal_file import (
    DIR_MODE,
    FILE_MODE,
    connect,
    journal_error,
    make_private,
    tighten_files,
)
from systemsim.training.privacy import Finding, find_personal_data

ENV_VAR = "SYSTEMSIM_JOURNAL"
__all__ = [
    "DIR_MODE", "ENV_VAR", "FILE_MODE", "Entry", "Journal", "JournalPermissionWarning",
    "PersonalDataError", "default_path",
]


class JournalPermissionWarning(UserWarning):
    """An existing journal could be read by others; its permissions were tightened."""


class PersonalDataError(InputError):
    """The text looks like real personal data; save it only with `allow_personal=True`."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        kinds = ", ".join(dict.fromkeys(f.kind for f in findings))
        super().__init__(
            f"the text looks like real personal data ({kinds}); remove it, or save anyway "
            "with allow_personal=True if it is made up"
        )


def _guard(text: str, allow_personal: bool) -> None:
    if not allow_personal:
        findings = find_personal_data(text)
        if findings:
            raise PersonalDataError(findings)


def _check_language(language: str) -> None:
    """An entry's language decides which export and which prompt text it is shown with."""
    if language not in LANGUAGES:
        raise InputError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")


@dataclass(frozen=True)
class Entry:
    """One saved version of one reflection."""

    id: int
    thread: int
    version: int
    supersedes: int | None
    created: str
    vignette_id: str
    stage_id: str
    prompt_key: str
    prompt: str
    language: str
    text: str
    author: str | None


_COLUMNS = (
    "id, thread, version, supersedes, created, vignette_id, stage_id, prompt_key, prompt, "
    "language, text, author"
)


def default_path() -> Path:
    """`$SYSTEMSIM_JOURNAL` if set, else `~/.systemsim/journal.sqlite`."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else Path.home() / ".systemsim" / "journal.sqlite"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _insert(db: sqlite3.Connection, thread: int | None, version: int, supersedes: int | None,
            *fields: str | None) -> int:
    """Insert one version of an entry, created now; `fields` in the table's column order
    (vignette_id, stage_id, prompt_key, prompt, language, text, author). Returns its id."""
    cur = db.execute(
        "INSERT INTO entries (thread, version, supersedes, created, vignette_id, "
        "stage_id, prompt_key, prompt, language, text, author) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (thread, version, supersedes, _now(), *fields),
    )
    return int(cur.lastrowid)


class Journal:
    """A journal file. Cheap to open; safe to use from widget callbacks."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path else default_path()
        #: what was tightened on open ("folder 0755 -> 0700", ...), also given as a warning
        self.tightened: list[str] = []
        try:
            make_private(self.path, self.tightened)
            self._db = connect(self.path)
            tighten_files(self.path, self.tightened)
        except (OSError, sqlite3.Error) as exc:
            raise self._error(exc, "training.error.journal_open") from None
        self._lock = threading.Lock()
        if self.tightened:
            warnings.warn(
                f"{self.path}: the journal could be read by other users; permissions tightened "
                f"({'; '.join(self.tightened)})", JournalPermissionWarning, stacklevel=2)

    def _error(self, exc: BaseException, key: str) -> InputError:
        """A sqlite or OS error as one line naming the file (read-only, corrupt, locked...)."""
        return journal_error(exc, key, self.path)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing; a sqlite error becomes an `InputError` naming the file."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc, "training.error.journal_write") from None
            try:
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback()
                raise self._error(exc, "training.error.journal_write") from None
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def save(
        self,
        text: str,
        *,
        vignette_id: str,
        stage_id: str,
        prompt_key: str,
        language: str,
        prompt: str = "",
        author: str | None = None,
        allow_personal: bool = False,
    ) -> Entry:
        """Save a new reflection; when this returns, it is on disk.

        Raises `PersonalDataError` when the text looks like real personal data, unless the
        writer has confirmed it is made up (`allow_personal=True`, the "Save anyway" button).
        """
        _guard(text, allow_personal)
        _check_language(language)
        with self._transaction() as db:
            new_id = self._insert_first(db, text, vignette_id=vignette_id, stage_id=stage_id,
                                        prompt_key=prompt_key, language=language, prompt=prompt,
                                        author=author)
        return self.get(new_id)

    @staticmethod
    def _insert_first(db: sqlite3.Connection, text: str, *, vignette_id: str, stage_id: str,
                      prompt_key: str, language: str, prompt: str, author: str | None) -> int:
        new_id = _insert(db, None, 1, None, vignette_id, stage_id, prompt_key, prompt, language,
                         text, author)
        db.execute("UPDATE entries SET thread = id WHERE id = ?", (new_id,))
        return new_id

    def edit(
        self,
        entry_id: int,
        text: str,
        *,
        language: str | None = None,
        allow_personal: bool = False,
    ) -> Entry:
        """Save `text` as a new version of the entry; the old version stays readable."""
        _guard(text, allow_personal)
        if language is not None:
            _check_language(language)
        with self._transaction() as db:
            old = self._get(db, entry_id)
            latest = self._latest(db, old.thread)
            if latest.id != old.id:
                raise InputError(
                    f"entry {entry_id} has a newer version ({latest.id}); edit that one instead"
                )
            new_id = self._add_version(db, old, text, language)
        return self.get(new_id)

    @staticmethod
    def _latest(db: sqlite3.Connection, thread: int) -> Entry:
        row = db.execute(f"SELECT {_COLUMNS} FROM entries WHERE thread = ? ORDER BY version DESC "
                         "LIMIT 1", (thread,)).fetchone()
        return Entry(*row)

    @staticmethod
    def _at_prompt(db: sqlite3.Connection, vignette_id: str, stage_id: str, prompt_key: str,
                   author: str | None) -> Entry | None:
        """The last entry written at one prompt by `author` (None if none yet): the one
        place that says which reflection a prompt's text box holds."""
        row = db.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE vignette_id = ? AND stage_id = ? "
            "AND prompt_key = ? AND author IS ? ORDER BY id DESC LIMIT 1",
            (vignette_id, stage_id, prompt_key, author),
        ).fetchone()
        return Entry(*row) if row else None

    def _get(self, db: sqlite3.Connection, entry_id: int) -> Entry:
        row = db.execute(f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise InputError(f"no journal entry with id {entry_id}", file=self.path)
        return Entry(*row)

    @staticmethod
    def _add_version(db: sqlite3.Connection, old: Entry, text: str, language: str | None) -> int:
        return _insert(db, old.thread, old.version + 1, old.id, old.vignette_id, old.stage_id,
                       old.prompt_key, old.prompt, language or old.language, text, old.author)

    def write(
        self,
        text: str,
        *,
        vignette_id: str,
        stage_id: str,
        prompt_key: str,
        language: str,
        prompt: str = "",
        author: str | None = None,
        allow_personal: bool = False,
    ) -> Entry | None:
        """Save what a text box holds: a new entry, or a new version of the one it had.

        Returns None when nothing changed (same text as the latest version).
        """
        _guard(text, allow_personal)
        _check_language(language)
        with self._transaction() as db:  # read and write in one turn: two tabs never fork
            last = self._at_prompt(db, vignette_id, stage_id, prompt_key, author)
            if last is None:
                if not text.strip():
                    return None
                new_id = self._insert_first(db, text, vignette_id=vignette_id, stage_id=stage_id,
                                            prompt_key=prompt_key, language=language,
                                            prompt=prompt, author=author)
            else:
                current = self._latest(db, last.thread)
                if current.text == text:
                    return None
                new_id = self._add_version(db, current, text, language)
        return self.get(new_id)

    def get(self, entry_id: int) -> Entry:
        return self._get(self._db, entry_id)

    def versions(self, thread: int) -> list[Entry]:
        """Every version of one reflection, oldest first."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE thread = ? ORDER BY version", (thread,)
        ).fetchall()
        return [Entry(*r) for r in rows]

    def current(
        self, vignette_id: str, stage_id: str, prompt_key: str, *, author: str | None = None
    ) -> Entry | None:
        """The latest version of the reflection written at one prompt (None if none yet)."""
        return self._at_prompt(self._db, vignette_id, stage_id, prompt_key, author)

    def entries(self, *, vignette_id: str | None = None, all_versions: bool = False) -> list[Entry]:
        """Saved reflections in the order written (latest version of each unless asked)."""
        sql = f"SELECT {_COLUMNS} FROM entries"
        where, args = [], []
        if vignette_id is not None:
            where.append("vignette_id = ?")
            args.append(vignette_id)
        if not all_versions:
            where.append("id = (SELECT MAX(id) FROM entries e2 WHERE e2.thread = entries.thread)")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY thread, version"
        return [Entry(*r) for r in self._db.execute(sql, args).fetchall()]
