"""The model's clock: the week, the year and the calendar of due events.

Why a calendar of weekly buckets: a family's next transition is drawn when it enters a stage,
so a week touches only the families whose stage ends that week (see `model.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from systemsim.model.agents import Family

DAYS_PER_WEEK = 7.0
WEEKS_PER_YEAR = 52


class Clock:
    """Mixed into `ChildProtectionModel`: moves the week and files events in its calendar."""

    def _set_week(self, week: int) -> None:
        """Move the clock. Why attributes, not properties: the year and the day are read at
        almost every event, hundreds of thousands of times a run, and change once a week."""
        self.week = week
        self.year = week // WEEKS_PER_YEAR
        self.now_day = week * DAYS_PER_WEEK

    def schedule(self, family: Family, due_day: float, action: str) -> None:
        """Run `action` for `family` in the week containing `due_day` (never this week)."""
        bucket = max(int(due_day // DAYS_PER_WEEK), self.week + 1)
        self.calendar[bucket].append((family, family.token, action, due_day))
        if action == "assessment_end":
            family.due = (action, due_day)
