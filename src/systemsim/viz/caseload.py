"""Caseload per worker: how many social workers hold how many children, against the legal cap."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from systemsim.viz.labels import fmt_number, lang_or_current, text
from systemsim.viz.series import _empty
from systemsim.viz.style import LIMIT_COLOUR, band_colour, finish, scenario_colour
from systemsim.viz.tables import scenarios_in


def caseload_values(caseloads: pd.DataFrame, scenario: str, year: int | None = None) -> list[float]:
    """Every worker's caseload (children) at the end of `year` (default: last), all replications."""
    rows = caseloads[caseloads["scenario"] == scenario]
    if len(rows) == 0:
        return []
    y = int(rows["year"].max()) if year is None else year
    return rows[rows["year"] == y]["caseload"].astype(float).tolist()


def caseload_distribution(
    caseloads: pd.DataFrame, *, cap: float | None = 30, year: int | None = None,
    lang: str | None = None, scenarios: Sequence[str] | None = None,
    names: dict[str, str] | None = None, limits: dict | None = None,
) -> go.Figure:
    """Share of workers by caseload at year end, one histogram per scenario, cap as a line.

    `limits` (from `limits_for(scenario)`) names the line for what it is: the legal cap, a
    cap chosen in a what-if, or a reference line where the law sets none.
    """
    lang = lang_or_current(lang)
    if caseloads is None or len(caseloads) == 0:
        return finish(_empty(lang), text("leaders.title.caseload", lang), lang)
    fig = go.Figure()
    top, peak = 0.0, 0.0
    for sc in scenarios or scenarios_in(caseloads):
        values = caseload_values(caseloads, sc, year)
        if not values:
            continue
        top = max(top, max(values))
        counts = np.bincount((np.asarray(values) // 2).astype(int))
        peak = max(peak, 100.0 * counts.max() / len(values))
        name = (names or {}).get(sc, sc)
        c = scenario_colour(sc, scenarios_in(caseloads))
        fig.add_trace(go.Histogram(
            x=values, name=name, histnorm="percent", xbins={"size": 2},
            marker={"color": band_colour(c, 0.55), "line": {"color": c, "width": 1}},
            hovertemplate=f"{name}: %{{x}} → %{{y:.0f}} %<extra></extra>",
            meta={"role": "distribution", "scenario": sc},
        ))
    if cap is not None:
        law = (limits or {}).get("caseload_cap_law")
        label = text((limits or {}).get("caseload_cap_label") or "leaders.limit.caseload_cap", lang,
                     value=fmt_number(cap, lang),
                     law=fmt_number(law, lang) if law is not None else "")
        fig.add_trace(go.Scatter(
            x=[cap, cap], y=[0, peak * 1.15 or 100], mode="lines", name=label, yaxis="y",
            line={"color": LIMIT_COLOUR, "dash": "dash", "width": 2},
            meta={"role": "limit", "value": cap},
        ))
        top = max(top, cap)
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title=text("leaders.children_per_worker", lang), range=[0, top * 1.1 + 2])
    fig.update_yaxes(title=text("leaders.share_of_workers", lang), ticksuffix=" %",
                     range=[0, min(peak * 1.15, 100) or 100])
    return finish(fig, text("leaders.title.caseload", lang), lang)
