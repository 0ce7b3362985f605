"""A genogram editor for a notebook: add people, couples, children, relations and network
members with a few fields each, see the drawing change, save the family as YAML.

All editing goes through `GenogramEditor`'s methods, which change a plain family dict and
check it with the same validation as family files; a bad value leaves the family as it was
and shows one sentence in the widget, never a traceback. The widgets only read fields and
call those methods, so the editing logic is tested without a browser.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython import get_ipython
from IPython.display import display

from systemsim.errors import InputError
from systemsim.genogram import (
    Family,
    draw_genogram,
    draw_network_map,
    family_from_dict,
    load_family,
    save_family,
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
from systemsim.i18n import get_language, on_language_change, t

_LABEL_STYLE = {"description_width": "16em"}
_LAYOUT = w.Layout(width="36em")


class GenogramEditor:
    """Edit a family in a notebook; `display(editor)` or just leave it last in a cell."""

    def __init__(self, family: Family | dict | str | Path | None = None,
                 path: str | Path | None = None, lang: str | None = None):
        if isinstance(family, str | Path):
            path = path or family
            family = load_family(family)
        if isinstance(family, Family):
            data = family.to_dict()
        elif isinstance(family, dict):
            data = family_from_dict(family).to_dict()
        else:
            data = {"kind": "family", "id": "uusi_perhe", "people": []}
        self.data: dict[str, Any] = data
        self.path = Path(path) if path else None
        self.fixed_lang = lang
        self.message = ""
        self.ok = True
        self._history: list[dict[str, Any]] = []
        self._labels: list[tuple[w.Widget, str]] = []
        self._build()
        self._unsubscribe = on_language_change(lambda _lang: self.relabel())
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
        for widget, key in self._labels:
            widget.description = t(key, self.lang)
        for i, key in enumerate(self._tab_keys):
            self.tabs.set_title(i, t(key, self.lang))
        self._update_options()
        self.refresh()

    # -- the family ------------------------------------------------------------------------
    @property
    def family(self) -> Family | None:
        """The checked family, or None while it has no people yet."""
        return family_from_dict(self.data, source="editor") if self.data["people"] else None

    def _apply(self, change, what: str) -> bool:
        """Try one change on a copy; keep it only if the whole family is still valid."""
        import copy

        trial = copy.deepcopy(self.data)
        try:
            change(trial)
            family_from_dict(trial, source="editor")
        except (InputError, ValueError) as exc:
            self._say(t("genogram.editor.error", self.lang, message=_short(exc)), ok=False)
            return False
        self._history.append(self.data)
        self.data = trial
        self._say(t("genogram.editor.added", self.lang, what=what), ok=True)
        self._update_options()
        self.refresh()
        return True

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
                    raise InputError(f"{union[0]} and {union[1]} are not a couple yet; add "
                                     "the couple first")
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

    def undo(self) -> bool:
        """Take back the last addition."""
        if not self._history:
            return False
        self.data = self._history.pop()
        self._say(t("genogram.editor.undone", self.lang), ok=True)
        self._update_options()
        self.refresh()
        return True

    def save(self, path: str | Path | None = None) -> bool:
        target = Path(path) if path else self.path
        try:
            if target is None or not str(target).strip():
                raise InputError("give a file name, e.g. oma_perhe.yaml")
            if target.suffix.lower() not in (".yaml", ".yml"):
                raise InputError(f"the file name should end in .yaml, got {target.name!r}")
            family = self.family
            if family is None:
                raise InputError(t("genogram.editor.need_person", self.lang))
            save_family(family, target)
        except (InputError, OSError) as exc:
            self._say(t("genogram.editor.error", self.lang, message=_short(exc)), ok=False)
            return False
        self.path = target
        self._say(t("genogram.editor.saved", self.lang, path=target), ok=True)
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
            self._say(t("genogram.editor.bad_year", self.lang, field=t(key, self.lang),
                        value=value), ok=False)
            return _BAD

    # -- widgets -----------------------------------------------------------------------------------
    def _say(self, text: str, ok: bool) -> None:
        self.message, self.ok = text, ok
        if hasattr(self, "status"):
            colour = "#1b5e20" if ok else "#b71c1c"
            self.status.value = f"<span style='color:{colour};font-size:1.1em'>{_html(text)}</span>"

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

    def _build(self) -> None:
        self.status = w.HTML()
        self.out = w.Output()
        # person
        self.p_id = self._text("genogram.editor.id")
        self.p_name = self._text("genogram.editor.name")
        self.p_sex = self._dropdown("genogram.editor.sex", [])
        self.p_born = self._text("genogram.editor.born", placeholder="2015")
        self.p_died = self._text("genogram.editor.died")
        self.p_type = self._dropdown("genogram.editor.type", [])
        self.p_index = self._label(w.Checkbox(value=False), "genogram.editor.index")
        person_box = w.VBox([self.p_id, self.p_name, self.p_sex, self.p_born, self.p_died,
                             self.p_type, self.p_index,
                             self._button("genogram.editor.add", self._on_person)])
        # union
        self.u_a = self._dropdown("genogram.editor.partner_a", [])
        self.u_b = self._dropdown("genogram.editor.partner_b", [])
        self.u_type = self._dropdown("genogram.editor.type", [])
        self.u_start = self._text("genogram.editor.start")
        self.u_sep = self._text("genogram.editor.separated")
        self.u_div = self._text("genogram.editor.divorced")
        union_box = w.VBox([self.u_a, self.u_b, self.u_type, self.u_start, self.u_sep,
                            self.u_div, self._button("genogram.editor.add", self._on_union)])
        # child
        self.c_parents = self._dropdown("genogram.editor.parents", [])
        self.c_child = self._dropdown("genogram.editor.child_person", [])
        self.c_rel = self._dropdown("genogram.editor.relation_kind", [])
        self.c_twin = self._dropdown("genogram.editor.twin_of", [])
        child_box = w.VBox([self.c_parents, self.c_child, self.c_rel, self.c_twin,
                            self._button("genogram.editor.add", self._on_child)])
        # relation
        self.r_a = self._dropdown("genogram.editor.from", [])
        self.r_b = self._dropdown("genogram.editor.to", [])
        self.r_type = self._dropdown("genogram.editor.relation_type", [])
        relation_box = w.VBox([self.r_a, self.r_b, self.r_type,
                               self._button("genogram.editor.add", self._on_relation)])
        # household
        self.h_members = self._label(w.SelectMultiple(options=[], rows=6, layout=_LAYOUT),
                                     "genogram.editor.members")
        self.h_label = self._text("genogram.editor.name")
        household_box = w.VBox([self.h_members, self.h_label,
                                self._button("genogram.editor.add", self._on_household)])
        # network member
        self.n_name = self._text("genogram.editor.name")
        self.n_person = self._dropdown("genogram.editor.person_link", [])
        self.n_sector = self._dropdown("genogram.editor.sector", [])
        self.n_close = self._dropdown("genogram.editor.closeness", list(CLOSENESS), value=2)
        self.n_tie = self._dropdown("genogram.editor.tie", [])
        self.n_flow = self._dropdown("genogram.editor.flow", [])
        network_box = w.VBox([self.n_name, self.n_person, self.n_sector, self.n_close,
                              self.n_tie, self.n_flow,
                              self._button("genogram.editor.add", self._on_network)])
        # save
        self.s_path = self._text("genogram.editor.file",
                                 value=str(self.path) if self.path else "oma_perhe.yaml")
        save_box = w.VBox([self.s_path, self._button("genogram.editor.save", self._on_save)])
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

    def _update_options(self) -> None:
        lang = self.lang
        people = [(f"{p.get('name') or p['id']} ({p['id']})", p["id"])
                  for p in self.data["people"]]
        none = [(t("genogram.editor.none", lang), None)]
        for dd in (self.u_a, self.u_b, self.c_child, self.r_a, self.r_b):
            _set_options(dd, people)
        for dd in (self.c_twin, self.n_person):
            _set_options(dd, none + people)
        self.h_members.options = people
        parents: list[tuple[str, Any]] = []
        for i, u in enumerate(self.data.get("unions", [])):
            parents.append((" + ".join(u["partners"]), i))
        parents += [(f"{label} ({t('genogram.editor.none', lang)})", (pid, None))
                    for label, pid in people]
        _set_options(self.c_parents, parents)
        _set_options(self.p_sex, self._enum_options("genogram.sex", SEXES))
        _set_options(self.p_type, self._enum_options("genogram.type", PERSON_TYPES))
        _set_options(self.u_type, self._enum_options("genogram.union", UNION_TYPES))
        _set_options(self.c_rel, self._enum_options("genogram.child", CHILD_RELATIONS))
        _set_options(self.r_type, self._enum_options("genogram.relation", RELATION_TYPES))
        _set_options(self.n_sector, self._enum_options("genogram.sector", SECTORS))
        _set_options(self.n_tie, self._enum_options("genogram.tie", TIES))
        _set_options(self.n_flow, self._enum_options("genogram.flow", FLOWS))

    # button handlers: read the fields, call the methods above
    def _on_person(self) -> None:
        if self.add_person(self.p_id.value, self.p_name.value, self.p_sex.value,
                           self.p_born.value, self.p_died.value, self.p_type.value,
                           self.p_index.value):
            self.p_id.value = self.p_name.value = self.p_born.value = self.p_died.value = ""

    def _on_union(self) -> None:
        self.add_union(self.u_a.value, self.u_b.value, self.u_type.value, self.u_start.value,
                       self.u_sep.value, self.u_div.value)

    def _on_child(self) -> None:
        if self.c_parents.value is None or self.c_child.value is None:
            self._say(t("genogram.editor.need_person", self.lang), ok=False)
            return
        self.add_child(self.c_parents.value, self.c_child.value, self.c_rel.value,
                       self.c_twin.value)

    def _on_relation(self) -> None:
        self.add_relation(self.r_a.value, self.r_b.value, self.r_type.value)

    def _on_household(self) -> None:
        self.add_household(list(self.h_members.value), self.h_label.value)

    def _on_network(self) -> None:
        self.add_network_member(self.n_name.value, self.n_sector.value, self.n_close.value,
                                self.n_tie.value, self.n_flow.value, self.n_person.value)

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
        if get_ipython() is None:
            return
        self.out.clear_output(wait=True)
        with self.out:
            if fig is None:
                print(t("genogram.editor.need_person", self.lang))
            else:
                display(fig)

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


def _short(exc: BaseException) -> str:
    """An InputError without the '<editor>:' file prefix."""
    if isinstance(exc, InputError):
        return f"{exc.where}: {exc.message}" if exc.where else exc.message
    return str(exc)


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "_" for c in text.strip())
    return out.strip("_") or "jasen"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def genogram_editor(family: Family | dict | str | Path | None = None,
                    path: str | Path | None = None, lang: str | None = None) -> GenogramEditor:
    """Open the editor on a family (a `Family`, a dict, a YAML path) or on an empty one."""
    return GenogramEditor(family, path=path, lang=lang)
