"""The dashboard's page: its widgets and how they hang together, their labels in the
reader's language, and the status and error lines.

A part of `Dashboard` (`systemsim.ui.dashboard`), kept apart so that the running and
drawing there read without the widget plumbing. The status line is kept as a text key and
its fields, so a language switch tells it again in the new language.
"""

from __future__ import annotations

import html
import weakref
from pathlib import Path

import ipywidgets as w

from systemsim.errors import describe_error
from systemsim.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    get_language,
    has_text,
    on_language_change,
    set_language,
    t,
)
from systemsim.ui.dashboard_controls import LEFT, RIGHT
from systemsim.ui.dashboard_tabs import TABS
from systemsim.ui.dashboard_unknowns import unknowns_html
from systemsim.ui.lifetime import close_tree, while_open
from systemsim.viz import fmt_number
from systemsim.whatif.levers import UNCERTAINTIES, WAYS_OF_WORKING


class DashboardPage:
    """The widgets of `Dashboard`, their labels and its status line."""

    files: dict[str, Path]
    controls: dict[str, w.ValueWidget]
    _quiet: bool
    _said: tuple[str, dict] | None
    _error: Exception | None

    def _build(self, show_language: bool) -> None:
        """Every widget but the controls, and the page they make together."""
        self.reset_button = w.Button(icon="undo")
        self.stop_button = w.Button(button_style="danger", icon="stop",
                                    layout=w.Layout(display="none"))
        self.stop_button.add_class("systemsim-stop")
        self.progress = w.IntProgress(value=0, min=0, max=1, layout=w.Layout(display="none"))
        self.status = w.HTML()
        self.status.add_class("systemsim-status")
        self.message = w.HTML()
        self.headline = w.HTML()
        self.changes = w.HTML()
        self.changes.add_class("systemsim-changes")
        self.report_button = w.Button(icon="file")
        self.report_button.add_class("systemsim-report")
        self.download = w.HTML()
        self.outputs = {k: w.Output() for k in TABS}
        self.tabs = w.Tab(children=[self.outputs[k] for k in TABS], selected_index=0)
        self.title = w.HTML()
        self.language = w.ToggleButtons(
            options=[(LANGUAGE_NAMES[k], k) for k in LANGUAGES], value=get_language(),
            style={"button_width": "6em"},
            layout=w.Layout(display="" if show_language else "none"))
        self.language.add_class("systemsim-language")
        self.note = w.HTML()
        self.widget = w.VBox([
            w.HBox([self.title, self.language], layout=w.Layout(
                justify_content="space-between", align_items="center", width="100%")),
            self.note,
            w.HBox([w.VBox([self.controls[k] for k in LEFT]),
                    w.VBox([self.controls[k] for k in RIGHT]
                           + [w.HBox([self.reset_button, self.stop_button])])],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.progress, self.status]), self.message, self.changes, self.headline,
            w.HBox([self.report_button, self.download]), self.tabs, self._decompose_box(),
            self._unknowns_box(),
        ])
        self.widget.add_class("systemsim-dashboard")

    def _connect(self) -> None:
        """Controls, buttons and the language switch to their handlers; the switch and the
        closing of the page hold the dashboard only weakly."""
        for key, control in self.controls.items():
            control.observe(self._on_base if key == "base" else self._on_change, names="value")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.language.observe(lambda ch: set_language(ch["new"]), names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.report_button.on_click(lambda _: self.make_report())
        self.stop_button.on_click(lambda _: self.stop())
        ref = weakref.ref(self)

        def relabel(_lang: str) -> None:
            dash = ref()
            if dash is not None:
                dash.relabel(redraw=True)

        def stop_run() -> None:
            dash = ref()
            if dash is not None:
                dash.stop()

        while_open(self.widget, on_language_change(relabel), stop_run)

    def close(self) -> None:
        """Stop any run, stop following the language switch and close the widgets."""
        self.stop()
        close_tree(self.widget)

    def scenario_title(self, name: str, lang: str | None = None) -> str:
        """A base scenario's name in the page's language (`leaders.scenario.<file stem>`), else its own."""
        key = f"leaders.scenario.{Path(self.files[name]).stem}"
        return t(key, lang or get_language()) if has_text(key) else name

    def _relabel_bases(self, lang: str) -> None:
        box = self.controls["base"]
        current, quiet = box.value, self._quiet
        self._quiet = True  # new labels, same choice: no new run
        try:
            box.options = [(self.scenario_title(name, lang), name) for name in self.files]
            box.value = current
        finally:
            self._quiet = quiet

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def relabel(self, redraw: bool = True) -> None:
        lang = get_language()
        if self.language.value != lang:
            self.language.value = lang  # switched elsewhere (e.g. the notebook's language widget)
        self.title.value = f"<h2>{html.escape(t('leaders.dashboard.title', lang))}</h2>"
        self.note.value = (f"<p>{html.escape(t('leaders.dashboard.intro', lang))}</p>"
                           f"<p><small>{html.escape(t('leaders.dashboard.cap_note', lang))}</small></p>")
        for key, control in self.controls.items():
            control.description = t(f"leaders.control.{key}", lang)
        quiet, self._quiet = self._quiet, True  # new readout, same number: no new run
        try:
            self.controls["social_workers"].relabel(lang)
        finally:
            self._quiet = quiet
        self._show_status(lang)
        if self._error is not None:
            self._show_error(self._error)
        self._relabel_bases(lang)
        self.controls["way_of_working"].options = [
            (t(f"leaders.way.{k}", lang), k) for k in WAYS_OF_WORKING]
        self.controls["uncertainty"].options = [
            (t(f"leaders.uncertainty.{k}", lang), k) for k in UNCERTAINTIES]
        self.reset_button.description = t("leaders.reset", lang)
        self.report_button.description = t("leaders.make_report", lang)
        self.report_button.layout.width = "auto"
        self.stop_button.description = t("leaders.stop", lang)
        self.decompose_button.description = t("decompose.button", lang)
        self.unknowns_button.description = t("leaders.unknowns.button", lang)
        answer = getattr(self, "unknowns_answer", None)
        if answer is not None and self.unknowns.value:  # told again in the new language
            self.unknowns.value = unknowns_html(answer, lang)
        for i, key in enumerate(TABS):
            self.tabs.set_title(i, t(f"leaders.tab.{key}", lang))
        if redraw and self.tables is not None:
            with self._lock:
                self._draw()

    def _show_error(self, exc: Exception) -> None:
        self._error = exc
        self.message.value = (f'<div class="systemsim-error" style="color:#b03a2e;font-weight:bold">'
                              f"{html.escape(describe_error(exc, get_language()))}</div>")

    def _say(self, key: str, **fields) -> None:
        """Set the status line; kept as key and fields so a language switch tells it again."""
        self._said = (key, fields)
        self._show_status(get_language())

    def _show_status(self, lang: str) -> None:
        if self._said is None:
            return
        key, fields = self._said
        shown = {k: fmt_number(v, lang, 1) if isinstance(v, float) else v
                 for k, v in fields.items()}
        self.status.value = html.escape(t(key, lang, **shown))
