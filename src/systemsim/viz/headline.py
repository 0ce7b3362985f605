"""The headline table: each KPI's mean and 5–95 % band per scenario in one year, as HTML.

One table for the notebooks, the dashboard and the board report, so a number reads the same
wherever a leader meets it; each passes its own KPI list, caption and how to show the change.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd

from systemsim.viz.labels import fmt_change, fmt_kpi, kpi_label, lang_or_current, text
from systemsim.viz.tables import scenarios_in, summary_of

MISSING = "<td class='num'>–</td>"


#: space between the table's columns, so two intervals side by side never run together
PAD = "padding:2px 10px"


def headline_table(
    table: pd.DataFrame,
    kpis: Sequence[str],
    *,
    scenarios: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
    lang: str | None = None,
    year: int | None = None,
    caption: str | None = None,
    change: Literal["inline", "column"] | None = None,
    css_class: str = "systemsim-headline",
) -> str:
    """Rows of KPIs, columns of scenarios: mean in bold, band below, in `year` (default: last).

    `change` shows each scenario's change from the first one after its mean ("inline") or,
    for two scenarios, in a last column ("column"). KPIs no scenario has are left out.
    """
    lang = lang_or_current(lang)
    summary = summary_of(table)
    y = int(summary["year"].max()) if year is None else year
    rows = summary[summary["year"] == y].set_index(["scenario", "kpi"])
    order = list(scenarios or scenarios_in(rows.reset_index()))
    names = names or {}

    def mean(scenario: str, kpi: str) -> float:
        return float(rows.loc[(scenario, kpi), "mean"]) if (scenario, kpi) in rows.index else float("nan")

    def cell(n: int, scenario: str, kpi: str) -> str:
        if (scenario, kpi) not in rows.index:
            return MISSING
        m, lo, hi = (float(rows.loc[(scenario, kpi), c]) for c in ("mean", "low", "high"))
        moved = ""
        if change == "inline" and n:
            moved = (f" <span class='change'>({html.escape(fmt_change(kpi, m, mean(order[0], kpi), lang))})"
                     "</span>")
        return (f"<td class='num' style='text-align:right;{PAD}'><b>{html.escape(fmt_kpi(kpi, m, lang))}</b>"
                f"{moved}<br><small>[{html.escape(fmt_kpi(kpi, lo, lang))} – "
                f"{html.escape(fmt_kpi(kpi, hi, lang))}]</small></td>")

    head = "".join(f"<th style='{PAD}'>{html.escape(names.get(s, s))}</th>" for s in order)
    if change == "column":
        head += f"<th>{html.escape(text('leaders.change', lang))}</th>"
    body = []
    for kpi in kpis:
        cells = [cell(n, s, kpi) for n, s in enumerate(order)]
        if all(c == MISSING for c in cells):
            continue
        if change == "column":
            moved = fmt_change(kpi, mean(order[-1], kpi), mean(order[0], kpi), lang)
            cells.append(f"<td class='num' style='text-align:right;{PAD}'>{html.escape(moved)}</td>")
        body.append(f"<tr><td style='text-align:left;{PAD}'>{html.escape(kpi_label(kpi, lang))}</td>"
                    f"{''.join(cells)}</tr>")
    caption = caption if caption is not None else text("leaders.year_n", lang, year=y)
    return (f"<table class='{html.escape(css_class)}' style='border-collapse:collapse'>"
            f"<tr><th style='text-align:left'>{html.escape(caption)}</th>{head}</tr>"
            f"{''.join(body)}</table>")
