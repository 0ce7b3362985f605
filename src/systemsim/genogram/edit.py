"""Change or delete one entry of a family: the logic behind the editor's Update and Delete.

Every function takes the family as plain data (the YAML format of `systemsim.genogram.read`)
and returns a changed copy that has passed the same checks as a family file; the data given
is never touched, so the editor can keep it as its undo step. A change those checks refuse
raises their `InputError` (naming the place and what is allowed), and so does a field name
or an entry that does not exist; those carry a text key (``genogram.edit.*``), so the editor
tells them in Finnish, Swedish or English. Deleting a person also deletes what would otherwise
point at nobody; `delete_effects` lists that beforehand, so the trainer can be told what goes.

People are changed in `edit_people`; how entries are found and the one way every change is
checked are in `edit_entries`. The names below the imports stay importable from here, where
callers have always found them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from systemsim.errors import InputError
from systemsim.genogram.edit_entries import (
    ChildKey,
    Data,
    Effect,
    checked,
    child_entry,
    display_name,
    existing_index,
    long_form_copy,
    member_entry,
    numbered_entry,
    person_entry,
    refuse_unknown_fields,
    relation_pair,
    set_field,
)
from systemsim.genogram.edit_people import PERSON_FIELDS, delete_person, edit_person, person_effects
from systemsim.genogram.model import DIRECTED_RELATIONS

__all__ = [
    "CHILD_FIELDS", "HOUSEHOLD_FIELDS", "KINDS", "NETWORK_FIELDS", "PERSON_FIELDS",
    "RELATION_FIELDS", "UNION_FIELDS", "ChildKey", "Data", "Effect", "checked",
    "delete_child", "delete_effects", "delete_entry", "delete_household",
    "delete_network_member", "delete_person", "delete_relation", "delete_union", "edit_child",
    "edit_entry", "edit_household", "edit_network_member", "edit_person", "edit_relation",
    "edit_union", "find_entry", "relation_pair",
]

UNION_FIELDS = ("partners", "type", "start", "separated", "divorced")
CHILD_FIELDS = ("relation", "twin_of", "identical")
RELATION_FIELDS = ("a", "b", "type", "note")
HOUSEHOLD_FIELDS = ("members", "label")
NETWORK_FIELDS = ("person", "name", "role", "sector", "closeness", "tie", "flow")
KINDS = ("person", "union", "child", "relation", "household", "network")


# -- couples and children ------------------------------------------------------------------
def edit_union(data: Data, index: int, **changes: Any) -> Data:
    """Change a couple's type, years (e.g. add `separated`) or partners."""
    refuse_unknown_fields(changes, UNION_FIELDS, f"unions[{index}]")

    def change(d: Data) -> None:
        union = numbered_entry(d, "unions", index)
        if "partners" in changes:
            union["partners"] = list(changes["partners"])
        for key in ("type", "start", "separated", "divorced"):
            if key in changes:
                set_field(union, key, changes[key])
    return checked(data, change)


def delete_union(data: Data, index: int) -> Data:
    """Delete a couple; the lines to its children go with it (the children stay)."""
    return checked(data, lambda d: d["unions"].pop(existing_index(d, "unions", index)))


def _union_effects(d: Data, index: int) -> list[Effect]:
    union = d["unions"][index]
    parents = " + ".join(display_name(d, p) for p in union["partners"])
    return [Effect("child_link", {"parents": parents, "child": display_name(d, c["id"])})
            for c in union.get("children", [])]


def edit_child(data: Data, key: ChildKey, **changes: Any) -> Data:
    """Change how a child belongs to their parents (`relation`) or whose twin they are."""
    refuse_unknown_fields(changes, CHILD_FIELDS, f"children ({key[1]})")

    def change(d: Data) -> None:
        link = child_entry(d, key)
        if "relation" in changes:
            set_field(link, "relation", changes["relation"])
        if not ({"twin_of", "identical"} & changes.keys()):
            return
        if "parent" in link:
            raise InputError(key="genogram.edit.twins_single",
                             where=f"single_parents ({key[0]} → {key[1]})")
        siblings = d["unions"][key[0]]["children"]
        new = changes.get("twin_of", link.get("twin_of")) or None
        if new != link.get("twin_of"):
            _untwin(siblings, key[1])
            if new:
                _untwin(siblings, new)
                link["twin_of"] = new
                for other in siblings:
                    if other["id"] == new:
                        other["twin_of"] = key[1]
        if "identical" in changes:
            if not new:
                raise InputError(key="genogram.edit.identical_needs_twin",
                                 where=f"children ({key[1]})")
            for c in siblings:
                if c["id"] in (key[1], new):
                    set_field(c, "identical", changes["identical"])
    return checked(data, change)


def _untwin(siblings: list[dict[str, Any]], child: str) -> None:
    """Take away `child`'s twin mark on both sides."""
    for c in siblings:
        if c["id"] == child or c.get("twin_of") == child:
            c.pop("twin_of", None)
            c.pop("identical", None)


