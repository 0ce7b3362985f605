"""Change or delete a person, and say beforehand what else a deletion takes with it.

Why apart from `edit`: a person is named by every other part of the family (couples,
children, ties, households, the network map), so changing their id or deleting them is the
one change that reaches everywhere; the other entries are edited in `edit`.
"""

from __future__ import annotations

from typing import Any

from systemsim.errors import InputError
from systemsim.genogram.edit_entries import (
    Data,
    Effect,
    checked,
    display_name,
    person_entry,
    refuse_unknown_fields,
    relation_pair,
    set_field,
)

PERSON_FIELDS = ("id", "name", "sex", "born", "died", "type", "note", "index")


def edit_person(data: Data, pid: str, **changes: Any) -> Data:
    """Change a person's fields; a new `id` is changed everywhere the person appears, and
    `index=True/False` makes them the index person or stops them being it."""
    refuse_unknown_fields(changes, PERSON_FIELDS, f"people ({pid})")

    def change(d: Data) -> None:
        person = person_entry(d, pid)
        for key in ("name", "sex", "born", "died", "type", "note"):
            if key in changes:
                set_field(person, key, changes[key])
        if "index" in changes:
            if changes["index"]:
                d["index"] = pid
            elif d.get("index") == pid:
                d.pop("index")
        if "id" in changes:
            new = str(changes["id"] or "").strip()
            if not new:
                raise InputError(key="genogram.edit.need_id", where=f"people ({pid})")
            if new != pid:
                _rename(d, pid, new)
    return checked(data, change)


def _rename(d: Data, old: str, new: str) -> None:
    """Give a person a new id in every place that names them."""
    def swap(x: Any) -> Any:
        return new if x == old else x

    person_entry(d, old)["id"] = new
    if d.get("index") == old:
        d["index"] = new
    for u in d.get("unions", []):
        u["partners"] = [swap(p) for p in u["partners"]]
        for c in u.get("children", []):
            c["id"] = swap(c["id"])
            if "twin_of" in c:
                c["twin_of"] = swap(c["twin_of"])
    for s in d.get("single_parents", []):
        s["parent"], s["child"] = swap(s["parent"]), swap(s["child"])
    for rel in d.get("relations", []):
        for key in ("from", "to"):
            if key in rel:
                rel[key] = swap(rel[key])
        if "between" in rel:
            rel["between"] = [swap(p) for p in rel["between"]]
    for h in d.get("households", []):
        h["members"] = [swap(m) for m in h["members"]]
    for m in d.get("network", []):
        if "person" in m:
            m["person"] = swap(m["person"])


def delete_person(data: Data, pid: str) -> Data:
    """Delete a person with everything listed by `delete_effects(data, "person", pid)`.

    Their couples go; the couple's children stay as children of the other parent alone.
    Their own parent lines, emotional ties, network entries and the index mark go; they
    leave their household, and a household left empty goes.
    """
    def change(d: Data) -> None:
        person_entry(d, pid)
        d["people"] = [p for p in d["people"] if p["id"] != pid]
        if d.get("index") == pid:
            d.pop("index")
        singles = [s for s in d.get("single_parents", []) if pid not in (s["parent"], s["child"])]
        unions = []
        for u in d.get("unions", []):
            if pid in u["partners"]:
                other = next(p for p in u["partners"] if p != pid)
                singles += [{"parent": other, "child": c["id"], "relation": c["relation"]}
                            for c in u.get("children", [])]
                continue
            u["children"] = [c for c in u.get("children", []) if c["id"] != pid]
            for c in u["children"]:
                if c.get("twin_of") == pid:
                    c.pop("twin_of")
                    c.pop("identical", None)
            unions.append(u)
        d["unions"], d["single_parents"] = unions, singles
        d["relations"] = [r for r in d.get("relations", []) if pid not in relation_pair(r)]
        for h in d.get("households", []):
            h["members"] = [m for m in h["members"] if m != pid]
        d["households"] = [h for h in d.get("households", []) if h["members"]]
        d["network"] = [m for m in d.get("network", []) if m.get("person") != pid]
    return checked(data, change)


def person_effects(d: Data, pid: str) -> list[Effect]:
    """What deleting the person takes with them, and which children stay with whom."""
    out: list[Effect] = []
    name = display_name(d, pid)
    for u in d.get("unions", []):
        a, b = (display_name(d, p) for p in u["partners"])
        kids = u.get("children", [])
        if pid in u["partners"]:
            out.append(Effect("union", {"a": a, "b": b}))
            other = next(p for p in u["partners"] if p != pid)
            twins = {frozenset((c["id"], c["twin_of"])) for c in kids if c.get("twin_of")}
            out += [Effect("twin", {"a": display_name(d, x), "b": display_name(d, y)})
                    for x, y in (sorted(pair) for pair in sorted(twins, key=sorted))]
            if kids:
                out.append(Effect("children_stay", {
                    "parent": display_name(d, other),
                    "children": ", ".join(display_name(d, c["id"]) for c in kids)},
                    removed=False))
            continue
        for c in kids:
            if c["id"] == pid:
                out.append(Effect("child_link", {"parents": f"{a} + {b}", "child": name}))
            if c.get("twin_of") == pid:
                out.append(Effect("twin", {"a": display_name(d, c["id"]), "b": name}))
    out += [Effect("child_link", {"parents": display_name(d, s["parent"]),
                                  "child": display_name(d, s["child"])})
            for s in d.get("single_parents", []) if pid in (s["parent"], s["child"])]
    out += [_relation_effect(d, r) for r in d.get("relations", []) if pid in relation_pair(r)]
    for h in d.get("households", []):
        if pid in h["members"]:
            kind = "household" if h["members"] == [pid] else "household_member"
            out.append(Effect(kind, {"label": h.get("label"), "members": ", ".join(
                display_name(d, m) for m in h["members"])}))
    out += [Effect("network", {"name": m.get("name") or name})
            for m in d.get("network", []) if m.get("person") == pid]
    if d.get("index") == pid:
        out.append(Effect("index", {"name": name}))
    return out


def _relation_effect(d: Data, rel: dict[str, Any]) -> Effect:
    a, b = (display_name(d, p) for p in relation_pair(rel))
    arrow = "→" if "from" in rel else "–"
    return Effect("relation", {"pair": f"{a} {arrow} {b}", "relation": rel["type"]})
