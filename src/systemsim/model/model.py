"""The Mesa model: families flowing through basic services and child protection, week by week.

Design choices that keep it fast and honest:

* The population is a stock of children. Each week a Poisson number of new concerns arrives
  (rate per 1,000 children); only then does a family become an agent. Work per week grows with
  the families in contact, never with the population.
* A family's next transition is drawn when it enters a stage and put in a calendar bucket
  (one per week), so a week touches only the families whose stage ends that week. The chance
  of each outcome depends on the time its worker has *when the stage ends*.
* Separate random streams (arrivals, family traits, transitions) spawned from one
  `numpy.random.SeedSequence`, so two scenarios run on the same seed share their arrivals
  (common random numbers) and the same seed always gives the same numbers.

This module wires the model together and sets the order of a week. Each job has its own module,
mixed into `ChildProtectionModel`: `clock` (week and calendar), `allocation` (posts, teams, who
takes a family), `worker_time` (direct hours and relationship quality), `intake` (concern to
decision), `casework` (assessment, open care), `placements`, `closures` (closing and coming
back), `bookkeeping` (late cases and year boundaries) and `initial` (the starting stocks);
`workforce` and `records` are the staff update and the weekly rows.
"""

from __future__ import annotations

import random
from collections import defaultdict, deque

import mesa
import numpy as np

from systemsim.model.agents import Family, FamilyTraits, History, SocialWorker
from systemsim.model.allocation import Allocation
from systemsim.model.bookkeeping import Bookkeeping
from systemsim.model.casework import Casework
from systemsim.model.clock import DAYS_PER_WEEK, WEEKS_PER_YEAR, Clock
from systemsim.model.closures import Closures
from systemsim.model.indexed import IndexedSet
from systemsim.model.initial import InitialState
from systemsim.model.intake import Intake
from systemsim.model.params import plain
from systemsim.model.placements import Placements
from systemsim.model.reach import route_shares
from systemsim.model.records import Recorder
from systemsim.model.stages import CASELOAD_STAGES, Stage
from systemsim.model.traits import TraitSampler
from systemsim.model.worker_time import WorkerTime
from systemsim.model.workforce import Workforce
from systemsim.scenario.schema import PLACEMENT_TYPES, Scenario

__all__ = ["DAYS_PER_WEEK", "WEEKS_PER_YEAR", "ChildProtectionModel"]

# children with an open case, who get further notifications. A notification about a child
# still waiting for the decision on an earlier one is not a further notification: it is part
# of the pending decision (docs/model.md, "Deadlines and waiting cases").
_CONTACT_STAGES = frozenset({Stage.ASSESSMENT, Stage.OPEN_CARE})


def _by_severity(factors) -> tuple[float, float, float]:
    return (factors.low, factors.moderate, factors.high)


