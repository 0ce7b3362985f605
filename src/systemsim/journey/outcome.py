"""How one traced journey went: its outcome, its path in stages and the worker's hours.

Pure functions of a trace table (week, stage, event, worker_hours_week), as `family_journey`
and `family_story` return it, so training and the leaders' pages read a journey the same way.
"""

from __future__ import annotations

from typing import Any

#: How one journey ended, in the order the "same family many times" table lists them.
OUTCOMES = ("placed", "closed_without_assessment", "closed_after_work", "still_open")

#: events that are the intake's decision on an assessment (to start one, or not)
DECISIONS = ("enter_assessment", "closed_no_assessment")


def journey_outcome(df: Any) -> str:
    """Which of `OUTCOMES` one journey ended in: placed if a child was ever placed, else how
    its last episode ended (a family notified again is followed into its new episode)."""
    events = [str(e) for e in df["event"]]
    if {"enter_care", "enter_emergency"} & set(events):
        return "placed"
    last = events[-1] if events else ""
    if last == "closed_no_assessment":
        return "closed_without_assessment"
    if last.startswith("closed_"):
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
    The intake decision's one-off hours (`decision_hours`, when the trace has them) count
    too, so a notification closed at intake is not "0 hours". `hours_per_week` is the
    worker's time a week while the case was open (what a caseload changes); `hours` in all
    also grows with how long the case stays open. `decided_week` is when the first
    notification was decided on; `new_notifications`, how many came after it.
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
    weekly = hours
    if "decision_hours" in df:
        hours += float(sum(df["decision_hours"]))
    events = [str(e) for e in df["event"]]
    path = [e[len("enter_") :] for e in events if e.startswith("enter_")]
    closing = [
        (int(w), str(e)[len("closed_") :]) for w, _s, e, _h in rows if str(e).startswith("closed_")
    ]
    if events and not events[-1].startswith("closed_"):
        closing = []  # notified again and still open at the end
    decided = [int(w) for w, e in zip(df["week"], events, strict=False) if e in DECISIONS]
    return {
        "hours": round(hours, 1),
        "hours_per_week": round(weekly / open_weeks, 2) if open_weeks else 0.0,
        "path": list(dict.fromkeys(path)) if len(set(path)) == len(path) else path,
        "closed_week": closing[-1][0] if closing else None,
        "closed_reason": closing[-1][1] if closing else None,
        "decided_week": decided[0] if decided else None,
        "new_notifications": max(0, events.count("enter_intake") - 1),
    }
