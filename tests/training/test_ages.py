"""A vignette agrees with itself: every age its story tells is the age its genogram draws."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from systemsim.genogram import load_family
from systemsim.genogram.draw import age_at, draw_genogram
from systemsim.genogram.model import Person
from systemsim.training import bundled_vignettes, check_file, load_vignette
from systemsim.training.ages import claims_in, stage_claims, vignette_mismatches
from systemsim.training.model_stage import family_inputs

BUNDLED = sorted(bundled_vignettes().values())


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: Path(p).stem)
def test_every_told_age_is_the_drawn_age(path):
    vignette = load_vignette(path)
    assert vignette.date, "a bundled vignette says when it happens"
    assert vignette_mismatches(vignette, load_family) == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: Path(p).stem)
def test_the_check_reads_the_ages_in_the_story(path):
    """The checker is not silent: it finds the named children's ages in all three languages."""
    vignette = load_vignette(path)
    family = load_family(vignette.resolve(vignette.family))
    claims = [c for i, s in enumerate(vignette.stages)
              for c in stage_claims(s, f"stages[{i}]", family.people)]
    assert {c.lang for c in claims} == {"fi", "sv", "en"}


@pytest.mark.parametrize(
    ("text", "lang", "who", "age"),
    [
        ("Sanna tulee hakemaan nelivuotiasta Onnia.", "fi", "onni", 4),
        ("Sannan 12-vuotias tytär Venla hoitaa Onnia.", "fi", "venla", 12),
        ("Sannas tolvåriga dotter Venla tar hand om Onni.", "sv", "venla", 12),
        ("kommer för att hämta fyraårige Onni.", "sv", "onni", 4),
        ("Sanna's twelve-year-old daughter Venla looks after Onni.", "en", "venla", 12),
        ("Onni, 4 v, ja hänen verkostonsa", "fi", "onni", 4),
    ],
)
def test_ages_are_read_as_a_story_tells_them(text, lang, who, age):
    people = {
        "onni": Person("onni", "Onni", born=2021),
        "venla": Person("venla", "Venla", born=2013),
        "sanna": Person("sanna", "Sanna", born=1994),
    }
    [claim] = claims_in(text, lang, "x", people)
    assert (claim.person, claim.age) == (who, age)


def test_ages_count_birthdays_as_mid_year():
    onni = Person("onni", "Onni", born=2021)
    assert age_at(onni, 2026, 1) == 4
    assert age_at(onni, 2026, 7) == 5
    assert age_at(Person("p", "Pertti", born=1962, died=2024), 2026, 1) == 62


def test_a_story_that_says_the_wrong_age_is_caught(tmp_path):
    """Onni made five in the Swedish text only: the check names the text, the age and the line."""
    source = bundled_vignettes()["mantsala_early_support"]
    shutil.copytree(source.parent.parent, tmp_path, dirs_exist_ok=True)
    broken = tmp_path / "vignettes" / source.name
    text = source.read_text(encoding="utf-8")
    assert "hämta fyraårige Onni" in text
    broken.write_text(text.replace("hämta fyraårige Onni", "hämta femårige Onni"), "utf-8")
    report = check_file(broken)
    assert not report.ok
    [problem] = report.problems
    assert problem.key == "age_mismatch"
    assert problem.where == "stages[0].narrative"
    assert problem.line is not None
    message = problem.describe("fi")
    assert "femårige" in message and "Onni" in message and "4" in message


def test_a_birth_year_that_disagrees_with_the_story_is_caught(tmp_path):
    source = bundled_vignettes()["mantsala_early_support"]
    shutil.copytree(source.parent.parent, tmp_path, dirs_exist_ok=True)
    family = tmp_path / "families" / "laaksonen.yaml"
    family.write_text(family.read_text("utf-8").replace("name: Venla, sex: female, born: 2013",
                                                        "name: Venla, sex: female, born: 2012"))
    report = check_file(tmp_path / "vignettes" / source.name)
    assert {p.fields["name"] for p in report.problems} == {"Venla"}


def test_the_genogram_of_a_vignette_draws_the_storys_ages():
    vignette = load_vignette(bundled_vignettes()["mantsala_early_support"])
    family = load_family(vignette.resolve(vignette.family))
    fig = draw_genogram(family, lang="en", year=2026, month=1)
    ages = [tr for tr in fig.data if tr.mode == "text" and "4" in list(tr.text or [])]
    assert ages, "Onni is drawn as 4 in January 2026"
    index = [p.id for p in family.people.values()].index("onni")
    assert ages[0].text[index] == "4"


def test_the_model_stage_counts_children_at_the_storys_date():
    vignette = load_vignette(bundled_vignettes()["mantsala_early_support"])
    stage = next(s for s in vignette.stages if s.model_run)
    inputs = family_inputs(vignette, stage)
    assert inputs["children"] == 2  # Venla (12) and Onni (4)
    assert inputs.get("oldest_age", 12) == 12
