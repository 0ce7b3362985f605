"""How one traced journey went: its outcome, its path in stages and the worker's hours.

Pure functions of a trace table (week, stage, event, worker_hours_week), as `family_journey`
and `family_story` return it, so training and the leaders' pages read a journey the same way.
"""

from __future__ import annotations

from typing import Any

#: How one journey ended, in the order the "same family many times" table lists them.
OUTCOMES = ("placed", "closed_without_assessment", "closed_after_work", "still_open")


def journey_outcome(df: Any) -> str:
    """Which of `OUTCOMES` one journey ended in."""
    events = {str(e) for e in df["event"]}
    if {"enter_care", "enter_emergency"} & events:
        return "placed"
    if "closed_no_assessment" in events:
        return "closed_without_assessment"
    if any(e.startswith("closed_") for e in events):
        return "closed_after_work"
    return "still_open"


def journey_timeline(df: Any, weeks: int) -> list[tuple[int, str]]:
    """(week, stage) points of the family's path; `closed` after its case closes.

    The model records events, not every week: each row says what happened in which week and
    how many hours a week the worker then had for the family.
    """
    points: list[tuple[int, str]] = []
    for week, stage, event in zip(df["week"], df["stage"], df["event"], strict=False):
        points.append((int(week), "closed" if str(event).startswith("closed_") else str(stage)))
    if points:
        points.append((weeks, points[-1][1]))
    return points


def journey_summary(df: Any, weeks: int = 156) -> dict[str, Any]:
    """The path in stages, the worker's hours for the family, and how it ended.

    Hours: each row's hours per week last until the next event; after a closing event, none.
    `hours_per_week` is the worker's time a week while the case was open (what a caseload
    changes); `hours` in all also grows with how long the case stays open.
    """
    rows = list(zip(df["week"], df["stage"], df["event"], df["worker_hours_week"], strict=False))
    hours = 0.0
    open_weeks = 0
    for i, (week, _stage, event, per_week) in enumerate(rows):
        if str(event).startswith("closed_"):
            continue
        until = rows[i + 1][0] if i + 1 < len(rows) else weeks
        hours += float(per_week) * max(0, int(until) - int(week))
        open_weeks += max(0, int(until) - int(week))
    path = [str(e)[len("enter_") :] for e in df["event"] if str(e).startswith("enter_")]
    closing = [
        (int(w), str(e)[len("closed_") :]) for w, _s, e, _h in rows if str(e).startswith("closed_")
    ]
    return {
        "hours": round(hours, 1),
        "hours_per_week": round(hours / open_weeks, 2) if open_weeks else 0.0,
        "path": list(dict.fromkeys(path)) if len(set(path)) == len(path) else path,
        "closed_week": closing[-1][0] if closing else None,
        "closed_reason": closing[-1][1] if closing else None,
    }
