from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(scope="session")
def typical():
    from systemsim.scenario import load_scenario

    return load_scenario(SCENARIOS / "finland_typical.yaml")
