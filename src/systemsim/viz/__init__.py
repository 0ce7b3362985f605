"""Plotly figures drawn from result tables (never from a model), labelled in fi / sv / en.

Every figure takes the tidy tables `systemsim.experiment` and `systemsim.whatif` produce;
a KPI the table does not hold is simply not drawn.
"""

from systemsim.viz.caseload import caseload_distribution
from systemsim.viz.compare import before_after, compare_values
from systemsim.viz.family import family_timeline
from systemsim.viz.flow import family_flow, yearly_flows
from systemsim.viz.labels import fmt_eur, fmt_kpi, fmt_number, fmt_share, kpi_label
from systemsim.viz.plotly_config import figure_bundle, figure_html, plotly_config
from systemsim.viz.series import (
    kpi_grid,
    kpi_timeseries,
    limits_for,
    weekly_summary,
    weekly_timeseries,
)
from systemsim.viz.stacked import costs_by_item, placements_by_type
from systemsim.viz.sweep import sweep_figure, sweep_values
from systemsim.viz.tables import summary_of
from systemsim.viz.workforce import WORKFORCE_KPIS, workforce_panel

__all__ = [
    "WORKFORCE_KPIS",
    "before_after",
    "caseload_distribution",
    "compare_values",
    "costs_by_item",
    "family_flow",
    "family_timeline",
    "figure_bundle",
    "figure_html",
    "fmt_eur",
    "fmt_kpi",
    "fmt_number",
    "fmt_share",
    "kpi_grid",
    "kpi_label",
    "kpi_timeseries",
    "limits_for",
    "placements_by_type",
    "plotly_config",
    "summary_of",
    "sweep_figure",
    "sweep_values",
    "weekly_summary",
    "weekly_timeseries",
    "workforce_panel",
    "yearly_flows",
]
