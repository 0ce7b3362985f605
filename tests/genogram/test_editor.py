"""The notebook editor: every add, edit and delete works and is one undo step, bad values
become a message, saving is atomic."""

from __future__ import annotations

import copy
import html

import pytest

from systemsim.genogram import example_path, load_family
from systemsim.ui.genogram_editor import NEW, GenogramEditor, genogram_editor
from systemsim.ui.language import language_switch


@pytest.mark.slow
def test_build_a_family_from_nothing(tmp_path):
    ed = genogram_editor(lang="fi")
    assert ed.family is None and ed.figure() is None
    assert ed.add_person("mika", "Mika", "male", "1983")
    assert ed.add_person("anna", "Anna", "female", 1986)
    assert ed.add_person("eeli", "Eeli", "male", "2015", index=True)
    assert ed.add_person("ella", "Ella", "female", "2018")
    assert ed.add_person("elsa", "Elsa", "female", "2018")
    assert ed.add_union("mika", "anna", "marriage", "2012", "", "2020")
    assert ed.add_child(("mika", "anna"), "eeli")
    assert ed.add_child(0, "ella", "biological")
    assert ed.add_child(0, "elsa", "biological", twin_of="ella")
    assert ed.add_relation("mika", "anna", "conflictual")
    assert ed.add_relation("anna", "eeli", "caregiving")
    assert ed.add_household(["anna", "eeli"], "Koti")
    assert ed.add_network_member("Mummo", "family", 1, "strong", "to")
    assert ed.add_network_member("Mummo", "friends", 2, "tenuous", "none")
    assert ed.ok and "Mummo" in ed.message
    assert ed.add_person("extra", "Extra")
    assert ed.undo() and "extra" not in [p["id"] for p in ed.data["people"]]
    family = ed.family
    assert family.index == "eeli"
    assert [c.twin_of for c in family.unions[0].children] == [None, "elsa", "ella"]
    assert [m.id for m in family.network] == ["mummo", "mummo_2"]
    assert len(ed.figure().data) > 5
    ed.show_map.value = True
    assert "Verkostokartta" in ed.figure().layout.title.text
    out = tmp_path / "oma.yaml"
    assert ed.save(out)
    assert load_family(out).to_dict() == family.to_dict()
    assert not list(tmp_path.glob(".*.tmp"))  # atomic write leaves no temporary file


def test_bad_values_give_a_message_and_change_nothing(tmp_path):
    ed = GenogramEditor(example_path("virtanen"), lang="en")
    before = ed.data
    assert not ed.add_person("eeli", "Another Eeli")
    assert not ed.ok and "duplicate id 'eeli'" in ed.message
    assert not ed.add_person("x y", "Spaces")
    assert "no spaces" in ed.message
    assert not ed.add_person("uusi", "Uusi", born="last year")
    assert "write a year such as 2015" in ed.message
    assert not ed.add_union("anna", "anna")
    assert "themself" in ed.message
    assert not ed.add_person("old", "Old", born=1990, died=1980)
    assert "before born" in ed.message
    assert not ed.add_child(("eeli", "noa"), "ella")
    assert "not a couple yet" in ed.message
    assert not ed.add_relation("anna", "mika", "love")
    assert "allowed" in ed.message
    assert ed.data == before
    assert not ed.save(tmp_path / "family.txt")
    assert ".yaml" in ed.message
    assert ed.message.startswith("Not saved")  # a failed save is not a failed addition


def test_widget_buttons_call_the_methods():
    ed = GenogramEditor(lang="sv")
    ed.p_id.value, ed.p_name.value, ed.p_born.value = "sara", "Sara", "1992"
    ed.p_sex.value = "female"
    ed._on_person()
    assert ed.ok and ed.p_id.value == ""  # fields cleared after a good add
    assert ed.u_a.options[0][1] == "sara"
    ed.p_id.value, ed.p_born.value = "elias", "nope"
    ed._on_person()
    assert not ed.ok and "årtal" in ed.status.value
    assert ed.tabs.get_title(0) == "Person"


def test_language_switch_relabels():
    from systemsim.i18n import get_language, set_language

    old = get_language()
    ed = GenogramEditor(example_path("korhonen"))
    try:
        set_language("sv")
        assert ed.p_born.description == "Födelseår"
        set_language("fi")
        assert ed.p_born.description == "Syntymävuosi"
    finally:
        set_language(old)
        ed._unsubscribe()


