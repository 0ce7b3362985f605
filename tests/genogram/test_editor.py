"""The notebook editor: every add works, bad values become a message, saving is atomic."""

from __future__ import annotations

from systemsim.genogram import example_path, load_family
from systemsim.ui.genogram_editor import GenogramEditor, genogram_editor


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
    assert ed.message.startswith("Not added")


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
