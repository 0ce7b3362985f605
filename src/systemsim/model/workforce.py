"""Workforce dynamics and organisation: who is at work this week, and how the work is shared.

Munro's reinforcing loop, per social worker and week (only when the scenario has a
`workforce_dynamics:` section; without it every worker is always present, as in the core):

    workload against capacity -> stress (smoothed) -> sick-leave spells (hazard rising with
    stress) -> leaving (hazard rising with stress and low tenure) -> a vacant post for a
    recruitment lag -> a new worker with lower productivity for the first months -> more
    workload for everyone else.

A leaving worker's families are handed to colleagues. Outside a systemic unit that is a change
of worker for each child (counted in `History.worker_changes`): the relationship loses quality
for a while and an assessment under way is delayed. Inside a unit the caseload is shared, so a
colleague in the same unit takes over without a break in continuity.

Levers: manager closeness and recovery time (`manager_support`), occupational-health work on
stress and threats (`occupational_health`), mentoring of new staff (`mentoring`), systemic
units (`organisation.unit.stress_relief`) and a roll-out's trained teams (`rollout`).

All draws come from the model's own workforce stream (`model.r_workforce`), so turning the
loop on never shifts the families' random numbers, and the same seed gives the same staff
history. Work per week is a loop over workers, never over families.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from systemsim.model.stages import Stage

if TYPE_CHECKING:
    from systemsim.model.agents import Family, SocialWorker
    from systemsim.model.model import ChildProtectionModel

WORKING_DAYS_PER_WEEK = 5.0
NEW_STAFF_WEEKS = 104  # "first two years": the early-career group most likely to leave
NEW_STAFF_SHARE_WEEKS = 52  # new_staff_share counts workers in their first year


class Workforce:
    """The weekly staff update: sickness, stress, leaving, recruitment, mentoring, roll-out."""

    def __init__(self, model: ChildProtectionModel):
        self.model = model
        p = model.p
        self.dyn = p.workforce_dynamics
        self.rollout = p.rollout
        self.sick_days_week = 0.0
        self.training_credit = 0.0
        self.training: dict[int, int] = {}  # team -> week its training ends
        self.converted_teams: set[int] = set()
        w = p.workforce
        self.ref_direct = w.hours_per_week * (1.0 - w.intake_share) * w.direct_share
        # the share of stress every worker keeps whatever their team: manager support, units
        self.keep_structural = 1.0
        if self.dyn is not None:
            self.keep_structural = 1.0 - self.dyn.manager_support
            org = p.organisation
            if org is not None and org.structure == "systemic_unit":
                self.keep_structural *= 1.0 - org.unit.stress_relief

    # ------------------------------------------------------------------ set-up
    def setup_teams(self) -> None:
        """Units, rotation teams and roll-out teams from the scenario's organisation data."""
        m, p = self.model, self.model.p
        org = p.organisation
        default_systemic = p.practice.way_of_working == "systemic"
        for i, worker in enumerate(m.workers):
            worker.systemic = default_systemic
            worker.systemic_since_week = -10_000
            if org is not None and org.structure == "systemic_unit":
                worker.unit = i // int(org.unit.case_holders)
            if org is not None and org.structure == "intake_rotation":
                worker.team = i % int(org.rotation.teams)
        if self.dyn is not None:
            self._seed_steady_staff()
        if self.rollout is not None:
            size = int(self.rollout.team_size)
            for i, worker in enumerate(m.workers):
                worker.team = i // size
                worker.systemic = False
            for team in range(int(self.rollout.teams_converted_initial)):
                self.convert(team, since=-10_000)

    def _seed_steady_staff(self) -> None:
        """Start the staff as the turnover loop keeps it, not as a team that never changed:
        time in post exponential with the leaving rate (new staff leave `new_staff_leave_factor`
        times as often in their first two years), and a post vacant with the chance a leaving
        rate and the recruitment lag give (or, better, the shares `systemsim steady-state`
        measured, in the scenario's `initial:`). Why: a staff of veterans with no vacancies loses
        capacity in its first years as turnover sets in, and the baseline drifts."""
        m, dyn, ini = self.model, self.dyn, self.model.p.initial
        r = m.r_workforce
        leave_week = dyn.turnover_year / 52.0
        if leave_week <= 0:
            return
        vacant_share = ini.vacant_share if ini.vacant_share is not None else (
            leave_week * dyn.recruitment_weeks_mean / (1.0 + leave_week * dyn.recruitment_weeks_mean))
        early_share = ini.early_career_share if ini.early_career_share is not None else (
            1.0 - math.exp(-leave_week * dyn.new_staff_leave_factor * NEW_STAFF_WEEKS))
        for worker in m.workers:
            if r.random() < early_share:  # in the first two years: uniform time in post
                tenure = r.uniform(0.0, NEW_STAFF_WEEKS)
            else:  # past them: the ordinary leaving rate
                tenure = NEW_STAFF_WEEKS + r.expovariate(leave_week)
            worker.tenure_weeks = tenure
            worker.experience_years = dyn.new_staff_experience_years + tenure / 52.0
            worker.hired_in_run = tenure < NEW_STAFF_WEEKS
            if r.random() < vacant_share:
                worker.vacant = True
                worker.avail_factor = worker.plan_factor = 0.0
                worker.vacant_until_week = max(1, round(r.expovariate(1.0 / dyn.recruitment_weeks_mean)))

    @property
    def n_teams(self) -> int:
        if self.rollout is None:
            return 0
        return math.ceil(len(self.model.workers) / int(self.rollout.team_size))

    def convert(self, team: int, since: int) -> None:
        for worker in self.model.workers:
            if worker.team == team:
                worker.systemic = True
                worker.systemic_since_week = since
        self.converted_teams.add(team)

    def maturity(self, worker: SocialWorker) -> float:
        """How far a worker's team has grown into systemic work (1 outside a roll-out)."""
        if self.rollout is None or not worker.systemic:
            return 1.0
        return min(1.0, max(0.0, (self.model.week - worker.systemic_since_week)
                            / self.rollout.maturity_weeks))

    # ------------------------------------------------------------------ the week
    def step(self) -> None:
        if self.rollout is not None:
            self._rollout_step()
        if self.dyn is None:
            return
        m, dyn = self.model, self.dyn
        r = m.r_workforce
        self.sick_days_week = 0.0
        for worker in m.workers:
            if worker.vacant:
                if m.week >= worker.vacant_until_week:
                    self.hire(worker)
                continue
            worker.tenure_weeks += 1.0
        self._mentoring()
        # constants of the week's loops, hoisted: the loops run for every worker every week
        sick_base = dyn.sick_days_year / dyn.sick_spell_days_mean / 52.0
        sick_slope, keep_oh = dyn.sick_stress_slope, 1.0 - dyn.occupational_health
        spell_rate = 1.0 / dyn.sick_spell_days_mean
        mentor_share = dyn.mentoring.mentor_share if dyn.mentoring is not None else 0.0
        productivity, hazard_stress = self.productivity, self.hazard_stress
        for worker in m.workers:
            if worker.vacant:
                continue
            prod = productivity(worker)
            worker.plan_factor = prod * (1.0 - (mentor_share if worker.mentor else 0.0))
            # sickness: continue a spell, or maybe start one
            if worker.sick_days_left <= 0.0:
                hazard = (sick_base * math.exp(sick_slope * (hazard_stress(worker) - 1.0)) * keep_oh)
                if r.random() < hazard:
                    worker.sick_days_left = max(1.0, round(r.expovariate(spell_rate)))
            days = min(WORKING_DAYS_PER_WEEK, worker.sick_days_left)
            worker.sick_days_left -= days
            worker.sick_days_week = days
            self.sick_days_week += days
            worker.avail_factor = worker.plan_factor * (1.0 - days / WORKING_DAYS_PER_WEEK)
        # this week's capacities are set: index the workers so hand-overs need no scan
        m.rebuild_worker_index()
        leave_base, leave_slope = dyn.turnover_year / 52.0, dyn.turnover_stress_slope
        new_factor = dyn.new_staff_leave_factor
        mentee_factor = dyn.mentoring.leave_factor if dyn.mentoring is not None else 1.0
        for worker in m.workers:
            if worker.vacant:
                continue
            if worker.sick_days_week < WORKING_DAYS_PER_WEEK:
                self._update_stress(worker)
            hazard = leave_base * math.exp(leave_slope * (hazard_stress(worker) - 1.0))
            if worker.tenure_weeks < NEW_STAFF_WEEKS:
                hazard *= new_factor
            if worker.mentee:
                hazard *= mentee_factor
            if r.random() < hazard:
                self.leave(worker)

    def hazard_stress(self, worker: SocialWorker) -> float:
        return min(worker.stress if worker.stress is not None else 1.0, self.dyn.stress_cap)

    def productivity(self, worker: SocialWorker) -> float:
        dyn = self.dyn
        ramp = dyn.mentoring.ramp_weeks if worker.mentee else dyn.ramp_weeks
        p0 = dyn.new_staff_productivity
        return min(1.0, p0 + (1.0 - p0) * worker.tenure_weeks / ramp)

    def pressure(self, worker: SocialWorker) -> float:
        """Workload against capacity: caseload against the sustainable one, scaled by the
        direct hours the worker really has this week against a full-time worker's."""
        if worker.caseload == 0:
            return 0.0
        direct = self.model.direct_hours(worker)
        ref = self.ref_direct * worker.hours_share  # a part-timer's normal hours
        ratio = ref / max(direct, 0.25 * ref)
        return worker.caseload / self.dyn.sustainable_caseload * ratio

    def relief(self, worker: SocialWorker) -> float:
        """Share of stress the levers and structures take away."""
        keep = self.keep_structural
        if self.rollout is not None and worker.systemic:
            keep *= 1.0 - self.rollout.stress_relief * self.maturity(worker)
        if worker.mentee:
            keep *= 1.0 - self.dyn.mentoring.stress_relief
        return 1.0 - keep

    def _update_stress(self, worker: SocialWorker) -> None:
        target = self.pressure(worker) * (1.0 - self.relief(worker))
        if worker.stress is None:
            worker.stress = target
        else:
            worker.stress += (target - worker.stress) / self.dyn.stress_weeks

    def _mentoring(self) -> None:
        men = self.dyn.mentoring
        workers = [w for w in self.model.workers if not w.vacant]
        for w in workers:
            w.mentor = False
            w.mentee = men is not None and w.hired_in_run and w.tenure_weeks < men.mentoring_weeks
        if men is None or not any(w.mentee for w in workers):
            return
        seniors = sorted((w for w in workers if not w.mentee),
                         key=lambda w: (-w.experience_years, w.unique_id))
        for w in seniors[: int(men.mentors)]:
            w.mentor = True

    # ------------------------------------------------------------------ leaving and joining
    def leave(self, worker: SocialWorker) -> None:
        """The worker leaves: the post is vacant and the families go to colleagues."""
        m, dyn = self.model, self.dyn
        m.recorder.count("leavers")
        if worker.tenure_weeks < NEW_STAFF_WEEKS:
            m.recorder.count("leavers_new_staff")
        worker.vacant = True
        worker.avail_factor = worker.plan_factor = 0.0
        worker.sick_days_left = 0.0
        worker.mentee = worker.mentor = False
        worker.vacant_until_week = m.week + max(1, round(m.r_workforce.expovariate(
            1.0 / dyn.recruitment_weeks_mean)))
        for family in sorted(worker.families, key=lambda f: f.unique_id):
            self.hand_over(worker, family)

    def hand_over(self, old: SocialWorker, family: Family) -> None:
        m = self.model
        old.release(family)
        new = m.choose_worker(family, unit_of=old)
        new.take(family)
        if m.p.organisation is not None and m.p.organisation.structure == "systemic_unit" \
                and new.unit == old.unit:
            return  # the unit holds the case: the family keeps the people it knows
        self.worker_change(family)

    def worker_change(self, family: Family) -> None:
        m, dyn = self.model, self.dyn
        family.history.worker_changes += 1
        m.recorder.count("worker_changes", family.children)
        family.change_until_week = m.week + round(dyn.change_penalty_weeks)
        if family.stage == Stage.ASSESSMENT and family.due is not None and dyn.change_delay_weeks > 0:
            action, day = family.due
            family.token += 1  # the old end of assessment becomes stale
            m.schedule(family, day + dyn.change_delay_weeks * 7.0, action)

    def hire(self, worker: SocialWorker) -> None:
        """A new worker fills the post: little experience, lower productivity at first."""
        m, dyn = self.model, self.dyn
        worker.vacant = False
        worker.hired_in_run = True
        worker.tenure_weeks = 0.0
        worker.experience_years = m.r_workforce.expovariate(1.0 / max(dyn.new_staff_experience_years, 0.01))
        worker.stress = 0.0
        worker.sick_days_left = 0.0
        worker.avail_factor = worker.plan_factor = dyn.new_staff_productivity
        if self.rollout is not None:
            # a newcomer to a converted team learns on the job: maturity starts again
            worker.systemic = worker.team in self.converted_teams
            worker.systemic_since_week = m.week
        m.recorder.count("hires")
        m.recorder.cost("recruitment", dyn.recruitment_cost_eur)

    # ------------------------------------------------------------------ roll-out
    def _rollout_step(self) -> None:
        ro, m = self.rollout, self.model
        for team, end in sorted(self.training.items()):
            if m.week >= end:
                del self.training[team]
                self.convert(team, since=m.week)
        waiting = [t for t in range(self.n_teams) if t not in self.converted_teams
                   and t not in self.training]
        self.training_credit += ro.trainers * ro.teams_per_trainer_year / 52.0
        while waiting and self.training_credit >= 1.0:
            team = waiting.pop(0)
            self.training[team] = m.week + round(ro.training_weeks)
            self.training_credit -= 1.0
        if not waiting:
            self.training_credit = min(self.training_credit, 1.0)

    # ------------------------------------------------------------------ the weekly record
    def row(self) -> dict[str, float]:
        m = self.model
        in_post = new_staff = early_career = stressed = held = 0
        stress_sum = 0.0
        for w in m.workers:  # one pass over the staff, every week
            held += w.caseload
            if w.vacant:
                continue
            in_post += 1
            tenure = w.tenure_weeks
            new_staff += w.hired_in_run and tenure < NEW_STAFF_SHARE_WEEKS
            early_career += tenure < NEW_STAFF_WEEKS
            if w.stress is not None:
                stress_sum += w.stress
                stressed += 1
        return {
            "staff_posts": float(len(m.workers)),
            "staff_in_post": float(in_post),
            "vacancies": float(len(m.workers) - in_post),
            "new_staff": float(new_staff),
            "early_career": float(early_career),
            "sick_days": self.sick_days_week,
            "stress_mean": float(stress_sum / stressed) if stressed else 0.0,
            "teams_converted": float(len(self.converted_teams)),
            "children_held": float(held),
        }
