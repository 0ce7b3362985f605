"""A genogram as plain geometry: strokes and symbols in layout coordinates, no plotly.

Tests check this geometry directly (does every line end at its people?), and `draw` turns it
into plotly traces. Couples hang their line below the partners, children hang from a
sibship bar under their couple, twins from one point, emotional relations bend around
people and family lines, and households get a dashed boundary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from systemsim.genogram import geometry as geo
from systemsim.genogram.label_boxes import person_boxes, union_label_box
from systemsim.genogram.layout import GenogramLayout, couple_anchor
from systemsim.genogram.model import ChildLink, GenogramFamily, Person
from systemsim.genogram.relation_lines import Surroundings, Tie, all_relation_paths
from systemsim.genogram.styles import UNION_DROP


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


def person_symbol(p: Person, centre: geo.Point, half: float, is_index: bool) -> Symbol:
    """McGoldrick's symbol: square, circle or diamond by sex, a double outline for the index
    person, an X for the dead; a triangle, dot or small symbol for a pregnancy's end."""
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
    symbols = {pid: person_symbol(p, layout.pos[pid], layout.symbol_half, pid == family.index)
               for pid, p in family.people.items()}
    el = Elements(strokes=[], symbols=symbols, union_y={}, bar_y={}, households=[],
                  union_mid={})
    unions_in_row = _couple_lines(family, layout, el)
    row_counter: dict[float, int] = {}
    for i in range(len(family.unions)):
        _children_lines(family, layout, el, i, unions_in_row, row_counter)
    _single_parent_lines(family, layout, el)
    _emotional_lines(family, layout, el)
    for h_i, h in enumerate(family.households):
        pad = layout.symbol_half + 0.32 + 0.14 * (h_i % 3)
        for path in household_boundary(h.members, layout, pad):
            el.households.append((h_i, path))
    return el


def _bottom(layout: GenogramLayout, el: Elements, pid: str) -> geo.Point:
    return (layout.pos[pid][0], layout.pos[pid][1] - el.symbols[pid].half)


def _top(layout: GenogramLayout, el: Elements, pid: str) -> geo.Point:
    return (layout.pos[pid][0], layout.pos[pid][1] + el.symbols[pid].half)


def _couple_lines(family: GenogramFamily, layout: GenogramLayout, el: Elements) -> dict[float, int]:
    """Each couple's line (with / or // when apart); returns how many couples each row has."""
    pos, R = layout.pos, layout.symbol_half
    row_index = {pid: i for row in layout.rows.values() for i, pid in enumerate(row)}
    xs = {p: v[0] for p, v in pos.items()}
    unions_in_row: dict[float, int] = {}
    for i, u in enumerate(family.unions):
        a, b = sorted(u.partners, key=lambda p: pos[p][0])
        (xa, ya), (xb, yb) = pos[a], pos[b]
        if ya == yb:
            span = abs(row_index[a] - row_index[b])
            yl = ya - R - UNION_DROP - 0.22 * (span - 1)
        else:  # partners on different rows (rare fallback)
            yl = min(ya, yb) - R - UNION_DROP
        path = [_bottom(layout, el, a), (xa, yl), (xb, yl), _bottom(layout, el, b)]
        el.union_y[i] = yl
        mid = (couple_anchor(family, i, xs), yl)
        el.union_mid[i] = mid
        el.strokes.append(Stroke("family", f"union.{u.type}", [path], "union", (a, b), i))
        if u.status != "together":
            sx = mid[0] - (0.28 if u.children else 0.0)
            slashes = status_slashes(sx, yl, u.status)
            el.strokes.append(Stroke("family", f"union.{u.status}", slashes, "status", (a, b), i))
        unions_in_row[ya] = unions_in_row.get(ya, 0) + 1
    return unions_in_row


def _attach_points(kids: list[ChildLink], pos: dict[str, geo.Point]) -> dict[str, float]:
    """Where each child's line leaves the sibship bar: twins share the point between them."""
    attach: dict[str, float] = {}
    twin_of = {c.id: c.twin_of for c in kids if c.twin_of}
    for c in kids:
        partner = twin_of.get(c.id) or next(
            (o for o, tw in twin_of.items() if tw == c.id), None)
        if partner and partner in pos:
            attach[c.id] = (pos[c.id][0] + pos[partner][0]) / 2
        else:
            attach[c.id] = pos[c.id][0]
    return attach


