"""Where a difference came from: a bar per group of settings for each KPI (Shapley shares).

Drawn from a `systemsim.experiment.decompose.Decomposition`; the bars of a panel add up to the
grey bar of the whole difference, and the whiskers show the 5–95 % range of the replications.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from systemsim.experiment.decompose import GROUPS, Decomposition
from systemsim.viz.labels import (
    SHARE_KPIS,
    axis_format,
    fmt_eur,
    fmt_number,
    kpi_label,
    lang_or_current,
    text,
)
from systemsim.viz.series import _empty
from systemsim.viz.style import colour, finish

DECOMPOSE_KPIS = (
    "children_in_care",
    "placements_started",
    "caseload_mean",
    "assessments_on_time_share",
    "decisions_on_time_share",
    "notifications",
    "sick_leave_days_per_worker_year",
    "turnover_rate",
    "cost_total_eur",
)
TOTAL_COLOUR = "#555555"


def group_label(group: str, lang: str | None = None) -> str:
    return text(f"decompose.group.{group}", lang)


def group_colour(group: str) -> str:
    """A group keeps its colour in every figure, whichever groups differ."""
    return colour(list(GROUPS).index(group))


def fmt_delta(kpi: str, x: float | None, lang: str | None = None) -> str:
    """A signed change in the KPI's unit: percentage points for shares, euros for costs."""
    lang = lang_or_current(lang)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    minus = "-" if lang == "en" else "−"
    sign = "±" if x == 0 else ("+" if x > 0 else minus)
    if kpi in SHARE_KPIS:
        return f"{sign}{fmt_number(abs(100 * x), lang, 1)} {text('leaders.pp', lang)}"
    if kpi.startswith("cost_"):
        return sign + fmt_eur(abs(x), lang)
    return sign + fmt_number(abs(x), lang, 0 if abs(x) >= 100 else 1)


def decomposition_figure(
    d: Decomposition,
    kpis: Sequence[str] = DECOMPOSE_KPIS,
    *,
    year: int | None = None,
    lang: str | None = None,
    columns: int = 3,
) -> go.Figure:
    """Small multiples: per KPI the whole difference (grey) and a bar per group that differs."""
    lang = lang_or_current(lang)
    y = int(d.totals["year"].max()) if year is None else year
    totals = d.totals[d.totals["year"] == y].set_index("kpi")
    kpis = [k for k in kpis if k in totals.index]
    if not kpis or not d.groups:
        title = text("decompose.title", lang, year=y)
        return finish(_empty(lang) if not kpis else _note(text("decompose.none", lang)), title, lang)
    shares = d.shares[d.shares["year"] == y].set_index(["kpi", "group"])
    rows_n = math.ceil(len(kpis) / columns)
    fig = make_subplots(rows=rows_n, cols=min(columns, len(kpis)),
                        subplot_titles=[kpi_label(k, lang) for k in kpis],
                        vertical_spacing=0.16 if rows_n > 1 else 0.1)
    whole = text("decompose.total", lang)
    for n, kpi in enumerate(kpis):
        r, c = n // columns + 1, n % columns + 1
        t = totals.loc[kpi]
        bars = [("total", whole, TOTAL_COLOUR, t["difference"], t["low"], t["high"])]
        for g in d.groups:
            s = shares.loc[(kpi, g)]
            bars.append((g, group_label(g, lang), group_colour(g), s["mean"], s["low"], s["high"]))
        for key, name, col, m, lo, hi in bars:
            if math.isnan(m):
                continue
            fig.add_trace(go.Bar(
                x=[name], y=[m], name=name, legendgroup=key, showlegend=n == 0, marker_color=col,
                error_y={"type": "data", "symmetric": False, "array": [max(hi - m, 0.0)],
                         "arrayminus": [max(m - lo, 0.0)], "color": "#333"},
                text=[fmt_delta(kpi, m, lang)], textposition="outside", cliponaxis=False,
                hovertemplate=f"{name}: {fmt_delta(kpi, m, lang)} [{fmt_delta(kpi, lo, lang)} – "
                              f"{fmt_delta(kpi, hi, lang)}]<extra></extra>",
                meta={"role": "share" if key != "total" else "total", "group": key, "kpi": kpi,
                      "year": y},
            ), row=r, col=c)
        fmt = axis_format(kpi, lang)
        fig.update_yaxes(zeroline=True, zerolinecolor="#999", row=r, col=c, **fmt)
        fig.update_xaxes(showticklabels=False, row=r, col=c)
    for ann in fig.layout.annotations:
        ann.font = {"size": 12}
    title = (f"{text('decompose.title', lang, year=y)} — {text('decompose.caption', lang, runs=d.runs)}"
             f" {text('decompose.whisker', lang)}")
    fig = finish(fig, "", lang, height=300 * rows_n + 160)
    fig.update_layout(title={"text": _wrap(title), "font": {"size": 13}, "y": 0.99, "yanchor": "top"},
                      margin={"t": 130})
    return fig


def _note(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def _wrap(line: str, width: int = 110) -> str:
    """Plotly titles do not wrap by themselves."""
    words, out, current = line.split(), [], ""
    for word in words:
        if current and len(current) + len(word) + 1 > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    return "<br>".join(out)
