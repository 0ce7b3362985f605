"""A network member's name in one language at a time: a personal name is the same in every
language; a name with a role word ("Liisa-mummo", "Opettaja Saara") is written in fi, sv and
en, and every page shows the reader's one (issue 18, point 5)."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

import systemsim.cli as cli
from systemsim.errors import InputError
from systemsim.genogram import draw_network_map, example_path, family_from_dict, load_family
from systemsim.i18n import LANGUAGES
from systemsim.ui.genogram_editor import GenogramEditor

from .conftest import BASE

FAMILIES = sorted((Path(__file__).parents[2] / "scenarios" / "families").glob("*.yaml"))
TEMPLATE = Path(__file__).parents[2] / "src" / "systemsim" / "training" / "template"
LIISA = {"fi": "Liisa-mummo", "sv": "Mormor Liisa", "en": "Grandma Liisa"}
#: words that say who someone is to the family (fi and sv stems): such a name is not the same
#: in every language, so a file must give it as {fi, sv, en}
ROLE_WORDS = (
    "mumm", "mummi", "pappa", "ukki", "äiti", "isä", "isi", "eno", "täti", "setä", "serkku",
    "vauva", "sisko", "veli", "kaveri", "ystävä", "opettaja", "ope", "kuraattori", "sosiaali",
    "hoitaja", "valmentaja", "naapuri", "ohjaaja", "kuljettaja", "luokan", "perhe", "neuvola",
    "päiväko", "partio", "kerho", "koulu", "esihenkilö", "joukkue",
    "mamma", "mormor", "morfar", "farmor", "farfar", "moster", "faster", "morbror", "farbror",
    "kusin", "granne", "lärare", "pedagog", "kurator", "sekreterare", "arbetare", "behandlare",
    "tränare", "skola", "skolan", "klubb", "laget", "psykiatri", "kompis",
)


def _member_labels(fig) -> tuple[list[str], list[str]]:
    """The members' labels and hover texts on a drawn network map."""
    trace = next(tr for tr in fig.data if tr.mode == "markers+text")
    return list(trace.text), list(trace.hovertext)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_name_given_per_language_is_shown_in_the_readers_language(lang):
    family = load_family(example_path("virtanen"))
    assert next(m for m in family.network if m.id == "mummo").name == LIISA
    labels, hovers = _member_labels(draw_network_map(family, lang=lang))
    assert any(label.startswith(LIISA[lang] + "<br>") for label in labels)
    assert any(f"<b>{LIISA[lang]}</b>" in hover for hover in hovers)
    others = {LIISA[other] for other in LANGUAGES if other != lang}
    assert not any(name in text for name in others for text in labels + hovers)


def test_a_personal_name_and_a_linked_person_read_alike_in_every_language():
    family = load_family(example_path("virtanen"))
    for lang in LANGUAGES:
        labels, _ = _member_labels(draw_network_map(family, lang=lang))
        assert any(label.startswith("Onni<br>") for label in labels)  # name: Onni
        assert any(label.startswith("Jari<br>") for label in labels)  # person: jari, no name


@pytest.mark.parametrize("name, missing", [
    ({"fi": "Liisa-mummo", "sv": "Mormor Liisa"}, "en"),
    ({"fi": "Liisa-mummo"}, "sv, en"),
    ({"fi": "Liisa-mummo", "sv": "", "en": "Grandma Liisa"}, "sv"),
])
def test_a_name_missing_a_language_is_refused_clearly(name, missing):
    data = copy.deepcopy(BASE)
    data["network"][0]["name"] = name
    with pytest.raises(InputError) as err:
        family_from_dict(data, source="families/test.yaml")
    assert str(err.value) == (
        f"families/test.yaml: network[0] (mummo): name is missing {missing}; a name given per "
        "language needs all three languages (fi, sv, en), e.g. {fi: Liisa-mummo, sv: Mormor "
        "Liisa, en: Grandma Liisa}")
    assert err.value.describe("sv").endswith(f"name: språk saknas: {missing}; ett namn som ges "
                                             "per språk behöver alla tre språken (fi, sv, en), "
                                             "t.ex. {fi: Liisa-mummo, sv: Mormor Liisa, "
                                             "en: Grandma Liisa}")