class ChildProtectionModel(Clock, Allocation, WorkerTime, Intake, Casework, Placements, Closures,
                           Bookkeeping, InitialState, mesa.Model):
    """Families, social workers and the pathway of one municipality (weekly steps)."""

    #: the agent class of families (a reference model may use a subclass)
    family_class: type[Family] = Family

    def __init__(
        self,
        scenario: Scenario,
        seed: int | np.random.SeedSequence | None = 0,
        *,
        trace_family: int | None = None,
    ):
        ss = seed if isinstance(seed, np.random.SeedSequence) else np.random.SeedSequence(seed)
        model_ss, arrivals_ss, traits_ss, events_ss = ss.spawn(4)
        super().__init__(rng=np.random.default_rng(model_ss))
        self.scenario = scenario
        self.p = p = plain(scenario)
        self._open_streams(ss, arrivals_ss, traits_ss, events_ss)
        self._read_rules(p)

        self._set_week(0)
        self.calendar: dict[int, list[tuple]] = defaultdict(list)
        self.intake: deque[tuple[Family, float]] = deque()  # team 0's queue (the only one if pooled)
        # deadlines still to watch, in the order cases started: (day, family, episode)
        self.decision_deadlines: deque[tuple[float, Family, int]] = deque()
        self.assessment_deadlines: deque[tuple[float, Family, int]] = deque()
        limit = p.legal.decision_limit_days
        self.decision_limit_calendar_days = (
            limit * 7.0 / 5.0 if p.legal.decision_limit_unit == "working_days" else limit)
        self.early_places_used = 0
        self.next_family_id = 0
        self.children_in_stage = dict.fromkeys(Stage, 0)
        self.placed_by_type = dict.fromkeys(PLACEMENT_TYPES, 0)
        self.in_contact: IndexedSet[Family] = IndexedSet()  # may receive further notifications
        self.trace_family = trace_family
        self.trace: list[dict] = []
        self.recorder = Recorder(self)

        self.workers = self._staff_posts(p.workforce.social_workers, p.workforce.hours_per_week)
        self._setup_intake_teams(p)
        self.staff = Workforce(self)
        self.staff.setup_teams()
        self.worker_heap: list[tuple[float, int, SocialWorker]] = []
        self.rebuild_worker_index()
        self.refresh_direct_hours()
        self._seed_initial_stocks()

    def _open_streams(self, ss: np.random.SeedSequence, arrivals_ss: np.random.SeedSequence,
                      traits_ss: np.random.SeedSequence, events_ss: np.random.SeedSequence) -> None:
        """The run's random streams, one per job, so one job's draws never shift another's."""
        p = self.p
        # the workforce stream is the fifth child, named by its spawn key so it never shifts
        # the four above (and does not depend on how often `ss` was spawned before)
        workforce_ss = np.random.SeedSequence(
            ss.entropy, spawn_key=(*ss.spawn_key, 4), pool_size=ss.pool_size
        )
        self.np_arrivals = np.random.default_rng(arrivals_ss)
        self.r_traits = random.Random(int(traits_ss.generate_state(1)[0]))
        # new families' traits come in numpy batches from a child of the traits stream
        d = p.demand
        self.traits_sampler = TraitSampler(
            np.random.default_rng(np.random.SeedSequence(
                traits_ss.entropy, spawn_key=(*traits_ss.spawn_key, 0), pool_size=traits_ss.pool_size)),
            p.population.children_per_family_mean, d.severity_low_share, d.severity_high_share,
            p.behaviour.families)
        self.r_events = random.Random(int(events_ss.generate_state(1)[0]))
        self.r_workforce = random.Random(int(workforce_ss.generate_state(1)[0]))
        # which team a family belongs to: its own stream, so pooled runs draw nothing new
        self.r_teams = random.Random(int(np.random.SeedSequence(
            ss.entropy, spawn_key=(*ss.spawn_key, 5), pool_size=ss.pool_size).generate_state(1)[0]))

    def _read_rules(self, p) -> None:
        """The organisation and the per-run constants of the hot formulas (computed once)."""
        org = p.organisation
        self.unit = org.unit if org is not None and org.structure == "systemic_unit" else None
        self.rotation = org.rotation if org is not None and org.structure == "intake_rotation" else None
        self.plain_allocation = self.unit is None and self.rotation is None
        self.direct_share_gain = self.unit.coordinator_direct_share_gain if self.unit else 0.0
        # per-run constants of the hot formulas (same arithmetic, computed once)
        self._not_intake = 1.0 - p.workforce.intake_share
        self._direct_share = p.workforce.direct_share + self.direct_share_gain
        self._network_gain = 1.0 + p.practice.systemic_network_boost
        self.light_weight = p.support_model.light_time_weight if p.support_model else 1.0
        b = self.behaviour = p.behaviour
        self.assess_factor = _by_severity(b.assess_by_severity)
        self.client_factor = _by_severity(b.client_by_severity)
        self.place_factor = _by_severity(b.placement_by_severity)
        tw = b.time_weight
        self.time_weight = {Stage.ASSESSMENT: tw.assessment, Stage.OPEN_CARE: tw.open_care,
                            Stage.EMERGENCY: tw.emergency, Stage.CARE: tw.care}
        self.school_used = 0
        self.route_share = route_shares(p)  # met in basic services, by severity (model/reach.py)

    def _new_traits(self) -> FamilyTraits:
        return self.traits_sampler.draw()

    def new_family(self, traits: FamilyTraits | None = None, history: History | None = None):
        if history is None:
            history = History(family_id=self.next_family_id)
            self.next_family_id += 1
            self.recorder.families_created += 1
        family = Family(self, traits or self._new_traits(), history)
        if self.trace_family is not None and history.family_id == self.trace_family:
            family.traced = True
        return family

    def log(self, family: Family, event: str) -> None:
        """Record an event of the traced family (callers check `family.traced` first)."""
        worker = family.worker
        hours = (
            worker.direct_hours_per_unit(worker.direct_now) * family.weight
            if worker is not None and family.stage in CASELOAD_STAGES
            else 0.0
        )
        self.trace.append(
            {
                "week": self.week,
                "stage": family.stage.name.lower() if family.stage is not None else "closed",
                "event": event,
                "worker_hours_week": round(hours, 3),
            }
        )

    def enter(self, family: Family, stage: Stage) -> None:
        """Move `family` to `stage`, keeping counts, the worker's load and the records right."""
        old = family.stage
        children = family.traits.children
        now = self.now_day
        if old is not None:
            self.children_in_stage[old] -= children
            self.recorder.leave_stage(old, now - family.stage_since_day)
        worker = family.worker
        caseload_stage = stage in CASELOAD_STAGES
        if worker is not None:
            if caseload_stage:
                worker.restage(family, stage)
            else:
                worker.release(family)
                worker = None
        family.light = False
        family.stage = stage
        if stage in _CONTACT_STAGES:
            self.in_contact.add(family)
        elif old in _CONTACT_STAGES:
            self.in_contact.discard(family)
        family.stage_since_day = now
        family.token += 1
        self.children_in_stage[stage] += children
        self.recorder.enter_stage(stage)
        if caseload_stage and worker is None:
            self.assign_worker(family)
        if family.traced:
            self.log(family, f"enter_{stage.name.lower()}")

    def _arrivals(self) -> None:
        p = self.p
        families_per_year = (
            p.demand.concerns_per_1000_children_year * p.population.children / 1000.0
        ) / p.population.children_per_family_mean
        for _ in range(int(self.np_arrivals.poisson(families_per_year / WEEKS_PER_YEAR))):
            self.concern(self.new_family())

    def _further_notifications(self) -> None:
        """Notifications about children already in contact (the ~1.8 per child a year)."""
        rate = self.p.demand.notifications_per_client_year / WEEKS_PER_YEAR
        n = len(self.in_contact)
        k = int(self.np_arrivals.poisson(rate * n)) if n else 0
        for _ in range(k):
            self.count_notification(self.in_contact.choice(self.r_events))

    def _run_due_events(self) -> None:
        for family, token, action, payload in self.calendar.pop(self.week, ()):
            if action == "return":
                self.come_back(*payload)
                continue
            if family.token != token:
                continue  # stale: the family moved on since this was scheduled
            if action == "early_end":
                self.end_early_support(family)
            elif action == "assessment_end":
                self.finish_assessment(family, max(payload, self.now_day))
            elif action == "open_care_end":
                self.end_open_care(family)
            elif action == "emergency_end":
                self.end_emergency(family)
            elif action == "care_end":
                self.end_care(family)
            elif action == "aftercare_end":
                self.close(family, "aftercare_done")
            elif action == "step_down":
                self.step_down(family)

    def step(self) -> None:
        """One week: new concerns, due transitions, further notifications, intake decisions."""
        if self.week % WEEKS_PER_YEAR == 0:
            self._count_year_start()
        self.worker_index_valid = False  # capacities change during the staff update
        self.staff.step()
        if not self.worker_index_valid:  # the staff update indexes the workers when it can
            self.rebuild_worker_index()
        self.refresh_direct_hours()
        self._arrivals()
        self._run_due_events()
        self._further_notifications()
        self.process_intake()
        self._count_overdue()
        if (self.week + 1) % WEEKS_PER_YEAR == 0:
            self._record_year_end_waits()
        self.recorder.end_week()
        self._set_week(self.week + 1)

    def run_weeks(self, weeks: int) -> None:
        for _ in range(weeks):
            self.step()

    def release(self) -> None:
        """Let Python free this model once its tables are out (the model is spent after this).

        Mesa 3.3 keeps every model ever built alive in the class attribute `Agent._ids`
        (mesa#3179, fixed upstream by mesa#3180), so a process running many replications
        would hold all of them, and its garbage collections would slow down run after run.
        """
        ids = getattr(mesa.Agent, "_ids", None)
        if isinstance(ids, dict):
            ids.pop(self, None)
        # Families and the model point at each other (agent.model; the calendar, the intake
        # queue, workers' caseloads). Break those links so reference counting frees the
        # families now, rather than a full garbage collection in the middle of the next run.
        self.remove_all_agents()
        self.calendar.clear()
        for queue in self.queues:
            queue.clear()
        self.in_contact = IndexedSet()
        for worker in self.workers:
            worker.families.clear()
