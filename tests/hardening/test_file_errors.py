"""Files that cannot be written or read are one line and exit 2, and nothing is half-written."""

from __future__ import annotations

import importlib.util
import os
import stat

import pytest

from systemsim.errors import InputError
from systemsim.yamlio import write_text_atomic

from .conftest import ROOT, TYPICAL, cli

FAMILY = ROOT / "scenarios" / "families" / "korhonen.yaml"


def one_line(out) -> str:
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    return lines[0]


@pytest.mark.slow
def test_genogram_onto_an_existing_folder(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    line = one_line(cli("genogram", str(FAMILY), "--html", str(folder)))
    assert line == f"systemsim: error: {folder}: --html: is a folder; give a file name such as genogram.html"
    assert list(folder.iterdir()) == []


@pytest.mark.slow
def test_genogram_under_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    line = one_line(cli("genogram", str(FAMILY), "--html", str(blocker / "g.html")))
    assert "a part of the path is a file, not a folder" in line


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("kaleido") is not None, reason="kaleido installed")
def test_missing_image_engine_is_told_in_english_whatever_the_language(tmp_path):
    line = one_line(cli("genogram", str(FAMILY), "--html", str(tmp_path / "g.png"), "--lang", "fi"))
    assert "needs the kaleido package" in line


@pytest.mark.slow
def test_report_refuses_outputs_it_cannot_write_before_running(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    line = one_line(cli("report", str(TYPICAL), "--html", str(blocker / "r.html"),
                        "--years", "1", "--replications", "1"))
    assert "--html: cannot write here" in line
    html = tmp_path / "report.html"
    line = one_line(cli("report", str(TYPICAL), "--html", str(html), "--csv", str(blocker / "csv"),
                        "--years", "1", "--replications", "1"))
    assert "--csv: cannot write here" in line
    assert not html.exists()  # nothing half-done
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


@pytest.mark.slow
def test_report_and_tables_are_written_whole_and_readable_by_others(tmp_path):
    html, csv = tmp_path / "report.html", tmp_path / "tables"
    out = cli("report", str(TYPICAL), "--html", str(html), "--csv", str(csv), "--years", "1",
              "--replications", "1")
    assert out.returncode == 0, out.stderr
    assert stat.S_IMODE(html.stat().st_mode) == 0o644  # a public document, by choice
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in csv.iterdir()} == {
        n: 0o644 for n in ("yearly.csv", "summary.csv", "flows.csv", "caseloads.csv")}
    assert not [p for p in tmp_path.rglob(".*")]  # no temporary files left


def test_an_interrupted_write_keeps_the_old_file(tmp_path, monkeypatch):
    p = tmp_path / "export.md"
    write_text_atomic(p, "old text")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(InputError, match="cannot write"):
        write_text_atomic(p, "new text")
    assert p.read_text() == "old text"
    assert [q.name for q in tmp_path.iterdir()] == ["export.md"]


def test_private_files_are_0600_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        write_text_atomic(tmp_path / "a.md", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.md").stat().st_mode) == 0o600


@pytest.mark.slow
def test_unreadable_scenario_in_the_cli_is_one_line(tmp_path):
    # a FIFO stands in for an unreadable file here: mode 000 does not stop root
    fifo = tmp_path / "s.yaml"
    os.mkfifo(fifo)
    line = one_line(cli("run", str(fifo), "--years", "1", timeout=60))
    assert line == (f"systemsim: error: {fifo}: is not a regular file (a device, pipe or socket); "
                    "give a text file")

