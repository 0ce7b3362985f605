"""Family YAML: write a family as the plain data a trainer's file holds (read.py reads it).

Only attributes are read here, so this module imports nothing from the genogram at run time
and `GenogramFamily.to_dict` can use it without an import cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from systemsim.yamlio import dump_yaml, write_text_atomic

if TYPE_CHECKING:
    from systemsim.genogram.model import GenogramFamily, NetworkMember, Person, Relation, Union


def _entry(first: dict[str, Any], optional: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """One entry as the file writes it: `first` keys, then `optional` ones that are set, then
    the keys this version does not know (kept as the trainer wrote them)."""
    out = dict(first)
    out.update({key: value for key, value in optional.items() if value is not None})
    out.update(extra)
    return out


def _person(p: Person) -> dict[str, Any]:
    first: dict[str, Any] = {"id": p.id}
    if p.name:
        first["name"] = p.name
    first["sex"] = p.sex
    optional = {"born": p.born, "died": p.died, "type": p.type if p.type != "person" else None,
                "note": p.note}
    return _entry(first, optional, p.extra)


def _union(u: Union) -> dict[str, Any]:
    optional: dict[str, Any] = {"start": u.start, "separated": u.separated, "divorced": u.divorced}
    if u.children:
        optional["children"] = [
            _entry({"id": c.id, "relation": c.relation},
                   {"twin_of": c.twin_of, "identical": c.identical}, c.extra)
            for c in u.children]
    return _entry({"partners": list(u.partners), "type": u.type}, optional, u.extra)


def _relation(rel: Relation) -> dict[str, Any]:
    ends = {"from": rel.a, "to": rel.b} if rel.directed else {"between": [rel.a, rel.b]}
    return _entry({**ends, "type": rel.type}, {"note": rel.note}, rel.extra)


def _network_member(m: NetworkMember) -> dict[str, Any]:
    out = _entry({"id": m.id}, {"person": m.person, "name": m.name, "role": m.role}, {})
    out.update({"sector": m.sector, "closeness": m.closeness, "tie": m.tie, "flow": m.flow})
    out.update(m.extra)
    return out


def family_to_dict(family: GenogramFamily) -> dict[str, Any]:
    """The family as plain data in the YAML format; None values and defaults left out."""
    sections = {
        "people": [_person(p) for p in family.people.values()],
        "unions": [_union(u) for u in family.unions],
        "single_parents": [{"parent": s.parent, "child": s.child, "relation": s.relation, **s.extra}
                           for s in family.single_parents],
        "relations": [_relation(r) for r in family.relations],
        "households": [_entry({"members": list(h.members)}, {"label": h.label}, h.extra)
                       for h in family.households],
        "network": [_network_member(m) for m in family.network],
    }
    out = _entry({"kind": "family", "id": family.id},
                 {"title": family.title, "index": family.index}, {})
    out["people"] = sections.pop("people")
    out.update({name: entries for name, entries in sections.items() if entries})
    out.update(family.extra)
    return out


def save_family(family: GenogramFamily, path: str | Path) -> None:
    """Write the family as YAML, atomically (a crash never leaves half a file)."""
    write_text_atomic(path, dump_yaml(family_to_dict(family)))
