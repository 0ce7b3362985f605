"""From a concern to a decision: basic services, notifications, the intake queues and the
decision whether to assess."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from systemsim.model.clock import DAYS_PER_WEEK
from systemsim.model.early_stock import takes_school_first
from systemsim.model.stages import Stage

if TYPE_CHECKING:
    from systemsim.model.agents import Family


class Intake:
    """Mixed into `ChildProtectionModel`: concerns, early support, notifications, decisions."""

    def concern(self, family: Family) -> None:
        """A new concern: met in basic services if there is room, otherwise notified."""
        b, sev = self.p.basic_services, family.traits.severity
        sa = self.p.school_absence
        if takes_school_first(sa, family.traits) and self.school_used < sa.response_places:
            # the absence-hour threshold starts a response in school and basic services first
            self.school_used += 1
            family.school_response = True
            self.enter(family, Stage.EARLY_SUPPORT)
            self.recorder.count("early_support_started", family.children)
            self.recorder.count("school_responses_started", family.children)
            weeks = self.r_events.expovariate(1.0 / sa.response_weeks_mean)
            self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "early_end")
            return
        if (self.early_places_used < b.early_support_places
                and self.r_events.random() < self.route_share[sev]):
            self.early_places_used += 1
            self.enter(family, Stage.EARLY_SUPPORT)
            self.recorder.count("early_support_started", family.children)
            weeks = self.r_events.expovariate(1.0 / b.early_support_weeks_mean)
            self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "early_end")
        else:
            self.notify(family)

    def end_early_support(self, family: Family) -> None:
        b = self.p.basic_services
        if family.school_response:
            self.school_used -= 1
            family.school_response = False
            sa = self.p.school_absence
            weeks_absent = sa.threshold_hours / sa.absence_hours_week
            chance = sa.resolved_share_early * 0.5 ** (weeks_absent / sa.resolve_halving_weeks)
        else:
            self.early_places_used -= 1
            chance = b.resolved_share
        line = self.behaviour.early_resolve_network
        chance *= line.at_zero + line.slope * family.traits.network
        chance *= 1.0 - self.behaviour.early_resolve_per_risk * len(family.traits.risks)
        if self.r_events.random() < chance:
            self.close(family, "resolved_in_basic_services")
        else:
            self.notify(family)

    def count_notification(self, family: Family) -> None:
        family.history.notifications += 1
        self.recorder.count("notifications", family.children)
        if family.counted_notified_year != self.year:
            family.counted_notified_year = self.year
            self.recorder.count("children_notified", family.children)

    def notify(self, family: Family) -> None:
        """A child-welfare notification opens a case; an urgent one leads to placement at once."""
        self.count_notification(family)
        family.case_start_day = self.now_day + self.r_events.uniform(0, DAYS_PER_WEEK)
        family.history.episodes += 1
        # a safety plan with the close network can keep a child at home in a crisis
        urgent = self.p.pathway.urgent_placement_high_share
        urgent *= 1.0 - self.p.pathway.network_protects * self.network_effect(family)
        if family.traits.severity == 2 and self.r_events.random() < urgent:
            self.recorder.decision(0.0, True)
            self.start_placement(family, emergency=True)
            return
        self.enter(family, Stage.INTAKE)
        family.overdue = False
        self.queues[self.team_of(family)].append((family, family.case_start_day))
        self.decision_deadlines.append(
            (family.case_start_day + self.decision_limit_calendar_days, family, family.history.episodes))

    def intake_capacity(self, team: int = 0) -> float:
        """Decisions this week in one team: its intake share of hours, plus time borrowed from
        its direct work.

        When notifications pile up, workers put deadlines first and borrow half of the missing
        hours (at most as many again) from their direct work with families; that borrowing is
        what intake organisation (e.g. a rotating intake team) protects ongoing work from.
        """
        w = self.p.workforce
        if self.rotation is not None:
            return self._rotation_intake_capacity()
        members = self.workers if len(self.teams) == 1 else self.teams[team]
        total = sum(worker.hours_per_week * worker.avail_factor for worker in members)
        base = total * w.intake_share
        needed = len(self.queues[team]) * w.hours_per_decision
        borrowed = min(0.5 * max(needed - base, 0.0), base)
        self.team_borrowed[team] = borrowed / total if total else 0.0
        return (base + borrowed) / w.hours_per_decision

    def _rotation_intake_capacity(self) -> float:
        """Mölndal: the reception group and the team on duty carry all intake; only the team
        on duty borrows from its own direct work, so the other teams' cases are protected."""
        w, r = self.p.workforce, self.rotation
        duty_team = self.duty_team()
        duty_share = min(w.intake_share * r.teams, 0.9)
        duty_hours = 0.0
        for worker in self.workers:
            on_duty = worker.team == duty_team
            worker.intake_now = duty_share if on_duty else 0.0
            worker.borrowed_now = 0.0
            if on_duty:
                duty_hours += worker.hours_per_week * worker.avail_factor
        reception = r.reception_staff * w.hours_per_week * r.reception_intake_share
        base = reception + duty_hours * duty_share
        needed = len(self.intake) * w.hours_per_decision
        borrowed = min(0.5 * max(needed - base, 0.0), base, duty_hours * (0.95 - duty_share))
        if duty_hours > 0:
            for worker in self.workers:
                if worker.team == duty_team:
                    worker.borrowed_now = max(borrowed, 0.0) / duty_hours
        self.team_borrowed[0] = 0.0
        return (base + max(borrowed, 0.0)) / w.hours_per_decision

    def process_intake(self) -> None:
        """Each team decides on its notifications in arrival order, as far as its hours reach."""
        capacities = [self.intake_capacity(team) for team in range(len(self.queues))]
        self.refresh_direct_hours()  # the hours intake borrows are no longer direct work
        for team, capacity in enumerate(capacities):
            self._decide_queue(team, capacity)

    def _decide_queue(self, team: int, capacity: float) -> None:
        queue = self.queues[team]
        available = capacity + self.intake_carry[team]
        n = min(int(available), len(queue))
        self.intake_carry[team] = min(available - n, capacity) if queue else 0.0
        limit = self.p.legal.decision_limit_days
        working = self.p.legal.decision_limit_unit == "working_days"
        start = self.now_day
        for i in range(n):
            family, arrived = queue.popleft()
            done = max(start + DAYS_PER_WEEK * (i + 1) / max(capacity, 1e-9), arrived + 0.5)
            elapsed = done - arrived
            counted = elapsed * 5.0 / 7.0 if working else elapsed
            self.recorder.decision(elapsed, counted <= limit, judged=not family.overdue)
            family.overdue = False
            late_days = elapsed - self.decision_limit_calendar_days
            if late_days > 0:
                self._escalate_while_waiting(family, late_days)
            self.decide(family, done)

    def _escalate_while_waiting(self, family: Family, late_days: float) -> None:
        """Need left waiting past a deadline (the decision's or the assessment's) can become more
        serious before anyone acts."""
        hazard = self.behaviour.escalation_while_waiting_year
        if family.traits.severity < 2 and hazard > 0 and (
                self.r_events.random() < 1.0 - math.exp(-hazard * late_days / 365.0)):
            family.traits.severity += 1

    def decide(self, family: Family, day: float) -> None:
        pw = self.p.pathway
        share = min(1.0, pw.decide_assess_share * self.assess_factor[family.traits.severity])
        if self.r_events.random() < share:
            self.enter(family, Stage.ASSESSMENT)
            self.recorder.count("assessments_started", family.children)
            self.assessment_deadlines.append(
                (family.case_start_day + self.p.legal.assessment_limit_days, family,
                 family.history.episodes))
            weeks = self.assessment_weeks(family, self.r_events)
            self.schedule(family, day + weeks * DAYS_PER_WEEK, "assessment_end")
        else:
            self.close(family, "no_assessment")
