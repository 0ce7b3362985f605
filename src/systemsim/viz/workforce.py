"""The workforce panel: sick leave, turnover, vacancies ... whichever measures the results hold."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from systemsim.viz.labels import lang_or_current, text
from systemsim.viz.series import kpi_grid
from systemsim.viz.tables import kpis_in, summary_of

WORKFORCE_KPIS = (
    "sick_leave_days_per_worker_year",
    "turnover_rate",
    "vacancy_rate",
    "new_staff_share",
    "worker_changes_per_child",
    "teams_converted",
    "caseload_mean",
    "direct_hours_per_family_week",
    "workers_over_cap",
)


def workforce_panel(
    table: pd.DataFrame, *, lang: str | None = None, scenarios: Sequence[str] | None = None,
    limits: dict[str, float] | None = None, names: dict[str, str] | None = None,
    kpis: Sequence[str] = WORKFORCE_KPIS,
) -> go.Figure:
    """Small multiples of the workforce measures present in the table (missing ones not drawn)."""
    lang = lang_or_current(lang)
    summary = summary_of(table)
    present = [k for k in kpis if k in kpis_in(summary)]
    if "teams_converted" in present and not summary.loc[summary["kpi"] == "teams_converted", "mean"].any():
        present.remove("teams_converted")  # no roll-out in these scenarios: an empty panel says nothing
    return kpi_grid(summary, present, lang=lang, scenarios=scenarios, limits=limits, names=names,
                    title=text("leaders.title.workforce", lang))
