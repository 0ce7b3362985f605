"""`make lab` opens a per-user working copy: the repository's notebooks stay pristine, a
trainer's edits survive an update, and no test plumbing lands among the course pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from systemsim.errors import InputError
from systemsim.training.workcopy import (
    MANIFEST,
    content_hash,
    lab_settings,
    main,
    prepare_working_copy,
)

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"


def _notebook(source: str, outputs: list | None = None) -> str:
    cell = {"cell_type": "code", "id": "c1", "metadata": {}, "source": source,
            "execution_count": 1 if outputs else None, "outputs": outputs or []}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture
def course(tmp_path: Path) -> Path:
    src = tmp_path / "repo" / "notebooks"
    (src / "training").mkdir(parents=True)
    (src / "training" / "page.ipynb").write_text(_notebook("play_vignette('a')"))
    (src / "training" / "mine.ipynb").write_text(_notebook("journal_panel()"))
    (src / "training" / "conftest.py").write_text("import os\n")
    (src / "training" / ".ipynb_checkpoints").mkdir()
    (src / "training" / ".ipynb_checkpoints" / "page-checkpoint.ipynb").write_text("{}")
    return src


def test_the_first_copy_has_the_pages_and_no_test_plumbing(course, tmp_path):
    target = tmp_path / "home" / "systemsim-course"
    report = prepare_working_copy(course, target)
    assert sorted(report.added) == ["training/mine.ipynb", "training/page.ipynb"]
    assert not (target / "training" / "conftest.py").exists()
    assert not (target / "training" / ".ipynb_checkpoints").exists()
    assert (target / MANIFEST).exists()


def test_running_a_page_changes_only_the_working_copy_and_an_update_reaches_it(course, tmp_path):
    target = tmp_path / "course"
    prepare_working_copy(course, target)
    before = (course / "training" / "page.ipynb").read_bytes()
    # the trainer runs the page: JupyterLab saves it with outputs in the working copy
    (target / "training" / "page.ipynb").write_text(
        _notebook("play_vignette('a')", outputs=[{"output_type": "stream", "text": "x"}]))
    assert (course / "training" / "page.ipynb").read_bytes() == before
    # an update of the course changes the page: it replaces the run (unedited) copy
    (course / "training" / "page.ipynb").write_text(_notebook("play_vignette('b')"))
    report = prepare_working_copy(course, target)
    assert report.updated == ["training/page.ipynb"]
    assert "play_vignette('b')" in (target / "training" / "page.ipynb").read_text()


def test_a_trainers_edit_is_kept_and_the_new_version_put_beside_it(course, tmp_path):
    target = tmp_path / "course"
    prepare_working_copy(course, target)
    (target / "training" / "mine.ipynb").write_text(_notebook("journal_panel()  # my group"))
    (course / "training" / "mine.ipynb").write_text(_notebook("journal_panel(author='x')"))
    report = prepare_working_copy(course, target)
    assert report.new_beside == ["training/mine.ipynb"]
    assert "# my group" in (target / "training" / "mine.ipynb").read_text()
    assert "author='x'" in (target / "training" / "mine.new.ipynb").read_text()
    # nothing new upstream: a second refresh leaves both alone
    again = prepare_working_copy(course, target)
    assert again.updated == [] and "# my group" in (target / "training" / "mine.ipynb").read_text()


def test_outputs_do_not_count_as_an_edit():
    text = _notebook("x = 1")
    run = _notebook("x = 1", outputs=[{"output_type": "stream", "text": "1"}])
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    a, b = tmp / "a-workcopy.ipynb", tmp / "b-workcopy.ipynb"
    a.write_text(text)
    b.write_text(run)
    assert content_hash(a) == content_hash(b)
    b.write_text(_notebook("x = 2"))
    assert content_hash(a) != content_hash(b)


def test_the_copy_cannot_be_inside_the_repositorys_notebooks(course):
    with pytest.raises(InputError, match="outside the repository"):
        prepare_working_copy(course, course / "training")


def test_the_bundled_notebooks_hold_no_test_plumbing():
    assert not list(NOTEBOOKS.rglob("conftest.py"))
    assert not list(NOTEBOOKS.rglob("*.py"))


@pytest.mark.parametrize(("lang", "locale"), [("fi", "fi_FI"), ("sv", "en"), ("en", "en")])
def test_jupyterlab_menus_follow_the_trainers_language(tmp_path, lang, locale):
    folder = lab_settings(tmp_path, lang)
    path = folder / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    assert json.loads(path.read_text()) == {"locale": locale}


def test_the_finnish_language_pack_is_installed():
    from importlib.metadata import version

    assert version("jupyterlab-language-pack-fi-FI")


def test_the_command_line_reports_and_refuses_bad_input(course, tmp_path, capsys):
    assert main(["--source", str(course), "--target", str(tmp_path / "c"), "--lang", "sv"]) == 0
    err = capsys.readouterr().err
    assert "added" in err and "no Swedish language pack" in err
    assert main(["--source", str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["--source", str(course), "--target", str(tmp_path / "c"), "--lang", "de"]) == 2


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_opens_the_working_copy_and_allows_root(tmp_path):
    out = subprocess.run(
        ["make", "-n", "-o", "install", "lab", f"COURSE_DIR={tmp_path / 'c'}", "LAB_LANG=fi"],
        cwd=REPO, capture_output=True, text=True, check=True).stdout
    assert "systemsim.training.workcopy" in out and "--lang fi" in out
    assert f'"{tmp_path / "c"}"' in out and " notebooks\n" not in out
    assert f"JUPYTERLAB_SETTINGS_DIR=\"{tmp_path / 'c'}/.jupyterlab-settings\"" in out
    assert ("--allow-root" in out) == (os.geteuid() == 0)
