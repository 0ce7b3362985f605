"""Sensitivity analysis: SALib indices that make sense, reproducible JSON, clear errors."""

from __future__ import annotations

import json

import pytest
from repo_paths import TYPICAL

from systemsim.cli import main

BASE = ["sensitivity", str(TYPICAL), "--params", "demand.concerns_per_1000_children_year=40:120",
        "costs.assessment_eur=500:1500", "--kpi", "notifications", "--year", "1", "--json"]


@pytest.mark.slow
def test_sobol_finds_the_parameter_that_matters_and_is_reproducible(capsys):
    assert main([*BASE, "--method", "sobol", "--samples", "16", "--seed", "3"]) == 0
    first = capsys.readouterr().out
    assert main([*BASE, "--method", "sobol", "--samples", "16", "--seed", "3"]) == 0
    assert capsys.readouterr().out == first  # byte-identical
    doc = json.loads(first)
    assert doc["points"] == 16 * 4 and doc["method"] == "sobol"
    demand = doc["indices"]["demand.concerns_per_1000_children_year"]
    cost = doc["indices"]["costs.assessment_eur"]
    assert set(demand) == {"S1", "S1_conf", "ST", "ST_conf"}
    assert demand["ST"] > 0.5 and demand["S1"] > 0.5
    # costs do not feed back into notifications, and on common random numbers it shows exactly
    assert abs(cost["ST"]) < 1e-9 and abs(cost["S1"]) < 1e-9


@pytest.mark.slow
def test_morris_reports_mu_star_with_intervals(capsys):
    assert main([*BASE, "--method", "morris", "--samples", "4"]) == 0
    doc = json.loads(capsys.readouterr().out)
    demand = doc["indices"]["demand.concerns_per_1000_children_year"]
    assert demand["mu_star"] > 0 and demand["mu_star_conf"] >= 0 and "sigma" in demand
    assert doc["indices"]["costs.assessment_eur"]["mu_star"] == 0


@pytest.mark.slow
def test_table_output(capsys):
    assert main([*BASE[:-1], "--method", "morris", "--samples", "2"]) == 0
    out = capsys.readouterr().out
    assert "mu_star" in out and "demand.concerns_per_1000_children_year" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--params", "workforce.social_workers=9:5"],
         "--params: workforce.social_workers: low 9 must be below high 5"),
        (["--params", "workforce.social_workers=5-9"], "must look like path=low:high"),
        (["--params", "workforce.nurses=5:9"], "unknown parameter 'workforce.nurses'"),
        (["--params", "workforce.social_workers=0:9"], "must be at least 0.5"),
        (["--params", "workforce.social_workers=5:x"], "'x' is not a number"),
        (["--params", "workforce.social_workers=5:9", "workforce.social_workers=6:8"], "given twice"),
        (["--params", "workforce.social_workers=5:9", "--kpi", "happiness"],
         "--kpi: unknown KPI 'happiness'; allowed: "),
        (["--params", "workforce.social_workers=5:9", "--year", "3", "--years", "2"], "--year 3 is after"),
    ],
)
def test_bad_params_exit_2(args, message, capsys):
    argv = ["sensitivity", str(TYPICAL), "--kpi", "notifications", "--year", "1", *args]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err, err
    assert "\n" not in err
