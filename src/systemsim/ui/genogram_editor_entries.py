"""How the genogram editor names the entries of a family: the key of each entry of a kind,
its label in a tab's choice and in messages, what a deletion takes, in words, and a refused
change's error as the editor tells it.

Plain functions of the family dict (as `systemsim.genogram.edit` keeps it), so labels are
the same in the choices, the status line and the deletion preview, and testable without
widgets.
"""

from __future__ import annotations

import re
from typing import Any

from systemsim.errors import InputError
from systemsim.genogram.edit import Effect, find_entry, relation_pair
from systemsim.genogram.texts import pick_text
from systemsim.i18n import t
from systemsim.ui.language import Message

#: entries found by their place in a list: a choice of one is dropped when that list changes
BY_PLACE = {"union": ("unions",), "child": ("unions", "single_parents"),
            "relation": ("relations",), "household": ("households",)}


def entry_keys(data: dict[str, Any], kind: str) -> list[Any]:
    """How each entry of a kind is found (see `systemsim.genogram.edit`)."""
    if kind == "person":
        return [p["id"] for p in data["people"]]
    if kind == "network":
        return [m["id"] for m in data.get("network", [])]
    if kind == "child":
        return ([(i, c["id"]) for i, u in enumerate(data.get("unions", []))
                 for c in u.get("children", [])] +
                [(s["parent"], s["child"]) for s in data.get("single_parents", [])])
    section = {"union": "unions", "relation": "relations", "household": "households"}[kind]
    return list(range(len(data.get(section, []))))


def find_or_empty(data: dict[str, Any], kind: str, key: Any) -> dict[str, Any]:
    """The chosen entry, or {} for "(add new)" or an entry that is gone."""
    try:
        return find_entry(data, kind, key)
    except InputError:
        return {}


def person_name(data: dict[str, Any], pid: str | None) -> str:
    """A person's name, else their id (or nothing for no person)."""
    return find_or_empty(data, "person", pid).get("name") or pid or ""


def entry_label(data: dict[str, Any], kind: str, key: Any, lang: str) -> str:
    """How an entry reads in its tab's choice and in messages, e.g. 'Mika + Anna
    (marriage)'."""
    e = find_or_empty(data, kind, key)

    def name(pid: str | None) -> str:
        return person_name(data, pid)

    if not e:
        return str(key)
    if kind == "person":
        return f"{e.get('name') or key} ({key})"
    if kind == "union":
        kind_text = t(f"genogram.union.{e.get('type', 'marriage')}", lang)
        return f"{name(e['partners'][0])} + {name(e['partners'][1])} ({kind_text})"
    if kind == "child":
        parents = (" + ".join(name(p) for p in data["unions"][key[0]]["partners"])
                   if "parent" not in e else name(e["parent"]))
        kind_text = t(f"genogram.child.{e.get('relation', 'biological')}", lang)
        return f"{name(key[1])} ← {parents} ({kind_text})"
    if kind == "relation":
        a, b = relation_pair(e)
        arrow = "→" if "from" in e else "–"
        kind_text = t(f"genogram.relation.{e['type']}", lang)
        return f"{name(a)} {arrow} {name(b)} ({kind_text})"
    if kind == "household":
        members = ", ".join(name(m) for m in e["members"])
        label = pick_text(e.get("label"), lang)
        return f"{label}: {members}" if label else members
    label = pick_text(e.get("name"), lang) or name(e.get("person")) or key
    sector = t(f"genogram.sector.{e['sector']}", lang)
    return f"{label} ({sector})"


def effect_text(effect: Effect, lang: str) -> str:
    """One thing a deletion takes or changes, as words."""
    fields = dict(effect.fields)
    if "relation" in fields:
        fields["relation"] = t(f"genogram.relation.{fields['relation']}", lang)
    if "label" in fields:
        fields["household"] = pick_text(fields.pop("label"), lang) or fields["members"]
    if isinstance(fields.get("name"), dict):  # a network member's fi/sv/en name
        fields["name"] = pick_text(fields["name"], lang)
    return t(f"genogram.editor.goes.{effect.kind}", lang, **fields)


def effects_text(effects: list[Effect], lang: str) -> str:
    """The removed entries as one list, e.g. 'the couple Mika + Anna; the relation ...'."""
    return "; ".join(effect_text(e, lang) for e in effects if e.removed)


def notes_text(effects: list[Effect], lang: str) -> str:
    """What stays in a new form, as sentences after the list."""
    return " ".join(effect_text(e, lang) for e in effects if not e.removed)


#: the family file's field names a check may name, as the editor's words
_FIELD_WORDS = {"id": "room.field.id", "index": "room.field.index", "person": "room.field.person"}


def short_error(exc: BaseException) -> BaseException:
    """An InputError as the editor tells it: without the '<editor>:' file prefix and the
    file's keys ('people[4] (eeli)' becomes 'eeli'), a field named by the editor's word for it ('Tunnus',
    not 'id'); still the error, not its words, so it is told in the language of the moment
    when it has a text key."""
    if isinstance(exc, InputError):
        fields = {k: Message(_FIELD_WORDS[v]) if k == "what" and isinstance(v, str)
                  and v in _FIELD_WORDS else v for k, v in exc.fields.items()}
        who = re.sub(r"^[a-z_]+\[\d+\]\s*", "", exc.where or "").strip("() ") or None
        return InputError(exc.message, key=exc.key, fields=fields, where=who)
    return exc
