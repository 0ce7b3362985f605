"""Where each symbol goes: generations on rows, couples as units, children under parents.

Never a spring layout: a genogram is read by its rows (grandparents, parents, children), so
the layout is a small Sugiyama-style layered drawing.

1. *Partner groups.* Everyone joined by unions forms one unit that stays together on a row;
   a person with several partners sits between or beside them, earlier unions on the left.
2. *Generations.* Units form a DAG (parent unit → child unit); a unit's row is its longest
   path from the top, then units move down to sit just above their children so lines stay
   short (founders, parents of someone who married in), and a child without a family of their
   own sits on the row of their siblings.
3. *Order in a row.* Alternating sweeps: a unit with parents in the tree sorts by its parents'
   union midpoint and then by birth year (oldest on the left); a founder unit sorts by where
   its children are.
4. *x positions.* For a fixed order, the positions closest to the wished-for ones (children
   centred under their parents, parents centred over their children) with a minimum gap are
   an isotonic regression, solved exactly by pool-adjacent-violators. So symbols never
   overlap and order is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from systemsim.genogram.geometry import segments_cross_matrix
from systemsim.genogram.model import GenogramFamily

#: symbol half-size, spacing between neighbours in a unit and between units, row height
R = 0.35
PARTNER_GAP = 1.6
UNIT_GAP = 1.9
ROW = 3.0
_RELATION_RANK = {"biological": 0, "adopted": 1, "kinship": 2, "foster": 3}


@dataclass
class GenogramLayout:
    """Positions of every person plus the structure the drawing needs."""

    pos: dict[str, tuple[float, float]]
    generation: dict[str, int]
    rows: dict[int, list[str]]
    units: list[list[str]]
    primary_parent: dict[str, tuple[str, int | str]] = field(default_factory=dict)
    symbol_half: float = R
    min_gap: float = PARTNER_GAP

    def x(self, pid: str) -> float:
        return self.pos[pid][0]

    def y(self, pid: str) -> float:
        return self.pos[pid][1]


def _partner_units(family: GenogramFamily) -> list[list[str]]:
    g = nx.Graph()
    g.add_nodes_from(family.people)
    for u in family.unions:
        g.add_edge(*u.partners)
    order = {pid: i for i, pid in enumerate(family.people)}
    units = []
    for comp in nx.connected_components(g):
        units.append(_order_unit(family, g.subgraph(comp), order))
    units.sort(key=lambda unit: min(order[p] for p in unit))
    return units


def _order_unit(family: GenogramFamily, g: nx.Graph, order: dict[str, int]) -> list[str]:
    """Members of one partner group in a row: a chain of partners, or a hub with partners
    alternating left and right; a plain couple puts the man on the left (convention)."""
    nodes = list(g.nodes)
    if len(nodes) == 1:
        return nodes
    union_rank = {}
    for i, u in enumerate(family.unions):
        union_rank[frozenset(u.partners)] = (u.start if u.start is not None else 9999, i)
    if len(nodes) == 2:
        a, b = sorted(nodes, key=lambda p: order[p])
        sa, sb = family.people[a].sex, family.people[b].sex
        if sa == "female" and sb != "female" or sb == "male" and sa != "male":
            a, b = b, a
        return [a, b]
    degrees = dict(g.degree)
    if max(degrees.values()) <= 2 and nx.is_tree(g):  # a chain: ex — person — new partner
        ends = [n for n, d in degrees.items() if d == 1]
        path = nx.shortest_path(g, ends[0], ends[1])
        first = union_rank[frozenset(path[:2])]
        last = union_rank[frozenset(path[-2:])]
        return path if first <= last else path[::-1]
    hub = max(nodes, key=lambda n: (degrees[n], -order[n]))
    partners = sorted(g.neighbors(hub), key=lambda p: union_rank.get(frozenset((hub, p)),
                                                                      (9999, 0)))
    left, right = [], []
    for i, p in enumerate(partners):
        (left if i % 2 == 0 else right).append(p)
    seq = left[::-1] + [hub] + right
    rest = sorted((n for n in nodes if n not in seq), key=lambda n: order[n])
    return seq + rest


def _generations(family: GenogramFamily, units: list[list[str]]) -> dict[str, int]:
    unit_of = {p: i for i, unit in enumerate(units) for p in unit}
    dag = nx.DiGraph()
    dag.add_nodes_from(range(len(units)))
    for parent, child in family.parentage().edges:
        dag.add_edge(unit_of[parent], unit_of[child])
    if not nx.is_directed_acyclic_graph(dag):
        # Someone partners with their own (step)relative across generations: fall back to
        # person-level generations; partners may then sit on different rows.
        pg = family.parentage()
        gen = {p: 0 for p in family.people}
        for p in nx.topological_sort(pg):
            for c in pg.successors(p):
                gen[c] = max(gen[c], gen[p] + 1)
        return gen
    ugen = {u: 0 for u in dag.nodes}
    topo = list(nx.topological_sort(dag))
    for u in topo:
        for c in dag.successors(u):
            ugen[c] = max(ugen[c], ugen[u] + 1)
    # Units without children of their own (a single child, a pregnancy) follow their
    # siblings; the others decide how far down their parents move.
    leaves = {u for u in dag.nodes if dag.out_degree(u) == 0 and dag.in_degree(u) > 0}
    for u in reversed(topo):
        kids = list(dag.successors(u))
        core = [c for c in kids if c not in leaves] or kids
        if core:
            ugen[u] = max(ugen[u], min(ugen[c] for c in core) - 1)
    for u in topo:
        if u in leaves:
            parents = list(dag.predecessors(u))
            low = max(ugen[p] for p in parents) + 1
            siblings = [ugen[c] for p in parents for c in dag.successors(p)
                        if c not in leaves and ugen[c] >= low]
            ugen[u] = min(siblings) if siblings else low
    gen = {p: ugen[unit_of[p]] for p in family.people}
    # People with no family links at all sit on the row of someone they relate to.
    linked = {p for e in dag.edges for u in e for p in units[u]}
    linked |= {p for unit in units if len(unit) > 1 for p in unit}
    for rel in family.relations:
        for a, b in ((rel.a, rel.b), (rel.b, rel.a)):
            if a not in linked and b in linked:
                gen[a] = gen[b]
                linked.add(a)
    return gen


def _primary_parents(family: GenogramFamily,
                     gen: dict[str, int]) -> dict[str, tuple[str, int | str]]:
    """Each child's drawing parent: ('union', i) or ('single', parent id).

    Biological parents first, then adoptive, kinship, foster; among equals the parents in
    the nearest generation (a kinship child hangs under its parents, not its grandparents).
    """
    best: dict[str, tuple[tuple[int, int, int], tuple[str, int | str]]] = {}
    for i, u in enumerate(family.unions):
        for c in u.children:
            rank = (_RELATION_RANK[c.relation], -max(gen[p] for p in u.partners), 0)
            if c.id not in best or rank < best[c.id][0]:
                best[c.id] = (rank, ("union", i))
    for s in family.single_parents:
        rank = (_RELATION_RANK[s.relation], -gen[s.parent], 1)
        if s.child not in best or rank < best[s.child][0]:
            best[s.child] = (rank, ("single", s.parent))
    return {c: v for c, (_, v) in best.items()}


def couple_anchor(family: GenogramFamily, union: int, x: dict[str, float]) -> float | None:
    """Where a couple's children hang from the couple line.

    For neighbours it is the midpoint. When other partners sit between the two (a person with
    several partners), it is half a step from the outer partner, so the children of each
    union hang next to their own other parent rather than under someone else.
    """
    a, b = family.unions[union].partners
    if a not in x or b not in x:
        return None
    xa, xb = x[a], x[b]
    if abs(xa - xb) <= PARTNER_GAP * 1.5:
        return (xa + xb) / 2
    count = {p: sum(p in u.partners for u in family.unions) for p in (a, b)}
    outer, inner = (a, b) if count[a] <= count[b] else (b, a)
    step = PARTNER_GAP / 2 if x[inner] > x[outer] else -PARTNER_GAP / 2
    return x[outer] + step


def _pava(desired: list[float], gaps: list[float]) -> list[float]:
    """Positions closest (least squares) to `desired` with x[i+1] - x[i] >= gaps[i]."""
    n = len(desired)
    if n == 0:
        return []
    offset = [0.0] * n
    for i in range(1, n):
        offset[i] = offset[i - 1] + gaps[i - 1]
    target = [d - o for d, o in zip(desired, offset, strict=True)]
    blocks: list[list[float]] = []  # [mean, weight, count]
    for t in target:
        blocks.append([t, 1.0, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, c2 = blocks.pop()
            m1, w1, c1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, c1 + c2])
    out: list[float] = []
    for mean, _, count in blocks:
        out.extend([mean] * count)
    return [y + o for y, o in zip(out, offset, strict=True)]


def layout_genogram(family: GenogramFamily, sweeps: int = 4) -> GenogramLayout:
    """Lay the family out by generation; deterministic for the same file.

    A partner group of three or more (a blended family: ex - parent - new partner) can be
    read left to right or right to left; each is turned round when that leaves fewer
    crossing family lines, so children hang under parents without lines cutting across.
    """
    units = _partner_units(family)
    gen = _generations(family, units)
    primary = _primary_parents(family, gen)
    best = _place(family, units, gen, primary, sweeps)
    score = family_line_crossings(family, best)
    for k, unit in enumerate(units):
        if len(unit) < 3 or score == 0:
            continue
        turned = [*units[:k], unit[::-1], *units[k + 1:]]
        candidate = _place(family, turned, gen, primary, sweeps)
        n = family_line_crossings(family, candidate)
        if n < score:
            units, best, score = turned, candidate, n
    return best


def family_line_crossings(family: GenogramFamily, layout: GenogramLayout) -> int:
    """Crossings of couple lines and parent-to-child lines, as straight segments.

    Why an estimate: the drawing's own strokes come from `draw`, which needs a layout; this
    is what the layout can check itself while it chooses between orders.
    """
    pos = layout.pos
    drop = R + 0.6
    segments: list[tuple[tuple[float, float], tuple[float, float], str]] = []
    for i, u in enumerate(family.unions):
        a, b = u.partners
        y = min(pos[a][1], pos[b][1]) - drop
        segments.append(((pos[a][0], y), (pos[b][0], y), f"u{i}"))
    for child, src in layout.primary_parent.items():
        if src[0] == "union":
            u = family.unions[int(src[1])]
            x = couple_anchor(family, int(src[1]), {p: v[0] for p, v in pos.items()})
            y = min(pos[p][1] for p in u.partners) - drop
            tag = f"u{src[1]}"
        else:
            x, y = pos[str(src[1])][0], pos[str(src[1])][1] - R
            tag = f"s{src[1]}"
        if x is None:
            continue
        segments.append(((x, y), (pos[child][0], pos[child][1] + R), tag))
    if len(segments) < 2:
        return 0
    arr = np.asarray([(*a, *b) for a, b, _ in segments], dtype=float)
    crossing = segments_cross_matrix(arr)
    tags = np.asarray([tag for _, _, tag in segments])
    crossing &= tags[:, None] != tags[None, :]
    return int(np.count_nonzero(np.triu(crossing, 1)))


def _place(family: GenogramFamily, units: list[list[str]], gen: dict[str, int],
           primary: dict[str, tuple[str, int | str]], sweeps: int) -> GenogramLayout:
    """Rows, order in each row and x positions for these partner groups."""
    rows = _RowOrder(family, units, gen, primary)
    for _ in range(sweeps):
        for g in rows.rows_idx[1:]:
            rows.down(g)
        for g in reversed(rows.rows_idx[:-1]):
            rows.up(g)
    for g in rows.rows_idx[1:]:
        rows.down(g)
    return rows.layout(units)


class _RowOrder:
    """The partner groups of each row in order, with x positions, refined by sweeps.

    A sweep down orders a row by where its people's parents are; a sweep up orders a row of
    founders by where their children are. Every reorder places the row again (`_pava`).
    """

    def __init__(self, family: GenogramFamily, units: list[list[str]], gen: dict[str, int],
                 primary: dict[str, tuple[str, int | str]]):
        self.family, self.gen, self.primary = family, gen, primary
        self.order_in_file = {pid: i for i, pid in enumerate(family.people)}
        # Units are split by row in the rare fallback where partners are on different rows.
        self.row_units: dict[int, list[list[str]]] = {}
        for unit in units:
            by_row: dict[int, list[str]] = {}
            for p in unit:
                by_row.setdefault(gen[p], []).append(p)
            for g, members in by_row.items():
                self.row_units.setdefault(g, []).append(members)
        self.rows_idx = sorted(self.row_units)
        self.x: dict[str, float] = {}
        self.kids_by_person: dict[str, list[str]] = {}
        for parent, child in family.parentage().edges:
            self.kids_by_person.setdefault(parent, []).append(child)
        # initial placement: rows in file order, packed
        for g in self.rows_idx:
            self.place_row(g, {id(u): float(i) for i, u in enumerate(self.row_units[g])})

    def place_row(self, g: int, desired_center: dict[int, float]) -> None:
        desired: list[float] = []
        gaps: list[float] = []
        people: list[str] = []
        for k, unit in enumerate(self.row_units[g]):
            center = desired_center[id(unit)]
            n = len(unit)
            for i, p in enumerate(unit):
                desired.append(center + (i - (n - 1) / 2) * PARTNER_GAP)
                people.append(p)
                if i < n - 1:
                    gaps.append(PARTNER_GAP)
            if k < len(self.row_units[g]) - 1:
                gaps.append(UNIT_GAP)
        for p, v in zip(people, _pava(desired, gaps), strict=True):
            self.x[p] = v

    def unit_center(self, unit: list[str]) -> float:
        return sum(self.x[p] for p in unit) / len(unit)

    def anchor(self, pid: str) -> float | None:
        src = self.primary.get(pid)
        if src is None:
            return None
        if src[0] == "union":
            return couple_anchor(self.family, int(src[1]), self.x)
        return self.x.get(str(src[1]))

    def birth_key(self, unit: list[str]) -> tuple:
        years = [self.family.people[p].born for p in unit if p in self.primary]
        years = [y for y in years if y is not None]
        return (min(years) if years else 9999, min(self.order_in_file[p] for p in unit))

    def down(self, g: int) -> None:
        keyed = []
        for unit in self.row_units[g]:
            anchors = [a for p in unit
                       if self.gen.get(p) == g and (a := self.anchor(p)) is not None]
            key = sum(anchors) / len(anchors) if anchors else self.unit_center(unit)
            keyed.append((key, self.birth_key(unit) if anchors else (9999, 0), unit))
        keyed.sort(key=lambda t: (t[0], t[1]))
        self.row_units[g] = [t[2] for t in keyed]
        self.place_row(g, {id(t[2]): t[0] for t in keyed})

    def up(self, g: int) -> None:
        keyed = []
        for unit in self.row_units[g]:
            kids = [c for p in unit for c in self.kids_by_person.get(p, []) if c in self.x]
            anchored = any(self.anchor(p) is not None for p in unit)
            key = sum(self.x[c] for c in kids) / len(kids) if kids else self.unit_center(unit)
            keyed.append((key, anchored, unit))
        if not any(a for _, a, _ in keyed):
            keyed.sort(key=lambda t: t[0])
            self.row_units[g] = [t[2] for t in keyed]
        self.place_row(g, {id(t[2]): t[0] for t in keyed})

    def layout(self, units: list[list[str]]) -> GenogramLayout:
        """The placed rows, shifted so the drawing starts at x = 0."""
        x = self.x
        if x:
            left = min(x.values())
            x = {p: v - left for p, v in x.items()}
        pos = {p: (x[p], -self.gen[p] * ROW) for p in self.family.people}
        rows = {g: [p for unit in self.row_units[g] for p in unit] for g in self.rows_idx}
        return GenogramLayout(pos=pos, generation=self.gen, rows=rows, units=units,
                              primary_parent=self.primary)
