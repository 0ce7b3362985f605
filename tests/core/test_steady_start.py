"""A run's first year is like the years after it: basic services' places and the assessments
under way start as a steady state holds them (`model/early_stock.py`, `model/initial.py`)."""

from __future__ import annotations

import random

import pandas as pd
import pytest
from repo_paths import SCENARIOS

from systemsim.experiment.runner import run_replications
from systemsim.model import ChildProtectionModel
from systemsim.model.early_stock import Load
from systemsim.model.stages import Stage
from systemsim.scenario import load_scenario


def test_erlang_loss_matches_its_textbook_values():
    assert Load(1.0, 1).blocked() == pytest.approx(0.5)
    assert Load(1.0, 2).blocked() == pytest.approx(0.2)
    assert Load(5.0, 0).blocked() == 1.0
    rng = random.Random(1)
    draws = [Load(4.0, 3).draw(rng) for _ in range(4000)]
    assert max(draws) == 3  # never more families than places
    # Poisson(4) cut at 3: P(3) = (64/6) / (1 + 4 + 8 + 64/6)
    assert draws.count(3) / len(draws) == pytest.approx((64 / 6) / (13 + 64 / 6), abs=0.03)


def test_a_run_starts_with_families_in_early_support():
    scenario = load_scenario(SCENARIOS / "finland_typical.yaml")
    model = ChildProtectionModel(scenario, seed=1)
    assert 0 < model.early_places_used <= scenario.basic_services.early_support_places.value
    assert model.children_in_stage[Stage.EARLY_SUPPORT] >= model.early_places_used
    model.release()


@pytest.mark.slow
def test_the_first_year_is_like_the_next_two_with_nothing_changed():
    """Before, every place started empty (year 1: 31 % of places in use against 39 % after) and
    seeded assessments were as short as new ones and counted late for deadlines passed
    before the start."""
    reps = run_replications(load_scenario(SCENARIOS / "finland_typical.yaml"), years=3,
                            replications=60, seed=1, progress=False)
    table = pd.concat([r.yearly for r in reps]).groupby("year").mean()
    first, later = table.iloc[0], table.iloc[1:].mean()
    assert first["early_support_places_used_share"] == pytest.approx(
        later["early_support_places_used_share"], rel=0.05)
    assert first["assessments_on_time_share"] == pytest.approx(
        later["assessments_on_time_share"], abs=0.02)
