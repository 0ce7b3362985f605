"""`compare A B --decompose`: each group's Shapley share of every KPI's difference."""

import dataclasses
import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from systemsim.cli import main
from systemsim.experiment import run_replications, summarise, tidy
from systemsim.experiment.decompose import (
    GROUPS,
    NOT_SIMULATED,
    changes,
    decompose,
    differing_groups,
    group_of,
    hybrid,
    schema_paths,
    shapley,
    ungrouped_keys,
)
from systemsim.model.params import plain
from systemsim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


def scenario(stem):
    return load_scenario(SCENARIOS / f"{stem}.yaml")


def what_if(tmp_path, name, body):
    path = tmp_path / f"{name}.yaml"
    path.write_text(f"extends: {SCENARIOS / 'finland_typical.yaml'}\nname: {name}\n{body}",
                    encoding="utf-8")
    return path


def simulated(s):
    """What the model reads of a scenario (its numbers and words, not its name or sources)."""
    values = vars(plain(s))
    return {k: v for k, v in values.items() if k not in NOT_SIMULATED}


# ---------------------------------------------------------------- the groups are data
def test_every_scenario_key_is_in_a_group():
    assert ungrouped_keys() == []
    known = {path for path, _whole in schema_paths()}
    for group, paths in GROUPS.items():
        for path in paths:
            assert path in known, f"{group}: {path} is not a scenario key"


def test_a_cost_inside_a_section_belongs_to_costs_by_the_longest_prefix():
    assert group_of("organisation.rotation.reception_cost_year_eur") == "costs"
    assert group_of("organisation.rotation.teams") == "structure"
    assert group_of("workforce.social_workers") == "staffing"
    assert group_of("workforce_dynamics.mentoring.mentors") == "workforce_levers"
    assert group_of("name") is None


# ---------------------------------------------------------------- hybrids
@pytest.mark.parametrize("pair", [("molndal_before", "molndal_after"),
                                  ("mantsala_before", "mantsala_after"),
                                  ("finland_typical", "hackney_unit"),
                                  ("finland_typical", "pohjois_pohjanmaa_rollout")])
def test_every_hybrid_is_a_valid_scenario_and_the_ends_are_a_and_b(pair):
    a, b = scenario(pair[0]), scenario(pair[1])
    groups = differing_groups(a, b)
    assert groups
    for k in range(len(groups) + 1):
        for subset in itertools.combinations(groups, k):
            hybrid(a, b, subset)  # raises if the mix is not a valid scenario
    assert simulated(hybrid(a, b, [])) == simulated(a)
    assert simulated(hybrid(a, b, groups)) == simulated(b)


def test_a_structure_comes_with_its_whole_section():
    a, b = scenario("molndal_before"), scenario("molndal_after")
    structure_only = hybrid(a, b, ["structure"])
    assert structure_only.organisation == b.organisation  # rotation with all its keys
    assert structure_only.workforce.social_workers == a.workforce.social_workers
    assert structure_only.workforce_dynamics.mentoring is None  # mentoring is a workforce lever
    unit = hybrid(scenario("finland_typical"), scenario("hackney_unit"), ["structure"])
    assert unit.organisation.structure == "systemic_unit" and unit.organisation.unit is not None


def test_what_changed_is_listed_key_by_key(tmp_path):
    a = scenario("finland_typical")
    b = load_scenario(what_if(tmp_path, "b", "workforce:\n  social_workers: {value: 9, source: t}\n"
                              "  cost_per_worker_year_eur: {value: 80000, source: t}\n"))
    rows = changes(a, b)
    assert list(rows["group"]) == ["staffing", "costs"]
    assert list(rows["path"]) == ["workforce.social_workers", "workforce.cost_per_worker_year_eur"]
    assert differing_groups(a, b) == ["staffing", "costs"]
    assert differing_groups(a, a) == []


