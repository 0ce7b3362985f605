"""Training's "her journey with 40 cases and with 15" comes from the model."""

import pytest

from systemsim.errors import InputError
from systemsim.journey import family_journey, journey_outcomes

TYPICAL = "scenarios/finland_typical.yaml"


def test_journey_starts_with_a_notification_and_is_reproducible(monkeypatch):
    monkeypatch.chdir(__import__("pathlib").Path(__file__).resolve().parents[2])
    a = family_journey(TYPICAL, network_strength=0.4, caseload=30, seed=3)
    b = family_journey(TYPICAL, network_strength=0.4, caseload=30, seed=3)
    assert a.equals(b)
    assert a.iloc[0]["event"] in {"enter_intake", "enter_emergency"}
    assert list(a.columns) == ["week", "stage", "event", "worker_hours_week"]


def test_more_time_means_more_hours_with_the_family(monkeypatch):
    monkeypatch.chdir(__import__("pathlib").Path(__file__).resolve().parents[2])
    busy = journey_outcomes(TYPICAL, network_strength=0.5, caseload=45, runs=12, seed=1)
    calm = journey_outcomes(TYPICAL, network_strength=0.5, caseload=15, runs=12, seed=1)
    assert busy.sum() == pytest.approx(1.0) and calm.sum() == pytest.approx(1.0)


def test_bad_journey_input_is_named():
    with pytest.raises(InputError, match="severity must be one of low, moderate, high"):
        family_journey(TYPICAL, network_strength=0.5, severity="extreme")
    with pytest.raises(InputError, match="caseload must be between"):
        family_journey(TYPICAL, network_strength=0.5, caseload=500)
