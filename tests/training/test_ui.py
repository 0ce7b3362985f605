"""The widgets work without a browser: stages, choices, journal boxes, language, trainer mode."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pytest
import repo_paths

from systemsim.i18n import set_language
from systemsim.training import Journal, load_vignette
from systemsim.ui.journal_panel import JournalSource, ReflectionBox, journal_panel
from systemsim.ui.language import Message, Words, language_switch
from systemsim.ui.trainer_mode import is_trainer_mode, set_trainer_mode, trainer_mode_toggle
from systemsim.ui.vignette_player import VignettePlayer, play_vignette

GOOD = Path(__file__).parent / "data" / "vignettes" / "test_home_visit.yaml"


def _html(widget) -> str:
    """All HTML text inside a widget tree."""
    out = []
    stack = [widget]
    while stack:
        w = stack.pop()
        if isinstance(w, widgets.HTML):
            out.append(w.value)
        if isinstance(w, widgets.Button):
            out.append(w.description)
        stack.extend(getattr(w, "children", ()))
    return "\n".join(out)


def _text(widget) -> str:
    """What the reader sees of one HTML widget: its value with the entities unescaped."""
    return html.unescape(widget.value)


def _buttons(widget) -> dict[str, widgets.Button]:
    found, stack = {}, [widget]
    while stack:
        w = stack.pop()
        if isinstance(w, widgets.Button):
            found[w.description] = w
        stack.extend(getattr(w, "children", ()))
    return found


@pytest.fixture
def player(tmp_path, monkeypatch):
    from systemsim.ui import vignette_player

    monkeypatch.setattr(vignette_player, "display", lambda _item: None)
    p = VignettePlayer(load_vignette(GOOD), journal=tmp_path / "j.sqlite")
    yield p
    set_trainer_mode(False)


def test_player_walks_a_path_and_records_the_choice(player, tmp_path):
    page = _html(player)
    assert "The concern arrives" in page and "Who am I in this?" in page
    assert "class · culture" in page
    assert "Let the group talk" not in page  # facilitator notes hidden for trainees
    _buttons(player)["A letter and an office appointment"].click()
    assert player.stage.id == "no_show"
    assert "Nobody comes." in _html(player)  # the consequence is told
    _buttons(player)["Next stage →"].click()
    assert player.stage.id == "home_visit"
    page = _html(player)
    assert "What are we worried about?" in page and "Grandmother helps" in page
    assert "Reflecting team" in page
    _buttons(player)["← Back"].click()
    assert player.stage.id == "no_show"
    with Journal(tmp_path / "j.sqlite") as j:
        assert [e.text for e in j.entries()] == ["A letter and an office appointment"]


def test_trainer_mode_shows_notes_and_jump(player):
    toggle = trainer_mode_toggle()
    toggle.value = True
    assert is_trainer_mode()
    page = _html(player)
    assert "Let the group talk about their assumptions" in page
    assert any(isinstance(w, widgets.Dropdown) for w in player.nav.children)


def test_language_switch_relabels_everything(player):
    switch = language_switch()
    other = language_switch()
    switch.value = "fi"
    assert other.value == "fi"
    page = _html(player)
    assert "Huoli saapuu" in page and "Kuka minä olen tässä?" in page
    switch.value = "sv"
    assert "Vem är jag i det här?" in _html(player)
    set_language("en")
    assert switch.value == "en"


def test_a_message_tells_its_parts_in_the_language_asked_for():
    """A nested message and words written beforehand follow the language like the rest."""
    written = Words({"fi": "ensi vuonna", "sv": "nästa år", "en": "next year"})
    said = Message("genogram.editor.bad_year", {"field": Message("genogram.editor.born"),
                                                "value": written})
    assert said.text("fi") == "Syntymävuosi: kirjoita vuosiluku, esim. 2015 (nyt: ensi vuonna)"
    assert said.text("sv") == "Födelseår: skriv ett årtal, t.ex. 2015 (nu: nästa år)"
    assert said.text() == "Year of birth: write a year such as 2015 (now: next year)"
    assert Words.each(str.upper).text("sv") == "SV"


def test_reflection_box_saves_versions_and_guards_privacy(tmp_path):
    source = JournalSource(tmp_path / "j.sqlite")
    box = ReflectionBox(source, vignette_id="v", stage_id="s", prompt_key="waiit.0",
                        prompt=lambda lang: "Who am I?")
    box.area.value = "I felt protective."
    assert "Saved" in box.status.value and "version 1" in box.status.value
    box.area.value = "I felt protective. Call her on 040 123 4567."
    assert "NOT been saved" in box.warning.value
    assert box.warning_row.layout.display == "flex"
    assert source.get().current("v", "s", "waiit.0").text == "I felt protective."
    box.anyway.click()
    assert "version 2" in box.status.value
    assert box.warning_row.layout.display == "none"
    # a new box at the same prompt shows what was saved
    again = ReflectionBox(source, vignette_id="v", stage_id="s", prompt_key="waiit.0",
                          prompt=lambda lang: "Who am I?")
    assert again.area.value.endswith("040 123 4567.")


@pytest.mark.parametrize(
    ("lang", "named"),
    [("fi", "lankapuhelinnumero"), ("sv", "fast telefonnummer"), ("en", "a landline number")],
)
def test_reflection_box_names_a_landline_in_the_trainees_language(tmp_path, lang, named):
    set_language(lang)
    source = JournalSource(tmp_path / "j.sqlite")
    box = ReflectionBox(source, vignette_id="v", stage_id="s", prompt_key="waiit.0",
                        prompt=lambda lang: "Who am I?")
    box.area.value = "Ring mormor på 08-123 456 78."
    assert named in box.warning.value
    assert box.warning_row.layout.display == "flex"
    assert source.get().current("v", "s", "waiit.0") is None
    box.anyway.click()
    assert source.get().current("v", "s", "waiit.0").text == "Ring mormor på 08-123 456 78."


def _first(widget, kind):
    stack = [widget]
    while stack:
        w = stack.pop(0)
        if isinstance(w, kind):
            return w
        stack.extend(getattr(w, "children", ()))
    raise LookupError(kind)


def test_privacy_warning_and_saved_status_follow_the_language_switch(player):
    switch = language_switch()
    box = _first(player.body, ReflectionBox)
    box.area.value = "Call her on 040 123 4567."
    assert "NOT been saved" in _text(box.warning) and "a phone number" in _text(box.warning)
    switch.value = "fi"
    box = _first(player.body, ReflectionBox)  # the same box, kept across the redraw
    assert "EI ole vielä tallennettu" in _text(box.warning) and "puhelinnumero" in _text(box.warning)
    assert "NOT been saved" not in _text(box.warning) and "phone" not in _text(box.warning)
    assert box.warning_row.layout.display == "flex"
    assert "Tallenna silti" in _html(player)
    box.area.value = "Mietin, kuka minä olen tässä."
    assert "Tallennettu klo" in _text(box.status) and "(versio 1)" in _text(box.status)
    assert box.warning.value == "" and box.warning_row.layout.display == "none"
    switch.value = "sv"
    assert "Sparad kl." in _text(box.status) and "(version 1)" in _text(box.status)
    assert "Tallennettu" not in _text(box.status)


def test_a_box_on_another_stage_is_in_the_new_language_when_the_group_comes_back(player):
    box = _first(player.body, ReflectionBox)
    box.area.value = "Call her on 040 123 4567."
    _buttons(player)["A letter and an office appointment"].click()
    language_switch().value = "sv"  # switched while the box is not on the page
    _buttons(player)["← Tillbaka"].click()
    assert _first(player.body, ReflectionBox) is box
    assert "INTE sparad ännu" in _text(box.warning) and "telefonnummer" in _text(box.warning)
    assert "NOT been saved" not in _text(box.warning)


def test_scale_and_save_errors_are_told_again_in_the_new_language(player, monkeypatch):
    from systemsim.ui.journal_panel import ScaleBox

    player.go("home_visit")
    scale = _first(player.body, ScaleBox)
    scale.slider.value = 7
    assert "Your rating 7/10 is saved." in _text(scale.status)
    language_switch().value = "fi"
    scale = _first(player.body, ScaleBox)
    assert "Arviosi 7/10 on tallennettu." in _text(scale.status)
    # a journal that cannot be opened: the error is told in the language of the moment
    box = _first(player.body, ReflectionBox)
    broken = player.source.path.parent / "a_folder"
    broken.mkdir()
    monkeypatch.setattr(player.source, "_journal", None)
    monkeypatch.setattr(player.source, "path", broken)
    box.area.value = "Ajatus."
    assert "Tallennus epäonnistui: " in _text(box.status)
    assert "päiväkirjaa ei voi avata" in _text(box.status)
    language_switch().value = "sv"
    assert "Det gick inte att spara: " in _text(box.status)
    assert "dagboken kan inte öppnas" in _text(box.status)
    assert "päiväkirjaa" not in _text(box.status)


def test_reading_never_creates_a_journal_file(tmp_path):
    path = tmp_path / "none.sqlite"
    VignettePlayer(load_vignette(GOOD), journal=path)
    journal_panel(path)
    assert not path.exists()


def test_journal_panel_exports(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        j.save("<script>x</script>", vignette_id="v", stage_id="s", prompt_key="k", language="en")
    panel = journal_panel(tmp_path / "j.sqlite", folder=tmp_path / "out")
    assert "&lt;script&gt;" in _html(panel)
    _buttons(panel)["Export as a web page (HTML)"].click()
    files = list((tmp_path / "out").glob("journal_all_*.html"))
    assert len(files) == 1 and "&lt;script&gt;" in files[0].read_text(encoding="utf-8")


def test_journal_export_message_follows_the_language_switch(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        j.save("A thought.", vignette_id="v", stage_id="s", prompt_key="k", language="en")
    in_the_way = tmp_path / "out"
    in_the_way.write_text("a file where the folder should be", encoding="utf-8")
    panel = journal_panel(tmp_path / "j.sqlite", folder=in_the_way)
    _buttons(panel)["Export as Markdown"].click()
    assert "The journal could not be saved as a file" in _html(panel)
    switch = language_switch()
    switch.value = "sv"
    assert "Dagboken kunde inte sparas som fil" in html.unescape(_html(panel))
    assert "could not be saved" not in _html(panel)
    _first(panel, widgets.Text).value = str(tmp_path / "export")  # the folder field
    _buttons(panel)["Exportera som Markdown"].click()
    assert "Dagboken sparad: " in _html(panel)
    switch.value = "fi"
    assert "Päiväkirja tallennettu: " in _html(panel) and "Dagboken sparad" not in _html(panel)


def test_the_end_stage_keeps_its_journal_panel_across_a_switch(player, tmp_path):
    player.go("six_months")
    panel = player.journal_area.children[0]
    _first(panel, widgets.Text).value = str(tmp_path / "export")
    _buttons(panel)["Export as Markdown"].click()
    assert "Journal saved: " in _html(panel)
    language_switch().value = "sv"
    assert player.journal_area.children[0] is panel
    assert "Dagboken sparad: " in _html(player) and "Journal saved" not in _html(player)
    # a choice recorded on the next walk shows in the same panel
    player.restart()
    _buttons(player)["Brev och tid på kontoret"].click()
    player.go("six_months")
    assert player.journal_area.children[0] is panel
    assert "Brev och tid på kontoret" in _html(panel)


def test_play_vignette_shows_problems_plainly(tmp_path):
    shown = play_vignette("no_such_vignette")
    assert isinstance(shown, widgets.HTML)
    assert "could not be opened" in shown.value and "no_such_vignette" in shown.value
    assert isinstance(play_vignette(GOOD, journal=tmp_path / "j.sqlite"), VignettePlayer)


def test_error_box_follows_the_language_switch(good_data, write_vignette):
    """A broken vignette opened in Finnish, then the trainer switches the page to Swedish."""
    good_data["stages"][1]["next"] = "nowhere"
    path = write_vignette(good_data, name="test_home_visit")
    switch = language_switch()
    switch.value = "fi"
    box = play_vignette(path)
    assert "Tätä ei voitu avata" in _text(box) and "Vaihetta 'nowhere' ei ole" in _text(box)
    switch.value = "sv"
    assert "Det gick inte att öppna" in _text(box)
    assert "Det finns inget steg 'nowhere'" in _text(box)
    assert "Tätä ei voitu avata" not in _text(box) and "Vaihetta" not in _text(box)
    switch.value = "en"
    assert "This could not be opened" in _text(box) and "There is no stage 'nowhere'" in _text(box)
    box.close()  # a closed box no longer listens
    switch.value = "fi"
    assert "There is no stage 'nowhere'" in _text(box)


def test_error_box_for_a_missing_vignette_is_told_in_the_new_language():
    switch = language_switch()
    box = play_vignette("no_such_vignette")
    assert "no vignette with id 'no_such_vignette'" in _text(box)
    switch.value = "fi"
    assert "Tätä ei voitu avata" in _text(box)
    assert "tapausesimerkkiä tunnuksella 'no_such_vignette' ei löydy" in _text(box)
    assert "could not be opened" not in _text(box) and "no vignette with id" not in _text(box)


def test_vignette_overview_tells_a_broken_vignette_in_the_new_language(
    good_data, write_vignette, monkeypatch
):
    from systemsim.ui.trainer_guide import vignette_overview

    good_data["stages"][1]["next"] = "nowhere"
    path = write_vignette(good_data, name="test_home_visit")
    monkeypatch.setattr(
        "systemsim.ui.trainer_guide.bundled_vignettes", lambda: {"test_home_visit": path}
    )
    overview = vignette_overview()
    assert "There is no stage 'nowhere'" in _text(overview)
    language_switch().value = "sv"
    assert "Det finns inget steg 'nowhere'" in _text(overview)
    assert "There is no stage" not in _text(overview)


def test_a_failed_model_run_is_told_again_in_the_new_language(player, monkeypatch):
    from systemsim.ui import model_stage
    from systemsim.ui.model_stage import ModelStageView

    def fails(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(model_stage, "family_overview", fails)
    player.go("home_visit")
    view = _first(player.body, ModelStageView)
    view.button.click()
    assert "The model run failed: disk full" in _text(view.message)
    language_switch().value = "fi"
    assert _first(player.body, ModelStageView) is view  # kept, with what it said
    assert "Mallin ajo epäonnistui: disk full" in _text(view.message)
    assert "The model run failed" not in _html(player) and "cases" not in _text(view.heading)
    assert "asiakasta" in _text(view.heading)
    assert view.button.description.startswith("Näytä, mitä perhe tyypillisesti saisi")


def test_model_results_and_figure_are_drawn_again_in_the_new_language(player, monkeypatch):
    import pandas as pd

    from systemsim.ui import model_stage
    from systemsim.ui.model_stage import ModelStageView

    journey = pd.DataFrame({
        "week": [0, 3], "stage": ["intake", "assessment"],
        "event": ["enter_intake", "enter_assessment"], "worker_hours_week": [1.0, 1.0],
    })
    drawn = []
    result = {"shares": {"still_open": 1.0}, "hours": 2.0, "typical": journey,
              "typical_run": 1, "typical_count": 30, "runs": 30}
    monkeypatch.setattr(model_stage, "family_overview",
                        lambda v, s, runs: {40: result, 15: result})
    monkeypatch.setattr(model_stage, "family_inputs", lambda v, s: {})  # no inputs line
    monkeypatch.setattr(model_stage, "journey_figure", lambda j, lang, w: drawn.append(lang))
    monkeypatch.setattr(model_stage, "show", lambda _item, _lang=None: None)
    player.go("home_visit")
    view = _first(player.body, ModelStageView)
    view.button.click()
    assert "40 cases" in _text(view.message) and "still open after 156 weeks" in _text(view.message)
    assert drawn == ["en"]
    language_switch().value = "sv"
    assert "40 klienter" in _text(view.message) and "öppet efter 156 veckor" in _text(view.message)
    assert "cases" not in _text(view.message)
    assert drawn == ["en", "sv"]
    player.go("six_months")
    player.back()  # back on the model stage, same language: the figure is not drawn again
    assert drawn == ["en", "sv"] and "40 klienter" in _text(view.message)


def _all_vignette_files():
    from systemsim.training import bundled_vignettes

    return [GOOD, *sorted(bundled_vignettes().values())]


@pytest.mark.slow
@pytest.mark.parametrize("path", _all_vignette_files(), ids=lambda p: p.stem)
def test_player_walks_every_path_of_every_vignette(path, tmp_path, monkeypatch):
    """Click through every path like a group would; every stage renders, in every language."""
    from systemsim.training import all_paths
    from systemsim.ui import vignette_player

    drawn = []
    monkeypatch.setattr(vignette_player, "display", drawn.append)  # no kernel: just collect

    vignette = load_vignette(path)
    player = VignettePlayer(vignette, journal=tmp_path / "j.sqlite")
    try:
        for n, route in enumerate(all_paths(vignette)):
            player.restart()
            for here, there in zip(route, route[1:], strict=False):
                stage = vignette.stage(here)
                if stage.choices:
                    index = next(i for i, c in enumerate(stage.choices) if c.next == there)
                    _buttons(player)[stage.choices[index].label.get("en")].click()
                else:
                    _buttons(player)["Next stage →"].click()
                assert player.stage.id == there
            assert player.stage.end
            assert "The story ends here" in _html(player)
            if n == 0:  # the end page, in every language
                for lang in ("fi", "sv", "en"):
                    set_language(lang)
                    assert vignette.stage(route[-1]).title.get(lang) in _html(player)
        assert drawn, "the family was never drawn"
    finally:
        player.close()


def test_journal_panel_shows_a_new_entry_at_once(tmp_path):
    path = tmp_path / "j.sqlite"
    panel = journal_panel(path)
    assert "no reflections yet" in _html(panel)
    box = ReflectionBox(JournalSource(path), vignette_id="v", stage_id="s", prompt_key="k",
                        prompt=lambda lang: "Who am I?")
    box.area.value = "A first thought."
    assert "A first thought." in _html(panel)


def test_sources_are_named_by_title_in_the_readers_language(tmp_path, monkeypatch):
    """A workshop sees "Suhdeperustainen lastensuojelutyö – toimintamallin kuvaus, …", not the
    seed file's name; the file name stays in the tooltip, and an unknown source stays as written."""
    from systemsim.training.locate import vignette_path
    from systemsim.ui import vignette_player

    monkeypatch.setattr(vignette_player, "display", lambda _item: None)
    player = VignettePlayer(load_vignette(vignette_path("mantsala_early_support")),
                            journal=tmp_path / "j.sqlite")
    switch = language_switch()
    switch.value = "fi"
    header = html.unescape(_html(player.header))
    assert "Suhdeperustainen lastensuojelutyö – toimintamallin kuvaus" in header
    assert "Miraklet i Mäntsälä" in header
    assert 'title="001_38c587f3a3ddc2a2.txt"' in header
    assert ">001_38c587f3a3ddc2a2.txt<" not in header
    switch.value = "sv"
    assert "beskrivning av arbetsmodellen" in html.unescape(_html(player.header))


def test_every_seed_a_bundled_file_cites_has_a_title():
    import re

    from systemsim.sources import _registry

    root = repo_paths.SCENARIOS
    cited = set()
    for path in root.rglob("*.yaml"):
        cited |= set(re.findall(r"\b\d{3}_[0-9a-f]{16}\.txt\b", path.read_text(encoding="utf-8")))
    assert cited, "the bundled vignettes cite seed files"
    assert cited <= set(_registry())
