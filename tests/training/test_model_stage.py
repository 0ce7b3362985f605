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
    from systemsim.training.model_stage import OUTCOMES, family_overview, journey_outcome

    overview = family_overview(v, v.stage("home_visit"), runs=5)
    assert list(overview) == [40, 15]
    for result in overview.values():
        assert abs(sum(result["shares"][k] for k in OUTCOMES) - 1.0) < 1e-9
        assert result["hours"] >= 0
        # the example shown is a run of the most common outcome
        typical = journey_outcome(result["typical"])
        assert result["shares"][typical] == max(result["shares"].values())
        assert result["typical_count"] == round(result["shares"][typical] * 5)
    # what the trainer shows: with 15 cases the worker has several times the hours a week
    assert overview[15]["hours_per_week"] > 2 * overview[40]["hours_per_week"] > 0


def _frame(outcome_event: str, closed: int | None, hours: float):
    import pandas as pd

    rows = [(0, "intake", "enter_intake", 0.0), (0, "assessment", "enter_assessment", hours)]
    if closed is not None:
        rows.append((closed, "assessment", outcome_event, 0.0))
    return pd.DataFrame(rows, columns=["week", "stage", "event", "worker_hours_week"])


def test_the_typical_run_is_the_common_outcome_near_its_middle_not_a_rare_one():
    """One run closed at intake in week 0 among runs that mostly close after work."""
    from systemsim.training.model_stage import typical_index

    frames = [
        _frame("closed_no_assessment", 0, 0.0),
        _frame("closed_no_need", 4, 1.0),
        _frame("closed_no_need", 8, 2.0),
        _frame("closed_no_need", 30, 2.0),
    ]
    assert typical_index(frames, 156) == 2


def test_the_time_axis_fits_what_happens():
    from systemsim.training.figures import journey_figure
    from systemsim.training.model_stage import time_window

    short = {40: _frame("closed_no_need", 9, 2.0), 15: _frame("closed_no_need", 4, 3.0)}
    assert 12 <= time_window(short, 156) < 30
    fig = journey_figure(short, "en", 156)
    assert fig.layout.xaxis.range[1] == time_window(short, 156)
    still_open = {40: _frame("", None, 2.0)}
    assert time_window(still_open, 156) == 156


def test_model_stage_view_runs_with_a_stand_in_core(monkeypatch):
    """The page's wiring, with a stand-in journey (the real one is tested above)."""
    import pandas as pd

    from systemsim.ui import model_stage as view_module
    from systemsim.ui.model_stage import RUNS, ModelStageView

    calls = []

    def family_journey(scenario, *, network_strength, children, severity, caseload, seed,
                       weeks=156, oldest_age=8):
        calls.append((caseload, network_strength, children, severity, seed, weeks))
        stages = ["intake"] * 3 + ["assessment"] * 5 + ["open_care"] * 4
        return pd.DataFrame({
            "week": range(len(stages)),
            "stage": stages,
            "event": ["enter_intake", "", "", "enter_assessment", "", "", "", "",
                      "enter_open_care", "", "", ""],
            "worker_hours_week": [1.0 if caseload < 20 else 0.25] * len(stages),
        })

    monkeypatch.setattr("systemsim.training.model_stage.family_journey", family_journey)
    monkeypatch.setattr(view_module, "show", lambda *_args, **_kwargs: None)

    v = load_vignette(GOOD)
    view = ModelStageView(v, v.stage("home_visit"), cache={})
    assert view.button.description == f"Show what the family would typically get ({RUNS} runs of the model)"
    view.button.click()
    assert [c[0] for c in calls] == [40] * RUNS + [15] * RUNS
    assert all(c[2] >= 1 and c[3] == "moderate" and c[5] == 156 for c in calls)
    assert "40 cases" in view.message.value and "15 cases" in view.message.value
    # hours per week last until the next event (here: to week 156, the case never closes)
    assert "39.0 hours" in view.message.value and "156.0 hours" in view.message.value
    assert "Notification received → Assessment → Open care" in view.message.value
    assert "still open after 156 weeks" in view.message.value
    assert f"({RUNS} of {RUNS} runs ended this way.)" in view.message.value
    assert "close-network strength 0." in view.message.value
    assert "The case still open" in view.table.value and "100 %" in view.table.value


