"""One family's path through the stages, week by week, from a traced run's event table."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from systemsim.viz.flow import NODE_COLOURS, NODES
from systemsim.viz.labels import fmt_number, lang_or_current, stage_label, text
from systemsim.viz.series import _empty
from systemsim.viz.style import finish


def family_timeline(story: pd.DataFrame, *, lang: str | None = None, weeks: int | None = None) -> go.Figure:
    """Stages on the y axis, weeks on the x axis; each stay is a bar, the worker's time in hover.

    `weeks` fixes the axis to weeks 0..weeks, so two families' timelines share one scale.
    """
    lang = lang_or_current(lang)
    if story is None or len(story) == 0:
        return finish(_empty(lang), text("leaders.title.family", lang), lang)
    stays = []
    rows = story.reset_index(drop=True)
    for i, r in rows.iterrows():
        if str(r["event"]).startswith("closed"):
            continue
        end = rows["week"].iloc[i + 1] if i + 1 < len(rows) else rows["week"].max() + 1
        stays.append((r["stage"], int(r["week"]), max(int(end) - int(r["week"]), 1),
                      float(r["worker_hours_week"])))
    order = [n for n in NODES if n in {s for s, *_ in stays}]
    fig = go.Figure()
    unit = text("leaders.hours_a_week", lang)
    for stage in order:
        mine = [s for s in stays if s[0] == stage]
        label = stage_label(stage, lang)
        fig.add_trace(go.Bar(
            y=[label] * len(mine), x=[d for _, _, d, _ in mine], base=[w for _, w, _, _ in mine],
            orientation="h", name=label, marker_color=NODE_COLOURS.get(stage, "#95a5a6"),
            customdata=[[w, fmt_number(h, lang, 2)] for _, w, _, h in mine],
            hovertemplate=f"{label}<br>{text('leaders.week', lang)} %{{customdata[0]}}: "
                          f"%{{customdata[1]}} {unit}<extra></extra>",
            meta={"role": "stay", "stage": stage},
        ))
    closes = rows[rows["event"].astype(str).str.startswith("closed")]
    if len(closes):
        fig.add_trace(go.Scatter(
            x=closes["week"].tolist(), y=[stage_label(s, lang) for s in closes["stage"]],
            mode="markers", marker={"symbol": "x", "size": 12, "color": "#333"},
            name=stage_label("closed", lang), meta={"role": "closed"},
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=[stage_label(s, lang) for s in order][::-1])
    fig.update_xaxes(title=text("leaders.week", lang), **({"range": [0, weeks]} if weeks else {}))
    fig = finish(fig, text("leaders.title.family", lang), lang, height=400)
    # the week axis has a title: keep the legend clear of it
    fig.update_layout(legend={"y": -0.22}, margin={"b": 90})
    return fig
