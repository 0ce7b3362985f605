"""Plain 2-D geometry for the drawings: symbol outlines, curves, zigzags, arrows, hulls.

Plotly has no genogram shapes, so every symbol and line pattern is built here as polylines
(lists of points). Keeping geometry free of plotly lets the tests check that lines really
start and end at the people they connect.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

Point = tuple[float, float]
Path = list[Point]


def square(cx: float, cy: float, h: float) -> Path:
    return [(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h),
            (cx - h, cy - h)]


def circle(cx: float, cy: float, r: float, n: int = 28) -> Path:
    pts = [(cx + r * math.cos(2 * math.pi * i / n), cy + r * math.sin(2 * math.pi * i / n))
           for i in range(n)]
    return pts + [pts[0]]


def diamond(cx: float, cy: float, h: float) -> Path:
    h *= 1.2
    return [(cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy), (cx, cy - h)]


def triangle(cx: float, cy: float, h: float) -> Path:
    return [(cx - h, cy - h * 0.8), (cx + h, cy - h * 0.8), (cx, cy + h), (cx - h, cy - h * 0.8)]


def cross(cx: float, cy: float, h: float) -> list[Path]:
    return [[(cx - h, cy - h), (cx + h, cy + h)], [(cx - h, cy + h), (cx + h, cy - h)]]


def quad_bezier(a: Point, b: Point, bulge: float, n: int = 24) -> Path:
    """A gentle arc from a to b; `bulge` is the control point's offset as a share of the
    length (positive = to the left of a→b)."""
    (ax, ay), (bx, by) = a, b
    mx, my = (ax + bx) / 2, (ay + by) / 2
    dx, dy = bx - ax, by - ay
    cx, cy = mx - dy * bulge, my + dx * bulge
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append((u * u * ax + 2 * u * t * cx + t * t * bx,
                    u * u * ay + 2 * u * t * cy + t * t * by))
    return out


def cubic_bezier(a: Point, b: Point, lift_a: Point, lift_b: Point, n: int = 28) -> Path:
    """A curve from a to b whose two control points sit `lift_a` from a and `lift_b` from b:
    lifting both the same way gives a flat-topped bow over whatever lies between."""
    c1 = (a[0] + lift_a[0], a[1] + lift_a[1])
    c2 = (b[0] + lift_b[0], b[1] + lift_b[1])
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        w = (u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t)
        out.append((w[0] * a[0] + w[1] * c1[0] + w[2] * c2[0] + w[3] * b[0],
                    w[0] * a[1] + w[1] * c1[1] + w[2] * c2[1] + w[3] * b[1]))
    return out


def rounded_polyline(points: Path, radius: float, n: int = 8) -> Path:
    """The polyline with each inner corner rounded off (a quadratic arc within `radius` of
    the corner), the straight stretches between kept as they are."""
    out: Path = [points[0]]
    for prev, corner, nxt in zip(points, points[1:], points[2:], strict=False):
        r = min(radius, math.dist(prev, corner) / 2, math.dist(corner, nxt) / 2)
        a = _towards(corner, prev, r)
        b = _towards(corner, nxt, r)
        out.append(a)
        for i in range(1, n):
            t = i / n
            u = 1 - t
            out.append((u * u * a[0] + 2 * u * t * corner[0] + t * t * b[0],
                        u * u * a[1] + 2 * u * t * corner[1] + t * t * b[1]))
        out.append(b)
    out.append(points[-1])
    return out


def _towards(a: Point, b: Point, dist: float) -> Point:
    d = math.dist(a, b) or 1.0
    return (a[0] + (b[0] - a[0]) * dist / d, a[1] + (b[1] - a[1]) * dist / d)


def length(path: Path) -> float:
    return sum(math.dist(path[i], path[i + 1]) for i in range(len(path) - 1))


def resample(path: Path, step: float) -> Path:
    """Points every `step` along the path (the last point kept)."""
    total = length(path)
    if total == 0:
        return list(path)
    n = max(2, int(total / step) + 1)
    targets = [total * i / (n - 1) for i in range(n)]
    out: Path = []
    seg, acc = 0, 0.0
    for target in targets:
        while seg < len(path) - 2 and acc + math.dist(path[seg], path[seg + 1]) < target:
            acc += math.dist(path[seg], path[seg + 1])
            seg += 1
        (x0, y0), (x1, y1) = path[seg], path[seg + 1]
        d = math.dist(path[seg], path[seg + 1]) or 1.0
        t = min(1.0, max(0.0, (target - acc) / d))
        out.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    return out


def _normals(path: Path) -> list[Point]:
    out = []
    for i in range(len(path)):
        a = path[max(0, i - 1)]
        b = path[min(len(path) - 1, i + 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        d = math.hypot(dx, dy) or 1.0
        out.append((-dy / d, dx / d))
    return out


def offset(path: Path, dist: float) -> Path:
    """A parallel copy of the path (for double and triple lines)."""
    return [(x + nx * dist, y + ny * dist)
            for (x, y), (nx, ny) in zip(path, _normals(path), strict=True)]


def zigzag(path: Path, amplitude: float, wavelength: float, keep_ends: float = 0.0) -> Path:
    """The path as a zigzag (conflict, hostility, abuse); straight for `keep_ends` at each end
    so the line still visibly starts and ends at its people."""
    pts = resample(path, wavelength / 2)
    normals = _normals(pts)
    total = length(path)
    out = []
    walked = 0.0
    for i, ((x, y), (nx, ny)) in enumerate(zip(pts, normals, strict=True)):
        if i:
            walked += math.dist(pts[i - 1], pts[i])
        inner = keep_ends <= walked <= total - keep_ends
        s = amplitude * (1 if i % 2 else -1) if inner and 0 < i < len(pts) - 1 else 0.0
        out.append((x + nx * s, y + ny * s))
    return out


def hatches(path: Path, size: float, spacing: float) -> list[Path]:
    """Short cross-strokes along a line: Hartman's 'hatched' stressful tie."""
    pts = resample(path, spacing)
    out = []
    for (x, y), (nx, ny) in zip(pts[1:-1], _normals(pts)[1:-1], strict=True):
        out.append([(x - nx * size + ny * size * 0.5, y - ny * size - nx * size * 0.5),
                    (x + nx * size - ny * size * 0.5, y + ny * size + nx * size * 0.5)])
    return out


