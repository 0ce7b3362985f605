"""A panel listens while it is open: closing it, or running its notebook cell again, lets go."""

from __future__ import annotations

import pytest

import systemsim.i18n as i18n
from systemsim.training.vignette import load_vignette
from systemsim.ui import journal_panel as journal_module
from systemsim.ui import lifetime, trainer_mode
from systemsim.ui.journal_panel import journal_panel
from systemsim.ui.language import language_switch
from systemsim.ui.lifetime import close_tree
from systemsim.ui.trainer_guide import trainer_guide
from systemsim.ui.trainer_mode import trainer_mode_toggle
from systemsim.ui.vignette_author import example_problems, template_message, vignette_checker
from systemsim.ui.vignette_player import VignettePlayer, error_box

from .conftest import GOOD


def listening() -> int:
    return (len(i18n._listeners) + len(trainer_mode._listeners)
            + len(journal_module._saved_listeners))


PANELS = {
    "language switch": lambda tmp: language_switch(),
    "trainer mode": lambda tmp: trainer_mode_toggle(),
    "trainer guide": lambda tmp: trainer_guide(),
    "vignette checker": lambda tmp: vignette_checker(tmp / "none.yaml"),
    "example problems": lambda tmp: example_problems(),
    "template message": lambda tmp: template_message(tmp, "mine"),
    "journal": lambda tmp: journal_panel(tmp / "j.sqlite"),
    "error box": lambda tmp: error_box(ValueError("broken")),
    "vignette player": lambda tmp: VignettePlayer(load_vignette(GOOD), journal=tmp / "p.sqlite"),
}


@pytest.mark.parametrize("name", PANELS)
def test_a_closed_panel_stops_listening(name, tmp_path, monkeypatch):
    monkeypatch.setattr(lifetime, "current_run", lambda: None)
    before = listening()
    panel = PANELS[name](tmp_path)
    assert listening() > before
    close_tree(panel)
    assert listening() == before
    i18n.set_language("sv")  # nothing closed is asked to relabel (it would fail or leak)


def test_running_a_cell_again_closes_what_its_last_run_made(tmp_path, monkeypatch):
    run = {"now": ("cell-a", "run-1")}
    monkeypatch.setattr(lifetime, "current_run", lambda: run["now"])
    before = listening()
    first = vignette_checker(tmp_path / "none.yaml")
    toggle = trainer_mode_toggle()  # two panels from one run of the cell: both stay
    assert first.comm is not None and toggle.comm is not None
    run["now"] = ("cell-b", "run-2")
    elsewhere = trainer_mode_toggle()
    run["now"] = ("cell-a", "run-3")  # the trainer runs the first cell again
    again = vignette_checker(tmp_path / "none.yaml")
    assert first.comm is None and toggle.comm is None
    assert all(child.comm is None for child in first.children)  # the whole panel went
    assert again.comm is not None and elsewhere.comm is not None
    one_checker, one_toggle = 1, 2  # language; language and trainer mode
    assert listening() == before + one_checker + one_toggle
    i18n.set_language("fi")
    assert again.children[0].children[1].description == i18n.t("training.author.check", "fi")


def test_without_cells_nothing_is_closed_for_you(tmp_path, monkeypatch):
    """Voilà, nbval and scripts say no cell: every panel lives until it is closed."""
    monkeypatch.setattr(lifetime, "current_run", lambda: None)
    first = vignette_checker(tmp_path / "none.yaml")
    second = vignette_checker(tmp_path / "none.yaml")
    assert first.comm is not None and second.comm is not None


def test_outside_a_notebook_there_is_no_cell():
    assert lifetime.current_run() is None
