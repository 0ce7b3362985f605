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
"""

from __future__ import annotations

import bisect
import heapq
import math
import random
from collections import defaultdict, deque

import mesa
import numpy as np

from systemsim.model.agents import Family, FamilyTraits, History, SocialWorker
from systemsim.model.indexed import IndexedSet
from systemsim.model.params import plain
from systemsim.model.records import Recorder
from systemsim.model.stages import CASELOAD_STAGES, PLACED_STAGES, Stage
from systemsim.model.traits import TraitSampler
from systemsim.model.workforce import Workforce
from systemsim.scenario.schema import PLACEMENT_TYPES, Scenario

DAYS_PER_WEEK = 7.0
WEEKS_PER_YEAR = 52
# children with an open case, who get further notifications. A notification about a child
# still waiting for the decision on an earlier one is not a further notification: it is part
# of the pending decision (docs/model.md, "Deadlines and waiting cases").
_CONTACT_STAGES = frozenset({Stage.ASSESSMENT, Stage.OPEN_CARE})


def _by_severity(factors) -> tuple[float, float, float]:
    return (factors.low, factors.moderate, factors.high)


class ChildProtectionModel(mesa.Model):
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
        # the workforce stream is the fifth child, named by its spawn key so it never shifts
        # the four above (and does not depend on how often `ss` was spawned before)
        workforce_ss = np.random.SeedSequence(
            ss.entropy, spawn_key=(*ss.spawn_key, 4), pool_size=ss.pool_size
        )
        super().__init__(rng=np.random.default_rng(model_ss))
        self.scenario = scenario
        self.p = p = plain(scenario)
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

    def _staff_posts(self, fte: float, full_time_hours: float) -> list[SocialWorker]:
        """One worker per started full-time equivalent: 6.2 FTE are six full-time workers and
        one at 20 % (with a 20 % caseload), so x FTE are simulated as x FTE and paid as x FTE."""
        posts = max(1, math.ceil(fte - 1e-9))
        workers = [SocialWorker(self, full_time_hours, self.r_traits.uniform(1, 15))
                   for _ in range(posts)]
        last_share = fte - (posts - 1)
        if last_share < 1.0 - 1e-9:
            workers[-1].hours_per_week = full_time_hours * last_share
        for worker in workers:  # a part-time post is given a part-time caseload
            worker.hours_share = worker.hours_per_week / full_time_hours
        return workers

    def _setup_intake_teams(self, p) -> None:
        """Split the workers into teams of the scenario's size, each with its own intake queue
        and its own caseloads (`workforce.team_size`). Why: one pooled team for a whole city
        would decide and allocate as if a hundred workers sat at one desk, so a larger
        organisation with the same staffing per child would look better than a small one.
        Intake rotation and systemic units organise their own teams and keep one queue."""
        size = p.workforce.team_size
        n_teams = 1
        if size and self.rotation is None and self.unit is None:
            n_teams = max(1, round(len(self.workers) / size))
        self.teams: list[list[SocialWorker]] = [[] for _ in range(n_teams)]
        for i, worker in enumerate(self.workers):
            worker.intake_team = i % n_teams
            self.teams[worker.intake_team].append(worker)
        self.queues: list[deque[tuple[Family, float]]] = [self.intake] + [
            deque() for _ in range(n_teams - 1)]
        self.intake_carry = [0.0] * n_teams
        self.team_borrowed = [0.0] * n_teams
        shares = np.array([sum(w.hours_share for w in team) for team in self.teams])
        self._team_cumulative = (np.cumsum(shares) / shares.sum()).tolist()

    def team_of(self, family: Family) -> int:
        """The family's team: drawn once by the teams' staffing (its area) and kept when it
        comes back."""
        history = family.history
        if history.team < 0:
            history.team = 0 if len(self.teams) == 1 else min(
                bisect.bisect_right(self._team_cumulative, self.r_teams.random()), len(self.teams) - 1)
        return history.team

    # ------------------------------------------------------------------ time and calendar
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

    # ------------------------------------------------------------------ families
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

    # ------------------------------------------------------------------ who takes a family
    @staticmethod
    def allocation_key(worker: SocialWorker) -> float:
        """Children per unit of planned capacity: the worker with the lowest takes the family."""
        if worker.vacant or worker.plan_factor <= 0:
            return math.inf
        return worker.caseload / (worker.plan_factor * worker.hours_share)

    def rebuild_worker_index(self) -> None:
        """Index workers by allocation key (after the weekly staff update changed capacities).

        Why: scanning every worker for every new family is O(families x workers), quadratic in
        the population (the profile in benchmarks/README.md). A heap with lazy deletion makes
        the choice O(log workers); between rebuilds only caseloads change, and every change
        pushes a fresh entry (`worker_moved`).
        """
        self.worker_heap = [(self.allocation_key(w), w.unique_id, w) for w in self.workers]
        heapq.heapify(self.worker_heap)
        self.worker_index_valid = True

    def worker_moved(self, worker: SocialWorker) -> None:
        """A worker's caseload changed: push its new key (stale entries are skipped later)."""
        if not self.worker_index_valid:
            return
        heapq.heappush(self.worker_heap, (self.allocation_key(worker), worker.unique_id, worker))
        if len(self.worker_heap) > 8 * len(self.workers) + 64:
            self.rebuild_worker_index()

    def _least_loaded(self) -> SocialWorker | None:
        """The in-post worker with the lowest allocation key, or None when none is in post."""
        heap = self.worker_heap
        while heap:
            key, uid, worker = heap[0]
            current = self.allocation_key(worker)
            if current == key:
                return None if key == math.inf else worker
            heapq.heapreplace(heap, (current, uid, worker))
        return None

    def assign_worker(self, family: Family) -> None:
        """Allocate a responsible worker by the scenario's organisation."""
        if len(self.teams) > 1 and self.plain_allocation:
            self.choose_worker(family).take(family)
            return
        if self.plain_allocation and self.worker_index_valid:
            worker = self._least_loaded()
            if worker is not None:
                # the chosen worker's entry is on top of the index: replace it with the new
                # key at once rather than push a second entry and skip the stale one later
                worker.take(family, reindex=False)
                heapq.heapreplace(self.worker_heap,
                                  (self.allocation_key(worker), worker.unique_id, worker))
                return
        self.choose_worker(family).take(family)

    def choose_worker(self, family: Family, unit_of: SocialWorker | None = None) -> SocialWorker:
        """Individual allocation: the worker in post with the fewest children (for their
        productivity and, with workforce dynamics, their hours: a new worker's caseload builds up
        as they learn, a part-time worker holds a part-time caseload).

        Systemic units: the unit with the fewest children per member in post, then its least
        loaded member (a handed-over family stays in its unit when a colleague is in post).
        Intake rotation: new cases go to the team on intake duty.
        """
        # a leaver's families (unit_of is the leaver, already vacant) go to the least loaded
        # colleague like any new family, so the index serves hand-overs as well
        plain_choice = self.unit is None and (unit_of is None or unit_of.vacant) and not (
            unit_of is None and self.rotation is not None
            and family.stage in (Stage.ASSESSMENT, Stage.EMERGENCY))
        if plain_choice and self.worker_index_valid and len(self.teams) == 1:
            worker = self._least_loaded()
            if worker is not None:
                return worker
        pool = self.workers
        if len(self.teams) > 1:  # a family stays with its team; a leaver's go to the colleagues
            pool = self.teams[unit_of.intake_team if unit_of is not None else self.team_of(family)]
        workers = [w for w in pool if not w.vacant and w is not unit_of] or [
            w for w in self.workers if not w.vacant and w is not unit_of] or self.workers
        if self.unit is not None:
            if unit_of is not None:
                same = [w for w in workers if w.unit == unit_of.unit]
                if same:
                    workers = same
            else:
                units: dict[int, list[SocialWorker]] = defaultdict(list)
                for w in workers:
                    units[w.unit].append(w)
                best = min(units, key=lambda u: (sum(w.caseload for w in units[u]) / len(units[u]), u))
                workers = units[best]
        elif self.rotation is not None and unit_of is None and family.stage in (
            Stage.ASSESSMENT, Stage.EMERGENCY
        ):
            duty = [w for w in workers if w.team == self.duty_team()]
            workers = duty or workers
        # a new worker (lower productivity) is given proportionally fewer children
        return min(workers, key=lambda w: (w.caseload / (w.plan_factor * w.hours_share)
                                           if w.plan_factor > 0 else math.inf, w.unique_id))

    def duty_team(self) -> int:
        r = self.rotation
        return (self.week // int(r.duty_weeks)) % int(r.teams)

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

    # ------------------------------------------------------------------ worker time
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

    # ------------------------------------------------------------------ the pathway
    def concern(self, family: Family) -> None:
        """A new concern: met in basic services if there is room, otherwise notified."""
        b, sev = self.p.basic_services, family.traits.severity
        sa = self.p.school_absence
        if (sa is not None and sev < 2 and "school_absence" in family.traits.risks
                and family.traits.oldest_age >= 7 and self.school_used < sa.response_places):
            # the absence-hour threshold starts a response in school and basic services first
            self.school_used += 1
            family.school_response = True
            self.enter(family, Stage.EARLY_SUPPORT)
            self.recorder.count("early_support_started", family.children)
            self.recorder.count("school_responses_started", family.children)
            weeks = self.r_events.expovariate(1.0 / sa.response_weeks_mean)
            self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "early_end")
            return
        share = (b.route_low_share, b.route_moderate_share, 0.0)[sev]
        if self.early_places_used < b.early_support_places and self.r_events.random() < share:
            self.early_places_used += 1
            self.enter(family, Stage.EARLY_SUPPORT)
            self.recorder.count("early_support_started", family.children)
            weeks = self.r_events.expovariate(1.0 / b.early_support_weeks_mean)
            self.schedule(family, self.now_day + weeks * DAYS_PER_WEEK, "early_end")
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

    def assessment_weeks(self, family: Family, rng: random.Random) -> float:
        """How long the family's assessment takes, planned from its worker's time for it."""
        hours_week = self.family_hours(family, planning=True)
        w = self.p.workforce
        min_weeks = w.assessment_min_weeks
        if self.rotation is not None:
            min_weeks *= self.rotation.fixed_meetings_wait_share
        weeks = max(min_weeks, w.assessment_hours / max(hours_week, 0.05))
        return weeks * rng.lognormvariate(0.0, 0.3)

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

    # ------------------------------------------------------------------ the week
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

    # ------------------------------------------------------------------ initial state
    def _seed_initial_stocks(self) -> None:
        """Families already in services at the start, with their stage part-way through."""
        ini, pw = self.p.initial, self.p.pathway
        plans = [
            (Stage.ASSESSMENT, ini.children_in_assessment),
            (Stage.OPEN_CARE, ini.children_in_open_care),
            (Stage.CARE, ini.children_in_care),
            (Stage.AFTERCARE, ini.children_in_aftercare),
        ]
        in_care: list[Family] = []
        assessing: list[Family] = []
        for stage, children in plans:
            placed = 0
            while placed < children:
                traits = (self._care_traits() if stage == Stage.CARE
                          else self._client_traits(stage) if stage != Stage.AFTERCARE
                          else self._new_traits())
                if stage in (Stage.CARE, Stage.AFTERCARE):
                    traits.severity = max(traits.severity, 1)
                    traits.oldest_age = max(traits.oldest_age, int(self.behaviour.aftercare_min_age)
                                            if stage == Stage.AFTERCARE else 0)
                traits.children = min(traits.children, max(1, children - placed))
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
        # how long a placement lasts depends on the worker's time for the family: read it once
        # every stock is allocated, not while the first workers still have empty caseloads
        self.refresh_direct_hours()
        for family in in_care:
            self._schedule_care_end(family)
        for family in assessing:  # part-way through an assessment as long as this one
            weeks = self.assessment_weeks(family, self.r_traits)
            done = self.r_traits.uniform(0.0, weeks)
            family.case_start_day = -done * DAYS_PER_WEEK - self.r_traits.uniform(0.5, 2 * DAYS_PER_WEEK)
            self.schedule(family, (weeks - done) * DAYS_PER_WEEK, "assessment_end")
            self.assessment_deadlines.append(
                (family.case_start_day + self.p.legal.assessment_limit_days, family, 1))
        self.assessment_deadlines = deque(sorted(self.assessment_deadlines, key=lambda d: d[0]))
        self._seed_pending_returns()
        self.recorder.reset_after_seeding()

    def _client_traits(self, stage: Stage) -> FamilyTraits:
        """A family as found in assessment or open care at a steady state: severity weighted
        as the pathway selects it (assessed by `assess_by_severity`, and for open care also
        made a client by `client_by_severity`), not as concerns arrive."""
        weight = list(self.assess_factor)
        if stage == Stage.OPEN_CARE:
            weight = [a * c for a, c in zip(weight, self.client_factor, strict=True)]
        top = max(weight) or 1.0
        for _ in range(50):
            traits = self._new_traits()
            if self.r_traits.random() < weight[traits.severity] / top:
                return traits
        return traits

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
        for _ in range(50):
            traits = self._new_traits()
            n = traits.network
            if self.r_traits.random() < (1.0 - protects * n) / (1.0 + speed * n):
                return traits
        return traits

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
