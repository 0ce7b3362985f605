"""Follow one family through the system: "her journey when its worker has 40 cases, and 15".

Training uses this to make caseloads concrete. The municipality's staffing is scaled so that
the *mean* caseload is what the trainer asks for; the family is given the traits from its
vignette (children, severity, close-network strength from its network map) and arrives as a
notification in week 0. Everything else is the ordinary model, so the story is the model's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from systemsim.errors import InputError
from systemsim.journey.outcome import DECISIONS, OUTCOMES, journey_outcome
from systemsim.model.agents import FamilyTraits
from systemsim.model.model import ChildProtectionModel
from systemsim.scenario import Scenario, load_scenario, with_values

SEVERITIES = {"low": 0, "moderate": 1, "high": 2}
#: weeks the municipality runs before the family arrives, so caseloads have settled
_WARMUP_WEEKS = 26


def _scenario(scenario: Scenario | str) -> Scenario:
    return load_scenario(scenario) if isinstance(scenario, str) else scenario


def staffed_for(scenario: Scenario, caseload: float) -> Scenario:
    """The scenario with social workers scaled so the mean caseload is about `caseload`.

    The scale uses the scenario's own starting stock of children in caseload stages.
    """
    if not 5 <= caseload <= 120:
        raise InputError(f"caseload must be between 5 and 120 children, got {caseload}",
                         where="caseload")
    ini = scenario.initial
    children = (ini.children_in_assessment.value + ini.children_in_open_care.value
                + ini.children_in_care.value)
    workers = max(1.0, round(children / caseload * 2) / 2)
    return with_values(scenario, {"workforce.social_workers": workers})


def family_journey(
    scenario: Scenario | str,
    *,
    network_strength: float,
    children: int = 1,
    severity: str = "moderate",
    caseload: int = 30,
    seed: int = 0,
    weeks: int = 156,
    oldest_age: int = 8,
) -> pd.DataFrame:
    """Week-by-week events of one family (columns: week, stage, event, worker_hours_week)."""
    if severity not in SEVERITIES:
        raise InputError(f"severity must be one of {', '.join(SEVERITIES)}, got {severity!r}",
                         where="severity")
    if not 0.0 <= network_strength <= 1.0:
        raise InputError("network_strength must be between 0 and 1", where="network_strength")
    if not 1 <= children <= 8:
        raise InputError("children must be between 1 and 8", where="children")
    sc = staffed_for(_scenario(scenario), caseload)
    model = ChildProtectionModel(sc, seed=np.random.SeedSequence([seed, 7]))
    model.run_weeks(_WARMUP_WEEKS)  # let caseloads settle before the family arrives
    traits = FamilyTraits(children=children, oldest_age=oldest_age, severity=SEVERITIES[severity],
                          network=network_strength, engagement=0.6)
    family = model.new_family(traits)
    family.traced = True
    model.trace_family = family.history.family_id  # follow it when it is notified again
    start = model.week
    model.notify(family)
    while model.week < start + weeks:
        model.step()
    trace = trace_table(model)
    model.release()
    trace["week"] -= start
    return trace


def trace_table(model: ChildProtectionModel) -> pd.DataFrame:
    """The traced family's events, one row an event: week, stage, event, worker_hours_week
    (hours a week from then on) and decision_hours (the intake decision's one-off hours).

    Why the decision's hours: deciding takes the scenario's `workforce.hours_per_decision`
    (reading the notification, contacting the family, recording the decision); a family
    whose notification needs no assessment still had that much of a worker's time.
    """
    table = pd.DataFrame(model.trace, columns=["week", "stage", "event", "worker_hours_week"])
    per_decision = float(model.p.workforce.hours_per_decision)
    table["decision_hours"] = [per_decision if e in DECISIONS else 0.0 for e in table["event"]]
    return table


def journey_outcomes(
    scenario: Scenario | str,
    *,
    network_strength: float,
    caseload: int,
    runs: int = 30,
    seed: int = 0,
    **traits: object,
) -> pd.Series:
    """Share of `runs` journeys that ended in each of `OUTCOMES` (placed, closed, still open)."""
    counts = dict.fromkeys(OUTCOMES, 0)
    sc = _scenario(scenario)
    for r in range(runs):
        trace = family_journey(sc, network_strength=network_strength, caseload=caseload,
                               seed=seed * 10_000 + r, **traits)
        counts[journey_outcome(trace)] += 1
    return pd.Series(counts, dtype=float) / runs