#: an ipywidgets tab is 144 px wide with 10 px padding, leaving 122 px for its title at 13 px;
#: in DejaVu Sans (Chromium's sans-serif here, wider than Segoe UI or Helvetica) 18 characters
#: measured 119 px ("Emotional relation") and 21 were cut ("Känslomässig relatio…").
#: tests/room/test_browser_pages.py checks the real page.
TAB_TITLE_MAX = 18


def test_every_tab_title_fits_its_tab_in_every_language():
    from systemsim.i18n import get_language, set_language

    old = get_language()
    ed = GenogramEditor(example_path("korhonen"))
    try:
        for lang in ("fi", "sv", "en"):
            set_language(lang)
            titles = list(ed.tabs.titles)
            assert len(titles) == len(ed.tabs.children) and all(titles), (lang, titles)
            too_long = [x for x in titles if len(x) > TAB_TITLE_MAX]
            assert too_long == [], (lang, too_long)
        assert ed.tabs.titles[3] == "Emotional relation"  # the titles follow the switch
    finally:
        set_language(old)
        ed._unsubscribe()


def index_of(ed: GenogramEditor, kind: str, label: str):
    """The key of the entry whose choice reads `label` in the tab's dropdown."""
    return next(key for text, key in ed.picks[kind].options if text == label)


def test_deleting_a_person_is_one_undo_step_that_restores_everything():
    ed = GenogramEditor(example_path("virtanen"), lang="en")
    before = copy.deepcopy(ed.data)
    assert ed.delete("person", "mika")
    assert ed.ok and ed.message.startswith("Deleted: Mika (mika). Also removed: ")
    for part in ("the parent line Raimo + Tuula → Mika", "the couple Mika + Anna",
                 "the twin mark Ella – Elsa", "the couple Mika + Sanna",
                 "the relation Mika – Jari (hostile)", "the place in the household (Father's home)",
                 "the network member Dad (Mika)", "Kept: the parent line Anna → Eeli, Ella, Elsa."):
        assert part in ed.message
    assert "mika" not in [p["id"] for p in ed.data["people"]]
    assert "Mika" not in ed.last_figure.to_json()  # redrawn without him
    assert ed.undo() and ed.message == "Last change undone."
    assert ed.data == before
    assert "Mika" in ed.last_figure.to_json()
    assert not ed.undo()  # the deletion was one step: nothing older to take back


def test_a_bad_edit_is_refused_and_changes_nothing():
    ed = GenogramEditor(example_path("virtanen"), lang="en")
    before = copy.deepcopy(ed.data)
    figure = ed.last_figure
    assert not ed.edit("person", "eeli", died="2010")
    assert not ed.ok
    assert ed.message == "Not changed: eeli: died 2010 is before born 2015"
    assert not ed.edit("union", 2, type="love")
    assert "mika + anna: unknown union type 'love'; allowed: marriage" in ed.message
    assert not ed.edit("relation", 0, type="love")
    assert "unknown relation type 'love'; allowed: close, fused" in ed.message
    assert not ed.edit("person", "eeli", born="soon")
    assert ed.message == "Year of birth: write a year such as 2015 (now: soon)"
    assert not ed.delete("person", "nobody")
    assert ed.message.startswith("Not deleted: people: no person with id 'nobody'")
    assert ed.data == before and ed.last_figure is figure and not ed.undo()