def arrowhead(tip: Point, towards_from: Point, size: float) -> Path:
    """An open 'V' arrowhead at `tip`, pointing away from `towards_from`."""
    dx, dy = tip[0] - towards_from[0], tip[1] - towards_from[1]
    d = math.hypot(dx, dy) or 1.0
    ux, uy = dx / d, dy / d
    left = (tip[0] - ux * size - uy * size * 0.6, tip[1] - uy * size + ux * size * 0.6)
    right = (tip[0] - ux * size + uy * size * 0.6, tip[1] - uy * size - ux * size * 0.6)
    return [left, tip, right]


def trim(a: Point, b: Point, ra: float, rb: float) -> tuple[Point, Point]:
    """Shorten segment a→b by ra at a and rb at b (so lines stop at symbol edges)."""
    d = math.dist(a, b) or 1.0
    ux, uy = (b[0] - a[0]) / d, (b[1] - a[1]) / d
    return (a[0] + ux * ra, a[1] + uy * ra), (b[0] - ux * rb, b[1] - uy * rb)


def convex_hull(points: list[Point]) -> Path:
    """Andrew's monotone chain; returns a closed path."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts + pts[:1]

    def turn(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: Path = []
    for p in pts:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: Path = []
    for p in reversed(pts):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
    return hull + hull[:1]


def rounded_boundary(centres: list[Point], pad: float) -> Path:
    """A boundary around symbols: the hull of a circle of radius `pad` around each centre."""
    pts = [p for c in centres for p in circle(c[0], c[1], pad, n=16)[:-1]]
    return convex_hull(pts)


def inside(point: Point, polygon: Path, margin: float = 0.0) -> bool:
    """Whether `point` lies inside a convex closed `polygon` (counter-clockwise), at least
    `margin` from its edges."""
    x, y = point
    for (x0, y0), (x1, y1) in zip(polygon, polygon[1:], strict=False):
        edge = math.hypot(x1 - x0, y1 - y0)
        if edge == 0:
            continue
        cross_ = ((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) / edge
        if cross_ < margin:
            return False
    return True


def xy_with_gaps(paths: Iterable[Path]) -> tuple[list[float | None], list[float | None]]:
    """Concatenate paths into one plotly trace; None between paths lifts the pen."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for path in paths:
        for x, y in path:
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)
    return xs, ys


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(a: Point, b: Point, c: Point, d: Point, eps: float = 1e-9) -> bool:
    """Whether segments ab and cd cross in their interiors (touching ends do not count)."""
    d1, d2 = _orient(c, d, a), _orient(c, d, b)
    d3, d4 = _orient(a, b, c), _orient(a, b, d)
    return (d1 > eps and d2 < -eps or d1 < -eps and d2 > eps) and (
        d3 > eps and d4 < -eps or d3 < -eps and d4 > eps
    )


