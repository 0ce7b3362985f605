"""Result tables as figures expect them: long results summarised, columns checked."""

from __future__ import annotations

import pandas as pd

from systemsim.experiment.runner import summarise

LONG_COLUMNS = ("scenario", "replication", "year", "kpi", "value")
SUMMARY_COLUMNS = ("scenario", "kpi", "year", "mean", "low", "high")


def summary_of(table: pd.DataFrame) -> pd.DataFrame:
    """A summary table (scenario, kpi, year, mean, low, high) from a long or summary table."""
    if table is None or len(table) == 0:
        return pd.DataFrame(columns=list(SUMMARY_COLUMNS))
    cols = set(table.columns)
    if set(SUMMARY_COLUMNS) <= cols:
        return table
    if set(LONG_COLUMNS) <= cols:
        return summarise(table)
    raise ValueError(
        "expected a result table with columns scenario, replication, year, kpi, value "
        f"(or a summary with scenario, kpi, year, mean, low, high); got {sorted(cols)}"
    )


def scenarios_in(table: pd.DataFrame) -> list[str]:
    """Scenario labels in the order they first appear."""
    return list(dict.fromkeys(table["scenario"])) if len(table) else []


def kpis_in(table: pd.DataFrame) -> set[str]:
    return set(table["kpi"]) if len(table) else set()


def kpi_rows(summary: pd.DataFrame, kpi: str, scenario: str | None = None) -> pd.DataFrame:
    rows = summary[summary["kpi"] == kpi]
    if scenario is not None:
        rows = rows[rows["scenario"] == scenario]
    return rows.sort_values("year")


def run_mean(summary: pd.DataFrame, kpi: str, scenario: str, year: int | None = None) -> float:
    """The replication mean of `kpi` in `year` (default: the mean over all years)."""
    rows = kpi_rows(summary, kpi, scenario)
    if year is not None:
        rows = rows[rows["year"] == year]
    return float(rows["mean"].mean()) if len(rows) else float("nan")