@pytest.mark.slow
def test_choose_edit_and_save_in_the_widgets(tmp_path):
    ed = GenogramEditor(example_path("virtanen"), lang="fi")
    person = ed.buttons["person"]
    assert person["add"].layout.display is None and person["update"].layout.display == "none"
    ed.p_pick.value = "jari"  # choosing fills the fields and shows Update and Delete
    assert (ed.p_id.value, ed.p_name.value, ed.p_born.value, ed.p_sex.value) == \
        ("jari", "Jari", "1980", "male")
    assert person["add"].layout.display == "none" and person["delete"].layout.display is None
    assert "Poistaminen poistaa myös: parisuhde Heidi + Jari" in ed.effects["person"].value
    ed.p_name.value, ed.p_died.value = "Jarkko", "2025"
    person["update"].click()
    assert ed.ok and ed.message == "Muutettu: Jarkko (jari)"
    assert "Jarkko" in ed.last_figure.to_json()
    ed.p_died.value = "1970"
    person["update"].click()
    assert not ed.ok and ed.message == (
        "Ei muutettu: jari: kuolinvuosi 1970 on ennen syntymävuotta 1980")
    assert ed.data["people"][6]["died"] == 2025

    ed.u_pick.value = index_of(ed, "union", "Anna + Jarkko (avoliitto)")
    assert (ed.u_a.value, ed.u_b.value, ed.u_start.value, ed.u_sep.value) == \
        ("anna", "jari", "2021", "")
    ed.u_sep.value = "2024"
    ed.buttons["union"]["update"].click()
    assert ed.message == "Muutettu: Anna + Jarkko (avoliitto)"

    ed.c_pick.value = index_of(ed, "child", "Noa ← Anna + Jarkko (biologinen lapsi)")
    assert ed.c_parents.disabled and ed.c_child.disabled
    ed.c_rel.value = "adopted"
    ed.buttons["child"]["update"].click()
    assert ed.message == "Muutettu: Noa ← Anna + Jarkko (adoptiolapsi)"

    ed.r_pick.value = index_of(ed, "relation", "Mika – Jarkko (vihamielinen)")
    ed.r_type.value = "distant"
    ed.buttons["relation"]["update"].click()
    assert ed.ok and ed.data["relations"][2]["type"] == "distant"

    ed.h_pick.value = 1
    assert ed.h_label.value == "Isän koti" and ed.h_members.value == ("mika", "sanna")
    ed.h_members.value = ("mika", "sanna", "eeli")
    ed.buttons["household"]["update"].click()
    assert ed.data["households"][1]["label"]["sv"] == "Pappas hem"  # not flattened

    ed.n_pick.value = "isa"
    assert (ed.n_person.value, ed.n_close.value, ed.n_tie.value) == ("mika", 2, "tenuous")
    ed.n_close.value, ed.n_tie.value, ed.n_flow.value = 1, "strong", "to"
    ed.buttons["network"]["update"].click()
    assert ed.message == "Muutettu: Isä (Mika) (Perhe ja sukulaiset)"

    assert ed.save(tmp_path / "virtanen.yaml")
    family = load_family(tmp_path / "virtanen.yaml")
    assert (family.people["jari"].name, family.people["jari"].died) == ("Jarkko", 2025)
    assert family.unions[4].status == "separated" and family.unions[4].children[0].relation == \
        "adopted"
    assert family.households[1].members == ["mika", "sanna", "eeli"]
    isa = next(m for m in family.network if m.id == "isa")
    assert (isa.closeness, isa.tie, isa.flow, isa.role["fi"]) == (1, "strong", "to", "isä")
    assert isa.name == {"fi": "Isä (Mika)", "sv": "Pappa (Mika)", "en": "Dad (Mika)"}  # kept

    ed.p_pick.value = "jari"
    person["delete"].click()
    assert ed.message.startswith("Poistettu: Jarkko (jari). Samalla poistettiin: ")
    assert ed.p_pick.value == NEW and ed.p_id.value == "" and person["add"].layout.display is None
    assert ed.u_pick.value == NEW  # the couples moved: no stale choice
    ed.undo_button.click()
    assert "jari" in [p["id"] for p in ed.data["people"]] and ed.data["people"][6]["died"] == 2025


def test_a_new_id_keeps_the_person_chosen():
    ed = GenogramEditor(example_path("virtanen"), lang="en")
    ed.p_pick.value = "anna"
    ed.p_id.value = "anna_m"
    ed.buttons["person"]["update"].click()
    assert ed.ok and ed.p_pick.value == "anna_m" and ed.p_id.value == "anna_m"
    assert ed.family.partners_of("anna_m") == ["mika", "jari"]


def test_edit_and_delete_labels_in_every_language():
    ed = GenogramEditor(example_path("korhonen"), lang="sv")
    assert (ed.buttons["person"]["delete"].description,
            ed.buttons["person"]["update"].description) == ("Ta bort", "Spara ändringarna")
    assert ed.p_pick.options[0][0] == "(lägg till ny)"
    ed.fixed_lang = "fi"
    ed.relabel()
    assert ed.buttons["union"]["delete"].description == "Poista"
    assert ed.p_pick.description == "Valitse muokattava"
    ed._unsubscribe()


def test_a_choice_never_points_at_another_entry_after_a_deletion():
    ed = GenogramEditor(example_path("virtanen"), lang="en")
    ed.r_pick.value = index_of(ed, "relation", "Mika – Jari (hostile)")
    ed.r_type.value = "close"  # typed, not saved
    assert ed.delete("relation", 0)  # the relations after it move up one place
    assert ed.r_pick.value == NEW and ed.buttons["relation"]["add"].layout.display is None
    assert ed.undo() and ed.r_pick.value == NEW
    ed.r_pick.value = 2
    assert (ed.r_a.value, ed.r_b.value, ed.r_type.value) == ("mika", "jari", "hostile")


def status(ed: GenogramEditor) -> str:
    """The status line as the trainer reads it."""
    return html.unescape(ed.status.value)


