"""Labels that are true: each line says what it is, Sweden has no statutory cap and counts in
kronor, a typed 0 is answered in words, and the caveat stands where the numbers are."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from systemsim.errors import InputError
from systemsim.i18n import set_language, t
from systemsim.scenario import load_scenario, with_values
from systemsim.viz.series import limits_for
from systemsim.whatif.assumptions import assumptions_that_differ
from systemsim.whatif.levers import apply_levers, lever_values

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SWEDISH = [p for p in sorted(SCENARIOS.glob("*.yaml")) if load_scenario(p).country == "SE"]

pytest.importorskip("ipywidgets")


def test_swedish_scenarios_show_no_statutory_cap_and_count_in_kronor():
    assert SWEDISH, "the Mölndal scenarios are Swedish"
    for path in SWEDISH:
        scenario = load_scenario(path)
        assert scenario.statutory_caseload_cap is None
        assert scenario.display_currency == "SEK"
        assert scenario.money_factor() == pytest.approx(scenario.sek_per_eur.value)
        assert "ECB" in scenario.sek_per_eur.source
        limits = limits_for(scenario)
        assert limits["caseload_cap_label"] == "leaders.limit.caseload_reference"
        label = t(limits["caseload_cap_label"], "sv", value="30", law="")
        assert "ingen maxgräns" in label and "lagens maxgräns" not in label.lower()


def test_a_finnish_cap_moved_in_a_whatif_is_not_called_the_legal_cap():
    base = load_scenario(SCENARIOS / "finland_typical.yaml")
    assert limits_for(base)["caseload_cap_label"] == "leaders.limit.caseload_cap"
    lower = with_values(base, {"legal.caseload_cap": 20})
    limits = limits_for(lower)
    assert limits["caseload_cap_label"] == "leaders.limit.caseload_cap_chosen"
    label = t(limits["caseload_cap_label"], "fi", value="20", law="30")
    assert "Lakisääteinen" not in label and "20" in label and "30" in label


def test_costs_shown_in_another_currency_need_a_sourced_rate(tmp_path):
    text = (SCENARIOS / "molndal_before.yaml").read_text(encoding="utf-8")
    rate = next(line for line in text.splitlines() if line.startswith("sek_per_eur"))
    broken = tmp_path / "molndal_no_rate.yaml"
    broken.write_text(text.replace(rate + "\n", ""), encoding="utf-8")
    with pytest.raises(InputError, match="sek_per_eur"):
        load_scenario(broken)


def test_every_limit_line_has_its_own_legend_entry():
    """The dashed line at 100 % is not described by the 30-children legend entry."""
    from systemsim.experiment import combine, run_scenario
    from systemsim.viz import kpi_grid
    from systemsim.viz.tables import summary_of

    scenario = load_scenario(SCENARIOS / "finland_typical.yaml")
    run = combine([run_scenario(scenario, years=1, replications=2, seed=1, label="base")])
    fig = kpi_grid(summary_of(run.yearly), ["caseload_mean", "decisions_on_time_share"],
                   lang="en", limits=limits_for(scenario))
    lines = [tr for tr in fig.data if (tr.meta or {}).get("role") == "limit"]
    assert {tr.meta["value"] for tr in lines} == {30, 1.0}
    for line in lines:
        assert line.showlegend is not False
        if line.meta["value"] == 1.0:
            assert "time limit" in line.name and "30" not in line.name
        else:
            assert "30 children" in line.name


@pytest.fixture
def swedish_dash():
    from systemsim.ui.dashboard import Dashboard

    set_language("sv")
    files = {"Mölndal": SWEDISH[0]}
    d = Dashboard(files, years=1, replications=2, seed=3)
    yield d
    d.close()
    set_language("fi")


def test_a_swedish_dashboard_counts_in_kronor_and_says_so(swedish_dash):
    headline = html.unescape(swedish_dash.headline.value)
    assert " kr" in headline and " €" not in headline
    assert "10,26 kr/€" in headline and "ECB" in headline
    fig = swedish_dash.figure("costs")
    assert fig.layout.yaxis.ticksuffix == " kr"
    caseload = swedish_dash.figure("caseload")
    [cap] = [tr for tr in caseload.data if (tr.meta or {}).get("role") == "limit"]
    assert "Referenslinje" in cap.name and "Lagstadgat" not in cap.name


@pytest.fixture
def dash():
    from systemsim.ui.dashboard import Dashboard

    set_language("en")
    d = Dashboard(years=1, replications=2, seed=3)
    yield d
    d.close()
    set_language("fi")


def test_zero_workers_cannot_be_chosen_and_is_refused_in_words(dash):
    """The slider offers nothing below the model's half-time worker; set() says why in words."""
    workers = dash.controls["social_workers"]
    assert min(value for _label, value in workers.options) == 0.5
    assert not dash.set(social_workers=0)
    assert "social workers" in html.unescape(dash.message.value).lower()


