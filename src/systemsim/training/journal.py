"""The trainee's journal: every reflection saved the moment it is written, never lost.

Why SQLite in WAL mode with `synchronous=FULL` and one transaction per entry: when `save`
returns, the entry is on disk; a kernel killed a moment later (or a laptop whose battery
dies) loses nothing that was saved before. Editing never overwrites: it adds a new version
that points back to the one it replaces, so every earlier word can still be read.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from systemsim.errors import InputError
from systemsim.i18n import LANGUAGES
from systemsim.training.privacy import Finding, find_personal_data

ENV_VAR = "SYSTEMSIM_JOURNAL"

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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.DatabaseError) as exc:
            fields = {"error": str(exc)}
            raise InputError(key="training.error.journal_open", fields=fields, file=self.path) from None
        self._lock = threading.Lock()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

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
            new_id = _insert(db, None, 1, None, vignette_id, stage_id, prompt_key, prompt,
                             language, text, author)
            db.execute("UPDATE entries SET thread = id WHERE id = ?", (new_id,))
        return self.get(new_id)

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
        old = self.get(entry_id)
        latest = self.versions(old.thread)[-1]
        if latest.id != old.id:
            raise InputError(
                f"entry {entry_id} has a newer version ({latest.id}); edit that one instead"
            )
        with self._transaction() as db:
            new_id = _insert(db, old.thread, old.version + 1, old.id, old.vignette_id,
                             old.stage_id, old.prompt_key, old.prompt, language or old.language,
                             text, old.author)
        return self.get(new_id)

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
        current = self.current(vignette_id, stage_id, prompt_key, author=author)
        if current is None:
            if not text.strip():
                return None
            return self.save(
                text,
                vignette_id=vignette_id,
                stage_id=stage_id,
                prompt_key=prompt_key,
                language=language,
                prompt=prompt,
                author=author,
                allow_personal=allow_personal,
            )
        if current.text == text:
            return None
        return self.edit(current.id, text, language=language, allow_personal=allow_personal)

    def get(self, entry_id: int) -> Entry:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        if row is None:
            raise InputError(f"no journal entry with id {entry_id}", file=self.path)
        return Entry(*row)

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
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE vignette_id = ? AND stage_id = ? "
            "AND prompt_key = ? AND author IS ? ORDER BY id DESC LIMIT 1",
            (vignette_id, stage_id, prompt_key, author),
        ).fetchone()
        return Entry(*row) if row else None

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
