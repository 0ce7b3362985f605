"""The dashboard answers moves against a cached base, refuses bad values clearly, and stops."""

from __future__ import annotations

import html
import re
import time

import pytest

from systemsim.errors import InputError
from systemsim.i18n import set_language, t
from systemsim.whatif.levers import check_values

pytest.importorskip("ipywidgets")


@pytest.fixture
def dash():
    from systemsim.ui.dashboard import Dashboard

    set_language("en")
    d = Dashboard(years=2, replications=3, seed=3)
    yield d
    d.close()
    set_language("fi")


def whatif_means(fig, kpi):
    return [list(tr.y) for tr in fig.data
            if (tr.meta or {}).get("role") == "mean" and tr.meta.get("scenario") == "whatif"
            and tr.meta.get("kpi") == kpi]


@pytest.mark.slow
def test_opens_with_base_equal_to_whatif(dash):
    fig = dash.figures["grid"]
    base = [list(tr.y) for tr in fig.data if (tr.meta or {}).get("scenario") == "base"
            and tr.meta.get("role") == "mean" and tr.meta["kpi"] == "caseload_mean"]
    assert base and base == whatif_means(fig, "caseload_mean")
    assert dash.controls["social_workers"].value == 7
    assert dash.controls["caseload_cap"].value == 30
    assert dash.controls["social_workers"].description == t("leaders.control.social_workers", "en")


@pytest.mark.slow
def test_moving_staffing_changes_the_answer_not_the_base(dash):
    before = whatif_means(dash.figures["grid"], "caseload_mean")
    base_run = dash.run.yearly[dash.run.yearly.scenario == "base"].copy()
    dash.controls["social_workers"].value = 11
    after = whatif_means(dash.figures["grid"], "caseload_mean")
    assert after[0][-1] < before[0][-1]
    assert dash.whatif_scenario.workforce.social_workers.value == 11
    assert dash.run.yearly[dash.run.yearly.scenario == "base"].reset_index(drop=True).equals(
        base_run.reset_index(drop=True))
    assert "<table" in dash.headline.value
    dash.reset()
    assert dash.controls["social_workers"].value == 7


@pytest.mark.slow
def test_base_run_is_cached(dash, monkeypatch):
    """Opening the dashboard again with the same file and settings runs nothing."""
    import systemsim.whatif.levers as levers
    from systemsim.ui.dashboard import Dashboard

    def no_run(*args, **kwargs):
        raise AssertionError("the base scenario was run again")

    monkeypatch.setattr(levers, "run_scenario", no_run)
    again = Dashboard(years=2, replications=3, seed=3)
    try:
        assert again.run.yearly[again.run.yearly.scenario == "base"]["value"].fillna(-1).equals(
            dash.run.yearly[dash.run.yearly.scenario == "base"]["value"].fillna(-1))
    finally:
        again.close()


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_invalid_values_name_the_control_and_the_range(lang):
    with pytest.raises(InputError) as err:
        check_values({"social_workers": 0}, lang)
    msg = str(err.value)
    assert msg.startswith(t("leaders.control.social_workers", lang)) and "0.5" in msg and "5000" in msg
    with pytest.raises(InputError, match=re.escape(t("leaders.control.caseload_cap", lang))):
        check_values({"caseload_cap": 25.5}, lang)
    with pytest.raises(InputError, match=re.escape(t("leaders.control.way_of_working", lang))):
        check_values({"way_of_working": "chaos"}, lang)


@pytest.mark.parametrize("lever", ["social_workers", "caseload_cap", "early_support_places"])
def test_a_lever_allows_what_a_scenario_file_allows(typical, lever):
    """The checks and the schema share one range: its ends pass both, beyond them fails both."""
    from systemsim.scenario import with_values
    from systemsim.whatif.levers import LEVERS, slider_limits

    spec = LEVERS[lever]
    # a region large enough that the cross-field checks (places <= children) allow the range's ends
    region = with_values(typical, {"population.inhabitants": 5_000_000, "population.children": 1_000_000})
    for value in (spec.low, spec.high):
        checked = check_values({lever: value}, "en")[lever]
        assert with_values(region, {spec.path: checked})
    for value in (spec.low - spec.step, spec.high + spec.step):
        with pytest.raises(InputError):
            check_values({lever: value}, "en")
        with pytest.raises(InputError):
            with_values(typical, {spec.path: value})
    shown = slider_limits(lever)
    assert spec.low == shown["min"] < shown["max"] <= spec.high


