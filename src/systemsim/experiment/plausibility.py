"""Warnings for runs that reach a state no real service would stay in.

A model can be pushed where its numbers stop meaning anything (three workers for a city: an
intake queue of thousands, decisions a year and a half late). Such a run still finishes, so the
user sees what happens, but every output (CLI, JSON, dashboard, report) carries a warning
saying what is implausible and from which year.
"""

from __future__ import annotations

import pandas as pd

#: the most children per worker a service can plausibly hold (the legal cap is 30; THL's worst
#: reported means are about 50-60)
MAX_PLAUSIBLE_CASELOAD = 90.0
#: below this share on time the deadlines have in effect been abandoned
MIN_PLAUSIBLE_ON_TIME = 0.05


def _first_year(rows: pd.DataFrame, kpi: str, test) -> int | None:
    part = rows[rows["kpi"] == kpi].sort_values("year")
    hits = part[test(part)]
    return int(hits["year"].iloc[0]) if len(hits) else None


def run_warnings(summary: pd.DataFrame) -> dict[str, list[str]]:
    """Warnings per scenario from a summary table (columns scenario, kpi, year, mean)."""
    out: dict[str, list[str]] = {}
    for name, rows in summary.groupby("scenario", sort=False):
        found: list[str] = []
        queue = rows[rows["kpi"] == "intake_queue"].set_index("year")["mean"]
        notes = rows[rows["kpi"] == "notifications"].set_index("year")["mean"]
        stalled = [int(y) for y in queue.index if y in notes.index and queue[y] > notes[y] > 0]
        if stalled:
            found.append(f"from year {stalled[0]} the intake queue is longer than a year of"
                         " notifications: decisions have stalled and the numbers describe a"
                         " collapsed service")
        year = _first_year(rows, "caseload_mean", lambda p: p["mean"] > MAX_PLAUSIBLE_CASELOAD)
        if year is not None:
            found.append(f"from year {year} workers hold more than {MAX_PLAUSIBLE_CASELOAD:.0f}"
                         " children each on average: no service runs like this for long")
        for kpi, what in (("decisions_on_time_share", "decisions"),
                          ("assessments_on_time_share", "assessments")):
            year = _first_year(rows, kpi, lambda p: p["mean"] < MIN_PLAUSIBLE_ON_TIME)
            if year is not None:
                found.append(f"from year {year} fewer than {MIN_PLAUSIBLE_ON_TIME:.0%} of {what}"
                             " are on time: the deadlines have in effect been abandoned")
        out[str(name)] = found
    return out
