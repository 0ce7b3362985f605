"""The bundled scenarios land where their sources say (within about ±15 %)."""


import pytest
import repo_paths

from systemsim.experiment import run_replications, summarise, tidy
from systemsim.scenario import load_scenario

ROOT = repo_paths.ROOT


def year_means(name, years, reps=8, seed=1):
    res = run_replications(load_scenario(ROOT / "scenarios" / f"{name}.yaml"), years=years,
                           replications=reps, seed=seed, progress=False)
    s = summarise(tidy(res, name))
    return s[s.year == years].set_index("kpi")["mean"]


@pytest.mark.slow
@pytest.mark.backtest
def test_typical_finnish_municipality_matches_national_figures():
    m = year_means("finland_typical", 3)
    children = 5250
    assert m["children_notified"] / children == pytest.approx(0.107, rel=0.15)
    assert m["notifications_per_notified_child"] == pytest.approx(1.75, rel=0.15)
    assert m["open_care_clients_during_year"] / children == pytest.approx(0.034, rel=0.2)
    assert m["children_in_care"] / children == pytest.approx(0.009, rel=0.15)
    assert m["decisions_on_time_share"] == pytest.approx(0.92, rel=0.08)
    assert m["assessments_on_time_share"] == pytest.approx(0.86, rel=0.15)
    assert m["caseload_mean"] == pytest.approx(28, rel=0.18)


@pytest.mark.backtest
@pytest.mark.slow
def test_mantsala_reform_moves_in_the_direction_and_rough_size_of_the_seeds():
    # 16 replications: a five-worker municipality's year-3 stock swings by a few children
    before = year_means("mantsala_before", 3, reps=16)
    after = year_means("mantsala_after", 3, reps=16)  # the same staff: only what the seeds describe
    with_posts = year_means("mantsala_after_with_posts", 3, reps=16)  # plus four assumed posts
    assert 40 <= before["caseload_mean"] <= 65
    assert after["caseload_mean"] < 0.8 * before["caseload_mean"]
    assert 10 <= with_posts["caseload_mean"] <= 18  # seed 000's 15 needs the extra posts here
    assert after["children_in_care"] < 0.75 * before["children_in_care"]
    assert after["notifications"] < before["notifications"]
    assert after["direct_hours_per_family_week"] > 1.2 * before["direct_hours_per_family_week"]
    assert with_posts["direct_hours_per_family_week"] > 2 * before["direct_hours_per_family_week"]
