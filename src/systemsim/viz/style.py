"""Colours and layout shared by all figures."""

from __future__ import annotations

import plotly.graph_objects as go

from systemsim.viz.labels import separators

PALETTE = ("#1f5fa8", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d")
PLACEMENT_COLOURS = {"kinship": "#2e8b57", "foster": "#5dade2", "professional": "#f5b041",
                     "institution": "#c0392b"}
LIMIT_COLOUR = "#b03a2e"
COST_COLOURS = {"staff": "#1f5fa8", "placement_kinship": "#2e8b57", "placement_foster": "#5dade2",
                "placement_professional": "#f5b041", "placement_institution": "#c0392b",
                "open_care": "#16a085", "assessment": "#7f8c8d", "aftercare": "#8e44ad",
                "basic_services": "#a3c644", "support_staff": "#34495e", "recruitment": "#e67e22"}


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def scenario_colour(scenario: str, every: list[str]) -> str:
    """A scenario keeps its colour in every figure of a table, whichever subset is drawn."""
    return colour(every.index(scenario) if scenario in every else len(every))


def band_colour(hex_colour: str, alpha: float = 0.18) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def finish(fig: go.Figure, title: str, lang: str, *, height: int | None = None) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        separators=separators(lang),
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        meta={"lang": lang},
        **({"height": height} if height else {}),
    )
    return fig