def test_a_deletion_message_follows_the_language_switch(switch):
    """Deleted in Finnish, read in Swedish: the message still names what went, though it is gone."""
    ed = GenogramEditor(example_path("virtanen"))
    ed.p_pick.value = "mika"
    ed.buttons["person"]["delete"].click()
    assert status(ed).count("Poistettu: Mika (mika). Samalla poistettiin: ") == 1
    switch.value = "sv"
    said = status(ed)
    assert "Borttaget: Mika (mika). Samtidigt togs bort: " in said and "Poistettu" not in said
    for part in ("föräldralinjen Raimo + Tuula → Mika", "parrelationen Mika + Anna",
                 "relationen Mika – Jari (fientlig)", "platsen i hushållet (Pappas hem)",
                 "nätverksmedlemmen Pappa (Mika)", "Kvar blir: föräldralinjen Anna → Eeli, Ella"):
        assert part in said
    assert ed.message == said[said.index("Borttaget"):-len("</span>")]
    switch.value = "en"
    assert ed.message.startswith("Deleted: Mika (mika). Also removed: the parent line Raimo")
    ed.undo_button.click()
    switch.value = "fi"
    assert ed.message == "Viimeisin muutos peruttu."
    switch.value = "sv"
    assert status(ed).endswith(">Senaste ändringen ångrad.</span>")


def test_the_delete_preview_and_a_change_follow_the_language_switch(switch):
    ed = GenogramEditor(example_path("virtanen"))
    ed.u_pick.value = index_of(ed, "union", "Anna + Jari (avoliitto)")
    ed.buttons["union"]["update"].click()
    assert ed.message == "Muutettu: Anna + Jari (avoliitto)"
    ed.p_pick.value = "jari"
    assert "Poistaminen poistaa myös: parisuhde Heidi + Jari" in ed.effects["person"].value
    switch.value = "sv"
    assert ed.message == "Ändrat: Anna + Jari (samboförhållande)"
    assert "Följande tas också bort: parrelationen Heidi + Jari" in ed.effects["person"].value
    assert "Kvar blir: föräldralinjen Heidi → Veeti." in ed.effects["person"].value


def test_a_refused_edit_follows_the_language_switch(switch):
    ed = GenogramEditor(example_path("virtanen"))
    ed.p_pick.value = "jari"
    ed.p_died.value = "1970"
    ed.buttons["person"]["update"].click()
    assert not ed.ok and ed.message == (
        "Ei muutettu: jari: kuolinvuosi 1970 on ennen syntymävuotta 1980")
    switch.value = "sv"
    assert ed.message == "Inte ändrat: jari: dödsåret 1970 är före födelseåret 1980"
    assert "Inte ändrat: jari:" in status(ed) and "#b71c1c" in ed.status.value
    ed.p_born.value = "ensi vuonna"
    ed.buttons["person"]["update"].click()
    assert ed.message == "Födelseår: skriv ett årtal, t.ex. 2015 (nu: ensi vuonna)"
    switch.value = "fi"
    assert ed.message == "Syntymävuosi: kirjoita vuosiluku, esim. 2015 (nyt: ensi vuonna)"
    assert not ed.delete("person", "nobody")
    switch.value = "en"
    assert ed.message.startswith("Not deleted: people: no person with id 'nobody'")


def test_typed_but_unsaved_values_survive_a_language_switch(switch):
    """A trainer switches language mid-edit: the labels change, what they typed stays."""
    ed = GenogramEditor(example_path("virtanen"))
    ed.p_pick.value = "jari"
    ed.p_name.value, ed.p_born.value, ed.p_died.value = "Jarkko", "1979", "2025"
    ed.p_sex.value, ed.p_index.value = "unknown", True
    ed.u_pick.value = index_of(ed, "union", "Anna + Jari (avoliitto)")
    ed.u_type.value, ed.u_sep.value = "marriage", "2024"
    ed.r_pick.value = index_of(ed, "relation", "Mika – Jari (vihamielinen)")
    ed.r_type.value = "distant"
    ed.h_pick.value = 1
    ed.h_members.value = ("mika", "sanna", "eeli")
    ed.n_pick.value = "isa"
    ed.n_name.value, ed.n_close.value, ed.n_flow.value = "Isä", 1, "to"
    switch.value = "sv"
    assert (ed.p_name.description, ed.p_born.description) == ("Namn", "Födelseår")
    assert ed.tabs.get_title(1) == "Parrelation" and ed.p_pick.label == "Jari (jari)"
    assert (ed.p_name.value, ed.p_born.value, ed.p_died.value) == ("Jarkko", "1979", "2025")
    assert (ed.p_sex.value, ed.p_sex.label, ed.p_index.value) == ("unknown", "kön okänt", True)
    assert (ed.u_pick.label, ed.u_type.label, ed.u_sep.value) == \
        ("Anna + Jari (samboförhållande)", "äktenskap", "2024")
    assert (ed.r_type.value, ed.r_type.label) == ("distant", "distanserad")
    assert ed.h_members.value == ("mika", "sanna", "eeli")
    assert (ed.n_name.value, ed.n_close.value, ed.n_flow.value) == ("Isä", 1, "to")
    ed.buttons["person"]["update"].click()
    assert ed.message == "Ändrat: Jarkko (jari)"
    jari = ed.data["people"][6]
    assert (jari["name"], jari["born"], jari["died"], jari["sex"]) == ("Jarkko", 1979, 2025, "unknown")
    assert ed.data["index"] == "jari"


