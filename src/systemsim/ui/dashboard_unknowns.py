"""The dashboard's "Which unknown matters?" button: the calibrated parameters ranked by how
much they move the difference between base and what-if (`systemsim.whatif.unknowns`).

Why a button and not every answer: the ranking needs 20 posterior draws on both sides (80
model runs), too slow for the two-second answer a lever move gets; a leader asks it once,
for the what-if they are about to take to a board.
"""

from __future__ import annotations

import html
import threading

import ipywidgets as w

from systemsim.calibration.uncertainty import MIN_DRAWS
from systemsim.i18n import get_language, t
from systemsim.ui.dashboard_runs import button_panel, in_background
from systemsim.viz.labels import kpi_label
from systemsim.whatif.unknowns import (
    Unknowns,
    runs_needed,
    unknowns_sentences,
    unknowns_table,
    which_unknown_matters,
)


def unknowns_html(answer: Unknowns, lang: str) -> str:
    """The sentences, and under them each KPI's ranking as a small table."""
    parts = [f"<p>{html.escape(line)}</p>" for line in unknowns_sentences(answer, lang)]
    for kpi, ranking in answer.rankings.items():
        if ranking.empty:
            continue
        rows = "".join(
            f"<tr><td>{html.escape(r.parameter)}</td><td style='text-align:right'>"
            f"{html.escape(r.delta)} ± {html.escape(r.conf)}</td></tr>"
            for r in unknowns_table(answer, kpi, lang).itertuples())
        parts.append(f"<table class='systemsim-unknowns-{kpi}'><tr><th style='text-align:left'>"
                     f"{html.escape(kpi_label(kpi, lang))}: "
                     f"{html.escape(t('leaders.unknowns.parameter', lang))}</th>"
                     f"<th>{html.escape(t('leaders.unknowns.delta', lang))}</th></tr>{rows}</table>")
    parts.append(f"<p><small>{html.escape(t('leaders.unknowns.caption', lang, draws=MIN_DRAWS))}"
                 "</small></p>")
    return "".join(parts)


class UnknownsPanel:
    """Mixed into `Dashboard`: the button, its status line and the answer."""

    def _unknowns_box(self) -> w.VBox:
        self.unknowns = w.HTML()
        self.unknowns_button, self.unknowns_status, box = button_panel(
            "question-circle", "systemsim-unknowns", self.unknowns,
            lambda: self.which_unknown_matters(background=True))
        return box

    def which_unknown_matters(self, background: bool = False) -> threading.Thread | None:
        """Rank the base's calibrated parameters by how much they move what-if − base."""
        lang, base, whatif = get_language(), self.base_scenario, self.whatif_scenario
        if self._calibration is None:
            self.unknowns_status.value = html.escape(t("leaders.uncertainty.none", lang))
            return None
        years = int(self.summary["year"].max())
        self.unknowns.value = ""
        self.unknowns_status.value = html.escape(
            t("leaders.unknowns.running", lang, runs=runs_needed()))

        def work() -> None:
            try:
                answer = which_unknown_matters(base, whatif, self._calibration, years=years,
                                               seed=self.seed)
            except Exception as exc:  # shown on the page, never a traceback
                self.unknowns_status.value = ""
                self._show_error(exc)
                return
            self.unknowns_answer = answer
            self.unknowns.value = unknowns_html(answer, lang)
            self.unknowns_status.value = ""

        return in_background(work, background)
