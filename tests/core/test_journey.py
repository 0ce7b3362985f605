"""Training's "her journey with 40 cases and with 15" comes from the model."""

import pytest
import repo_paths

from systemsim.errors import InputError
from systemsim.journey import family_journey, journey_outcomes
from systemsim.journey.outcome import OUTCOMES, journey_summary

TYPICAL = str(repo_paths.TYPICAL)


def test_journey_starts_with_a_notification_and_is_reproducible():
    a = family_journey(TYPICAL, network_strength=0.4, caseload=30, seed=3)
    b = family_journey(TYPICAL, network_strength=0.4, caseload=30, seed=3)
    assert a.equals(b)
    assert a.iloc[0]["event"] in {"enter_intake", "enter_emergency"}
    assert list(a.columns) == ["week", "stage", "event", "worker_hours_week", "decision_hours"]


@pytest.mark.slow
def test_more_time_means_more_hours_with_the_family():
    """The same family gets several times the worker's hours a week at 15 cases as at 45."""

    def hours_a_week(caseload: int) -> float:
        runs = [family_journey(TYPICAL, network_strength=0.5, caseload=caseload, seed=10_000 + r)
                for r in range(12)]
        return sum(journey_summary(df)["hours_per_week"] for df in runs) / len(runs)

    busy, calm = hours_a_week(45), hours_a_week(15)
    assert calm > 2 * busy > 0


@pytest.mark.slow
def test_outcome_shares_add_up_to_one():
    shares = journey_outcomes(TYPICAL, network_strength=0.5, caseload=30, runs=6, seed=1)
    assert list(shares.index) == list(OUTCOMES)
    assert shares.sum() == pytest.approx(1.0)


def test_bad_journey_input_is_named():
    with pytest.raises(InputError, match="severity must be one of low, moderate, high"):
        family_journey(TYPICAL, network_strength=0.5, severity="extreme")
    with pytest.raises(InputError, match="caseload must be between"):
        family_journey(TYPICAL, network_strength=0.5, caseload=500)
