"""Family YAML: round trip and one clear message for each kind of broken file."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from systemsim.errors import InputError
from systemsim.genogram import (
    example_names,
    example_path,
    family_from_dict,
    load_family,
    save_family,
    validate_file,
)
from systemsim.yamlio import read_yaml

from .conftest import BASE


def test_base_is_valid():
    family = family_from_dict(copy.deepcopy(BASE))
    assert family.index == "eeli"
    assert family.graph.number_of_nodes() == 6
    assert sorted(p for p, _ in family.parents_of("eeli")) == ["anna", "mika"]


@pytest.mark.parametrize("name", example_names())
def test_example_round_trip_yaml_graph_yaml(name, tmp_path):
    raw = read_yaml(example_path(name))
    family = load_family(example_path(name))
    assert family.to_dict() == raw, "example files are written in the canonical form"
    out = tmp_path / f"{name}.yaml"
    save_family(family, out)
    again = load_family(out)
    assert again.to_dict() == family.to_dict()
    assert validate_file(example_path(name)) == []


@pytest.mark.parametrize("name", example_names())
def test_round_trip_through_the_networkx_graph(name):
    from systemsim.genogram import family_from_graph, family_to_graph

    family = load_family(example_path(name))
    graph = family_to_graph(family)
    assert graph.number_of_nodes() == len(family.people)
    assert family_from_graph(graph).to_dict() == read_yaml(example_path(name))


def test_graph_answers_family_questions():
    import networkx as nx

    family = load_family(example_path("korhonen"))
    g = family.graph
    parents = nx.DiGraph((a, b) for a, b, d in g.edges(data=True) if d["kind"] == "parent")
    assert nx.ancestors(parents, "aino") == {"tiina", "markus", "seppo", "marjatta", "kalevi",
                                             "elli"}
    kinship = {(a, b) for a, b, d in g.edges(data=True) if d.get("relation") == "kinship"}
    assert ("marjatta", "aino") in kinship
    cut = [(a, b) for a, b, d in g.edges(data=True) if d.get("type") == "cutoff"]
    assert cut == [("markus", "seppo")]


def test_round_trip_keeps_unknown_keys_with_a_warning(tmp_path):
    data = copy.deepcopy(BASE)
    data["people"][0]["occupation"] = "bus driver"
    out = tmp_path / "f.yaml"
    family = family_from_dict(data)
    save_family(family, out)
    assert read_yaml(out)["people"][0]["occupation"] == "bus driver"
    warnings = validate_file(out)
    assert any("occupation" in w and "known keys" in w for w in warnings)


def test_at_least_three_examples_exercise_every_convention():
    from systemsim.genogram.model import (
        CHILD_RELATIONS,
        FLOWS,
        PERSON_TYPES,
        RELATION_TYPES,
        SECTORS,
        SEXES,
        TIES,
        UNION_TYPES,
    )

    fams = [load_family(example_path(n)) for n in example_names()]
    assert len(fams) >= 3
    people = [p for f in fams for p in f.people.values()]
    unions = [u for f in fams for u in f.unions]
    links = [c for u in unions for c in u.children]
    assert {p.sex for p in people} >= set(SEXES)
    assert {p.type for p in people} >= set(PERSON_TYPES)
    assert any(p.died for p in people)
    assert {u.type for u in unions} >= set(UNION_TYPES)
    assert {u.status for u in unions} >= {"together", "separated", "divorced"}
    assert {c.relation for c in links} >= set(CHILD_RELATIONS)
    assert any(c.twin_of and c.identical for c in links)
    assert any(c.twin_of and c.identical is False for c in links)
    assert any(f.single_parents for f in fams)
    assert {r.type for f in fams for r in f.relations} >= set(RELATION_TYPES)
    net = [m for f in fams for m in f.network]
    assert {m.sector for m in net} >= set(SECTORS)
    assert {m.tie for m in net} >= set(TIES)
    assert {m.flow for m in net} >= set(FLOWS)
    assert {m.closeness for m in net} >= {1, 2, 3}
    assert all(f.households for f in fams)


def _mutate(path: str, value):
    """A copy of BASE with `value` set at `path` ('people.0.sex'); None deletes the key."""
    data = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if key.isdigit() else node[key]
    if last.isdigit():
        node[int(last)] = value
    elif value is None:
        del node[last]
    else:
        node[last] = value
    return data


BAD = [
    # (what, path, value, expected words in the message, expected place)
    ("unknown id", "unions.0.partners", ["mika", "matti"], ["'matti' is not in people"],
     "unions[0]"),
    ("unknown child id", "unions.0.children.0", {"id": "emil"}, ["'emil' is not in people"],
     "children[0]"),
    ("duplicate id", "people.1.id", "mika", ["duplicate id 'mika'"], "people[1]"),
    ("self union", "unions.0.partners", ["anna", "anna"], ["themself"], "unions[0]"),
    ("born after died", "people.5.died", 1950, ["died 1950 is before born 1959"],
     "people[5] (liisa)"),
    ("child born before parent", "people.2.born", 1980,
     ["born before", "parent mika"], "children[0] (eeli)"),
    ("divorced before start", "unions.0.divorced", 2010, ["divorced 2010", "before"],
     "unions[0] (mika + anna)"),
    ("separated before start", "unions.0.separated", 2011, ["separated 2011", "before"],
     "unions[0]"),
    ("divorce of a non-marriage", "unions.0.type", "cohabitation", ["only for a marriage"],
     "unions[0]"),
    ("union before birth", "unions.0.start", 1984, ["before anna was born"], "unions[0]"),
    ("divorce after death", "people.0.died", 2019, ["divorced 2021 is after mika died (2019)"],
     "unions[0]"),
    ("unknown sex", "people.0.sex", "man", ["unknown sex 'man'", "male, female, other, unknown"],
     "people[0] (mika)"),
    ("unknown person type", "people.0.type", "ghost", ["unknown type 'ghost'", "pregnancy"],
     "people[0]"),
    ("unknown union type", "unions.0.type", "wedding", ["unknown union type 'wedding'",
                                                        "cohabitation"], "unions[0]"),
    ("unknown child relation", "unions.0.children.0", {"id": "eeli", "relation": "step"},
     ["unknown child relation 'step'", "kinship"], "children[0]"),
    ("unknown relation type", "relations.0.type", "love", ["unknown relation type 'love'",
                                                          "cutoff"], "relations[0]"),
    ("directed type with between", "relations.0.type", "abuse", ["from: and to:"],
     "relations[0]"),
    ("relation with self", "relations.0.between", ["anna", "anna"], ["themself"],
     "relations[0]"),
    ("unknown sector", "network.0.sector", "school", ["unknown sector 'school'",
                                                      "family, friends, professionals, others"],
     "network[0] (mummo)"),
    ("bad closeness", "network.0.closeness", 5, ["unknown closeness 5", "1, 2, 3"], "network[0]"),
    ("unknown tie", "network.0.tie", "weak", ["unknown tie 'weak'", "tenuous"], "network[0]"),
    ("unknown flow", "network.0.flow", "up", ["unknown flow 'up'"], "network[0]"),
    ("network member without name", "network.0.person", None, ["give a name"], "network[0]"),
    ("twin not a sibling", "unions.0.children.1", {"id": "ella", "twin_of": "liisa"},
     ["twin_of 'liisa' is not a child of the same union"], "children[1] (ella)"),
    ("twins born apart", "people.4.born", 2019, ["twins born in different years"],
     "children[1] (ella)"),
    ("household unknown member", "households.0.members", ["anna", "ville"],
     ["'ville' is not in people"], "households[0]"),
    ("year not a number", "people.0.born", "1983?", ["born must be a year"], "people[0]"),
    ("unknown index", "index", "pelle", ["index person 'pelle' is not in people"], "index"),
    ("wrong kind", "kind", "scenario", ["expected kind: family"], "kind"),
    ("no people", "people", [], ["at least one person"], "people"),
    ("id with spaces", "people.0.id", "mika v", ["no spaces"], "people[0]"),
    ("partners not two", "unions.0.partners", ["mika"], ["exactly two"], "unions[0]"),
]


@pytest.mark.parametrize("what,path,value,words,where", BAD, ids=[b[0] for b in BAD])
def test_bad_family_gets_a_clear_message(what, path, value, words, where):
    with pytest.raises(InputError) as err:
        family_from_dict(_mutate(path, value), source="families/test.yaml")
    message = str(err.value)
    assert message.startswith("families/test.yaml: "), message
    assert where in (err.value.where or ""), message
    for word in words:
        assert word in message, message


def test_more_than_two_biological_parents():
    data = copy.deepcopy(BASE)
    data["people"].append({"id": "jari", "sex": "male", "born": 1980})
    data["single_parents"].append({"parent": "jari", "child": "eeli"})
    with pytest.raises(InputError, match=r"'eeli' has 3 biological parents \(anna, jari, mika\)"):
        family_from_dict(data)
    # as a foster or kinship parent it is fine
    data["single_parents"][-1]["relation"] = "foster"
    assert family_from_dict(data).parents_of("eeli")[-1] == ("jari", "foster")


def test_parentage_cycle():
    data = copy.deepcopy(BASE)
    for p in data["people"]:
        p.pop("born", None)
        p.pop("died", None)
    data["single_parents"].append({"parent": "eeli", "child": "liisa", "relation": "adopted"})
    with pytest.raises(InputError, match="parentage cycle: .*liisa.*→.*liisa|parentage cycle"):
        family_from_dict(data)
    try:
        family_from_dict(data)
    except InputError as exc:
        assert "own ancestor" in str(exc)


def test_biological_child_after_parent_died():
    data = copy.deepcopy(BASE)
    data["people"][5]["died"] = 1984
    with pytest.raises(InputError, match="born after parent liisa died"):
        family_from_dict(data)


def test_file_errors_name_the_file(tmp_path: Path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("kind: family\npeople: [\n", encoding="utf-8")
    with pytest.raises(InputError, match="broken.yaml.*broken YAML"):
        load_family(bad)
    with pytest.raises(InputError, match="file not found"):
        load_family(tmp_path / "missing.yaml")
    evil = tmp_path / "evil.yaml"
    evil.write_text("kind: family\nid: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(InputError, match="not allowed"):
        load_family(evil)


@pytest.mark.slow
@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 6), st.integers(2, 70))
def test_generated_families_round_trip(seed, generations, people):
    from systemsim.genogram import family_from_graph, family_to_graph
    from systemsim.genogram.synthetic import random_family
    from systemsim.yamlio import dump_yaml, parse_yaml

    family = random_family(seed, generations, people)
    data = family.to_dict()
    assert family_from_dict(parse_yaml(dump_yaml(data))).to_dict() == data
    assert family_from_graph(family_to_graph(family)).to_dict() == data
