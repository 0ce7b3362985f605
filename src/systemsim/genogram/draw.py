"""The genogram as a plotly figure, in McGoldrick's symbols.

Drawing is two steps. `genogram_elements` turns a family and its layout into strokes and
symbols (plain geometry that tests can check: does every line end at its people?), and
`draw_genogram` turns those into plotly traces. Strokes of one style share one trace, so a
60-person family is a few dozen traces and draws fast. Layers (family lines, emotional
relations, households) are plotly legend groups: a click on the legend hides a layer.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from systemsim.errors import InputError
from systemsim.genogram import geometry as geo
from systemsim.genogram.layout import GenogramLayout, couple_anchor, layout_genogram
from systemsim.genogram.model import DIRECTED_RELATIONS, Family, Person
from systemsim.i18n import get_language, t
from systemsim.viz.labels import separators
from systemsim.viz.plotly_config import mark_language

LAYERS = ("emotional", "households")
UNION_DROP = 0.6  # how far below the symbols a couple's line hangs

#: style -> (colour, width, dash, legend group, text key)
STYLES: dict[str, tuple[str, float, str, str, str]] = {
    "union.marriage": ("#222222", 2.2, "solid", "family", "genogram.union.marriage"),
    "union.cohabitation": ("#222222", 2.2, "dash", "family", "genogram.union.cohabitation"),
    "union.engagement": ("#222222", 2.2, "dot", "family", "genogram.union.engagement"),
    "union.relationship": ("#777777", 1.3, "solid", "family", "genogram.union.relationship"),
    "union.separated": ("#222222", 2.0, "solid", "family", "genogram.union.separated"),
    "union.divorced": ("#222222", 2.0, "solid", "family", "genogram.union.divorced"),
    "sibship": ("#222222", 1.8, "solid", "family", "genogram.child.biological"),
    "child.biological": ("#222222", 1.8, "solid", "family", "genogram.child.biological"),
    "child.adopted": ("#222222", 1.8, "dash", "family", "genogram.child.adopted"),
    "child.foster": ("#222222", 1.8, "dot", "family", "genogram.child.foster"),
    "child.kinship": ("#222222", 1.8, "dashdot", "family", "genogram.child.kinship"),
    "twins.identical": ("#222222", 1.8, "solid", "family", "genogram.child.identical_twins"),
    "relation.close": ("#2e7d32", 1.6, "solid", "emotional", "genogram.relation.close"),
    "relation.fused": ("#1b5e20", 1.4, "solid", "emotional", "genogram.relation.fused"),
    "relation.distant": ("#757575", 2.0, "dot", "emotional", "genogram.relation.distant"),
    "relation.conflictual": ("#ef6c00", 1.8, "solid", "emotional",
                             "genogram.relation.conflictual"),
    "relation.hostile": ("#c62828", 2.4, "solid", "emotional", "genogram.relation.hostile"),
    "relation.cutoff": ("#37474f", 2.2, "solid", "emotional", "genogram.relation.cutoff"),
    "relation.abuse": ("#6a1b9a", 2.2, "solid", "emotional", "genogram.relation.abuse"),
    "relation.caregiving": ("#1565c0", 1.8, "solid", "emotional", "genogram.relation.caregiving"),
}
HOUSEHOLD_COLOURS = ("#1e88e5", "#8e24aa", "#00897b", "#f4511e", "#6d4c41", "#3949ab")
GROUP_TITLES = {
    "people": "genogram.legend.people",
    "family": "genogram.legend.family_lines",
    "emotional": "genogram.legend.emotional",
    "households": "genogram.legend.households",
}


@dataclass
class Stroke:
    """Lines of one style; `ends` names the two people the stroke connects."""

    layer: str
    style: str
    paths: list[geo.Path]
    kind: str
    ends: tuple[str, str] | None = None
    ref: int | str | None = None


@dataclass
class Symbol:
    """One person's outline(s), X and texts."""

    pid: str
    centre: geo.Point
    outlines: list[geo.Path]
    filled: bool = False
    extra_lines: list[geo.Path] = field(default_factory=list)
    half: float = 0.35


