"""Warnings for runs that reach a state no real service would stay in.

A model can be pushed where its numbers stop meaning anything (three workers for a city: an
intake queue of thousands, decisions a year and a half late). Such a run still finishes, so the
user sees what happens, but every output (CLI, JSON, dashboard, report) carries a warning
saying what is implausible and from which year.
"""

from __future__ import annotations

import pandas as pd

from systemsim.i18n import t

#: the most children per worker a service can plausibly hold (the legal cap is 30; THL's worst
#: reported means are about 50-60)
MAX_PLAUSIBLE_CASELOAD = 90.0
#: below this share on time the deadlines have in effect been abandoned
MIN_PLAUSIBLE_ON_TIME = 0.05


def _first_year(rows: pd.DataFrame, kpi: str, test) -> int | None:
    part = rows[rows["kpi"] == kpi].sort_values("year")
    hits = part[test(part)]
    return int(hits["year"].iloc[0]) if len(hits) else None


def run_warnings(summary: pd.DataFrame, lang: str = "en") -> dict[str, list[str]]:
    """Warnings per scenario from a summary table (columns scenario, kpi, year, mean), told in
    `lang` (the CLI and the JSON: English; the dashboard and the report: the reader's)."""
    out: dict[str, list[str]] = {}
    for name, rows in summary.groupby("scenario", sort=False):
        found: list[str] = []
        queue = rows[rows["kpi"] == "intake_queue"].set_index("year")["mean"]
        notes = rows[rows["kpi"] == "notifications"].set_index("year")["mean"]
        stalled = [int(y) for y in queue.index if y in notes.index and queue[y] > notes[y] > 0]
        if stalled:
            found.append(t("plausibility.stalled", lang, year=stalled[0]))
        year = _first_year(rows, "caseload_mean", lambda p: p["mean"] > MAX_PLAUSIBLE_CASELOAD)
        if year is not None:
            found.append(t("plausibility.caseload", lang, year=year,
                           limit=f"{MAX_PLAUSIBLE_CASELOAD:.0f}"))
        for kpi in ("decisions_on_time_share", "assessments_on_time_share"):
            year = _first_year(rows, kpi, lambda p: p["mean"] < MIN_PLAUSIBLE_ON_TIME)
            if year is not None:
                found.append(t(f"plausibility.{kpi}", lang, year=year,
                               share=f"{MIN_PLAUSIBLE_ON_TIME:.0%}"))
        out[str(name)] = found
    return out
