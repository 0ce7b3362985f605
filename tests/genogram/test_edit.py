"""Editing and deleting a family's entries: checked like a family file, never half done."""

from __future__ import annotations

import copy

import pytest

from systemsim.errors import InputError
from systemsim.genogram import (
    example_family,
    example_names,
    family_from_dict,
    load_family,
    save_family,
)
from systemsim.genogram.edit import (
    delete_child,
    delete_effects,
    delete_entry,
    delete_household,
    delete_network_member,
    delete_person,
    delete_relation,
    delete_union,
    edit_child,
    edit_entry,
    edit_household,
    edit_network_member,
    edit_person,
    edit_relation,
    edit_union,
)


def virtanen() -> dict:
    return example_family("virtanen").to_dict()


def couple(data: dict, a: str, b: str) -> int:
    return next(i for i, u in enumerate(data["unions"]) if set(u["partners"]) == {a, b})


def relation(data: dict, a: str, b: str) -> int:
    return next(i for i, r in enumerate(data["relations"])
                if set(r.get("between") or (r["from"], r["to"])) == {a, b})


def strings(value) -> set[str]:
    """Every text anywhere in the data (ids, names, labels)."""
    if isinstance(value, dict):
        return set().union(*(strings(v) for v in value.values()), set())
    if isinstance(value, list | tuple):
        return set().union(*(strings(v) for v in value), set())
    return {value} if isinstance(value, str) else set()


def test_edit_a_person_and_a_couple_and_read_it_back_from_yaml(tmp_path):
    data = virtanen()
    before = copy.deepcopy(data)
    new = edit_person(data, "jari", name="Jari K.", born=1979, died=2025, index=True)
    new = edit_union(new, couple(new, "anna", "jari"), separated=2024)  # together → separated
    new = edit_union(new, couple(new, "mika", "sanna"), type="marriage", start=2025)
    assert data == before  # the data given is never changed
    path = tmp_path / "virtanen.yaml"
    save_family(family_from_dict(new), path)
    family = load_family(path)
    assert family.to_dict() == new
    jari = family.people["jari"]
    assert (jari.name, jari.born, jari.died, family.index) == ("Jari K.", 1979, 2025, "jari")
    assert family.people["pekka"].note == example_family("virtanen").people["pekka"].note
    cohabitation = family.unions[couple(new, "anna", "jari")]
    assert (cohabitation.status, cohabitation.separated) == ("separated", 2024)
    assert family.unions[couple(new, "mika", "sanna")].type == "marriage"
    assert "died: 2025" in path.read_text(encoding="utf-8")
    # emptying a field removes it; the index mark can be taken off again
    again = edit_person(new, "jari", died="", index=False)
    assert "died" not in again["people"][6] and "index" not in again


def test_a_new_id_is_changed_everywhere():
    data = virtanen()
    new = edit_person(data, "anna", id="anna_m")
    assert "anna" not in strings(new) and "anna_m" in strings(new)
    family = family_from_dict(new)
    assert family.partners_of("anna_m") == ["mika", "jari"]
    assert ("anna_m", "biological") in family.parents_of("eeli")
    assert [r.a for r in family.relations][:1] == ["anna_m"]
    with pytest.raises(InputError, match="duplicate id 'mika'"):
        edit_person(data, "anna", id="mika")


def test_deleting_a_person_takes_every_tie_with_them_and_keeps_the_children():
    data = virtanen()
    effects = delete_effects(data, "person", "mika")
    new = delete_person(data, "mika")
    assert "mika" not in strings(new)
    family = family_from_dict(new)
    assert len(family.unions) == len(data["unions"]) - 2  # Mika + Anna, Mika + Sanna
    assert len(family.relations) == len(data["relations"]) - 3
    assert "isa" not in [m.id for m in family.network]
    assert family.households[1].members == ["sanna"]
    assert family.parents_of("eeli") == [("anna", "biological")]  # the children stay
    assert family.parents_of("vauva") == [("sanna", "biological")]
    assert family.parents_of("mika") == []
    removed = [e.kind for e in effects if e.removed]
    assert sorted(removed) == sorted(["child_link", "union", "twin", "union", "relation",
                                      "relation", "relation", "household_member", "network"])
    assert [e.fields["parent"] for e in effects if not e.removed] == ["Anna", "Sanna"]


def test_deleting_the_index_person_and_the_last_person():
    data = virtanen()
    effects = delete_effects(data, "person", "eeli")
    assert "index" in [e.kind for e in effects]
    assert "index" not in delete_person(data, "eeli")
    lone = {"kind": "family", "id": "yksin", "index": "aino",
            "people": [{"id": "aino", "sex": "female"}]}
    empty = delete_person(lone, "aino")
    assert empty["people"] == [] and "index" not in empty


@pytest.mark.parametrize("name", example_names())
def test_every_person_of_every_example_can_be_deleted(name):
    data = example_family(name).to_dict()
    for person in data["people"]:
        pid = person["id"]
        effects = delete_effects(data, "person", pid)
        new = delete_person(data, pid)  # checked: nothing is left pointing at nobody
        assert pid not in strings(new) - {p.get("name") for p in new["people"]}
        ties = [r for r in data.get("relations", []) if pid in strings(r)]
        assert len(new.get("relations", [])) == len(data.get("relations", [])) - len(ties)
        assert len([e for e in effects if e.kind == "relation"]) == len(ties)


