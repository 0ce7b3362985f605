"""A dose–response view: how the last year's KPIs change as one setting moves (e.g. workers)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from systemsim.viz.labels import axis_format, fmt_kpi, kpi_label, lang_or_current, text
from systemsim.viz.series import _empty, add_limit_line, limits_for
from systemsim.viz.style import PALETTE, band_colour, finish
from systemsim.viz.tables import kpis_in, summary_of


def sweep_values(table: pd.DataFrame, x_of: Mapping[str, float], kpi: str,
                 year: int | None = None) -> pd.DataFrame:
    """x, mean, low, high of `kpi` in `year` (default: last) for each swept scenario, by x."""
    summary = summary_of(table)
    y = int(summary["year"].max()) if year is None else year
    rows = summary[(summary["kpi"] == kpi) & (summary["year"] == y)
                   & summary["scenario"].isin(list(x_of))].copy()
    rows["x"] = rows["scenario"].map(x_of)
    return rows.sort_values("x")[["x", "mean", "low", "high"]].reset_index(drop=True)


def sweep_figure(
    table: pd.DataFrame, x_of: Mapping[str, float], kpis: Sequence[str], *, x_title: str,
    year: int | None = None, lang: str | None = None, limits: dict[str, float] | None = None,
    columns: int = 3, title: str | None = None,
) -> go.Figure:
    """One panel per KPI: the mean (line) and 5–95 % band against the swept setting."""
    lang = lang_or_current(lang)
    summary = summary_of(table)
    limits = limits_for() if limits is None else limits
    kpis = [k for k in kpis if k in kpis_in(summary)]
    if not kpis:
        return finish(_empty(lang), title or "", lang)
    rows_n = math.ceil(len(kpis) / columns)
    fig = make_subplots(rows=rows_n, cols=min(columns, len(kpis)),
                        subplot_titles=[kpi_label(k, lang) for k in kpis],
                        vertical_spacing=0.18 if rows_n > 1 else 0.1)
    c = PALETTE[0]
    limit_shown: set[str] = set()  # one legend entry per kind of line
    for n, kpi in enumerate(kpis):
        r, col = n // columns + 1, n % columns + 1
        v = sweep_values(summary, x_of, kpi, year)
        xs = v["x"].tolist()
        fig.add_trace(go.Scatter(
            x=xs + xs[::-1], y=v["high"].tolist() + v["low"].tolist()[::-1], mode="lines",
            fill="toself", fillcolor=band_colour(c), line={"width": 0}, hoverinfo="skip",
            showlegend=False, name=text("leaders.band", lang), meta={"role": "band", "kpi": kpi},
        ), row=r, col=col)
        fig.add_trace(go.Scatter(
            x=xs, y=v["mean"].tolist(), mode="lines+markers", line={"color": c, "width": 2.5},
            marker={"color": c}, showlegend=False, name=kpi_label(kpi, lang),
            customdata=[fmt_kpi(kpi, m, lang) for m in v["mean"]],
            hovertemplate=f"{x_title} %{{x}}: %{{customdata}}<extra></extra>",
            meta={"role": "mean", "kpi": kpi},
        ), row=r, col=col)
        if add_limit_line(fig, kpi, xs, limits, lang, kpi not in limit_shown, r, col):
            limit_shown.add(kpi)
        fig.update_yaxes(rangemode="tozero", row=r, col=col, **axis_format(kpi, lang))
        fig.update_xaxes(title=x_title if r == rows_n else None, row=r, col=col)
    for ann in fig.layout.annotations:
        ann.font = {"size": 12}
    return finish(fig, title or "", lang, height=300 * rows_n + 120)
