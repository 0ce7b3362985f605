"""The model stage: this family's journey when its worker has 40 cases, and when she has 15.

Why guarded imports: the journey simulation (`systemsim.journey`) and the family's network
strength (`systemsim.genogram.network_strength`) come from other parts of systemsim. When
they are missing we raise `ModelUnavailable` naming what is missing, so the page can say so
plainly; we never show made-up numbers instead.
"""

from __future__ import annotations

import datetime as dt
import importlib
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


def _children_in(family: Any, year: int) -> int | None:
    """Children under 18 in the family file (people with a birth year and no death year)."""
    people = getattr(family, "people", None)
    if not isinstance(people, dict):
        return None
    count = sum(
        1
        for p in people.values()
        if getattr(p, "born", None) is not None
        and getattr(p, "died", None) is None
        and 0 <= year - p.born < 18
    )
    return count or None


def _load_scenario(path: Any) -> Any:
    """The scenario as the core wants it: loaded by systemsim.scenario when it offers a loader."""
    if module_available("systemsim.scenario"):
        scenario = importlib.import_module("systemsim.scenario")
        for name in ("load_scenario", "load"):
            loader = getattr(scenario, name, None)
            if callable(loader):
                return loader(path)
    return path


def family_journeys(vignette: Vignette, stage: Stage) -> dict[int, Any]:
    """Run the family's journey once per caseload in the stage's `model_run`.

    Returns {caseload: DataFrame with week, stage, event, worker_hours_week}. Raises
    `ModelUnavailable` when the simulation core or the genogram's network strength is missing.
    """
    run = stage.model_run
    if run is None:
        raise ValueError(f"stage {stage.id!r} has no model_run")
    missing = missing_parts()
    if missing:
        raise ModelUnavailable(missing)
    genogram = importlib.import_module("systemsim.genogram")
    journey = importlib.import_module("systemsim.journey")
    family = genogram.load_family(vignette.resolve(stage_family_file(vignette, stage.id)))
    strength = float(genogram.network_strength(family))
    children = run.children or _children_in(family, dt.date.today().year) or 1
    scenario = _load_scenario(vignette.resolve(run.scenario))
    return {
        caseload: journey.family_journey(
            scenario,
            network_strength=strength,
            children=children,
            severity=run.severity,
            caseload=caseload,
            seed=run.seed,
            weeks=run.weeks,
        )
        for caseload in run.caseloads
    }


def journey_summary(df: Any) -> dict[str, Any]:
    """Hours the worker had for the family, where it ended up, and what happened on the way."""
    events = [str(e) for e in df["event"].tolist() if isinstance(e, str) and e.strip()]
    return {
        "hours": round(float(df["worker_hours_week"].sum()), 1),
        "last": str(df["stage"].iloc[-1]) if len(df) else "",
        "events": list(dict.fromkeys(events)),
    }
