"""Who takes a family: the workers' posts, the intake teams and the allocation of cases.

Individual allocation gives a family to the worker in post with the fewest children per unit
of planned capacity, found through a heap so that it costs O(log workers). Systemic units and
an intake rotation organise their own teams (`choose_worker`).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict, deque

import numpy as np

from systemsim.model.agents import Family, SocialWorker
from systemsim.model.stages import Stage


class Allocation:
    """Mixed into `ChildProtectionModel`: staff posts, teams and the choice of a worker."""

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
