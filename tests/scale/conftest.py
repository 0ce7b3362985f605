"""Shared pieces of the scale tests: a Dask LocalCluster."""

from __future__ import annotations

import pytest


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