# ---------------------------------------------------------------- Shapley values
def game(n, value):
    """A table with one row and one column per coalition mask, from value(set of players)."""
    row = {m: value({i for i in range(n) if m >> i & 1}) for m in range(2 ** n)}
    return pd.DataFrame([row])


def test_shapley_of_an_additive_game_is_each_players_own_effect():
    effects = [3.0, -1.5, 0.25]
    phi = shapley(game(3, lambda s: 10 + sum(effects[i] for i in s)), 3).iloc[0]
    assert list(phi) == pytest.approx(effects)


def test_two_identical_groups_get_the_same_share_and_a_dummy_gets_zero():
    # 0 and 1 are interchangeable (each alone does little, together a lot); 2 changes nothing
    def value(s):
        return {0: 0.0, 1: 1.0, 2: 5.0}[len(s & {0, 1})]

    phi = shapley(game(3, value), 3).iloc[0]
    assert phi[0] == pytest.approx(phi[1]) == pytest.approx(2.5)
    assert phi[2] == 0.0
    assert phi.sum() == pytest.approx(value({0, 1, 2}) - value(set()))


@pytest.fixture(scope="module")
def staff_and_costs(tmp_path_factory):
    """finland_typical against more staff, a dearer worker and a systemic way of working."""
    folder = tmp_path_factory.mktemp("decompose")
    a = SCENARIOS / "finland_typical.yaml"
    b = what_if(folder, "reform", "workforce:\n  social_workers: {value: 10, source: t}\n"
                "  cost_per_worker_year_eur: {value: 80000, source: t}\n"
                "practice:\n  way_of_working: systemic\n")
    d = decompose(load_scenario(a), load_scenario(b), years=2, replications=3, seed=5,
                  labels=("base", "reform"))
    return a, b, d


@pytest.mark.slow
def test_the_shares_add_up_to_the_whole_difference_of_every_kpi(staff_and_costs):
    _a, _b, d = staff_and_costs
    assert d.groups == ["staffing", "structure", "costs"] and d.runs == 8
    summed = d.shares.groupby(["kpi", "year"])["mean"].sum(min_count=1)
    totals = d.totals.set_index(["kpi", "year"])["difference"]
    both = pd.concat([summed.rename("sum"), totals], axis=1).dropna()
    assert len(both) > 50
    np.testing.assert_allclose(both["sum"], both["difference"], rtol=1e-12, atol=1e-9)


def test_the_ends_are_the_plain_runs_of_a_and_b_on_the_same_seeds(staff_and_costs):
    a, b, d = staff_and_costs
    for path, label, column in ((a, "base", "a"), (b, "reform", "b")):
        runs = run_replications(load_scenario(path), years=2, replications=3, seed=5, progress=False)
        plain_means = summarise(tidy(runs, label)).set_index(["kpi", "year"])["mean"]
        ours = d.totals.set_index(["kpi", "year"])[column]
        pd.testing.assert_series_equal(ours.sort_index(), plain_means.sort_index(),
                                       check_names=False)


def test_a_group_that_does_not_touch_a_kpi_gets_exactly_zero(staff_and_costs):
    _a, _b, d = staff_and_costs
    costs = d.shares[d.shares["group"] == "costs"].set_index(["kpi", "year"])
    # a worker's price changes what is paid, never what happens to a family (same seeds)
    for kpi in ("children_in_care", "placements_started", "caseload_mean", "notifications"):
        assert (costs.loc[kpi, "mean"] == 0.0).all(), kpi
        assert (costs.loc[kpi, ["low", "high"]] == 0.0).all().all(), kpi
    assert (costs.loc["cost_staff_eur", "mean"] > 0).all()
    assert d.share("children_in_care").index.tolist() == ["staffing", "structure", "costs"]


def test_identical_scenarios_need_one_run_and_split_nothing():
    a = scenario("finland_typical")
    d = decompose(a, a, years=1, replications=2, seed=1)
    assert d.groups == [] and d.runs == 1
    assert (d.totals["difference"].dropna() == 0.0).all()


