"""Casework with a family at home: the service-needs assessment and open care."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from systemsim.model.clock import DAYS_PER_WEEK
from systemsim.model.stages import Stage

if TYPE_CHECKING:
    from systemsim.model.agents import Family


#: the spread (lognormal sigma) of an assessment's length around its planned length
ASSESSMENT_SPREAD = 0.3


class Casework:
    """Mixed into `ChildProtectionModel`: how long assessments take, open care and its end."""

    def assessment_weeks(self, family: Family, rng: random.Random) -> float:
        """How long the family's assessment takes, planned from its worker's time for it."""
        hours_week = self.family_hours(family, planning=True)
        w = self.p.workforce
        min_weeks = w.assessment_min_weeks
        if self.rotation is not None:
            min_weeks *= self.rotation.fixed_meetings_wait_share
        weeks = max(min_weeks, w.assessment_hours / max(hours_week, 0.05))
        return weeks * rng.lognormvariate(0.0, ASSESSMENT_SPREAD)

    def finish_assessment(self, family: Family, day: float) -> None:
        elapsed = day - family.case_start_day
        self.recorder.assessment(elapsed, elapsed <= self.p.legal.assessment_limit_days,
                                 judged=not family.overdue)
        family.overdue = False
        late_days = elapsed - self.p.legal.assessment_limit_days
        if late_days > 0:  # the need waited past the assessment deadline too
            self._escalate_while_waiting(family, late_days)
        self.recorder.cost("assessment", self.p.costs.assessment_eur)
        pw = self.p.pathway
        share = min(0.95, pw.assess_to_client_share * self.client_factor[family.traits.severity])
        if self.r_events.random() < share:
            self.start_open_care(family)
        else:
            self.close(family, "no_need")

    def start_open_care(self, family: Family) -> None:
        self.enter(family, Stage.OPEN_CARE)
        if family.counted_client_year != self.year:
            family.counted_client_year = self.year
            self.recorder.count("open_care_clients_during_year", family.children)
        # relationship-based work with time for the family resolves things sooner
        length = self.behaviour.open_care_length
        mean = self.p.pathway.open_care_weeks_mean * (
            length.at_zero + length.slope * self.quality_of(family))
        weeks = self.r_events.expovariate(1.0 / mean)
        self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "open_care_end")
        sm = self.p.support_model
        if sm is not None and weeks > sm.intensive_weeks:
            self.schedule(family, self.now_day + sm.intensive_weeks * DAYS_PER_WEEK, "step_down")

    def step_down(self, family: Family) -> None:
        """Intensified support ends; the lighter support model takes less of the worker's time."""
        if family.light or family.stage != Stage.OPEN_CARE:
            return
        worker = family.worker
        if worker is not None:
            worker.load -= family.weight
        family.light = True
        if worker is not None:
            worker.load += family.weight

    def end_open_care(self, family: Family) -> None:
        pw = self.p.pathway
        quality = self.quality_of(family)
        risk = pw.open_care_placement_share * self.place_factor[family.traits.severity]
        risk *= 1.0 - pw.quality_protects * quality
        risk *= 1.0 - pw.network_protects * self.network_effect(family)
        eng = self.behaviour.placement_engagement
        risk *= eng.at_zero + eng.slope * family.traits.engagement
        if self.r_events.random() < min(risk, 0.95):
            self.start_placement(family, emergency=False)
        else:
            self.close(family, "open_care_done")
