"""Which unknown matters for this decision: the calibrated parameters ranked by how much they
move the difference between a base and a what-if.

Why: a leader asks "does this lower placements?", not "how wide is the band?". Both sides run
on the same posterior draws and seeds (common random numbers), so each draw gives one
difference; SALib's delta on those draws says which unknown the answer depends on, e.g.
"whether the reform lowers placements depends mostly on how much time with a family protects
a child". Widget-free, so the dashboard, a notebook and a test ask the same question.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from systemsim.calibration.posterior import Posterior
from systemsim.calibration.uncertainty import (
    MIN_DRAWS,
    SEEDS_PER_DRAW,
    difference_sensitivity,
    run_with_parameters,
)
from systemsim.experiment.distributed import Local
from systemsim.i18n import has_text, t
from systemsim.scenario import Scenario
from systemsim.viz.labels import fmt_kpi, fmt_number, fmt_share, kpi_label

#: the differences a leader's question is usually about
QUESTION_KPIS = ("children_in_care", "placements_started")


@dataclass
class Unknowns:
    """Per KPI, the parameters ranked by their delta on the difference, and plain facts (the
    mean difference, the share of draws in which the what-if is lower, the number of draws)."""

    year: int
    rankings: dict[str, pd.DataFrame]
    facts: dict[str, dict[str, float]]


def runs_needed(draws: int = MIN_DRAWS) -> int:
    """Model runs the question costs: both sides, `SEEDS_PER_DRAW` seeds on each draw."""
    return 2 * draws * SEEDS_PER_DRAW


def which_unknown_matters(base: Scenario, whatif: Scenario, posterior: Posterior, *, years: int,
                          seed: int, draws: int = MIN_DRAWS,
                          kpis: tuple[str, ...] = QUESTION_KPIS) -> Unknowns:
    """Run base and what-if on `draws` posterior draws (two seeds each, the same on both
    sides) and rank the drawn parameters by how much they move what-if − base in the last
    year. Fewer than `MIN_DRAWS` draws give facts but no ranking."""
    run = run_with_parameters([base, whatif], ["base", "whatif"], posterior, years=years,
                              replications=draws * SEEDS_PER_DRAW, seed=seed,
                              backend=Local(1), progress=False)
    rankings, facts = {}, {}
    for kpi in kpis:
        rankings[kpi], facts[kpi] = difference_sensitivity(run, "base", "whatif", kpi, years,
                                                          seed=seed)
    return Unknowns(years, rankings, facts)


def parameter_words(path: str, lang: str) -> str:
    """A calibrated parameter as a leader reads it ('How much time with a family protects a
    child'), or its key path where no words are written."""
    key = f"leaders.param.{path}"
    return t(key, lang) if has_text(key) else path


def unknowns_sentences(answer: Unknowns, lang: str) -> list[str]:
    """One sentence per KPI: how often the what-if is lower, and what that depends on most."""
    out = []
    for kpi, table in answer.rankings.items():
        facts = answer.facts[kpi]
        line = t("leaders.unknowns.lower", lang, kpi=kpi_label(kpi, lang), year=answer.year,
                 share=fmt_share(facts["share_lower"], lang),
                 diff=fmt_kpi(kpi, facts["mean_difference"], lang))
        if table.empty:
            key = ("leaders.unknowns.too_few" if facts["draws"] < MIN_DRAWS
                   else "leaders.unknowns.none")
            line += " " + t(key, lang, draws=MIN_DRAWS)
        else:
            first = parameter_words(table.iloc[0]["param"], lang)
            if len(table) > 1:
                second = parameter_words(table.iloc[1]["param"], lang)
                line += " " + t("leaders.unknowns.depends", lang, first=first, second=second)
            else:
                line += " " + t("leaders.unknowns.depends_one", lang, first=first)
        out.append(line)
    return out


def unknowns_table(answer: Unknowns, kpi: str, lang: str, top: int = 5) -> pd.DataFrame:
    """The ranking of one KPI in words: parameter, delta and its 95 % half-width."""
    table = answer.rankings[kpi].head(top)
    return pd.DataFrame({
        "parameter": [parameter_words(p, lang) for p in table["param"]],
        "delta": [fmt_number(float(v), lang, 2) for v in table["delta"]],
        "conf": [fmt_number(float(v), lang, 2) for v in table["delta_conf"]],
    })


__all__ = ["QUESTION_KPIS", "Unknowns", "parameter_words", "runs_needed", "unknowns_sentences",
           "unknowns_table", "which_unknown_matters"]
