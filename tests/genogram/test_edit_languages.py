"""A refused edit, deletion or save is told in the reader's language, not in English inside a
Finnish or Swedish sentence; `str(error)` stays the English line the CLI and older tests read."""

from __future__ import annotations

import html
import re
import string
import sys
from pathlib import Path

import pytest
import yaml

import systemsim
from systemsim.errors import InputError
from systemsim.genogram import edit as E
from systemsim.genogram import example_family
from systemsim.genogram.draw import draw_genogram
from systemsim.genogram.export import save_figure
from systemsim.i18n import LANGUAGES, catalogue, set_language, t
from systemsim.ui.genogram_editor import GenogramEditor

SRC = Path(systemsim.__file__).parent
CATALOGUE = SRC / "i18n" / "genogram_editing.yaml"
CONVERTED = [*sorted((SRC / "genogram").glob("edit*.py")),
             *sorted((SRC / "ui").glob("genogram_editor*.py")),
             SRC / "genogram" / "export.py", SRC / "genogram" / "draw.py",
             *(SRC / "genogram" / f"{name}.py" for name in (
                 "annotations", "crossings", "elements", "family_key", "relation_lines",
                 "styles", "texts"))]

# English words of the old messages: none may show in a Finnish or Swedish status line.
ENGLISH = ("no person with id", "known ids", "none yet", "no entry", "the family has",
           "numbered from 0", "not a child of this couple", "are not a couple yet",
           "add the couple first", "give a file name", "should end in .yaml", "got ",
           "unknown field", "allowed:", "no network member", "Not ")


def virtanen() -> dict:
    return example_family("virtanen").to_dict()


def status(ed: GenogramEditor) -> str:
    """The status line as the trainer reads it (the widget's HTML, unescaped)."""
    return html.unescape(ed.status.value)


# -- (a) the editor, in Swedish and in Finnish ------------------------------------------------
REFUSALS = [
    # what the trainer did, the ids the line must name, and the words it must show per language
    ("save without a name", lambda ed, tmp: ed.save(""), [],
     {"sv": "Inte sparat: ange ett filnamn", "fi": "Ei tallennettu: anna tiedoston nimi"}),
    ("save as .txt", lambda ed, tmp: ed.save(tmp / "perhe.txt"), ["'perhe.txt'"],
     {"sv": "filnamnet ska sluta på .yaml", "fi": "tiedoston nimen pitää päättyä .yaml"}),
    ("child of a couple that is not one", lambda ed, tmp: ed.add_child(("mika", "eeli"), "ella"),
     ["mika", "eeli"], {"sv": "är inte ett par ännu", "fi": "eivät ole vielä pari"}),
    ("edit an unknown person", lambda ed, tmp: ed.edit("person", "nobody", name="X"),
     ["'nobody'", "raimo", "vauva"],
     {"sv": "Inte ändrat: people: det finns ingen person med id",
      "fi": "Ei muutettu: people: henkilöä tunnuksella"}),
    ("delete a couple that is not there", lambda ed, tmp: ed.delete("union", 99), ["99", "6"],
     {"sv": "Inte borttaget: unions: det finns ingen parrelation nummer",
      "fi": "Ei poistettu: unions: parisuhdetta numero"}),
    ("edit a child who is not the couple's",
     lambda ed, tmp: ed.edit("child", (0, "nobody"), relation="adopted"),
     ["'nobody'", "raimo + tuula"],
     {"sv": "är inte barn till det här paret", "fi": "ei ole tämän parin lapsi"}),
    ("delete an unknown network member", lambda ed, tmp: ed.delete("network", "nobody"),
     ["'nobody'", "mummo"],
     {"sv": "det finns ingen nätverksmedlem med id", "fi": "verkoston jäsentä tunnuksella"}),
]


@pytest.mark.parametrize("lang", ["sv", "fi"])
@pytest.mark.parametrize(("what", "act", "ids", "words"), REFUSALS,
                         ids=[r[0] for r in REFUSALS])
