"""An emotional relation's line between two people, in McGoldrick's forms.

The line is a curve chosen among arcs (one control point), bows (two, lifted the same
way, flat over whoever sits between) and, between people rows apart, ways that pass the
rows between upright through a gap: the one whose drawn form (zigzag and all) passes
through nobody else's symbol, name or years, crosses the fewest lines (family lines and
the other ties, all ties chosen together), and is short. It is drawn in its relation's
form (double for close, zigzag for conflict, broken for a cutoff, an arrow for a directed
relation). Fewer lines across names and years, and fewer crossings, read better on a
projector: `tests/genogram/test_readable.py` holds the bundled families to both.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from systemsim.genogram import geometry as geo
from systemsim.genogram.label_boxes import Box
from systemsim.genogram.model import DIRECTED_RELATIONS

#: arcs tried after the first guess and its mirror: the control point's offset as a share
#: of the length, either side
_BENDS = (0.12, 0.22, 0.3, 0.4, 0.5, 0.65, 0.8)
#: bows tried: how far (layout units) both control points stand off the line, either side
_LIFTS = (0.7, 1.0, 1.35, 1.75)
#: room kept between a line and someone else's texts or symbol
_MARGIN = 0.03
#: how far above and below a row's middle a line passing the row runs upright (clear of
#: the years above the symbols and the names under them)
_PASS = 1.0
#: a cost per box a candidate passes through: others' (never wanted), a couple's years,
#: and its own people's texts
_COVER_OTHER, _COVER_COUPLE, _COVER_OWN = 100.0, 1.5, 0.6


@dataclass
class Surroundings:
    """What a tie is drawn among: family lines, each person's symbol box and text boxes
    (see `label_boxes.person_boxes`) and couples' years."""

    family_lines: list[geo.Path] = field(default_factory=list)
    boxes: dict[str, tuple[Box, list[Box]]] = field(default_factory=dict)
    couple_years: list[Box] = field(default_factory=list)

    @cached_property
    def family_segments(self) -> np.ndarray:
        """The family lines as segment rows, made once for every tie's candidates."""
        return geo.segment_array(self.family_lines)


@dataclass(frozen=True)
class Tie:
    """One emotional relation to draw: the `nth` between `a` and `b`."""

    rtype: str
    a: str
    b: str
    nth: int = 0


def all_relation_paths(ties: list[Tie], pos: dict[str, geo.Point], halves: dict[str, float],
                       around: Surroundings, passes: int = 2) -> list[list[geo.Path]]:
    """The strokes of every tie. Each takes in turn its best way among the ties before it,
    then again among all the others (a few passes, a way kept unless another costs less),
    so a tie drawn early does not stand in the way of one drawn later."""
    options = [_ways(tie, pos, halves, around) for tie in ties]
    chosen: list[int] = []

    def others(k: int, upto: int) -> np.ndarray:
        middles = [options[j][chosen[j]].middle for j in range(upto) if j != k]
        return np.concatenate([np.empty((0, 4)), *middles])

    for k, ways in enumerate(options):
        chosen.append(_pick(ways, others(k, k)))
    for _ in range(passes):
        before = list(chosen)
        for k, ways in enumerate(options):
            chosen[k] = _pick(ways, others(k, len(ties)), keep=chosen[k])
        if chosen == before:
            break
    return [ways[i].drawn for ways, i in zip(options, chosen, strict=True)]


@dataclass
class _Way:
    """One way a tie can go: its middle curve and what it costs before crossings (see
    `_costed`). Its form, and how often it crosses the family lines, are worked out when
    first asked, as most ways are never drawn."""

    rtype: str
    curve: geo.Path
    base: float
    family_lines: np.ndarray
    _drawn: list[geo.Path] | None = None
    _middle: np.ndarray | None = None
    _fixed: float | None = None

    @property
    def drawn(self) -> list[geo.Path]:
        """The way in its relation's form."""
        if self._drawn is None:
            self._drawn = _drawn(self.rtype, self.curve)
        return self._drawn

    @property
    def middle(self) -> np.ndarray:
        """The segments of the line `crossings` counts."""
        if self._middle is None:
            self._middle = geo.segment_array(self.drawn[:1])
        return self._middle

    def fixed(self) -> float:
        """What the way costs whatever the other ties do."""
        if self._fixed is None:
            self._fixed = self.base + geo.crossings_with_segments(self.middle,
                                                                  self.family_lines)
        return self._fixed


