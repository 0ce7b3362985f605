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
"""

from __future__ import annotations

import re
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
from systemsim.genogram.draw import pick_text
from systemsim.genogram.edit import (
    Effect,
    checked,
    delete_effects,
    delete_entry,
    edit_entry,
    find_entry,
    relation_pair,
)
from systemsim.genogram.model import (
    CHILD_RELATIONS,
    CLOSENESS,
    DIRECTED_RELATIONS,
    FLOWS,
    PERSON_TYPES,
    RELATION_TYPES,
    SECTORS,
    SEXES,
    TIES,
    UNION_TYPES,
)
from systemsim.i18n import LANGUAGES, get_language, on_language_change, t
from systemsim.ui.language import Message, Words
from systemsim.ui.lifetime import while_open
from systemsim.viz.plotly_config import show

_LABEL_STYLE = {"description_width": "16em"}
_LAYOUT = w.Layout(width="36em")
NEW = ""  # the choice "(add new)" at the top of each tab
NONE = ""  # "(none)" in the optional person and twin choices (None would show as blank)
YEAR_FIELDS = ("born", "died", "start", "separated", "divorced")
# entries found by their place in a list: a choice of one is dropped when that list changes
_BY_PLACE = {"union": ("unions",), "child": ("unions", "single_parents"),
             "relation": ("relations",), "household": ("households",)}


class GenogramEditor:
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

    # -- language --------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.fixed_lang or get_language()

    def _label(self, widget: w.Widget, key: str) -> w.Widget:
        self._labels.append((widget, key))
        widget.description = t(key, self.lang)
        if isinstance(widget, w.Checkbox):
            widget.indent = False
            widget.layout = w.Layout(width="36em")
        elif hasattr(widget, "style") and not isinstance(widget, w.Button):
            widget.style = _LABEL_STYLE
        return widget

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
            saved = self._find(kind, pick.value).get(key)
            if field.value == pick_text(saved, before):
                field.value = pick_text(saved, self.lang)

    @property
    def message(self) -> str:
        """The status line in the editor's language of the moment."""
        return " ".join(text for part in self._said if (text := part.text(self.lang)))

    # -- the family ------------------------------------------------------------------------
    @property
    def family(self) -> GenogramFamily | None:
        """The checked family, or None while it has no people yet."""
        return family_from_dict(self.data, source="editor") if self.data["people"] else None

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
            self._say(Message(refused, {"message": _short(exc)}), ok=False)
            return False
        self._history.append(self.data)
        old, self.data = self.data, new
        self._say(Message(done, {"what": what}), ok=True)
        self._changed(old)
        return True

    def _changed(self, old: dict[str, Any]) -> None:
        """After any change: drop choices whose list moved, refill the rest, redraw."""
        for kind, sections in _BY_PLACE.items():
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
            self._say(Message("genogram.editor.not_deleted", {"message": _short(exc)}),
                      ok=False)
            return False
        what = self._label_words(kind, key)  # now: the entry cannot be looked up once gone
        if not self._commit(lambda: delete_entry(self.data, kind, key), what,
                            "genogram.editor.deleted", "genogram.editor.not_deleted"):
            return False
        if any(e.removed for e in effects):  # effects hold names, not entries: safe to tell
            items = Words.each(lambda lang: self._effects_text(effects, lang))
            notes = Words.each(lambda lang: self._notes_text(effects, lang))
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
            self._say(Message("genogram.editor.not_saved", {"message": _short(exc)}), ok=False)
            return False
        self.path = target
        self._say(Message("genogram.editor.saved", {"path": target}), ok=True)
        return True

    def _year(self, value: Any, field: str) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return int(str(value).strip())
        except ValueError:
            key = {"born": "genogram.editor.born", "died": "genogram.editor.died",
                   "start": "genogram.editor.start", "separated": "genogram.editor.separated",
                   "divorced": "genogram.editor.divorced"}[field]
            self._say(Message("genogram.editor.bad_year", {"field": Message(key), "value": value}),
                      ok=False)
            return _BAD

    # -- widgets -----------------------------------------------------------------------------------
    def _say(self, *said: Message | Words, ok: bool) -> None:
        """Show a status line; kept as messages, not words, so a language switch tells it
        again (see `relabel`)."""
        self._said, self.ok = said, ok
        self._show_status()

    def _show_status(self) -> None:
        if hasattr(self, "status") and self._said:
            colour = "#1b5e20" if self.ok else "#b71c1c"
            self.status.value = (f"<span style='color:{colour};font-size:1.1em'>"
                                 f"{_html(self.message)}</span>")

    def _dropdown(self, key: str, options: Any, **kw: Any) -> w.Dropdown:
        return self._label(w.Dropdown(options=options, layout=_LAYOUT, **kw), key)

    def _text(self, key: str, **kw: Any) -> w.Text:
        return self._label(w.Text(layout=_LAYOUT, **kw), key)

    def _button(self, key: str, handler) -> w.Button:
        b = self._label(w.Button(button_style="primary"), key)
        b.on_click(lambda _b: handler())
        return b

    def _enum_options(self, prefix: str, values: tuple) -> list[tuple[str, Any]]:
        return [(t(f"{prefix}.{v}", self.lang), v) for v in values]

    def _pick(self, kind: str) -> w.Dropdown:
        """The choice at the top of a tab: "(add new)", or an existing entry to edit."""
        pick = self._dropdown("genogram.editor.pick", [("", NEW)])
        pick.observe(lambda _change: self._on_pick(kind), names="value")
        self.picks[kind] = pick
        return pick

    def _actions(self, kind: str, on_add: Callable[[], None]) -> w.VBox:
        """Add for a new entry; Update and Delete, and what deleting takes, for a chosen one."""
        delete = self._label(w.Button(button_style="danger", icon="trash"),
                             "genogram.editor.delete")
        delete.on_click(lambda _b: self._on_delete(kind))
        self.buttons[kind] = {
            "add": self._button("genogram.editor.add", on_add),
            "update": self._button("genogram.editor.update", lambda: self._on_update(kind)),
            "delete": delete}
        self.effects[kind] = w.HTML()
        return w.VBox([w.HBox(list(self.buttons[kind].values())), self.effects[kind]])

    def _build(self) -> None:
        self.status = w.HTML()
        self.out = w.Output()
        self.picks: dict[str, w.Dropdown] = {}
        self.buttons: dict[str, dict[str, w.Button]] = {}
        self.effects: dict[str, w.HTML] = {}
        self._quiet = False
        # person
        self.p_pick = self._pick("person")
        self.p_id = self._text("genogram.editor.id")
        self.p_name = self._text("genogram.editor.name")
        self.p_sex = self._dropdown("genogram.editor.sex", [])
        self.p_born = self._text("genogram.editor.born", placeholder="2015")
        self.p_died = self._text("genogram.editor.died")
        self.p_type = self._dropdown("genogram.editor.type", [])
        self.p_index = self._label(w.Checkbox(value=False), "genogram.editor.index")
        person_box = w.VBox([self.p_pick, self.p_id, self.p_name, self.p_sex, self.p_born,
                             self.p_died, self.p_type, self.p_index,
                             self._actions("person", self._on_person)])
        # union
        self.u_pick = self._pick("union")
        self.u_a = self._dropdown("genogram.editor.partner_a", [])
        self.u_b = self._dropdown("genogram.editor.partner_b", [])
        self.u_type = self._dropdown("genogram.editor.type", [])
        self.u_start = self._text("genogram.editor.start")
        self.u_sep = self._text("genogram.editor.separated")
        self.u_div = self._text("genogram.editor.divorced")
        union_box = w.VBox([self.u_pick, self.u_a, self.u_b, self.u_type, self.u_start,
                            self.u_sep, self.u_div, self._actions("union", self._on_union)])
        # child
        self.c_pick = self._pick("child")
        self.c_parents = self._dropdown("genogram.editor.parents", [])
        self.c_child = self._dropdown("genogram.editor.child_person", [])
        self.c_rel = self._dropdown("genogram.editor.relation_kind", [])
        self.c_twin = self._dropdown("genogram.editor.twin_of", [])
        child_box = w.VBox([self.c_pick, self.c_parents, self.c_child, self.c_rel, self.c_twin,
                            self._actions("child", self._on_child)])
        # relation
        self.r_pick = self._pick("relation")
        self.r_a = self._dropdown("genogram.editor.from", [])
        self.r_b = self._dropdown("genogram.editor.to", [])
        self.r_type = self._dropdown("genogram.editor.relation_type", [])
        relation_box = w.VBox([self.r_pick, self.r_a, self.r_b, self.r_type,
                               self._actions("relation", self._on_relation)])
        # household
        self.h_pick = self._pick("household")
        self.h_members = self._label(w.SelectMultiple(options=[], rows=6, layout=_LAYOUT),
                                     "genogram.editor.members")
        self.h_label = self._text("genogram.editor.name")
        household_box = w.VBox([self.h_pick, self.h_members, self.h_label,
                                self._actions("household", self._on_household)])
        # network member
        self.n_pick = self._pick("network")
        self.n_name = self._text("genogram.editor.name")
        self.n_person = self._dropdown("genogram.editor.person_link", [])
        self.n_sector = self._dropdown("genogram.editor.sector", [])
        self.n_close = self._dropdown("genogram.editor.closeness", list(CLOSENESS), value=2)
        self.n_tie = self._dropdown("genogram.editor.tie", [])
        self.n_flow = self._dropdown("genogram.editor.flow", [])
        network_box = w.VBox([self.n_pick, self.n_name, self.n_person, self.n_sector,
                              self.n_close, self.n_tie, self.n_flow,
                              self._actions("network", self._on_network)])
        # save
        self.f_title = self._text("room.editor.family_name",
                                  value=pick_text(self.data.get("title"), self.lang) or "",
                                  continuous_update=False)
        self.f_title.add_class("systemsim-family-name")
        self.f_title.observe(lambda _c: self._on_title(), names="value")
        self.s_path = self._text("genogram.editor.file",
                                 value=str(self.path) if self.path else "oma_perhe.yaml")
        save_box = w.VBox([self.f_title, self.s_path, self._button("genogram.editor.save", self._on_save)])
        self.undo_button = self._label(w.Button(icon="undo"), "genogram.editor.undo")
        self.undo_button.on_click(lambda _b: self.undo())
        self.show_map = self._label(w.Checkbox(value=False), "genogram.editor.show_network")
        self.show_map.observe(lambda _c: self.refresh(), names="value")

        self._tab_keys = ["genogram.editor.person", "genogram.editor.union",
                          "genogram.editor.child", "genogram.editor.relation",
                          "genogram.editor.household", "genogram.editor.network",
                          "genogram.editor.save_tab"]
        self.tabs = w.Tab(children=[person_box, union_box, child_box, relation_box,
                                    household_box, network_box, save_box])
        for i, key in enumerate(self._tab_keys):
            self.tabs.set_title(i, t(key, self.lang))
        self.widget = w.VBox([self.tabs, w.HBox([self.undo_button, self.status]),
                              self.show_map, self.out])
        self._update_options()

    def _update_options(self, refill: bool = False) -> None:
        """New choices after a change or a language switch; `refill` also puts the saved
        values back into the fields of every chosen entry (after a change or an undo)."""
        lang = self.lang
        before = {kind: pick.value for kind, pick in self.picks.items()}
        people = [(f"{p.get('name') or p['id']} ({p['id']})", p["id"])
                  for p in self.data["people"]]
        none = [(t("genogram.editor.none", lang), NONE)]
        self._quiet = True  # the fields follow the choices below, not each step of setting them
        try:
            for dd in (self.u_a, self.u_b, self.c_child, self.r_a, self.r_b):
                _set_options(dd, people)
            for dd in (self.c_twin, self.n_person):
                _set_options(dd, none + people)
            self.h_members.options = people
            parents: list[tuple[str, Any]] = []
            for i, u in enumerate(self.data.get("unions", [])):
                parents.append((" + ".join(self._name(p) for p in u["partners"]), i))
            alone = t("room.editor.alone", lang)
            parents += [(f"{self._name(pid)} ({alone})", (pid, None))
                        for _label, pid in people]
            _set_options(self.c_parents, parents)
            _set_options(self.p_sex, self._enum_options("genogram.sex", SEXES))
            _set_options(self.p_type, self._enum_options("genogram.type", PERSON_TYPES))
            _set_options(self.u_type, self._enum_options("genogram.union", UNION_TYPES))
            _set_options(self.c_rel, self._enum_options("genogram.child", CHILD_RELATIONS))
            _set_options(self.r_type, self._enum_options("genogram.relation", RELATION_TYPES))
            _set_options(self.n_sector, self._enum_options("genogram.sector", SECTORS))
            _set_options(self.n_tie, self._enum_options("genogram.tie", TIES))
            _set_options(self.n_flow, self._enum_options("genogram.flow", FLOWS))
            for kind, pick in self.picks.items():
                _set_options(pick, [(t("genogram.editor.new", lang), NEW)] +
                             [(self._entry_label(kind, key), key) for key in self._keys(kind)])
        finally:
            self._quiet = False
        for kind, pick in self.picks.items():
            if pick.value != before[kind] or (refill and pick.value != NEW):
                self._fill(kind)
            self._show_mode(kind)

    # -- choosing an entry to edit ---------------------------------------------------------------
    def _keys(self, kind: str) -> list[Any]:
        """How each entry of a kind is found (see `systemsim.genogram.edit`)."""
        d = self.data
        if kind == "person":
            return [p["id"] for p in d["people"]]
        if kind == "network":
            return [m["id"] for m in d.get("network", [])]
        if kind == "child":
            return ([(i, c["id"]) for i, u in enumerate(d.get("unions", []))
                     for c in u.get("children", [])] +
                    [(s["parent"], s["child"]) for s in d.get("single_parents", [])])
        section = {"union": "unions", "relation": "relations", "household": "households"}[kind]
        return list(range(len(d.get(section, []))))

    def _find(self, kind: str, key: Any) -> dict[str, Any]:
        """The chosen entry, or {} for "(add new)" or an entry that is gone."""
        try:
            return find_entry(self.data, kind, key)
        except InputError:
            return {}

    def _name(self, pid: str | None) -> str:
        return self._find("person", pid).get("name") or pid or ""

    def _entry_label(self, kind: str, key: Any, lang: str | None = None) -> str:
        """How an entry reads in its tab's choice and in messages, e.g. 'Mika + Anna
        (marriage)'."""
        e, lang, name = self._find(kind, key), lang or self.lang, self._name
        if not e:
            return str(key)
        if kind == "person":
            return f"{e.get('name') or key} ({key})"
        if kind == "union":
            kind_text = t(f"genogram.union.{e.get('type', 'marriage')}", lang)
            return f"{name(e['partners'][0])} + {name(e['partners'][1])} ({kind_text})"
        if kind == "child":
            parents = (" + ".join(name(p) for p in self.data["unions"][key[0]]["partners"])
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

    def _label_words(self, kind: str, key: Any) -> Words:
        """An entry's label in every language, for a message that outlives the entry."""
        return Words.each(lambda lang: self._entry_label(kind, key, lang))

    def _fill(self, kind: str) -> None:
        """Put the chosen entry's values in the fields; "(add new)" empties them (not the
        lists of values such as sex or sector, which the next addition likely reuses)."""
        key = self.picks[kind].value
        getattr(self, f"_fill_{kind}")(self._find(kind, key) if key != NEW else {}, key)

    def _fill_person(self, p: dict[str, Any], pid: str) -> None:
        self.p_id.value, self.p_name.value = p.get("id", ""), p.get("name", "")
        self.p_born.value, self.p_died.value = _year_text(p.get("born")), _year_text(p.get("died"))
        self.p_index.value = bool(p) and self.data.get("index") == pid
        if p:
            self.p_sex.value, self.p_type.value = p.get("sex", "unknown"), p.get("type", "person")

    def _fill_union(self, u: dict[str, Any], _index: int) -> None:
        self.u_start.value, self.u_sep.value, self.u_div.value = (
            _year_text(u.get(k)) for k in ("start", "separated", "divorced"))
        if u:
            self.u_a.value, self.u_b.value = u["partners"]
            self.u_type.value = u.get("type", "marriage")

    def _fill_child(self, link: dict[str, Any], key: Any) -> None:
        self.c_twin.value = NONE  # a twin left over from an edit would surprise an addition
        if link:
            parents = key[0]
            self.c_parents.value = parents if isinstance(parents, int) else (parents, None)
            self.c_child.value = key[1]
            self.c_rel.value = link.get("relation", "biological")
            self.c_twin.value = link.get("twin_of") or NONE

    def _fill_relation(self, rel: dict[str, Any], _index: int) -> None:
        if rel:
            self.r_a.value, self.r_b.value = relation_pair(rel)
            self.r_type.value = rel["type"]

    def _fill_household(self, h: dict[str, Any], _index: int) -> None:
        self.h_members.value = tuple(h.get("members", ()))
        self.h_label.value = pick_text(h.get("label"), self.lang)

    def _fill_network(self, m: dict[str, Any], _nid: str) -> None:
        self.n_name.value = pick_text(m.get("name"), self.lang)
        self.n_person.value = NONE
        if m:
            self.n_person.value = m.get("person") or NONE
            self.n_sector.value, self.n_close.value = m["sector"], m.get("closeness", 2)
            self.n_tie.value, self.n_flow.value = m.get("tie", "strong"), m.get("flow", "both")

    def _show_mode(self, kind: str) -> None:
        """Add for "(add new)"; Update, Delete and what deleting takes for a chosen entry."""
        editing = self.picks[kind].value != NEW
        buttons = self.buttons[kind]
        buttons["add"].layout.display = "none" if editing else None
        for b in (buttons["update"], buttons["delete"]):
            b.layout.display = None if editing else "none"
        if kind == "child":  # a child's line is moved by deleting it and adding a new one
            self.c_parents.disabled = self.c_child.disabled = editing
        self.effects[kind].value = self._preview(kind) if editing else ""

    def _preview(self, kind: str) -> str:
        try:
            effects = delete_effects(self.data, kind, self.picks[kind].value)
        except InputError:
            return ""
        lang = self.lang
        also = (t("genogram.editor.delete_also", lang, items=self._effects_text(effects, lang))
                if any(e.removed for e in effects) else "")
        text = " ".join(part for part in (also, self._notes_text(effects, lang)) if part)
        return f"<span style='color:#8a4b00'>{_html(text)}</span>" if text else ""

    def _effect_text(self, effect: Effect, lang: str) -> str:
        fields = dict(effect.fields)
        if "relation" in fields:
            fields["relation"] = t(f"genogram.relation.{fields['relation']}", lang)
        if "label" in fields:
            fields["household"] = pick_text(fields.pop("label"), lang) or fields["members"]
        if isinstance(fields.get("name"), dict):  # a network member's fi/sv/en name
            fields["name"] = pick_text(fields["name"], lang)
        return t(f"genogram.editor.goes.{effect.kind}", lang, **fields)

    def _effects_text(self, effects: list[Effect], lang: str) -> str:
        """The removed entries as one list, e.g. 'the couple Mika + Anna; the relation ...'."""
        return "; ".join(self._effect_text(e, lang) for e in effects if e.removed)

    def _notes_text(self, effects: list[Effect], lang: str) -> str:
        """What stays in a new form, as sentences after the list."""
        return " ".join(self._effect_text(e, lang) for e in effects if not e.removed)

    # button handlers: read the fields, call the methods above
    def _on_pick(self, kind: str) -> None:
        if not self._quiet:
            self._fill(kind)
            self._show_mode(kind)

    def _on_update(self, kind: str) -> None:
        self.edit(kind, self.picks[kind].value, **getattr(self, f"_{kind}_fields")())

    def _on_delete(self, kind: str) -> None:
        self.delete(kind, self.picks[kind].value)

    def _person_fields(self) -> dict[str, Any]:
        return {"id": self.p_id.value, "name": self.p_name.value, "sex": self.p_sex.value,
                "born": self.p_born.value, "died": self.p_died.value, "type": self.p_type.value,
                "index": self.p_index.value}

    def _union_fields(self) -> dict[str, Any]:
        return {"partners": (self.u_a.value, self.u_b.value), "type": self.u_type.value,
                "start": self.u_start.value, "separated": self.u_sep.value,
                "divorced": self.u_div.value}

    def _child_fields(self) -> dict[str, Any]:
        return {"relation": self.c_rel.value, "twin_of": self.c_twin.value or None}

    def _relation_fields(self) -> dict[str, Any]:
        return {"a": self.r_a.value, "b": self.r_b.value, "type": self.r_type.value}

    def _household_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"members": list(self.h_members.value)}
        old = self._find("household", self.h_pick.value).get("label")
        if self.h_label.value != pick_text(old, self.lang):  # keep the fi/sv/en label unless retyped
            fields["label"] = self.h_label.value
        return fields

    def _network_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"person": self.n_person.value or None,
                                  "sector": self.n_sector.value, "closeness": self.n_close.value,
                                  "tie": self.n_tie.value, "flow": self.n_flow.value}
        old = self._find("network", self.n_pick.value).get("name")
        if self.n_name.value != pick_text(old, self.lang):  # keep the fi/sv/en name unless retyped
            fields["name"] = self.n_name.value
        return fields

    def _on_person(self) -> None:
        if self.add_person(self.p_id.value, self.p_name.value, self.p_sex.value,
                           self.p_born.value, self.p_died.value, self.p_type.value,
                           self.p_index.value):
            self.p_id.value = self.p_name.value = self.p_born.value = self.p_died.value = ""
            self.p_index.value = False  # the next person added is not the index person unless ticked

    def _on_union(self) -> None:
        self.add_union(self.u_a.value, self.u_b.value, self.u_type.value, self.u_start.value,
                       self.u_sep.value, self.u_div.value)

    def _on_child(self) -> None:
        if self.c_parents.value is None or self.c_child.value is None:
            self._say(Message("genogram.editor.need_person"), ok=False)
            return
        self.add_child(self.c_parents.value, self.c_child.value, self.c_rel.value,
                       self.c_twin.value or None)

    def _on_relation(self) -> None:
        self.add_relation(self.r_a.value, self.r_b.value, self.r_type.value)

    def _on_household(self) -> None:
        self.add_household(list(self.h_members.value), self.h_label.value)

    def _on_network(self) -> None:
        self.add_network_member(self.n_name.value, self.n_sector.value, self.n_close.value,
                                self.n_tie.value, self.n_flow.value, self.n_person.value or None)

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

    def _on_title(self) -> None:
        if not self._quiet:
            self.set_title(self.f_title.value)

    def _on_save(self) -> None:
        self.save(self.s_path.value)

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


_BAD = object()


def _set_options(dropdown: w.Dropdown, options: list) -> None:
    old = dropdown.value
    dropdown.options = options
    values = [v for _, v in options]
    if old in values:
        dropdown.value = old
    elif values:
        dropdown.value = values[0]


def _year_text(year: int | None) -> str:
    return "" if year is None else str(year)


#: the family file's field names a check may name, as the editor's words
_FIELD_WORDS = {"id": "room.field.id", "index": "room.field.index", "person": "room.field.person"}


def _short(exc: BaseException) -> BaseException:
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


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "_" for c in text.strip())
    return out.strip("_") or "jasen"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def genogram_editor(family: GenogramFamily | dict | str | Path | None = None,
                    path: str | Path | None = None, lang: str | None = None) -> GenogramEditor:
    """Open the editor on a family (a `GenogramFamily`, a dict, a YAML path) or on an empty one."""
    return GenogramEditor(family, path=path, lang=lang)
