"""The network map (verkostokartta / nätverkskarta) as a plotly figure.

The index person sits in the centre. Four sectors (family and relatives, friends,
professionals, others) are the quadrants, as in the Finnish verkostokartta; closeness is the
ring (1 = nearest the centre). Lines follow Hartman's eco-map: strong = thick solid,
tenuous = dashed, stressful = hatched; arrowheads show which way energy and resources flow.
"""

from __future__ import annotations

import math
import textwrap

import plotly.graph_objects as go

from systemsim.genogram import geometry as geo
from systemsim.genogram.draw import pick_text
from systemsim.genogram.model import SECTORS, TIES, GenogramFamily
from systemsim.genogram.strength import network_strength
from systemsim.i18n import get_language, t
from systemsim.viz.labels import fmt_number, separators
from systemsim.viz.plotly_config import mark_language

RINGS = {1: 2.2, 2: 3.6, 3: 5.0}
CENTRE_R = 0.8
OUTER = 5.8
#: quadrant of each sector as (start angle, end angle) in degrees, counter-clockwise from east
SECTOR_ANGLES = {"friends": (0, 90), "family": (90, 180), "others": (180, 270),
                 "professionals": (270, 360)}
SECTOR_COLOURS = {"family": "#e3f2fd", "friends": "#e8f5e9", "professionals": "#fff3e0",
                  "others": "#f3e5f5"}
SECTOR_MARKERS = {"family": "#1e88e5", "friends": "#43a047", "professionals": "#fb8c00",
                  "others": "#8e24aa"}
TIE_STYLE = {  # colour, width, dash
    "strong": ("#1b5e20", 5.0, "solid"),
    "tenuous": ("#546e7a", 1.6, "dash"),
    "stressful": ("#c62828", 1.8, "solid"),
}


def network_positions(family: GenogramFamily) -> dict[str, tuple[float, float]]:
    """Each member's point: its sector's quadrant, its closeness ring.

    Every member of a sector gets its own angle, so a tie line (a ray from the centre) never
    runs through another member's dot; near and far members alternate so that neighbouring
    labels sit on different rings.
    """
    pos: dict[str, tuple[float, float]] = {}
    for sector in SECTORS:
        a0, a1 = SECTOR_ANGLES[sector]
        members = sorted((m for m in family.network if m.sector == sector),
                         key=lambda m: m.closeness)
        order = []
        while members:
            order.append(members.pop(0))
            if members:
                order.append(members.pop())
        n = len(order)
        margin = 8.0 if n > 1 else 0.0
        step = (a1 - a0 - 2 * margin) / max(n, 1)
        for i, m in enumerate(order):
            ang = math.radians(a0 + margin + (i + 0.5) * step)
            r = RINGS[m.closeness]
            pos[m.id] = (r * math.cos(ang), r * math.sin(ang))
    return pos


