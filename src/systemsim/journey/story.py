"""Follow one family: find a family whose path shows the system at work, then trace it."""

from __future__ import annotations

import pandas as pd

from systemsim.journey.trace import trace_table
from systemsim.model.model import WEEKS_PER_YEAR, ChildProtectionModel
from systemsim.model.stages import Stage
from systemsim.scenario import Scenario


class _PathModel(ChildProtectionModel):
    """The model, remembering each new family's stages (bookkeeping only, no random numbers)."""

    def __init__(self, *args, **kwargs):
        self.paths: dict[int, list[str]] = {}
        self._recording = False
        super().__init__(*args, **kwargs)
        self.first_new_id = self.next_family_id  # ids below were already in services at the start
        self._recording = True

    def enter(self, family, stage: Stage) -> None:
        if self._recording:
            path = self.paths.setdefault(family.history.family_id, [])
            name = stage.name.lower()
            if not path or path[-1] != name:
                path.append(name)
        super().enter(family, stage)

    def close(self, family, reason: str) -> None:
        if self._recording and family.history.family_id in self.paths:
            self.paths[family.history.family_id].append("closed")
        super().close(family, reason)


def _score(path: list[str]) -> float:
    """Higher for paths that show more of the system: support, assessment, care, return."""
    score = len(set(path))
    score += 2 * ("open_care" in path) + 2 * ("care" in path or "emergency" in path)
    score += 1 * ("early_support" in path) + 1 * ("aftercare" in path)
    score += 1.5 * (path.count("intake") > 1)  # came back after a closure
    score -= 0.1 * max(len(path) - 10, 0)  # a very long path is hard to follow
    return score


def find_interesting_family(
    scenario: Scenario, *, seed: int = 0, years: int = 3, require: tuple[str, ...] = ("open_care",)
) -> int:
    """The id of a family (created during the run) whose path visits `require` and most stages.

    Ids count families in the order they are created, so the same scenario and seed always
    give the same family; use it with ``ChildProtectionModel(scenario, seed, trace_family=id)``.
    """
    model = _PathModel(scenario, seed=seed)
    model.run_weeks(years * WEEKS_PER_YEAR)
    model.release()
    new = {fid: p for fid, p in model.paths.items() if fid >= model.first_new_id}
    candidates = [(fid, p) for fid, p in new.items() if all(r in p for r in require)]
    if not candidates:
        candidates = list(new.items())
    if not candidates:
        raise ValueError("no family reached services in this run; try more years")
    best = max(candidates, key=lambda item: (_score(item[1]), -item[0]))
    return int(best[0])


def family_story(scenario: Scenario, family_id: int, *, seed: int = 0, years: int = 3) -> pd.DataFrame:
    """The traced family's events: week, year, stage, event, worker_hours_week."""
    model = ChildProtectionModel(scenario, seed=seed, trace_family=family_id)
    model.run_weeks(years * WEEKS_PER_YEAR)
    table = trace_table(model)
    model.release()
    table.insert(1, "year", table["week"] // WEEKS_PER_YEAR + 1)
    return table
