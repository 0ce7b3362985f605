"""Targets and priors are data a modeller edits by hand: they must fail clearly, never silently."""

from pathlib import Path

import pytest

from systemsim.calibration.priors import calibrated_parameters, prior_lines
from systemsim.calibration.targets import KPI_NAMES, load_targets, statistics
from systemsim.cli import main
from systemsim.errors import InputError
from systemsim.experiment import run_one
from systemsim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TYPICAL = SCENARIOS / "finland_typical.yaml"
TARGETS = sorted((SCENARIOS / "targets").glob("*.yaml"))


@pytest.mark.parametrize("path", TARGETS, ids=lambda p: p.stem)
def test_bundled_target_files_validate_and_cite_a_source(path):
    targets = load_targets(path)
    assert all(len(t.source) > 10 for t in targets.targets)


def test_national_sets_are_big_enough_to_calibrate_on():
    fi = load_targets(SCENARIOS / "targets" / "finland_national.yaml")
    se = load_targets(SCENARIOS / "targets" / "sweden_national.yaml")
    assert (fi.country, se.country) == ("FI", "SE")
    assert len(fi.targets) >= 8 and len(se.targets) >= 6
    for targets in (fi, se):  # never calibrated on a seed story
        text = " ".join(t.source for t in targets.targets).lower()
        for story in ("mäntsälä", "mölndal", "hackney", "ostrobothnia", "pohjois-pohjanmaa"):
            assert story not in text


def test_kpi_names_are_exactly_what_a_run_outputs(typical_scenario):
    yearly = run_one(typical_scenario, 1, 3).yearly
    assert set(yearly.columns) - {"year"} == KPI_NAMES


def test_statistics_compute_rates_and_ratios_from_a_run(typical_scenario):
    targets = load_targets(SCENARIOS / "targets" / "finland_national.yaml")
    yearly = run_one(typical_scenario, targets.last_year, 3).yearly
    stats = statistics(yearly, targets, typical_scenario.population.children.value)
    rows = yearly[yearly.year.isin([2, 3])]
    assert stats["children_notified_share"] == pytest.approx(
        (rows.children_notified / typical_scenario.population.children.value).mean())
    assert stats["notifications_per_notified_child"] == pytest.approx(
        (rows.notifications / rows.children_notified).mean())
    assert set(stats) == {t.name for t in targets.targets}


GOOD = {"name": "a", "kpi": "children_in_care", "value": 1, "sd": 1, "source": "THL 2024"}
BAD_TARGETS = [
    ({"kpi": "childs_in_care"}, "targets.0.kpi", "unknown KPI 'childs_in_care'"),
    ({"per": "inhabitants"}, "targets.0.per", "unknown denominator"),
    ({"sd": -1}, "targets.0.sd", "greater than 0"),
    ({"value": ".nan"}, "targets.0.value", "finite"),
    ({"years": [0]}, "targets.0.years", "simulated years"),
    ({"scenario": "../finland_typical.yaml"}, "targets.0.scenario", "only validation files have it"),
    ({"colour": "red"}, "targets.0.colour", "unknown key"),
    ({"source": None}, "targets.0.source", "string"),
]


