"""A worker's time for direct work, and what it buys a family: relationship quality and a
mobilised close network."""

from __future__ import annotations

from typing import TYPE_CHECKING

from systemsim.model.stages import CASELOAD_STAGES

if TYPE_CHECKING:
    from systemsim.model.agents import Family, SocialWorker


class WorkerTime:
    """Mixed into `ChildProtectionModel`: direct hours, relationship quality, network effect."""

    def direct_hours(self, worker: SocialWorker, planning: bool = False) -> float:
        """A worker's weekly hours for direct work with the families they hold.

        `planning` ignores this week's sick leave and, in an intake rotation, uses the
        rotation cycle's average (how long an assessment will take is planned over weeks).
        """
        factor = worker.plan_factor if planning else worker.avail_factor
        if self.rotation is None:
            hours = worker.hours_per_week * factor * (
                self._not_intake - self.team_borrowed[worker.intake_team])
        else:
            duty = self.p.workforce.intake_share if planning else worker.intake_now + worker.borrowed_now
            hours = worker.hours_per_week * factor * (1.0 - duty)
            hours -= self.rotation.fixed_meetings_hours_week * factor
        if worker.systemic:
            hours -= self.p.practice.systemic_meeting_hours_week
        return (hours if hours > 0.0 else 0.0) * self._direct_share

    def refresh_direct_hours(self) -> None:
        """Set each worker's `direct_now` once the week's hours are known.

        Why: the quality of every family's work is read from it at each event, while it changes
        only at two points a week: after the staff update (sickness, leavers, hires) and after
        the intake decides how many hours it borrows from direct work.
        """
        for worker in self.workers:
            worker.direct_now = self.direct_hours(worker)

    def family_hours(self, family: Family, planning: bool = False) -> float:
        worker = family.worker
        if worker is None or family.stage not in CASELOAD_STAGES:
            return 0.0
        return worker.direct_hours_per_unit(self.direct_hours(worker, planning)) * family.weight

    def quality_of(self, family: Family) -> float:
        """Relationship quality 0..1 from the weekly direct hours the family's worker has;
        lower for a while after a change of worker."""
        worker = family.worker
        if worker is None:
            return 0.5
        h = worker.direct_hours_per_unit(worker.direct_now)
        q = h / (h + self.p.practice.relationship_half_hours)
        if family.change_until_week > self.week:
            q *= 1.0 - self.p.workforce_dynamics.change_quality_penalty
        return q

    def network_effect(self, family: Family) -> float:
        """The close network the work can mobilise; systemic work finds more of it."""
        boost = self.p.practice.systemic_network_boost
        if self.p.rollout is not None:
            # before allocation (an emergency placement at notification): the worker who will take it
            worker = family.worker or self.choose_worker(family)
            if not worker.systemic:
                return family.traits.network
            return min(1.0, family.traits.network * (1.0 + boost * self.staff.maturity(worker)))
        if self.p.practice.way_of_working == "systemic":
            return min(1.0, family.traits.network * self._network_gain)
        return family.traits.network
