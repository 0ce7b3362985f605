"""The leaders' what-if dashboard: move staffing, caseload cap, way of working and early support.

The base scenario runs once and is cached; each move runs only the what-if and redraws every
figure against the base with its 5–95 % band. Runs longer than `foreground_limit`
replication-years go to a background thread with a progress bar and a Stop button that stops
between replications.

    from systemsim.ui.dashboard import dashboard
    dashboard()
"""

from __future__ import annotations

import html
import threading
import time
import weakref
from pathlib import Path

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from systemsim.errors import InputError, describe_error
from systemsim.experiment import Stopped, combine
from systemsim.experiment.kpis import GRID_KPIS, HEADLINE_KPIS
from systemsim.experiment.plausibility import run_warnings
from systemsim.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    get_language,
    has_text,
    on_language_change,
    set_language,
    t,
)
from systemsim.scenario import load_scenario
from systemsim.ui.lifetime import close_tree, while_open
from systemsim.ui.number_slider import NumberSlider
from systemsim.viz import (
    before_after,
    caseload_distribution,
    costs_by_item,
    family_flow,
    fmt_number,
    kpi_grid,
    limits_for,
    placements_by_type,
    workforce_panel,
)
from systemsim.viz.headline import headline_table
from systemsim.viz.labels import costs_times, money_in
from systemsim.viz.plotly_config import display_output
from systemsim.viz.tables import summary_of
from systemsim.whatif.assumptions import assumptions_that_differ
from systemsim.whatif.levers import (
    BASE_CACHE,
    LEVERS,
    WAYS_OF_WORKING,
    apply_levers,
    base_run,
    check_values,
    default_base,
    describe_changes,
    lever_values,
    slider_limits,
    whatif_run,
)
from systemsim.whatif.scenarios import bundled_scenarios

BASE, WHATIF = "base", "whatif"
TABS = ("grid", "compare", "placements", "costs", "caseload", "flow", "workforce")


def plotly_bundle(fig: go.Figure) -> dict:
    """A display_data output that JupyterLab and Voilà render with plotly's own renderer,
    with the shared config (no cloud button, toolbar in the figure's language)."""
    return display_output(fig)


def _slider_range(name: str) -> tuple[float, float, float]:
    """A lever's slider range (`whatif.levers`, the one place for ranges) as low, high, step."""
    lim = slider_limits(name)
    return lim["min"], lim["max"], lim["step"]


