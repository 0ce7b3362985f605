"""The one-line helpers the simulation notebooks call: bundled files, titles, options, tables."""

from __future__ import annotations

import pandas as pd
import pytest

from systemsim.errors import InputError
from systemsim.i18n import LANGUAGES
from systemsim.whatif import (
    headline,
    limits_of,
    load,
    more_workers,
    option_names,
    rollout_options,
    run_files,
    scenario_title,
    which_scenarios,
    workers_sweep,
)
from systemsim.whatif.scenarios import scenario_dir

TRANSLATED = ("finland_typical", "hackney_unit", "mantsala_before", "mantsala_after", "molndal_before",
              "molndal_after", "ostrobothnia_2024", "ostrobothnia_family_centre", "pohjois_pohjanmaa_rollout")


@pytest.mark.slow
def test_every_bundled_scenario_loads_and_has_a_title():
    files = sorted(p.stem for p in scenario_dir().glob("*.yaml"))
    assert set(TRANSLATED) <= set(files)
    for stem in files:
        scenario = load(stem)
        assert load(f"{stem}.yaml") == scenario
        titles = {lang: scenario_title(stem, lang) for lang in LANGUAGES}
        assert all(titles.values()), stem
        if stem in TRANSLATED:  # the pages name them in the reader's language
            assert titles["fi"] != titles["sv"] != titles["en"], stem


def test_a_missing_file_is_refused_not_replaced(tmp_path):
    with pytest.raises((InputError, FileNotFoundError, OSError)):
        load("no_such_municipality", folder=tmp_path)


def test_which_scenarios_names_option_title_and_file():
    out = str(which_scenarios({"before": "mantsala_before", "after": "mantsala_after"}, "sv"))
    assert "Före" in out and "Mäntsälä före reformen" in out and "mantsala_after.yaml" in out


@pytest.mark.slow
def test_more_workers_and_the_swedish_limits():
    base = load("finland_typical")
    assert more_workers(base, 2).workforce.social_workers.value == base.workforce.social_workers.value + 2
    se = limits_of("molndal_before")
    assert se["assessment_limit_days"] > limits_of("finland_typical")["assessment_limit_days"]


def test_rollout_options_change_only_the_trainers():
    region = load("pohjois_pohjanmaa_rollout")
    options = rollout_options(region)
    assert list(options) == ["pilots_only", "half_trainers", "rollout"]
    assert options["pilots_only"].rollout.trainers.value == 0
    assert options["half_trainers"].rollout.trainers.value == region.rollout.trainers.value // 2
    assert options["rollout"] is region
    names = option_names(list(options), "fi")
    assert all(names.values())


@pytest.mark.slow
def test_workers_sweep_runs_around_the_base():
    base = load("finland_typical")
    result, x_of = workers_sweep(base, [-1, 0, 1], years=1, replications=2, seed=1)
    w = base.workforce.social_workers.value
    assert sorted(x_of.values()) == [w - 1, w, w + 1]
    assert set(result.yearly["scenario"]) == set(x_of)


@pytest.mark.slow
def test_run_files_and_headline_table():
    result = run_files({"before": "mantsala_before", "after": "mantsala_after"}, years=1, replications=2,
                       seed=3)
    assert list(dict.fromkeys(result.yearly["scenario"])) == ["before", "after"]
    table = str(headline(result, ["caseload_mean", "no_such_kpi"], names=option_names(lang="en"),
                         lang="en"))
    assert "Before" in table and "After" in table and "Children per social worker" in table
    assert "no such kpi" not in table


def test_weekly_series_keep_the_first_scenarios_colour():
    from systemsim.viz import weekly_summary

    weekly = pd.DataFrame({"scenario": ["before", "before", "after", "after"], "replication": 0,
                           "week": [1, 2, 1, 2], "intake_queue": [1.0, 2.0, 0.0, 0.0]})
    assert list(dict.fromkeys(weekly_summary(weekly, "intake_queue")["scenario"])) == ["before", "after"]
