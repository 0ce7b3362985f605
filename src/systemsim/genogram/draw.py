"""The genogram as a plotly figure, in McGoldrick's symbols.

Drawing is two steps. `genogram_elements` (in `elements`) turns a family and its layout
into strokes and symbols (plain geometry that tests can check: does every line end at its
people?), and `draw_genogram` turns those into plotly traces. Strokes of one style share one
trace, so a 60-person family is a few dozen traces and draws fast. Layers (family lines,
emotional relations, households) are plotly legend groups: a click on the legend hides a
layer. The texts on the drawing are placed by `annotations`, the key under it is drawn by
`family_key`.

The names below the imports stay importable from here, where callers have always found them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import plotly.graph_objects as go

from systemsim.errors import InputError
from systemsim.genogram import geometry as geo
from systemsim.genogram.annotations import free_spot, genogram_annotations
from systemsim.genogram.crossings import crossings
from systemsim.genogram.elements import (
    Elements,
    Stroke,
    Symbol,
    genogram_elements,
    household_boundary,
    status_slashes,
)
from systemsim.genogram.family_key import family_key, symbol_legend
from systemsim.genogram.label_boxes import Box
from systemsim.genogram.label_boxes import overlap as _overlap
from systemsim.genogram.label_boxes import text_box as _box
from systemsim.genogram.layout import GenogramLayout, layout_genogram
from systemsim.genogram.model import GenogramFamily
from systemsim.genogram.styles import (
    GROUP_TITLES,
    HOUSEHOLD_COLOURS,
    LAYERS,
    STYLES,
    UNION_DROP,
)
from systemsim.genogram.texts import age_at, age_text, household_label, hover_text, pick_text
from systemsim.i18n import get_language, t
from systemsim.viz.labels import separators
from systemsim.viz.plotly_config import mark_language

__all__ = [
    "GROUP_TITLES", "HOUSEHOLD_COLOURS", "LAYERS", "STYLES", "UNION_DROP", "Box", "Elements",
    "Stroke", "Symbol", "_box", "_overlap", "age_at", "crossings", "draw_genogram",
    "free_spot", "genogram_elements", "household_boundary", "household_label", "pick_text",
    "status_slashes",
]

_xy = geo.xy_with_gaps


def _check_layers(layers: Iterable[str]) -> tuple[str, ...]:
    if isinstance(layers, str):
        layers = (layers,)
    layers = tuple(layers)
    for layer in layers:
        if layer not in LAYERS:
            raise InputError(key="genogram.export.unknown_layer",
                             fields={"layer": repr(layer), "allowed": ", ".join(LAYERS)},
                             where="layers")
    return layers


class _LegendGroups:
    """Legend-group arguments for a trace; the first trace of a group carries its title."""

    def __init__(self, lang: str):
        self.lang = lang
        self.shown: set[str] = set()

    def __call__(self, group: str) -> dict:
        kw: dict = {"legendgroup": group}
        if group not in self.shown:
            self.shown.add(group)
            kw["legendgrouptitle_text"] = t(GROUP_TITLES[group], self.lang)
        return kw


def draw_genogram(family: GenogramFamily, lang: str | None = None,
                  layers: Iterable[str] = ("emotional", "households"),
                  year: int | None = None, layout: GenogramLayout | None = None,
                  month: int | None = None) -> go.Figure:
    """The genogram as a plotly figure; `layers` picks the optional layers to include.

    `year` and `month` are when ages are counted to (default: today; a vignette passes its
    own date, so the drawing agrees with its story). Every layer can also be
    hidden and shown again by clicking its entry in the legend.
    """
    lang = lang or get_language()
    t("genogram.title", lang)  # raises a clear error for an unknown language
    layers = _check_layers(layers)
    if year is None:
        today = _dt.date.today()
        year, month = today.year, month or today.month
    layout = layout or layout_genogram(family)
    el = genogram_elements(family, layout)
    groups = _LegendGroups(lang)
    traces: list[go.BaseTraceType] = []
    if "households" in layers:  # first: behind everything
        traces += _household_traces(family, el, lang, groups)
    traces += _line_traces(el, layers, lang, groups)
    traces += _symbol_traces(el)
    traces += symbol_legend(family, lang)
    traces += _people_text_traces(family, layout, lang, year, month)
    fig = go.Figure(data=traces)
    annotations = genogram_annotations(family, layout, el, lang, "households" in layers)
    xs_all = [p[0] for p in layout.pos.values()]
    ys_all = [p[1] for p in layout.pos.values()]
    key_traces, key_notes, key_bottom = family_key(
        family, el, lang, min(xs_all) - 0.9, min(ys_all) - 1.7, max(xs_all) - min(xs_all) + 1.8)
    fig.add_traces(key_traces)
    annotations.extend(key_notes)
    title = pick_text(family.title, lang) or family.id
    fig.update_layout(
        title={"text": f"{t('genogram.title', lang)}: {title}", "x": 0.01},
        annotations=annotations,
        showlegend=True,
        legend={"groupclick": "togglegroup", "tracegroupgap": 12, "font": {"size": 11},
                "itemsizing": "constant"},
        hoverlabel={"bgcolor": "white", "font_size": 13},
        plot_bgcolor="white", paper_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=max(420, 190 * len(layout.rows) + 120
                   + int(60 * (min(ys_all) - 1.3 - key_bottom))),
        xaxis={"visible": False, "range": [min(xs_all) - 1.4, max(xs_all) + 1.4]},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1,
               "range": [min(key_bottom, min(ys_all) - 1.3), max(ys_all) + 1.2]},
        dragmode="pan", separators=separators(lang),
    )
    return mark_language(fig, lang)


def _household_traces(family: GenogramFamily, el: Elements, lang: str,
                      groups: _LegendGroups) -> list[go.Scatter]:
    """Each household's dashed boundary (named in the legend) and the dotted links that join
    the parts of a household split over several rows."""
    traces = []
    pieces: dict[int, list[geo.Path]] = {}
    for h_i, path in el.households:
        pieces.setdefault(h_i, []).append(path)
    for h_i, paths in pieces.items():
        colour = HOUSEHOLD_COLOURS[h_i % len(HOUSEHOLD_COLOURS)]
        label = household_label(family, h_i, lang)
        xs, ys = _xy([p for p in paths if len(p) > 2])
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", name=label, hoverinfo="text", hoveron="points",
            text=label, line={"color": colour, "width": 2, "dash": "dash"},
            **groups("households")))
        links = [p for p in paths if len(p) == 2]  # joins the parts of one household
        if links:
            xs, ys = _xy(links)
            traces.append(go.Scatter(
                x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                legendgroup="households", line={"color": colour, "width": 1.2,
                                                "dash": "dot"}))
    return traces


def _line_traces(el: Elements, layers: tuple[str, ...], lang: str,
                 groups: _LegendGroups) -> list[go.Scatter]:
    """Family lines and the emotional layer, one trace per style."""
    by_style: dict[str, list[geo.Path]] = {}
    for s in el.strokes:
        if s.layer == "emotional" and "emotional" not in layers:
            continue
        by_style.setdefault(s.style, []).extend(s.paths)
    traces = []
    legend_done: set[str] = set()
    for style in STYLES:
        if style not in by_style:
            continue
        colour, width, dash, group, key = STYLES[style]
        xs, ys = _xy(by_style[style])
        name = t(key, lang)
        # family lines are explained in the key under the drawing, drawn as in the figure
        show = name not in legend_done and group != "family"
        legend_done.add(name)
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", name=name, showlegend=show, hoverinfo="skip",
            line={"color": colour, "width": width, "dash": dash},
            **(groups(group) if group != "family" else {"legendgroup": group})))
    return traces


def _symbol_traces(el: Elements) -> list[go.Scatter]:
    """Symbols: outlines (white fill hides lines behind them), index double border, X."""
    outlines, filled, crosses = [], [], []
    for sym in el.symbols.values():
        (filled if sym.filled else outlines).append(sym.outlines[0])
        outlines.extend(sym.outlines[1:])
        crosses.extend(sym.extra_lines)
    xs, ys = _xy(outlines)
    traces = [go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="white",
                         line={"color": "black", "width": 2}, hoverinfo="skip",
                         showlegend=False, legendgroup="people")]
    if filled:
        xs, ys = _xy(filled)
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="black",
                                 line={"color": "black", "width": 1}, hoverinfo="skip",
                                 showlegend=False, legendgroup="people"))
    if crosses:
        xs, ys = _xy(crosses)
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#333", "width": 1.3},
                                 hoverinfo="skip", showlegend=False, legendgroup="people"))
    return traces


def _people_text_traces(family: GenogramFamily, layout: GenogramLayout, lang: str, year: int,
                        month: int | None) -> list[go.Scatter]:
    """The age inside each symbol, and an invisible marker that shows the hover text."""
    people = list(family.people.values())
    cx = [layout.pos[p.id][0] for p in people]
    cy = [layout.pos[p.id][1] for p in people]
    ages = [age_text(p, year, month) for p in people]
    return [
        go.Scatter(x=cx, y=cy, mode="text", text=ages, hoverinfo="skip",
                   textfont={"size": 12, "color": "#111"}, showlegend=False,
                   legendgroup="people"),
        go.Scatter(x=cx, y=cy, mode="markers",
                   hovertext=[hover_text(family, p, lang, year, month) for p in people],
                   hoverinfo="text", marker={"size": 26, "color": "rgba(0,0,0,0)"},
                   showlegend=False, legendgroup="people"),
    ]
