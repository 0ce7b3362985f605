"""KPI time series: the replication mean as a line, the 5–95 % range as a band, limits drawn in."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from systemsim.viz.labels import axis_format, fmt_kpi, kpi_label, lang_or_current, text
from systemsim.viz.style import LIMIT_COLOUR, band_colour, finish, scenario_colour
from systemsim.viz.tables import kpi_rows, kpis_in, scenarios_in, summary_of

#: KPI -> (limit key in `limits`, text key of the line's name)
LIMIT_OF = {
    "caseload_mean": ("caseload_cap", "leaders.limit.caseload_cap"),
    "caseload_p90": ("caseload_cap", "leaders.limit.caseload_cap"),
    "decisions_on_time_share": ("all_on_time", "leaders.limit.all_on_time"),
    "assessments_on_time_share": ("all_on_time", "leaders.limit.all_on_time"),
    "assessment_days_median": ("assessment_limit_days", "leaders.limit.assessment_days"),
    "decision_days_mean": ("decision_limit_calendar_days", "leaders.limit.decision_days"),
}


def limits_for(scenario=None) -> dict[str, Any]:
    """Limits to draw: the scenario's own, or Finland's (cap 30, 7 working days, 3 months).

    The cap line is named for what it is: the legal cap when it is the law's number, a chosen
    cap when a what-if moved it, a reference line where the law sets none (Sweden).
    """
    cap, assess, decide, unit = 30.0, 91.0, 7.0, "working_days"
    law: float | None = 30.0
    if scenario is not None:
        legal = scenario.legal
        cap, assess, decide = legal.caseload_cap.value, legal.assessment_limit_days.value, \
            legal.decision_limit_days.value
        unit = legal.decision_limit_unit
        law = scenario.statutory_caseload_cap
    calendar = decide * 7 / 5 if unit == "working_days" else decide
    cap_label = ("leaders.limit.caseload_reference" if law is None else
                 "leaders.limit.caseload_cap" if cap == law else "leaders.limit.caseload_cap_chosen")
    return {"caseload_cap": cap, "assessment_limit_days": assess,
            "decision_limit_calendar_days": calendar, "all_on_time": 1.0,
            "caseload_cap_label": cap_label, "caseload_cap_law": law}


def _add_series(fig, rows: pd.DataFrame, name: str, c: str, lang: str, kpi: str,
                show_legend: bool, row=None, col=None, key: str | None = None) -> None:
    kw = {"row": row, "col": col} if row else {}
    years = rows["year"].tolist()
    hover = [fmt_kpi(kpi, v, lang) for v in rows["mean"]]
    low, high = rows["low"].tolist(), rows["high"].tolist()
    if any(not math.isnan(v) for v in low + high):
        fig.add_trace(go.Scatter(
            x=years + years[::-1], y=high + low[::-1], mode="lines", fill="toself",
            fillcolor=band_colour(c),
            line={"width": 0}, hoverinfo="skip", name=f"{name} {text('leaders.band', lang)}",
            legendgroup=name, showlegend=False, meta={"role": "band", "scenario": key or name, "kpi": kpi},
        ), **kw)
    fig.add_trace(go.Scatter(
        x=years, y=rows["mean"].tolist(), mode="lines+markers", line={"color": c, "width": 2.5},
        marker={"color": c, "size": 6},
        name=name, legendgroup=name, showlegend=show_legend, customdata=hover,
        hovertemplate=f"{name}<br>{text('leaders.year', lang)} %{{x}}: %{{customdata}}<extra></extra>",
        meta={"role": "mean", "scenario": key or name, "kpi": kpi},
    ), **kw)


def add_limit_line(fig, kpi: str, xs: Sequence, limits: dict, lang: str, show_legend: bool = True,
                   row=None, col=None, pad: float = 0.0) -> bool:
    """The legal cap or time limit of `kpi` as a dashed line across `xs` (± `pad`), if it has one.

    Returns whether a line was drawn, so a grid can show its legend entry only once.
    """
    if kpi not in LIMIT_OF or not len(xs):
        return False
    key, label_key = LIMIT_OF[kpi]
    value = limits.get(key)
    if value is None:
        return False
    kw = {"row": row, "col": col} if row else {}
    law = limits.get(f"{key}_law")
    label = text(limits.get(f"{key}_label") or label_key, lang, value=fmt_kpi(kpi, value, lang),
                 law=fmt_kpi(kpi, law, lang) if law is not None else "")
    fig.add_trace(go.Scatter(
        x=[min(xs) - pad, max(xs) + pad], y=[value, value], mode="lines",
        line={"color": LIMIT_COLOUR, "dash": "dash", "width": 2}, name=label,
        legendgroup=f"limit:{key}", showlegend=show_legend, hoverinfo="name",
        meta={"role": "limit", "kpi": kpi, "value": value},
    ), **kw)
    return True


def kpi_timeseries(
    table: pd.DataFrame,
    kpi: str,
    *,
    lang: str | None = None,
    scenarios: Sequence[str] | None = None,
    limits: dict[str, float] | None = None,
    names: dict[str, str] | None = None,
) -> go.Figure:
    """One KPI over the years for each scenario, with its 5–95 % band and its legal limit."""
    lang = lang_or_current(lang)
    summary = summary_of(table)
    limits = limits_for() if limits is None else limits
    fig = go.Figure()
    years: list = []
    for sc in scenarios or scenarios_in(summary):
        rows = kpi_rows(summary, kpi, sc)
        if len(rows) == 0:
            continue
        years = sorted(set(years) | set(rows["year"]))
        c = scenario_colour(sc, scenarios_in(summary))
        _add_series(fig, rows, (names or {}).get(sc, sc), c, lang, kpi, True, key=sc)
    add_limit_line(fig, kpi, years, limits, lang, pad=0.3)
    fig.update_xaxes(title=text("leaders.year", lang), dtick=1)
    fig.update_yaxes(title=kpi_label(kpi, lang), rangemode="tozero", **axis_format(kpi, lang))
    return finish(fig, kpi_label(kpi, lang), lang)


def kpi_grid(
    table: pd.DataFrame,
    kpis: Sequence[str],
    *,
    lang: str | None = None,
    scenarios: Sequence[str] | None = None,
    limits: dict[str, float] | None = None,
    names: dict[str, str] | None = None,
    columns: int = 3,
    title: str | None = None,
) -> go.Figure:
    """Small multiples: one panel per KPI present in the table, every scenario in each."""
    lang = lang_or_current(lang)
    summary = summary_of(table)
    limits = limits_for() if limits is None else limits
    present = kpis_in(summary)
    kpis = [k for k in kpis if k in present]
    if not kpis:
        return finish(_empty(lang), title or "", lang)
    rows_n = math.ceil(len(kpis) / columns)
    fig = make_subplots(rows=rows_n, cols=min(columns, len(kpis)),
                        subplot_titles=[kpi_label(k, lang) for k in kpis],
                        vertical_spacing=0.16 if rows_n > 1 else 0.1, horizontal_spacing=0.08)
    order = list(scenarios or scenarios_in(summary))
    every = scenarios_in(summary)
    limits_shown: set[str] = set()  # each kind of line gets its own legend entry
    for n, kpi in enumerate(kpis):
        r, c = n // columns + 1, n % columns + 1
        years: list = []
        for sc in order:
            rows = kpi_rows(summary, kpi, sc)
            if len(rows) == 0:
                continue
            years = sorted(set(years) | set(rows["year"]))
            _add_series(fig, rows, (names or {}).get(sc, sc), scenario_colour(sc, every), lang, kpi,
                        n == 0, r, c, key=sc)
        kind = LIMIT_OF.get(kpi, ("",))[0]
        if add_limit_line(fig, kpi, years, limits, lang, kind not in limits_shown, r, c, pad=0.3):
            limits_shown.add(kind)
        fig.update_yaxes(rangemode="tozero", row=r, col=c, **axis_format(kpi, lang))
        fig.update_xaxes(dtick=1, row=r, col=c)
    for ann in fig.layout.annotations:
        ann.font = {"size": 12}
    return finish(fig, title or text("leaders.title.grid", lang), lang, height=300 * rows_n + 120)


def _empty(lang: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=text("leaders.no_data", lang), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def weekly_summary(weekly: pd.DataFrame, column: str) -> pd.DataFrame:
    """scenario, week, mean, low, high of a weekly column across replications."""
    if weekly is None or len(weekly) == 0 or column not in weekly:
        return pd.DataFrame(columns=["scenario", "week", "mean", "low", "high"])
    g = weekly.groupby(["scenario", "week"], sort=False)[column]
    out = pd.DataFrame({"mean": g.mean(), "low": g.quantile(0.05), "high": g.quantile(0.95)}).reset_index()
    order = {sc: i for i, sc in enumerate(dict.fromkeys(weekly["scenario"]))}  # first seen keeps colour 1
    out["_order"] = out["scenario"].map(order)
    return out.sort_values(["_order", "week"], kind="stable").drop(columns="_order").reset_index(drop=True)


def weekly_timeseries(
    weekly: pd.DataFrame,
    column: str,
    *,
    lang: str | None = None,
    scenarios: Sequence[str] | None = None,
    limits: dict[str, float] | None = None,
    names: dict[str, str] | None = None,
) -> go.Figure:
    """A weekly measure (e.g. `intake_queue`, `caseload_mean`) with its 5–95 % band by week.

    Takes the weekly table of `run_scenario(..., keep_weekly=True)` (or `tidy_weekly`).
    """
    lang = lang_or_current(lang)
    summary = weekly_summary(weekly, column)
    limits = limits_for() if limits is None else limits
    fig = go.Figure()
    every = scenarios_in(summary)
    weeks: list = []
    for sc in scenarios or every:
        rows = summary[summary["scenario"] == sc]
        if len(rows) == 0:
            continue
        c = scenario_colour(sc, every)
        name = (names or {}).get(sc, sc)
        x = rows["week"].tolist()
        weeks = sorted(set(weeks) | set(x))
        fig.add_trace(go.Scatter(
            x=x + x[::-1], y=rows["high"].tolist() + rows["low"].tolist()[::-1], mode="lines",
            fill="toself", fillcolor=band_colour(c), line={"width": 0}, hoverinfo="skip",
            legendgroup=name, showlegend=False, name=f"{name} {text('leaders.band', lang)}",
            meta={"role": "band", "scenario": sc, "kpi": column},
        ))
        fig.add_trace(go.Scatter(
            x=x, y=rows["mean"].tolist(), mode="lines", line={"color": c, "width": 2}, name=name,
            legendgroup=name, meta={"role": "mean", "scenario": sc, "kpi": column},
        ))
    add_limit_line(fig, column, weeks, limits, lang)
    fig.update_xaxes(title=text("leaders.week", lang))
    fig.update_yaxes(title=kpi_label(column, lang), rangemode="tozero", **axis_format(column, lang))
    return finish(fig, kpi_label(column, lang), lang)
