"""Early support acts over the whole range of places (issue "Trustworthy numbers").

The share of new concerns met in basic services follows the early-support places with an
explicit, labelled assumption (an elasticity and two ceilings); at the reference places it is
the file's own route share, so a file's own numbers never move.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from systemsim.experiment.runner import run_replications
from systemsim.model.params import plain
from systemsim.model.reach import route_shares
from systemsim.scenario import scenario_from_dict, with_values
from systemsim.scenario.schema import assumptions

REACH_KEYS = ("basic_services.reach_reference_places_per_1000_children",
              "behaviour.early_support_reach_elasticity",
              "behaviour.early_support_route_low_max", "behaviour.early_support_route_moderate_max")


def _plain(places, reference, elasticity=0.6, low=0.35, moderate=0.1, low_max=0.8, mod_max=0.4,
           children=1000):
    """Plain parameters; `reference` in places for 1,000 children (so places per 1,000)."""
    return SimpleNamespace(
        population=SimpleNamespace(children=children),
        basic_services=SimpleNamespace(early_support_places=places,
                                       reach_reference_places_per_1000_children=reference,
                                       route_low_share=low, route_moderate_share=moderate),
        behaviour=SimpleNamespace(early_support_reach_elasticity=elasticity,
                                  early_support_route_low_max=low_max,
                                  early_support_route_moderate_max=mod_max))


def test_at_the_reference_places_the_route_shares_are_the_files_own():
    assert route_shares(_plain(30, 30)) == (0.35, 0.1, 0.0)


def test_more_places_raise_the_shares_less_than_in_proportion_up_to_the_ceilings():
    low, moderate, high = route_shares(_plain(60, 30))
    assert low == pytest.approx(0.35 * 2 ** 0.6) and moderate == pytest.approx(0.1 * 2 ** 0.6)
    assert high == 0.0  # serious concerns always go to child protection
    assert route_shares(_plain(1000, 30))[:2] == (0.8, 0.4)
    assert route_shares(_plain(10, 30))[0] == pytest.approx(0.35 * 3 ** -0.6)


def test_a_ceiling_never_lowers_a_share_the_scenario_states_itself():
    """Mäntsälä after the reform meets 90 % of light concerns (seed 001), above the 0.8 ceiling."""
    assert route_shares(_plain(90, 90, low=0.9, moderate=0.7))[:2] == (0.9, 0.7)
    assert route_shares(_plain(200, 90, low=0.9, moderate=0.7))[:2] == (0.9, 0.7)


def test_a_file_without_the_reach_keys_runs_as_before(typical):
    """Absent keys: elasticity 0 and the file's own places as reference, marked as defaults."""
    data = typical.model_dump()
    del data["basic_services"]["reach_reference_places_per_1000_children"]
    for key in REACH_KEYS[1:]:
        del data["behaviour"][key.split(".")[1]]
    old = scenario_from_dict(data, source="test")
    assert old.basic_services.reach_reference_places_per_1000_children.value == \
        pytest.approx(30 / 5250 * 1000)
    assert old.behaviour.early_support_reach_elasticity.value == 0
    sources = {path: source for path, _, source in assumptions(old)}
    assert all(sources[key].startswith("default") for key in REACH_KEYS)
    more = with_values(old, {"basic_services.early_support_places": 90})
    # a what-if keeps the reference
    assert more.basic_services.reach_reference_places_per_1000_children.value == \
        old.basic_services.reach_reference_places_per_1000_children.value
    assert route_shares(plain(more))[:2] == (0.35, 0.1)


def test_the_reach_assumptions_are_listed_with_their_sources(typical):
    found = {path: (value, source) for path, value, source in assumptions(typical)}
    for key in REACH_KEYS:
        assert found[key][1].startswith("assumption"), key
    assert found["behaviour.early_support_reach_elasticity"][0] == 0.6
    assert typical.basic_services.reach_reference_places_per_1000_children.value == \
        pytest.approx(30 / 5250 * 1000, rel=1e-6)


@pytest.mark.parametrize("changes", [{"behaviour.early_support_reach_elasticity": 1.6},
                                     {"behaviour.early_support_route_low_max": 1.2},
                                     {"basic_services.reach_reference_places_per_1000_children": 0}])
def test_a_reach_assumption_out_of_range_is_refused(typical, changes):
    from systemsim.errors import InputError

    with pytest.raises((InputError, ValueError)):
        with_values(typical, changes)


def test_a_city_with_the_same_places_per_child_reaches_as_far_as_a_municipality(typical):
    """Reach follows places per child: eight times the children and the places is the same
    reach (the route shares stay the file's), while more places for the same children reach
    further."""
    city = with_values(typical, {"population.children": 5250 * 8, "population.inhabitants": 200_000,
                                 "basic_services.early_support_places": 240})
    assert route_shares(plain(city))[:2] == route_shares(plain(typical))[:2] == (0.35, 0.1)
    more = with_values(typical, {"basic_services.early_support_places": 240})
    assert route_shares(plain(more))[0] > 0.35


def _notifications(scenario, places: int) -> np.ndarray:
    reps = run_replications(with_values(scenario, {"basic_services.early_support_places": places}),
                            years=2, replications=12, seed=1, progress=False)
    return np.array([r.yearly["notifications"].sum() for r in reps])


@pytest.mark.slow
def test_more_early_support_places_lower_notifications_over_the_whole_range(typical):
    """Paired on common random numbers (same arrivals and families): each step from 10 to 30,
    60 and 120 places lowers two years' notifications by more than twice its standard error.
    Before the reach assumption 60 -> 120 changed nothing (the places stood empty)."""
    counts = {places: _notifications(typical, places) for places in (10, 30, 60, 120)}
    steps, flat = list(counts), []
    for fewer, more in zip(steps[:-1], steps[1:], strict=True):
        drop = counts[fewer] - counts[more]
        se = drop.std(ddof=1) / np.sqrt(len(drop))
        if not drop.mean() > max(2 * se, 0.0):
            flat.append(f"{fewer} -> {more} places: drop {drop.mean():.0f} (standard error {se:.0f})")
    assert not flat, flat
