"""Shared fixtures for the workforce and organisation tests."""

from __future__ import annotations

import numpy as np
import pytest
from repo_paths import SCENARIOS

from systemsim.experiment import run_replications
from systemsim.scenario import load_raw, scenario_from_dict


@pytest.fixture(scope="session")
def raw():
    """The merged mapping of a bundled scenario, to edit and validate again."""

    def load(stem: str) -> dict:
        return load_raw(SCENARIOS / f"{stem}.yaml")

    return load


@pytest.fixture(scope="session")
def build():
    return lambda data: scenario_from_dict(data, source="test")


@pytest.fixture(scope="session")
def kpi():
    """Per-year mean of KPIs across replications, run in this process.

    Returns a dict kpi -> array over years; replication r uses the same seed in every call, so
    two scenarios compared this way share their random numbers where they can."""

    def run(scn, names, *, years: int, reps: int, seed: int = 1) -> dict[str, np.ndarray]:
        results = run_replications(scn, years=years, replications=reps, seed=seed, processes=1,
                                   progress=False)
        return {n: np.nanmean([r.yearly[n].to_numpy() for r in results], axis=0) for n in names}

    return run
