"""The model stage: the family's journey at each caseload, once the simulation core is there."""

from __future__ import annotations

import pytest

from systemsim.training import load_vignette
from systemsim.training.model_stage import stage_family_file

from .conftest import GOOD


def test_family_file_follows_updates():
    v = load_vignette(GOOD)
    assert stage_family_file(v, "referral") == "../families/testila.yaml"
    assert stage_family_file(v, "home_visit") == "../families/testila.yaml"


def test_family_journeys_at_two_caseloads():
    pytest.importorskip("systemsim.journey")
    from systemsim.training.figures import journey_figure
    from systemsim.training.model_stage import family_journeys, journey_summary

    v = load_vignette(GOOD)
    journeys = family_journeys(v, v.stage("home_visit"))
    assert list(journeys) == [40, 15]
    for df in journeys.values():
        assert {"week", "stage", "event", "worker_hours_week"} <= set(df.columns)
        assert len(df) > 0
        summary = journey_summary(df)
        assert summary["hours"] >= 0
    fig = journey_figure(journeys, "fi")
    assert len(fig.data) == 4
    # same seed, same journey
    assert family_journeys(v, v.stage("home_visit"))[40].equals(journeys[40])
