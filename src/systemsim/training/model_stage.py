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


def _children_in(family: Any, when: tuple[int, int]) -> tuple[int, int | None]:
    """Children under 18 at `when` (the story's year, month) and the oldest one's age."""
    from systemsim.genogram.draw import age_at

    people = getattr(family, "people", None)
    if not isinstance(people, dict):
        return 0, None
    ages = [
        age
        for p in people.values()
        if getattr(p, "type", "person") == "person"
        and getattr(p, "died", None) is None
        and (age := age_at(p, *when)) is not None
        and p.born <= when[0]
        and age < 18
    ]
    return len(ages), (max(ages) if ages else None)


def family_inputs(vignette: Vignette, stage: VignetteStage) -> dict[str, Any]:
    """What the model is told about this family: network strength, children, severity.

    The number of children and the oldest child's age come from the family file (people
    under 18 at the story's date) unless the stage's `model_run` gives `children`; at most 8, as the
    model allows.
    """
    run = stage.model_run
    if run is None:
        raise ValueError(f"stage {stage.id!r} has no model_run")
    family = load_family(vignette.resolve(stage_family_file(vignette, stage.id)))
    today = dt.date.today()
    when = vignette.when(stage.id) or (today.year, today.month)
    count, oldest = _children_in(family, when)
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


def typical_index(frames: list[Any], weeks: int) -> int:
    """Which run is typical: the most common outcome, then the run nearest its medians.

    Why: a single run can be the rare family closed at intake; the room should see what the
    family would usually get, and one run that looks like it.
    """
    outcomes = [journey_outcome(df) for df in frames]
    modal = max(OUTCOMES, key=lambda o: (outcomes.count(o), -OUTCOMES.index(o)))
    group = [i for i, o in enumerate(outcomes) if o == modal]
    summaries = {i: journey_summary(frames[i], weeks) for i in group}
    hours = sorted(summaries[i]["hours"] for i in group)
    ends = sorted(summaries[i]["closed_week"] or weeks for i in group)
    mid_h, mid_w = hours[len(hours) // 2], ends[len(ends) // 2]

    def distance(i: int) -> tuple[float, int]:
        s = summaries[i]
        h = abs(s["hours"] - mid_h) / max(mid_h, 1.0)
        w = abs((s["closed_week"] or weeks) - mid_w) / max(mid_w, 1)
        return h + w, i

    return min(group, key=distance)


def family_overview(
    vignette: Vignette, stage: VignetteStage, runs: int = 30
) -> dict[int, dict[str, Any]]:
    """What the family would typically get at each caseload, and one typical run as example.

    Runs the same family `runs` times per caseload; run r uses the same seed at every
    caseload, so the caseloads are compared on the same chances. Returns {caseload:
    {"shares": {outcome: share}, "hours": mean hours, "decided_week": mean week of the
    decision on an assessment, "new_notifications": mean notifications after the first,
    "hours_per_week": mean hours a week while the case was open, "typical": DataFrame,
    "typical_run": its number, "typical_count": runs that ended as it did, "runs": runs}}.
    """
    inputs = family_inputs(vignette, stage)
    assert stage.model_run is not None
    scenario = load_scenario(vignette.resolve(stage.model_run.scenario))
    seed = inputs.pop("seed")
    weeks = inputs["weeks"]
    result: dict[int, dict[str, Any]] = {}
    for caseload in stage.model_run.caseloads:
        frames = [
            family_journey(scenario, caseload=caseload, seed=seed * 10_000 + r, **inputs)
            for r in range(runs)
        ]
        outcomes = [journey_outcome(df) for df in frames]
        summaries = [journey_summary(df, weeks) for df in frames]
        typical = typical_index(frames, weeks)
        decided = [s["decided_week"] for s in summaries if s["decided_week"] is not None]
        result[caseload] = {
            "shares": {o: outcomes.count(o) / runs for o in OUTCOMES},
            "hours": sum(s["hours"] for s in summaries) / runs,
            "decided_week": sum(decided) / len(decided) if decided else None,
            "new_notifications": sum(s["new_notifications"] for s in summaries) / runs,
            "hours_per_week": sum(s["hours_per_week"] for s in summaries) / runs,
            "typical": frames[typical],
            "typical_run": typical + 1,
            "typical_count": outcomes.count(outcomes[typical]),
            "runs": runs,
        }
    return result


def time_window(journeys: dict[int, Any], weeks: int) -> int:
    """The weeks the figure shows: up to a little after the last case closes (all: `weeks`).

    Why: a family whose case closes in week 8 would be a thin line at the left of a
    three-year axis.
    """
    ends = [journey_summary(df, weeks)["closed_week"] for df in journeys.values()]
    if any(end is None for end in ends):
        return weeks
    last = max(ends, default=0) or 0
    return min(weeks, max(12, int(last * 1.25) + 4))
