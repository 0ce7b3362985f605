"""The model stage: this family's journey when its worker has 40 cases, and when she has 15.

Why guarded imports: the journey simulation (`systemsim.journey`) and the family's network
strength (`systemsim.genogram.network_strength`) come from other parts of systemsim. When
they are missing we raise `ModelUnavailable` naming what is missing, so the page can say so
plainly; we never show made-up numbers instead.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from typing import Any

from systemsim.training.schema import Stage, Vignette
from systemsim.training.vignette import module_available


class ModelUnavailable(RuntimeError):
    """The parts of systemsim that the model stage needs are not installed."""

    def __init__(self, missing: list[str]):
        self.missing = missing
        super().__init__("the model stage needs " + ", ".join(missing))


def missing_parts() -> list[str]:
    """What the model stage still needs (empty when it can run)."""
    missing = []
    if not module_available("systemsim.journey"):
        missing.append("systemsim.journey")
    if not module_available("systemsim.genogram") or not hasattr(
        importlib.import_module("systemsim.genogram"), "network_strength"
    ):
        missing.append("systemsim.genogram.network_strength")
    return missing


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


def _load_scenario(path: Any) -> Any:
    """The scenario as the core wants it: loaded by systemsim.scenario when it offers a loader."""
    if module_available("systemsim.scenario"):
        scenario = importlib.import_module("systemsim.scenario")
        for name in ("load_scenario", "load"):
            loader = getattr(scenario, name, None)
            if callable(loader):
                return loader(path)
    return path


def family_inputs(vignette: Vignette, stage: Stage) -> dict[str, Any]:
    """What the model is told about this family: network strength, children, severity.

    The number of children and the oldest child's age come from the family file (people
    under 18 at the story's date) unless the stage's `model_run` gives `children`; at most 8, as the
    model allows.
    """
    run = stage.model_run
    if run is None:
        raise ValueError(f"stage {stage.id!r} has no model_run")
    missing = missing_parts()
    if missing:
        raise ModelUnavailable(missing)
    genogram = importlib.import_module("systemsim.genogram")
    family = genogram.load_family(vignette.resolve(stage_family_file(vignette, stage.id)))
    today = dt.date.today()
    when = vignette.when(stage.id) or (today.year, today.month)
    count, oldest = _children_in(family, when)
    inputs: dict[str, Any] = {
        "network_strength": float(genogram.network_strength(family)),
        "children": min(run.children or count or 1, 8),
        "severity": run.severity,
        "seed": run.seed,
        "weeks": run.weeks,
    }
    journey = importlib.import_module("systemsim.journey")
    if oldest is not None and "oldest_age" in inspect.signature(journey.family_journey).parameters:
        inputs["oldest_age"] = oldest
    return inputs


def family_journeys(vignette: Vignette, stage: Stage) -> dict[int, Any]:
    """Run the family's journey once per caseload in the stage's `model_run`.

    Returns {caseload: DataFrame with week, stage, event, worker_hours_week}. Raises
    `ModelUnavailable` when the simulation core or the genogram's network strength is missing.
    The same seed is used for every caseload, so the runs differ only by the caseload.
    """
    inputs = family_inputs(vignette, stage)
    assert stage.model_run is not None
    journey = importlib.import_module("systemsim.journey")
    scenario = _load_scenario(vignette.resolve(stage.model_run.scenario))
    return {
        caseload: journey.family_journey(scenario, caseload=caseload, **inputs)
        for caseload in stage.model_run.caseloads
    }


#: How one journey ended, in the order the "same family many times" table lists them.
OUTCOMES = ("placed", "closed_without_assessment", "closed_after_work", "still_open")


def journey_outcome(df: Any) -> str:
    """Which of `OUTCOMES` one journey ended in."""
    events = {str(e) for e in df["event"]}
    if {"enter_care", "enter_emergency"} & events:
        return "placed"
    if "closed_no_assessment" in events:
        return "closed_without_assessment"
    if any(e.startswith("closed_") for e in events):
        return "closed_after_work"
    return "still_open"


def journey_timeline(df: Any, weeks: int) -> list[tuple[int, str]]:
    """(week, stage) points of the family's path; `closed` after its case closes.

    The model records events, not every week: each row says what happened in which week and
    how many hours a week the worker then had for the family.
    """
    points: list[tuple[int, str]] = []
    for week, stage, event in zip(df["week"], df["stage"], df["event"], strict=False):
        points.append((int(week), "closed" if str(event).startswith("closed_") else str(stage)))
    if points:
        points.append((weeks, points[-1][1]))
    return points


def journey_summary(df: Any, weeks: int = 156) -> dict[str, Any]:
    """The path in stages, the worker's hours for the family in all, and how it ended.

    Hours: each row's hours per week last until the next event; after a closing event, none.
    """
    rows = list(zip(df["week"], df["stage"], df["event"], df["worker_hours_week"], strict=False))
    hours = 0.0
    for i, (week, _stage, event, per_week) in enumerate(rows):
        if str(event).startswith("closed_"):
            continue
        until = rows[i + 1][0] if i + 1 < len(rows) else weeks
        hours += float(per_week) * max(0, int(until) - int(week))
    path = [str(e)[len("enter_") :] for e in df["event"] if str(e).startswith("enter_")]
    closing = [
        (int(w), str(e)[len("closed_") :]) for w, _s, e, _h in rows if str(e).startswith("closed_")
    ]
    return {
        "hours": round(hours, 1),
        "path": list(dict.fromkeys(path)) if len(set(path)) == len(path) else path,
        "closed_week": closing[-1][0] if closing else None,
        "closed_reason": closing[-1][1] if closing else None,
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
    vignette: Vignette, stage: Stage, runs: int = 30
) -> dict[int, dict[str, Any]]:
    """What the family would typically get at each caseload, and one typical run as example.

    Runs the same family `runs` times per caseload; run r uses the same seed at every
    caseload, so the caseloads are compared on the same chances. Returns {caseload:
    {"shares": {outcome: share}, "hours": mean hours, "typical": DataFrame, "typical_run":
    its number, "typical_count": runs that ended as it did, "runs": runs}}.
    """
    inputs = family_inputs(vignette, stage)
    assert stage.model_run is not None
    journey = importlib.import_module("systemsim.journey")
    scenario = _load_scenario(vignette.resolve(stage.model_run.scenario))
    seed = inputs.pop("seed")
    weeks = inputs["weeks"]
    result: dict[int, dict[str, Any]] = {}
    for caseload in stage.model_run.caseloads:
        frames = [
            journey.family_journey(scenario, caseload=caseload, seed=seed * 10_000 + r, **inputs)
            for r in range(runs)
        ]
        outcomes = [journey_outcome(df) for df in frames]
        typical = typical_index(frames, weeks)
        result[caseload] = {
            "shares": {o: outcomes.count(o) / runs for o in OUTCOMES},
            "hours": sum(journey_summary(df, weeks)["hours"] for df in frames) / runs,
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
