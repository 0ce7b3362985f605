"""Placements outside the home: the kind of placement, emergency placements, care orders,
reunification and aftercare."""

from __future__ import annotations

from typing import TYPE_CHECKING

from systemsim.model.clock import DAYS_PER_WEEK
from systemsim.model.stages import Stage

if TYPE_CHECKING:
    from systemsim.model.agents import Family


class Placements:
    """Mixed into `ChildProtectionModel`: starting and ending placements and care."""

    def choose_placement(self, family: Family) -> str:
        pl, b = self.p.placements, self.behaviour
        net = self.network_effect(family)
        older = family.traits.oldest_age >= b.older_child_age
        weights = {
            "kinship": pl.kinship.weight * (1.0 + pl.network_kinship_boost * net * net)
            * (1.0 + self.unit.kinship_search_boost if self.unit is not None else 1.0),
            "foster": pl.foster.weight * (b.foster_older_factor if older else 1.0),
            "professional": pl.professional.weight,
            "institution": pl.institution.weight
            * (b.institution_older_factor if older else b.institution_younger_factor)
            * (b.institution_high_severity_factor if family.traits.severity == 2 else 1.0),
        }
        u = self.r_events.random() * sum(weights.values())
        for name, weight in weights.items():
            u -= weight
            if u <= 0:
                return name
        return "institution"

    def start_placement(self, family: Family, *, emergency: bool) -> None:
        kind = self.choose_placement(family)
        family.placement_type = kind
        family.history.placements += 1
        self.placed_by_type[kind] += family.children
        self.recorder.count("placements_started", family.children)
        self.recorder.count(f"placements_started_{kind}", family.children)
        if emergency:
            self.recorder.count("emergency_placements", family.children)
        if family.counted_placed_year != self.year:
            family.counted_placed_year = self.year
            self.recorder.count("children_placed_during_year", family.children)
        pw = self.p.pathway
        if emergency:
            self.enter(family, Stage.EMERGENCY)
            weeks = self.r_events.expovariate(1.0 / pw.emergency_weeks_mean)
            self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "emergency_end")
        else:
            self.start_care(family)

    def start_care(self, family: Family) -> None:
        self.enter(family, Stage.CARE)
        self._schedule_care_end(family)

    def _schedule_care_end(self, family: Family) -> None:
        pw = self.p.pathway
        mean = pw.placement_weeks_mean / (1.0 + pw.quality_speeds_reunification * (
            self.quality_of(family) * self.network_effect(family)))
        weeks = self.r_events.expovariate(1.0 / mean)
        self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "care_end")

    def end_placement(self, family: Family) -> None:
        self.placed_by_type[family.placement_type] -= family.children
        family.placement_type = None

    def end_emergency(self, family: Family) -> None:
        # with time for the family and a mobilised network, more children can go home
        pw = self.p.pathway
        share = pw.emergency_to_care_order_share * (
            1.0 - pw.quality_protects * self.quality_of(family) * self.network_effect(family)
        )
        if self.r_events.random() < share:
            self.recorder.count("care_orders", family.children)
            self.start_care(family)
        else:
            self.end_placement(family)
            self.start_open_care(family)

    def end_care(self, family: Family) -> None:
        self.end_placement(family)
        pw = self.p.pathway
        if (family.traits.oldest_age >= self.behaviour.aftercare_min_age
                and self.r_events.random() < pw.aftercare_share):
            self.enter(family, Stage.AFTERCARE)
            weeks = self.r_events.expovariate(1.0 / pw.aftercare_weeks_mean)
            self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "aftercare_end")
        else:
            self.recorder.count("reunifications", family.children)
            self.start_open_care(family)
