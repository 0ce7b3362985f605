"""Shared small runs for the leaders' tests (a few replications of two years: fast)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def result(typical):
    """Base and a what-if (two more workers, systemic), 4 replications of 2 years."""
    from systemsim.experiment import combine, run_scenario
    from systemsim.scenario import with_values

    whatif = with_values(typical, {"workforce.social_workers": 9, "practice.way_of_working": "systemic"})
    return combine([
        run_scenario(typical, years=2, replications=4, seed=11, label="base"),
        run_scenario(whatif, years=2, replications=4, seed=11, label="whatif"),
    ])


@pytest.fixture(scope="session")
def summary(result):
    from systemsim.experiment import summarise

    return summarise(result.yearly)


def chromium_or_skip() -> str:
    """Debian's chromium; skip only outside CI when it is not installed (CI must fail loudly)."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing on CI: .ci/run must apt-get install chromium")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    return shutil.which("chromium") or CHROMIUM