# ---------------------------------------------------------------- the command line
def test_cli_prints_the_run_count_the_groups_and_their_shares(tmp_path, capsys):
    b = what_if(tmp_path, "more_staff", "workforce:\n  social_workers: {value: 9, source: t}\n"
                "basic_services:\n  early_support_places: {value: 60, source: t}\n")
    rc = main(["compare", str(SCENARIOS / "finland_typical.yaml"), str(b), "--years", "1",
               "--replications", "2", "--seed", "3", "--decompose"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert "2 groups differ (staffing, basic_services): 2^2 = 4 scenario runs" in err
    assert "Where did the difference come from? Year 1" in out
    assert "Staffing" in out and "Basic services" in out
    assert "workforce.social_workers" in out and "basic_services.early_support_places" in out


def test_cli_json_keeps_the_contract_and_adds_the_decomposition(tmp_path, capsys):
    b = what_if(tmp_path, "more_staff", "workforce:\n  social_workers: {value: 9, source: t}\n")
    args = [str(SCENARIOS / "finland_typical.yaml"), str(b), "--years", "1", "--replications", "2",
            "--seed", "3", "--json"]
    assert main(["compare", *args]) == 0
    plain_doc = json.loads(capsys.readouterr().out)
    assert main(["compare", *args, "--decompose"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["scenarios"] == plain_doc["scenarios"]  # the same runs, on the same seeds
    dec = doc["decomposition"]
    assert (dec["a"], dec["b"], dec["groups"], dec["runs"]) == (
        "finland_typical", "more_staff", ["staffing"], 2)
    point = dec["kpis"]["caseload_mean"][0]
    assert point["groups"]["staffing"]["mean"] == pytest.approx(point["difference"], abs=1e-6)
    assert point["difference"] < 0


def test_cli_decompose_needs_exactly_two_scenarios(capsys):
    typical = str(SCENARIOS / "finland_typical.yaml")
    rc = main(["compare", typical, str(SCENARIOS / "hackney_unit.yaml"),
               str(SCENARIOS / "mantsala_before.yaml"), "--decompose"])
    assert rc == 2
    assert "--decompose compares exactly two scenarios" in capsys.readouterr().err


# ---------------------------------------------------------------- fair reform files
@pytest.mark.parametrize(("before", "after"), [("mantsala_before", "mantsala_after"),
                                               ("molndal_before", "molndal_after")])
def test_a_reform_keeps_the_staff_of_before_and_its_posts_are_a_named_variant(before, after):
    b, a = scenario(before), scenario(after)
    assert "staffing" not in differing_groups(b, a)
    variant = scenario(f"{after}_with_posts")
    assert differing_groups(a, variant) == ["staffing"]
    assert variant.workforce.social_workers.value > a.workforce.social_workers.value
    assert list(changes(a, variant)["path"]) == ["workforce.social_workers"]


# ---------------------------------------------------------------- figure, sentences, report
def test_the_figure_has_a_bar_per_group_that_add_up_to_the_whole_difference(staff_and_costs):
    from systemsim.viz.decomposition import decomposition_figure

    _a, _b, d = staff_and_costs
    fig = decomposition_figure(d, ["children_in_care", "cost_total_eur"], lang="sv")
    for kpi in ("children_in_care", "cost_total_eur"):
        bars = [tr for tr in fig.data if tr.meta["kpi"] == kpi]
        assert [tr.meta["group"] for tr in bars] == ["total", "staffing", "structure", "costs"]
        total = bars[0].y[0]
        assert sum(tr.y[0] for tr in bars[1:]) == pytest.approx(total, rel=1e-9, abs=1e-6)
    names = [tr.name for tr in fig.data if tr.showlegend]
    assert names == ["Hela skillnaden", "Personalstyrka", "Organisation och arbetssätt",
                     "Enhetskostnader"]


def test_the_sentences_are_computed_from_the_decomposition(staff_and_costs):
    from systemsim.viz.decomposition import fmt_delta
    from systemsim.viz.labels import fmt_kpi
    from systemsim.whatif.decomposition import sentence, what_came_from

    _a, _b, d = staff_and_costs
    year = int(d.totals["year"].max())
    row = d.totals[(d.totals["kpi"] == "caseload_mean") & (d.totals["year"] == year)].iloc[0]
    text = sentence(d, "caseload_mean", "en")
    assert text.startswith(f"Children per social worker: {fmt_kpi('caseload_mean', row['a'], 'en')} → ")
    share = d.share("caseload_mean")
    assert f"“Staffing” {fmt_delta('caseload_mean', share['staffing'], 'en')}" in text
    assert "“Unit costs”" in text  # a zero share is named too, with its ±0
    html = str(what_came_from(d, ["caseload_mean", "children_in_care"], "fi"))
    assert html.count("<li>") == 2 and "”Henkilöstön määrä”" in html
    noisy = dataclasses.replace(d, totals=d.totals.assign(low=-1.0, high=1.0))
    assert "not worth splitting" in sentence(noisy, "caseload_mean", "en")


@pytest.mark.slow
def test_report_decompose_draws_the_groups_and_what_they_changed(tmp_path, capsys):
    b = what_if(tmp_path, "staff", "workforce:\n  social_workers: {value: 9, source: t}\n"
                "practice:\n  way_of_working: systemic\n")
    out = tmp_path / "report.html"
    rc = main(["report", str(SCENARIOS / "finland_typical.yaml"), str(b), "--years", "1",
               "--replications", "2", "--html", str(out), "--lang", "en", "--decompose"])
    assert rc == 0, capsys.readouterr().err
    doc = out.read_text(encoding="utf-8")
    assert "id='decomposition'" in doc and "Where did the difference come from? Year 1" in doc
    assert "<code>workforce.social_workers</code>" in doc and "<code>practice.way_of_working</code>" in doc
    assert '"group":"staffing"' in doc.replace(" ", "") and "Structure and way of working" in doc
    rc = main(["report", str(SCENARIOS / "finland_typical.yaml"), str(b),
               str(SCENARIOS / "hackney_unit.yaml"), "--html", str(out), "--decompose"])
    assert rc == 2 and "exactly two scenarios" in capsys.readouterr().err


def test_dashboard_splits_base_to_what_if_among_the_levers_moved():
    pytest.importorskip("ipywidgets")
    from systemsim.i18n import set_language
    from systemsim.ui.dashboard import Dashboard

    set_language("en")
    dash = Dashboard(years=1, replications=2, seed=3)
    try:
        assert dash.decompose_button.description == "Where did the difference come from?"
        dash.set(social_workers=9, way_of_working="systemic")
        dash.decompose()
        fig = dash.figures["decomposition"]
        groups = {tr.meta["group"] for tr in fig.data}
        assert groups == {"total", "staffing", "structure"}
        assert len(dash.decomposition.outputs) == 1
        dash.set(social_workers=10)  # a new answer clears the old split
        assert dash.decomposition.outputs == ()
    finally:
        dash.close()
        set_language("fi")


def test_a_mix_that_cannot_exist_is_refused_with_the_groups_named(tmp_path, monkeypatch):
    """Were a unit's settings in another group than its structure, a mix could be a systemic
    unit without a unit section: refused with a clear message, never run."""
    from systemsim.errors import InputError
    from systemsim.experiment import decompose as module

    monkeypatch.setitem(module._OWNER, "organisation.unit", "staffing")
    a = load_scenario(what_if(tmp_path, "a", "organisation:\n  structure: individual\n"))
    b = scenario("hackney_unit")
    with pytest.raises(InputError) as err:
        hybrid(a, b, ["structure"])
    message = str(err.value)
    assert "the mix A with B's structure is not a valid scenario" in message
    assert "structure systemic_unit needs a unit: section" in message
    assert "--decompose" in message
