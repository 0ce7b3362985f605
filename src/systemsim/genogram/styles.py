"""How each kind of genogram line looks: colour, width, dash, layer and its name's text key.

One table for the drawing, its legend and the key under it, so a line and its explanation
can never disagree.
"""

from __future__ import annotations

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
