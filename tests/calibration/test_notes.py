"""What a leader reads about the intervals names the statistics the model was calibrated
against in words; the posterior file is for the modeller, said apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from systemsim.calibration.notes import calibrated_against, calibration_reference, intervals_note
from systemsim.calibration.posterior import load_posterior

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
STATISTICS = {  # a word of each language's title of the target files
    "finland_typical": {"fi": "Suomen valtakunnalliset", "sv": "Finlands nationella",
                        "en": "Finland's national child-welfare statistics (THL"},
    "molndal_before": {"fi": "Ruotsin valtakunnalliset", "sv": "Sveriges nationella",
                       "en": "Sweden's national child-welfare statistics (Socialstyrelsen"},
}


@pytest.mark.parametrize("stem", sorted(STATISTICS))
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_leaders_sentence_names_the_statistics_not_the_file(stem, lang):
    posterior = load_posterior(SCENARIOS / "calibration" / f"{stem}.posterior.json")
    note = intervals_note(lang, posterior)
    assert STATISTICS[stem][lang] in note
    assert ".json" not in note and ".yaml" not in note and "posterior" not in note.lower()
    reference = calibration_reference(lang, posterior)
    assert f"{stem}.posterior.json" in reference and "_national.yaml" in reference


def test_without_named_targets_the_sentence_stays_whole_and_the_file_goes_to_the_modeller(
        tmp_path):
    doc = json.loads((SCENARIOS / "calibration" / "finland_typical.posterior.json").read_text())
    doc["targets_file"] = "gone.yaml"
    path = tmp_path / "moved.posterior.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    posterior = load_posterior(path)
    assert calibrated_against(posterior, "sv") == ""
    assert intervals_note("sv", posterior).endswith("samma för alla jämförda scenarier.")
    assert "moved.posterior.json" in calibration_reference("sv", posterior)
    (tmp_path / "gone.yaml").write_text("kind: targets\nname: x\n", encoding="utf-8")  # broken
    assert calibrated_against(posterior, "sv") == ""
    doc["targets_title"] = {"fi": "THL:n tilastot", "en": "THL statistics"}
    path.write_text(json.dumps(doc), encoding="utf-8")
    recorded = load_posterior(path)
    assert calibrated_against(recorded, "fi") == "THL:n tilastot"
    assert calibrated_against(recorded, "sv") == "THL statistics"  # another language, not nothing


def test_without_a_posterior_only_chance_is_said_and_no_file():
    assert "random variation" in intervals_note("en", None)
    assert calibration_reference("en", None) == ""
