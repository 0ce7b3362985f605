"""What the genogram's lines and symbols mean: the key under the drawing and the legend.

Only what the family uses is explained. Family lines are explained in a key drawn under the
figure, with each line drawn as in the figure (a separation with its /, a divorce with its
//), because a legend sample cannot show those marks; people's symbols get legend rows.
"""

from __future__ import annotations

import plotly.graph_objects as go

from systemsim.genogram import geometry as geo
from systemsim.genogram.elements import Elements, status_slashes
from systemsim.genogram.model import GenogramFamily
from systemsim.genogram.styles import GROUP_TITLES, STYLES
from systemsim.i18n import t

_xy = geo.xy_with_gaps


def family_key(family: GenogramFamily, el: Elements, lang: str, x0: float, y0: float,
               width: float) -> tuple[list[go.Scatter], list[dict], float]:
    """A key under the drawing: each kind of couple and child line used, drawn as in the
    figure (a separation with its /, a divorce with its //). Returns traces, labels and
    the lowest y used."""
    used = {s.style for s in el.strokes if s.layer == "family" and s.style != "sibship"}
    styles = [st for st in STYLES if st in used]
    notes: list[dict] = [{
        "x": x0, "y": y0 + 0.45, "text": f"<b>{t(GROUP_TITLES['family'], lang)}</b>",
        "showarrow": False, "xanchor": "left", "yanchor": "bottom",
        "font": {"size": 11, "color": "#111"}}]
    traces: list[go.Scatter] = []
    col_w = 3.2
    cols = max(2, int((width + 1.0) // col_w))
    sample = 0.9
    for n, style in enumerate(styles):
        x = x0 + (n % cols) * col_w
        y = y0 - (n // cols) * 0.5
        colour, lw, dash, _group, key = STYLES[style]
        paths: list[geo.Path]
        if style in ("union.separated", "union.divorced"):
            base = STYLES["union.marriage"]
            traces.append(go.Scatter(
                x=[x, x + sample], y=[y, y], mode="lines", hoverinfo="skip", showlegend=False,
                legendgroup="family", line={"color": base[0], "width": base[1]}))
            paths = status_slashes(x + sample / 2, y, style.split(".")[1])
        else:
            paths = [[(x, y), (x + sample, y)]]
        xs, ys = _xy(paths)
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False, legendgroup="family",
            line={"color": colour, "width": lw, "dash": dash}))
        notes.append({"x": x + sample + 0.15, "y": y, "text": t(key, lang), "showarrow": False,
                      "xanchor": "left", "yanchor": "middle",
                      "font": {"size": 11, "color": "#111"}})
    rows = (len(styles) + cols - 1) // cols
    return traces, notes, y0 - rows * 0.5 - 0.2


def _symbols_used(family: GenogramFamily, lang: str) -> list[tuple[str, str, dict]]:
    """(what, its name, its plotly marker) for each kind of symbol the family has."""
    used: list[tuple[str, str, dict]] = []
    people = family.people.values()
    sexes = {p.sex for p in people if p.type == "person"}
    for sex, marker in (("male", "square-open"), ("female", "circle-open"),
                        ("other", "diamond-open"), ("unknown", "diamond-open")):
        if sex in sexes:
            used.append((sex, t(f"genogram.sex.{sex}", lang), {"symbol": marker}))
    if family.index:
        used.append(("index", t("genogram.symbol.index", lang),
                     {"symbol": "square-open", "line": {"width": 4}}))
    if any(p.died is not None and p.type == "person" for p in people):
        used.append(("deceased", t("genogram.symbol.deceased", lang), {"symbol": "x-thin-open"}))
    types = {p.type for p in people}
    for ptype, marker in (("pregnancy", "triangle-up-open"), ("miscarriage", "circle"),
                          ("stillbirth", "x-thin-open")):
        if ptype in types:
            used.append((ptype, t(f"genogram.type.{ptype}", lang), {"symbol": marker}))
    if any(c.twin_of for u in family.unions for c in u.children):
        used.append(("twins", t("genogram.child.twins", lang), {"symbol": "y-down-open"}))
    return used


def symbol_legend(family: GenogramFamily, lang: str) -> list[go.Scatter]:
    """Legend rows for the symbols this family uses (sample markers, no data)."""
    out = []
    for _, name, marker in _symbols_used(family, lang):
        m = {"size": 13, "color": "black", **marker}
        m.setdefault("line", {"width": 2})
        m["line"]["color"] = "black"
        title = {} if out else {"legendgrouptitle_text": t(GROUP_TITLES["people"], lang)}
        out.append(go.Scatter(x=[None], y=[None], mode="markers", name=name, marker=m,
                              legendgroup="people", showlegend=True, hoverinfo="skip", **title))
    return out
