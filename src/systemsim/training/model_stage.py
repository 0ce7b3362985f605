"""The model stage: this family's journey when its worker has 40 cases, and when she has 15.

The family's network strength comes from its genogram file, its journey from the model
(`systemsim.journey`), so the numbers on the page are the model's, never made up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from systemsim.genogram import load_family, network_strength
from systemsim.journey import family_journey
from systemsim.journey.outcome import OUTCOMES, journey_outcome, journey_summary
from systemsim.scenario import load_scenario
from systemsim.training.schema import Vignette, VignetteStage


def stage_family_file(vignette: Vignette, stage_id: str) -> str:
    """The family file that holds at `stage_id`: the latest `family_update` on the way there.

    Stages are told in file order, so the latest update at or before this stage in the file
    is the family as the group knows it now.
    """
    current = vignette.family
    for stage in vignette.stages:
        if stage.family_update:
            current = stage.family_update
        if stage.id == stage_id:
            break
    return current


def _children_in(family: Any, year: int) -> tuple[int, int | None]:
    """Children under 18 in the family file and the oldest one's age (0, None if unknown)."""
    people = getattr(family, "people", None)
    if not isinstance(people, dict):
        return 0, None
    ages = [
        year - p.born
        for p in people.values()
        if getattr(p, "born", None) is not None
        and getattr(p, "died", None) is None
        and 0 <= year - p.born < 18
    ]
    return len(ages), (max(ages) if ages else None)


def family_inputs(vignette: Vignette, stage: VignetteStage) -> dict[str, Any]:
    """What the model is told about this family: network strength, children, severity.

    The number of children and the oldest child's age come from the family file (people
    under 18 this year) unless the stage's `model_run` gives `children`; at most 8, as the
    model allows.
    """
    run = stage.model_run
    if run is None:
        raise ValueError(f"stage {stage.id!r} has no model_run")
    family = load_family(vignette.resolve(stage_family_file(vignette, stage.id)))
    count, oldest = _children_in(family, dt.date.today().year)
    inputs: dict[str, Any] = {
        "network_strength": float(network_strength(family)),
        "children": min(run.children or count or 1, 8),
        "severity": run.severity,
        "seed": run.seed,
        "weeks": run.weeks,
    }
    if oldest is not None:
        inputs["oldest_age"] = oldest
    return inputs


def family_journeys(vignette: Vignette, stage: VignetteStage) -> dict[int, Any]:
    """Run the family's journey once per caseload in the stage's `model_run`.

    Returns {caseload: DataFrame with week, stage, event, worker_hours_week}. The same seed
    is used for every caseload, so the runs differ only by the caseload.
    """
    inputs = family_inputs(vignette, stage)
    assert stage.model_run is not None
    scenario = load_scenario(vignette.resolve(stage.model_run.scenario))
    return {
        caseload: family_journey(scenario, caseload=caseload, **inputs)
        for caseload in stage.model_run.caseloads
    }


def family_outcomes(
    vignette: Vignette, stage: VignetteStage, runs: int = 30
) -> dict[int, dict[str, float]]:
    """The same family `runs` times at each caseload, each time with a different chance.

    Returns {caseload: {outcome: share, ..., "hours": mean worker hours for the family,
    "hours_per_week": their mean a week while the case was open}}.
    The shares show how much chance plays a part; they do not predict one family's future.
    """
    inputs = family_inputs(vignette, stage)
    assert stage.model_run is not None
    scenario = load_scenario(vignette.resolve(stage.model_run.scenario))
    seed = inputs.pop("seed")
    result: dict[int, dict[str, float]] = {}
    for caseload in stage.model_run.caseloads:
        counts = dict.fromkeys(OUTCOMES, 0.0)
        hours = per_week = 0.0
        for r in range(runs):
            df = family_journey(scenario, caseload=caseload, seed=seed * 10_000 + r, **inputs)
            counts[journey_outcome(df)] += 1
            summary = journey_summary(df, inputs["weeks"])
            hours += summary["hours"]
            per_week += summary["hours_per_week"]
        result[caseload] = {k: v / runs for k, v in counts.items()} | {
            "hours": hours / runs, "hours_per_week": per_week / runs}
    return result
