"""Shared fixtures: a fictional test vignette that can be broken one way at a time."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from systemsim.yamlio import dump_yaml, read_yaml

DATA = Path(__file__).parent / "data"
GOOD = DATA / "vignettes" / "test_home_visit.yaml"


@pytest.fixture
def good_data() -> dict:
    """The test vignette as plain data, to change before writing it out."""
    return copy.deepcopy(read_yaml(GOOD))


@pytest.fixture
def write_vignette(tmp_path: Path):
    """Write vignette data to `<tmp>/vignettes/<id>.yaml` next to a copy of the families."""
    shutil.copytree(DATA / "families", tmp_path / "families")
    (tmp_path / "vignettes").mkdir()

    def write(data: dict, name: str | None = None) -> Path:
        path = tmp_path / "vignettes" / f"{name or data.get('id', 'broken')}.yaml"
        path.write_text(dump_yaml(data), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _english_and_isolated_journal(tmp_path, monkeypatch):
    """Tests speak English, never touch the user's real journal, and leave no listeners behind."""
    import systemsim.i18n as i18n
    from systemsim.ui import journal_panel, trainer_mode

    before = i18n.get_language()
    listeners = (
        list(i18n._listeners),
        list(trainer_mode._listeners),
        list(journal_panel._saved_listeners),
    )
    i18n.set_language("en")
    monkeypatch.setenv("SYSTEMSIM_JOURNAL", str(tmp_path / "journal.sqlite"))
    yield
    i18n._listeners[:] = listeners[0]
    trainer_mode._listeners[:] = listeners[1]
    journal_panel._saved_listeners[:] = listeners[2]
    trainer_mode.set_trainer_mode(False)
    i18n.set_language(before)
