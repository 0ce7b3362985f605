"""The leaders' dashboard's tabs and the figure each one shows, base against what-if.

Plain functions of a run's tables, so a report or a test draws the same figure the tab
shows.
"""

from __future__ import annotations

import plotly.graph_objects as go

from systemsim.experiment.kpis import GRID_KPIS, HEADLINE_KPIS
from systemsim.i18n import t
from systemsim.viz import (
    before_after,
    caseload_distribution,
    costs_by_item,
    family_flow,
    kpi_grid,
    limits_for,
    placements_by_type,
    workforce_panel,
)

BASE, WHATIF = "base", "whatif"
TABS = ("grid", "compare", "placements", "costs", "caseload", "flow", "workforce")


def scenario_names(lang: str) -> dict[str, str]:
    """What the two runs are called on the page: base and what-if."""
    return {BASE: t("leaders.base", lang), WHATIF: t("leaders.whatif", lang)}


def tab_figure(key: str, run, summary, whatif_scenario, lang: str) -> go.Figure:
    """One tab's figure from a combined run (`run`) and its yearly summary, with the limits
    (such as the caseload cap) of the what-if scenario."""
    names = scenario_names(lang)
    limits = limits_for(whatif_scenario)
    order = [BASE, WHATIF]
    if key == "grid":
        return kpi_grid(summary, GRID_KPIS, lang=lang, names=names, limits=limits,
                        scenarios=order)
    if key == "compare":
        return before_after(summary, HEADLINE_KPIS, lang=lang, names=names, scenarios=order)
    if key == "placements":
        return placements_by_type(summary, lang=lang, names=names, scenarios=order,
                                  by_year=False)
    if key == "costs":
        return costs_by_item(summary, lang=lang, names=names, scenarios=order, by_year=False)
    if key == "caseload":
        return caseload_distribution(run.caseloads, cap=limits["caseload_cap"], lang=lang,
                                     names=names, scenarios=order, limits=limits)
    if key == "flow":
        return family_flow(run.flows, scenario=WHATIF, lang=lang, name=names[WHATIF])
    if key == "workforce":
        return workforce_panel(summary, lang=lang, names=names, limits=limits, scenarios=order)
    raise KeyError(key)
