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
from systemsim.genogram.model import DIRECTED_RELATIONS, GenogramFamily, Person
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


def status_slashes(x: float, y: float, status: str) -> list[geo.Path]:
    """McGoldrick's marks on a couple line: / separated, // divorced."""
    n = 2 if status == "divorced" else 1
    return [[(x + (k - (n - 1) / 2) * 0.13 - 0.08, y - 0.16),
             (x + (k - (n - 1) / 2) * 0.13 + 0.08, y + 0.16)] for k in range(n)]


def genogram_elements(family: GenogramFamily, layout: GenogramLayout) -> Elements:
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
            sx = mid[0] - (0.28 if u.children else 0.0)
            slashes = status_slashes(sx, yl, u.status)
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

    # emotional layer: each tie bends the way that crosses fewest family lines
    family_lines = [p for st in strokes for p in st.paths if st.kind != "status"]
    seen: dict[frozenset[str], int] = {}
    for k, rel in enumerate(family.relations):
        pair = frozenset((rel.a, rel.b))
        n = seen.get(pair, 0)
        seen[pair] = n + 1
        strokes.append(_relation_stroke(rel.type, rel.a, rel.b, pos, symbols, n, k,
                                        family_lines))

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
                     symbols: dict[str, Symbol], nth: int, k: int,
                     family_lines: list[geo.Path] | None = None) -> Stroke:
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
    others = [(pos[p], sym.half) for p, sym in symbols.items() if p not in (a, b)]
    lines = geo.segment_array(family_lines or [])

    def cost(path: geo.Path) -> float:
        # cutting through someone's symbol (or their name and years) is worst; then
        # crossings with family lines; then a long detour
        x0, y0, x1, y1 = geo.bbox(path)
        inner = path[2:-2]
        hits = sum(1 for c, h in others
                   if x0 - h < c[0] < x1 + h and y0 - 2.2 * h < c[1] < y1 + 2 * h
                   and any(abs(pt[0] - c[0]) < h * 1.2 and -h * 2.0 < pt[1] - c[1] < h * 2.2
                           for pt in inner))
        crossed = geo.crossings_with(path, lines)
        return 10 * hits + crossed + 0.05 * geo.length(path)

    bends = (0.0, 0.3, -0.3, 0.5, -0.5, 0.8, -0.8)
    candidates = (-bulge,) if same_row else (-bulge, *bends)
    best = cost(curve)
    for alt in candidates:
        candidate = geo.quad_bezier(start, end, alt)
        c = cost(candidate)
        if c < best - 1e-9:
            best, curve = c, candidate
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


def age_at(p: Person, year: int, month: int | None = None) -> int | None:
    """The age drawn for `p` at `year` (and `month`); at death, the age then.

    Why the month: files hold birth years only, so a person counts as born mid-year; in
    January 2026 a child born in 2021 is 4, not 5. Without a month: `year - born`.
    """
    age = p.age(year)
    if age is None or p.died is not None or month is None or month >= 7:
        return age
    return max(0, age - 1)


def _hover(family: GenogramFamily, p: Person, lang: str, year: int, month: int | None = None) -> str:
    lines = [f"<b>{p.name or p.id}</b>"]
    if p.type != "person":
        lines.append(t(f"genogram.type.{p.type}", lang))
    else:
        lines.append(t(f"genogram.sex.{p.sex}", lang))
    if p.born is not None:
        lines.append(t("genogram.hover.born", lang, year=p.born))
    if p.died is not None:
        lines.append(t("genogram.hover.died", lang, year=p.died))
    age = age_at(p, year, month)
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
            colour = HOUSEHOLD_COLOURS[h_i % len(HOUSEHOLD_COLOURS)]
            label = household_label(family, h_i, lang)
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
        # family lines are explained in the key under the drawing, drawn as in the figure
        show = name not in legend_done and group != "family"
        legend_done.add(name)
        traces.append(go.Scatter(
            x=xs, y=ys, mode="lines", name=name, showlegend=show, hoverinfo="skip",
            line={"color": colour, "width": width, "dash": dash},
            **(group_kwargs(group) if group != "family" else {"legendgroup": group})))

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
             "" if (a := age_at(p, year, month)) is None else str(a)) for p in people]
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
        x=cx, y=cy, mode="markers", hovertext=[_hover(family, p, lang, year, month) for p in people],
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
    taken: list[Box] = []  # where names and years are: labels must not cover them
    for p in people:
        x, y = layout.pos[p.id]
        below = y - el.symbols[p.id].half * (1.3 if p.id == family.index else 1) - 0.05
        taken.append(_box(x, below, p.name or p.id, 12, "top"))
    for p, text_ in zip(people, years, strict=True):
        if text_:
            x, y = layout.pos[p.id]
            y_years = y + layout.symbol_half * 1.3 + 0.1
            # a white ground, so an emotional line passing behind does not cover the years
            annotations.append({
                "x": x, "y": y_years, "text": text_, "showarrow": False, "yanchor": "bottom",
                "font": {"size": 10, "color": "#555"}, "bgcolor": "rgba(255,255,255,0.85)",
                "borderpad": 0,
            })
            taken.append(_box(x, y_years, text_, 10, "bottom"))
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
            label = household_label(family, h_i, lang)
            if h_i in labelled or len(path) <= 2:
                continue
            labelled.add(h_i)
            x, y, anchor = _free_spot(path, label, taken)
            taken.append(_box(x, y, label, 10, anchor))
            annotations.append({
                "x": x, "y": y, "text": label, "showarrow": False, "yanchor": anchor,
                "font": {"size": 10, "color": HOUSEHOLD_COLOURS[h_i % len(HOUSEHOLD_COLOURS)]},
                "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 0,
            })
    xs_all = [p[0] for p in layout.pos.values()]
    ys_all = [p[1] for p in layout.pos.values()]
    key_traces, key_notes, key_bottom = _family_key(
        family, el, lang, min(xs_all) - 0.9, min(ys_all) - 1.7, max(xs_all) - min(xs_all) + 1.8)
    fig.add_traces(key_traces)
    annotations.extend(key_notes)
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
        height=max(420, 190 * n_rows + 120 + int(60 * (min(ys_all) - 1.3 - key_bottom))),
        xaxis={"visible": False, "range": [min(xs_all) - 1.4, max(xs_all) + 1.4]},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1,
               "range": [min(key_bottom, min(ys_all) - 1.3), max(ys_all) + 1.2]},
        dragmode="pan", separators=separators(lang),
    )
    return mark_language(fig, lang)


