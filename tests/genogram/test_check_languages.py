"""A refused family or edit is told in Finnish, Swedish and English.

Every check in `systemsim.genogram.read` raises an `InputError` with a `genogram.check.*` text
key, so the genogram editor tells it in the reader's language; `str()` stays the English line
(the CLI's, and the one older tests match on).
"""

from __future__ import annotations

import ast
import copy
import string
from pathlib import Path

import pytest

import systemsim.genogram.checking as checking
import systemsim.genogram.read as gio
from systemsim.errors import InputError, Text
from systemsim.genogram import family_from_dict
from systemsim.i18n import LANGUAGES, catalogue

from .conftest import BASE

# the reading code: read.py walks the sections, checking.py checks each value
IO_SOURCE = "\n".join(Path(m.__file__).read_text(encoding="utf-8") for m in (gio, checking))
PREFIX = "genogram.check."


def _set(path: str, value):
    """A change to a copy of BASE: `value` at `path` ('people.0.sex'); `...` deletes the key."""
    def change(data):
        *parents, last = path.split(".")
        node = data
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        last = int(last) if last.isdigit() else last
        if value is ...:
            del node[last]
        else:
            node[last] = copy.deepcopy(value)
    return change


def _append(path: str, value):
    def change(data):
        node = data
        for key in path.split("."):
            node = node[int(key)] if key.isdigit() else node[key]
        node.append(copy.deepcopy(value))
    return change


def _no_years(data):
    for p in data["people"]:
        p.pop("born", None)
        p.pop("died", None)
    data["single_parents"].append({"parent": "eeli", "child": "liisa", "relation": "adopted"})


def _third_parent(data):
    data["people"].append({"id": "jari", "sex": "male", "born": 1980})
    data["single_parents"].append({"parent": "jari", "child": "eeli"})


