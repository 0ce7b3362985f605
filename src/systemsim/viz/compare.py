"""Before and after: each KPI's replication mean per scenario, with 5–95 % whiskers."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from systemsim.experiment.kpis import COMPARE_KPIS
from systemsim.viz.labels import axis_format, fmt_kpi, kpi_label, lang_or_current, text
from systemsim.viz.series import _empty
from systemsim.viz.style import finish, scenario_colour
from systemsim.viz.tables import kpis_in, scenarios_in, summary_of


def compare_values(table: pd.DataFrame, kpis: Sequence[str], year: int | None = None) -> pd.DataFrame:
    """scenario, kpi, mean, low, high in `year` (default: the last year of the run)."""
    summary = summary_of(table)
    if len(summary) == 0:
        return pd.DataFrame(columns=["scenario", "kpi", "year", "mean", "low", "high"])
    y = int(summary["year"].max()) if year is None else year
    rows = summary[(summary["year"] == y) & summary["kpi"].isin(list(kpis))]
    return rows[["scenario", "kpi", "year", "mean", "low", "high"]].reset_index(drop=True)


def before_after(
    table: pd.DataFrame,
    kpis: Sequence[str] = COMPARE_KPIS,
    *,
    year: int | None = None,
    lang: str | None = None,
    scenarios: Sequence[str] | None = None,
    names: dict[str, str] | None = None,
    columns: int = 3,
) -> go.Figure:
    """Small multiples of bars: one panel per KPI, one bar per scenario, whiskers 5–95 %."""
    lang = lang_or_current(lang)
    values = compare_values(table, kpis, year)
    present = kpis_in(values)
    kpis = [k for k in kpis if k in present]
    if not kpis:
        return finish(_empty(lang), text("leaders.title.compare", lang), lang)
    y = int(values["year"].iloc[0])
    order = list(scenarios or scenarios_in(values))
    every = scenarios_in(summary_of(table))
    rows_n = math.ceil(len(kpis) / columns)
    fig = make_subplots(rows=rows_n, cols=min(columns, len(kpis)),
                        subplot_titles=[kpi_label(k, lang) for k in kpis],
                        vertical_spacing=0.18 if rows_n > 1 else 0.1)
    for n, kpi in enumerate(kpis):
        r, c = n // columns + 1, n % columns + 1
        for sc in order:
            row = values[(values["kpi"] == kpi) & (values["scenario"] == sc)]
            if len(row) == 0:
                continue
            m, lo, hi = (float(row[k].iloc[0]) for k in ("mean", "low", "high"))
            name = (names or {}).get(sc, sc)
            fig.add_trace(go.Bar(
                x=[name], y=[m], name=name, legendgroup=name, showlegend=n == 0,
                marker_color=scenario_colour(sc, every), text=[fmt_kpi(kpi, m, lang)], textposition="inside",
                error_y={"type": "data", "symmetric": False, "array": [max(hi - m, 0.0)],
                         "arrayminus": [max(m - lo, 0.0)], "color": "#333"},
                hovertemplate=f"{name}: {fmt_kpi(kpi, m, lang)} "
                              f"[{fmt_kpi(kpi, lo, lang)}–{fmt_kpi(kpi, hi, lang)}]<extra></extra>",
                meta={"role": "mean", "scenario": sc, "kpi": kpi, "year": y},
            ), row=r, col=c)
        fig.update_yaxes(rangemode="tozero", row=r, col=c, **axis_format(kpi, lang))
        fig.update_xaxes(showticklabels=False, row=r, col=c)
    for ann in fig.layout.annotations:
        ann.font = {"size": 12}
    title = text("leaders.title.compare_year", lang, year=y)
    return finish(fig, title, lang, height=280 * rows_n + 120)
