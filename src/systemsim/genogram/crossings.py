"""How many lines of a genogram cross: a measure of how easily it reads in front of a room.

`benchmarks/genogram_crossings.py` counts them on the bundled families, and the tests hold
each bundled family to no more crossings than it had.
"""

from __future__ import annotations

from systemsim.genogram import geometry as geo
from systemsim.genogram.elements import genogram_elements
from systemsim.genogram.layout import GenogramLayout, layout_genogram
from systemsim.genogram.model import GenogramFamily


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
