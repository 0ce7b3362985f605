import json
from pathlib import Path

import numpy as np
import pytest

from systemsim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
TYPICAL = SCENARIOS / "finland_typical.yaml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def wide_posterior(tmp_path) -> Path:
    """A posterior that is honestly unsure about two coefficients that move children in care."""
    rng = np.random.default_rng(5)
    n = 40
    doc = {
        "kind": "posterior",
        "parameters": [
            {"path": "practice.relationship_half_hours", "value": 1.0, "source": "test",
             "prior": {"low": 0.3, "high": 3.0, "shape": "loguniform"}},
            {"path": "pathway.placement_weeks_mean", "source": "test",
             "value": load_scenario(TYPICAL).pathway.placement_weeks_mean.value,
             "prior": {"low": 100, "high": 350}},
        ],
        "samples": {
            "practice.relationship_half_hours": list(np.exp(rng.uniform(np.log(0.3), np.log(3), n))),
            "pathway.placement_weeks_mean": list(rng.uniform(100, 350, n)),
        },
        "weights": [1.0] * n,
    }
    return write(tmp_path / "wide.posterior.json", json.dumps(doc))
