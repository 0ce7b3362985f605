"""What every test folder shares: the repository's paths, the bundled scenarios, the tiers.

Tiers (markers registered in pyproject.toml): `slow` (more than about a second: long model
runs, process pools, Dask, subprocess CLIs), `browser` (a real headless Chromium), `notebook`
(a notebook run cell by cell under nbval; the root conftest.py marks every cell) and
`backtest` (numbers held against national statistics and the seeds). `make test-fast` runs
everything that is none of slow, browser and notebook; `make test` runs all of them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from repo_paths import ROOT, SCENARIOS, TYPICAL


def pytest_configure(config: pytest.Config) -> None:
    """A CLI or worker process a test starts imports this checkout's systemsim, not whichever
    one the environment has installed (several worktrees share one virtualenv)."""
    paths = [str(ROOT / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def typical():
    """The typical Finnish municipality (scenarios/finland_typical.yaml) as a `Scenario`."""
    from systemsim.scenario import load_scenario

    return load_scenario(TYPICAL)


@pytest.fixture(scope="session")
def bundled():
    """Load a bundled scenario by file stem, e.g. ``bundled("molndal_after")`` (cached)."""
    from systemsim.scenario import load_scenario

    cache: dict = {}

    def load(stem: str):
        if stem not in cache:
            cache[stem] = load_scenario(SCENARIOS / f"{stem}.yaml")
        return cache[stem]

    return load
