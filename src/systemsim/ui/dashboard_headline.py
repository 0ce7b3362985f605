"""The dashboard's headline: the year-end numbers of base and what-if, and under them how
sure they are and what they rest on (assumptions that differ, implausible runs, the
exchange rate when costs are shown in kronor).
"""

from __future__ import annotations

import html

from systemsim.experiment.kpis import HEADLINE_KPIS
from systemsim.experiment.plausibility import run_warnings
from systemsim.i18n import has_text, t
from systemsim.scenario import Scenario
from systemsim.ui.dashboard_tabs import BASE, WHATIF, scenario_names
from systemsim.viz import fmt_number
from systemsim.viz.headline import headline_table
from systemsim.viz.labels import money_in
from systemsim.whatif.assumptions import assumptions_that_differ
from systemsim.whatif.levers import LEVERS


def headline_html(summary, base: Scenario, whatif: Scenario, lang: str) -> str:
    """The year-end numbers, and under them how sure they are and what they rest on."""
    with money_in(base.display_currency):
        table = headline_table(summary, HEADLINE_KPIS, scenarios=[BASE, WHATIF],
                               names=scenario_names(lang), lang=lang, change="column")
    return table + caveat_html(summary, base, whatif, lang)


def caveat_html(summary, base: Scenario, whatif: Scenario, lang: str) -> str:
    """The lines under the headline table, as a boxed note."""
    lines = [t("leaders.headline.caveat", lang)]
    assumed = assumptions_that_differ(base, whatif)
    if assumed:
        items = "; ".join(assumption_item(d, lang) for d in assumed)
        lines.append(t("leaders.headline.assumptions", lang, items=items))
    else:
        lines.append(t("leaders.headline.no_assumptions", lang))
    names = scenario_names(lang)
    for label, found in run_warnings(summary, lang).items():
        lines += [f"⚠ {names.get(label, label)}: {warning}" for warning in found]
    if base.display_currency != base.costs_in and base.sek_per_eur is not None:
        rate = fmt_number(base.sek_per_eur.value, lang, 2)
        lines.append(t("leaders.money_note", lang, rate=rate, source=base.sek_per_eur.source))
    return ("<div class='systemsim-caveat' style='font-size:0.92em;color:#444;"
            "border-left:4px solid #b9770e;padding:2px 8px;margin:4px 0 8px 0'>"
            + "".join(f"<div>{html.escape(line)}</div>" for line in lines) + "</div>")


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
