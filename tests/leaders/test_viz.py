"""Figures built from result tables show what the tables say, labelled in each language."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from systemsim.i18n import LANGUAGES, t
from systemsim.scenario import PLACEMENT_TYPES
from systemsim.viz import (
    before_after,
    caseload_distribution,
    compare_values,
    costs_by_item,
    family_flow,
    family_timeline,
    fmt_eur,
    fmt_kpi,
    fmt_number,
    fmt_share,
    kpi_grid,
    kpi_label,
    kpi_timeseries,
    limits_for,
    placements_by_type,
    workforce_panel,
    yearly_flows,
)


def traces(fig, role, **match):
    return [tr for tr in fig.data if (tr.meta or {}).get("role") == role
            and all((tr.meta or {}).get(k) == v for k, v in match.items())]


def test_number_formats_follow_the_language():
    assert fmt_eur(1234567, "fi") == "1 234 567 €"
    assert fmt_eur(1234567, "sv") == "1 234 567 €"
    assert fmt_eur(1234567, "en") == "€1,234,567"
    assert fmt_number(1234.5, "fi", 1) == "1 234,5"
    assert fmt_share(0.925, "fi", 1) == "92,5 %"
    assert fmt_share(0.925, "en", 1) == "92.5%"
    assert fmt_kpi("cost_total_eur", 2e6, "sv") == "2 000 000 €"
    assert fmt_kpi("notifications", float("nan"), "fi") == "–"
    from systemsim.viz.labels import fmt_change

    assert fmt_change("children_in_care", 36.2, 38.8, "fi") == "−6,7 %"
    assert fmt_change("children_in_care", 44, 40, "en") == "+10%"
    assert fmt_change("kinship_share", 0.15, 0.05, "sv") == "+10 %-enh."
    assert fmt_change("cost_total_eur", 5, 0, "en") == "–"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeseries_mean_band_and_cap_line(summary, lang):
    fig = kpi_timeseries(summary, "caseload_mean", lang=lang)
    means = traces(fig, "mean")
    assert [tr.name for tr in means] == ["base", "whatif"]
    for tr in means:
        rows = summary[(summary.scenario == tr.name) & (summary.kpi == "caseload_mean")].sort_values("year")
        assert list(tr.x) == rows["year"].tolist()
        assert np.allclose(tr.y, rows["mean"])
    bands = traces(fig, "band")
    assert len(bands) == 2 and all(tr.fill == "toself" for tr in bands)
    base = summary[(summary.scenario == "base") & (summary.kpi == "caseload_mean")].sort_values("year")
    assert np.allclose(bands[0].y, base["high"].tolist() + base["low"].tolist()[::-1])
    (cap,) = traces(fig, "limit")
    assert set(cap.y) == {30}
    assert cap.name == t("leaders.limit.caseload_cap", lang, value="30")
    assert fig.layout.yaxis.title.text == kpi_label("caseload_mean", lang) == t("kpi.caseload_mean", lang)
    assert fig.layout.xaxis.title.text == t("leaders.year", lang)
    assert fig.layout.separators == (".," if lang == "en" else ", ")


def test_time_limit_targets_are_drawn(summary, typical):
    limits = limits_for(typical)
    fig = kpi_timeseries(summary, "assessment_days_median", lang="en", limits=limits)
    (line,) = traces(fig, "limit")
    assert set(line.y) == {91}
    share = kpi_timeseries(summary, "decisions_on_time_share", lang="fi")
    assert set(traces(share, "limit")[0].y) == {1.0}
    assert share.layout.yaxis.tickformat == ".0%"
    assert not traces(kpi_timeseries(summary, "notifications"), "limit")


def test_grid_draws_only_the_kpis_present(summary):
    without = summary[summary.kpi != "turnover_rate"]
    fig = kpi_grid(without, ["caseload_mean", "turnover_rate", "children_in_care"], lang="sv",
                   names={"base": "Nuläge", "whatif": "Tänk om"})
    kpis = {tr.meta["kpi"] for tr in traces(fig, "mean")}
    assert kpis == {"caseload_mean", "children_in_care"}
    titles = [a.text for a in fig.layout.annotations]
    assert titles == [t("kpi.caseload_mean", "sv"), t("kpi.children_in_care", "sv")]
    assert {tr.name for tr in traces(fig, "mean")} == {"Nuläge", "Tänk om"}
    assert len(traces(fig, "limit")) == 1


@pytest.mark.slow
@pytest.mark.parametrize("lang", LANGUAGES)
def test_before_after_bars_are_the_tables_means(summary, lang):
    kpis = ["children_in_care", "cost_total_eur", "kinship_share"]
    fig = before_after(summary, kpis, lang=lang)
    values = compare_values(summary, kpis)
    bars = traces(fig, "mean")
    assert len(bars) == 6
    for bar in bars:
        row = values[(values.scenario == bar.meta["scenario"]) & (values.kpi == bar.meta["kpi"])].iloc[0]
        assert math.isclose(bar.y[0], row["mean"])
        assert math.isclose(bar.y[0] + bar.error_y.array[0], row["high"])
        assert math.isclose(bar.y[0] - bar.error_y.arrayminus[0], row["low"])
        assert bar.text[0] == fmt_kpi(bar.meta["kpi"], row["mean"], lang)
    assert [a.text for a in fig.layout.annotations] == [kpi_label(k, lang) for k in kpis]
    assert values["year"].unique().tolist() == [2]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_family_flow_sankey_is_the_flow_table(result, lang):
    fig = family_flow(result.flows, scenario="base", lang=lang)
    (sankey,) = fig.data
    table = yearly_flows(result.flows, "base")
    assert np.allclose(sankey.link.value, table["children"].round(2))
    nodes = list(sankey.node.customdata)
    assert nodes[0] == "concern" and "assessment" in nodes and "closed" in nodes
    labels = list(sankey.node.label)
    assert labels[nodes.index("assessment")] == t("stage.assessment", lang)
    assert labels[nodes.index("closed")] == t("stage.closed", lang)
    assert labels[0] == t("leaders.node.concern", lang)
    # links go between the named stages, in children a year (replications x years averaged)
    flows = result.flows[result.flows.scenario == "base"]
    total = flows["children"].sum() / len(flows[["replication", "year"]].drop_duplicates())
    assert math.isclose(table["children"].sum(), total)


def test_caseload_distribution_shows_every_workers_caseload(result):
    fig = caseload_distribution(result.caseloads, cap=25, lang="en")
    hist = traces(fig, "distribution", scenario="whatif")[0]
    rows = result.caseloads[(result.caseloads.scenario == "whatif") & (result.caseloads.year == 2)]
    assert sorted(hist.x) == sorted(rows["caseload"].tolist())
    assert len(rows) == 4 * 9  # 4 replications x 9 workers
    (cap,) = traces(fig, "limit")
    assert set(cap.x) == {25} and cap.name == "Legal cap 25 children"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placements_by_type_stack(summary, lang):
    fig = placements_by_type(summary, lang=lang)
    assert fig.layout.barmode == "stack"
    assert [tr.name for tr in fig.data] == [t(f"placement.{k}", lang) for k in PLACEMENT_TYPES]
    for tr in fig.data:
        for x, y in zip(tr.x, tr.y, strict=True):
            rows = summary[(summary.scenario == x) & (summary.kpi == tr.meta["kpi"])]
            assert math.isclose(y, rows["mean"].mean())


def test_costs_by_item_add_up_to_the_total(summary):
    from systemsim.experiment.kpis import COST_ITEMS

    fig = costs_by_item(summary, lang="fi")
    assert len(fig.data) == len(COST_ITEMS)
    assert fig.layout.yaxis.ticksuffix == " €"
    for i, sc in enumerate(["base", "whatif"]):
        stacked = sum(tr.y[i] for tr in fig.data)
        total = summary[(summary.scenario == sc) & (summary.kpi == "cost_total_eur")]["mean"].mean()
        assert math.isclose(stacked, total, rel_tol=1e-9)
    staff = [tr for tr in fig.data if tr.meta["kpi"] == "cost_staff_eur"][0]
    assert staff.name == t("kpi.cost_staff_eur", "fi")
    assert staff.customdata[0].endswith(" €")


@pytest.mark.slow
def test_workforce_panel_shows_what_exists(summary):
    workforce_kpis = {"sick_leave_days_per_worker_year", "turnover_rate", "vacancy_rate",
                      "new_staff_share", "worker_changes_per_child", "teams_converted"}
    summary = summary[~summary.kpi.isin(workforce_kpis)]
    fig = workforce_panel(summary, lang="en")
    kpis = {tr.meta["kpi"] for tr in traces(fig, "mean")}
    assert kpis == {"caseload_mean", "direct_hours_per_family_week", "workers_over_cap"}
    extra = pd.DataFrame({"scenario": "base", "kpi": "sick_leave_days_per_worker_year", "year": [1, 2],
                          "mean": [14.0, 16.0], "low": [12.0, 13.0], "high": [16.0, 19.0]})
    fig = workforce_panel(pd.concat([summary, extra]), lang="fi")
    sick = [tr for tr in traces(fig, "mean") if tr.meta["kpi"] == "sick_leave_days_per_worker_year"]
    assert list(sick[0].y) == [14.0, 16.0]
    assert fig.layout.annotations[0].text == kpi_label("sick_leave_days_per_worker_year", "fi")


@pytest.mark.slow
def test_family_timeline_from_a_trace(typical):
    from systemsim.whatif import family_story, find_interesting_family

    fid = find_interesting_family(typical, seed=7, years=2)
    story = family_story(typical, fid, seed=7, years=2)
    assert len(story) >= 3 and "open_care" in set(story["stage"])
    fig = family_timeline(story, lang="sv")
    stages = {tr.meta["stage"] for tr in fig.data if tr.meta["role"] == "stay"}
    assert "open_care" in stages
    assert t("stage.open_care", "sv") in {tr.name for tr in fig.data}


def test_empty_tables_give_a_note_not_an_error():
    fig = kpi_grid(pd.DataFrame(), ["caseload_mean"], lang="en")
    assert fig.layout.annotations[0].text == t("leaders.no_data", "en")


def test_a_scenario_keeps_its_colour_in_a_subset(summary, result):
    fig = kpi_timeseries(summary, "notifications")
    full = {tr.meta["scenario"]: tr.line.color for tr in traces(fig, "mean")}
    only = traces(kpi_timeseries(summary, "notifications", scenarios=["whatif"]), "mean")[0]
    assert only.line.color == full["whatif"] != full["base"]
    bars = traces(before_after(summary, ["notifications"], scenarios=["whatif"]), "mean")
    assert bars[0].marker.color == full["whatif"]
    hist = traces(caseload_distribution(result.caseloads, scenarios=["whatif"]), "distribution")[0]
    assert hist.marker.line.color == full["whatif"]


@pytest.mark.slow
def test_sweep_figure_draws_each_setting(typical):
    from systemsim.viz import sweep_figure, sweep_values
    from systemsim.whatif import sweep

    swept, x_of = sweep(typical, "workforce.social_workers", [5, 9], years=1, replications=2, seed=3)
    assert x_of == {"workforce.social_workers=5": 5.0, "workforce.social_workers=9": 9.0}
    fig = sweep_figure(swept.yearly, x_of, ["caseload_mean", "vacancy_rate"], x_title="Workers",
                       lang="en")
    (line,) = [tr for tr in traces(fig, "mean") if tr.meta["kpi"] == "caseload_mean"]
    v = sweep_values(swept.yearly, x_of, "caseload_mean")
    assert list(line.x) == [5.0, 9.0] and np.allclose(line.y, v["mean"])
    assert line.y[0] > line.y[1]
    assert set(traces(fig, "limit")[0].y) == {30}


def test_weekly_series_from_the_core_weekly_table(typical):
    from systemsim.experiment import run_replications, tidy_weekly
    from systemsim.viz import weekly_timeseries

    weekly = tidy_weekly(run_replications(typical, years=1, replications=3, seed=2, processes=1,
                                          keep_weekly=True, progress=False), "base")
    fig = weekly_timeseries(weekly, "caseload_mean", lang="sv")
    (mean,) = traces(fig, "mean")
    expected = weekly.groupby("week")["caseload_mean"].mean()
    assert list(mean.x) == expected.index.tolist() and np.allclose(mean.y, expected.to_numpy())
    assert set(traces(fig, "limit")[0].y) == {30}
    assert fig.layout.xaxis.title.text == t("leaders.week", "sv")
    assert len(weekly_timeseries(weekly, "no_such_column").data) == 0


def test_family_timelines_can_share_one_week_axis(typical):
    from systemsim.viz import family_timeline
    from systemsim.whatif import family_story, find_interesting_family

    fid = find_interesting_family(typical, seed=2, years=1, require=())
    fig = family_timeline(family_story(typical, fid, seed=2, years=1), lang="sv", weeks=52)
    assert list(fig.layout.xaxis.range) == [0, 52]
    assert fig.layout.legend.y < -0.12  # clear of the week axis title