# (the text key expected, a change that breaks BASE); at least one case for every message
CASES = [
    ("not_mapping", _set("people.0", "mika")),
    ("not_list", _set("unions", {"partners": ["mika", "anna"]})),
    ("not_family", _set("kind", "scenario")),
    ("family_needs_id", _set("id", ...)),
    ("needs_id", _set("people.0.id", ...)),
    ("needs_id", _set("network.0.id", ...)),
    ("not_ident", _set("people.0.id", ["mika"])),
    ("not_ident", _set("unions.0.partners", ["mika", 3.5])),
    ("not_ident", _set("single_parents.0.parent", None)),
    ("bad_ident", _set("people.0.id", "mika v")),
    ("unknown_value", _set("people.0.sex", "man")),
    ("unknown_value", _set("unions.0.type", "wedding")),
    ("unknown_value", _set("unions.0.children.0.relation", "step")),
    ("unknown_value", _set("relations.0.type", "love")),
    ("not_year", _set("people.0.born", "1983?")),
    ("year_out_of_range", _set("people.0.born", 1700)),
    ("unknown_language", _set("households.0.label", {"fi": "Koti", "de": "Heim"})),
    ("not_text", _set("households.0.label", 5)),
    ("not_text", _set("people.0.note", ["a", "b"])),
    ("unknown_person", _set("unions.0.partners", ["mika", "matti"])),
    ("unknown_person", _set("unions.0.children.0", {"id": "emil"})),
    ("unknown_person", _set("single_parents.0.parent", "pertti")),
    ("unknown_person", _set("relations.1.to", "ville")),
    ("unknown_person", _set("households.0.members", ["anna", "ville"])),
    ("unknown_person", _set("index", "pelle")),
    ("no_people", _set("people", [])),
    ("duplicate_person", _set("people.1.id", "mika")),
    ("name_not_text", _set("people.0.name", ["Mika"])),
    ("network_name_not_text", _set("network.0.name", 7)),
    ("network_name_not_text", _set("network.0.name", ["Mummo", "Mormor"])),
    ("name_language_missing", _set("network.0.name", {"fi": "Mummo", "sv": "Mormor"})),
    ("name_language_missing", _set("network.0.name", {"fi": "Mummo", "sv": " ", "en": "Gran"})),
    ("unknown_language", _set("network.0.name", {"fi": "Mummo", "sv": "Mormor", "en": "Gran",
                                                 "de": "Oma"})),
    ("died_before_born", _set("people.5.died", 1950)),
    ("partners_not_two", _set("unions.0.partners", ["mika"])),
    ("union_with_self", _set("unions.0.partners", ["anna", "anna"])),
    ("divorced_not_marriage", _set("unions.0.type", "cohabitation")),
    ("separated_before_start", _set("unions.0.separated", 2011)),
    ("divorced_before_start", _set("unions.0.divorced", 2010)),
    ("union_before_born", _set("unions.0.start", 1984)),
    ("union_after_died", _append("unions", {"partners": ["liisa", "mika"],
                                            "type": "relationship", "start": 2021})),
    ("ended_after_died", _set("people.0.died", 2019)),
    ("ended_before_born", _append("unions", {"partners": ["liisa", "mika"],
                                             "type": "relationship", "separated": 1970})),
    ("child_needs_id", _set("unions.0.children.0", {"relation": "biological"})),
    ("child_twice", _append("unions.0.children", "eeli")),
    ("identical_not_bool", _set("unions.0.children.1.identical", "yes")),
    ("own_twin", _set("unions.0.children.0.twin_of", "eeli")),
    ("twin_not_sibling", _set("unions.0.children.1", {"id": "ella", "twin_of": "liisa"})),
    ("twins_years_differ", _set("people.4.born", 2019)),
    ("child_not_younger", _set("people.2.born", 1980)),
    ("child_after_parent_died", _set("people.5.died", 1984)),
    ("single_parent_missing", _set("single_parents.0.child", ...)),
    ("own_parent", _set("single_parents.0", {"parent": "anna", "child": "anna"})),
    ("too_many_parents", _third_parent),
    ("parentage_cycle", _no_years),
    ("between_not_two", _set("relations.0.between", ["anna"])),
    ("directed_between", _set("relations.0.type", "abuse")),
    ("relation_needs_people", _set("relations.1.to", ...)),
    ("relation_with_self", _set("relations.0.between", ["anna", "anna"])),
    ("no_members", _set("households.0.members", [])),
    ("member_twice", _set("households.0.members", ["anna", "eeli", "anna"])),
    ("duplicate_network", _append("network", BASE["network"][0])),
    ("network_needs_name", _set("network.0.person", ...)),
    ("no_sector", _set("network.0.sector", ...)),
    ("closeness_bool", _set("network.0.closeness", True)),
]


def _refused(change) -> InputError:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(InputError) as err:
        family_from_dict(data, source="families/test.yaml")
    return err.value


def _words(value, lang: str) -> str:
    return value.text(lang) if isinstance(value, Text) else str(value)


def test_the_base_family_is_valid():
    assert family_from_dict(copy.deepcopy(BASE)).index == "eeli"


@pytest.mark.parametrize("key,change", CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)])
def test_a_refusal_is_told_in_three_languages(key, change):
    exc = _refused(change)
    assert exc.key == PREFIX + key, str(exc)
    told = {lang: exc.describe(lang) for lang in LANGUAGES}
    assert told["en"] == str(exc)  # the English line is the one the CLI has always printed
    assert len(set(told.values())) == len(LANGUAGES), told
    for lang, text in told.items():
        assert text.startswith(f"families/test.yaml: {exc.where}: "), text
        for name, value in exc.fields.items():  # ids, years and allowed values in every language
            assert _words(value, lang) in text, (lang, name, text)


