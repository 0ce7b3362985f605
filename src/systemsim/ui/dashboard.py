"""The leaders' what-if dashboard: move staffing, caseload cap, way of working and early support.

The base scenario runs once and is cached; each move runs only the what-if and redraws every
figure against the base with its 5–95 % band. Runs longer than `foreground_limit`
replication-years go to a background thread with a progress bar and a Stop button that stops
between replications.

    from systemsim.ui.dashboard import dashboard
    dashboard()

The page's widgets and labels are in `dashboard_page`, the controls in `dashboard_controls`,
the runs in `dashboard_runs`, the tabs' figures in `dashboard_tabs`, the headline in
`dashboard_headline` and the board report in `dashboard_report`; this module holds the
state of one dashboard and what happens when a control moves.
"""

from __future__ import annotations

import html
import threading
import time
from pathlib import Path

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from systemsim.calibration.notes import calibration_reference, intervals_note
from systemsim.calibration.posterior import Posterior, find_posterior, load_posterior
from systemsim.calibration.uncertainty import split_of
from systemsim.errors import InputError
from systemsim.experiment import Stopped, combine
from systemsim.i18n import get_language, t
from systemsim.scenario import load_scenario
from systemsim.ui.dashboard_controls import lever_controls
from systemsim.ui.dashboard_headline import headline_html
from systemsim.ui.dashboard_page import DashboardPage
from systemsim.ui.dashboard_report import board_report, download_link
from systemsim.ui.dashboard_runs import (
    button_panel,
    in_background,
    run_base_and_whatif,
    runs_to_do,
)
from systemsim.ui.dashboard_tabs import BASE, TABS, WHATIF, scenario_names, tab_figure
from systemsim.ui.dashboard_unknowns import UnknownsPanel
from systemsim.ui.number_slider import NumberSlider
from systemsim.viz.labels import costs_times, money_in
from systemsim.viz.plotly_config import display_output
from systemsim.viz.tables import summary_of
from systemsim.whatif.levers import (
    LEVERS,
    apply_levers,
    check_values,
    default_base,
    describe_changes,
    lever_values,
    slider_limits,
)
from systemsim.whatif.scenarios import bundled_scenarios

__all__ = ["BASE", "TABS", "WHATIF", "Dashboard", "dashboard", "plotly_bundle"]


def plotly_bundle(fig: go.Figure) -> dict:
    """A display_data output that JupyterLab and Voilà render with plotly's own renderer,
    with the shared config (no cloud button, toolbar in the figure's language)."""
    return display_output(fig)


class Dashboard(DashboardPage, UnknownsPanel):
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
        self.run_posterior: Posterior | None = None  # what the shown answer's intervals include
        self._stop = threading.Event()
        self._lock = threading.Lock()
        name = base or default_base(self.files)
        if name not in self.files:
            raise InputError(f"unknown base scenario {name!r}; choose one of {', '.join(self.files)}")
        self.controls = lever_controls(list(self.files), name, years, replications)
        self._build(show_language)
        self._load_base(name)
        self._connect()
        self.relabel(redraw=False)
        self.answer()

    # ------------------------------------------------------------------ values
    def values(self) -> dict:
        return {k: c.value for k, c in self.controls.items() if k != "base"}

    @property
    def posterior(self) -> Posterior | None:
        """The posterior the runs draw from: the base's calibration when the reader chose
        "+ parameter uncertainty", else None (chance only)."""
        if self.controls["uncertainty"].value != "parameters":
            return None
        return self._calibration

    def set(self, **values) -> bool:
        """Move controls from code; an invalid value shows a message and changes nothing."""
        try:
            checked = check_values(values)
            if checked.get("uncertainty") == "parameters" and self._calibration is None:
                raise InputError(t("leaders.uncertainty.none", get_language()))
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
        found = find_posterior(self.files[name])
        self._calibration = load_posterior(found) if found is not None else None
        base = lever_values(scenario)
        self._quiet = True
        try:
            c = self.controls
            c["social_workers"].set_maximum(slider_limits("social_workers", base["social_workers"])["max"])
            for key in ("caseload_cap", "early_support_places"):
                c[key].max = slider_limits(key, base[key])["max"]
            for key, value in base.items():
                self._put(key, value)
            if self._calibration is None:  # nothing to draw from: chance only, and said so
                c["uncertainty"].value = "stochastic"
            c["uncertainty"].disabled = self._calibration is None
            self.unknowns_button.disabled = self._calibration is None
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
        if values.get("uncertainty") == "parameters" and self._calibration is None:
            self._show_error(InputError(t("leaders.uncertainty.none", get_language())))
            return
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
        posterior = self.posterior
        total = runs_to_do(path, same, years, reps, self.seed, posterior)
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
            base, other = run_base_and_whatif(path, whatif, same, years, reps, self.seed,
                                              progress, stop, posterior)
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
            self.run_posterior = posterior  # which uncertainty this answer's intervals include
            self.unknowns.value, self.unknowns_answer = "", None  # it was about the last what-if
            self.run = combine([base, other])
            self.tables = self.run.yearly
            # costs in the scenario's own currency (kronor for a Swedish one)
            self.summary = costs_times(summary_of(self.tables), self.base_scenario.money_factor())
            self._draw()
        self.answer_seconds = time.perf_counter() - start
        self._say("leaders.answered", seconds=float(self.answer_seconds), runs=reps, years=years)

    # ------------------------------------------------------------------ drawing
    def names(self) -> dict[str, str]:
        return scenario_names(get_language())

    def figure(self, key: str) -> go.Figure:
        """Build one tab's figure from the current result tables, costs in the scenario's
        currency."""
        with money_in(self.base_scenario.display_currency):
            return tab_figure(key, self.run, self.summary, self.whatif_scenario, get_language())

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
        lang = get_language()
        name = self.controls["base"].value
        doc = board_report(self.files[name], self.base_scenario, self.whatif_scenario, self.run,
                           self.summary, self.seed, self.scenario_title(name, lang), lang,
                           intervals=intervals_note(lang, self.run_posterior),
                           calibration=calibration_reference(lang, self.run_posterior))
        self.download.value = download_link(doc, lang)
        return doc

    def headline_html(self) -> str:
        """The year-end numbers, and under them how sure they are and what they rest on."""
        posterior = self.run_posterior
        split = split_of(self.run) if posterior is not None else None
        return headline_html(self.summary, self.base_scenario, self.whatif_scenario,
                             get_language(), posterior=posterior, split=split,
                             calibrated=self._calibration is not None)

    # ------------------------------------------------------------------ decomposition
    def _decompose_box(self) -> w.VBox:
        """A button under the tabs that splits base → what-if among the levers moved."""
        self.decomposition = w.Output()
        self.decompose_button, self.decompose_status, box = button_panel(
            "sitemap", "systemsim-decompose", self.decomposition,
            lambda: self.decompose(background=True))
        return box

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

        return in_background(work, background)


def dashboard(base: str | None = None, **kwargs) -> Dashboard:
    """The what-if dashboard for the bundled scenarios (display the returned object)."""
    return Dashboard(base=base, **kwargs)
