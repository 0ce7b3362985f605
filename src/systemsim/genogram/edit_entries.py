"""How the editor's changes find an entry, and the one way every change is made (`checked`).

Why apart from `edit`: every change (people in `edit_people`, the rest in `edit`) goes through
the same copy-change-check step and finds its entry the same way, so a refusal names the
place and what is there in the same words whatever was changed.

Entries are found by their id (people, network members), by their place in the list
(unions, relations, households), or, for a child, by (union index or single parent id,
child id).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any, NamedTuple

from systemsim.errors import InputError
from systemsim.genogram.read import family_from_dict

Data = dict[str, Any]
ChildKey = tuple[int | str, str]  # (union index, child id) or (single parent id, child id)

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
    trial = long_form_copy(data)
    change(trial)
    if not trial.get("people"):
        trial.pop("index", None)
        return trial
    return family_from_dict(trial, source="editor").to_dict()


def long_form_copy(data: Data) -> Data:
    """A private, checked copy in long form (so the changes meet one shape only)."""
    trial = copy.deepcopy(data)
    if not trial.get("people"):
        trial.setdefault("people", [])
        return trial
    return family_from_dict(trial, source="editor").to_dict()


def refuse_unknown_fields(changes: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
    """A field name the entry does not have is refused, naming the ones it has."""
    unknown = [k for k in changes if k not in allowed]
    if unknown:
        raise InputError(key="genogram.edit.unknown_field",
                         fields={"field": repr(unknown[0]), "allowed": ", ".join(allowed)},
                         where=where)


def set_field(entry: dict[str, Any], key: str, value: Any) -> None:
    """Set a field; None or empty text removes it (the format's default applies)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        entry.pop(key, None)
    else:
        entry[key] = value.strip() if isinstance(value, str) else value


# -- finding entries -----------------------------------------------------------------------------
def person_entry(d: Data, pid: str) -> dict[str, Any]:
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


def numbered_entry(d: Data, section: str, index: Any) -> dict[str, Any]:
    """The entry at `index` of a numbered list (unions, relations, households)."""
    items = d.get(section, [])
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(items):
        raise InputError(key=_NO_ENTRY[section],
                         fields={"index": repr(index), "count": len(items)}, where=section)
    return items[index]


def existing_index(d: Data, section: str, index: int) -> int:
    """`index` itself, once it is known to name an entry of `section`."""
    numbered_entry(d, section, index)
    return index


def member_entry(d: Data, nid: str) -> dict[str, Any]:
    return _with_id(d, "network", nid, "genogram.edit.no_member", "genogram.edit.no_member_yet")


def child_entry(d: Data, key: ChildKey) -> dict[str, Any]:
    """The child's entry: in a union's children, or the single-parent entry."""
    if not isinstance(key, tuple) or len(key) != 2:
        raise InputError(key="genogram.edit.child_key", fields={"given": repr(key)},
                         where="children")
    parents, child = key
    if isinstance(parents, int) and not isinstance(parents, bool):
        union = numbered_entry(d, "unions", parents)
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


def display_name(d: Data, pid: str) -> str:
    """The person's name as the trainer wrote it, or their id when they have none."""
    for p in d.get("people", []):
        if p["id"] == pid:
            return p.get("name") or pid
    return pid


def relation_pair(rel: dict[str, Any]) -> tuple[str, str]:
    """(a, b) of an emotional tie written with between: or with from: and to:."""
    return (rel["from"], rel["to"]) if "from" in rel else tuple(rel["between"])
