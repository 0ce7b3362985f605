"""Vignette files: the good ones load, every kind of broken one gets its own clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from systemsim.errors import InputError
from systemsim.i18n import LANGUAGES
from systemsim.training import (
    Text,
    VignetteError,
    all_paths,
    bundled_vignettes,
    check_file,
    load_vignette,
    validate_file,
)
from systemsim.training.problems import line_of
from systemsim.yamlio import dump_yaml, read_yaml

GOOD = Path(__file__).parent / "data" / "vignettes" / "test_home_visit.yaml"

BUNDLED = sorted(bundled_vignettes().values())
CANDIDATES = [GOOD, *BUNDLED]


@pytest.mark.parametrize("path", CANDIDATES, ids=lambda p: Path(p).stem)
def test_vignette_validates_and_every_path_ends(path):
    vignette = load_vignette(path)
    paths = all_paths(vignette)
    assert paths, "no path through the vignette"
    for p in paths:
        assert p[0] == vignette.start
        assert vignette.stage(p[-1]).end, f"path {p} does not end"
    on_some_path = {s for p in paths for s in p}
    assert on_some_path == set(vignette.stage_ids)


@pytest.mark.parametrize("path", CANDIDATES, ids=lambda p: Path(p).stem)
def test_every_text_has_three_languages(path):
    vignette = load_vignette(path)
    texts: list[Text] = []

    def collect(value):
        if isinstance(value, Text):
            texts.append(value)
        elif isinstance(value, list | tuple):
            for v in value:
                collect(v)
        elif hasattr(type(value), "model_fields"):
            for name in type(value).model_fields:
                collect(getattr(value, name))

    collect(vignette)
    assert len(texts) > 10
    for text in texts:
        for lang in LANGUAGES:
            assert text.get(lang).strip()


def test_good_vignette_paths(good_data):
    vignette = load_vignette(GOOD)
    assert all_paths(vignette) == [
        ["referral", "home_visit", "six_months"],
        ["referral", "no_show", "home_visit", "six_months"],
    ]


def _break(data, how):
    stages = data["stages"]
    if how == "missing_language":
        del stages[0]["narrative"]["sv"]
    elif how == "empty_language":
        stages[0]["narrative"]["en"] = "  "
    elif how == "plain_string":
        data["title"] = "Just English"
    elif how == "unknown_next":
        stages[1]["next"] = "nowhere"
    elif how == "unknown_choice_next":
        stages[0]["choices"][0]["next"] = "nowhere"
    elif how == "unknown_start":
        data["start"] = "nowhere"
    elif how == "duplicate":
        stages[1]["id"] = "home_visit"
        stages[1]["next"] = "six_months"
    elif how == "unreachable":
        stages.append({**stages[3], "id": "orphan"})
    elif how == "loop":
        stages[2]["next"] = "referral"
        stages[0]["choices"][1]["next"] = "home_visit"
    elif how == "family_missing":
        data["family"] = "../families/nobody.yaml"
    elif how == "family_invalid":
        data["family"] = "../vignettes/test_home_visit.yaml"  # a vignette, not a family
    elif how == "aspect":
        stages[0]["grraacceess"] = ["class", "hobbies"]
    elif how == "unknown_key":
        stages[0]["narative"] = stages[0].pop("narrative")
    elif how == "next_and_choices":
        stages[0]["next"] = "home_visit"
    elif how == "dead_end":
        del stages[1]["next"]
    elif how == "end_with_next":
        stages[3]["next"] = "referral"
    elif how == "id_not_stem":
        data["id"] = "other_name"
    elif how == "bad_id":
        stages[3]["id"] = "Six Months"
    elif how == "wrong_type":
        data["duration_minutes"] = "long"
    return data


CASES = {
    # how: (where, words the message must contain)
    "missing_language": ("stages[0].narrative.sv", "no 'sv' version"),
    "empty_language": ("stages[0].narrative.en", "'en' version is empty"),
    "plain_string": ("title", "three languages"),
    "unknown_next": ("stages[1].next", "no stage 'nowhere'"),
    "unknown_choice_next": ("stages[0].choices[0].next", "no stage 'nowhere'"),
    "unknown_start": ("start", "no stage 'nowhere'"),
    "duplicate": ("stages[2].id", "already used"),
    "unreachable": ("stages[4]", "can never be reached"),
    "loop": ("stages[0]", "never reaches an end"),
    "family_missing": ("family", "does not exist"),
    "family_invalid": ("family", "kind: family"),
    "aspect": ("stages[0].grraacceess[1]", "not a Social GRRAACCEESS aspect"),
    "unknown_key": ("stages[0].narative", "Unknown key 'narative'"),
    "next_and_choices": ("stages[0]", "both next and choices"),
    "dead_end": ("stages[1]", "leads nowhere"),
    "end_with_next": ("stages[3]", "end stage"),
    "id_not_stem": ("id", "file name"),
    "bad_id": ("stages[3].id", "not valid"),
    "wrong_type": ("duration_minutes", "whole number"),
}


@pytest.mark.parametrize("how", CASES)
def test_broken_vignette_message(how, good_data, write_vignette):
    path = write_vignette(_break(good_data, how), name="test_home_visit")
    where, words = CASES[how]
    with pytest.raises(VignetteError) as info:
        validate_file(path)
    err = info.value
    assert isinstance(err, InputError)
    wheres = [p.where for p in err.problems]
    assert where in wheres, f"{where} not in {wheres}"
    problem = err.problems[wheres.index(where)]
    assert words in problem.message("en")
    assert problem.line is not None and problem.line > 0
    assert str(path) in str(err)
    for lang in LANGUAGES:  # told in every language
        assert problem.describe(lang)


def test_loop_without_exit_is_caught(good_data, write_vignette):
    data = _break(good_data, "loop")
    report = check_file(write_vignette(data, name="test_home_visit"))
    never = [p.where for p in report.problems if p.key == "never_ends"]
    assert sorted(never) == ["stages[0]", "stages[2]"]


def test_broken_yaml_names_the_line(write_vignette, tmp_path):
    path = tmp_path / "vignettes" / "x.yaml"
    path.write_text("kind: vignette\nid: x\ntitle: [unclosed\n", encoding="utf-8")
    report = check_file(path)
    assert report.problems[0].key == "yaml"
    assert "line" in report.problems[0].describe("en")


def test_missing_file_is_input_error(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        validate_file(tmp_path / "nope.yaml")


def test_line_of_points_at_key():
    text = GOOD.read_text(encoding="utf-8")
    line = line_of(text, "stages[0].choices[1].next")
    assert "next: no_show" in text.splitlines()[line - 1]


def test_messages_in_finnish(good_data, write_vignette):
    path = write_vignette(_break(good_data, "unknown_next"), name="test_home_visit")
    with pytest.raises(VignetteError) as info:
        load_vignette(path, lang="fi")
    assert "Vaihetta 'nowhere' ei ole" in str(info.value)


def test_a_vignette_error_can_be_told_again_in_another_language(good_data, write_vignette):
    """The page keeps the error, not its words: it is told again after a language switch."""
    path = write_vignette(_break(good_data, "unknown_next"), name="test_home_visit")
    with pytest.raises(VignetteError) as info:
        load_vignette(path, lang="fi")
    error = info.value
    assert "Vaihetta 'nowhere' ei ole" in error.describe("fi")
    swedish = error.describe("sv")
    assert "nowhere" in swedish and "Vaihetta" not in swedish
    assert swedish.startswith(f"{path}: ") and swedish != error.describe("en")
    assert str(error) == error.describe("fi")  # str() keeps the language it was raised in


def test_file_errors_keep_their_text_key(tmp_path, monkeypatch):
    from systemsim.errors import describe_error
    from systemsim.training import vignette_path

    with pytest.raises(InputError) as info:
        check_file(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: file not found"  # the CLI's words
    assert info.value.describe("fi") == f"{tmp_path / 'nope.yaml'}: tiedostoa ei löydy"
    assert describe_error(info.value, "sv").endswith(": filen finns inte")
    assert describe_error(OSError("disk full"), "fi") == "disk full"  # nothing to translate
    monkeypatch.setenv("SYSTEMSIM_VIGNETTES", str(GOOD.parent))
    with pytest.raises(InputError) as info:
        vignette_path("nope")
    assert "det finns ingen fallvinjett med id 'nope'" in info.value.describe("sv")
    assert "test_home_visit" in info.value.describe("sv")


def test_vignette_path_by_id_and_by_file(monkeypatch, tmp_path):
    from systemsim.training import vignette_path

    monkeypatch.setenv("SYSTEMSIM_VIGNETTES", str(GOOD.parent))
    assert vignette_path("test_home_visit") == GOOD.resolve()
    assert vignette_path(str(GOOD)) == GOOD
    monkeypatch.setenv("HOME", str(GOOD.parents[1]))
    assert vignette_path("~/vignettes/test_home_visit.yaml").resolve() == GOOD.resolve()
    with pytest.raises(InputError, match="no vignette with id 'nope'; available: .*test_home"):
        vignette_path("nope")


def test_a_broken_family_file_is_reported_in_the_readers_language(good_data, write_vignette,
                                                                   tmp_path):
    """The trainer checking her own vignette reads what is wrong with its family file in her
    language, not the genogram check's English line inside a Finnish or Swedish sentence."""
    pytest.importorskip("systemsim.genogram")
    path = write_vignette(good_data, name="test_home_visit")  # copies the families to tmp_path
    family_file = tmp_path / "families" / "testila.yaml"
    family = read_yaml(family_file)
    first = family["people"][0]
    first["died"] = first["born"] - 5  # died before being born
    family_file.write_text(dump_yaml(family), encoding="utf-8")
    (problem,) = [p for p in check_file(path).problems if p.where == "family"]
    told = {lang: problem.message(lang) for lang in ("fi", "sv", "en")}
    assert f"died {first['died']} is before born {first['born']}" in told["en"]
    assert "kuolinvuosi" in told["fi"] and "died" not in told["fi"]
    assert "dödsåret" in told["sv"] and "died" not in told["sv"]