@pytest.mark.slow
def test_set_shows_the_message_and_changes_nothing(dash):
    assert not dash.set(caseload_cap=250)
    message = dash.message.value
    assert "Caseload threshold" in message and "1" in message and "200" in message
    assert dash.controls["caseload_cap"].value == 30
    assert dash.set(caseload_cap=25)
    assert dash.message.value == ""
    assert dash.whatif_scenario.legal.caseload_cap.value == 25


@pytest.mark.slow
def test_language_switch_relabels(dash):
    set_language("sv")
    assert dash.controls["caseload_cap"].description == t("leaders.control.caseload_cap", "sv")
    assert dash.figures["grid"].layout.meta["lang"] == "sv"
    assert dash.language.value == "sv"
    dash.language.value = "fi"  # the dashboard's own switch changes the notebook's language
    from systemsim.i18n import get_language

    assert get_language() == "fi"
    assert dash.controls["caseload_cap"].description == t("leaders.control.caseload_cap", "fi")


@pytest.mark.slow
def test_every_tab_draws(dash):
    dash.set(way_of_working="systemic", early_support_places=60)
    figs = dash.draw_all()
    assert set(figs) == {"grid", "compare", "placements", "costs", "caseload", "flow", "workforce"}
    assert all(len(f.data) for f in figs.values())
    assert dash.outputs["flow"].outputs[0]["data"]["application/vnd.plotly.v1+json"]["data"]


@pytest.mark.slow
def test_long_runs_show_progress_and_stop_between_replications():
    from systemsim.ui.dashboard import Dashboard

    d = Dashboard(years=1, replications=2, seed=4, foreground_limit=0)
    d.wait()  # the first answer ran in the background
    first = d.run
    d.controls["replications"].value = 100
    deadline = time.time() + 60  # a wait for the first replications, not a timing check
    while (d.progress.max != 100 or d.progress.value < 2) and time.time() < deadline:
        time.sleep(0.02)
    assert d.progress.layout.display == "" and d.stop_button.layout.display == ""
    d.stop()
    assert 2 <= d.progress.value < d.progress.max
    assert d.status.value == t("leaders.stopped")
    assert d.run is first  # the previous answer stays on screen
    assert d.progress.layout.display == "none"


@pytest.mark.slow
def test_changes_are_listed_and_the_report_downloads(dash):
    import base64

    dash.set(social_workers=9, way_of_working="systemic")
    assert "Social workers 7 → 9" in dash.changes.value
    assert "Individual → Systemic team" in dash.changes.value
    doc = dash.make_report()
    assert "LsL 13 b §" in doc and "what-if: set to 9" in doc
    href = dash.download.value.split('base64,', 1)[1].split('"', 1)[0]
    assert base64.b64decode(href).decode("utf-8") == doc
    assert 'download="systemsim-report.html"' in dash.download.value
    dash.reset()
    assert "no changes" in dash.changes.value and dash.download.value == ""


@pytest.mark.slow
def test_scenario_names_follow_the_language_without_a_new_run(dash):
    box = dash.controls["base"]
    chosen, run = box.value, dash.run
    set_language("sv")
    labels = dict((value, label) for label, value in box.options)
    assert box.value == chosen and dash.run is run
    assert labels[chosen] == dash.scenario_title(chosen, "sv") != chosen
    assert "Mäntsälä före reformen" in labels.values()


def test_status_line_and_slider_readout_follow_the_language_switch(dash):
    import html as _html

    workers = dash.controls["social_workers"]
    assert workers.label == "7.0"
    assert _html.unescape(dash.status.value).startswith(t("leaders.answered", "en").split("{")[0])
    english = _html.unescape(dash.status.value)
    set_language("sv")
    swedish = _html.unescape(dash.status.value)
    assert swedish != english
    assert swedish.startswith(t("leaders.answered", "sv").split("{")[0])
    assert workers.label == "7,0" and workers.value == 7  # same number, written the Swedish way
    set_language("fi")
    assert workers.label == "7,0"
    assert _html.unescape(dash.status.value).startswith(t("leaders.answered", "fi").split("{")[0])


def test_a_number_off_the_slider_grid_is_kept(dash):
    assert dash.set(social_workers=7.25)
    workers = dash.controls["social_workers"]
    assert workers.value == 7.25 and workers.label in ("7.2", "7.3")
    assert dash.set(social_workers=90)
    assert workers.value == 90 and workers.maximum >= 90


