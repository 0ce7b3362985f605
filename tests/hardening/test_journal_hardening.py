"""The journal is private on a shared machine, keeps one history under two editors, and fails
with a clear line. Permissions are checked as mode bits, so the tests hold when run as root."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from systemsim.errors import InputError
from systemsim.training.export import export_journal
from systemsim.training.journal import Journal, JournalPermissionWarning

from .conftest import cli_env

PLACE = {"vignette_id": "v", "stage_id": "s", "prompt_key": "p", "language": "en"}


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_new_journal_is_private_whatever_the_umask(tmp_path, open_umask):
    path = tmp_path / "home" / ".systemsim" / "journal.sqlite"
    with Journal(path) as j:
        j.save("A first reflection.", **PLACE)
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert mode(path.parent) == 0o700
        assert {f.name: mode(f) for f in files if f.exists()} == {f.name: 0o600 for f in files
                                                                  if f.exists()}
        assert Path(f"{path}-wal").exists()
        out = export_journal(j, tmp_path / "export.md")
    assert mode(Path(out)) == 0o600


def test_an_open_journal_is_tightened_and_says_so(tmp_path):
    path = tmp_path / ".systemsim" / "journal.sqlite"
    with Journal(path) as j:
        j.save("Text.", **PLACE)
    os.chmod(path.parent, 0o755)
    os.chmod(path, 0o644)
    with pytest.warns(JournalPermissionWarning, match="permissions tightened") as warned:
        j = Journal(path)
    j.close()
    assert "journal.sqlite 0644 -> 0600" in str(warned[0].message)
    assert "folder 0755 -> 0700" in str(warned[0].message)
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert j.tightened


def test_a_private_journal_opens_without_a_warning(tmp_path, recwarn):
    path = tmp_path / ".systemsim" / "journal.sqlite"
    Journal(path).close()
    Journal(path).close()
    assert not [w for w in recwarn if issubclass(w.category, JournalPermissionWarning)]


def test_versions_are_unique_per_reflection(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        first = j.save("One.", **PLACE)
        with pytest.raises(sqlite3.IntegrityError):
            j._db.execute(
                "INSERT INTO entries (thread, version, created, vignette_id, stage_id, prompt_key,"
                " language, text) VALUES (?, 1, 'x', 'v', 's', 'p', 'en', 'fork')", (first.thread,))


def test_an_old_forked_history_is_renumbered_not_lost(tmp_path):
    path = tmp_path / "old.sqlite"
    with Journal(path) as j:
        first = j.save("One.", **PLACE)
        j.edit(first.id, "Two.")
        j._db.execute("DROP INDEX entries_thread_version")
        j._db.execute(  # what two tabs used to leave behind: a second version 2
            "INSERT INTO entries (thread, version, supersedes, created, vignette_id, stage_id, "
            "prompt_key, language, text) VALUES (?, 2, ?, 'x', 'v', 's', 'p', 'en', 'Fork.')",
            (first.thread, first.id))
    with Journal(path) as j:
        versions = j.versions(first.thread)
    assert [(v.version, v.text) for v in versions] == [(1, "One."), (2, "Two."), (3, "Fork.")]


EDITOR = """
import sys
from systemsim.training.journal import Journal
path, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with Journal(path) as j:
    for i in range(n):
        j.write(f"{name} {i}", vignette_id="v", stage_id="s", prompt_key="p", language="en")
"""


@pytest.mark.slow
def test_two_editors_in_two_processes_never_fork_the_history(tmp_path):
    path = tmp_path / "shared.sqlite"
    with Journal(path) as j:
        first = j.save("Start.", **PLACE)
    n = 150
    editors = [subprocess.Popen([sys.executable, "-c", EDITOR, str(path), name, str(n)],
                                env=cli_env(), stderr=subprocess.PIPE, text=True)
               for name in ("tab-a", "tab-b")]
    for editor in editors:
        _, err = editor.communicate(timeout=300)
        assert editor.returncode == 0, err
    with Journal(path) as j:
        versions = j.versions(first.thread)
        assert len(j.entries()) == 1  # one reflection, not two
    assert [v.version for v in versions] == list(range(1, 2 * n + 2))
    assert all(b.supersedes == a.id for a, b in zip(versions, versions[1:], strict=False))
    assert {v.text for v in versions} >= {f"tab-a {n - 1}", f"tab-b {n - 1}"}


def test_editing_an_old_version_is_refused(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        first = j.save("One.", **PLACE)
        j.edit(first.id, "Two.")
        with pytest.raises(InputError, match="has a newer version"):
            j.edit(first.id, "Fork.")


def test_a_corrupt_journal_is_one_line_naming_the_file(tmp_path):
    path = tmp_path / "journal.sqlite"
    path.write_bytes(b"this is not a database, just some text " * 200)
    with pytest.raises(InputError) as info:
        Journal(path)
    assert str(info.value) == (f"{path}: cannot open the journal (the file is not a journal "
                               "database or is damaged)")


def test_a_read_only_journal_is_one_line_naming_the_file(tmp_path):
    # query_only makes SQLite refuse writes as a read-only file does, also for root
    path = tmp_path / "journal.sqlite"
    with Journal(path) as j:
        j.save("One.", **PLACE)
        j._db.execute("PRAGMA query_only = ON")
        with pytest.raises(InputError) as info:
            j.save("Two.", **PLACE)
        assert str(info.value) == (f"{path}: cannot save to the journal (the file or its folder "
                                   "is read-only)")
        assert info.value.describe("fi").startswith(f"{path}: pohdintaa ei voitu tallentaa")
        assert len(j.entries()) == 1


def test_a_folder_the_user_chose_for_the_journal_is_left_as_it_is(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    os.chmod(folder, 0o755)
    Journal(folder / "journal.sqlite").close()
    assert mode(folder) == 0o755 and mode(folder / "journal.sqlite") == 0o600


def test_a_journal_made_private_is_told_on_the_page_once_in_the_readers_words(tmp_path):
    """The trainee learns it in their language where they write, not as a Python warning."""
    import warnings

    from systemsim.i18n import get_language, set_language
    from systemsim.ui.journal_panel import JournalSource, ReflectionBox

    before = get_language()
    set_language("en")
    path = tmp_path / ".systemsim" / "journal.sqlite"
    with Journal(path) as j:
        j.save("Text.", **PLACE)
    os.chmod(path.parent, 0o755)
    os.chmod(path, 0o644)
    source = JournalSource(path)
    box = ReflectionBox(source, vignette_id="v", stage_id="s", prompt_key="waiit.0",
                        prompt=lambda lang: "Who am I?")
    with warnings.catch_warnings():
        warnings.simplefilter("error", JournalPermissionWarning)  # no raw warning on the page
        box.area.value = "First thought."
    assert "could be read by other users" in box.status.value and "private to you" in box.status.value
    assert mode(path) == 0o600
    box.area.value = "Second thought."
    assert "Saved" in box.status.value and "other users" not in box.status.value
    set_language(before)
