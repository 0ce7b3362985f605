"""The texts written on a genogram: names under the symbols, years above them, a couple's
years under its line and each household's label, placed where they cover nothing.

Names and years go first; a household's label then takes the spot around its boundary that
covers the least of them (and of labels placed before it).
"""

from __future__ import annotations

from systemsim.genogram import geometry as geo
from systemsim.genogram.elements import Elements
from systemsim.genogram.layout import GenogramLayout
from systemsim.genogram.model import GenogramFamily
from systemsim.genogram.styles import HOUSEHOLD_COLOURS
from systemsim.genogram.texts import household_label, union_label, years_text

#: a text's box in layout units: (left, bottom, right, top)
Box = tuple[float, float, float, float]
_UNITS_PER_PX = 1 / 62  # about how a genogram is shown: a symbol of 0.7 units is ~45 px


def text_box(x: float, y: float, text: str, size: float, anchor: str) -> Box:
    """Roughly where a centred one-line text sits, in layout units."""
    width = max(1, len(text)) * size * 0.56 * _UNITS_PER_PX
    height = size * 1.3 * _UNITS_PER_PX
    bottom = y if anchor == "bottom" else y - height if anchor == "top" else y - height / 2
    return (x - width / 2, bottom, x + width / 2, bottom + height)


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share (0 when apart)."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def free_spot(path: geo.Path, label: str, taken: list[Box]) -> tuple[float, float, str]:
    """Where a household's label covers no name, year or other label: above the boundary
    (centre, left or right), else below it; the least covered spot when none is free."""
    xs = [p[0] for p in path]
    top, bottom = max(p[1] for p in path), min(p[1] for p in path)
    left, right, mid = min(xs), max(xs), (min(xs) + max(xs)) / 2
    half = text_box(0, 0, label, 10, "bottom")[2]
    spots = [spot for gap in (0.02, 0.3, 0.6) for spot in (
        (mid, top + gap, "bottom"), (left + half, top + gap, "bottom"),
        (right - half, top + gap, "bottom"), (mid, bottom - gap, "top"),
        (left + half, bottom - gap, "top"), (right - half, bottom - gap, "top"))]
    scored = [(sum(overlap(text_box(x, y, label, 10, a), b) for b in taken), i)
              for i, (x, y, a) in enumerate(spots)]
    return spots[min(scored)[1]]


def genogram_annotations(family: GenogramFamily, layout: GenogramLayout, el: Elements,
                         lang: str, households: bool) -> list[dict]:
    """Every text on the drawing, as plotly annotations: names, years, couples' years and
    (when the layer is shown) household labels."""
    annotations: list[dict] = []
    taken: list[Box] = []  # where names and years are: labels must not cover them
    people = list(family.people.values())
    for p in people:
        x, y = layout.pos[p.id]
        below = y - el.symbols[p.id].half * (1.3 if p.id == family.index else 1) - 0.05
        annotations.append({
            "x": x, "y": below,
            "text": p.name or (p.id if p.type == "person" else ""), "showarrow": False,
            "yanchor": "top",
            "font": {"size": 12, "color": "#111"}, "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 1,
        })
        taken.append(text_box(x, below, p.name or p.id, 12, "top"))
    for p in people:
        years = years_text(p)
        if years:
            x, y = layout.pos[p.id]
            y_years = y + layout.symbol_half * 1.3 + 0.1
            # a white ground, so an emotional line passing behind does not cover the years
            annotations.append({
                "x": x, "y": y_years, "text": years, "showarrow": False, "yanchor": "bottom",
                "font": {"size": 10, "color": "#555"}, "bgcolor": "rgba(255,255,255,0.85)",
                "borderpad": 0,
            })
            taken.append(text_box(x, y_years, years, 10, "bottom"))
    for i, u in enumerate(family.unions):
        label = union_label(u, lang)
        if label:
            annotations.append({
                "x": el.union_mid[i][0] + 0.06, "y": el.union_y[i] - 0.05, "text": label,
                "showarrow": False, "xanchor": "left", "yanchor": "top",
                "font": {"size": 9, "color": "#444"}, "bgcolor": "rgba(255,255,255,0.7)",
            })
    if households:
        annotations += _household_annotations(family, el, lang, taken)
    return annotations


def _household_annotations(family: GenogramFamily, el: Elements, lang: str,
                           taken: list[Box]) -> list[dict]:
    """One label per household, on its first boundary, where it covers least."""
    annotations = []
    labelled: set[int] = set()
    for h_i, path in el.households:
        label = household_label(family, h_i, lang)
        if h_i in labelled or len(path) <= 2:
            continue
        labelled.add(h_i)
        x, y, anchor = free_spot(path, label, taken)
        taken.append(text_box(x, y, label, 10, anchor))
        annotations.append({
            "x": x, "y": y, "text": label, "showarrow": False, "yanchor": anchor,
            "font": {"size": 10, "color": HOUSEHOLD_COLOURS[h_i % len(HOUSEHOLD_COLOURS)]},
            "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 0,
        })
    return annotations
