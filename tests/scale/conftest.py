"""Shared pieces of the scale tests: a small scenario and a Dask LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TYPICAL = ROOT / "scenarios" / "finland_typical.yaml"


@pytest.fixture(scope="session")
def typical():
    from systemsim.scenario import load_scenario

    return load_scenario(TYPICAL)


@pytest.fixture
def dask_client():
    """Two single-threaded worker processes that import this checkout's systemsim."""
    from distributed import Client

    from systemsim.experiment.distributed import start_local_cluster

    cluster = start_local_cluster(2)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
