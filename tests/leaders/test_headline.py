"""The one headline table: a leader reads each scenario's mean, band and change the same way."""

from __future__ import annotations

import re

import pandas as pd

from systemsim.viz.headline import headline_table


def long_table() -> pd.DataFrame:
    rows = []
    for scenario, values in {"base": [20.0, 30.0], "whatif": [10.0, 14.0]}.items():
        for r, v in enumerate(values):
            rows.append((scenario, r, 1, "caseload_mean", v))
            rows.append((scenario, r, 2, "caseload_mean", v + 1))
    return pd.DataFrame(rows, columns=["scenario", "replication", "year", "kpi", "value"])


def test_last_year_mean_band_and_change_from_the_first_scenario():
    table = headline_table(long_table(), ["caseload_mean", "no_such_kpi"], lang="en",
                           names={"base": "Now", "whatif": "What if"}, change="inline")
    assert "Year 2" in table and re.search(r"<th[^>]*>Now</th><th[^>]*>What if</th>", table)
    assert "<b>26</b>" in table and "<b>13</b>" in table  # means of 21, 31 and 11, 15
    assert "(-50%)" in table and "[11.2 – 14.8]" in table  # 5–95 % of 11 and 15
    assert "no such kpi" not in table


def test_change_in_its_own_column_and_a_chosen_year():
    table = headline_table(long_table(), ["caseload_mean"], lang="fi", year=1, change="column")
    assert "Vuosi 1" in table and "<th>Muutos</th>" in table
    assert re.search(r"<td class='num'[^>]*>−52 %</td>", table)  # 25 -> 12


def _base_in_care(first: float, last: float) -> pd.DataFrame:
    from systemsim.ui.dashboard_tabs import BASE, WHATIF

    rows = [(label, "children_in_care", year, value)
            for label in (BASE, WHATIF) for year, value in ((1, first), (2, (first + last) / 2), (3, last))]
    return pd.DataFrame(rows, columns=["scenario", "kpi", "year", "mean"])


def test_the_note_says_when_the_base_moves_with_drawn_parameters():
    """Drawn parameters have steady states of their own: a base that moves by more than a
    tenth with nothing changed is said to move, in the reader's language, never hidden."""
    from systemsim.ui.dashboard_headline import base_drift_line

    line = base_drift_line(_base_in_care(100, 130), "en")
    assert line is not None and "100 children in care in year 1 and 130 in year 3" in line
    assert "ensimmäisiin vuosiin" in base_drift_line(_base_in_care(100, 130), "fi")
    assert base_drift_line(_base_in_care(100, 80), "sv").startswith("Obs:")
    assert base_drift_line(_base_in_care(100, 108), "en") is None
