"""The initial state (the scenario's `initial:`): families already in services at the start,
part-way through their stage, and families closed before it who will come back.

Why weighted draws: the stocks are seeded as a steady state holds them, not as concerns arrive,
so a baseline does not drift in its first years (`_client_traits`, `_care_traits`).
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable

from systemsim.model.agents import Family, FamilyTraits, History
from systemsim.model.casework import ASSESSMENT_SPREAD
from systemsim.model.clock import DAYS_PER_WEEK
from systemsim.model.early_stock import loads, takes_school_first
from systemsim.model.stages import Stage


class InitialState:
    """Mixed into `ChildProtectionModel`: seeds the stocks and the pending returns."""

    def _seed_initial_stocks(self) -> None:
        """Families already in services at the start, with their stage part-way through."""
        ini = self.p.initial
        plans = [
            (Stage.ASSESSMENT, ini.children_in_assessment),
            (Stage.OPEN_CARE, ini.children_in_open_care),
            (Stage.CARE, ini.children_in_care),
            (Stage.AFTERCARE, ini.children_in_aftercare),
        ]
        in_care: list[Family] = []
        assessing: list[Family] = []
        for stage, children in plans:
            self._seed_stock(stage, children, in_care, assessing)
        # how long a placement lasts depends on the worker's time for the family: read it once
        # every stock is allocated, not while the first workers still have empty caseloads
        self.refresh_direct_hours()
        for family in in_care:
            self._schedule_care_end(family)
        self._seed_assessments(assessing)
        self.assessment_deadlines = deque(sorted(self.assessment_deadlines, key=lambda d: d[0]))
        self._seed_pending_returns()
        self._seed_early_support()
        self.recorder.reset_after_seeding()

    def _seed_stock(self, stage: Stage, children: float, in_care: list[Family],
                    assessing: list[Family]) -> None:
        """Families in `stage` until they hold `children`; placements and assessments are timed
        later (`in_care`, `assessing`), once every stock is allocated."""
        pw = self.p.pathway
        placed = 0
        while placed < children:
            traits = self._stock_traits(stage, children - placed)
            family = self.new_family(traits)
            family.history.episodes = 1
            placed += traits.children
            family.case_start_day = -self.r_traits.uniform(0, 60)
            if stage == Stage.ASSESSMENT:
                self.enter(family, stage)
                assessing.append(family)
            elif stage == Stage.OPEN_CARE:
                self.enter(family, stage)
                weeks = self.r_traits.expovariate(1.0 / pw.open_care_weeks_mean)
                self.schedule(family, weeks * DAYS_PER_WEEK, "open_care_end")
            elif stage == Stage.CARE:
                family.placement_type = self.choose_placement(family)
                self.placed_by_type[family.placement_type] += family.children
                family.history.placements = 1
                self.enter(family, Stage.CARE)
                in_care.append(family)
            else:
                self.enter(family, stage)
                weeks = self.r_traits.expovariate(1.0 / pw.aftercare_weeks_mean)
                self.schedule(family, weeks * DAYS_PER_WEEK, "aftercare_end")

    def _seed_early_support(self) -> None:
        """Families holding early-support and school-absence places, as many as a steady state
        holds (`model/early_stock.py`), each with an exponential time left."""
        school, early = loads(self.p, self.route_share)
        sa, b = self.p.school_absence, self.p.basic_services
        if sa is not None:
            for _ in range(school.draw(self.r_traits)):
                # eligible families are few (about 7 in 100), so more tries
                family = self.new_family(self._traits_until(self._takes_school, tries=200))
                family.school_response = True
                self.school_used += 1
                self._hold_place(family, sa.response_weeks_mean)
        top = max(self.route_share) or 1.0
        blocked = school.blocked()
        for _ in range(early.draw(self.r_traits)):
            family = self.new_family(self._traits_until(
                lambda tr: self.r_traits.random() < self.route_share[tr.severity] / top * (
                    blocked if self._takes_school(tr) else 1.0), tries=200))
            self.early_places_used += 1
            self._hold_place(family, b.early_support_weeks_mean)

    def _takes_school(self, traits: FamilyTraits) -> bool:
        return takes_school_first(self.p.school_absence, traits)

    def _traits_until(self, accept: Callable[[FamilyTraits], bool],
                      tries: int = 50) -> FamilyTraits:
        """New families' traits drawn until `accept` takes one (rejection sampling: a stock's
        families as its steady state holds them); after `tries`, the last one drawn."""
        for _ in range(tries):
            traits = self._new_traits()
            if accept(traits):
                return traits
        return traits

    def _hold_place(self, family: Family, weeks_mean: float) -> None:
        self.enter(family, Stage.EARLY_SUPPORT)
        weeks = self.r_traits.expovariate(1.0 / weeks_mean)
        self.schedule(family, weeks * DAYS_PER_WEEK, "early_end")

    def _stock_traits(self, stage: Stage, children_left: float) -> FamilyTraits:
        """A seeded family's traits, as the stage's steady state holds them."""
        traits = (self._care_traits() if stage == Stage.CARE
                  else self._client_traits(stage) if stage != Stage.AFTERCARE
                  else self._new_traits())
        if stage in (Stage.CARE, Stage.AFTERCARE):
            traits.severity = max(traits.severity, 1)
            traits.oldest_age = max(traits.oldest_age, int(self.behaviour.aftercare_min_age)
                                    if stage == Stage.AFTERCARE else 0)
        traits.children = min(traits.children, max(1, children_left))
        return traits

    def _seed_assessments(self, assessing: list[Family]) -> None:
        """Each seeded assessment part-way through one as long as its own, with its deadline.

        Why longer than a new one: a stock holds long assessments longer, so the ones under
        way at any moment are length-biased; for the lognormal spread that is the same
        lognormal times exp(sigma squared). An assessment already past its deadline at the
        start was late in the year before, so year 1 does not count it."""
        biased = math.exp(ASSESSMENT_SPREAD ** 2)
        for family in assessing:
            weeks = self.assessment_weeks(family, self.r_traits) * biased
            done = self.r_traits.uniform(0.0, weeks)
            family.case_start_day = -done * DAYS_PER_WEEK - self.r_traits.uniform(0.5, 2 * DAYS_PER_WEEK)
            self.schedule(family, (weeks - done) * DAYS_PER_WEEK, "assessment_end")
            deadline = family.case_start_day + self.p.legal.assessment_limit_days
            if deadline < 0:  # late before the start: counted then, not in year 1
                family.overdue = True
            else:
                self.assessment_deadlines.append((deadline, family, 1))

    def _client_traits(self, stage: Stage) -> FamilyTraits:
        """A family as found in assessment or open care at a steady state: severity weighted
        as the pathway selects it (assessed by `assess_by_severity`, and for open care also
        made a client by `client_by_severity`), not as concerns arrive."""
        weight = list(self.assess_factor)
        if stage == Stage.OPEN_CARE:
            weight = [a * c for a, c in zip(weight, self.client_factor, strict=True)]
        top = max(weight) or 1.0
        return self._traits_until(lambda tr: self.r_traits.random() < weight[tr.severity] / top)

    def _care_traits(self) -> FamilyTraits:
        """A family as found in care at a steady state, not as it arrives: a weak close network
        both leads into care (`network_protects`) and keeps a child there longer
        (`quality_speeds_reunification`), so such families are over-represented in the stock.
        Drawn by rejection with weight (1 - protects * n) / (1 + speed * q * n), q = 1/2.
        Why: seeding average families made every baseline's care stock fall by about a sixth
        in its first year, as the seeded children went home faster than the stock they stood for.
        """
        pw = self.p.pathway
        protects, speed = pw.network_protects, pw.quality_speeds_reunification * 0.5
        return self._traits_until(lambda tr: self.r_traits.random()
                                  < (1.0 - protects * tr.network) / (1.0 + speed * tr.network))

    def returns_at_start(self) -> int:
        """How many families closed before the start will come back: the number `systemsim
        steady-state` measured (`initial.families_to_return`), else a first-generation estimate
        from the re-notification rate."""
        known = self.p.initial.families_to_return
        if known is not None:
            return int(known)
        d = self.p.demand
        families_per_year = (
            d.concerns_per_1000_children_year * self.p.population.children / 1000.0
        ) / self.p.population.children_per_family_mean
        expected = families_per_year * d.re_notification_share * d.re_notification_weeks_mean / 52
        return int(self.np_arrivals.poisson(expected))

    def _seed_pending_returns(self) -> None:
        """Families closed before the start who will come back, as at a steady state."""
        d = self.p.demand
        count = self.returns_at_start()
        for _ in range(count):
            traits = self._new_traits()
            history = History(family_id=self.next_family_id, episodes=1)
            self.next_family_id += 1
            delay = self.r_traits.expovariate(1.0 / d.re_notification_weeks_mean)
            self.recorder.pending_returns += 1
            self.recorder.families_created += 1
            self.recorder.families_closed += 1
            self.calendar[max(int(delay), 1)].append((None, 0, "return", (traits, history)))
