"""Counts the model keeps at week and year boundaries, beside the events' own: cases late
against their deadline, the waits still open at the year end, and clients carried into a new year.
The weekly rows themselves are `records.Recorder`'s."""

from __future__ import annotations

from systemsim.model.clock import DAYS_PER_WEEK
from systemsim.model.stages import PLACED_STAGES, Stage


class Bookkeeping:
    """Mixed into `ChildProtectionModel`: overdue cases, year-end waits, year-start counts."""

    def _count_overdue(self) -> None:
        """Cases still waiting whose deadline passes this week are late this year, whether or
        not they are ever finished: a stalled intake shows as late, never as "no decisions"."""
        week_end = self.now_day + DAYS_PER_WEEK
        rec = self.recorder
        for queue, stage, count in (
            (self.decision_deadlines, Stage.INTAKE, rec.decision_overdue),
            (self.assessment_deadlines, Stage.ASSESSMENT, rec.assessment_overdue),
        ):
            while queue and queue[0][0] < week_end:
                _, family, episode = queue.popleft()
                if (family.stage == stage and family.history.episodes == episode
                        and not family.overdue):
                    family.overdue = True
                    count()

    def _record_year_end_waits(self) -> None:
        """How long the notifications and assessments still open at the year end have waited."""
        end = self.now_day + DAYS_PER_WEEK
        waiting = [end - arrived for queue in self.queues for _, arrived in queue]
        assessing = [end - f.case_start_day
                     for f in self.agents_by_type.get(self.family_class, ())
                     if f.stage == Stage.ASSESSMENT]
        self.recorder.year_end_waits(waiting, assessing)

    def _count_year_start(self) -> None:
        """Children already in open care or placed on 1 January count for the new year too."""
        for family in self.agents_by_type.get(self.family_class, ()):
            if family.stage == Stage.OPEN_CARE and family.counted_client_year != self.year:
                family.counted_client_year = self.year
                self.recorder.count("open_care_clients_during_year", family.children)
            elif family.stage in PLACED_STAGES and family.counted_placed_year != self.year:
                family.counted_placed_year = self.year
                self.recorder.count("children_placed_during_year", family.children)