def _children_lines(family: GenogramFamily, layout: GenogramLayout, el: Elements, i: int,
                    unions_in_row: dict[float, int], row_counter: dict[float, int]) -> None:
    """Children under couple `i`: a sibship bar (staggered when a row has several couples),
    a line to each child, a bar between identical twins; a child drawn under other parents
    (e.g. grandparents caring for a grandchild) gets a straight line from the couple."""
    pos, u, mid = layout.pos, family.unions[i], el.union_mid[i]
    kids = [c for c in u.children if layout.primary_parent.get(c.id) == ("union", i)]
    if kids:
        first_row_top = max(_top(layout, el, c.id)[1] for c in kids)
        ya = pos[u.partners[0]][1]
        k = row_counter.get(ya, 0)
        row_counter[ya] = k + 1
        stagger = ((k % 3) - 1) * 0.14 if unions_in_row.get(ya, 1) > 1 else 0.0
        yb = (mid[1] + first_row_top) / 2 + stagger
        el.bar_y[i] = yb
        attach = _attach_points(kids, pos)
        xs = [mid[0], *attach.values()]
        el.strokes.append(Stroke("family", "sibship",
                                 [[mid, (mid[0], yb)], [(min(xs), yb), (max(xs), yb)]],
                                 "sibship", tuple(u.partners), i))
        for c in kids:
            el.strokes.append(Stroke("family", f"child.{c.relation}",
                                     [[(attach[c.id], yb), _top(layout, el, c.id)]], "child",
                                     (c.id, c.id), i))
        for c in kids:
            if c.twin_of and c.identical and c.twin_of in pos:
                (x1, y1), (x2, y2) = _top(layout, el, c.id), _top(layout, el, c.twin_of)
                ax = attach[c.id]
                f = 0.45
                p1 = (ax + (x1 - ax) * f, yb + (y1 - yb) * f)
                p2 = (ax + (x2 - ax) * f, yb + (y2 - yb) * f)
                el.strokes.append(Stroke("family", "twins.identical", [[p1, p2]], "twinbar",
                                         (c.id, c.twin_of), i))
    for c in u.children:
        if layout.primary_parent.get(c.id) != ("union", i):
            el.strokes.append(Stroke("family", f"child.{c.relation}",
                                     [[mid, _top(layout, el, c.id)]], "child", (c.id, c.id), i))


def _single_parent_lines(family: GenogramFamily, layout: GenogramLayout, el: Elements) -> None:
    """A child of one parent: an elbow line, or a straight one when drawn elsewhere."""
    for j, s in enumerate(family.single_parents):
        pb, ct = _bottom(layout, el, s.parent), _top(layout, el, s.child)
        if layout.primary_parent.get(s.child) == ("single", s.parent):
            yb = (pb[1] - UNION_DROP + ct[1]) / 2
            path = [pb, (pb[0], yb), (ct[0], yb), ct]
        else:
            path = [pb, ct]
        el.strokes.append(Stroke("family", f"child.{s.relation}", [path], "single",
                                 (s.parent, s.child), f"single{j}"))


def _emotional_lines(family: GenogramFamily, layout: GenogramLayout, el: Elements) -> None:
    """The emotional layer: each tie bends around people and their texts, the way that
    crosses fewest lines (family lines and the other ties)."""
    halves = {pid: sym.half for pid, sym in el.symbols.items()}
    around = Surroundings(
        family_lines=[p for st in el.strokes for p in st.paths if st.kind != "status"],
        boxes=person_boxes(family, layout, halves),
        couple_years=[box for i, mid in el.union_mid.items() if mid[0] is not None
                      and (box := union_label_box(family, i, mid)) is not None])
    seen: dict[frozenset[str], int] = {}
    ties = []
    for rel in family.relations:
        pair = frozenset((rel.a, rel.b))
        ties.append(Tie(rel.type, rel.a, rel.b, seen.get(pair, 0)))
        seen[pair] = ties[-1].nth + 1
    drawn = all_relation_paths(ties, layout.pos, halves, around)
    for k, (rel, paths) in enumerate(zip(family.relations, drawn, strict=True)):
        el.strokes.append(Stroke("emotional", f"relation.{rel.type}", paths, "relation",
                                 (rel.a, rel.b), k))


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
