"""The genogram editor's widgets: one tab per kind of entry, each with a choice at the top
("(add new)" or an existing entry), its fields and its buttons, and the save tab.

A part of `GenogramEditor` (`systemsim.ui.genogram_editor`), kept apart so that the editing
logic there reads without the widget plumbing. Every label is a text key kept beside its
widget, so a language switch relabels the form without touching what is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from systemsim.genogram.model import (
    CHILD_RELATIONS,
    CLOSENESS,
    FLOWS,
    PERSON_TYPES,
    RELATION_TYPES,
    SECTORS,
    SEXES,
    TIES,
    UNION_TYPES,
)
from systemsim.genogram.texts import pick_text
from systemsim.i18n import t
from systemsim.ui.genogram_editor_entries import entry_keys, entry_label, person_name

_LABEL_STYLE = {"description_width": "16em"}
_LAYOUT = w.Layout(width="36em")
NEW = ""  # the choice "(add new)" at the top of each tab
NONE = ""  # "(none)" in the optional person and twin choices (None would show as blank)
TAB_KEYS = ["genogram.editor.person", "genogram.editor.union", "genogram.editor.child",
            "genogram.editor.relation", "genogram.editor.household", "genogram.editor.network",
            "genogram.editor.save_tab"]


def set_options(dropdown: w.Dropdown, options: list) -> None:
    """New choices that keep the chosen value when it is still there, else the first."""
    old = dropdown.value
    dropdown.options = options
    values = [v for _, v in options]
    if old in values:
        dropdown.value = old
    elif values:
        dropdown.value = values[0]


def html_text(text: str) -> str:
    """Plain text made safe inside an HTML widget."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class EditorForm:
    """The widgets of `GenogramEditor` and the labels and choices they show."""

    data: dict[str, Any]
    lang: str
    path: Any
    _labels: list[tuple[w.Widget, str]]

    def _label(self, widget: w.Widget, key: str) -> w.Widget:
        self._labels.append((widget, key))
        widget.description = t(key, self.lang)
        if isinstance(widget, w.Checkbox):
            widget.indent = False
            widget.layout = w.Layout(width="36em")
        elif hasattr(widget, "style") and not isinstance(widget, w.Button):
            widget.style = _LABEL_STYLE
        return widget

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
        boxes = [self._person_tab(), self._union_tab(), self._child_tab(), self._relation_tab(),
                 self._household_tab(), self._network_tab(), self._save_tab()]
        self.undo_button = self._label(w.Button(icon="undo"), "genogram.editor.undo")
        self.undo_button.on_click(lambda _b: self.undo())
        self.show_map = self._label(w.Checkbox(value=False), "genogram.editor.show_network")
        self.show_map.observe(lambda _c: self.refresh(), names="value")

        self._tab_keys = list(TAB_KEYS)
        self.tabs = w.Tab(children=boxes)
        for i, key in enumerate(self._tab_keys):
            self.tabs.set_title(i, t(key, self.lang))
        self.widget = w.VBox([self.tabs, w.HBox([self.undo_button, self.status]),
                              self.show_map, self.out])
        self._update_options()

    def _person_tab(self) -> w.VBox:
        self.p_pick = self._pick("person")
        self.p_id = self._text("genogram.editor.id")
        self.p_name = self._text("genogram.editor.name")
        self.p_sex = self._dropdown("genogram.editor.sex", [])
        self.p_born = self._text("genogram.editor.born", placeholder="2015")
        self.p_died = self._text("genogram.editor.died")
        self.p_type = self._dropdown("genogram.editor.type", [])
        self.p_index = self._label(w.Checkbox(value=False), "genogram.editor.index")
        return w.VBox([self.p_pick, self.p_id, self.p_name, self.p_sex, self.p_born,
                       self.p_died, self.p_type, self.p_index,
                       self._actions("person", self._on_person)])

    def _union_tab(self) -> w.VBox:
        self.u_pick = self._pick("union")
        self.u_a = self._dropdown("genogram.editor.partner_a", [])
        self.u_b = self._dropdown("genogram.editor.partner_b", [])
        self.u_type = self._dropdown("genogram.editor.type", [])
        self.u_start = self._text("genogram.editor.start")
        self.u_sep = self._text("genogram.editor.separated")
        self.u_div = self._text("genogram.editor.divorced")
        return w.VBox([self.u_pick, self.u_a, self.u_b, self.u_type, self.u_start,
                       self.u_sep, self.u_div, self._actions("union", self._on_union)])

    def _child_tab(self) -> w.VBox:
        self.c_pick = self._pick("child")
        self.c_parents = self._dropdown("genogram.editor.parents", [])
        self.c_child = self._dropdown("genogram.editor.child_person", [])
        self.c_rel = self._dropdown("genogram.editor.relation_kind", [])
        self.c_twin = self._dropdown("genogram.editor.twin_of", [])
        return w.VBox([self.c_pick, self.c_parents, self.c_child, self.c_rel, self.c_twin,
                       self._actions("child", self._on_child)])

    def _relation_tab(self) -> w.VBox:
        self.r_pick = self._pick("relation")
        self.r_a = self._dropdown("genogram.editor.from", [])
        self.r_b = self._dropdown("genogram.editor.to", [])
        self.r_type = self._dropdown("genogram.editor.relation_type", [])
        return w.VBox([self.r_pick, self.r_a, self.r_b, self.r_type,
                       self._actions("relation", self._on_relation)])

    def _household_tab(self) -> w.VBox:
        self.h_pick = self._pick("household")
        self.h_members = self._label(w.SelectMultiple(options=[], rows=6, layout=_LAYOUT),
                                     "genogram.editor.members")
        self.h_label = self._text("genogram.editor.name")
        return w.VBox([self.h_pick, self.h_members, self.h_label,
                       self._actions("household", self._on_household)])

    def _network_tab(self) -> w.VBox:
        self.n_pick = self._pick("network")
        self.n_name = self._text("genogram.editor.name")
        self.n_person = self._dropdown("genogram.editor.person_link", [])
        self.n_sector = self._dropdown("genogram.editor.sector", [])
        self.n_close = self._dropdown("genogram.editor.closeness", list(CLOSENESS), value=2)
        self.n_tie = self._dropdown("genogram.editor.tie", [])
        self.n_flow = self._dropdown("genogram.editor.flow", [])
        return w.VBox([self.n_pick, self.n_name, self.n_person, self.n_sector,
                       self.n_close, self.n_tie, self.n_flow,
                       self._actions("network", self._on_network)])

    def _save_tab(self) -> w.VBox:
        self.f_title = self._text("room.editor.family_name",
                                  value=pick_text(self.data.get("title"), self.lang) or "",
                                  continuous_update=False)
        self.f_title.add_class("systemsim-family-name")
        self.f_title.observe(lambda _c: self._on_title(), names="value")
        self.s_path = self._text("genogram.editor.file",
                                 value=str(self.path) if self.path else "oma_perhe.yaml")
        return w.VBox([self.f_title, self.s_path,
                       self._button("genogram.editor.save", self._on_save)])

    def _update_options(self, refill: bool = False) -> None:
        """New choices after a change or a language switch; `refill` also puts the saved
        values back into the fields of every chosen entry (after a change or an undo)."""
        before = {kind: pick.value for kind, pick in self.picks.items()}
        self._quiet = True  # the fields follow the choices below, not each step of setting them
        try:
            self._set_choices(self.lang)
        finally:
            self._quiet = False
        for kind, pick in self.picks.items():
            if pick.value != before[kind] or (refill and pick.value != NEW):
                self._fill(kind)
            self._show_mode(kind)

    def _set_choices(self, lang: str) -> None:
        """Every choice in the form: people, parents, kinds and the entries to edit."""
        people = [(f"{p.get('name') or p['id']} ({p['id']})", p["id"])
                  for p in self.data["people"]]
        none = [(t("genogram.editor.none", lang), NONE)]
        for dd in (self.u_a, self.u_b, self.c_child, self.r_a, self.r_b):
            set_options(dd, people)
        for dd in (self.c_twin, self.n_person):
            set_options(dd, none + people)
        self.h_members.options = people
        parents: list[tuple[str, Any]] = []
        for i, u in enumerate(self.data.get("unions", [])):
            parents.append((" + ".join(person_name(self.data, p) for p in u["partners"]), i))
        alone = t("room.editor.alone", lang)
        parents += [(f"{person_name(self.data, pid)} ({alone})", (pid, None))
                    for _label, pid in people]
        set_options(self.c_parents, parents)
        set_options(self.p_sex, self._enum_options("genogram.sex", SEXES))
        set_options(self.p_type, self._enum_options("genogram.type", PERSON_TYPES))
        set_options(self.u_type, self._enum_options("genogram.union", UNION_TYPES))
        set_options(self.c_rel, self._enum_options("genogram.child", CHILD_RELATIONS))
        set_options(self.r_type, self._enum_options("genogram.relation", RELATION_TYPES))
        set_options(self.n_sector, self._enum_options("genogram.sector", SECTORS))
        set_options(self.n_tie, self._enum_options("genogram.tie", TIES))
        set_options(self.n_flow, self._enum_options("genogram.flow", FLOWS))
        for kind, pick in self.picks.items():
            set_options(pick, [(t("genogram.editor.new", lang), NEW)] +
                        [(entry_label(self.data, kind, key, lang), key)
                         for key in entry_keys(self.data, kind)])
