"""Between the genogram editor's fields and its family: a chosen entry's values into the
fields, the fields' values into an addition or a change, and the buttons that do it.

A part of `GenogramEditor` (`systemsim.ui.genogram_editor`): the handlers only read fields
and call the editor's methods (`add_person`, `edit`, `delete`, ...), so everything they do
is tested through those methods without a browser.
"""

from __future__ import annotations

from typing import Any

from systemsim.errors import InputError
from systemsim.genogram.edit import delete_effects, relation_pair
from systemsim.genogram.texts import pick_text
from systemsim.i18n import t
from systemsim.ui.genogram_editor_entries import effects_text, find_or_empty, notes_text
from systemsim.ui.genogram_editor_form import NEW, NONE, html_text
from systemsim.ui.language import Message


def year_text(year: int | None) -> str:
    """A year as the field shows it ('' for none)."""
    return "" if year is None else str(year)


class EditorFields:
    """Filling the fields of `GenogramEditor` from an entry and reading them back."""

    data: dict[str, Any]
    lang: str
    _quiet: bool

    def _fill(self, kind: str) -> None:
        """Put the chosen entry's values in the fields; "(add new)" empties them (not the
        lists of values such as sex or sector, which the next addition likely reuses)."""
        key = self.picks[kind].value
        getattr(self, f"_fill_{kind}")(find_or_empty(self.data, kind, key) if key != NEW else {},
                                       key)

    def _fill_person(self, p: dict[str, Any], pid: str) -> None:
        self.p_id.value, self.p_name.value = p.get("id", ""), p.get("name", "")
        self.p_born.value, self.p_died.value = year_text(p.get("born")), year_text(p.get("died"))
        self.p_index.value = bool(p) and self.data.get("index") == pid
        if p:
            self.p_sex.value, self.p_type.value = p.get("sex", "unknown"), p.get("type", "person")

    def _fill_union(self, u: dict[str, Any], _index: int) -> None:
        self.u_start.value, self.u_sep.value, self.u_div.value = (
            year_text(u.get(k)) for k in ("start", "separated", "divorced"))
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
        also = (t("genogram.editor.delete_also", lang, items=effects_text(effects, lang))
                if any(e.removed for e in effects) else "")
        text = " ".join(part for part in (also, notes_text(effects, lang)) if part)
        return f"<span style='color:#8a4b00'>{html_text(text)}</span>" if text else ""

    # button handlers: read the fields, call the editor's methods
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
        old = find_or_empty(self.data, "household", self.h_pick.value).get("label")
        if self.h_label.value != pick_text(old, self.lang):  # keep the fi/sv/en label unless retyped
            fields["label"] = self.h_label.value
        return fields

    def _network_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"person": self.n_person.value or None,
                                  "sector": self.n_sector.value, "closeness": self.n_close.value,
                                  "tie": self.n_tie.value, "flow": self.n_flow.value}
        old = find_or_empty(self.data, "network", self.n_pick.value).get("name")
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

    def _on_title(self) -> None:
        if not self._quiet:
            self.set_title(self.f_title.value)

    def _on_save(self) -> None:
        self.save(self.s_path.value)
