"""A textbook Mesa version of systemsim's model: the baseline the benchmarks compare against.

Every family of the population is an `Agent` from the start (children / mean children per
family of them), and every week `model.agents.shuffle_do("step")` steps them all. In its step a
family out of contact draws its own weekly chance of a concern; a family in contact draws its
own chance of a further notification and checks whether its current stage has ended. The
pathway rules, the parameters and the scenario are systemsim's own: this class inherits the
pathway (intake, decisions, assessments, open care, placements, workers' time) from
`ChildProtectionModel` and replaces only what makes systemsim fast: the population as a stock
with Poisson arrivals, agents only for families in contact, and the per-week calendar of due
events. So its KPIs must agree with systemsim's within replication noise (tested in
`tests/scale/test_reference_model.py`).

Differences that do not change the expected KPIs: arrivals are Bernoulli per family (with the
same mean as systemsim's Poisson count), and within a week families act in random order.
"""

from __future__ import annotations

import numpy as np

from systemsim.model.agents import Family, FamilyTraits, History
from systemsim.model.model import DAYS_PER_WEEK, WEEKS_PER_YEAR, ChildProtectionModel
from systemsim.model.stages import Stage
from systemsim.scenario import Scenario

_CONTACT = frozenset({Stage.INTAKE, Stage.ASSESSMENT, Stage.OPEN_CARE})


class PopulationFamily(Family):
    """A family of the population: an agent whether or not it is in contact with services."""

    def __init__(self, model: ReferenceModel, traits: FamilyTraits, history: History):
        super().__init__(model, traits, history)
        self.due_week: int | None = None
        self.due_token = -1
        self.due_action = ""
        self.due_day = 0.0
        self.return_week: int | None = None

    def remove(self) -> None:
        """A closed case does not take the family out of the population."""

    def step(self) -> None:
        m = self.model
        if self.stage is None:
            if self.return_week is not None:
                if m.week >= self.return_week:
                    self.return_week = None
                    m.family_returns(self)
            elif self.random.random() < m.concern_chance:
                m.fresh_concern(self)
            return
        if self.stage in _CONTACT and self.random.random() < m.further_chance:
            m.count_notification(self)
        if self.due_week is not None and m.week >= self.due_week:
            self.due_week = None
            if self.due_token == self.token:
                m.stage_ends(self, self.due_action, self.due_day)


class ReferenceModel(ChildProtectionModel):
    """systemsim's pathway with the whole population as agents stepped every week."""

    family_class = PopulationFamily

    def __init__(self, scenario: Scenario, seed: int | np.random.SeedSequence | None = 0):
        self._planned_returns: list[float] = []
        super().__init__(scenario, seed=seed)
        p = self.p
        self.population_families = max(
            1, round(p.population.children / p.population.children_per_family_mean))
        families_per_year = (p.demand.concerns_per_1000_children_year * p.population.children
                             / 1000.0) / p.population.children_per_family_mean
        self.concerns_per_week = families_per_year / WEEKS_PER_YEAR
        self.further_chance = p.demand.notifications_per_client_year / WEEKS_PER_YEAR
        self.concern_chance = 0.0
        in_services = len(self.agents_by_type.get(PopulationFamily, ()))
        for _ in range(max(0, self.population_families - in_services)):
            PopulationFamily(self, self._new_traits(), History(family_id=-1))
        # families closed before the start who will come back, as in systemsim
        out = [f for f in self.agents_by_type[PopulationFamily] if f.stage is None]
        for family, delay in zip(self.random.sample(out, min(len(out), len(self._planned_returns))),
                                 self._planned_returns, strict=False):
            family.history = History(family_id=self.next_family_id, episodes=1)
            self.next_family_id += 1
            family.return_week = max(int(delay), 1)

    # -- what the textbook model does differently
    def new_family(self, traits: FamilyTraits | None = None, history: History | None = None):
        if history is None:
            history = History(family_id=self.next_family_id)
            self.next_family_id += 1
            self.recorder.families_created += 1
        return PopulationFamily(self, traits or self._new_traits(), history)

    def schedule(self, family: PopulationFamily, due_day: float, action: str) -> None:
        """The family itself remembers when its stage ends (no calendar)."""
        family.due_week = max(int(due_day // DAYS_PER_WEEK), self.week + 1)
        family.due_token = family.token
        family.due_action = action
        family.due_day = due_day

    def _seed_pending_returns(self) -> None:
        d = self.p.demand
        for _ in range(self.returns_at_start()):
            self._planned_returns.append(self.r_traits.expovariate(1.0 / d.re_notification_weeks_mean))
            self.recorder.pending_returns += 1
            self.recorder.families_created += 1
            self.recorder.families_closed += 1

    def _arrivals(self) -> None:
        """No stock: each family draws its own concern in its step."""

    def _further_notifications(self) -> None:
        """Each family in contact draws its own further notifications in its step."""

    def _run_due_events(self) -> None:
        """The textbook week: every agent of the population steps, in random order."""
        super()._run_due_events()  # anything else the model keeps in its calendar (none today)
        out = (self.population_families - sum(self.recorder.families_in_stage.values())
               - self.recorder.pending_returns)
        self.concern_chance = min(1.0, self.concerns_per_week / out) if out > 0 else 0.0
        self.agents.shuffle_do("step")

    def close(self, family: PopulationFamily, reason: str) -> None:
        """As systemsim, but the family stays in the population (no agent is removed)."""
        self.leave_services(family, reason)

    def plan_return(self, family: PopulationFamily, week: int) -> None:
        """A family that will come back keeps its own return week (no calendar)."""
        family.return_week = week

    # -- a family's own events
    def _as_new_case(self, family: PopulationFamily) -> None:
        # systemsim meets each new concern or return as a new agent: per-year counts restart
        family.counted_notified_year = family.counted_client_year = -1
        family.counted_placed_year = -1

    def fresh_concern(self, family: PopulationFamily) -> None:
        family.traits = self._new_traits()
        family.history = History(family_id=self.next_family_id)
        self.next_family_id += 1
        self.recorder.families_created += 1
        self._as_new_case(family)
        self.concern(family)

    def family_returns(self, family: PopulationFamily) -> None:
        self.returning(family.traits, family.history)
        self._as_new_case(family)
        self.recorder.count("re_notifications", family.children)
        self.notify(family)

    def stage_ends(self, family: PopulationFamily, action: str, due_day: float) -> None:
        """The family's stage has ended: run systemsim's own handler for `action`."""
        # systemsim dispatches due events from its calendar; hand it just this one, so any
        # action the model learns later is handled here the same way
        self.calendar[self.week].append((family, family.token, action, due_day))
        ChildProtectionModel._run_due_events(self)


def run_reference(scenario: Scenario, years: int, seed: np.random.SeedSequence | int,
                  weeks: int | None = None):
    """Run the reference model; returns (model, yearly KPI table)."""
    from systemsim.experiment.kpis import yearly_kpis

    model = ReferenceModel(scenario, seed=seed)
    model.run_weeks(weeks if weeks is not None else years * WEEKS_PER_YEAR)
    return model, yearly_kpis(model)