def bbox(path: Path) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a polyline."""
    xs = [x for x, _ in path]
    ys = [y for _, y in path]
    return min(xs), min(ys), max(xs), max(ys)


def paths_cross(p: Path, q: Path) -> int:
    """How many times two polylines cross (bounding boxes first, so it stays cheap)."""
    if not p or not q:
        return 0
    if (max(x for x, _ in p) < min(x for x, _ in q) or max(x for x, _ in q) < min(x for x, _ in p)
            or max(y for _, y in p) < min(y for _, y in q)
            or max(y for _, y in q) < min(y for _, y in p)):
        return 0
    return sum(
        segments_cross(p[i], p[i + 1], q[j], q[j + 1])
        for i in range(len(p) - 1)
        for j in range(len(q) - 1)
    )


def segment_array(paths: Iterable[Path]) -> np.ndarray:
    """Every segment of the polylines as rows (x1, y1, x2, y2), for `crossings_with_segments`."""
    rows = [(*p[i], *p[i + 1]) for p in paths for i in range(len(p) - 1)]
    return np.asarray(rows, dtype=float).reshape(-1, 4)


def _orient_arrays(u: np.ndarray, v: np.ndarray, w: np.ndarray) -> np.ndarray:
    return (v[..., 0] - u[..., 0]) * (w[..., 1] - u[..., 1]) - (v[..., 1] - u[..., 1]) * (
        w[..., 0] - u[..., 0])


def segments_cross_matrix(first: np.ndarray, second: np.ndarray | None = None,
                          eps: float = 1e-9) -> np.ndarray:
    """Which segments (rows x1, y1, x2, y2) of `first` cross which of `second` (default:
    `first`), as `segments_cross` does, for all pairs at once."""
    second = first if second is None else second
    a, b = first[:, None, 0:2], first[:, None, 2:4]
    c, d = second[None, :, 0:2], second[None, :, 2:4]
    d1, d2 = _orient_arrays(c, d, a), _orient_arrays(c, d, b)
    d3, d4 = _orient_arrays(a, b, c), _orient_arrays(a, b, d)
    one = ((d1 > eps) & (d2 < -eps)) | ((d1 < -eps) & (d2 > eps))
    two = ((d3 > eps) & (d4 < -eps)) | ((d3 < -eps) & (d4 > eps))
    return one & two


def crossings_with_segments(first: np.ndarray, second: np.ndarray) -> int:
    """How many times the segments `first` cross the segments `second` (rows x1, y1, x2,
    y2); only those of `second` near `first` are tried, so it stays cheap."""
    if len(first) == 0 or len(second) == 0:
        return 0
    xs, ys = first[:, [0, 2]], first[:, [1, 3]]
    near = ((np.maximum(second[:, 0], second[:, 2]) >= xs.min())
            & (np.minimum(second[:, 0], second[:, 2]) <= xs.max())
            & (np.maximum(second[:, 1], second[:, 3]) >= ys.min())
            & (np.minimum(second[:, 1], second[:, 3]) <= ys.max()))
    if not near.any():
        return 0
    return int(np.count_nonzero(segments_cross_matrix(first, second[near])))


def segments_hit_boxes(segments: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Which segments (rows x1, y1, x2, y2) pass through which boxes (rows left, bottom,
    right, top), touching included: each segment clipped to each box's slabs."""
    p, d = segments[:, None, 0:2], segments[:, None, 2:4] - segments[:, None, 0:2]
    lo, hi = boxes[None, :, 0:2], boxes[None, :, 2:4]
    flat = np.abs(d) < 1e-12
    with np.errstate(divide="ignore", invalid="ignore"):
        ta, tb = (lo - p) / d, (hi - p) / d
    enter = np.where(flat, -np.inf, np.minimum(ta, tb))
    leave = np.where(flat, np.inf, np.maximum(ta, tb))
    parallel_outside = flat & ((p < lo) | (p > hi))
    t0 = np.maximum(enter.max(axis=2), 0.0)
    t1 = np.minimum(leave.min(axis=2), 1.0)
    return (t0 <= t1) & ~parallel_outside.any(axis=2)
