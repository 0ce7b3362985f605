"""The journal keeps every word: versions on edit, and nothing lost when a process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import systemsim
from systemsim.errors import InputError
from systemsim.training import Journal
from systemsim.training.journal import default_path

PLACE = {"vignette_id": "v", "stage_id": "s", "prompt_key": "waiit.0", "language": "fi"}


def test_save_and_read_back(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        e = j.save("Ajattelen, että äiti on väsynyt.", prompt="Mitä oletan?", author="A", **PLACE)
        assert e.version == 1 and e.thread == e.id
        assert e.created.endswith("+00:00")
        assert j.get(e.id).text == "Ajattelen, että äiti on väsynyt."
        mode = j._db.execute("PRAGMA journal_mode").fetchone()[0]
        sync = j._db.execute("PRAGMA synchronous").fetchone()[0]
        assert (mode, sync) == ("wal", 2)


def test_edit_adds_a_version_and_keeps_the_old(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        first = j.save("first", **PLACE)
        second = j.edit(first.id, "second")
        assert (second.version, second.supersedes, second.thread) == (2, first.id, first.id)
        assert [e.text for e in j.versions(first.thread)] == ["first", "second"]
        assert [e.text for e in j.entries()] == ["second"]
        assert [e.text for e in j.entries(all_versions=True)] == ["first", "second"]
        # editing an old version would silently fork the story: refused
        try:
            j.edit(first.id, "third")
        except Exception as exc:  # noqa: BLE001
            assert "newer version" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("editing an old version should be refused")


def test_write_saves_only_changes(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        assert j.write("", **PLACE) is None
        a = j.write("one", **PLACE)
        assert j.write("one", **PLACE) is None
        b = j.write("one two", **PLACE)
        assert b.supersedes == a.id
        assert j.current("v", "s", "waiit.0").text == "one two"
        assert j.current("v", "s", "waiit.0", author="someone") is None


def test_default_path_follows_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SYSTEMSIM_JOURNAL", str(tmp_path / "x.sqlite"))
    assert default_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("SYSTEMSIM_JOURNAL")
    assert default_path() == Path.home() / ".systemsim" / "journal.sqlite"


WRITER = textwrap.dedent(
    """
    import sys
    from systemsim.training import Journal
    j = Journal(sys.argv[1])
    i = 0
    while True:
        text = f"reflection {i}: " + "sana " * (i % 50) + "ääkköset åäö"
        e = j.save(text, vignette_id="kill", stage_id="s", prompt_key=f"p{i}", language="fi")
        if i % 3 == 0:
            j.edit(e.id, text + " (edited)")
        print(e.id, i, flush=True)
        i += 1
    """
)


@pytest.mark.slow
def test_killed_writer_loses_nothing_it_reported_saved(tmp_path):
    db = tmp_path / "kill.sqlite"
    src = str(Path(systemsim.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True, env=env
    )
    reported: list[tuple[int, int]] = []
    deadline = time.monotonic() + 20
    try:
        assert proc.stdout is not None
        while len(reported) < 120 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            entry_id, i = map(int, line.split())
            reported.append((entry_id, i))
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # mid-write: the writer never stops by itself
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    assert len(reported) >= 20, "the writer saved too little before the kill"

    with Journal(db) as j:
        assert j._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for entry_id, i in reported:
            e = j.get(entry_id)
            assert e.text == f"reflection {i}: " + "sana " * (i % 50) + "ääkköset åäö"
            assert e.prompt_key == f"p{i}"
            if i % 3 == 0:
                assert j.versions(e.thread)[-1].text.endswith("(edited)")
        # the journal still takes new entries after the crash
        j.save("after the crash", **PLACE)


def test_journal_refuses_personal_data_unless_confirmed(tmp_path):
    from systemsim.training import PersonalDataError

    with Journal(tmp_path / "j.sqlite") as j:
        try:
            j.save("Äidin numero on 040 123 4567", **PLACE)
        except PersonalDataError as exc:
            assert [f.kind for f in exc.findings] == ["phone"]
        else:  # pragma: no cover
            raise AssertionError("personal data was saved without confirmation")
        assert j.entries() == []
        e = j.save("Äidin numero on 040 123 4567", allow_personal=True, **PLACE)
        assert j.get(e.id).text.endswith("4567")


def test_journal_refuses_a_landline_unless_confirmed(tmp_path):
    from systemsim.training import PersonalDataError

    text = "Soitin mummolle numeroon 09 310 12345, ja hän lupasi tulla."
    with Journal(tmp_path / "j.sqlite") as j:
        first = j.save("Mummo lupasi tulla.", **PLACE)
        for attempt in (
            lambda: j.save(text, **PLACE),
            lambda: j.edit(first.id, text),
            lambda: j.write(text, **PLACE),
        ):
            try:
                attempt()
            except PersonalDataError as exc:
                assert [(f.kind, f.text) for f in exc.findings] == [("landline", "09 310 12345")]
                assert "landline" in str(exc)
            else:  # pragma: no cover
                raise AssertionError("a landline number was saved without confirmation")
        assert [e.text for e in j.entries(all_versions=True)] == ["Mummo lupasi tulla."]
        e = j.write(text, allow_personal=True, **PLACE)
        assert j.get(e.id).text == text and e.version == 2


def test_an_unknown_language_is_refused_on_save_and_on_edit(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        with pytest.raises(InputError, match="language 'de' is not one of fi, sv, en"):
            j.save("text", **{**PLACE, "language": "de"})
        first = j.save("first", **PLACE)
        with pytest.raises(InputError, match="language 'de' is not one of fi, sv, en"):
            j.edit(first.id, "second", language="de")
        assert [e.text for e in j.entries(all_versions=True)] == ["first"]  # nothing half-saved
        assert j.edit(first.id, "second", language="sv").language == "sv"