def _ways(tie: Tie, pos: dict[str, geo.Point], halves: dict[str, float],
          around: Surroundings) -> list[_Way]:
    """The arcs and bows a tie can take, and its ways through the rows between its
    people, each costed."""
    a, b = tie.a, tie.b
    start, end = geo.trim(pos[a], pos[b], halves[a] * 1.25, halves[b] * 1.25)
    curves = _candidates(start, end, _first_bulge(pos[a], pos[b], halves[a], tie.nth))
    curves += _routes_between_rows(pos[a], pos[b], halves[a] * 1.25, halves[b] * 1.25,
                                   around.boxes, half_width(tie.rtype))
    return _costed(tie, curves, around)


def _pick(ways: list[_Way], ties: np.ndarray, keep: int | None = None) -> int:
    """The way that costs least with the other ties (segments `ties`) as they are: `keep`
    (the way the tie has) unless another costs less, else the first of equals."""
    order = ([keep] if keep is not None else []) + [i for i in range(len(ways)) if i != keep]
    best, pick = None, order[0]
    for i in order:
        if best is not None and ways[i].base >= best - 1e-9:
            continue  # crossings only add: it cannot cost less
        c = ways[i].fixed()
        if best is not None and c >= best - 1e-9:
            continue
        c += geo.crossings_with_segments(ways[i].middle, ties)
        if best is None or c < best - 1e-9:
            best, pick = c, i
    return pick


def _first_bulge(pa: geo.Point, pb: geo.Point, half_a: float, nth: int) -> float:
    """How far the curve bows: over anyone sitting between two people in one row; a
    second relation between the same two bows the other way, a third further."""
    sign = 1 if pa[0] <= pb[0] else -1
    same_row = abs(pa[1] - pb[1]) < 1e-9
    dist = max(1e-6, abs(pa[0] - pb[0]))
    if same_row and dist > 2.2 * half_a + 1.7:
        # someone sits between them: arc high enough to clear their symbol and years
        base = 2 * (half_a * 1.3 + 0.45) / dist
    else:
        base = 0.22 if same_row else 0.12
    return base * sign * (1 + 0.5 * nth) * (-1 if nth % 2 else 1)


def _candidates(start: geo.Point, end: geo.Point, first: float) -> list[geo.Path]:
    """The first guess and its mirror, then arcs and bows either side, gentlest first.

    In one row no arc is flatter than the first guess (a tie there reads as a curve, apart
    from the couple line); between rows a straight line is tried too."""
    out = [geo.quad_bezier(start, end, first), geo.quad_bezier(start, end, -first)]
    same_row = abs(start[1] - end[1]) < 1e-9
    bends = [k for k in _BENDS if k > abs(first) + 1e-9] if same_row else [0.0, *_BENDS]
    out += [geo.quad_bezier(start, end, s * k) for k in bends for s in (1, -1) if k or s > 0]
    dx, dy = end[0] - start[0], end[1] - start[1]
    d = max(1e-9, (dx * dx + dy * dy) ** 0.5)
    nx, ny = -dy / d, dx / d  # to the left of start→end
    for lift in _LIFTS:
        for s in (1, -1):
            up = (nx * lift * s, ny * lift * s)
            out.append(geo.cubic_bezier(start, end, up, up))
    return out


def _routes_between_rows(pa: geo.Point, pb: geo.Point, ra: float, rb: float,
                         boxes: dict[str, tuple[Box, list[Box]]],
                         width: float) -> list[geo.Path]:
    """Lines that pass each row between two people's rows upright, through a gap between
    the people there (and their texts) wide enough for a form `width` either side: for
    when every arc would cut through someone."""
    top, bottom = max(pa[1], pb[1]), min(pa[1], pb[1])
    rows: dict[float, list[tuple[float, float]]] = {}
    for sym, texts in boxes.values():
        y = (sym[1] + sym[3]) / 2
        if bottom + 1e-6 < y < top - 1e-6:
            rows.setdefault(round(y, 6), []).append(
                (min(b[0] for b in (sym, *texts)), max(b[2] for b in (sym, *texts))))
    if not rows:
        return []
    gaps_by_row = []
    for y in sorted(rows, reverse=pa[1] > pb[1]):  # rows in order from a to b
        taken = sorted(rows[y])
        share = (y - pa[1]) / (pb[1] - pa[1])
        straight = pa[0] + (pb[0] - pa[0]) * share  # where a straight line meets the row
        gaps = [taken[0][0] - 0.35, taken[-1][1] + 0.35]
        gaps += [(left[1] + right[0]) / 2 for left, right in zip(taken, taken[1:], strict=False)
                 if right[0] - left[1] > 2 * (width + _MARGIN)]
        nearest = sorted(gaps, key=lambda g: abs(g - straight))[:3 if len(rows) <= 2 else 2]
        gaps_by_row.append([(gx, y) for gx in nearest])
    out = []
    for through in itertools.product(*gaps_by_row):
        points = [pa]
        for gx, y in through:
            points += [(gx, y + _PASS), (gx, y - _PASS)] if pa[1] > pb[1] else [
                (gx, y - _PASS), (gx, y + _PASS)]
        points.append(pb)
        points[0] = geo.trim(pa, points[1], ra, 0)[0]
        points[-1] = geo.trim(points[-2], pb, 0, rb)[1]
        route = geo.rounded_polyline(points, 0.6)
        out.append(geo.resample(route, geo.length(route) / 32))
    return out