def test_a_tie_gets_a_direction_with_its_type():
    data = virtanen()
    i = relation(data, "anna", "liisa")
    caring = edit_relation(data, i, type="caregiving")
    assert caring["relations"][i] == {"from": "anna", "to": "liisa", "type": "caregiving"}
    back = edit_relation(caring, i, type="close", b="eeli")
    assert back["relations"][i] == {"between": ["anna", "eeli"], "type": "close"}
    assert len(delete_relation(data, i)["relations"]) == len(data["relations"]) - 1


def test_children_lines_and_twins():
    data = virtanen()
    u = couple(data, "mika", "anna")
    adopted = edit_child(data, (u, "eeli"), relation="adopted")
    assert adopted["unions"][u]["children"][0] == {"id": "eeli", "relation": "adopted"}
    untwinned = edit_child(data, (u, "ella"), twin_of=None)
    assert all("twin_of" not in c for c in untwinned["unions"][u]["children"])
    twins = edit_child(untwinned, (u, "elsa"), twin_of="ella", identical=True)
    ella, elsa = twins["unions"][u]["children"][1:]
    assert (ella["twin_of"], elsa["twin_of"], ella["identical"]) == ("elsa", "ella", True)
    assert [e.kind for e in delete_effects(data, "child", (u, "ella"))] == ["twin"]
    gone = delete_child(data, (u, "ella"))
    assert gone["unions"][u]["children"] == [{"id": "eeli", "relation": "biological"},
                                             {"id": "elsa", "relation": "biological"}]
    assert family_from_dict(gone).parents_of("ella") == []
    lines = [e.fields["child"] for e in delete_effects(data, "union", u)]
    assert lines == ["Eeli", "Ella", "Elsa"]
    assert len(delete_union(data, u)["unions"]) == len(data["unions"]) - 1


def test_households_and_network_members():
    data = virtanen()
    home = edit_household(data, 1, members=["mika", "sanna", "eeli"])
    assert home["households"][1]["label"] == data["households"][1]["label"]  # fi/sv/en kept
    assert edit_household(data, 1, label="Isän koti")["households"][1]["label"] == "Isän koti"
    assert len(delete_household(data, 2)["households"]) == 2
    isa = edit_network_member(data, "isa", closeness=1, tie="strong", flow="to")["network"][1]
    assert (isa["closeness"], isa["tie"], isa["flow"]) == (1, "strong", "to")
    assert isa["role"] == data["network"][1]["role"]
    unlinked = edit_network_member(data, "isa", person=None)["network"][1]
    assert "person" not in unlinked and unlinked["name"] == data["network"][1]["name"]
    assert unlinked["name"] == {"fi": "Isä (Mika)", "sv": "Pappa (Mika)", "en": "Dad (Mika)"}
    renamed = edit_network_member(data, "isa", name="Mika")["network"][1]
    assert renamed["name"] == "Mika"  # a plain personal name replaces the fi/sv/en one
    retold = edit_network_member(data, "onni", name={"fi": "Onni-kaveri", "sv": "Kompisen Onni",
                                                     "en": "Onni (friend)"})
    assert retold["network"][4]["name"]["sv"] == "Kompisen Onni"
    assert "isa" not in [m["id"] for m in delete_network_member(data, "isa")["network"]]
    assert edit_entry(data, "network", "isa", sector="friends")["network"][1]["sector"] == \
        "friends"


@pytest.mark.parametrize("change, expected", [
    (lambda d: edit_person(d, "eeli", died=2010), "people[9] (eeli): died 2010 is before born 2015"),
    (lambda d: edit_person(d, "pekka", born=2022), "died 2021 is before born 2022"),
    (lambda d: edit_person(d, "eeli", sex="boy"), "unknown sex 'boy'; allowed: male, female"),
    (lambda d: edit_person(d, "eeli", bron=2015), "unknown field 'bron'; allowed: id, name"),
    (lambda d: edit_person(d, "eeli", id="ee li"), "no spaces"),
    (lambda d: edit_person(d, "nobody", name="X"), "no person with id 'nobody'; known ids: raimo"),
    (lambda d: edit_person(d, "raimo", born=1990), "the union starts 1980, before raimo was born (1990)"),
    (lambda d: edit_union(d, 2, type="love"),
     "unions[2] (mika + anna): unknown union type 'love'; allowed: marriage, cohabitation"),
    (lambda d: edit_union(d, 4, divorced=2024), "divorced is only for a marriage"),
    (lambda d: edit_union(d, 2, separated=2010), "separated 2010 is before the start 2012"),
    (lambda d: edit_union(d, 9, type="marriage"), "no entry 9; the family has 6 unions"),
    (lambda d: edit_relation(d, 0, type="love"), "unknown relation type 'love'; allowed: close"),
    (lambda d: edit_relation(d, 0, b="anna"), "with themself"),
    (lambda d: edit_child(d, (2, "eeli"), twin_of="noa"), "twin_of 'noa' is not a child of the same"),
    (lambda d: edit_household(d, 0, members=["anna", "anna"]), "anna listed twice"),
    (lambda d: edit_network_member(d, "mummo", sector="school"),
     "unknown sector 'school'; allowed: family, friends, professionals, others"),
    (lambda d: edit_network_member(d, "mummo", closeness=5), "unknown closeness 5; allowed: 1, 2, 3"),
    (lambda d: delete_entry(d, "relation", 99), "no entry 99; the family has 6 relations"),
    (lambda d: delete_entry(d, "pet", "musti"), "unknown kind of entry 'pet'"),
])
def test_a_bad_edit_is_refused_with_the_field_named_and_changes_nothing(change, expected):
    data = virtanen()
    before = copy.deepcopy(data)
    with pytest.raises(InputError) as err:
        change(data)
    assert expected in str(err.value)
    assert data == before
