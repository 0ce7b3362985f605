"""Starting stocks that are the model's own steady state, so a baseline holds still.

A scenario starts with families already in assessment, open care, care and aftercare. If those
stocks are not what the model's flows sustain, every run drifts towards the model's level in
its first years, and a before/after comparison credits the reform with the drift. This module
runs a long burn-in and reads the stocks the flows sustain; `systemsim steady-state FILE
--write` puts them in the file with a source that says how they were made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from systemsim.experiment.runner import run_replications
from systemsim.scenario.schema import Scenario
from systemsim.yamlio import write_text_atomic

#: initial stock key -> the yearly KPI that measures the same stock (children, at year end)
STOCK_KPIS = {
    "children_in_assessment": "children_in_assessment",
    "children_in_open_care": "open_care_clients",
    "children_in_care": "children_in_care",
    "children_in_aftercare": "children_in_aftercare",
    "families_to_return": "families_to_return",
}
#: initial staff share key -> the yearly KPI that measures it (scenarios with workforce dynamics)
STAFF_KPIS = {"vacant_share": "vacancy_rate", "early_career_share": "early_career_share"}


@dataclass(frozen=True)
class SteadyState:
    """The stocks a scenario's flows sustain, and how they were measured."""

    stocks: dict[str, float]
    years: int
    average_years: int
    replications: int
    seed: int

    @property
    def source(self) -> str:
        return (f"derived: model steady state (systemsim steady-state, seed {self.seed}, mean of"
                f" years {self.years - self.average_years + 1}-{self.years} over {self.replications}"
                " replications)")

    def yaml_block(self) -> str:
        """The `initial:` section as YAML lines."""
        lines = ["initial:"]
        for key, value in self.stocks.items():
            lines.append(f'  {key}: {{value: {value}, source: "{self.source}"}}')
        return "\n".join(lines) + "\n"


def steady_state(scenario: Scenario, *, years: int = 40, average_years: int = 10,
                 replications: int = 8, seed: int = 1, processes: int | None = None) -> SteadyState:
    """Run `years` years and average the year-end stocks of the last `average_years`."""
    if not 1 <= average_years < years:
        raise ValueError("average_years must be at least 1 and less than years")
    reps = run_replications(scenario, years=years, replications=replications, seed=seed,
                            processes=processes, progress=None, label="steady state")
    frame = pd.concat([r.yearly for r in reps])
    tail = frame[frame["year"] > years - average_years]
    stocks: dict[str, float] = {
        key: int(round(float(tail[kpi].mean()))) for key, kpi in STOCK_KPIS.items()}
    if scenario.workforce_dynamics is not None:
        stocks.update({key: round(float(tail[kpi].mean()), 3) for key, kpi in STAFF_KPIS.items()})
    return SteadyState(stocks, years, average_years, replications, seed)


def write_initial(path: str | Path, state: SteadyState) -> None:
    """Replace the file's own `initial:` section (or add one) with the steady-state stocks,
    keeping every other line and comment; written whole or not at all."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("initial:")), None)
    block = state.yaml_block()
    if start is None:
        text = "".join(lines)
        text = text + ("" if text.endswith("\n") else "\n") + block
    else:
        end = start + 1
        while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        text = "".join(lines[:start]) + block + "".join(lines[end:])
    write_text_atomic(path, text, mode=0o644)  # a scenario file is shared, like the bundled ones
