"""Shared helpers for the workforce and organisation tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from systemsim.experiment import run_replications
from systemsim.scenario import load_raw, load_scenario, scenario_from_dict

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="session")
def scenario():
    """Load a bundled scenario by stem (cached)."""
    cache = {}

    def load(stem: str):
        if stem not in cache:
            cache[stem] = load_scenario(SCENARIOS / f"{stem}.yaml")
        return cache[stem]

    return load


def raw(stem: str) -> dict:
    return load_raw(SCENARIOS / f"{stem}.yaml")


def from_raw(data: dict):
    return scenario_from_dict(data, source="test")


def yearly_mean(scn, kpi: str, *, years: int, reps: int, seed: int = 1) -> np.ndarray:
    """Per-year mean of a KPI across replications (run in this process)."""
    results = run_replications(scn, years=years, replications=reps, seed=seed, processes=1,
                               progress=False)
    return np.nanmean([r.yearly[kpi].to_numpy() for r in results], axis=0)


def pooled(scn, kpis: list[str], *, years: int, reps: int, seed: int = 1) -> pd.DataFrame:
    """All replications' yearly tables stacked."""
    results = run_replications(scn, years=years, replications=reps, seed=seed, processes=1,
                               progress=False)
    return pd.concat([r.yearly[["year", *kpis]] for r in results], ignore_index=True)