def _text_position(x: float, y: float) -> str:
    """Labels point away from the centre so they do not sit on the tie lines."""
    ang = math.degrees(math.atan2(y, x)) % 360
    names = ("middle right", "top right", "top center", "top left", "middle left",
             "bottom left", "bottom center", "bottom right")
    return names[int(((ang + 22.5) % 360) // 45)]


def _arrow(tip: geo.Point, back: geo.Point, size: float) -> geo.Path:
    v = geo.arrowhead(tip, back, size)
    return [v[0], v[1], v[2], v[0]]


def draw_network_map(family: GenogramFamily, lang: str | None = None) -> go.Figure:
    """The family's network map in `lang` (default: the notebook language)."""
    lang = lang or get_language()
    t("genogram.network_map", lang)
    pos = network_positions(family)
    traces = [*_background_traces(), *_tie_traces(family, pos, lang),
              *_centre_traces(family, lang)]
    widths: list[float] = []  # each label's width in pixels, about
    if family.network:
        member_trace, widths = _member_trace(family, pos, lang)
        traces.append(member_trace)
    left, right = _label_reach(family, pos, widths)
    title = pick_text(family.title, lang) or family.id
    fig = go.Figure(data=traces)
    fig.update_layout(
        title={"text": f"{t('genogram.network_map', lang)}: {title}", "x": 0.01},
        annotations=_annotations(family, lang), plot_bgcolor="white", paper_bgcolor="white",
        height=760, margin={"l": 10, "r": 10, "t": 50, "b": 40},
        xaxis={"visible": False, "range": [min(left, -OUTER - 1.6), max(right, OUTER + 1.6)]},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1,
               "range": [-OUTER - 0.3, OUTER + 0.3]},
        legend={"font": {"size": 12}, "itemsizing": "constant"},
        hoverlabel={"bgcolor": "white", "font_size": 13}, dragmode="pan",
        separators=separators(lang),
    )
    return mark_language(fig, lang)


def _background_traces() -> list[go.BaseTraceType]:
    """The quadrants, the closeness rings and the dividers."""
    traces: list[go.BaseTraceType] = []
    for sector in SECTORS:
        a0, a1 = SECTOR_ANGLES[sector]
        arc = [(OUTER * math.cos(math.radians(a)), OUTER * math.sin(math.radians(a)))
               for a in range(a0, a1 + 1, 3)]
        xs, ys = zip(*([(0.0, 0.0), *arc, (0.0, 0.0)]), strict=True)
        traces.append(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=SECTOR_COLOURS[sector],
                                 line={"width": 0}, mode="lines", hoverinfo="skip",
                                 showlegend=False))
    ring_paths = [geo.circle(0, 0, r, n=90) for r in RINGS.values()]
    xs, ys = _xy(ring_paths + [[(-OUTER, 0), (OUTER, 0)], [(0, -OUTER), (0, OUTER)]])
    traces.append(go.Scatter(x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                             line={"color": "#b0bec5", "width": 1}))
    return traces


def _tie_traces(family: GenogramFamily, pos: dict[str, tuple[float, float]],
                lang: str) -> list[go.BaseTraceType]:
    """The ties, one trace per style, arrowheads as small filled triangles; then the legend
    entries of the energy flows the map has."""
    traces: list[go.BaseTraceType] = []
    paths: dict[str, list[geo.Path]] = {tie: [] for tie in TIES}
    arrows: dict[str, list[geo.Path]] = {tie: [] for tie in TIES}
    for m in family.network:
        start, end = geo.trim((0.0, 0.0), pos[m.id], CENTRE_R + 0.05, 0.3)
        line = [start, end]
        paths[m.tie].append(line)
        if m.tie == "stressful":
            paths[m.tie].extend(geo.hatches(line, 0.12, 0.22))
        if m.flow in ("to", "both"):  # towards the centre: the member gives energy
            arrows[m.tie].append(_arrow(start, end, 0.26))
        if m.flow in ("from", "both"):  # towards the member: the family gives energy
            arrows[m.tie].append(_arrow(end, start, 0.26))
    for tie in TIES:
        if not paths[tie]:
            continue
        colour, width, dash = TIE_STYLE[tie]
        xs, ys = _xy(paths[tie])
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", name=t(f"genogram.tie.{tie}", lang),
                                 line={"color": colour, "width": width, "dash": dash},
                                 hoverinfo="skip", legendgroup=tie))
        if arrows[tie]:
            xs, ys = _xy(arrows[tie])
            traces.append(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=colour,
                                     line={"color": colour, "width": 1}, hoverinfo="skip",
                                     showlegend=False, legendgroup=tie))
    for flow, symbol in (("to", "triangle-left"), ("from", "triangle-right"),
                         ("both", "diamond-wide")):
        if any(m.flow == flow for m in family.network):
            traces.append(go.Scatter(x=[None], y=[None], mode="markers",
                                     name=t(f"genogram.flow.{flow}", lang),
                                     marker={"symbol": symbol, "size": 12, "color": "#333"},
                                     hoverinfo="skip"))
    return traces


def _centre_traces(family: GenogramFamily, lang: str) -> list[go.BaseTraceType]:
    """The circle in the centre with the index person's name (or the family's title)."""
    centre = family.people.get(family.index) if family.index else None
    centre_name = (centre.name or centre.id) if centre else (pick_text(family.title, lang)
                                                             or family.id)
    xs, ys = _xy([geo.circle(0, 0, CENTRE_R, n=48)])
    return [go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="white",
                       line={"color": "black", "width": 2.5}, hoverinfo="skip",
                       showlegend=False),
            go.Scatter(x=[0], y=[0], mode="text", text=[f"<b>{centre_name}</b>"],
                       textfont={"size": 14}, hoverinfo="skip", showlegend=False)]