def test_the_caveat_and_the_assumptions_stand_under_the_headline(dash):
    assert "not forecasts" not in dash.note.value  # no longer above the controls
    dash.set(way_of_working="systemic")
    headline = html.unescape(dash.headline.value)
    table_end = headline.index("</table>")
    assert headline.index("not forecasts") > table_end
    assert "rests on these assumptions" in headline
    assert "How much more often systemic work finds the close network: only in the what-if" in headline


def test_only_assumed_numbers_are_named_as_assumptions():
    base = load_scenario(SCENARIOS / "finland_typical.yaml")
    sources = {"basic_services.early_support_places": base.basic_services.early_support_places,
               "workforce.social_workers": base.workforce.social_workers}
    whatif = with_values(base, {path: number.value + 5 for path, number in sources.items()})
    named = {d.path for d in assumptions_that_differ(base, whatif)}
    for path, number in sources.items():
        assert (path in named) == number.source.lower().startswith("assumption"), path
    same = apply_levers(base, lever_values(base))
    assert assumptions_that_differ(base, same) == []


def test_a_switch_to_systemic_work_names_the_numbers_it_brings_into_play():
    before = load_scenario(SCENARIOS / "mantsala_before.yaml")
    after = load_scenario(SCENARIOS / "mantsala_after.yaml")
    assert before.practice.way_of_working != after.practice.way_of_working
    named = {d.path: d for d in assumptions_that_differ(before, after)}
    boost = named["practice.systemic_network_boost"]
    assert boost.before is None and boost.after == after.practice.systemic_network_boost.value


def test_an_implausible_what_if_is_flagged_under_the_headline(dash):
    """Half a worker for the typical municipality: the page says the run describes a collapse."""
    dash.set(social_workers=0.5)
    headline = html.unescape(dash.headline.value)
    assert "⚠ What if:" in headline and "abandoned" in headline
    assert "⚠ Base:" not in headline


def test_the_board_report_names_an_implausible_run_before_any_number(tmp_path):
    from systemsim.report.board import ReportInput, build_report, run_for_report

    base = load_scenario(SCENARIOS / "finland_typical.yaml")
    collapsed = with_values(base, {"workforce.social_workers": 0.5})
    items = [ReportInput("base", SCENARIOS / "finland_typical.yaml", base),
             ReportInput("half", tmp_path / "half.yaml", collapsed)]
    result = run_for_report(items, years=2, replications=2, seed=1)
    doc = build_report(items, result, years=2, replications=2, seed=1, lang="sv")
    warnings = doc[doc.index("id='warnings'"):doc.index("</div>", doc.index("id='warnings'"))]
    assert "har socialsekreterarna i genomsnitt fler än 90 barn" in warnings
    assert doc.index("id='warnings'") < doc.index(t_headline("sv"))


def t_headline(lang: str) -> str:
    from systemsim.i18n import t

    return html.escape(t("leaders.report.headline", lang))