#: a text's box in layout units: (left, bottom, right, top)
Box = tuple[float, float, float, float]
_UNITS_PER_PX = 1 / 62  # about how a genogram is shown: a symbol of 0.7 units is ~45 px


def _box(x: float, y: float, text: str, size: float, anchor: str) -> Box:
    """Roughly where a centred one-line text sits, in layout units."""
    width = max(1, len(text)) * size * 0.56 * _UNITS_PER_PX
    height = size * 1.3 * _UNITS_PER_PX
    bottom = y if anchor == "bottom" else y - height if anchor == "top" else y - height / 2
    return (x - width / 2, bottom, x + width / 2, bottom + height)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _free_spot(path: geo.Path, label: str, taken: list[Box]) -> tuple[float, float, str]:
    """Where a household's label covers no name, year or other label: above the boundary
    (centre, left or right), else below it; the least covered spot when none is free."""
    xs = [p[0] for p in path]
    top, bottom = max(p[1] for p in path), min(p[1] for p in path)
    left, right, mid = min(xs), max(xs), (min(xs) + max(xs)) / 2
    half = _box(0, 0, label, 10, "bottom")[2]
    spots = [spot for gap in (0.02, 0.3, 0.6) for spot in (
        (mid, top + gap, "bottom"), (left + half, top + gap, "bottom"),
        (right - half, top + gap, "bottom"), (mid, bottom - gap, "top"),
        (left + half, bottom - gap, "top"), (right - half, bottom - gap, "top"))]
    scored = [(sum(_overlap(_box(x, y, label, 10, a), b) for b in taken), i)
              for i, (x, y, a) in enumerate(spots)]
    return spots[min(scored)[1]]


def household_label(family: GenogramFamily, h_i: int, lang: str) -> str:
    """A household's own label, else the names of the people who live there."""
    h = family.households[h_i]
    label = pick_text(h.label, lang)
    if label:
        return label
    names = [family.people[m].name or m for m in h.members if m in family.people]
    return t("genogram.household.named", lang, names=", ".join(names))


def _family_key(family: GenogramFamily, el: Elements, lang: str, x0: float, y0: float,
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


def _union_label(u, lang: str) -> str:
    parts = []
    if u.start is not None:
        parts.append(t(f"genogram.year.start.{u.type}", lang, year=u.start))
    if u.separated is not None:
        parts.append(t("genogram.year.separated", lang, year=u.separated))
    if u.divorced is not None:
        parts.append(t("genogram.year.divorced", lang, year=u.divorced))
    return "<br>".join(parts)


def _symbol_legend(family: GenogramFamily, lang: str) -> list[go.Scatter]:
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



def crossings(family: GenogramFamily, layout: GenogramLayout | None = None) -> dict[str, int]:
    """Line crossings in the drawing: family lines with each other, and emotional lines
    with family lines or each other. Fewer crossings read more easily in front of a room;
    `benchmarks/genogram_crossings.py` counts them on the bundled families.
    """
    el = genogram_elements(family, layout or layout_genogram(family))
    family_paths = [(k, p) for k, s in enumerate(el.strokes) if s.layer == "family"
                    for p in s.paths if s.kind != "status"]
    # an emotional tie is counted once, by its middle line (not its double lines or arrow)
    emotional = [(k, s.paths[0]) for k, s in enumerate(el.strokes) if s.layer == "emotional"]

    def count(a: list, b: list, same: bool) -> int:
        n = 0
        for i, (ka, pa) in enumerate(a):
            for kb, pb in b[i + 1:] if same else b:
                if ka != kb:
                    n += geo.paths_cross(pa, pb)
        return n

    return {"family": count(family_paths, family_paths, True),
            "emotional": count(emotional, family_paths, False) + count(emotional, emotional, True)}
