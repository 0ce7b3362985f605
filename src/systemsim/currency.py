"""Costs in the reader's currency: which currency a set of scenarios is shown in, their costs
converted to it at each file's sourced rate, and the note that says so (`in_readers_currency`).

One place because the CLI tables, the board report, the decomposition and the dashboard's
headline show the same kronor and must say the same about them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Money:
    """Costs as a reader sees them: the currency, each scenario's factor from its file's costs
    to it (by label), the notes saying how they were converted, and the converted summary."""

    currency: str
    factors: dict[str, float]
    notes: list[str]
    summary: pd.DataFrame | None = None

    def common_factor(self) -> float | None:
        """The one factor every scenario shares (a difference between them can be converted
        with it), or None."""
        found = set(self.factors.values())
        return found.pop() if len(found) == 1 else None


def in_readers_currency(scenarios: Mapping[str, Scenario], lang: str,
                        summary: pd.DataFrame | None = None) -> Money:
    """The currency `scenarios` (by label) are shown in, `summary`'s costs converted to it and
    the note in `lang` (the rate's source quoted as its file gives it)."""
    currency = shown_currency(scenarios.values())
    return Money(currency=currency,
                 factors={label: sc.money_factor(currency) for label, sc in scenarios.items()},
                 notes=money_notes(scenarios.values(), currency, lang),
                 summary=None if summary is None else in_currency(summary, scenarios, currency))