def test_a_name_of_another_kind_says_what_is_allowed():
    data = copy.deepcopy(BASE)
    data["network"][0]["name"] = ["Liisa", "mummo"]
    with pytest.raises(InputError, match=r"network\[0\] \(mummo\): name must be a personal name "
                                         r"as text, or a name with a role word in all three "
                                         r"languages \{fi: \.\.\., sv: \.\.\., en: \.\.\.\}, "
                                         "got list"):
        family_from_dict(data)


@pytest.mark.parametrize("path", [*FAMILIES, TEMPLATE / "my_family.yaml"],
                         ids=lambda p: p.stem)
def test_no_family_file_shows_a_role_word_in_one_language_only(path):
    """A name given as plain text is shown to every reader: it must be a personal name."""
    for m in load_family(path).network:
        if not isinstance(m.name, str):
            continue
        words = re.split(r"[\s\-()]+", m.name.lower())
        found = [w for w in words for role in ROLE_WORDS if w and role in w]
        assert not found, f"{path.name}: {m.id}: {m.name!r} has {found}; give {{fi, sv, en}}"
        assert all(w[:1].isupper() for w in re.split(r"[\s\-()]+", m.name) if w), m.name


def test_the_role_word_list_catches_the_names_of_the_issue():
    for name in ("Päiväkodin opettaja Leena", "Liisa-mummo", "Isä (Mika)", "Kuraattori",
                 "Sosiaalityöntekijä", "Valmentaja Timo", "Naapurin Marja", "Pelikaverit",
                 "Neuvolan terveydenhoitaja", "Isi (Tommi)", "Mormor Irma", "Skolan"):
        words = re.split(r"[\s\-()]+", name.lower())
        assert any(role in w for w in words for role in ROLE_WORDS), name


def test_the_editor_shows_the_name_in_its_language_and_keeps_all_three(switch):
    ed = GenogramEditor(example_path("virtanen"))
    ed.n_pick.value = "mummo"
    assert ed.n_name.value == "Liisa-mummo"
    assert "Liisa-mummo (Perhe ja sukulaiset)" in [label for label, _ in ed.n_pick.options]
    switch.value = "sv"
    assert ed.n_name.value == "Mormor Liisa"  # the saved name, not retyped: in the new language
    assert "Mormor Liisa (Familj och släkt)" in [label for label, _ in ed.n_pick.options]
    ed.n_close.value = 2
    ed.buttons["network"]["update"].click()
    assert ed.ok and ed.data["network"][0]["name"] == LIISA  # not flattened to the Swedish one
    assert ed.data["network"][0]["closeness"] == 2
    ed.n_name.value = "Liisa"
    switch.value = "en"
    assert ed.n_name.value == "Liisa"  # retyped: stays as typed
    ed.buttons["network"]["update"].click()
    assert ed.data["network"][0]["name"] == "Liisa"


def test_the_editor_saves_and_reads_back_both_forms(tmp_path):
    ed = GenogramEditor(example_path("virtanen"), lang="en")
    assert ed.add_network_member("Aaro", "friends", 2, "strong", "both")
    assert ed.save(tmp_path / "virtanen.yaml")
    network = {m.id: m.name for m in load_family(tmp_path / "virtanen.yaml").network}
    assert network["mummo"] == LIISA and network["aaro"] == "Aaro"


def test_the_cli_draws_the_map_in_the_language_asked_for(monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "COMMANDS", ["genogram"])
    for lang in LANGUAGES:
        out = tmp_path / f"map_{lang}.html"
        assert cli.main(["genogram", str(example_path("virtanen")), "--html", str(out),
                         "--network-map", "--lang", lang]) == 0
        page = out.read_text(encoding="utf-8")
        assert LIISA[lang] in page
        assert all(LIISA[other] not in page for other in LANGUAGES if other != lang)
