"""A readable terminal table of the main KPIs per scenario and year, with 90 % intervals."""

from __future__ import annotations

import math

import pandas as pd
from rich.console import Console
from rich.table import Table

from systemsim.i18n import t

#: KPIs a leader reads first, with their format
HEADLINE = [
    ("children_in_care", "{:.0f}"),
    ("placements_started", "{:.0f}"),
    ("kinship_share", "{:.0%}"),
    ("open_care_clients", "{:.0f}"),
    ("caseload_mean", "{:.1f}"),
    ("workers_over_cap", "{:.1f}"),
    ("direct_hours_per_family_week", "{:.2f}"),
    ("decisions_on_time_share", "{:.0%}"),
    ("assessments_on_time_share", "{:.0%}"),
    ("notifications", "{:.0f}"),
    ("sick_leave_days_per_worker_year", "{:.1f}"),
    ("turnover_rate", "{:.0%}"),
    ("vacancy_rate", "{:.0%}"),
    ("worker_changes_per_child", "{:.2f}"),
    ("cost_total_eur", "€{:,.0f}"),
]


def money_format(currency: str) -> str:
    """How the table writes a sum: '€1,234' or '1,234 kr'."""
    return "{:,.0f} kr" if currency == "SEK" else "€{:,.0f}"


def _fmt(fmt: str, x: float) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else fmt.format(x)


def print_table(summary: pd.DataFrame, *, years: int, replications: int, seed: int,
                lang: str = "en", currency: str = "EUR") -> None:
    """The table; costs in `currency` (the summary's costs must already be in it)."""
    console = Console()
    scenarios = list(dict.fromkeys(summary["scenario"]))
    table = Table(
        title=f"{t('core.table_title', lang)} — {years} y, {replications} "
        f"{t('core.replications', lang)}, seed {seed}",
        caption=t("core.table_caption", lang),
    )
    table.add_column(t("core.kpi", lang))
    table.add_column(t("core.year", lang), justify="right")
    for name in scenarios:
        table.add_column(name, justify="right")
    indexed = summary.set_index(["scenario", "kpi", "year"])
    for kpi, fmt in HEADLINE:
        fmt = money_format(currency) if kpi == "cost_total_eur" else fmt
        for year in range(1, years + 1):
            cells = []
            for name in scenarios:
                try:
                    r = indexed.loc[(name, kpi, year)]
                except KeyError:
                    cells.append("–")
                    continue
                cells.append(f"{_fmt(fmt, r['mean'])}  [{_fmt(fmt, r['low'])}–{_fmt(fmt, r['high'])}]")
            label = t(f"kpi.{kpi}", lang) if year == 1 else ""
            table.add_row(label, str(year), *cells, end_section=year == years)
    console.print(table)
