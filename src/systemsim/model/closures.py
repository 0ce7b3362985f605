"""Closing a case and coming back: a closed family leaves the model, and one that is notified
again returns with its history (needs left unresolved come back worse)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from systemsim.model.agents import Family, FamilyTraits, History


class Closures:
    """Mixed into `ChildProtectionModel`: closures, planned returns and re-notifications."""

    def close(self, family: Family, reason: str) -> None:
        """The case closes; the family leaves the model and may come back later."""
        self.leave_services(family, reason)
        family.remove()

    def leave_services(self, family: Family, reason: str) -> None:
        """Close the case's books; a family that will come back is planned with `plan_return`."""
        if family.traced:
            self.log(family, f"closed_{reason}")
        rec, stage = self.recorder, family.stage
        if stage is not None:
            self.children_in_stage[stage] -= family.traits.children
            rec.leave_stage(stage, self.now_day - family.stage_since_day)
        # the quality of the work that ends here, read before the worker lets the family go
        quality = self.quality_of(family)
        family.history.quality_at_close = quality
        if family.worker is not None:
            family.worker.release(family)
        family.light = False
        self.in_contact.discard(family)
        rec.families_closed += 1
        rec.closures[reason] += 1
        d = self.p.demand
        back = self.behaviour.return_chance
        if self.r_events.random() < d.re_notification_share * (back.at_zero + back.slope * quality):
            delay = self.r_events.expovariate(1.0 / d.re_notification_weeks_mean)
            rec.pending_returns += 1
            self.plan_return(family, max(int(self.week + delay), self.week + 1))
        family.stage = None
        family.token += 1

    def plan_return(self, family: Family, week: int) -> None:
        """Keep only the family's traits and history until its re-notification week."""
        self.calendar[week].append((None, 0, "return", (family.traits, family.history)))

    def come_back(self, traits: FamilyTraits, history: History) -> None:
        self.returning(traits, history)
        family = self.new_family(traits, history)
        self.recorder.count("re_notifications", traits.children)
        self.notify(family)

    def returning(self, traits: FamilyTraits, history: History) -> None:
        """A closed family is notified again; needs left unresolved come back worse."""
        self.recorder.pending_returns -= 1
        self.recorder.families_returned += 1
        history.re_notifications += 1
        escalate = self.p.demand.escalation_on_return_share * (1.0 - history.quality_at_close)
        if traits.severity < 2 and self.r_events.random() < escalate:
            traits.severity += 1