def _costed(tie: Tie, curves: list[geo.Path], around: Surroundings) -> list[_Way]:
    """Each curve as a way, with what it costs, the other ties aside: covering someone
    else's symbol or texts is worst, then (far less) a couple's years and its own people's
    texts, then each family line crossed (counted when needed), then length."""
    others = [box for p, (sym, texts) in around.boxes.items() if p not in (tie.a, tie.b)
              for box in (sym, *texts)]
    own = [box for p in (tie.a, tie.b) if p in around.boxes for box in around.boxes[p][1]]
    # the middle curve kept this far from a box keeps the whole form off it
    room = _MARGIN + half_width(tie.rtype)
    boxes = np.asarray([(x0 - room, y0 - room, x1 + room, y1 + room)
                        for x0, y0, x1, y1 in others + around.couple_years + own],
                       dtype=float).reshape(-1, 4)
    weights = np.asarray([_COVER_OTHER] * len(others) + [_COVER_COUPLE]
                         * len(around.couple_years) + [_COVER_OWN] * len(own))
    lines = around.family_segments
    ways = []
    for curve in curves:
        segments = geo.segment_array([curve])
        x0, y0 = segments[:, [0, 2]].min(), segments[:, [1, 3]].min()
        x1, y1 = segments[:, [0, 2]].max(), segments[:, [1, 3]].max()
        near = ((boxes[:, 0] <= x1) & (boxes[:, 2] >= x0)
                & (boxes[:, 1] <= y1) & (boxes[:, 3] >= y0))
        covered = 0.0
        if near.any():
            hit = geo.segments_hit_boxes(segments, boxes[near]).any(axis=0)
            covered = float(weights[near][hit].sum())
        ways.append(_Way(tie.rtype, curve, covered + 0.05 * geo.length(curve), lines))
    return ways


def _drawn(rtype: str, curve: geo.Path) -> list[geo.Path]:
    """The curve in its relation's form, with an arrowhead when the relation has a way."""
    paths = _relation_form(rtype, curve)
    if rtype in DIRECTED_RELATIONS:
        paths.append(geo.arrowhead(curve[-1], curve[-3], 0.2))
    return paths


def half_width(rtype: str) -> float:
    """How far a relation's form strays from its middle curve, at most (zigzags, double
    and triple lines, a cutoff's bars, an arrowhead)."""
    width = {"close": 0.045, "fused": 0.08, "conflictual": 0.075, "hostile": 0.11,
             "abuse": 0.11, "cutoff": 0.16}.get(rtype, 0.0)
    return max(width, 0.13) if rtype in DIRECTED_RELATIONS else width


def _relation_form(rtype: str, curve: geo.Path) -> list[geo.Path]:
    """The curve drawn in the relation's form."""
    if rtype == "close":
        return [geo.offset(curve, 0.045), geo.offset(curve, -0.045)]
    if rtype == "fused":
        return [curve, geo.offset(curve, 0.08), geo.offset(curve, -0.08)]
    if rtype == "conflictual":
        return [geo.zigzag(curve, 0.075, 0.22, keep_ends=0.12)]
    if rtype in ("hostile", "abuse"):
        return [geo.zigzag(curve, 0.11, 0.26, keep_ends=0.12)]
    if rtype == "cutoff":
        n = len(curve)
        left, right = curve[: int(n * 0.42)], curve[int(n * 0.58):]
        paths = [left, right]
        for seg, end_pt in ((left, left[-1]), (right, right[0])):
            normal = geo.offset([seg[0], seg[-1]], 0.16)
            dx, dy = normal[0][0] - seg[0][0], normal[0][1] - seg[0][1]
            paths.append([(end_pt[0] - dx, end_pt[1] - dy), (end_pt[0] + dx, end_pt[1] + dy)])
        return paths
    return [curve]
