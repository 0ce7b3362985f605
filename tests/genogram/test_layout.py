"""Layout invariants on many generated families and on the teaching examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from systemsim.genogram import (
    example_family,
    example_names,
    family_from_dict,
    genogram_elements,
    layout_genogram,
)
from systemsim.genogram.layout import ROW, _pava
from systemsim.genogram.synthetic import random_family

EPS = 1e-6

families = st.builds(
    random_family,
    seed=st.integers(0, 10_000),
    generations=st.integers(1, 6),
    people=st.integers(2, 70),
    extras=st.booleans(),
)


def check_invariants(family) -> None:
    layout = layout_genogram(family)
    pos, R = layout.pos, layout.symbol_half
    # every person on exactly one row; rows are generations
    in_rows = [p for row in layout.rows.values() for p in row]
    assert sorted(in_rows) == sorted(family.people)
    for g, row in layout.rows.items():
        for p in row:
            assert layout.generation[p] == g
            assert pos[p][1] == pytest.approx(-g * ROW)
        # left to right in row order, never overlapping (symbols are 2R wide, with room)
        xs = [pos[p][0] for p in row]
        for a, b in zip(xs, xs[1:], strict=False):
            assert b - a >= layout.min_gap - EPS > 2 * R * 1.3
    # children below all their parents
    for parent, child in family.parentage().edges:
        assert pos[child][1] < pos[parent][1] - EPS
    # partners on one row, and nobody from outside their partner group between them
    unit_of = {p: i for i, unit in enumerate(layout.units) for p in unit}
    for u in family.unions:
        a, b = u.partners
        assert pos[a][1] == pos[b][1]
        row = layout.rows[layout.generation[a]]
        i, j = sorted((row.index(a), row.index(b)))
        assert all(unit_of[p] == unit_of[a] for p in row[i:j + 1])
    # siblings of one couple, each alone in its row unit, are ordered by birth
    for ui, u in enumerate(family.unions):
        kids = [c.id for c in u.children if layout.primary_parent.get(c.id) == ("union", ui)]
        simple = [k for k in kids
                  if sum(1 for p in layout.units[unit_of[k]] if p in layout.primary_parent) == 1
                  and family.people[k].born is not None]
        for g in {layout.generation[k] for k in simple}:
            by_x = sorted((k for k in simple if layout.generation[k] == g),
                          key=lambda k: pos[k][0])
            years = [family.people[k].born for k in by_x]
            assert years == sorted(years)
    check_lines(family, layout)


def _close(p, q, tol=1e-6) -> bool:
    return math.dist(p, q) <= tol


def check_lines(family, layout) -> None:
    """Every drawn line starts and ends at the people (or the couple line) it connects."""
    el = genogram_elements(family, layout)
    pos = layout.pos

    def bottom(p):
        return (pos[p][0], pos[p][1] - el.symbols[p].half)

    def top(p):
        return (pos[p][0], pos[p][1] + el.symbols[p].half)

    for s in el.strokes:
        if s.kind == "union":
            path = s.paths[0]
            a, b = s.ends
            assert {path[0], path[-1]} == {bottom(a), bottom(b)}
            assert path[1][1] == pytest.approx(el.union_y[s.ref])
        elif s.kind == "sibship":
            drop, bar = s.paths
            u = family.unions[s.ref]
            mid = el.union_mid[s.ref]
            assert min(pos[p][0] for p in u.partners) < mid[0] < max(pos[p][0]
                                                                     for p in u.partners)
            assert mid[1] == el.union_y[s.ref]  # on the couple line
            assert _close(drop[0], mid)
            assert drop[1][1] == pytest.approx(el.bar_y[s.ref]) == bar[0][1]
        elif s.kind == "child":
            child = s.ends[0]
            path = s.paths[0]
            assert _close(path[-1], top(child))
            start = path[0]
            u = family.unions[s.ref]
            if layout.primary_parent.get(child) == ("union", s.ref):
                assert start[1] == pytest.approx(el.bar_y[s.ref])  # on its sibship bar
            else:
                assert _close(start, el.union_mid[s.ref])
        elif s.kind == "single":
            parent, child = s.ends
            assert _close(s.paths[0][0], bottom(parent))
            assert _close(s.paths[0][-1], top(child))
        elif s.kind == "relation":
            a, b = s.ends
            ends = [pt for path in s.paths for pt in (path[0], path[-1])]
            reach_a = min(math.dist(pt, pos[a]) for pt in ends)
            reach_b = min(math.dist(pt, pos[b]) for pt in ends)
            assert reach_a <= el.symbols[a].half * 1.6
            assert reach_b <= el.symbols[b].half * 1.6


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(families)
def test_layout_invariants_on_generated_families(family):
    check_invariants(family)


@pytest.mark.parametrize("name", example_names())
def test_layout_invariants_on_examples(name):
    check_invariants(example_family(name))


def test_layout_is_deterministic():
    family = random_family(7)
    assert layout_genogram(family).pos == layout_genogram(family).pos


def test_five_generations_on_five_rows():
    family = random_family(3, generations=5, people=60)
    layout = layout_genogram(family)
    assert len(family.people) == 60
    assert sorted(layout.rows) == [0, 1, 2, 3, 4]


def test_married_in_grandparents_sit_just_above_their_child():
    family = example_family("virtanen")
    layout = layout_genogram(family)
    g = layout.generation
    assert g["raimo"] == g["pekka"] == 0
    assert g["mika"] == g["anna"] == g["jari"] == g["heidi"] == 1
    assert g["eeli"] == g["veeti"] == g["vauva"] == 2
    # Anna's parents are above Anna's side, Mika's above Mika's
    x = layout.x
    assert (x("pekka") + x("liisa")) / 2 < (x("raimo") + x("tuula")) / 2
    assert x("anna") < x("mika")


def test_several_partners_sit_in_sequence():
    family = family_from_dict({
        "kind": "family", "id": "multi",
        "people": [{"id": i, "sex": s} for i, s in
                   (("a", "male"), ("b", "female"), ("c", "female"), ("d", "female"))],
        "unions": [{"partners": ["a", "b"], "start": 2000},
                   {"partners": ["a", "c"], "start": 2005},
                   {"partners": ["a", "d"], "start": 2010}],
    })
    layout = layout_genogram(family)
    row = layout.rows[0]
    assert len(row) == 4
    i = row.index("a")
    assert 0 < i < 3  # the hub sits between its partners
    check_lines(family, layout)


@given(st.lists(st.floats(-50, 50), min_size=1, max_size=30), st.floats(0.5, 3))
@settings(max_examples=60, deadline=None)
def test_pava_keeps_gaps_and_is_optimal_for_sorted_input(desired, gap):
    xs = _pava(desired, [gap] * (len(desired) - 1))
    assert all(b - a >= gap - 1e-9 for a, b in zip(xs, xs[1:], strict=False))
    spaced = [i * gap * 2 for i in range(len(desired))]
    assert _pava(spaced, [gap] * (len(desired) - 1)) == pytest.approx(spaced)


def test_cousins_who_marry_and_a_foster_child_of_grandparents():
    family = family_from_dict({
        "kind": "family", "id": "cousins",
        "people": [{"id": i, "sex": s, "born": y} for i, s, y in (
            ("g1", "male", 1930), ("g2", "female", 1932), ("s1", "male", 1955),
            ("w1", "female", 1956), ("s2", "female", 1958), ("h2", "male", 1954),
            ("c1", "male", 1980), ("c2", "female", 1982), ("k", "female", 2005),
            ("f", "male", 2008))],
        "unions": [
            {"partners": ["g1", "g2"], "children": [{"id": "s1"}, {"id": "s2"},
                                                    {"id": "f", "relation": "foster"}]},
            {"partners": ["s1", "w1"], "children": [{"id": "c1"}]},
            {"partners": ["h2", "s2"], "children": [{"id": "c2"}]},
            {"partners": ["c1", "c2"], "children": [{"id": "k"}]},
        ],
    })
    check_invariants(family)


def test_partner_of_own_parents_partner_falls_back_without_crashing():
    from systemsim.genogram import draw_genogram

    family = family_from_dict({
        "kind": "family", "id": "odd", "people": [{"id": i} for i in "ABCD"],
        "unions": [{"partners": ["A", "B"], "children": [{"id": "C"}]},
                   {"partners": ["B", "D"]}, {"partners": ["D", "C"]}]})
    layout = layout_genogram(family)
    assert layout.y("C") < layout.y("A")
    assert len(draw_genogram(family, lang="en").data) > 3


def test_someone_with_only_an_emotional_tie_sits_on_that_persons_row():
    family = family_from_dict({
        "kind": "family", "id": "iso",
        "people": [{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "friend"}],
        "unions": [{"partners": ["a", "b"], "children": [{"id": "c"}]}],
        "relations": [{"between": ["friend", "c"], "type": "close"}]})
    layout = layout_genogram(family)
    assert layout.generation["friend"] == layout.generation["c"] == 1
    check_invariants(family)


def test_in_laws_sit_above_their_child_and_siblings_share_a_row():
    ppl = [("g1", "male", 1920), ("g2", "female", 1922), ("p", "male", 1921),
           ("q", "female", 1923), ("x", "male", 1950), ("x2", "female", 1952),
           ("y", "female", 1951), ("r", "male", 1955), ("s", "female", 1957),
           ("k1", "male", 1975), ("k2", "female", 1978), ("z", "female", 1977),
           ("z2", "male", 1979), ("c", "male", 2005)]
    family = family_from_dict({
        "kind": "family", "id": "inlaws",
        "people": [{"id": i, "sex": sx, "born": b} for i, sx, b in ppl],
        "unions": [{"partners": ["g1", "g2"], "children": [{"id": "x"}, {"id": "x2"}]},
                   {"partners": ["p", "q"], "children": [{"id": "y"}]},
                   {"partners": ["x", "y"], "children": [{"id": "k1"}, {"id": "k2"}]},
                   {"partners": ["r", "s"], "children": [{"id": "z"}, {"id": "z2"}]},
                   {"partners": ["k1", "z"], "children": [{"id": "c"}]}]})
    layout = layout_genogram(family)
    g = layout.generation
    assert g["r"] == g["s"] == 1 and g["z"] == g["z2"] == 2
    assert g["p"] == g["q"] == 0
    x = layout.x
    assert x("k1") < x("z")  # the couple in the middle, each under their own parents
    assert (x("r") + x("s")) / 2 > (x("x") + x("y")) / 2
    check_invariants(family)
