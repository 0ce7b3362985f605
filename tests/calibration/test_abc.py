"""ABC-SMC finds known parameters, repeats itself with a seed and continues after a stop."""

import json
from pathlib import Path

import numpy as np
import pytest

from systemsim.calibration.abc import Settings, calibrate
from systemsim.calibration.posterior import load_posterior
from systemsim.cli import main
from systemsim.experiment import run_one
from systemsim.scenario import load_scenario

TYPICAL = Path(__file__).resolve().parents[2] / "scenarios" / "finland_typical.yaml"
TRUTH = {"demand.concerns_per_1000_children_year": 100.0, "demand.notifications_per_client_year": 2.5}


def toy(tmp_path: Path, replications: int = 6, sd_factor: float = 2.0) -> tuple[Path, Path]:
    """A scenario with two priors and targets simulated from known values of them (one year)."""
    scenario = tmp_path / "toy.yaml"
    scenario.write_text(
        f"extends: {TYPICAL}\n"
        "demand:\n"
        "  concerns_per_1000_children_year: {prior: {low: 50, high: 140}}\n"
        "  notifications_per_client_year: {prior: {low: 1.2, high: 6, shape: loguniform}}\n",
        encoding="utf-8")
    from systemsim.scenario import with_values

    truth = with_values(load_scenario(scenario), TRUTH)
    children = truth.population.children.value
    rows = [run_one(truth, 1, 1000 + r).yearly.iloc[0] for r in range(replications)]
    share = np.array([r.children_notified / children for r in rows])
    per_child = np.array([r.notifications / r.children_notified for r in rows])
    targets = tmp_path / "toy_targets.yaml"
    targets.write_text(
        "kind: targets\nname: simulated from known parameters\ncountry: FI\nyears: [1]\ntargets:\n"
        f"  - {{name: notified, kpi: children_notified, per: children, value: {share.mean()},"
        f" sd: {sd_factor * share.std(ddof=1)}, source: simulated}}\n"
        f"  - {{name: per_child, kpi: notifications, per: children_notified, value: {per_child.mean()},"
        f" sd: {sd_factor * per_child.std(ddof=1)}, source: simulated}}\n", encoding="utf-8")
    return scenario, targets


@pytest.mark.slow
def test_the_posterior_covers_the_parameters_the_targets_were_simulated_from(tmp_path):
    scenario, targets = toy(tmp_path)
    result = calibrate(scenario, targets, Settings(population=40, generations=3, seed=3),
                       progress=False)
    summary = result.posterior.summary()
    for path, truth in TRUTH.items():
        s = summary[path]
        assert s["q05"] <= truth <= s["q95"], (path, s)
    # and it learnt something: the notified share pins the concern rate far inside its prior
    s = summary["demand.concerns_per_1000_children_year"]
    assert s["q95"] - s["q05"] < 0.6 * (140 - 50)
    assert result.posterior_path == tmp_path / "toy.posterior.json"
    page = result.posterior_path.with_suffix(".html").read_text(encoding="utf-8")
    assert "Effective sample size" in page and "plotly" in page and "per_child" in page
    doc = json.loads(result.posterior_path.read_text(encoding="utf-8"))
    assert doc["versions"]["pyabc"] and doc["seed"] == 3 and len(doc["targets"]) == 2
    assert len(doc["weights"]) == 40 and set(doc["samples"]) == set(TRUTH)


@pytest.mark.slow
def test_a_seed_repeats_the_calibration_and_a_stopped_run_continues_to_the_same_result(tmp_path):
    scenario, targets = toy(tmp_path, replications=3)
    settings = dict(population=12, seed=11)
    straight = calibrate(scenario, targets, Settings(generations=2, database=str(tmp_path / "a.db"),
                                                     **settings), progress=False,
                         out=tmp_path / "a.posterior.json")
    first = calibrate(scenario, targets, Settings(generations=1, database=str(tmp_path / "b.db"),
                                                  **settings), progress=False,
                      out=tmp_path / "b.posterior.json")
    assert first.posterior.meta["generations"] == 1
    resumed = calibrate(scenario, targets, Settings(generations=2, database=str(tmp_path / "b.db"),
                                                    **settings), progress=False,
                        out=tmp_path / "b.posterior.json")
    assert resumed.generations_run == 1  # only the missing generation was sampled
    assert resumed.posterior.meta["generations"] == 2
    assert resumed.posterior.samples == straight.posterior.samples
    assert resumed.posterior.weights == pytest.approx(straight.posterior.weights)
    again = load_posterior(tmp_path / "b.posterior.json")
    assert again.samples == straight.posterior.samples


@pytest.mark.slow
def test_the_cli_calibrates_writes_beside_the_scenario_and_names_a_bad_scheduler(tmp_path, capsys):
    scenario, targets = toy(tmp_path, replications=3)
    code = main(["calibrate", str(scenario), "--targets", str(targets), "--population", "8",
                 "--generations", "1", "--seed", "2"])
    out = capsys.readouterr().out
    assert code == 0 and "toy.posterior.json" in out and "ESS" in out
    assert (tmp_path / "toy.posterior.json").exists() and (tmp_path / "toy.posterior.html").exists()
    assert list(tmp_path.glob("toy.*.calibration.db"))
    code = main(["calibrate", str(scenario), "--targets", str(targets), "--scheduler",
                 "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2 and "--scheduler" in err


@pytest.mark.slow
def test_a_history_matching_wave_narrows_the_prior_and_is_recorded(tmp_path):
    # one observation sd (not two): sharp enough that the wave rules part of the prior out
    scenario, targets = toy(tmp_path, replications=6, sd_factor=1.0)
    result = calibrate(scenario, targets, Settings(population=8, generations=1, seed=4,
                                                   history_matching=24), progress=False)
    wave = result.posterior.meta["history_matching"]
    assert wave["points"] == 24 and 0 < wave["kept"] < 24
    priors = {p["path"]: p["prior"] for p in result.posterior.parameters}  # the narrowed ones
    full = {"demand.concerns_per_1000_children_year": (50, 140),
            "demand.notifications_per_client_year": (1.2, 6)}
    narrowed = 0
    for path, (low, high) in wave["bounds"].items():
        assert full[path][0] <= low < high <= full[path][1]
        narrowed += high - low < full[path][1] - full[path][0]
        assert (priors[path]["low"], priors[path]["high"]) == pytest.approx((low, high))
        assert all(low <= x <= high for x in result.posterior.samples[path])
    assert narrowed  # the targets rule part of the prior out
