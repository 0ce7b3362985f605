"""The family flow: children moving between the pathway's stages in an average year (Sankey)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from systemsim.viz.labels import fmt_number, lang_or_current, stage_label, text
from systemsim.viz.series import _empty
from systemsim.viz.style import band_colour, finish

#: the pathway in reading order; nodes not in the flows are left out
NODES = ("concern", "early_support", "intake", "assessment", "open_care", "emergency", "care",
         "aftercare", "closed")
NODE_COLOURS = {"concern": "#7f8c8d", "early_support": "#2e8b57", "intake": "#5dade2",
                "assessment": "#1f5fa8", "open_care": "#16a085", "emergency": "#e67e22",
                "care": "#c0392b", "aftercare": "#8e44ad", "closed": "#bdc3c7"}


def yearly_flows(flows: pd.DataFrame, scenario: str | None = None) -> pd.DataFrame:
    """source, target, children: mean children a year over replications and years."""
    if flows is None or len(flows) == 0:
        return pd.DataFrame(columns=["source", "target", "children"])
    f = flows if scenario is None else flows[flows["scenario"] == scenario]
    if len(f) == 0:
        return pd.DataFrame(columns=["source", "target", "children"])
    runs = f[["replication", "year"]].drop_duplicates()
    per = f.groupby(["source", "target"], sort=False)["children"].sum() / max(len(runs), 1)
    out = per.reset_index()
    order = {n: i for i, n in enumerate(NODES)}
    out["_s"], out["_t"] = out["source"].map(order).fillna(99), out["target"].map(order).fillna(99)
    return out.sort_values(["_s", "_t"]).drop(columns=["_s", "_t"]).reset_index(drop=True)


def family_flow(
    flows: pd.DataFrame, *, scenario: str | None = None, lang: str | None = None,
    title: str | None = None, name: str | None = None,
) -> go.Figure:
    """A Sankey of the pathway; link widths are children a year (mean over the run).

    The title is `title` if given, else the standard title followed by `name` (or the scenario).
    """
    lang = lang_or_current(lang)
    if scenario is None and flows is not None and len(flows) and flows["scenario"].nunique() > 1:
        scenario = str(flows["scenario"].iloc[0])
    table = yearly_flows(flows, scenario)
    if len(table) == 0:
        return finish(_empty(lang), title or text("leaders.title.flow", lang), lang)
    used = [n for n in NODES if n in set(table["source"]) | set(table["target"])]
    used += sorted((set(table["source"]) | set(table["target"])) - set(used))
    index = {n: i for i, n in enumerate(used)}
    unit = text("leaders.children_a_year", lang)
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        node={"label": [stage_label(n, lang) for n in used], "pad": 18, "thickness": 16,
              "color": [NODE_COLOURS.get(n, "#95a5a6") for n in used],
              "customdata": used},
        link={"source": [index[s] for s in table["source"]],
              "target": [index[t] for t in table["target"]],
              "value": table["children"].round(2).tolist(),
              "color": [band_colour(NODE_COLOURS.get(s, "#95a5a6"), 0.35) for s in table["source"]],
              "customdata": [fmt_number(v, lang, 0 if v >= 10 else 1) for v in table["children"]],
              "hovertemplate": f"%{{source.label}} → %{{target.label}}: %{{customdata}} {unit}"
                               "<extra></extra>"},
        meta={"role": "flow", "scenario": scenario, "nodes": used},
    ))
    if title is None:
        title = text("leaders.title.flow", lang)
        if name or scenario:
            title += f" – {name or scenario}"
    return finish(fig, title, lang, height=460)
