"""The model stage's figure: the family's path through services at each caseload.

Why here and not in the widgets: a figure is made from results (DataFrames), so it can be
tested and reused without a notebook; `systemsim.ui` only puts it on the page.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from systemsim.i18n import get_language, has_text, t

COLOURS = ("#c0392b", "#2471a3", "#7d3c98", "#1e8449")


def stage_label(stage: str, lang: str) -> str:
    """A pathway stage in words, when a catalogue has it (`journey.stage.<name>`)."""
    key = f"journey.stage.{stage}"
    return t(key, lang) if has_text(key) else str(stage).replace("_", " ")


def journey_figure(journeys: dict[int, Any], lang: str | None = None) -> go.Figure:
    """Two panels sharing the week axis: the stage the family is in, and the worker's hours."""
    lang = lang or get_language()
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.6, 0.4]
    )
    for i, (caseload, df) in enumerate(journeys.items()):
        name = t("training.model.caseload", lang, n=caseload)
        colour = COLOURS[i % len(COLOURS)]
        fig.add_trace(
            go.Scatter(
                x=df["week"],
                y=[stage_label(s, lang) for s in df["stage"]],
                name=name,
                mode="lines",
                line={"shape": "hv", "color": colour, "width": 3},
                legendgroup=name,
            ),
            row=1,
            col=1,
        )
        fig.add_trace(
            go.Scatter(
                x=df["week"],
                y=df["worker_hours_week"],
                name=name,
                mode="lines",
                line={"color": colour},
                legendgroup=name,
                showlegend=False,
            ),
            row=2,
            col=1,
        )
    caseloads = t("training.model.and", lang).join(str(c) for c in journeys)
    fig.update_layout(
        title=t("training.model.heading", lang, caseloads=caseloads),
        height=520,
        margin={"l": 160, "r": 20, "t": 60, "b": 40},
    )
    fig.update_yaxes(title_text=t("training.model.stage_axis", lang), row=1, col=1)
    fig.update_yaxes(title_text=t("training.model.hours_axis", lang), row=2, col=1)
    fig.update_xaxes(title_text=t("training.model.week_axis", lang), row=2, col=1)
    return fig
