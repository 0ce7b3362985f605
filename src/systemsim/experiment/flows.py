"""Replications that also record stage-to-stage flows and every worker's caseload.

`FlowModel` is the simulation model plus bookkeeping only: it draws no random numbers, so a
replication gives exactly the numbers `systemsim.experiment.run_replications` gives for the
same seed. Runs report progress after each replication and can be stopped between them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from systemsim.experiment.kpis import weekly_frame, yearly_kpis
from systemsim.experiment.seeds import replication_seeds
from systemsim.model.model import WEEKS_PER_YEAR, ChildProtectionModel
from systemsim.model.stages import Stage
from systemsim.scenario import Scenario

#: name of the node a family comes from when it first reaches services (or comes back)
SOURCE = "concern"
#: name of the node for a closed case
CLOSED = "closed"


def stage_name(stage: Stage | None) -> str:
    return SOURCE if stage is None else stage.name.lower()


class Stopped(Exception):
    """The user pressed Stop; `partial` holds the replications finished so far."""

    def __init__(self, partial: RunResult | None):
        super().__init__("stopped by the user")
        self.partial = partial


class FlowModel(ChildProtectionModel):
    """The model, counting children moving between stages and caseloads at each year end."""

    def __init__(self, *args, **kwargs):
        self.moves: dict[tuple[int, str, str], float] = {}
        self.caseload_snapshots: list[tuple[int, int, float]] = []
        super().__init__(*args, **kwargs)
        self.moves.clear()  # the initial stocks are a starting point, not flow

    def _move(self, old: Stage | None, new: str, children: int) -> None:
        key = (self.week // WEEKS_PER_YEAR + 1, stage_name(old), new)
        self.moves[key] = self.moves.get(key, 0.0) + children

    def enter(self, family, stage: Stage) -> None:
        if family.stage != stage:
            self._move(family.stage, stage.name.lower(), family.children)
        super().enter(family, stage)

    def close(self, family, reason: str) -> None:
        if family.stage is not None:
            self._move(family.stage, CLOSED, family.children)
        super().close(family, reason)

    def step(self) -> None:
        super().step()
        if self.week % WEEKS_PER_YEAR == 0:
            year = self.week // WEEKS_PER_YEAR
            for i, worker in enumerate(self.workers):
                self.caseload_snapshots.append((year, i, float(worker.caseload)))


@dataclass
class RunResult:
    """Tidy tables of one scenario's replications."""

    label: str
    yearly: pd.DataFrame  # scenario, replication, year, kpi, value
    flows: pd.DataFrame  # scenario, replication, year, source, target, children
    caseloads: pd.DataFrame  # scenario, replication, year, worker, caseload
    weekly: pd.DataFrame = field(default_factory=pd.DataFrame)  # scenario, replication, week, ...

    @property
    def replications(self) -> int:
        return int(self.yearly["replication"].nunique()) if len(self.yearly) else 0


def _one(scenario: Scenario, years: int, seed, keep_weekly: bool):
    model = FlowModel(scenario, seed=seed)
    model.run_weeks(years * WEEKS_PER_YEAR)
    weekly = weekly_frame(model)
    yearly = yearly_kpis(model, weekly)
    return model, weekly, yearly


def _assemble(label: str, parts: list[tuple]) -> RunResult:
    yearly, flows, caseloads, weekly = [], [], [], []
    for r, (model, week_table, year_table, keep) in enumerate(parts):
        long = year_table.melt(id_vars="year", var_name="kpi", value_name="value")
        long.insert(0, "replication", r)
        yearly.append(long)
        flows.append(pd.DataFrame(
            [(r, y, s, t, c) for (y, s, t), c in model.moves.items()],
            columns=["replication", "year", "source", "target", "children"],
        ))
        caseloads.append(pd.DataFrame(
            [(r, y, w, c) for y, w, c in model.caseload_snapshots],
            columns=["replication", "year", "worker", "caseload"],
        ))
        if keep:
            w = week_table.copy()
            w.insert(0, "replication", r)
            weekly.append(w)

    def frame(frames: list[pd.DataFrame]) -> pd.DataFrame:
        frames = [f for f in frames if len(f)]
        if not frames:
            return pd.DataFrame()
        out = pd.concat(frames, ignore_index=True)
        out.insert(0, "scenario", label)
        return out

    return RunResult(label, frame(yearly), frame(flows), frame(caseloads), frame(weekly))


def run_scenario(
    scenario: Scenario,
    *,
    years: int,
    replications: int,
    seed: int = 0,
    label: str | None = None,
    keep_weekly: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> RunResult:
    """Run `replications` of `scenario` for `years` and return its tidy tables.

    `on_progress(done, total)` is called after each replication. When `stop` is set, the run
    ends before the next replication and raises `Stopped` carrying what was finished.
    """
    label = label or scenario.name
    parts = []
    for i, seed_seq in enumerate(replication_seeds(seed, replications)):
        if stop is not None and stop.is_set():
            raise Stopped(_assemble(label, parts) if parts else None)
        model, weekly, yearly = _one(scenario, years, seed_seq, keep_weekly)
        parts.append((model, weekly, yearly, keep_weekly))
        if on_progress:
            on_progress(i + 1, replications)
    return _assemble(label, parts)


def combine(results: list[RunResult]) -> RunResult:
    """One result holding several scenarios' tables (for figures that compare them)."""

    def cat(name: str) -> pd.DataFrame:
        frames = [getattr(r, name) for r in results if len(getattr(r, name))]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    return RunResult(" | ".join(r.label for r in results), cat("yearly"), cat("flows"),
                     cat("caseloads"), cat("weekly"))