def test_the_uncertainty_switch_draws_parameters_and_says_what_the_intervals_include(dash):
    """'+ parameter uncertainty' reruns base and what-if on posterior draws; the headline and
    the board report say which uncertainty the intervals include and how much of the spread
    is what we do not know."""
    assert not dash.controls["uncertainty"].disabled  # the typical municipality is calibrated
    assert "only the random variation" in dash.headline.value
    chance = dash.summary.copy()
    assert dash.set(uncertainty="parameters", replications=4)
    shown = html.unescape(re.sub(r"<[^>]+>", " ", dash.headline.value))  # what a leader reads
    assert "calibrated against Finland's national child-welfare statistics" in shown
    assert ".posterior.json" not in shown and "posterior" not in shown
    assert re.search(r'title="For the modeller:[^"]*finland_typical\.posterior\.json',
                     dash.headline.value)  # the file, for the modeller, on pointing at the note
    assert "comes from parameter uncertainty" in dash.headline.value
    assert not dash.summary["mean"].equals(chance["mean"])  # a run on draws, not the cached one
    base = dash.summary[dash.summary.scenario == "base"].reset_index(drop=True)
    whatif = dash.summary[dash.summary.scenario == "whatif"].reset_index(drop=True)
    assert base.drop(columns="scenario").equals(whatif.drop(columns="scenario"))  # same draws
    report = dash.make_report()
    intervals = re.search(r'id="intervals">([^<]*)<', report).group(1)
    assert "national child-welfare statistics" in intervals and "posterior" not in intervals
    assert re.search(r'id="calibration"><small>[^<]*finland_typical\.posterior\.json', report)
    assert not dash.set(uncertainty="everything")  # refused, naming the control and choices
    assert "Intervals include" in dash.message.value and "random variation" in dash.message.value


def test_a_municipality_without_a_calibration_offers_only_random_variation(tmp_path):
    import yaml

    from systemsim.ui.dashboard import Dashboard
    from systemsim.yamlio import read_yaml

    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    own = tmp_path / "own.yaml"  # a municipality's own file: nothing beside it, no extends
    own.write_text(yaml.safe_dump(read_yaml(root / "scenarios" / "finland_typical.yaml"),
                                  allow_unicode=True), encoding="utf-8")
    set_language("en")
    d = Dashboard({"own": own}, years=1, replications=2, seed=1)
    try:
        assert d.controls["uncertainty"].disabled and d.controls["uncertainty"].value == "stochastic"
        assert "no calibration for this municipality" in d.headline.value
        assert not d.set(uncertainty="parameters")
        assert "no calibration" in d.message.value
    finally:
        d.close()
        set_language("fi")


def test_added_early_support_places_that_stand_empty_are_said_to(dash):
    """The lever adds paid places; the model fills only as many as basic services meet
    concerns for (more with more places, by the reach assumption), so the page says how many
    stood empty and which assumptions decide it."""
    dash.set(early_support_places=90)
    used = dash.summary[(dash.summary.kpi == "early_support_places_used_share")
                        & (dash.summary.scenario == "whatif")]["mean"].iloc[-1]
    assert 0 < used < 0.5  # about 0.25 at 90 places (0.35 at the 30 of the base)
    assert "of the early-support places were in use" in dash.headline.value
    assert "route_low_share" in dash.headline.value
    assert "early_support_reach_elasticity" in dash.headline.value
    dash.set(early_support_places=30)
    assert "were in use" not in dash.headline.value  # nothing added: nothing to explain


@pytest.mark.slow
def test_which_unknown_matters_ranks_the_parameters_that_move_the_difference():
    """The button's answer: in how many posterior draws the what-if is lower, and which
    calibrated parameters that depends on, in the reader's language."""
    from systemsim.calibration.posterior import find_posterior
    from systemsim.ui.dashboard import Dashboard

    set_language("en")
    d = Dashboard(years=3, replications=2, seed=5)
    try:
        assert not d.unknowns_button.disabled
        d.set(social_workers=12)
        d.which_unknown_matters()
        answer = d.unknowns_answer
        care = answer.facts["children_in_care"]
        assert care["draws"] == 20 and care["mean_difference"] < 0  # more workers: fewer placed
        ranking = answer.rankings["children_in_care"]
        drawn = set(__import__("json").loads(find_posterior(d.files[d.controls["base"].value])
                                             .read_text())["samples"])
        assert len(ranking) >= 2 and set(ranking["param"]) <= drawn
        assert list(ranking["delta"]) == sorted(ranking["delta"], reverse=True)
        assert "That depends most on:" in d.unknowns.value
        d.language.value = "sv"  # told again in Swedish, without a new run
        assert "Det beror mest på:" in d.unknowns.value and answer is d.unknowns_answer
        d.set(social_workers=8)
        assert d.unknowns.value == ""  # a new what-if: the old answer is gone
    finally:
        d.close()
        set_language("fi")
