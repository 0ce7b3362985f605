"""The optional sections a reform adds: workforce dynamics and mentoring, how the work is
organised (systemic units, intake rotation), school absence, a support model and a roll-out.

Why a module of their own: each is absent from a scenario that does not have the reform, and
the core model then behaves as it always has.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from systemsim.scenario.numbers import (
    Count,
    People,
    Section,
    Share,
    Sourced,
    Weeks,
    YearEuros,
    num,
)


class Mentoring(Section):
    """Senior mentors for new staff (Mölndal: two seniors at 50 % for a new worker's first two years)."""

    mentors: People = Field(description="experienced workers who mentor new staff")
    mentor_share: Share = Field(description="share of a mentor's hours that goes to mentoring")
    mentoring_weeks: Weeks = Field(description="how long a new worker counts as a mentee")
    ramp_weeks: Weeks = Field(description="weeks a mentored new worker takes to reach full productivity")
    leave_factor: num(0, 5) = Field(description="multiplies a mentee's leaving hazard")
    stress_relief: Share = Field(description="share of a mentee's stress that mentoring takes away")


class WorkforceDynamics(Section):
    """Munro's reinforcing loop: workload -> stress -> sick leave -> turnover -> vacancies -> workload.

    Absent from a scenario: a fixed, always-present workforce (the core model's behaviour).
    """

    sustainable_caseload: num(1, 200) = Field(
        description="children per worker at which workload matches capacity (stress 1)"
    )
    stress_weeks: num(1, 104) = Field(description="weeks over which stress follows workload")
    sick_days_year: num(0, 100) = Field(description="sick-leave days per worker-year at stress 1")
    sick_spell_days_mean: num(1, 100) = Field(description="mean length of a sick-leave spell (working days)")
    sick_stress_slope: num(0, 5) = Field(
        description="log-increase of the sick-leave hazard per unit of stress"
    )
    turnover_year: Share = Field(description="share of workers leaving a year at stress 1")
    turnover_stress_slope: num(0, 5)
    new_staff_leave_factor: num(0, 10) = Field(
        description="multiplies the leaving hazard of workers in their first two years"
    )
    recruitment_weeks_mean: Weeks = Field(description="mean weeks a vacant post stays empty")
    new_staff_productivity: Share = Field(description="productivity of a new worker in the first week")
    ramp_weeks: Weeks = Field(description="weeks a new worker takes to reach full productivity")
    new_staff_experience_years: num(0, 40) = Field(description="mean experience of a new hire")
    change_quality_penalty: Share = Field(
        description="share of relationship quality lost for a while after a change of worker"
    )
    change_penalty_weeks: Weeks
    change_delay_weeks: num(0, 52) = Field(description="weeks an assessment is delayed by a change of worker")
    recruitment_cost_eur: YearEuros = Field(description="cost of recruiting and inducting one worker")
    manager_support: Share = Field(
        default_factory=lambda: Sourced(value=0.0, source="default: no extra lever"),
        description="share of stress that manager closeness and recovery time take away",
    )
    occupational_health: Share = Field(
        default_factory=lambda: Sourced(value=0.0, source="default: no extra lever"),
        description="share of the sick-leave hazard removed by occupational-health work on stress"
        " and threats",
    )
    stress_cap: num(1, 10) = Field(
        default_factory=lambda: Sourced(
            value=1.3,
            source="assumption: above 1.3 times the sustainable workload sick leave and leaving rise no"
            " further (Talentia: turnover 0-70 % a year between organisations)",
        ),
        description="stress above which the sick-leave and leaving hazards rise no further",
    )
    mentoring: Mentoring | None = None


class SystemicUnit(Section):
    """Hackney / THL systemic unit: a consultant SW, SWs, a clinician and a coordinator share cases."""

    case_holders: num(1, 20, integer=True) = Field(
        description="social workers in a unit who hold cases (consultant SW and SWs)"
    )
    support_staff: num(0, 10) = Field(description="clinician, child practitioner, coordinator per unit")
    support_staff_cost_year_eur: YearEuros
    coordinator_direct_share_gain: Share = Field(
        description="share of hours moved from admin to direct work because the coordinator does the admin"
    )
    stress_relief: Share = Field(description="share of stress taken away by shared cases and reflection")
    kinship_search_boost: num(0, 10) = Field(
        description="how much more likely a kinship placement is because the unit's therapist and"
        " weekly meeting search the close network first (kinship weight x (1 + boost))"
    )


class IntakeRotation(Section):
    """Mölndal: teams take new investigations in turn; a reception group does the first contacts."""

    teams: num(1, 20, integer=True)
    duty_weeks: num(1, 12, integer=True) = Field(description="weeks a team is on intake duty at a time")
    reception_staff: num(0, 50) = Field(description="workers in the reception group")
    reception_intake_share: Share = Field(
        description="share of the reception group's hours that goes to first contacts and decisions"
    )
    reception_cost_year_eur: YearEuros
    fixed_meetings_hours_week: num(0, 10) = Field(
        description="hours a week each worker spends in fixed meetings with other services"
    )
    fixed_meetings_wait_share: Share = Field(
        description="share of an assessment's minimum waiting time left when meetings are fixed"
    )


class Organisation(Section):
    """How the work is organised. Absent: individual allocation (the core model)."""

    structure: Literal["individual", "systemic_unit", "intake_rotation"] = "individual"
    unit: SystemicUnit | None = None
    rotation: IntakeRotation | None = None

    @model_validator(mode="after")
    def _needs_its_settings(self) -> Organisation:
        if self.structure == "systemic_unit" and self.unit is None:
            raise ValueError("structure systemic_unit needs a unit: section")
        if self.structure == "intake_rotation" and self.rotation is None:
            raise ValueError("structure intake_rotation needs a rotation: section")
        return self


class SchoolAbsence(Section):
    """Ostrobothnia: absence-hour thresholds start a response in school and basic services first."""

    threshold_hours: num(1, 500) = Field(description="absence hours at which school and basic services act")
    absence_hours_week: num(0.1, 40) = Field(description="absence hours a week of a child at risk")
    response_places: Count = Field(description="families school and basic services can respond to at once")
    response_weeks_mean: Weeks
    resolved_share_early: Share = Field(description="responses that resolve the worry when started at once")
    resolve_halving_weeks: Weeks = Field(
        description="weeks of absence before the response after which its chance has halved"
    )


class SupportModel(Section):
    """Ostrobothnia: intensified support first, then a lighter support model for the rest of open care."""

    intensive_weeks: Weeks
    light_time_weight: Share = Field(
        description="worker time a family in lighter support takes, against intensified support"
    )


class Rollout(Section):
    """A regional roll-out of systemic practice, limited by trainer capacity (Pohjois-Pohjanmaa)."""

    team_size: num(1, 30, integer=True) = Field(description="social workers per team that trains together")
    teams_converted_initial: People = Field(description="teams working systemically at the start")
    trainers: People
    teams_per_trainer_year: num(0, 5) = Field(description="teams one trainer can help train in a year")
    training_weeks: Weeks = Field(description="weeks from the start of a team's training to systemic work")
    maturity_weeks: Weeks = Field(description="weeks after training before the full effect")
    stress_relief: Share = Field(description="share of stress a mature systemic team takes away")