def test_journey_summary_counts_hours_until_the_next_event():
    import pandas as pd

    from systemsim.journey.outcome import journey_summary, journey_timeline

    df = pd.DataFrame({
        "week": [0, 0, 9, 13],
        "stage": ["intake", "assessment", "open_care", "open_care"],
        "event": ["enter_intake", "enter_assessment", "enter_open_care", "closed_open_care_done"],
        "worker_hours_week": [0.0, 3.0, 2.0, 1.5],
        "decision_hours": [0.0, 2.5, 0.0, 0.0],
    })
    s = journey_summary(df, weeks=156)
    assert s == {"hours": 37.5, "hours_per_week": 2.69, "path": ["intake", "assessment", "open_care"],
                 "closed_week": 13, "closed_reason": "open_care_done", "decided_week": 0,
                 "new_notifications": 0}
    assert journey_timeline(df, 156)[-2:] == [(13, "closed"), (156, "closed")]


def test_a_notification_closed_at_intake_still_had_the_decisions_hours():
    """The model stage must never say "0,0 hours" for a family someone contacted and decided on."""
    import pandas as pd

    from systemsim.journey.outcome import journey_outcome, journey_summary

    df = pd.DataFrame({
        "week": [0, 1], "stage": ["intake", "intake"],
        "event": ["enter_intake", "closed_no_assessment"],
        "worker_hours_week": [0.0, 0.0], "decision_hours": [0.0, 2.5],
    })
    s = journey_summary(df, weeks=156)
    assert s["hours"] == 2.5 and s["decided_week"] == 1 and s["closed_reason"] == "no_assessment"
    assert journey_outcome(df) == "closed_without_assessment"


def test_a_family_notified_again_is_followed_and_judged_by_its_last_case():
    """Closed without an assessment, then notified again and assessed: the journey's outcome is
    the last case's, the new notification is counted, and a case open at the end is open."""
    import pandas as pd

    from systemsim.journey.outcome import journey_outcome, journey_summary

    rows = [(0, "intake", "enter_intake", 0.0, 0.0), (1, "intake", "closed_no_assessment", 0.0, 2.5),
            (30, "intake", "enter_intake", 0.0, 0.0), (31, "assessment", "enter_assessment", 1.0, 2.5)]
    cols = ["week", "stage", "event", "worker_hours_week", "decision_hours"]
    still_open = pd.DataFrame(rows, columns=cols)
    assert journey_outcome(still_open) == "still_open"
    s = journey_summary(still_open, weeks=156)
    assert s["closed_week"] is None and s["new_notifications"] == 1 and s["decided_week"] == 1
    closed = pd.DataFrame(rows + [(40, "assessment", "closed_no_need", 0.0, 0.0)], columns=cols)
    assert journey_outcome(closed) == "closed_after_work"
    assert journey_summary(closed, weeks=156)["closed_week"] == 40


@pytest.mark.slow
def test_the_mantsala_model_stage_agrees_with_its_story():
    """The story: at 40 cases the decision waits for weeks; at 15 the worker makes contact the
    same week, and a re-notification can follow. The model's 30 runs must say the same."""
    from systemsim.journey.outcome import journey_summary
    from systemsim.training import bundled_vignettes
    from systemsim.training.model_stage import family_overview

    vignette = load_vignette(bundled_vignettes()["mantsala_early_support"])
    stage = vignette.stage("caseload_journey")
    overview = family_overview(vignette, stage, runs=30)
    busy, calm = overview[40], overview[15]
    assert calm["decided_week"] < 1.0 <= busy["decided_week"]
    assert journey_summary(calm["typical"])["decided_week"] == 0
    # the worker has time for the family: several times the hours a week, more in all
    assert calm["hours_per_week"] > 2 * busy["hours_per_week"]
    assert calm["hours"] > busy["hours"]
    for result in overview.values():
        assert journey_summary(result["typical"])["hours"] > 0
    assert busy["new_notifications"] + calm["new_notifications"] > 0


def test_the_trainer_note_names_the_button():
    """The facilitator note of a model stage tells the trainer to press the button it shows."""
    from systemsim.i18n import t
    from systemsim.training import bundled_vignettes

    for path in bundled_vignettes().values():
        v = load_vignette(path)
        for stage in v.stages:
            if stage.model_run is None:
                continue
            for lang in ("fi", "sv", "en"):
                button = t("training.model.button", lang, runs=30).split(" (")[0]
                assert button in stage.facilitator_notes.get(lang)
