"""The texts written on a genogram: names under the symbols, years above them, a couple's
years under its line and each household's label, placed where they cover nothing.

Names and years go first; a household's label then takes the spot around its boundary that
covers the least of them (and of labels placed before it), and then the fewest emotional ties.
"""

from __future__ import annotations

import numpy as np

from systemsim.genogram import geometry as geo
from systemsim.genogram.elements import Elements
from systemsim.genogram.label_boxes import (
    NAME_SIZE,
    UNION_SIZE,
    YEARS_SIZE,
    Box,
    block_box,
    name_y,
    overlap,
    shown_name,
    text_box,
    union_label_spot,
    years_y,
)
from systemsim.genogram.layout import GenogramLayout
from systemsim.genogram.model import GenogramFamily
from systemsim.genogram.styles import HOUSEHOLD_COLOURS
from systemsim.genogram.texts import household_label, union_label, years_text


def free_spot(path: geo.Path, label: str, taken: list[Box],
              lines: list[geo.Path] | None = None) -> tuple[float, float, str]:
    """Where a household's label covers no name, year or other label: above the boundary
    (centre, left or right), else below it; the least covered spot when none is free.
    Among spots that cover no text, the one the fewest of `lines` (emotional ties) run
    through."""
    xs = [p[0] for p in path]
    top, bottom = max(p[1] for p in path), min(p[1] for p in path)
    left, right, mid = min(xs), max(xs), (min(xs) + max(xs)) / 2
    half = text_box(0, 0, label, 10, "bottom")[2]
    spots = [spot for gap in (0.02, 0.3, 0.6) for spot in (
        (mid, top + gap, "bottom"), (left + half, top + gap, "bottom"),
        (right - half, top + gap, "bottom"), (mid, bottom - gap, "top"),
        (left + half, bottom - gap, "top"), (right - half, bottom - gap, "top"))]
    segments = geo.segment_array(lines or [])
    scored = []
    for i, (x, y, a) in enumerate(spots):
        box = text_box(x, y, label, 10, a)
        covered = sum(overlap(box, b) for b in taken)
        crossed = (int(geo.segments_hit_boxes(segments, np.asarray([box])).sum())
                   if len(segments) else 0)
        scored.append((covered > 0, crossed, covered, i))
    return spots[min(scored)[-1]]


def genogram_annotations(family: GenogramFamily, layout: GenogramLayout, el: Elements,
                         lang: str, households: bool) -> list[dict]:
    """Every text on the drawing, as plotly annotations: names, years, couples' years and
    (when the layer is shown) household labels."""
    annotations: list[dict] = []
    taken: list[Box] = []  # where names and years are: labels must not cover them
    people = list(family.people.values())
    for p in people:
        x = layout.pos[p.id][0]
        below = name_y(layout, p.id, el.symbols[p.id].half, p.id == family.index)
        annotations.append({
            "x": x, "y": below, "text": shown_name(family, p.id), "showarrow": False,
            "yanchor": "top",
            "font": {"size": NAME_SIZE, "color": "#111"}, "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 1,
        })
        taken.append(text_box(x, below, p.name or p.id, NAME_SIZE, "top"))
    for p in people:
        years = years_text(p)
        if years:
            x, y_years = layout.pos[p.id][0], years_y(layout, p.id)
            # a white ground, so an emotional line passing behind does not cover the years
            annotations.append({
                "x": x, "y": y_years, "text": years, "showarrow": False, "yanchor": "bottom",
                "font": {"size": YEARS_SIZE, "color": "#555"},
                "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 0,
            })
            taken.append(text_box(x, y_years, years, YEARS_SIZE, "bottom"))
    for i, u in enumerate(family.unions):
        label = union_label(u, lang)
        if label:
            x, y = union_label_spot((el.union_mid[i][0], el.union_y[i]))
            annotations.append({
                "x": x, "y": y, "text": label,
                "showarrow": False, "xanchor": "left", "yanchor": "top",
                "font": {"size": UNION_SIZE, "color": "#444"},
                "bgcolor": "rgba(255,255,255,0.7)",
            })
            taken.append(block_box(x, y, label, UNION_SIZE))
    if households:
        annotations += _household_annotations(family, el, lang, taken)
    return annotations


def _household_annotations(family: GenogramFamily, el: Elements, lang: str,
                           taken: list[Box]) -> list[dict]:
    """One label per household, on its first boundary, where it covers least: no name or
    year, then as few emotional ties as can be."""
    annotations = []
    labelled: set[int] = set()
    ties = [p for s in el.strokes if s.layer == "emotional" for p in s.paths]
    for h_i, path in el.households:
        label = household_label(family, h_i, lang)
        if h_i in labelled or len(path) <= 2:
            continue
        labelled.add(h_i)
        x, y, anchor = free_spot(path, label, taken, ties)
        taken.append(text_box(x, y, label, 10, anchor))
        annotations.append({
            "x": x, "y": y, "text": label, "showarrow": False, "yanchor": anchor,
            "font": {"size": 10, "color": HOUSEHOLD_COLOURS[h_i % len(HOUSEHOLD_COLOURS)]},
            "bgcolor": "rgba(255,255,255,0.85)", "borderpad": 0,
        })
    return annotations
