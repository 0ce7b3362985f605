"""Costs in the reader's currency: which currency a set of scenarios is shown in, their costs
converted to it at each file's sourced rate, and the note that says so.

One place because the CLI tables, the board report, the decomposition and the dashboard's
headline show the same kronor and must say the same about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from systemsim.i18n import t
from systemsim.scenario import Scenario
from systemsim.viz.labels import costs_times, fmt_number


def shown_currency(scenarios: Iterable[Scenario]) -> str:
    """Kronor when every scenario is shown in kronor (Mölndal before and after), else euros:
    scenarios in different currencies are compared in euros."""
    shown = {s.display_currency for s in scenarios}
    return shown.pop() if len(shown) == 1 else "EUR"


def in_currency(summary: pd.DataFrame, scenarios: Mapping[str, Scenario],
                currency: str) -> pd.DataFrame:
    """The summary with each scenario's costs (by label) in `currency` (its file may be
    written in euros)."""
    parts = [costs_times(summary[summary["scenario"] == label], sc.money_factor(currency))
             for label, sc in scenarios.items()]
    return pd.concat(parts, ignore_index=True) if parts else summary


def money_notes(scenarios: Iterable[Scenario], currency: str, lang: str) -> list[str]:
    """How costs were converted, with the rate's source, once for every rate that was used."""
    notes = []
    for sc in scenarios:
        if sc.costs_in != currency and sc.sek_per_eur is not None:
            rate = fmt_number(sc.sek_per_eur.value, lang, 2)
            key = "leaders.money_note" if currency == "SEK" else "leaders.money_note_eur"
            notes.append(t(key, lang, rate=rate, source=sc.sek_per_eur.source))
    return list(dict.fromkeys(notes))
