"""Where a person's texts sit on a genogram: the name under the symbol, the years above it.

One place for it, so the texts drawn (`annotations`) and the emotional lines routed around
them (`relation_lines`) agree on where the texts are.
"""

from __future__ import annotations

from systemsim.genogram.layout import GenogramLayout
from systemsim.genogram.model import GenogramFamily
from systemsim.genogram.texts import union_label, years_text
from systemsim.i18n import LANGUAGES

#: a text's box in layout units: (left, bottom, right, top)
Box = tuple[float, float, float, float]
_UNITS_PER_PX = 1 / 62  # about how a genogram is shown: a symbol of 0.7 units is ~45 px
NAME_SIZE = 12
YEARS_SIZE = 10
UNION_SIZE = 9


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


def block_box(x: float, y: float, text: str, size: float) -> Box:
    """Roughly where a text of lines (joined by <br>) hangs from its top-left corner."""
    lines = text.split("<br>")
    width = max(len(line) for line in lines) * size * 0.56 * _UNITS_PER_PX
    return (x, y - len(lines) * size * 1.3 * _UNITS_PER_PX, x + width, y)


def union_label_spot(mid: tuple[float, float]) -> tuple[float, float]:
    """Where a couple's years hang from (top left): just under the couple line, right of
    where the children's line leaves it."""
    return mid[0] + 0.06, mid[1] - 0.05


def union_label_box(family: GenogramFamily, union: int, mid: tuple[float, float],
                    lang: str | None = None) -> Box | None:
    """The box of a couple's years in `lang`, or the one that holds them in every language."""
    x, y = union_label_spot(mid)
    boxes = [block_box(x, y, label, UNION_SIZE)
             for label in (union_label(family.unions[union], lg) for lg in
                           ([lang] if lang else LANGUAGES)) if label]
    if not boxes:
        return None
    return (x, min(b[1] for b in boxes), max(b[2] for b in boxes), y)


def name_y(layout: GenogramLayout, pid: str, half: float, is_index: bool) -> float:
    """The top of a person's name, just under the symbol (and under an index's double one)."""
    return layout.pos[pid][1] - half * (1.3 if is_index else 1) - 0.05


def years_y(layout: GenogramLayout, pid: str) -> float:
    """The bottom of a person's years, just over the symbol."""
    return layout.pos[pid][1] + layout.symbol_half * 1.3 + 0.1


def shown_name(family: GenogramFamily, pid: str) -> str:
    """The name written under a symbol: the id of a person without one, nothing for a
    pregnancy's end without one."""
    p = family.people[pid]
    return p.name or (p.id if p.type == "person" else "")


def person_boxes(family: GenogramFamily, layout: GenogramLayout,
                 halves: dict[str, float]) -> dict[str, tuple[Box, list[Box]]]:
    """Each person's symbol box (the age is written inside it) and their text boxes."""
    out: dict[str, tuple[Box, list[Box]]] = {}
    for pid, p in family.people.items():
        x, y = layout.pos[pid]
        is_index = pid == family.index
        h = halves[pid] * (1.3 if is_index else 1)
        texts = [text_box(x, name_y(layout, pid, halves[pid], is_index),
                          shown_name(family, pid) or " ", NAME_SIZE, "top")]
        if years_text(p):
            texts.append(text_box(x, years_y(layout, pid), years_text(p), YEARS_SIZE, "bottom"))
        out[pid] = ((x - h, y - h, x + h, y + h), texts)
    return out
