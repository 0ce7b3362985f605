"""--uncertainty parameters: wider, honest intervals on common random numbers, with a variance split."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from systemsim.calibration.posterior import applicable, find_posterior, load_posterior
from systemsim.calibration.uncertainty import (
    UncertainRun,
    depends_sentence,
    difference_sensitivity,
    run_with_parameters,
    variance_split,
)
from systemsim.cli import main
from systemsim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
TYPICAL = SCENARIOS / "finland_typical.yaml"


def cli_json(capsys, *args: str) -> dict:
    code = main([*args, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return json.loads(captured.out)


def width(doc: dict, scenario: str, kpi: str, year: int) -> float:
    point = doc["scenarios"][scenario]["kpis"][kpi][year - 1]
    return point["high"] - point["low"]


@pytest.mark.slow
def test_parameter_uncertainty_widens_the_intervals_and_says_where_the_spread_comes_from(
        capsys, wide_posterior):
    # six years: the run starts at the model's steady stocks, so how long placements last and
    # how much time protects a child show in children in care only as the stock turns over
    common = ["run", str(TYPICAL), "--years", "6", "--replications", "16", "--seed", "4"]
    plain = cli_json(capsys, *common)
    wide = cli_json(capsys, *common, "--uncertainty", "parameters", "--posterior", str(wide_posterior))
    assert "uncertainty" not in plain  # the default JSON contract is unchanged
    assert width(wide, "finland_typical", "children_in_care", 6) > 1.2 * width(
        plain, "finland_typical", "children_in_care", 6)
    split = wide["uncertainty"]["variance_split"]["finland_typical"]["children_in_care"][5]
    assert split["parameter"] + split["stochastic"] == pytest.approx(split["total"])
    assert split["parameter"] > 0.2 * split["total"]  # these two unknowns are a real part of the spread
    assert wide["uncertainty"]["draws"] == 8 and wide["uncertainty"]["seeds_per_draw"] == 2


def test_compared_scenarios_share_draws_and_seeds(tmp_path, wide_posterior):
    twin = tmp_path / "twin.yaml"
    twin.write_text(f"extends: {TYPICAL}\nname: the same municipality again\n", encoding="utf-8")
    scenarios = [load_scenario(TYPICAL), load_scenario(twin)]
    posterior = load_posterior(wide_posterior)
    run = run_with_parameters(scenarios, ["a", "b"], posterior, years=2, replications=6, seed=9)
    a = run.long[run.long.scenario == "a"].drop(columns="scenario").reset_index(drop=True)
    b = run.long[run.long.scenario == "b"].drop(columns="scenario").reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)  # identical files -> identical numbers, replication by replication
    assert run.draw_of == [0, 0, 1, 1, 2, 2]
    values = [d["practice.relationship_half_hours"] for d in run.draws]
    assert len(set(values)) > 1  # the draws differ between replications
    again = run_with_parameters(scenarios[:1], ["a"], posterior, years=2, replications=6, seed=9)
    pd.testing.assert_frame_equal(again.long, run.long[run.long.scenario == "a"].reset_index(drop=True))


def test_the_variance_split_adds_up_to_the_total_for_every_kpi(wide_posterior):
    posterior = load_posterior(wide_posterior)
    run = run_with_parameters([load_scenario(TYPICAL)], ["t"], posterior, years=2, replications=8, seed=2)
    split = variance_split(run)
    assert len(split) > 50
    assert np.allclose(split.parameter + split.stochastic, split.total)
    assert (split.parameter >= 0).all() and (split.stochastic >= 0).all()
    for kpi, g in split[split.year == 2].groupby("kpi"):
        values = run.long[(run.long.kpi == kpi) & (run.long.year == 2)].value
        assert g.total.iloc[0] == pytest.approx(values.var(ddof=1)), kpi


def test_the_ranking_finds_the_parameter_that_moves_the_difference():
    rng = np.random.default_rng(1)
    draws = [{"x.matters": float(u), "x.noise": float(v)} for u, v in rng.random((30, 2))]
    draw_of = [r // 2 for r in range(60)]
    rows = []
    for r, d in enumerate(draw_of):
        base = rng.normal(50, 1)
        rows.append(("a", r, 3, "children_in_care", base))
        rows.append(("b", r, 3, "children_in_care", base - 10 * draws[d]["x.matters"] + rng.normal(0, 0.3)))
    long = pd.DataFrame(rows, columns=["scenario", "replication", "year", "kpi", "value"])
    run = UncertainRun(long, draws, draw_of, {"a": ["x.matters", "x.noise"], "b": ["x.matters", "x.noise"]})
    table, facts = difference_sensitivity(run, "a", "b", "children_in_care", 3)
    assert list(table.param)[0] == "x.matters"
    assert facts["share_lower"] == 1.0
    text = depends_sentence(table, facts, "a", "b", "children_in_care", 3)
    assert "depends mostly on x.matters" in text and "100%" in text
    few = UncertainRun(long[long.replication < 10], draws, draw_of[:10], run.used)
    table, facts = difference_sensitivity(few, "a", "b", "children_in_care", 3)
    assert table.empty and "Too few draws" in depends_sentence(table, facts, "a", "b", "children_in_care", 3)


def test_a_scenario_keeps_a_calibrated_number_it_deliberately_changes(tmp_path, wide_posterior):
    changed = tmp_path / "more_time.yaml"
    changed.write_text(f"extends: {TYPICAL}\npractice:\n"
                       "  relationship_half_hours: {value: 0.5, source: what-if}\n", encoding="utf-8")
    posterior = load_posterior(wide_posterior)
    use, keep = applicable(posterior, load_scenario(changed))
    assert keep == ["practice.relationship_half_hours"] and use == ["pathway.placement_weeks_mean"]
    assert applicable(posterior, load_scenario(TYPICAL))[1] == []


def test_every_finnish_scenario_finds_the_national_posterior_through_extends():
    bundled = SCENARIOS / "calibration" / "finland_typical.posterior.json"
    for stem in ("finland_typical", "mantsala_after", "hackney_unit", "ostrobothnia_family_centre"):
        assert find_posterior(SCENARIOS / f"{stem}.yaml") == bundled
    assert find_posterior(SCENARIOS / "molndal_after.yaml") == (
        SCENARIOS / "calibration" / "molndal_before.posterior.json")


BAD_POSTERIORS = [
    ({"kind": "scenario"}, "kind"),
    ({"weights": [1.0]}, "samples.practice.relationship_half_hours"),
    ({"weights": [0.0] * 40}, "weights"),
    ({"samples": None}, "samples"),
]


@pytest.mark.parametrize(("change", "key"), BAD_POSTERIORS, ids=[k for _, k in BAD_POSTERIORS])
def test_a_bad_posterior_file_exits_2_naming_the_file_and_key(tmp_path, capsys, wide_posterior, change, key):
    doc = json.loads(wide_posterior.read_text())
    doc.update(change)
    if doc["samples"] is None:
        del doc["samples"]
    bad = tmp_path / "bad.posterior.json"
    bad.write_text(json.dumps(doc))
    code = main(["run", str(TYPICAL), "--years", "1", "--replications", "2", "--uncertainty",
                 "parameters", "--posterior", str(bad)])
    err = capsys.readouterr().err
    assert code == 2 and "bad.posterior.json" in err and key in err and "Traceback" not in err


def test_no_posterior_found_exits_2_saying_how_to_get_one(tmp_path, capsys):
    alone = tmp_path / "alone.yaml"
    alone.write_text((TYPICAL).read_text(encoding="utf-8"), encoding="utf-8")
    code = main(["run", str(alone), "--years", "1", "--replications", "2", "--uncertainty", "parameters"])
    err = capsys.readouterr().err
    assert code == 2 and "alone.yaml" in err and "systemsim calibrate" in err


def test_the_board_report_says_which_uncertainty_its_intervals_include(tmp_path, wide_posterior):
    out = tmp_path / "board.html"
    assert main(["report", str(TYPICAL), "--years", "1", "--replications", "2", "--html", str(out),
                 "--lang", "en", "--uncertainty", "parameters", "--posterior", str(wide_posterior)]) == 0
    doc = out.read_text(encoding="utf-8")
    assert "include both parameter uncertainty and random variation" in doc
    intervals = doc[doc.index('id="intervals"'):].split("</p>")[0]
    assert "wide.posterior.json" not in intervals  # the file is for the modeller, with the sources
    assert "wide.posterior.json" in doc[doc.index('id="calibration"'):].split("</p>")[0]
    assert main(["report", str(TYPICAL), "--years", "1", "--replications", "2", "--html", str(out),
                 "--lang", "sv"]) == 0
    assert "visar bara slumpvariationen" in out.read_text(encoding="utf-8")
    assert 'id="calibration"' not in out.read_text(encoding="utf-8")


def test_a_sweep_never_draws_the_path_it_varies(capsys, wide_posterior):
    doc = cli_json(capsys, "sweep", str(TYPICAL), "--vary", "practice.relationship_half_hours=0.5,2",
                   "--years", "1", "--replications", "4", "--seed", "3", "--uncertainty", "parameters",
                   "--posterior", str(wide_posterior))
    extra = doc["uncertainty"]
    for key in ("practice.relationship_half_hours=0.5", "practice.relationship_half_hours=2"):
        assert extra["drawn"][key] == ["pathway.placement_weeks_mean"]
        assert extra["kept_by_scenario"][key] == ["practice.relationship_half_hours"]
    assert set(doc["scenarios"]) == {"practice.relationship_half_hours=0.5",
                                     "practice.relationship_half_hours=2"}


def test_the_dashboards_runs_carry_parameter_uncertainty_on_common_draws(wide_posterior):
    """What the dashboard's switch asks for: base and what-if on the same draws and seeds, cached
    apart from the chance-only run, and a variance split that can be told from the table."""
    import threading

    from systemsim.calibration.uncertainty import split_of
    from systemsim.experiment import Stopped
    from systemsim.whatif.levers import base_run, whatif_run

    posterior = load_posterior(wide_posterior)
    settings = {"years": 2, "replications": 6, "seed": 11}
    chance = base_run(TYPICAL, **settings)
    drawn = base_run(TYPICAL, **settings, posterior=posterior)
    unchanged = whatif_run(TYPICAL, load_scenario(TYPICAL), **settings, label="base",
                           posterior=posterior)
    pd.testing.assert_frame_equal(drawn.yearly, unchanged.yearly)  # same draws, same seeds
    assert not drawn.yearly["value"].equals(chance.yearly["value"])  # a different run, not the cache
    assert base_run(TYPICAL, **settings) is chance  # the chance-only run is still cached
    split = split_of(drawn)
    row = split[(split.kpi == "children_in_care") & (split.year == 2)].iloc[0]
    assert row["parameter"] + row["stochastic"] == pytest.approx(row["total"])
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        base_run(TYPICAL, **{**settings, "seed": 12}, posterior=posterior, stop=stop)