def delete_child(data: Data, key: ChildKey) -> Data:
    """Delete the line from the parents to a child (the child stays on the genogram)."""
    def change(d: Data) -> None:
        link = child_entry(d, key)
        if "parent" in link:
            d["single_parents"].remove(link)
            return
        siblings = d["unions"][key[0]]["children"]
        _untwin(siblings, key[1])
        siblings.remove(link)
    return checked(data, change)


def _child_effects(d: Data, key: ChildKey) -> list[Effect]:
    link = child_entry(d, key)
    if not link.get("twin_of"):
        return []
    return [Effect("twin", {"a": display_name(d, key[1]), "b": display_name(d, link["twin_of"])})]


# -- emotional ties, households, network ---------------------------------------------------
def edit_relation(data: Data, index: int, **changes: Any) -> Data:
    """Change an emotional tie's type or people; abuse and caregiving get a direction
    (from `a` to `b`), the others none."""
    refuse_unknown_fields(changes, RELATION_FIELDS, f"relations[{index}]")

    def change(d: Data) -> None:
        rel = numbered_entry(d, "relations", index)
        a, b = relation_pair(rel)
        a, b = changes.get("a", a), changes.get("b", b)
        rtype = changes.get("type", rel.get("type"))
        for key in ("between", "from", "to"):
            rel.pop(key, None)
        if rtype in DIRECTED_RELATIONS:
            rel.update({"from": a, "to": b})
        else:
            rel["between"] = [a, b]
        rel["type"] = rtype
        if "note" in changes:
            set_field(rel, "note", changes["note"])
    return checked(data, change)


def delete_relation(data: Data, index: int) -> Data:
    """Delete an emotional tie."""
    return checked(data, lambda d: d["relations"].pop(existing_index(d, "relations", index)))


def edit_household(data: Data, index: int, **changes: Any) -> Data:
    """Change who lives in a household, or its label."""
    refuse_unknown_fields(changes, HOUSEHOLD_FIELDS, f"households[{index}]")

    def change(d: Data) -> None:
        household = numbered_entry(d, "households", index)
        if "members" in changes:
            household["members"] = list(changes["members"] or [])
        if "label" in changes:
            set_field(household, "label", changes["label"])
    return checked(data, change)


def delete_household(data: Data, index: int) -> Data:
    """Delete a household boundary (the people stay)."""
    return checked(data, lambda d: d["households"].pop(existing_index(d, "households", index)))


def edit_network_member(data: Data, nid: str, **changes: Any) -> Data:
    """Change a network member's sector, closeness, tie, energy flow, name or person link."""
    refuse_unknown_fields(changes, NETWORK_FIELDS, f"network ({nid})")

    def change(d: Data) -> None:
        member = member_entry(d, nid)
        for key, value in changes.items():
            set_field(member, key, value)
    return checked(data, change)


def delete_network_member(data: Data, nid: str) -> Data:
    """Delete someone from the network map."""
    def change(d: Data) -> None:
        member = member_entry(d, nid)
        d["network"] = [m for m in d["network"] if m is not member]
    return checked(data, change)


# -- one entry point per action, for the editor ------------------------------------------------
_EDIT: dict[str, Callable[..., Data]] = {
    "person": edit_person, "union": edit_union, "child": edit_child,
    "relation": edit_relation, "household": edit_household, "network": edit_network_member}
_DELETE: dict[str, Callable[[Data, Any], Data]] = {
    "person": delete_person, "union": delete_union, "child": delete_child,
    "relation": delete_relation, "household": delete_household,
    "network": delete_network_member}


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise InputError(key="genogram.edit.unknown_kind",
                         fields={"kind": repr(kind), "allowed": ", ".join(KINDS)})
    return kind


def edit_entry(data: Data, kind: str, key: Any, **changes: Any) -> Data:
    """`edit_person`, `edit_union` ... chosen by `kind` (one of `KINDS`)."""
    return _EDIT[_kind(kind)](data, key, **changes)


def delete_entry(data: Data, kind: str, key: Any) -> Data:
    """`delete_person`, `delete_union` ... chosen by `kind` (one of `KINDS`)."""
    return _DELETE[_kind(kind)](data, key)


def delete_effects(data: Data, kind: str, key: Any) -> list[Effect]:
    """What else deleting this entry removes (or leaves in a new form), before it is done;
    a missing entry is refused as `delete_entry` would refuse it."""
    d = long_form_copy(data)
    find_entry(d, kind, key)
    if kind == "person":
        return person_effects(d, key)
    if kind == "union":
        return _union_effects(d, key)
    if kind == "child":
        return _child_effects(d, key)
    return []


def find_entry(data: Data, kind: str, key: Any) -> dict[str, Any]:
    """The entry itself (inside `data`, not a copy); a missing one is an `InputError` that
    says what there is."""
    return _FIND[_kind(kind)](data, key)


_FIND: dict[str, Callable[[Data, Any], dict[str, Any]]] = {
    "person": person_entry, "union": lambda d, i: numbered_entry(d, "unions", i),
    "child": child_entry,
    "relation": lambda d, i: numbered_entry(d, "relations", i),
    "household": lambda d, i: numbered_entry(d, "households", i), "network": member_entry}
