"""Stacked bars: placements by type and costs by item, per scenario (or per year for one)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from systemsim.experiment.kpis import COST_ITEMS  # one list of cost items for model and figures
from systemsim.scenario import PLACEMENT_TYPES
from systemsim.viz.labels import (
    axis_format,
    fmt_eur,
    fmt_number,
    kpi_label,
    lang_or_current,
    money_per_year,
    placement_label,
    text,
)
from systemsim.viz.series import _empty
from systemsim.viz.style import COST_COLOURS, PLACEMENT_COLOURS, colour, finish
from systemsim.viz.tables import kpis_in, scenarios_in, summary_of


def stacked_values(table: pd.DataFrame, kpis: Sequence[str], *, by_year: bool | None = None,
                   scenarios: Sequence[str] | None = None) -> pd.DataFrame:
    """x, kpi, mean: per scenario the mean over years, or per year when there is one scenario."""
    summary = summary_of(table)
    summary = summary[summary["kpi"].isin(list(kpis))]
    order = list(scenarios or scenarios_in(summary))
    if by_year is None:
        by_year = len(order) == 1
    if by_year:
        rows = summary[summary["scenario"] == order[0]] if order else summary
        out = rows.groupby(["year", "kpi"], sort=False)["mean"].mean().reset_index()
        return out.rename(columns={"year": "x"})
    out = summary.groupby(["scenario", "kpi"], sort=False)["mean"].mean().reset_index()
    return out.rename(columns={"scenario": "x"})


def _stacked(table, parts, part_label, part_colour, *, title, ytitle, fmt, lang, euro=False,
             scenarios=None, names=None, by_year=None) -> go.Figure:
    kpis = [k for _, k in parts]
    values = stacked_values(table, kpis, by_year=by_year, scenarios=scenarios)
    present = kpis_in(values) if len(values) else set()
    if not present:
        return finish(_empty(lang), title, lang)
    xs = list(dict.fromkeys(values["x"]))
    fig = go.Figure()
    for i, (part, kpi) in enumerate(parts):
        if kpi not in present:
            continue
        rows = values[values["kpi"] == kpi].set_index("x").reindex(xs)
        ys = rows["mean"].fillna(0.0).tolist()
        label = part_label(part)
        fig.add_trace(go.Bar(
            x=[(names or {}).get(x, x) if isinstance(x, str) else x for x in xs], y=ys, name=label,
            marker_color=part_colour(part, i), customdata=[fmt(v) for v in ys],
            hovertemplate=f"{label}: %{{customdata}}<extra></extra>",
            meta={"role": "part", "kpi": kpi},
        ))
    fig.update_layout(barmode="stack")
    if isinstance(xs[0], int | float):
        fig.update_xaxes(title=text("leaders.year", lang), dtick=1)
    fig.update_yaxes(title=ytitle, **axis_format("cost_total_eur" if euro else "count", lang))
    return finish(fig, title, lang)


def placements_by_type(
    table: pd.DataFrame, *, measure: str = "started", lang: str | None = None,
    scenarios: Sequence[str] | None = None, names: dict[str, str] | None = None,
    by_year: bool | None = None,
) -> go.Figure:
    """Children placed by placement type: `started` a year, or `in_care` at year end."""
    lang = lang_or_current(lang)
    prefix = {"started": "placements_started_", "in_care": "in_care_"}[measure]
    parts = [(k, f"{prefix}{k}") for k in PLACEMENT_TYPES]
    title = text(f"leaders.title.placements_{measure}", lang)
    return _stacked(table, parts, lambda k: placement_label(k, lang),
                    lambda k, i: PLACEMENT_COLOURS.get(k, colour(i)), title=title,
                    ytitle=text("leaders.children", lang), fmt=lambda v: fmt_number(v, lang, 1),
                    lang=lang, scenarios=scenarios, names=names, by_year=by_year)


def costs_by_item(
    table: pd.DataFrame, *, lang: str | None = None, scenarios: Sequence[str] | None = None,
    names: dict[str, str] | None = None, by_year: bool | None = None,
) -> go.Figure:
    """Yearly cost in euros split by item (staff, placements by type, open care, ...)."""
    lang = lang_or_current(lang)
    parts = [(item, f"cost_{item}_eur") for item in COST_ITEMS]
    return _stacked(table, parts, lambda item: kpi_label(f"cost_{item}_eur", lang),
                    lambda item, i: COST_COLOURS.get(item, colour(i)),
                    title=text("leaders.title.costs", lang),
                    ytitle=money_per_year(lang), fmt=lambda v: fmt_eur(v, lang), euro=True,
                    lang=lang, scenarios=scenarios, names=names, by_year=by_year)
