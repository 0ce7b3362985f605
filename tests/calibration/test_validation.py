"""The seed stories are predicted, never fitted, and a miss is reported as a miss."""

from pathlib import Path

import pytest

from systemsim.calibration.posterior import load_posterior
from systemsim.calibration.targets import load_targets
from systemsim.calibration.validation import circular_sources, predict_stories, table_markdown

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def stories(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "stories.yaml"
    path.write_text(f"kind: targets\nname: s\npurpose: validation\ntargets:\n{body}", encoding="utf-8")
    return path


def test_the_bundled_stories_cover_every_seed_story_and_name_their_scenarios():
    spec = load_targets(SCENARIOS / "targets" / "seed_stories.yaml")
    names = " ".join(t.name for t in spec.targets)
    for story in ("mantsala", "molndal", "hackney", "ostrobothnia", "pohjois_pohjanmaa"):
        assert story in names
    for t in spec.targets:
        assert (SCENARIOS / "targets" / t.scenario).exists()


def test_stories_are_predicted_with_intervals_and_a_miss_is_called_a_miss(tmp_path, wide_posterior):
    typical = SCENARIOS / "finland_typical.yaml"
    path = stories(tmp_path, (
        f"  - {{name: plausible, scenario: {typical}, kpi: caseload_mean, years: [1], value: 27,"
        " sd: 4, source: test}\n"
        f"  - {{name: absurd, scenario: {typical}, kpi: caseload_mean, years: [1], value: 300,"
        " sd: 4, source: test}\n"
        f"  - {{name: more_staff, scenario: {tmp_path / 'more.yaml'}, baseline: {typical},"
        " direction: lower, kpi: caseload_mean, years: [1], source: test}\n"))
    (tmp_path / "more.yaml").write_text(
        f"extends: {typical}\nworkforce:\n  social_workers: {{value: 12, source: test}}\n", encoding="utf-8")
    table = predict_stories(path, replications=4, seed=2, posterior=load_posterior(wide_posterior))
    verdicts = dict(zip(table.story, table.verdict, strict=True))
    assert verdicts == {"plausible": "consistent", "absurd": "missed", "more_staff": "consistent"}
    row = table.set_index("story").loc["plausible"]
    assert row["low"] <= row["median"] <= row["high"]
    assert "| absurd |" in table_markdown(table) and "missed" in table_markdown(table)


def test_numbers_set_from_a_story_and_not_recalibrated_are_flagged(wide_posterior):
    table = circular_sources(load_posterior(wide_posterior), SCENARIOS / "finland_typical.yaml")
    flagged = table.set_index("parameter")
    assert flagged.loc["pathway.network_protects", "story"] == "mantsala"
    assert not flagged.loc["pathway.quality_protects", "calibrated"]
    assert "pathway.placement_weeks_mean" not in flagged.index  # sourced to THL, not a story


@pytest.mark.parametrize("stem", ["finland_typical", "molndal_before"])
def test_the_bundled_posteriors_are_named_development_and_fit_their_priors(stem):
    post = load_posterior(SCENARIOS / "calibration" / f"{stem}.posterior.json")
    assert "development" in post.meta["note"]
    assert post.ess() >= 10
    priors = {p["path"]: p["prior"] for p in post.parameters}
    for path, values in post.samples.items():
        assert all(priors[path]["low"] - 1e-9 <= v <= priors[path]["high"] + 1e-9 for v in values)
