"""Experiments: replications, comparisons and the tidy tables they produce."""

from systemsim.experiment.contract import contract, dumps
from systemsim.experiment.runner import (
    Replication,
    RunResult,
    Stopped,
    combine,
    run_one,
    run_replications,
    run_scenario,
    summarise,
    tidy,
    tidy_weekly,
)
from systemsim.experiment.seeds import replication_seeds

__all__ = [
    "Replication",
    "RunResult",
    "Stopped",
    "combine",
    "contract",
    "dumps",
    "replication_seeds",
    "run_one",
    "run_replications",
    "run_scenario",
    "summarise",
    "tidy",
    "tidy_weekly",
]