def test_the_messages_name_ids_and_years():
    """A few whole messages, read as a student would see them."""
    exc = _refused(_set("people.5.died", 1950))
    assert exc.describe("fi") == ("families/test.yaml: people[5] (liisa): kuolinvuosi 1950 on "
                                  "ennen syntymävuotta 1959")
    assert exc.describe("sv") == ("families/test.yaml: people[5] (liisa): dödsåret 1950 är före "
                                  "födelseåret 1959")
    assert str(exc) == "families/test.yaml: people[5] (liisa): died 1950 is before born 1959"

    exc = _refused(_set("unions.0.partners", ["mika", "matti"]))
    assert exc.describe("sv").endswith("partnern 'matti' finns inte under people (där finns: "
                                       "mika, anna, eeli, ella, elsa, liisa)")
    assert exc.describe("fi").endswith("puoliso 'matti' puuttuu people-luettelosta "
                                       "(luettelossa: mika, anna, eeli, ella, elsa, liisa)")

    exc = _refused(_set("people.0.id", ["mika"]))  # the type word follows the language
    assert exc.describe("en").endswith("id must be a short name such as 'eeli', got list")
    assert exc.describe("fi").endswith("id: kirjoita lyhyt tunnus, esim. 'eeli' (nyt: luettelo)")
    assert exc.describe("sv").endswith("id: skriv ett kort id, t.ex. 'eeli' (nu: lista)")


def test_a_type_without_its_own_word_keeps_its_python_name():
    exc = _refused(_set("people.0.id", b"mika"))
    assert exc.describe("fi").endswith("(nyt: bytes)") and str(exc).endswith("got bytes")


def test_a_text_field_is_told_in_the_language_asked_for():
    exc = InputError(key=PREFIX + "unknown_person", where="index",
                     fields={"what": Text(PREFIX + "what.index_person"), "id": "'pelle'",
                             "known": "eeli"})
    assert str(exc) == "index: index person 'pelle' is not in people; known ids: eeli"
    assert exc.describe("sv").startswith("index: indexpersonen 'pelle' finns inte")
    assert exc.describe("fi").startswith("index: indeksihenkilö 'pelle' puuttuu")
    assert exc.message_in("fi") != exc.message_in("sv") != exc.message


# -- the catalogue ------------------------------------------------------------------------------
def _check_texts() -> dict[str, dict[str, str]]:
    return {k: v for k, v in catalogue().items() if k.startswith(PREFIX)}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_language_has_the_same_placeholders():
    texts = _check_texts()
    assert len(texts) > 60
    for key, by_lang in texts.items():
        wanted = _placeholders(by_lang["en"])
        assert not wanted & {"key", "lang"}, key  # t(key, lang, **fields) takes those names
        for lang in LANGUAGES:
            assert _placeholders(by_lang[lang]) == wanted, (key, lang)
            if not wanted:  # t() does not format a text given no fields: no braces at all
                assert "{" not in by_lang[lang] and "}" not in by_lang[lang], (key, lang)
        assert len({by_lang[lang] for lang in LANGUAGES}) == len(LANGUAGES), key


def _keys_in_the_code() -> set[str]:
    """Text keys genogram/read.py and checking.py name: `.fail(where, "key", ...)`,
    `check_words("key")` and the type words `_KINDS`."""
    keys = {f"kind.{k}" for k in checking._KINDS}
    for node in ast.walk(ast.parse(IO_SOURCE)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "fail":
            arg = node.args[1]
        elif isinstance(func, ast.Name) and func.id == "check_words":
            arg = node.args[0]
            if ast.unparse(arg) == "'kind.' + name":  # in kind_word: the words listed in _KINDS
                continue
        else:
            continue
        assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), ast.unparse(node)
        keys.add(arg.value)
    return {PREFIX + k for k in keys}


def test_every_text_is_used_and_every_used_key_exists():
    used, defined = _keys_in_the_code(), set(_check_texts())
    assert used - defined == set(), "keys the code uses but no catalogue defines"
    assert defined - used == set(), "texts no check uses"


def test_every_message_has_a_case_here():
    messages = {k for k in _check_texts() if not k.startswith((PREFIX + "what.", PREFIX + "kind."))}
    assert {PREFIX + key for key, _ in CASES} == messages


def test_no_english_sentence_is_left_in_the_checks():
    """Every `fail` call passes a key, not words (an f-string or a sentence would be English)."""
    for node in ast.walk(ast.parse(IO_SOURCE)):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "fail":
            key = node.args[1]
            assert isinstance(key, ast.Constant) and " " not in key.value, ast.unparse(node)

