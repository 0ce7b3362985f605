"""Scenario numbers that cannot be true are refused with the file, the key and what is allowed,
before a run can crash or hang on them (issue 14's input guards, issue 16's numbers)."""

from __future__ import annotations

import json

import pytest

from systemsim.errors import InputError
from systemsim.scenario import load_scenario, with_values

from .conftest import TYPICAL, cli

CASES = [
    ("nan", "workforce:\n  social_workers: .nan\n",
     "workforce.social_workers: must be a finite number (not .nan or .inf)"),
    ("inf", "workforce:\n  hours_per_week: .inf\n",
     "workforce.hours_per_week: must be a finite number"),
    ("inf_whole", "population:\n  children: .inf\n", "population.children: must be a finite number"),
    ("minus_inf", "costs:\n  assessment_eur: -.inf\n", "costs.assessment_eur: must be a finite number"),
    ("intake_1", "workforce:\n  intake_share: 1\n",
     "workforce.intake_share: must be below 1 (some hours must be left for families already in "
     "contact), got 1"),
    ("direct_0", "workforce:\n  direct_share: 0\n", "workforce.direct_share: must be above 0"),
    ("severity", "demand:\n  severity_low_share: 0.9\n  severity_high_share: 0.4\n",
     "severity_low_share + severity_high_share: must be at most 1 (the moderate share is the "
     "rest), got 0.9 + 0.4 = 1.3"),
    ("care", "initial:\n  children_in_care: 9000\n",
     "must be at most population.children (5250)"),
    ("zero_children", "population:\n  children: 0\n", "population.children: must be at least 1"),
    ("inhabitants", "population:\n  inhabitants: 1000\n",
     "population.inhabitants: must be at least population.children (5250), got 1000"),
    ("weights", "placements:\n  kinship: {weight: 0}\n  foster: {weight: 0}\n"
     "  professional: {weight: 0}\n  institution: {weight: 0}\n",
     "placements: at least one of the weights of kinship, foster, professional, institution must "
     "be above 0"),
    ("children_1e12", "population:\n  children: 1e12\n",
     "population.children: must be at most 3,000,000, got 1,000,000,000,000"),
    ("concerns_1e9", "demand:\n  concerns_per_1000_children_year: 1e9\n",
     "demand.concerns_per_1000_children_year: must be at most 500"),
    ("renotify", "demand:\n  notifications_per_client_year: 400\n",
     "demand.notifications_per_client_year: must be at most 52"),
    ("any_number", "initial:\n  children_in_aftercare: 1.0e+15\n",
     "initial.children_in_aftercare: must be at most 1,000,000,000"),
    ("cost", "costs:\n  assessment_eur: 1.0e+15\n",
     "costs.assessment_eur: must be at most 50,000"),
    ("quoted", 'workforce:\n  social_workers: "7"\n',
     "workforce.social_workers: expected a number, got the text '7' (write it without quotes)"),
    ("quoted_value", 'workforce:\n  social_workers: {value: "7", source: plan}\n',
     "workforce.social_workers: expected a number, got the text '7'"),
    ("bool", "workforce:\n  social_workers: yes\n", "expected a number, got true/false"),
]


@pytest.mark.parametrize(("name", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_impossible_numbers_are_refused_with_file_key_and_what_is_allowed(tmp_path, name, body,
                                                                          expected):
    p = tmp_path / f"{name}.yaml"
    p.write_text(f"extends: {TYPICAL}\n{body}", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(p)
    assert str(info.value).startswith(f"{p}: ")
    assert expected in str(info.value)


def test_the_bundled_scenarios_pass_every_guard():
    assert load_scenario(TYPICAL).population.children.value > 0


def test_what_if_changes_are_guarded_too():
    base = load_scenario(TYPICAL)
    with pytest.raises(InputError, match="population.children: must be at least 1"):
        with_values(base, {"population.children": 0})
    with pytest.raises(InputError, match="intake_share: must be below 1"):
        with_values(base, {"workforce.intake_share": 1.0})


@pytest.mark.slow
def test_run_refuses_nan_and_impossible_shares_with_exit_2(tmp_path):
    """These crashed `run` with a traceback (exit 1) or ran on nonsense before."""
    paths = []
    for name, body, _ in CASES[:2] + CASES[4:7]:
        p = tmp_path / f"{name}.yaml"
        p.write_text(f"extends: {TYPICAL}\n{body}", encoding="utf-8")
        paths.append(str(p))
    out = cli("validate", *paths)
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert out.stderr.count("FAIL ") == len(paths)
    run = cli("run", paths[0], "--years", "1", "--replications", "1", "--json")
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        f"systemsim: error: {paths[0]}: workforce.social_workers: must be a finite number "
        "(not .nan or .inf)"]


@pytest.mark.slow
def test_null_in_the_json_is_always_listed_in_warnings(tmp_path):
    p = tmp_path / "stalled.yaml"  # almost no intake time: few assessments finish in year 2
    p.write_text(f"extends: {TYPICAL}\nworkforce:\n  intake_share: 0.0001\n", encoding="utf-8")
    out = cli("run", str(p), "--years", "2", "--replications", "2", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    nulls = {(kpi, row["year"]) for kpi, rows in doc["scenarios"]["stalled"]["kpis"].items()
             for row in rows if row["mean"] is None}
    listed = " ".join(doc["warnings"])
    assert all(f"{kpi} is null in year(s)" in listed for kpi, _ in nulls)
    ok = json.loads(cli("run", str(TYPICAL), "--years", "1", "--replications", "1", "--json").stdout)
    assert ok["warnings"] == []


@pytest.mark.parametrize(("path", "typo", "ceiling"), [
    ("placements.institution.day_cost_eur", 290_000, "3,000"),
    ("workforce.cost_per_worker_year_eur", 65_000_000, "300,000"),
    ("costs.open_care_per_client_week_eur", 60_000, "5,000"),
    ("placements.kinship.weight", 1_200, "100"),
])
def test_money_and_weights_have_plausible_ceilings(path, typo, ceiling):
    """A few zeros too many in a cost or a weight is refused with the field and the ceiling."""
    typical = load_scenario(TYPICAL)
    with pytest.raises(InputError, match=rf"{path}.*at most {ceiling}"):
        with_values(typical, {path: typo})
