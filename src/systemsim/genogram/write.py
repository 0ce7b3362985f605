"""Family YAML: write a family as the plain data a trainer's file holds (read.py reads it).

Only attributes are read here, so this module imports nothing from the genogram at run time
and `GenogramFamily.to_dict` can use it without an import cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from systemsim.yamlio import dump_yaml, write_text_atomic

if TYPE_CHECKING:
    from systemsim.genogram.model import GenogramFamily


def _put(d: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        d[key] = value


def family_to_dict(family: GenogramFamily) -> dict[str, Any]:
    """The family as plain data in the YAML format; None values and defaults left out."""
    out: dict[str, Any] = {"kind": "family", "id": family.id}
    _put(out, "title", family.title)
    _put(out, "index", family.index)
    people = []
    for p in family.people.values():
        d: dict[str, Any] = {"id": p.id}
        if p.name:
            d["name"] = p.name
        d["sex"] = p.sex
        _put(d, "born", p.born)
        _put(d, "died", p.died)
        if p.type != "person":
            d["type"] = p.type
        _put(d, "note", p.note)
        d.update(p.extra)
        people.append(d)
    out["people"] = people
    if family.unions:
        unions = []
        for u in family.unions:
            d = {"partners": list(u.partners), "type": u.type}
            _put(d, "start", u.start)
            _put(d, "separated", u.separated)
            _put(d, "divorced", u.divorced)
            if u.children:
                kids = []
                for c in u.children:
                    k: dict[str, Any] = {"id": c.id, "relation": c.relation}
                    _put(k, "twin_of", c.twin_of)
                    _put(k, "identical", c.identical)
                    k.update(c.extra)
                    kids.append(k)
                d["children"] = kids
            d.update(u.extra)
            unions.append(d)
        out["unions"] = unions
    if family.single_parents:
        out["single_parents"] = [
            {"parent": s.parent, "child": s.child, "relation": s.relation, **s.extra}
            for s in family.single_parents
        ]
    if family.relations:
        rels = []
        for rel in family.relations:
            d = ({"from": rel.a, "to": rel.b} if rel.directed
                 else {"between": [rel.a, rel.b]})
            d["type"] = rel.type
            _put(d, "note", rel.note)
            d.update(rel.extra)
            rels.append(d)
        out["relations"] = rels
    if family.households:
        hh = []
        for h in family.households:
            d = {"members": list(h.members)}
            _put(d, "label", h.label)
            d.update(h.extra)
            hh.append(d)
        out["households"] = hh
    if family.network:
        net = []
        for m in family.network:
            d = {"id": m.id}
            _put(d, "person", m.person)
            _put(d, "name", m.name)
            _put(d, "role", m.role)
            d.update({"sector": m.sector, "closeness": m.closeness, "tie": m.tie,
                      "flow": m.flow})
            d.update(m.extra)
            net.append(d)
        out["network"] = net
    out.update(family.extra)
    return out




def save_family(family: GenogramFamily, path: str | Path) -> None:
    """Write the family as YAML, atomically (a crash never leaves half a file)."""
    write_text_atomic(path, dump_yaml(family_to_dict(family)))