def test_a_refusal_in_the_editor_is_told_in_the_page_language(lang, what, act, ids, words,
                                                               tmp_path):
    set_language(lang)
    ed = GenogramEditor(virtanen())
    before = ed.data
    assert not act(ed, tmp_path), what
    said = status(ed)
    assert not ed.ok and ed.data == before
    assert words[lang] in said and ed.message in said
    for english in ENGLISH:
        assert english not in said, f"{what}: English {english!r} in {said!r}"
    for name in ids:
        assert name in said, f"{what}: {name!r} not named in {said!r}"


def test_a_refusal_is_told_again_after_a_switch():
    set_language("sv")
    ed = GenogramEditor(virtanen())
    assert not ed.add_child(("mika", "eeli"), "ella")
    assert ed.message == ("Inte tillagt: mika och eeli är inte ett par ännu; "
                          "lägg först till parrelationen")
    set_language("fi")
    assert ed.message == "Ei lisätty: mika ja eeli eivät ole vielä pari; lisää ensin parisuhde"
    set_language("en")
    assert ed.message == "Not added: mika and eeli are not a couple yet; add the couple first"


# -- (b) the errors themselves: three languages, English as before -----------------------------
def _single_parent_family() -> dict:
    return {"kind": "family", "id": "s", "people": [{"id": "aa", "sex": "female"}, {"id": "bb"}],
            "single_parents": [{"parent": "aa", "child": "bb"}]}


ERRORS = [  # how to cause it, and the English line it gave before it had a text key
    (lambda: E.edit_person(virtanen(), "eeli", colour="x"),
     "people (eeli): unknown field 'colour'; allowed: id, name, sex, born, died, type, note, index"),
    (lambda: E.find_entry({"people": []}, "person", "x"),
     "people: no person with id 'x'; known ids: none yet"),
    (lambda: E.edit_union(virtanen(), 99, type="marriage"),
     "unions: no entry 99; the family has 6 unions (numbered from 0)"),
    (lambda: E.delete_relation(virtanen(), 42),
     "relations: no entry 42; the family has 6 relations (numbered from 0)"),
    (lambda: E.find_entry(virtanen(), "household", "x"),
     "households: no entry 'x'; the family has 3 households (numbered from 0)"),
    (lambda: E.delete_network_member(virtanen(), "nobody"),
     "network: no network member with id 'nobody'; known ids: mummo, isa, jari, sisaret, onni, "
     "pelikaverit, opettaja, kuraattori, sosiaalityontekija, valmentaja, naapuri"),
    (lambda: E.find_entry({"people": []}, "network", "x"),
     "network: no network member with id 'x'; known ids: none yet"),
    (lambda: E.find_entry(virtanen(), "child", "eeli"),
     "children: a child is found by (couple number or parent id, child id), got 'eeli'"),
    (lambda: E.edit_child(virtanen(), (0, "nobody"), relation="adopted"),
     "unions[0] (raimo + tuula): 'nobody' is not a child of this couple"),
    (lambda: E.delete_child(virtanen(), ("anna", "nobody")),
     "single_parents: 'nobody' is not listed as the child of 'anna' alone"),
    (lambda: E.edit_person(virtanen(), "eeli", id="  "),
     "people (eeli): a person needs an id, e.g. eeli"),
    (lambda: E.edit_child(_single_parent_family(), ("aa", "bb"), twin_of="x"),
     "single_parents (aa → bb): twins are marked among the children of a couple"),
    (lambda: E.edit_child(virtanen(), (0, "mika"), identical=True, twin_of=None),
     "children (mika): identical needs a twin; give twin_of first"),
    (lambda: E.edit_entry(virtanen(), "pet", "x"),
     "unknown kind of entry 'pet'; allowed: person, union, child, relation, household, network"),
]


