"""The model stage: the family's journey at each caseload, once the simulation core is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from systemsim.training import load_vignette
from systemsim.training.model_stage import stage_family_file

GOOD = Path(__file__).parent / "data" / "vignettes" / "test_home_visit.yaml"


def test_family_file_follows_updates():
    v = load_vignette(GOOD)
    assert stage_family_file(v, "referral") == "../families/testila.yaml"
    assert stage_family_file(v, "home_visit") == "../families/testila.yaml"


@pytest.mark.slow
def test_family_journeys_at_two_caseloads():
    from systemsim.journey.outcome import journey_summary
    from systemsim.training.figures import journey_figure
    from systemsim.training.model_stage import family_journeys

    v = load_vignette(GOOD)
    journeys = family_journeys(v, v.stage("home_visit"))
    assert list(journeys) == [40, 15]
    for df in journeys.values():
        assert {"week", "stage", "event", "worker_hours_week"} <= set(df.columns)
        assert len(df) > 0
        summary = journey_summary(df)
        assert summary["hours"] >= 0
        assert summary["path"] and summary["path"][0] == "intake"
    fig = journey_figure(journeys, "fi")
    assert len(fig.data) == 4
    # same seed, same journey
    assert family_journeys(v, v.stage("home_visit"))[40].equals(journeys[40])
    from systemsim.training.model_stage import family_outcomes

    shares = family_outcomes(v, v.stage("home_visit"), runs=8)
    assert list(shares) == [40, 15]
    from systemsim.journey.outcome import OUTCOMES

    for result in shares.values():
        assert abs(sum(result[k] for k in OUTCOMES) - 1.0) < 1e-9
    # what the trainer shows: with 15 cases the worker has several times the hours a week
    assert shares[15]["hours_per_week"] > 2 * shares[40]["hours_per_week"] > 0


def test_journey_summary_counts_hours_until_the_next_event():
    import pandas as pd

    from systemsim.journey.outcome import journey_summary, journey_timeline

    df = pd.DataFrame({
        "week": [0, 0, 9, 13],
        "stage": ["intake", "assessment", "open_care", "open_care"],
        "event": ["enter_intake", "enter_assessment", "enter_open_care", "closed_open_care_done"],
        "worker_hours_week": [0.0, 3.0, 2.0, 1.5],
    })
    s = journey_summary(df, weeks=156)
    assert s == {"hours": 35.0, "hours_per_week": 2.69, "path": ["intake", "assessment", "open_care"],
                 "closed_week": 13, "closed_reason": "open_care_done"}
    assert journey_timeline(df, 156)[-2:] == [(13, "closed"), (156, "closed")]


def test_many_families_table(monkeypatch):
    from systemsim.ui import model_stage as view_module

    fake = {
        40: {"placed": 0.2, "closed_without_assessment": 0.7, "closed_after_work": 0.0,
             "still_open": 0.1, "hours": 3.25},
        15: {"placed": 0.1, "closed_without_assessment": 0.0, "closed_after_work": 0.9,
             "still_open": 0.0, "hours": 36.4},
    }
    monkeypatch.setattr(view_module, "family_outcomes", lambda v, s, runs: fake)
    v = load_vignette(GOOD)
    view = view_module.ModelStageView(v, v.stage("home_visit"), cache={})
    view.run_many()
    table = view.many_message.value
    assert "The child was placed" in table and "20 %" in table and "90 %" in table
    assert "36.4 h" in table
