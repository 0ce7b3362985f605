"""An emotional relation's line between two people, in McGoldrick's forms.

The line is a curve that bends the way that cuts through nobody's symbol and crosses the
fewest family lines; then it takes its relation's form (double for close, zigzag for
conflict, broken for a cutoff, an arrow for a directed relation).
"""

from __future__ import annotations

from systemsim.genogram import geometry as geo
from systemsim.genogram.model import DIRECTED_RELATIONS

#: the bends tried, besides the first guess and its mirror, for people on different rows
_BENDS = (0.0, 0.3, -0.3, 0.5, -0.5, 0.8, -0.8)


def relation_paths(rtype: str, a: str, b: str, pos: dict[str, geo.Point],
                   halves: dict[str, float], nth: int,
                   family_lines: list[geo.Path] | None = None) -> list[geo.Path]:
    """The strokes of the `nth` relation between `a` and `b` (`halves`: each person's
    symbol half-size), curved around people and family lines."""
    curve = _best_curve(a, b, pos, halves, nth, family_lines or [])
    paths = _relation_form(rtype, curve)
    if rtype in DIRECTED_RELATIONS:
        paths.append(geo.arrowhead(curve[-1], curve[-3], 0.2))
    return paths


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


def _best_curve(a: str, b: str, pos: dict[str, geo.Point], halves: dict[str, float],
                nth: int, family_lines: list[geo.Path]) -> geo.Path:
    """The candidate curve that costs least (see `cost`)."""
    pa, pb = pos[a], pos[b]
    start, end = geo.trim(pa, pb, halves[a] * 1.25, halves[b] * 1.25)
    same_row = abs(pa[1] - pb[1]) < 1e-9
    bulge = _first_bulge(pa, pb, halves[a], nth)
    curve = geo.quad_bezier(start, end, bulge)
    others = [(pos[p], h) for p, h in halves.items() if p not in (a, b)]
    lines = geo.segment_array(family_lines)

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

    candidates = (-bulge,) if same_row else (-bulge, *_BENDS)
    best = cost(curve)
    for alt in candidates:
        candidate = geo.quad_bezier(start, end, alt)
        c = cost(candidate)
        if c < best - 1e-9:
            best, curve = c, candidate
    return curve


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