@pytest.mark.parametrize(("cause", "english"), ERRORS, ids=[e[1][:40] for e in ERRORS])
def test_an_edit_error_has_three_languages_and_the_same_english(cause, english):
    with pytest.raises(InputError) as caught:
        cause()
    exc = caught.value
    assert exc.key and exc.key.startswith("genogram.edit.")
    assert str(exc) == english
    told = {lang: exc.describe(lang) for lang in LANGUAGES}
    assert told["en"] == str(exc)
    assert len(set(told.values())) == 3, told
    if exc.where:  # the place (a YAML path) is shown as it is, in every language
        assert all(text.startswith(exc.where + ": ") for text in told.values())


def test_drawing_and_saving_errors_have_three_languages(tmp_path, monkeypatch):
    fig = draw_genogram(example_family("korhonen"), lang="en")
    causes = [
        (lambda: draw_genogram(example_family("korhonen"), layers=["names"]),
         "layers: unknown layer 'names'; allowed: emotional, households"),
        (lambda: save_figure(fig, tmp_path / "g.pdf"),
         f"{tmp_path / 'g.pdf'}: cannot save as '.pdf'; use one of .html, .png, .svg"),
        (lambda: save_figure(fig, tmp_path / "g"),
         f"{tmp_path / 'g'}: cannot save as 'a file without suffix'; use one of .html, .png, .svg"),
    ]
    for cause, english in causes:
        with pytest.raises(InputError) as caught:
            cause()
        exc = caught.value
        assert exc.key.startswith("genogram.export.") and str(exc) == english
        told = {lang: exc.describe(lang) for lang in LANGUAGES}
        assert told["en"] == english and len(set(told.values())) == 3, told

    monkeypatch.setitem(sys.modules, "kaleido", None)  # as if kaleido were not installed
    with pytest.raises(InputError) as caught:
        save_figure(fig, tmp_path / "g.png", lang="fi")
    exc = caught.value
    assert "kaleido is not installed" in str(exc)  # the CLI speaks English, as everywhere
    assert "kaleido-pakettia ei ole asennettu" in exc.describe("fi")
    assert "(kaleido är inte installerat)" in exc.describe("sv")
    assert exc.describe("en").endswith("(kaleido is not installed). Save as HTML instead: "
                                       "it opens in any browser.")
    assert "is not installed" not in exc.describe("fi") + exc.describe("sv")


# -- (c) the catalogue ----------------------------------------------------------------------
def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_editing_text_has_the_same_placeholders_in_each_language():
    keys = [k for k in catalogue() if k.startswith(("genogram.edit.", "genogram.export."))]
    assert len(keys) >= 20
    for key in keys:
        texts = catalogue()[key]
        names = {lang: _placeholders(texts[lang]) for lang in LANGUAGES}
        assert names["fi"] == names["sv"] == names["en"], (key, names)
        assert not names["en"] & {"key", "lang"}, f"{key}: a field may not be called key or lang"


def test_every_text_in_the_new_catalogue_is_used_and_every_used_key_exists():
    ours = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    code = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SRC.rglob("*.py")))
    unused = [key for key in ours if f'"{key}"' not in code]
    assert not unused, f"texts no code uses: {unused}"
    used = set(re.findall(r'"(genogram\.(?:edit|export)\.[a-z_.]+)"', code))
    assert used and not used - set(catalogue()), used - set(catalogue())


@pytest.mark.parametrize("path", CONVERTED, ids=lambda p: p.name)
def test_no_english_only_input_error_is_left(path):
    """An InputError raised with its own English words cannot be told in Finnish or Swedish."""
    source = path.read_text(encoding="utf-8")
    assert not re.findall(r'InputError\(\s*f?["\']', source)


def test_swedish_save_example_is_a_swedish_file_name():
    assert "egen_familj.yaml" in t("genogram.edit.need_file_name", "sv")
    assert "oma_perhe.yaml" in t("genogram.edit.need_file_name", "fi")
