"""Change or delete one entry of a family: the logic behind the editor's Update and Delete.

Every function takes the family as plain data (the YAML format of `systemsim.genogram.read`)
and returns a changed copy that has passed the same checks as a family file; the data given
is never touched, so the editor can keep it as its undo step. A change those checks refuse
raises their `InputError` (naming the place and what is allowed), and so does a field name
or an entry that does not exist; those carry a text key (``genogram.edit.*``), so the editor
tells them in Finnish, Swedish or English. Deleting a person also deletes what would otherwise
point at nobody; `delete_effects` lists that beforehand, so the trainer can be told what goes.

Entries are found by their id (people, network members), by their place in the list
(unions, relations, households), or, for a child, by (union index or single parent id,
child id).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, NamedTuple

from systemsim.errors import InputError
from systemsim.genogram.model import DIRECTED_RELATIONS
from systemsim.genogram.read import family_from_dict

Data = dict[str, Any]
ChildKey = tuple[int | str, str]  # (union index, child id) or (single parent id, child id)

PERSON_FIELDS = ("id", "name", "sex", "born", "died", "type", "note", "index")
UNION_FIELDS = ("partners", "type", "start", "separated", "divorced")
CHILD_FIELDS = ("relation", "twin_of", "identical")
RELATION_FIELDS = ("a", "b", "type", "note")
HOUSEHOLD_FIELDS = ("members", "label")
NETWORK_FIELDS = ("person", "name", "role", "sector", "closeness", "tie", "flow")
KINDS = ("person", "union", "child", "relation", "household", "network")
# The text that says a numbered entry is missing, one per list (so each language names it).
_NO_ENTRY = {"unions": "genogram.edit.no_union", "relations": "genogram.edit.no_relation",
             "households": "genogram.edit.no_household"}


class Effect(NamedTuple):
    """Something that goes with a deletion (`removed`) or stays in a new form (a note).

    `kind` names its text in the catalogue (``genogram.editor.goes.<kind>``); `fields` are
    the names to put in it (display names, or a relation type to translate; a network
    member's name may be {fi, sv, en}, told in the reader's language).
    """

    kind: str
    fields: dict[str, Any]
    removed: bool = True


# -- the one way every change is made ----------------------------------------------------------
def checked(data: Data, change: Callable[[Data], None]) -> Data:
    """`change` applied to a copy of `data`, kept only if the whole family passes its checks.

    The copy is returned in the file format's long form (children as mappings, defaults
    left out), so two ways to the same family give equal data. A family with no people yet
    (an editor just opened) is not checked: there is nothing to check it against.
    """
    trial = _plain(data)
    change(trial)
    if not trial.get("people"):
        trial.pop("index", None)
        return trial
    return family_from_dict(trial, source="editor").to_dict()


def _plain(data: Data) -> Data:
    """A private, checked copy in long form (so the changes below meet one shape only)."""
    trial = copy.deepcopy(data)
    if not trial.get("people"):
        trial.setdefault("people", [])
        return trial
    return family_from_dict(trial, source="editor").to_dict()


def _allowed(changes: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    unknown = [k for k in changes if k not in allowed]
    if unknown:
        raise InputError(key="genogram.edit.unknown_field",
                         fields={"field": repr(unknown[0]), "allowed": ", ".join(allowed)},
                         where=where)


def _set(entry: dict[str, Any], key: str, value: Any) -> None:
    """Set a field; None or empty text removes it (the format's default applies)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        entry.pop(key, None)
    else:
        entry[key] = value.strip() if isinstance(value, str) else value


# -- finding entries -----------------------------------------------------------------------------
def _person(d: Data, pid: str) -> dict[str, Any]:
    return _with_id(d, "people", pid, "genogram.edit.no_person", "genogram.edit.no_person_yet")


def _with_id(d: Data, section: str, ident: str, missing: str, none_yet: str) -> dict[str, Any]:
    """The entry of `section` with this id; if there is none, an error with the text `missing`
    naming the ids there are, or `none_yet` when the list is still empty."""
    for item in d.get(section, []):
        if item["id"] == ident:
            return item
    known = ", ".join(item["id"] for item in d.get(section, []))
    if not known:
        raise InputError(key=none_yet, fields={"id": repr(ident)}, where=section)
    raise InputError(key=missing, fields={"id": repr(ident), "known": known}, where=section)


def _at(d: Data, section: str, index: Any) -> dict[str, Any]:
    items = d.get(section, [])
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
        raise InputError(key=_NO_ENTRY[section],
                         fields={"index": repr(index), "count": len(items)}, where=section)
    return items[index]


def _member(d: Data, nid: str) -> dict[str, Any]:
    return _with_id(d, "network", nid, "genogram.edit.no_member", "genogram.edit.no_member_yet")


def _child(d: Data, key: ChildKey) -> dict[str, Any]:
    """The child's entry: in a union's children, or the single-parent entry."""
    if not isinstance(key, tuple) or len(key) != 2:
        raise InputError(key="genogram.edit.child_key", fields={"given": repr(key)},
                         where="children")
    parents, child = key
    if isinstance(parents, int) and not isinstance(parents, bool):
        union = _at(d, "unions", parents)
        for link in union.get("children", []):
            if link["id"] == child:
                return link
        raise InputError(key="genogram.edit.not_child", fields={"child": repr(child)},
                         where=f"unions[{parents}] ({' + '.join(union['partners'])})")
    for entry in d.get("single_parents", []):
        if entry["parent"] == parents and entry["child"] == child:
            return entry
    raise InputError(key="genogram.edit.not_single_child",
                     fields={"child": repr(child), "parent": repr(parents)},
                     where="single_parents")


def _name(d: Data, pid: str) -> str:
    for p in d.get("people", []):
        if p["id"] == pid:
            return p.get("name") or pid
    return pid


def relation_pair(rel: dict[str, Any]) -> tuple[str, str]:
    """(a, b) of an emotional tie written with between: or with from: and to:."""
    return (rel["from"], rel["to"]) if "from" in rel else tuple(rel["between"])


# -- people ----------------------------------------------------------------------------------------
def edit_person(data: Data, pid: str, **changes: Any) -> Data:
    """Change a person's fields; a new `id` is changed everywhere the person appears, and
    `index=True/False` makes them the index person or stops them being it."""
    _allowed(changes, PERSON_FIELDS, f"people ({pid})")

    def change(d: Data) -> None:
        person = _person(d, pid)
        for key in ("name", "sex", "born", "died", "type", "note"):
            if key in changes:
                _set(person, key, changes[key])
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

    _person(d, old)["id"] = new
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
        _person(d, pid)
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


def _person_effects(d: Data, pid: str) -> list[Effect]:
    out: list[Effect] = []
    name = _name(d, pid)
    for u in d.get("unions", []):
        a, b = (_name(d, p) for p in u["partners"])
        kids = u.get("children", [])
        if pid in u["partners"]:
            out.append(Effect("union", {"a": a, "b": b}))
            other = next(p for p in u["partners"] if p != pid)
            twins = {frozenset((c["id"], c["twin_of"])) for c in kids if c.get("twin_of")}
            out += [Effect("twin", {"a": _name(d, x), "b": _name(d, y)})
                    for x, y in (sorted(pair) for pair in sorted(twins, key=sorted))]
            if kids:
                out.append(Effect("children_stay", {
                    "parent": _name(d, other),
                    "children": ", ".join(_name(d, c["id"]) for c in kids)}, removed=False))
            continue
        for c in kids:
            if c["id"] == pid:
                out.append(Effect("child_link", {"parents": f"{a} + {b}", "child": name}))
            if c.get("twin_of") == pid:
                out.append(Effect("twin", {"a": _name(d, c["id"]), "b": name}))
    out += [Effect("child_link", {"parents": _name(d, s["parent"]), "child": _name(d, s["child"])})
            for s in d.get("single_parents", []) if pid in (s["parent"], s["child"])]
    out += [_relation_effect(d, r) for r in d.get("relations", []) if pid in relation_pair(r)]
    for h in d.get("households", []):
        if pid in h["members"]:
            kind = "household" if h["members"] == [pid] else "household_member"
            out.append(Effect(kind, {"label": h.get("label"),
                                     "members": ", ".join(_name(d, m) for m in h["members"])}))
    out += [Effect("network", {"name": m.get("name") or name})
            for m in d.get("network", []) if m.get("person") == pid]
    if d.get("index") == pid:
        out.append(Effect("index", {"name": name}))
    return out


def _relation_effect(d: Data, rel: dict[str, Any]) -> Effect:
    a, b = (_name(d, p) for p in relation_pair(rel))
    arrow = "→" if "from" in rel else "–"
    return Effect("relation", {"pair": f"{a} {arrow} {b}", "relation": rel["type"]})


# -- couples and children ------------------------------------------------------------------
def edit_union(data: Data, index: int, **changes: Any) -> Data:
    """Change a couple's type, years (e.g. add `separated`) or partners."""
    _allowed(changes, UNION_FIELDS, f"unions[{index}]")

    def change(d: Data) -> None:
        union = _at(d, "unions", index)
        if "partners" in changes:
            union["partners"] = list(changes["partners"])
        for key in ("type", "start", "separated", "divorced"):
            if key in changes:
                _set(union, key, changes[key])
    return checked(data, change)


def delete_union(data: Data, index: int) -> Data:
    """Delete a couple; the lines to its children go with it (the children stay)."""
    return checked(data, lambda d: d["unions"].pop(_index(d, "unions", index)))


def _index(d: Data, section: str, index: int) -> int:
    _at(d, section, index)
    return index


def _union_effects(d: Data, index: int) -> list[Effect]:
    union = d["unions"][index]
    parents = " + ".join(_name(d, p) for p in union["partners"])
    return [Effect("child_link", {"parents": parents, "child": _name(d, c["id"])})
            for c in union.get("children", [])]


def edit_child(data: Data, key: ChildKey, **changes: Any) -> Data:
    """Change how a child belongs to their parents (`relation`) or whose twin they are."""
    _allowed(changes, CHILD_FIELDS, f"children ({key[1]})")

    def change(d: Data) -> None:
        link = _child(d, key)
        if "relation" in changes:
            _set(link, "relation", changes["relation"])
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
                    _set(c, "identical", changes["identical"])
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
        link = _child(d, key)
        if "parent" in link:
            d["single_parents"].remove(link)
            return
        siblings = d["unions"][key[0]]["children"]
        _untwin(siblings, key[1])
        siblings.remove(link)
    return checked(data, change)


def _child_effects(d: Data, key: ChildKey) -> list[Effect]:
    link = _child(d, key)
    if not link.get("twin_of"):
        return []
    return [Effect("twin", {"a": _name(d, key[1]), "b": _name(d, link["twin_of"])})]


# -- emotional ties, households, network ---------------------------------------------------
def edit_relation(data: Data, index: int, **changes: Any) -> Data:
    """Change an emotional tie's type or people; abuse and caregiving get a direction
    (from `a` to `b`), the others none."""
    _allowed(changes, RELATION_FIELDS, f"relations[{index}]")

    def change(d: Data) -> None:
        rel = _at(d, "relations", index)
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
            _set(rel, "note", changes["note"])
    return checked(data, change)


def delete_relation(data: Data, index: int) -> Data:
    """Delete an emotional tie."""
    return checked(data, lambda d: d["relations"].pop(_index(d, "relations", index)))


def edit_household(data: Data, index: int, **changes: Any) -> Data:
    """Change who lives in a household, or its label."""
    _allowed(changes, HOUSEHOLD_FIELDS, f"households[{index}]")

    def change(d: Data) -> None:
        household = _at(d, "households", index)
        if "members" in changes:
            household["members"] = list(changes["members"] or [])
        if "label" in changes:
            _set(household, "label", changes["label"])
    return checked(data, change)


def delete_household(data: Data, index: int) -> Data:
    """Delete a household boundary (the people stay)."""
    return checked(data, lambda d: d["households"].pop(_index(d, "households", index)))


def edit_network_member(data: Data, nid: str, **changes: Any) -> Data:
    """Change a network member's sector, closeness, tie, energy flow, name or person link."""
    _allowed(changes, NETWORK_FIELDS, f"network ({nid})")

    def change(d: Data) -> None:
        member = _member(d, nid)
        for key, value in changes.items():
            _set(member, key, value)
    return checked(data, change)


def delete_network_member(data: Data, nid: str) -> Data:
    """Delete someone from the network map."""
    def change(d: Data) -> None:
        member = _member(d, nid)
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
    d = _plain(data)
    find_entry(d, kind, key)
    if kind == "person":
        return _person_effects(d, key)
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
    "person": _person, "union": lambda d, i: _at(d, "unions", i), "child": _child,
    "relation": lambda d, i: _at(d, "relations", i),
    "household": lambda d, i: _at(d, "households", i), "network": _member}