@pytest.mark.parametrize(("change", "key", "words"), BAD_TARGETS, ids=[b[1] for b in BAD_TARGETS])
def test_a_bad_target_file_exits_2_naming_the_file_and_key(tmp_path, capsys, change, key, words):
    target = {**GOOD, **change}
    body = "".join(f"    {k}: {'null' if v is None else v}\n" for k, v in target.items())
    path = write(tmp_path / "bad_targets.yaml", f"kind: targets\nname: t\ntargets:\n  -\n{body}")
    with pytest.raises(InputError) as exc:
        load_targets(path)
    assert key in str(exc.value) and words in str(exc.value) and "bad_targets.yaml" in str(exc.value)
    assert main(["validate", str(path)]) == 2
    code = main(["calibrate", str(SCENARIOS / "calibration" / "finland_typical.yaml"),
                 "--targets", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and key in err and "bad_targets.yaml" in err and "Traceback" not in err


def test_a_validation_file_is_refused_for_calibration(capsys):
    code = main(["calibrate", str(SCENARIOS / "calibration" / "finland_typical.yaml"),
                 "--targets", str(SCENARIOS / "targets" / "seed_stories.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and "seed_stories.yaml" in err and "purpose" in err


BAD_PRIORS = [
    ("{prior: {low: 3, high: 0.3}}", "practice.relationship_half_hours", "must be below"),
    ("{prior: {low: 0, high: 3, shape: loguniform}}", "practice.relationship_half_hours", "above 0"),
    ("{prior: {low: 0.3, high: 3, shape: triangular}}", "practice.relationship_half_hours", "mode"),
    ("{prior: {low: 2, high: 3}}", "practice.relationship_half_hours", "outside its prior"),
    ("{prior: {low: 0.3, high: 3, shape: normal}}", "practice.relationship_half_hours.prior.shape",
     "uniform"),
    ("{prior: {low: 0.3, hi: 3}}", "practice.relationship_half_hours.prior", "hi"),
]


@pytest.mark.parametrize(("prior", "key", "words"), BAD_PRIORS, ids=[b[2] for b in BAD_PRIORS])
def test_a_bad_prior_exits_2_naming_the_file_and_key(tmp_path, capsys, prior, key, words):
    path = write(tmp_path / "bad_prior.yaml",
                 f"extends: {TYPICAL}\npractice:\n  relationship_half_hours: {prior}\n")
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    assert key in str(exc.value) and words in str(exc.value) and "bad_prior.yaml" in str(exc.value)
    assert main(["validate", str(path)]) == 2
    assert "bad_prior.yaml" in capsys.readouterr().err


def test_a_prior_beyond_what_the_scenario_allows_is_refused(tmp_path):
    path = write(tmp_path / "too_wide.yaml",
                 f"extends: {TYPICAL}\npathway:\n  quality_protects: {{prior: {{low: 0.3, high: 1.5}}}}\n")
    with pytest.raises(InputError) as exc:
        calibrated_parameters(load_scenario(path), file=str(path))
    assert "pathway.quality_protects" in str(exc.value) and "at most 1" in str(exc.value)


def test_calibrating_a_number_without_a_prior_says_how_to_add_one():
    scenario = load_scenario(SCENARIOS / "calibration" / "finland_typical.yaml")
    with pytest.raises(InputError) as exc:
        calibrated_parameters(scenario, ["workforce.hours_per_week"])
    assert "workforce.hours_per_week has no prior" in str(exc.value)


def test_validate_lists_the_priors_of_the_bundled_calibrations(capsys):
    path = SCENARIOS / "calibration" / "finland_typical.yaml"
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    scenario = load_scenario(path)
    lines = prior_lines(scenario)
    assert len(lines) >= 6
    for line in lines:
        assert f"prior: {line}" in out
    assert "practice.relationship_half_hours: prior 0.3..3 (loguniform), value 1" in out
    # the overlay adds priors and changes no number of the scenario it extends
    base = load_scenario(TYPICAL)
    assert base.model_dump(exclude={"name"}) == _without_priors(scenario.model_dump(exclude={"name"}))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _without_priors(d):
    if isinstance(d, dict):
        return {k: _without_priors(v) if k != "prior" else None for k, v in d.items()}
    return d


def test_every_assumption_the_bundled_calibrations_estimate_has_a_prior():
    for stem in ("finland_typical", "molndal_before"):
        scenario = load_scenario(SCENARIOS / "calibration" / f"{stem}.yaml")
        params = calibrated_parameters(scenario)
        assert len(params) >= 6
        assert all(p.prior.low <= p.value <= p.prior.high for p in params)


@pytest.fixture(scope="module")
def typical_scenario():
    return load_scenario(TYPICAL)

