"""The model plus bookkeeping of stage-to-stage flows and every worker's caseload at year end.

`FlowModel` draws no random numbers, so a replication gives exactly the numbers the plain
model gives for the same seed; `systemsim.experiment.runner.run_one(..., flows=True)` uses it
for the dashboard's and the report's flow and caseload figures.
"""

from __future__ import annotations

import pandas as pd

from systemsim.model.model import WEEKS_PER_YEAR, ChildProtectionModel
from systemsim.model.stages import Stage

#: name of the node a family comes from when it first reaches services (or comes back)
SOURCE = "concern"
#: name of the node for a closed case
CLOSED = "closed"


def stage_name(stage: Stage | None) -> str:
    return SOURCE if stage is None else stage.name.lower()


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

    def flow_table(self) -> pd.DataFrame:
        """year, source, target, children: children moving between stages, per year."""
        return pd.DataFrame([(y, s, t, c) for (y, s, t), c in self.moves.items()],
                            columns=["year", "source", "target", "children"])

    def caseload_table(self) -> pd.DataFrame:
        """year, worker, caseload: every worker's caseload at each year end."""
        return pd.DataFrame(self.caseload_snapshots, columns=["year", "worker", "caseload"])