@dataclass
class Elements:
    strokes: list[Stroke]
    symbols: dict[str, Symbol]
    union_y: dict[int, float]
    bar_y: dict[int, float]
    households: list[tuple[int, geo.Path]]
    union_mid: dict[int, geo.Point] = field(default_factory=dict)


def pick_text(text: str | dict | None, lang: str) -> str:
    """A note or label in `lang`, falling back to another language rather than nothing."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for key in (lang, "en", "fi", "sv"):
        if text.get(key):
            return text[key]
    return next(iter(text.values()), "")


def _symbol(p: Person, centre: geo.Point, half: float, is_index: bool) -> Symbol:
    cx, cy = centre
    if p.type == "pregnancy":
        return Symbol(p.id, centre, [geo.triangle(cx, cy, half * 0.85)], half=half)
    if p.type == "miscarriage":
        return Symbol(p.id, centre, [geo.circle(cx, cy, half * 0.38)], filled=True,
                      half=half * 0.38)
    small = half * 0.62 if p.type == "stillbirth" else half

    def shape(h: float) -> geo.Path:
        if p.sex == "male":
            return geo.square(cx, cy, h)
        if p.sex == "female":
            return geo.circle(cx, cy, h)
        return geo.diamond(cx, cy, h)

    outlines = [shape(small)]
    if is_index:
        outlines.append(shape(small * 1.3))
    extra: list[geo.Path] = []
    if p.deceased:
        k = 0.95 if p.sex == "male" else 0.72
        extra = geo.cross(cx, cy, small * k)
    return Symbol(p.id, centre, outlines, extra_lines=extra, half=small)


def genogram_elements(family: Family, layout: GenogramLayout) -> Elements:
    """All strokes and symbols in layout coordinates (no plotly involved)."""
    R = layout.symbol_half
    pos = layout.pos
    strokes: list[Stroke] = []
    symbols = {pid: _symbol(p, pos[pid], R, pid == family.index)
               for pid, p in family.people.items()}
    row_index = {pid: i for row in layout.rows.values() for i, pid in enumerate(row)}

    def bottom(pid: str) -> geo.Point:
        return (pos[pid][0], pos[pid][1] - symbols[pid].half)

    def top(pid: str) -> geo.Point:
        return (pos[pid][0], pos[pid][1] + symbols[pid].half)

    # couples
    xs = {p: v[0] for p, v in pos.items()}
    union_y: dict[int, float] = {}
    union_mid: dict[int, geo.Point] = {}
    unions_in_row: dict[float, int] = {}
    for i, u in enumerate(family.unions):
        a, b = sorted(u.partners, key=lambda p: pos[p][0])
        (xa, ya), (xb, yb) = pos[a], pos[b]
        if ya == yb:
            span = abs(row_index[a] - row_index[b])
            yl = ya - R - UNION_DROP - 0.22 * (span - 1)
            path = [bottom(a), (xa, yl), (xb, yl), bottom(b)]
        else:  # partners on different rows (rare fallback)
            yl = min(ya, yb) - R - UNION_DROP
            path = [bottom(a), (xa, yl), (xb, yl), bottom(b)]
        union_y[i] = yl
        mid = (couple_anchor(family, i, xs), yl)
        union_mid[i] = mid
        strokes.append(Stroke("family", f"union.{u.type}", [path], "union", (a, b), i))
        if u.status != "together":
            has_kids = bool(u.children)
            sx = mid[0] - (0.28 if has_kids else 0.0)
            n = 2 if u.status == "divorced" else 1
            slashes = []
            for k in range(n):
                dx = (k - (n - 1) / 2) * 0.13
                slashes.append([(sx + dx - 0.08, yl - 0.16), (sx + dx + 0.08, yl + 0.16)])
            strokes.append(Stroke("family", f"union.{u.status}", slashes, "status", (a, b), i))
        unions_in_row[ya] = unions_in_row.get(ya, 0) + 1

    # children under their couple (primary parents), twins from one point
    bar_y: dict[int, float] = {}
    row_counter: dict[float, int] = {}
    for i, u in enumerate(family.unions):
        kids = [c for c in u.children if layout.primary_parent.get(c.id) == ("union", i)]
        mid = union_mid[i]
        if kids:
            first_row_top = max(top(c.id)[1] for c in kids)
            ya = pos[u.partners[0]][1]
            k = row_counter.get(ya, 0)
            row_counter[ya] = k + 1
            stagger = ((k % 3) - 1) * 0.14 if unions_in_row.get(ya, 1) > 1 else 0.0
            yb = (mid[1] + first_row_top) / 2 + stagger
            bar_y[i] = yb
            attach: dict[str, float] = {}
            twin_of = {c.id: c.twin_of for c in kids if c.twin_of}
            for c in kids:
                partner = twin_of.get(c.id) or next(
                    (o for o, tw in twin_of.items() if tw == c.id), None)
                if partner and partner in pos:
                    attach[c.id] = (pos[c.id][0] + pos[partner][0]) / 2
                else:
                    attach[c.id] = pos[c.id][0]
            xs = [mid[0], *attach.values()]
            strokes.append(Stroke("family", "sibship",
                                  [[mid, (mid[0], yb)], [(min(xs), yb), (max(xs), yb)]],
                                  "sibship", tuple(u.partners), i))
            for c in kids:
                strokes.append(Stroke("family", f"child.{c.relation}",
                                      [[(attach[c.id], yb), top(c.id)]], "child",
                                      (c.id, c.id), i))
            for c in kids:
                if c.twin_of and c.identical and c.twin_of in pos:
                    (x1, y1), (x2, y2) = top(c.id), top(c.twin_of)
                    ax = attach[c.id]
                    f = 0.45
                    p1 = (ax + (x1 - ax) * f, yb + (y1 - yb) * f)
                    p2 = (ax + (x2 - ax) * f, yb + (y2 - yb) * f)
                    strokes.append(Stroke("family", "twins.identical", [[p1, p2]], "twinbar",
                                          (c.id, c.twin_of), i))
        # children drawn under other parents (e.g. grandparents caring for a grandchild)
        for c in u.children:
            if layout.primary_parent.get(c.id) != ("union", i):
                strokes.append(Stroke("family", f"child.{c.relation}", [[mid, top(c.id)]],
                                      "child", (c.id, c.id), i))
    for j, s in enumerate(family.single_parents):
        pb, ct = bottom(s.parent), top(s.child)
        if layout.primary_parent.get(s.child) == ("single", s.parent):
            yb = (pb[1] - UNION_DROP + ct[1]) / 2
            path = [pb, (pb[0], yb), (ct[0], yb), ct]
        else:
            path = [pb, ct]
        strokes.append(Stroke("family", f"child.{s.relation}", [path], "single",
                              (s.parent, s.child), f"single{j}"))

    # emotional layer
    seen: dict[frozenset[str], int] = {}
    for k, rel in enumerate(family.relations):
        pair = frozenset((rel.a, rel.b))
        n = seen.get(pair, 0)
        seen[pair] = n + 1
        strokes.append(_relation_stroke(rel.type, rel.a, rel.b, pos, symbols, n, k))

    households = []
    for h_i, h in enumerate(family.households):
        pad = R + 0.32 + 0.14 * (h_i % 3)
        for path in household_boundary(h.members, layout, pad):
            households.append((h_i, path))
    return Elements(strokes, symbols, union_y, bar_y, households, union_mid)


def household_boundary(members: list[str], layout: GenogramLayout, pad: float) -> list[geo.Path]:
    """One dashed boundary around people who live together, if it can hold nobody else;
    otherwise one boundary per run of neighbours in a row, joined by short links."""
    pos = layout.pos
    whole = geo.rounded_boundary([pos[m] for m in members], pad)
    others = [pos[p] for p in pos if p not in members]
    if not any(geo.inside(p, whole, margin=-(layout.symbol_half + 0.15)) for p in others):
        return [whole]
    member_set = set(members)
    pieces: list[list[str]] = []
    for row in layout.rows.values():
        run: list[str] = []
        for pid in row:
            if pid in member_set:
                run.append(pid)
            elif run:
                pieces.append(run)
                run = []
        if run:
            pieces.append(run)
    paths = [geo.rounded_boundary([pos[m] for m in run], pad) for run in pieces]
    # link the pieces in a chain (each to its nearest earlier piece) so they read as one
    for i in range(1, len(pieces)):
        best = min((math.dist(pos[a], pos[b]), a, b) for j in range(i) for a in pieces[j]
                    for b in pieces[i])
        _, a, b = best
        start, end = geo.trim(pos[a], pos[b], pad, pad)
        paths.append([start, end])
    return paths


def _relation_stroke(rtype: str, a: str, b: str, pos: dict[str, geo.Point],
                     symbols: dict[str, Symbol], nth: int, k: int) -> Stroke:
    pa, pb = pos[a], pos[b]
    ra, rb = symbols[a].half * 1.25, symbols[b].half * 1.25
    start, end = geo.trim(pa, pb, ra, rb)
    sign = 1 if pa[0] <= pb[0] else -1
    same_row = abs(pa[1] - pb[1]) < 1e-9
    dist = max(1e-6, abs(pa[0] - pb[0]))
    if same_row and dist > 2.2 * symbols[a].half + 1.7:
        # someone sits between them: arc high enough to clear their symbol and years
        base = 2 * (symbols[a].half * 1.3 + 0.45) / dist
    else:
        base = 0.22 if same_row else 0.12
    bulge = base * sign * (1 + 0.5 * nth) * (-1 if nth % 2 else 1)
    curve = geo.quad_bezier(start, end, bulge)
    if not same_row:
        # a tie between rows may cut through someone's symbol: bend it around if that helps
        others = [(pos[p], sym.half) for p, sym in symbols.items() if p not in (a, b)]

        def hits(path: geo.Path) -> int:
            return sum(1 for c, h in others
                       if any(math.dist(c, pt) < h * 1.3 for pt in path[2:-2]))

        best = hits(curve)
        for alt in (-bulge, 0.3, -0.3, 0.5, -0.5):
            if best == 0:
                break
            candidate = geo.quad_bezier(start, end, alt)
            n_hits = hits(candidate)
            if n_hits < best:
                best, curve = n_hits, candidate
    paths: list[geo.Path]
    if rtype == "close":
        paths = [geo.offset(curve, 0.045), geo.offset(curve, -0.045)]
    elif rtype == "fused":
        paths = [curve, geo.offset(curve, 0.08), geo.offset(curve, -0.08)]
    elif rtype == "conflictual":
        paths = [geo.zigzag(curve, 0.075, 0.22, keep_ends=0.12)]
    elif rtype in ("hostile", "abuse"):
        paths = [geo.zigzag(curve, 0.11, 0.26, keep_ends=0.12)]
    elif rtype == "cutoff":
        n = len(curve)
        left, right = curve[: int(n * 0.42)], curve[int(n * 0.58):]
        paths = [left, right]
        for seg, end_pt in ((left, left[-1]), (right, right[0])):
            normal = geo.offset([seg[0], seg[-1]], 0.16)
            dx, dy = normal[0][0] - seg[0][0], normal[0][1] - seg[0][1]
            paths.append([(end_pt[0] - dx, end_pt[1] - dy), (end_pt[0] + dx, end_pt[1] + dy)])
    else:
        paths = [curve]
    if rtype in DIRECTED_RELATIONS:
        paths.append(geo.arrowhead(curve[-1], curve[-3], 0.2))
    return Stroke("emotional", f"relation.{rtype}", paths, "relation", (a, b), k)


# -- plotly ---------------------------------------------------------------------------------
_xy = geo.xy_with_gaps


def _hover(family: Family, p: Person, lang: str, year: int) -> str:
    lines = [f"<b>{p.name or p.id}</b>"]
    if p.type != "person":
        lines.append(t(f"genogram.type.{p.type}", lang))
    else:
        lines.append(t(f"genogram.sex.{p.sex}", lang))
    if p.born is not None:
        lines.append(t("genogram.hover.born", lang, year=p.born))
    if p.died is not None:
        lines.append(t("genogram.hover.died", lang, year=p.died))
    age = p.age(year)
    if age is not None:
        lines.append(t("genogram.hover.age", lang, age=age))
    if p.id == family.index:
        lines.append(t("genogram.hover.index", lang))
    note = pick_text(p.note, lang)
    if note:
        lines.append(f"<i>{note}</i>")
    return "<br>".join(lines)


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


def draw_genogram(family: Family, lang: str | None = None,
                  layers: Iterable[str] = ("emotional", "households"),
                  year: int | None = None, layout: GenogramLayout | None = None) -> go.Figure:
    """The genogram as a plotly figure; `layers` picks the optional layers to include.

    `year` is the year ages are counted to (default: this year). Every layer can also be
    hidden and shown again by clicking its entry in the legend.
    """
    lang = lang or get_language()
    t("genogram.title", lang)  # raises a clear error for an unknown language
    layers = _check_layers(layers)
    year = year or _dt.date.today().year
    layout = layout or layout_genogram(family)
    el = genogram_elements(family, layout)
    traces: list[go.BaseTraceType] = []
    shown_groups: set[str] = set()

    def group_kwargs(group: str) -> dict:
        kw: dict = {"legendgroup": group}
        if group not in shown_groups:
            shown_groups.add(group)
            kw["legendgrouptitle_text"] = t(GROUP_TITLES[group], lang)
        return kw

    # households first (behind everything)
    if "households" in layers:
        pieces: dict[int, list[geo.Path]] = {}
        for h_i, path in el.households:
            pieces.setdefault(h_i, []).append(path)
        for h_i, paths in pieces.items():
            h = family.households[h_i]
            colour = HOUSEHOLD_COLOURS[h_i % len(HOUSEHOLD_COLOURS)]
            label = pick_text(h.label, lang) or f"{t('genogram.legend.households', lang)} {h_i + 1}"
            xs, ys = _xy([p for p in paths if len(p) > 2])
            traces.append(go.Scatter(
                x=xs, y=ys, mode="lines", name=label, hoverinfo="text", hoveron="points",
                text=label, line={"color": colour, "width": 2, "dash": "dash"},
                **group_kwargs("households")))
            links = [p for p in paths if len(p) == 2]  # joins the parts of one household
            if links:
                xs, ys = _xy(links)
                traces.append(go.Scatter(
                    x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                    legendgroup="households", line={"color": colour, "width": 1.2,
                                                    "dash": "dot"}))

    # family lines and the emotional layer, one trace per style
    by_style: dict[str, list[geo.Path]] = {}
    for s in el.strokes:
        if s.layer == "emotional" and "emotional" not in layers:
            continue
        by_style.setdefault(s.style, []).extend(s.paths)
    legend_done: set[str] = set()
    for style in STYLES:
        if style not in by_style:
            continue
        colour, width, dash, group, key = STYLES[style]
        xs, ys = _xy(by_style[style])
        name = t(key, lang)
        show = name not in legend_done
        legend_done.add(name)
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", name=name, showlegend=show, hoverinfo="skip",
            line={"color": colour, "width": width, "dash": dash}, **group_kwargs(group)))

    # symbols: outlines (white fill hides lines behind them), index double border, X
    outlines, filled, crosses = [], [], []
    for sym in el.symbols.values():
        (filled if sym.filled else outlines).append(sym.outlines[0])
        outlines.extend(sym.outlines[1:])
        crosses.extend(sym.extra_lines)
    xs, ys = _xy(outlines)
    traces.append(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="white",
                             line={"color": "black", "width": 2}, hoverinfo="skip",
                             showlegend=False, legendgroup="people"))
    if filled:
        xs, ys = _xy(filled)
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="black",
                                 line={"color": "black", "width": 1}, hoverinfo="skip",
                                 showlegend=False, legendgroup="people"))
    if crosses:
        xs, ys = _xy(crosses)
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#333", "width": 1.3},
                                 hoverinfo="skip", showlegend=False, legendgroup="people"))
    traces.extend(_symbol_legend(family, lang))

    # texts: age inside, years above, hover on the symbol
    people = list(family.people.values())
    cx = [layout.pos[p.id][0] for p in people]
    cy = [layout.pos[p.id][1] for p in people]
    ages = [("?" if p.sex == "unknown" and p.type == "person" and p.born is None else
             "" if (a := p.age(year)) is None else str(a)) for p in people]
    traces.append(go.Scatter(x=cx, y=cy, mode="text", text=ages, hoverinfo="skip",
                             textfont={"size": 12, "color": "#111"}, showlegend=False,
                             legendgroup="people"))
    years = []
    for p in people:
        if p.born is not None and p.died is not None:
            years.append(f"{p.born}–{p.died}")
        elif p.born is not None:
            years.append(str(p.born))
        else:
            years.append("")
    traces.append(go.Scatter(
        x=cx, y=[y + layout.symbol_half * 1.3 + 0.18 for y in cy], mode="text", text=years,
        hoverinfo="skip", textfont={"size": 10, "color": "#555"}, showlegend=False,
        legendgroup="people"))
    traces.append(go.Scatter(
        x=cx, y=cy, mode="markers", hovertext=[_hover(family, p, lang, year) for p in people],
        hoverinfo="text", marker={"size": 26, "color": "rgba(0,0,0,0)"}, showlegend=False,
        legendgroup="people"))

    fig = go.Figure(data=traces)
    annotations = []
    for p in people:
        x, y = layout.pos[p.id]
        annotations.append({
            "x": x, "y": y - el.symbols[p.id].half * (1.3 if p.id == family.index else 1) - 0.05,
            "text": p.name or (p.id if p.type == "person" else ""), "showarrow": False,
            "yanchor": "top",
            "font": {"size": 12, "color": "#111"}, "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 1,
        })
    for i, u in enumerate(family.unions):
        label = _union_label(u, lang)
        if label:
            xm = el.union_mid[i][0]
            annotations.append({
                "x": xm + 0.06, "y": el.union_y[i] - 0.05, "text": label, "showarrow": False,
                "xanchor": "left", "yanchor": "top", "font": {"size": 9, "color": "#444"},
                "bgcolor": "rgba(255,255,255,0.7)",
            })
    if "households" in layers:
        labelled: set[int] = set()
        for h_i, path in el.households:
            label = pick_text(family.households[h_i].label, lang)
            if label and h_i not in labelled and len(path) > 2:
                labelled.add(h_i)
                top_pt = max(path, key=lambda p: (p[1], -p[0]))
                annotations.append({
                    "x": top_pt[0], "y": top_pt[1], "text": label, "showarrow": False,
                    "yanchor": "bottom", "font": {"size": 10, "color":
                                                  HOUSEHOLD_COLOURS[h_i % len(HOUSEHOLD_COLOURS)]},
                })
    xs_all = [p[0] for p in layout.pos.values()]
    ys_all = [p[1] for p in layout.pos.values()]
    n_rows = len(layout.rows)
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
        height=max(420, 190 * n_rows + 120),
        xaxis={"visible": False, "range": [min(xs_all) - 1.4, max(xs_all) + 1.4]},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1,
               "range": [min(ys_all) - 1.3, max(ys_all) + 1.2]},
        dragmode="pan", separators=separators(lang),
    )
    return mark_language(fig, lang)


def _union_label(u, lang: str) -> str:
    parts = []
    if u.start is not None:
        parts.append(t(f"genogram.year.start.{u.type}", lang, year=u.start))
    if u.separated is not None:
        parts.append(t("genogram.year.separated", lang, year=u.separated))
    if u.divorced is not None:
        parts.append(t("genogram.year.divorced", lang, year=u.divorced))
    return "<br>".join(parts)


def _symbol_legend(family: Family, lang: str) -> list[go.Scatter]:
    """Legend rows for the symbols this family uses (sample markers, no data)."""
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
    out = []
    for _, name, marker in used:
        m = {"size": 13, "color": "black", **marker}
        m.setdefault("line", {"width": 2})
        m["line"]["color"] = "black"
        title = {} if out else {"legendgrouptitle_text": t(GROUP_TITLES["people"], lang)}
        out.append(go.Scatter(x=[None], y=[None], mode="markers", name=name, marker=m,
                              legendgroup="people", showlegend=True, hoverinfo="skip", **title))
    return out

