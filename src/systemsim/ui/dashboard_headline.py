"""The dashboard's headline: the year-end numbers of base and what-if, and under them how
sure they are and what they rest on (assumptions that differ, implausible runs, the
exchange rate when costs are shown in kronor).
"""

from __future__ import annotations

import html

import pandas as pd

from systemsim.calibration.notes import calibration_reference, intervals_note
from systemsim.calibration.posterior import Posterior
from systemsim.currency import money_notes
from systemsim.experiment.kpis import HEADLINE_KPIS
from systemsim.experiment.plausibility import run_warnings
from systemsim.i18n import has_text, t
from systemsim.scenario import Scenario
from systemsim.ui.dashboard_tabs import BASE, WHATIF, scenario_names
from systemsim.viz import fmt_number, fmt_share
from systemsim.viz.headline import headline_table
from systemsim.viz.labels import money_in
from systemsim.whatif.assumptions import assumptions_that_differ
from systemsim.whatif.levers import LEVERS


def headline_html(summary, base: Scenario, whatif: Scenario, lang: str, *,
                  posterior: Posterior | None = None, split: pd.DataFrame | None = None,
                  calibrated: bool = True) -> str:
    """The year-end numbers, and under them how sure they are and what they rest on
    (`posterior`: the intervals include its parameter uncertainty; `split`: the what-if's
    variance split, `calibration.uncertainty.split_of`)."""
    with money_in(base.display_currency):
        table = headline_table(summary, HEADLINE_KPIS, scenarios=[BASE, WHATIF],
                               names=scenario_names(lang), lang=lang, change="column")
    return table + caveat_html(summary, base, whatif, lang, posterior=posterior, split=split,
                               calibrated=calibrated)


def uncertainty_lines(lang: str, posterior: Posterior | None, split: pd.DataFrame | None,
                      calibrated: bool = True) -> list[str]:
    """Which uncertainty the intervals include and, with parameters, how much of the spread in
    children in care in the last year is what we do not know about the model."""
    lines = [intervals_note(lang, posterior)]
    if posterior is None and not calibrated:
        lines.append(t("leaders.uncertainty.none", lang))
    if posterior is not None and split is not None and len(split):
        rows = split[(split["kpi"] == "children_in_care") & (split["scenario"] == WHATIF)]
        if len(rows):
            last = rows.loc[rows["year"].idxmax()]
            share = fmt_share(float(last["parameter_share"]), lang)
            lines.append(t("leaders.uncertainty.split", lang, year=int(last["year"]), share=share))
    return lines


#: how far the base's children in care may move from year 1 before the note says so
DRIFT_SAID = 0.10


def base_drift_line(summary, lang: str) -> str | None:
    """With drawn parameters, say so when the base itself does not hold still.

    Why: each draw starts from the file's steady state but has a steady state of its own, and
    the calibration was fitted to a run's first years, so with parameter uncertainty the base
    can move with nothing changed; a leader must not read that as a trend."""
    rows = summary[(summary["kpi"] == "children_in_care") & (summary["scenario"] == BASE)]
    if rows["year"].nunique() < 2:
        return None
    first = float(rows.loc[rows["year"].idxmin(), "mean"])
    last_row = rows.loc[rows["year"].idxmax()]
    last = float(last_row["mean"])
    if first <= 0 or abs(last - first) / first <= DRIFT_SAID:
        return None
    return t("leaders.uncertainty.base_drifts", lang, first=fmt_number(first, lang, 0),
             last=fmt_number(last, lang, 0), year=int(last_row["year"]))


def caveat_html(summary, base: Scenario, whatif: Scenario, lang: str, *,
                posterior: Posterior | None = None, split: pd.DataFrame | None = None,
                calibrated: bool = True) -> str:
    """The lines under the headline table, as a boxed note."""
    lines = [t("leaders.headline.caveat", lang)]
    uncertain = uncertainty_lines(lang, posterior, split, calibrated)
    lines += uncertain
    drift = base_drift_line(summary, lang) if posterior is not None else None
    if drift:
        lines.append(drift)
    # the modeller's file reference: a tooltip on the leader's sentence, not in it
    tips = {uncertain[0]: calibration_reference(lang, posterior)}
    assumed = assumptions_that_differ(base, whatif)
    if assumed:
        items = "; ".join(assumption_item(d, lang) for d in assumed)
        lines.append(t("leaders.headline.assumptions", lang, items=items))
    else:
        lines.append(t("leaders.headline.no_assumptions", lang))
    idle = idle_places_line(summary, base, whatif, lang)
    if idle:
        lines.append(idle)
    names = scenario_names(lang)
    for label, found in run_warnings(summary, lang).items():
        lines += [f"⚠ {names.get(label, label)}: {warning}" for warning in found]
    lines += money_notes([base], base.display_currency, lang)
    return ("<div class='systemsim-caveat' style='font-size:0.92em;color:#444;"
            "border-left:4px solid #b9770e;padding:2px 8px;margin:4px 0 8px 0'>"
            + "".join(line_html(line, tips.get(line, "")) for line in lines) + "</div>")


def line_html(text: str, tip: str = "") -> str:
    """One line of the note, with `tip` as what a pointer on it shows."""
    title = f" title=\"{html.escape(tip, quote=True)}\"" if tip else ""
    return f"<div{title}>{html.escape(text)}</div>"


def idle_places_line(summary, base: Scenario, whatif: Scenario, lang: str) -> str | None:
    """When a what-if adds early-support places that stand mostly empty, say so and why: how
    many more concerns basic services meet with more places is the scenario's reach
    assumption (or, with an elasticity of 0, not a result of the places at all)."""
    places = whatif.basic_services.early_support_places.value
    if places <= base.basic_services.early_support_places.value:
        return None
    rows = summary[(summary["kpi"] == "early_support_places_used_share")
                   & (summary["scenario"] == WHATIF)]
    if not len(rows):
        return None
    last = rows.loc[rows["year"].idxmax()]
    if float(last["mean"]) >= 0.9:
        return None
    h = whatif.behaviour
    elasticity = h.early_support_reach_elasticity.value
    return t("leaders.headline.idle_places_reach" if elasticity > 0 else "leaders.headline.idle_places",
             lang, year=int(last["year"]), share=fmt_share(float(last["mean"]), lang),
             used=fmt_number(float(last["mean"]) * places, lang, 0),
             places=fmt_number(places, lang, 0), elasticity=fmt_number(elasticity, lang, 2),
             low_max=fmt_share(h.early_support_route_low_max.value, lang),
             moderate_max=fmt_share(h.early_support_route_moderate_max.value, lang))


def assumption_item(d, lang: str) -> str:
    """'Early-support places 30 → 70' or 'practice.systemic_network_boost: only in the what-if, 0.6'."""
    lever = next((k for k, lv in LEVERS.items() if lv.path == d.path), None)
    label = (t(f"leaders.control.{lever}", lang) if lever else
             t(f"leaders.param.{d.path}", lang) if has_text(f"leaders.param.{d.path}") else d.path)
    if d.before is None or d.after is None:
        value = fmt_number(d.after if d.before is None else d.before, lang, 2)
        key = "leaders.headline.only_in" if d.before is None else "leaders.headline.only_in_base"
        return f"{label}: {t(key, lang, value=value)}"
    return f"{label} {fmt_number(d.before, lang, 1)} → {fmt_number(d.after, lang, 1)}"
