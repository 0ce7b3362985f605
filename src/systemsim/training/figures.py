"""The model stage's figure: the family's path through services at each caseload.

Why here and not in the widgets: a figure is made from results (DataFrames), so it can be
tested and reused without a notebook; `systemsim.ui` only puts it on the page.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from systemsim.i18n import get_language, has_text, t
from systemsim.viz.labels import separators, stage_label

COLOURS = ("#c0392b", "#2471a3", "#7d3c98", "#1e8449")
#: The pathway from top to bottom of the figure (DESIGN.md §3).
STAGE_ORDER = (
    "early_support",
    "intake",
    "assessment",
    "open_care",
    "emergency",
    "care",
    "aftercare",
    "closed",
)


def closed_label(reason: str, lang: str) -> str:
    """Why a case closed, in words."""
    key = f"training.model.closed.{reason}"
    return t(key, lang) if has_text(key) else stage_label("closed", lang)


def journey_figure(
    journeys: dict[int, Any], lang: str | None = None, weeks: int = 156
) -> go.Figure:
    """Two panels sharing the week axis: the stage the family is in, and the worker's hours.

    The axis ends a little after the last case closes, so a short path is not a thin line.
    """
    from systemsim.training.model_stage import time_window

    lang = lang or get_language()
    end = time_window(journeys, weeks)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.6, 0.4]
    )
    for i, (caseload, df) in enumerate(journeys.items()):
        _add_journey(fig, df, t("training.model.caseload", lang, n=caseload),
                     COLOURS[i % len(COLOURS)], end, lang)
    caseloads = t("training.model.and", lang).join(str(c) for c in journeys)
    fig.update_layout(
        title=t("training.model.heading", lang, caseloads=caseloads),
        height=540,
        margin={"l": 160, "r": 20, "t": 60, "b": 40},
        separators=separators(lang),
    )
    _label_axes(fig, journeys, end, lang)
    return fig


def _add_journey(fig: go.Figure, df: Any, name: str, colour: str, end: int, lang: str) -> None:
    """One caseload's path: its stage over the weeks (top) and the worker's hours (bottom)."""
    from systemsim.journey.outcome import journey_timeline

    timeline = journey_timeline(df, end)
    fig.add_trace(
        go.Scatter(
            x=[w for w, _ in timeline],
            y=[stage_label(s, lang) for _, s in timeline],
            name=name,
            mode="lines",
            line={"shape": "hv", "color": colour, "width": 3},
            legendgroup=name,
        ),
        row=1,
        col=1,
    )
    hours = [
        0.0 if str(e).startswith("closed_") else float(h)
        for e, h in zip(df["event"], df["worker_hours_week"], strict=False)
    ]
    fig.add_trace(
        go.Scatter(
            x=[*df["week"], end],
            y=[*hours, hours[-1] if hours else 0.0],
            name=name,
            mode="lines",
            line={"color": colour, "shape": "hv"},
            legendgroup=name,
            showlegend=False,
        ),
        row=2,
        col=1,
    )


def _two_lines(text: str) -> str:
    """Break `text` at the space nearest its middle: the hours panel is too short for the
    axis title on one line, which would run over the tick labels."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return text
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut] + "<br>" + text[cut + 1 :]


def _label_axes(fig: go.Figure, journeys: dict[int, Any], end: int, lang: str) -> None:
    """Axis titles, the stages top to bottom in pathway order, and the weeks up to `end`."""
    from systemsim.journey.outcome import journey_timeline

    seen = {s for df in journeys.values() for _, s in journey_timeline(df, end)}
    order = [s for s in STAGE_ORDER if s in seen] + sorted(seen - set(STAGE_ORDER))
    fig.update_yaxes(
        title_text=t("training.model.stage_axis", lang),
        row=1,
        col=1,
        categoryorder="array",
        categoryarray=[stage_label(s, lang) for s in reversed(order)],
    )
    fig.update_yaxes(title_text=_two_lines(t("training.model.hours_axis", lang)), row=2, col=1)
    fig.update_xaxes(title_text=t("training.model.week_axis", lang), row=2, col=1)
    fig.update_xaxes(range=[0, end])
