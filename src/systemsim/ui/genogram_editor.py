"""A genogram editor for a notebook: add, edit and delete people, couples, children,
relations, households and network members, see the drawing change, save the family as YAML.

All editing goes through `GenogramEditor`'s methods, which change a plain family dict and
check it with the same validation as family files; a bad value leaves the family as it was
and shows one sentence in the widget, never a traceback. Editing and deleting an existing
entry is done by `systemsim.genogram.edit`, which knows nothing of widgets. Each tab starts
with a choice: "(add new)" shows the Add button, an existing entry fills the fields with its
values and shows Update and Delete (with what else the deletion takes). Every add, edit and
delete is one undo step. The widgets only read fields and call those methods, so the
editing logic is tested without a browser.

The page's language switch relabels the editor: the status line is kept as `Message`s and
told again, and what is typed in the fields stays as typed.

The widgets are built in `genogram_editor_form`, moved between fields and entries in
`genogram_editor_fields`, and entries are named in `genogram_editor_entries`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython import get_ipython
from IPython.display import display

from systemsim.errors import InputError
from systemsim.genogram import (
    GenogramFamily,
    draw_genogram,
    draw_network_map,
    family_from_dict,
    load_family,
    save_family,
)
from systemsim.genogram.edit import checked, delete_effects, delete_entry, edit_entry
from systemsim.genogram.model import DIRECTED_RELATIONS
from systemsim.genogram.texts import pick_text
from systemsim.i18n import LANGUAGES, get_language, on_language_change, t
from systemsim.ui.genogram_editor_entries import (
    BY_PLACE,
    effects_text,
    entry_label,
    find_or_empty,
    notes_text,
    person_name,
    short_error,
)
from systemsim.ui.genogram_editor_fields import EditorFields
from systemsim.ui.genogram_editor_form import NEW, NONE, EditorForm, html_text
from systemsim.ui.language import Message, Words
from systemsim.ui.lifetime import while_open
from systemsim.viz.plotly_config import show

__all__ = ["NEW", "NONE", "YEAR_FIELDS", "GenogramEditor", "genogram_editor"]

YEAR_FIELDS = ("born", "died", "start", "separated", "divorced")
_BAD = object()  # a year that could not be read (the editor has said why)


class GenogramEditor(EditorFields, EditorForm):
    """Edit a family in a notebook; `display(editor)` or just leave it last in a cell."""

    def __init__(self, family: GenogramFamily | dict | str | Path | None = None,
                 path: str | Path | None = None, lang: str | None = None):
        if isinstance(family, str | Path):
            path = path or family
            family = load_family(family)
        if isinstance(family, GenogramFamily):
            data = family.to_dict()
        elif isinstance(family, dict):
            data = family_from_dict(family).to_dict()
        else:
            data = {"kind": "family", "id": "uusi_perhe", "people": [],
                    "title": {lang: t("room.editor.new_family", lang) for lang in LANGUAGES}}
        self.data: dict[str, Any] = data
        self.path = Path(path) if path else None
        self.fixed_lang = lang
        self._said: tuple[Message | Words, ...] = ()  # the status line, told again on a switch
        self.ok = True
        self._history: list[dict[str, Any]] = []
        self._labels: list[tuple[w.Widget, str]] = []
        self._shown_lang = self.lang  # the language the fields were last drawn in
        self._build()
        self._unsubscribe = on_language_change(lambda _lang: self.relabel())
        while_open(self.widget, self._unsubscribe)
        self.refresh()

    @property
    def lang(self) -> str:
        return self.fixed_lang or get_language()

    def relabel(self) -> None:
        """Labels, choices and the status line in the new language; the values in the fields
        stay as they are, saved or not (a trainer may switch mid-edit)."""
        for widget, key in self._labels:
            widget.description = t(key, self.lang)
        for i, key in enumerate(self._tab_keys):
            self.tabs.set_title(i, t(key, self.lang))
        self._update_options()
        self._relabel_saved_texts()
        self._show_status()
        self.refresh()

    def _relabel_saved_texts(self) -> None:
        """A chosen household's label and network member's name as saved (fi/sv/en) are
        shown in the new language; one the trainer has retyped stays as typed (and is saved
        as typed, see `_household_fields` and `_network_fields`)."""
        before, self._shown_lang = self._shown_lang, self.lang
        for field, kind, pick, key in ((self.h_label, "household", self.h_pick, "label"),
                                       (self.n_name, "network", self.n_pick, "name")):
            saved = find_or_empty(self.data, kind, pick.value).get(key)
            if field.value == pick_text(saved, before):
                field.value = pick_text(saved, self.lang)

    @property
    def message(self) -> str:
        """The status line in the editor's language of the moment."""
        return " ".join(text for part in self._said if (text := part.text(self.lang)))

    @property
    def family(self) -> GenogramFamily | None:
        """The checked family, or None while it has no people yet."""
        return family_from_dict(self.data, source="editor") if self.data["people"] else None

    def _name(self, pid: str | None) -> str:
        return person_name(self.data, pid)

    def _apply(self, change, what: str) -> bool:
        """Try one addition on a copy; keep it only if the whole family is still valid."""
        return self._commit(lambda: checked(self.data, change), what,
                            "genogram.editor.added", "genogram.editor.error")

    def _commit(self, make: Callable[[], dict[str, Any]], what: str | Words, done: str,
                refused: str) -> bool:
        """Keep the family `make` returns as one undo step; if it refuses, keep the old one
        and say why (`done` and `refused` are the message keys)."""
        try:
            new = make()
        except (InputError, ValueError) as exc:
            self._say(Message(refused, {"message": short_error(exc)}), ok=False)
            return False
        self._history.append(self.data)
        old, self.data = self.data, new
        self._say(Message(done, {"what": what}), ok=True)
        self._changed(old)
        return True

    def _changed(self, old: dict[str, Any]) -> None:
        """After any change: drop choices whose list moved, refill the rest, redraw."""
        for kind, sections in BY_PLACE.items():
            if any(len(old.get(s, [])) != len(self.data.get(s, [])) for s in sections):
                self.picks[kind].value = NEW
        self._update_options(refill=True)
        self.refresh()

    def add_person(self, id: str, name: str = "", sex: str = "unknown", born: Any = None,
                   died: Any = None, type: str = "person", index: bool = False) -> bool:
        person = {"id": id.strip(), "name": name.strip(), "sex": sex}
        for key, value in (("born", born), ("died", died)):
            year = self._year(value, key)
            if year is _BAD:
                return False
            if year is not None:
                person[key] = year
        if type != "person":
            person["type"] = type

        def change(d: dict) -> None:
            d["people"].append(person)
            if index or not d.get("index"):
                d["index"] = person["id"]
        return self._apply(change, name or id)

    def add_union(self, a: str, b: str, type: str = "marriage", start: Any = None,
                  separated: Any = None, divorced: Any = None) -> bool:
        union: dict[str, Any] = {"partners": [a, b], "type": type}
        for key, value in (("start", start), ("separated", separated), ("divorced", divorced)):
            year = self._year(value, key)
            if year is _BAD:
                return False
            if year is not None:
                union[key] = year
        return self._apply(lambda d: d.setdefault("unions", []).append(union), f"{a} + {b}")

    def add_child(self, union: int | tuple[str, str], child: str,
                  relation: str = "biological", twin_of: str | None = None) -> bool:
        """`union` is an index into the unions or a pair of partner ids; a single parent is
        given as (parent, None)."""
        link: dict[str, Any] = {"id": child, "relation": relation}
        if twin_of:
            link["twin_of"] = twin_of

        def change(d: dict) -> None:
            unions = d.setdefault("unions", [])
            if isinstance(union, tuple) and union[1] is None:
                d.setdefault("single_parents", []).append(
                    {"parent": union[0], "child": child, "relation": relation})
                return
            if isinstance(union, tuple):
                matches = [i for i, u in enumerate(unions) if set(u["partners"]) == set(union)]
                if not matches:
                    raise InputError(key="genogram.edit.not_a_couple",
                                     fields={"a": union[0], "b": union[1]})
                idx = matches[-1]
            else:
                idx = union
            unions[idx].setdefault("children", []).append(link)
            if twin_of:
                for other in unions[idx]["children"]:
                    if other["id"] == twin_of:
                        other["twin_of"] = child
        return self._apply(change, child)

    def add_relation(self, a: str, b: str, type: str) -> bool:
        rel = ({"from": a, "to": b, "type": type} if type in DIRECTED_RELATIONS
               else {"between": [a, b], "type": type})
        return self._apply(lambda d: d.setdefault("relations", []).append(rel),
                           f"{a} – {b}")

    def add_household(self, members: list[str], label: str = "") -> bool:
        h: dict[str, Any] = {"members": list(members)}
        if label:
            h["label"] = label
        return self._apply(lambda d: d.setdefault("households", []).append(h), label or
                           ", ".join(members))

    def add_network_member(self, name: str, sector: str, closeness: int = 2,
                           tie: str = "strong", flow: str = "both", person: str | None = None,
                           role: str = "") -> bool:
        base = _slug(name or person or "jasen")
        taken = {m["id"] for m in self.data.get("network", [])}
        nid, k = base, 2
        while nid in taken:
            nid, k = f"{base}_{k}", k + 1
        member: dict[str, Any] = {"id": nid}
        if person:
            member["person"] = person
        if name:
            member["name"] = name
        if role:
            member["role"] = role
        member.update({"sector": sector, "closeness": closeness, "tie": tie, "flow": flow})
        return self._apply(lambda d: d.setdefault("network", []).append(member), name or nid)

    def edit(self, kind: str, key: Any, **changes: Any) -> bool:
        """Change the given fields of one existing entry (`kind` and `key` as in
        `systemsim.genogram.edit`); years may be text, as typed in the fields."""
        for field in YEAR_FIELDS:
            if field in changes:
                changes[field] = self._year(changes[field], field)
                if changes[field] is _BAD:
                    return False
        picked = kind in self.picks and self.picks[kind].value == key
        if not self._commit(lambda: edit_entry(self.data, kind, key, **changes), str(key),
                            "genogram.editor.changed", "genogram.editor.not_changed"):
            return False
        if kind == "person" and "id" in changes:  # a new id: follow the person
            key = str(changes["id"]).strip()
        if picked:
            self.picks[kind].value = key
        self._say(Message("genogram.editor.changed", {"what": self._label_words(kind, key)}),
                  ok=True)
        return True

    def delete(self, kind: str, key: Any) -> bool:
        """Delete one entry and what goes with it (see `delete_effects`), as one undo step;
        the message names everything that went."""
        try:
            effects = delete_effects(self.data, kind, key)
        except InputError as exc:
            self._say(Message("genogram.editor.not_deleted", {"message": short_error(exc)}),
                      ok=False)
            return False
        what = self._label_words(kind, key)  # now: the entry cannot be looked up once gone
        if not self._commit(lambda: delete_entry(self.data, kind, key), what,
                            "genogram.editor.deleted", "genogram.editor.not_deleted"):
            return False
        if any(e.removed for e in effects):  # effects hold names, not entries: safe to tell
            items = Words.each(lambda lang: effects_text(effects, lang))
            notes = Words.each(lambda lang: notes_text(effects, lang))
            self._say(Message("genogram.editor.deleted_with", {"what": what, "items": items}),
                      notes, ok=True)
        return True

    def undo(self) -> bool:
        """Take back the last addition, change or deletion."""
        if not self._history:
            return False
        old, self.data = self.data, self._history.pop()
        self._say(Message("genogram.editor.undone"), ok=True)
        self._changed(old)
        return True

    def save(self, path: str | Path | None = None) -> bool:
        target = Path(path) if path else self.path
        try:
            if target is None or not str(target).strip():
                raise InputError(key="genogram.edit.need_file_name")
            if target.suffix.lower() not in (".yaml", ".yml"):
                raise InputError(key="genogram.edit.not_yaml",
                                 fields={"name": repr(target.name)})
            family = self.family
            if family is None:
                raise InputError(key="genogram.editor.need_person")
            save_family(family, target)
        except (InputError, OSError) as exc:
            self._say(Message("genogram.editor.not_saved", {"message": short_error(exc)}), ok=False)
            return False
        self.path = target
        self._say(Message("genogram.editor.saved", {"path": target}), ok=True)
        return True

    def _year(self, value: Any, field: str) -> Any:
        """A typed year as a number, None when empty; `_BAD` (and a message) when not a year."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            field_name = Message(f"genogram.editor.{field}")  # field is one of YEAR_FIELDS
            self._say(Message("genogram.editor.bad_year", {"field": field_name, "value": value}),
                      ok=False)
            return _BAD

    def _say(self, *said: Message | Words, ok: bool) -> None:
        """Show a status line; kept as messages, not words, so a language switch tells it
        again (see `relabel`)."""
        self._said, self.ok = said, ok
        self._show_status()

    def _show_status(self) -> None:
        if hasattr(self, "status") and self._said:
            colour = "#1b5e20" if self.ok else "#b71c1c"
            self.status.value = (f"<span style='color:{colour};font-size:1.1em'>"
                                 f"{html_text(self.message)}</span>")

    def _label_words(self, kind: str, key: Any) -> Words:
        """An entry's label in every language, for a message that outlives the entry."""
        return Words.each(lambda lang: entry_label(self.data, kind, key, lang))

    def set_title(self, name: str) -> bool:
        """Name the family (the figure's title); an empty name keeps the old one."""
        name = name.strip()
        if not name or name == pick_text(self.data.get("title"), self.lang):
            return False
        self._history.append(self.data)
        self.data = {**self.data, "title": name}
        self._say(Message("room.editor.renamed", {"name": name}), ok=True)
        self.refresh()
        return True

    def figure(self):
        """The current drawing (genogram, or network map when that box is ticked)."""
        family = self.family
        if family is None:
            return None
        if self.show_map.value:
            return draw_network_map(family, lang=self.lang)
        return draw_genogram(family, lang=self.lang)

    def refresh(self) -> None:
        """Redraw in the output area (only inside a notebook kernel; tests skip the display)."""
        fig = self.figure()
        self.last_figure = fig
        if hasattr(self, "f_title"):  # after an undo or a switch: the name as it is now
            quiet, self._quiet = self._quiet, True
            self.f_title.value = pick_text(self.data.get("title"), self.lang) or ""
            self._quiet = quiet
        if get_ipython() is None:
            return
        self.out.clear_output(wait=True)
        with self.out:
            if fig is None:
                print(t("genogram.editor.need_person", self.lang))
            else:
                show(fig, self.lang)

    def _ipython_display_(self) -> None:
        display(self.widget)


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "_" for c in text.strip())
    return out.strip("_") or "jasen"


def genogram_editor(family: GenogramFamily | dict | str | Path | None = None,
                    path: str | Path | None = None, lang: str | None = None) -> GenogramEditor:
    """Open the editor on a family (a `GenogramFamily`, a dict, a YAML path) or on an empty one."""
    return GenogramEditor(family, path=path, lang=lang)