def test_a_household_label_follows_the_switch_unless_retyped(switch):
    ed = GenogramEditor(example_path("virtanen"))
    ed.h_pick.value = 1
    ed.h_members.value = ("mika", "sanna", "eeli")
    switch.value = "sv"
    assert ed.h_label.value == "Pappas hem"  # the saved label, not retyped: in the new language
    assert ed.h_members.value == ("mika", "sanna", "eeli")
    ed.buttons["household"]["update"].click()
    assert ed.data["households"][1] == {"members": ["mika", "sanna", "eeli"], "label": {
        "fi": "Isän koti", "sv": "Pappas hem", "en": "Father's home"}}  # not flattened
    ed.h_label.value = "Pappas nya hem"
    switch.value = "fi"
    assert ed.h_label.value == "Pappas nya hem" and ed.h_label.description == "Nimi"
    ed.buttons["household"]["update"].click()
    assert ed.data["households"][1]["label"] == "Pappas nya hem"


def test_the_index_box_is_cleared_after_add():
    ed = genogram_editor(lang="en")
    ed.p_id.value, ed.p_name.value, ed.p_index.value = "anna", "Anna", True
    ed.buttons["person"]["add"].click()
    assert ed.data["index"] == "anna" and ed.p_index.value is False
    ed.p_id.value, ed.p_name.value = "mika", "Mika"
    ed.buttons["person"]["add"].click()
    assert ed.data["index"] == "anna"  # the next person does not silently become the index person


def test_parent_choices_are_labelled_alike_by_name():
    ed = GenogramEditor(example_path("virtanen"), lang="fi")
    labels = dict((v, k) for k, v in ed.c_parents.options)
    couple = next(k for k in labels if isinstance(k, int))
    names = [ed._name(p) for p in ed.data["unions"][couple]["partners"]]
    assert labels[couple] == " + ".join(names)
    assert labels[("eeli", None)] == "Eeli (yksin)"
    switch = language_switch()
    try:
        ed.fixed_lang = None
        switch.value = "sv"
        assert dict((v, k) for k, v in ed.c_parents.options)[("eeli", None)] == "Eeli (ensam)"
    finally:
        switch.value = "fi"


def test_the_figure_is_titled_with_the_familys_name_not_its_file_id():
    ed = genogram_editor(lang="en")
    ed.add_person("anna", "Anna", "female")
    assert ed.last_figure.layout.title.text == "Genogram: New family"
    ed.f_title.value = "The Berg family"
    assert ed.last_figure.layout.title.text == "Genogram: The Berg family"
    assert ed.undo() and ed.last_figure.layout.title.text == "Genogram: New family"
    assert ed.f_title.value == "New family"
    loaded = GenogramEditor(example_path("virtanen"), lang="sv")
    assert loaded.last_figure.layout.title.text.startswith("Genogram: Familjen Virtanen")


@pytest.mark.parametrize(("lang", "said"), [
    ("fi", "Ei lisätty: Tunnus 'uusi henkilö': tunnuksessa saa olla vain kirjaimia"),
    ("sv", "Inte tillagt: Id 'uusi henkilö': ett id får bara innehålla"),
    ("en", "Not added: Id 'uusi henkilö' may contain only letters"),
])
def test_refusals_name_no_file_keys(lang, said):
    ed = GenogramEditor(example_path("virtanen"), lang=lang)
    assert not ed.add_person("uusi henkilö", "Uusi")
    assert ed.message.startswith(said)
    assert not ed.add_child(("eeli", None), "eeli")
    for key in ("people[", "single_parents[", "unions[", "<editor>", " id '"):
        assert key not in ed.message