class Dashboard:
    """Widgets and state of one dashboard (display it, or call `.set(...)` from code)."""

    def __init__(self, scenarios: dict[str, Path] | None = None, base: str | None = None, *,
                 years: int = 5, replications: int = 10, seed: int = 2024,
                 foreground_limit: int = 60, show_language: bool = True):
        self.files = dict(scenarios) if scenarios is not None else bundled_scenarios()
        self.seed = seed
        self.foreground_limit = foreground_limit
        self.figures: dict[str, go.Figure] = {}
        self.tables: pd.DataFrame | None = None
        self.answer_seconds: float | None = None
        self._quiet = False
        self._said: tuple[str, dict] | None = None  # the status line as key and fields
        self._error: Exception | None = None
        self._worker: threading.Thread | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        name = base or default_base(self.files)
        if name not in self.files:
            raise InputError(f"unknown base scenario {name!r}; choose one of {', '.join(self.files)}")

        style = {"description_width": "19em"}
        wide = w.Layout(width="40em")
        self.controls = {
            "base": w.Dropdown(options=list(self.files), value=name, style=style, layout=wide),
            "social_workers": NumberSlider(*_slider_range("social_workers"), 1, get_language(),
                                           style=style, layout=wide, continuous_update=False),
            "caseload_cap": w.IntSlider(**slider_limits("caseload_cap"), style=style, layout=wide,
                                        continuous_update=False),
            "way_of_working": w.ToggleButtons(options=[("", k) for k in WAYS_OF_WORKING],
                                              style=style),
            "early_support_places": w.IntSlider(**slider_limits("early_support_places"), style=style,
                                                layout=wide, continuous_update=False),
            "years": w.IntSlider(value=years, **slider_limits("years"), style=style, layout=wide,
                                 continuous_update=False),
            "replications": w.IntSlider(value=replications, **slider_limits("replications"),
                                        style=style, layout=wide, continuous_update=False),
        }
        for key, control in self.controls.items():
            control.add_class(f"systemsim-{key.replace('_', '-')}")
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
            w.HBox([w.VBox([self.controls[k] for k in ("base", "social_workers", "caseload_cap",
                                                         "way_of_working")]),
                    w.VBox([self.controls[k] for k in ("early_support_places", "years",
                                                         "replications")]
                           + [w.HBox([self.reset_button, self.stop_button])])],
                   layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.progress, self.status]), self.message, self.changes, self.headline,
            w.HBox([self.report_button, self.download]), self.tabs, self._decompose_box(),
        ])
        self.widget.add_class("systemsim-dashboard")

        self._load_base(name)
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
        self.relabel(redraw=False)
        self.answer()

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

    # ------------------------------------------------------------------ display
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
        self.reset_button.description = t("leaders.reset", lang)
        self.report_button.description = t("leaders.make_report", lang)
        self.report_button.layout.width = "auto"
        self.stop_button.description = t("leaders.stop", lang)
        self.decompose_button.description = t("decompose.button", lang)
        for i, key in enumerate(TABS):
            self.tabs.set_title(i, t(f"leaders.tab.{key}", lang))
        if redraw and self.tables is not None:
            with self._lock:
                self._draw()

    # ------------------------------------------------------------------ values
    def values(self) -> dict:
        return {k: c.value for k, c in self.controls.items() if k != "base"}

    def set(self, **values) -> bool:
        """Move controls from code; an invalid value shows a message and changes nothing."""
        try:
            checked = check_values(values)
        except InputError as exc:
            self._show_error(exc)
            return False
        self._quiet = True
        try:
            for key, value in checked.items():
                self._put(key, value)
        finally:
            self._quiet = False
        self.answer()
        return True

    def _put(self, key: str, value) -> None:
        """Set one control from code (a slider's range grows to hold the value)."""
        control = self.controls[key]
        if isinstance(control, NumberSlider):
            control.set_number(value)
            return
        if key in LEVERS and value > control.max:
            control.max = value
        control.value = value

    def _load_base(self, name: str) -> None:
        scenario = load_scenario(self.files[name])
        self.base_scenario = scenario
        base = lever_values(scenario)
        self._quiet = True
        try:
            c = self.controls
            c["social_workers"].set_maximum(slider_limits("social_workers", base["social_workers"])["max"])
            for key in ("caseload_cap", "early_support_places"):
                c[key].max = slider_limits(key, base[key])["max"]
            for key, value in base.items():
                self._put(key, value)
        finally:
            self._quiet = False

    def reset(self) -> None:
        self._quiet = True
        try:
            for key, value in lever_values(self.base_scenario).items():
                self._put(key, value)
        finally:
            self._quiet = False
        self.answer()

    def _on_base(self, change) -> None:
        if self._quiet:
            return
        self._load_base(change["new"])
        self.answer()

    def _on_change(self, change) -> None:
        if self._quiet:
            return
        self.answer()

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

    # ------------------------------------------------------------------ running
    def answer(self) -> None:
        """Run the what-if against the (cached) base and redraw; long runs go to a thread."""
        try:
            values = check_values(self.values())
            whatif = apply_levers(self.base_scenario, values)
        except InputError as exc:
            self._show_error(exc)
            return
        self.message.value = ""
        self._error = None
        self.stop()
        years, reps = values["years"], values["replications"]
        job = (self.files[self.controls["base"].value], whatif, years, reps)
        if years * reps <= self.foreground_limit:
            self._run(*job, background=False)
        else:
            self._stop = threading.Event()
            self._worker = threading.Thread(target=self._run, args=job,
                                            kwargs={"background": True}, daemon=True)
            self._worker.start()

    def wait(self, timeout: float | None = 60) -> None:
        """Wait for a background run to finish (without stopping it)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def stop(self) -> None:
        """Stop a background run between replications and wait for it to end."""
        worker = self._worker
        if worker is not None and worker.is_alive():
            self._stop.set()
            worker.join(timeout=30)
        self._worker = None

    def _run(self, path, whatif, years, reps, *, background: bool) -> None:
        start = time.perf_counter()
        lang = get_language()
        same = whatif is self.base_scenario
        cached = BASE_CACHE.get(BASE_CACHE.key(path, years, reps, self.seed)) is not None
        total = max(reps * ((0 if cached else 1) + (0 if same else 1)), 1)
        done = [0]

        def progress(_i, _n):
            done[0] += 1
            self.progress.value = done[0]

        stop = self._stop if background else None
        if background:
            self.progress.max, self.progress.value = total, 0
            self.progress.layout.display = ""
            self.stop_button.layout.display = ""
            self._say("leaders.running", runs=total)
        try:
            base = base_run(path, years=years, replications=reps, seed=self.seed, label=BASE,
                            on_progress=progress, stop=stop)
            if same:
                other = combine([base])
                other.yearly = other.yearly.assign(scenario=WHATIF)
                other.flows = other.flows.assign(scenario=WHATIF)
                other.caseloads = other.caseloads.assign(scenario=WHATIF)
            else:
                other = whatif_run(path, whatif, years=years, replications=reps, seed=self.seed,
                                   label=WHATIF, on_progress=progress, stop=stop)
        except Stopped:
            self._say("leaders.stopped")
            return
        except Exception as exc:  # shown on the page: a leader never sees a traceback
            self._show_error(exc if isinstance(exc, InputError) else
                             RuntimeError(t("leaders.failed", lang, error=f"{type(exc).__name__}: {exc}")))
            if not background:
                raise
            return
        finally:
            self.progress.layout.display = "none"
            self.stop_button.layout.display = "none"
        with self._lock:
            self.whatif_scenario = whatif
            self.run = combine([base, other])
            self.tables = self.run.yearly
            # costs in the scenario's own currency (kronor for a Swedish one)
            self.summary = costs_times(summary_of(self.tables), self.base_scenario.money_factor())
            self._draw()
        self.answer_seconds = time.perf_counter() - start
        self._say("leaders.answered", seconds=float(self.answer_seconds), runs=reps, years=years)

    # ------------------------------------------------------------------ drawing
    def names(self) -> dict[str, str]:
        lang = get_language()
        return {BASE: t("leaders.base", lang), WHATIF: t("leaders.whatif", lang)}

    def figure(self, key: str) -> go.Figure:
        """Build one tab's figure from the current result tables, costs in the scenario's
        currency."""
        with money_in(self.base_scenario.display_currency):
            return self._figure(key)

    def _figure(self, key: str) -> go.Figure:
        lang, names, run, summary = get_language(), self.names(), self.run, self.summary
        limits = limits_for(self.whatif_scenario)
        order = [BASE, WHATIF]
        if key == "grid":
            return kpi_grid(summary, GRID_KPIS, lang=lang, names=names, limits=limits,
                            scenarios=order)
        if key == "compare":
            return before_after(summary, HEADLINE_KPIS, lang=lang, names=names, scenarios=order)
        if key == "placements":
            return placements_by_type(summary, lang=lang, names=names, scenarios=order,
                                      by_year=False)
        if key == "costs":
            return costs_by_item(summary, lang=lang, names=names, scenarios=order, by_year=False)
        if key == "caseload":
            return caseload_distribution(run.caseloads, cap=limits["caseload_cap"], lang=lang,
                                         names=names, scenarios=order, limits=limits)
        if key == "flow":
            return family_flow(run.flows, scenario=WHATIF, lang=lang, name=names[WHATIF])
        if key == "workforce":
            return workforce_panel(summary, lang=lang, names=names, limits=limits, scenarios=order)
        raise KeyError(key)

    def _draw(self) -> None:
        """Redraw the headline and the open tab; other tabs are drawn when opened."""
        self.figures = {}
        self.headline.value = self.headline_html()
        lang = get_language()
        changed = describe_changes(self.base_scenario, self.whatif_scenario, lang)
        self.changes.value = (f"<p><b>{html.escape(t('leaders.whatif', lang))}:</b> "
                              f"{html.escape(changed or t('leaders.no_changes', lang))}</p>")
        self.download.value = ""
        self.decomposition.outputs, self.decompose_status.value = (), ""
        self._draw_tab(TABS[self.tabs.selected_index or 0])

    def _draw_tab(self, key: str) -> None:
        if self.tables is None or key in self.figures:
            return
        fig = self.figure(key)
        self.figures[key] = fig
        self.outputs[key].outputs = (plotly_bundle(fig),)

    def _on_tab(self, change) -> None:
        if change["new"] is not None:
            with self._lock:
                self._draw_tab(TABS[change["new"]])

    def draw_all(self) -> dict[str, go.Figure]:
        """Every tab's figure (for reports and tests)."""
        for key in TABS:
            self._draw_tab(key)
        return self.figures

    def make_report(self) -> str:
        """The board report of base and what-if as HTML, offered as a download link."""
        import base64

        from systemsim.report.board import ReportInput, build_report

        lang = get_language()
        path = self.files[self.controls["base"].value]
        items = [ReportInput(BASE, path, self.base_scenario),
                 ReportInput(WHATIF, path, self.whatif_scenario)]
        changed = describe_changes(self.base_scenario, self.whatif_scenario, lang)
        names = {BASE: f"{t('leaders.base', lang)}: {self.scenario_title(self.controls['base'].value, lang)}",
                 WHATIF: f"{t('leaders.whatif', lang)}: {changed or t('leaders.no_changes', lang)}"}
        years = int(self.summary["year"].max())
        reps = self.run.replications
        doc = build_report(items, self.run, years=years, replications=reps, seed=self.seed,
                           lang=lang, names=names)
        data = base64.b64encode(doc.encode("utf-8")).decode("ascii")
        name = t("leaders.report_file", lang)
        self.download.value = (f'<a download="{html.escape(name)}" href="data:text/html;charset=utf-8;'
                               f'base64,{data}" class="systemsim-download">'
                               f"{html.escape(t('leaders.download_report', lang))}</a>")
        return doc

    # ------------------------------------------------------------------ decomposition
    def _decompose_box(self) -> w.VBox:
        """A button under the tabs that splits base → what-if among the levers moved."""
        self.decompose_button = w.Button(icon="sitemap", layout=w.Layout(width="auto"))
        self.decompose_button.add_class("systemsim-decompose")
        self.decompose_status = w.HTML()
        self.decomposition = w.Output()
        self.decompose_button.on_click(lambda _: self.decompose(background=True))
        return w.VBox([w.HBox([self.decompose_button, self.decompose_status]), self.decomposition])

    def decompose(self, background: bool = False) -> threading.Thread | None:
        """Run every mix of base and what-if (2^levers moved) on the dashboard's seed and draw
        each lever group's share of the difference (`systemsim.viz.decomposition`)."""
        from systemsim.experiment.decompose import decompose, runs_needed
        from systemsim.viz.decomposition import decomposition_figure

        lang, base, whatif = get_language(), self.base_scenario, self.whatif_scenario
        years, reps = int(self.summary["year"].max()), self.run.replications
        self.decompose_status.value = html.escape(
            t("decompose.running", lang, runs=runs_needed(base, whatif)))

        def work() -> None:
            try:
                parts = decompose(base, whatif, years=years, replications=reps, seed=self.seed)
            except Exception as exc:  # shown on the page, never a traceback
                self._show_error(exc)
                return
            fig = decomposition_figure(parts, lang=lang)
            with self._lock:
                self.figures["decomposition"] = fig
                self.decomposition.outputs = (plotly_bundle(fig),)
                self.decompose_status.value = ""

        if not background:
            work()
            return None
        thread = threading.Thread(target=work, daemon=True)
        thread.start()
        return thread

    def headline_html(self) -> str:
        """The year-end numbers, and under them how sure they are and what they rest on."""
        with money_in(self.base_scenario.display_currency):
            table = headline_table(self.summary, HEADLINE_KPIS, scenarios=[BASE, WHATIF],
                                   names=self.names(), lang=get_language(), change="column")
        return table + self._caveat_html()

    def _caveat_html(self) -> str:
        lang = get_language()
        lines = [t("leaders.headline.caveat", lang)]
        assumed = assumptions_that_differ(self.base_scenario, self.whatif_scenario)
        if assumed:
            items = "; ".join(_assumption_item(d, lang) for d in assumed)
            lines.append(t("leaders.headline.assumptions", lang, items=items))
        else:
            lines.append(t("leaders.headline.no_assumptions", lang))
        names = self.names()
        for label, found in run_warnings(self.summary, lang).items():
            lines += [f"⚠ {names.get(label, label)}: {warning}" for warning in found]
        sc = self.base_scenario
        if sc.display_currency != sc.costs_in and sc.sek_per_eur is not None:
            rate = fmt_number(sc.sek_per_eur.value, lang, 2)
            lines.append(t("leaders.money_note", lang, rate=rate, source=sc.sek_per_eur.source))
        return ("<div class='systemsim-caveat' style='font-size:0.92em;color:#444;"
                "border-left:4px solid #b9770e;padding:2px 8px;margin:4px 0 8px 0'>"
                + "".join(f"<div>{html.escape(line)}</div>" for line in lines) + "</div>")



def _assumption_item(d, lang: str) -> str:
    """'Early-support places 30 → 70' or 'practice.systemic_network_boost: only in the what-if, 0.6'."""
    lever = next((k for k, lv in LEVERS.items() if lv.path == d.path), None)
    label = (t(f"leaders.control.{lever}", lang) if lever else
             t(f"leaders.param.{d.path}", lang) if has_text(f"leaders.param.{d.path}") else d.path)
    if d.before is None or d.after is None:
        value = fmt_number(d.after if d.before is None else d.before, lang, 2)
        key = "leaders.headline.only_in" if d.before is None else "leaders.headline.only_in_base"
        return f"{label}: {t(key, lang, value=value)}"
    return f"{label} {fmt_number(d.before, lang, 1)} → {fmt_number(d.after, lang, 1)}"


def dashboard(base: str | None = None, **kwargs) -> Dashboard:
    """The what-if dashboard for the bundled scenarios (display the returned object)."""
    return Dashboard(base=base, **kwargs)