def _member_trace(family: GenogramFamily, pos: dict[str, tuple[float, float]],
                  lang: str) -> tuple[go.Scatter, list[float]]:
    """The members as labelled dots, and each label's width in pixels (about)."""
    mx = [pos[m.id][0] for m in family.network]
    my = [pos[m.id][1] for m in family.network]
    labels, hovers, colours = [], [], []
    widths: list[float] = []
    for m in family.network:
        name = family.network_label(m, lang)
        role = pick_text(m.role, lang)
        role_lines = textwrap.wrap(role, 30) if role else []
        labels.append("<br>".join([name, *(f"<span style='font-size:10px'>{line}</span>"
                                           for line in role_lines)]))
        widths.append(max([len(name) * 11, *(len(line) * 10 for line in role_lines)]))
        hovers.append("<br>".join(x for x in (
            f"<b>{name}</b>", role, t(f"genogram.sector.{m.sector}", lang),
            t(f"genogram.closeness.{m.closeness}", lang), t(f"genogram.tie.{m.tie}", lang),
            t(f"genogram.flow.{m.flow}", lang)) if x))
        colours.append(SECTOR_MARKERS[m.sector])
    trace = go.Scatter(
        x=mx, y=my, mode="markers+text", text=labels,
        textposition=[_text_position(x, y) for x, y in zip(mx, my, strict=True)],
        textfont={"size": 11}, hovertext=hovers, hoverinfo="text", showlegend=False,
        marker={"size": 20, "color": colours, "line": {"color": "white", "width": 2}})
    return trace, widths


def _label_reach(family: GenogramFamily, pos: dict[str, tuple[float, float]],
                 widths: list[float]) -> tuple[float, float]:
    """The x range that holds every label: a label beside a member reaches out by its width."""
    left, right = -OUTER - 0.4, OUTER + 0.4
    units_per_px = 2 * (OUTER + 0.3) / (760 - 90) * 0.64  # a character is ~0.6 of its size
    for m, width in zip(family.network, widths if family.network else [], strict=False):
        x, y = pos[m.id]
        position = _text_position(x, y)
        reach = width * units_per_px
        if position.endswith("left"):
            left = min(left, x - 0.3 - reach)
        elif position.endswith("right"):
            right = max(right, x + 0.3 + reach)
        else:
            left, right = min(left, x - reach / 2), max(right, x + reach / 2)
    return left, right


def _annotations(family: GenogramFamily, lang: str) -> list[dict]:
    """The sector names in the corners, the ring names and the network strength below."""
    annotations = []
    corners = {"family": (-OUTER, OUTER, "left", "top"), "friends": (OUTER, OUTER, "right", "top"),
               "others": (-OUTER, -OUTER, "left", "bottom"),
               "professionals": (OUTER, -OUTER, "right", "bottom")}
    for sector, (x, y, xa, ya) in corners.items():
        label = t(f"genogram.sector.{sector}", lang)
        annotations.append({"x": x, "y": y, "text": f"<b>{label}</b>",
                            "showarrow": False, "xanchor": xa, "yanchor": ya,
                            "font": {"size": 13, "color": SECTOR_MARKERS[sector]}})
    for ring, radius in RINGS.items():
        ang = math.radians(45)
        annotations.append({"x": radius * math.cos(ang) * 0.2, "y": -radius + 0.02,
                            "text": t(f"genogram.closeness.{ring}", lang), "showarrow": False,
                            "yanchor": "bottom", "font": {"size": 9, "color": "#78909c"}})
    annotations.append({"x": 0.5, "y": -0.02, "xref": "paper", "yref": "paper", "showarrow": False,
                        "yanchor": "top",
                        "text": t("genogram.network.strength", lang,
                                  value=fmt_number(network_strength(family), lang, 2)),
                        "font": {"size": 12, "color": "#333"}})
    return annotations


_xy = geo.xy_with_gaps
