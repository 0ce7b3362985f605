"""How big a batch of runs is, said before it starts; a huge one needs --yes.

Why: a 200 × 200 sweep or a Sobol analysis with many parameters can run for hours and, without
a word first, looks like a hang. The estimate times one replication on this machine.
"""

from __future__ import annotations

import sys
import time

from systemsim.errors import InputError
from systemsim.experiment import run_one
from systemsim.scenario import Scenario

#: above these a batch needs --yes
YES_RUNS, YES_CPU_SECONDS = 10_000, 600


def seconds_per_child_year(scenario: Scenario) -> float:
    """CPU seconds one replication takes per child and simulated year, timed on this machine."""
    start = time.process_time()
    run_one(scenario, 1, 0)
    return (time.process_time() - start) / max(scenario.population.children.value, 1.0)


def minutes(seconds: float) -> str:
    """'about 12 CPU-minutes', 'about 40 CPU-seconds' or 'under a CPU-second'."""
    if seconds >= 90:
        return f"about {seconds / 60:,.0f} CPU-minutes"
    return f"about {seconds:,.0f} CPU-seconds" if seconds >= 1 else "under a CPU-second"


def years_each(years: int) -> str:
    return f"{years} simulated year{'' if years == 1 else 's'} each"


def confirm_work(what: str, runs: int, years: int, children: float, base: Scenario,
                 yes: bool, kind: str = "batch") -> None:
    """Print `what` with its runs and CPU estimate on stderr; refuse a huge batch without --yes."""
    cpu = runs * years * children * seconds_per_child_year(base)
    print(f"systemsim: {what} = {runs:,} runs, {years_each(years)}, {minutes(cpu)}",
          file=sys.stderr)
    if (runs > YES_RUNS or cpu > YES_CPU_SECONDS) and not yes:
        raise InputError(f"this {kind} is {runs:,} runs, {minutes(cpu)}; add --yes to start it, or "
                         "use fewer values, samples, replications or years", where="--yes")
