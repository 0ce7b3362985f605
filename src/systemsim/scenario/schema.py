"""The typed, frozen `Scenario`: what a municipality looks like and how it works.

Every number is a `Sourced` value: ``{value: 30, source: "LsL 13 b § (HE 170/2021)"}``. A bare
number is accepted as shorthand but then has no source, and `systemsim validate` lists it.
Unknown keys are refused, so a typo never silently falls back to a default.
Clocks, rates, capacities and unit costs are all data here, so another country's legal frame
is a scenario change, not a code change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator


class Prior(BaseModel):
    """What we believe about a calibrated number before seeing the targets (range and shape).

    Why here: an assumption that calibration estimates must say how unsure it is, in the same
    file as the number, so `systemsim validate` can list it and `systemsim calibrate` can use it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    low: float
    high: float
    shape: Literal["uniform", "loguniform", "triangular"] = "uniform"
    mode: float | None = Field(default=None, description="the most likely value (triangular only)")

    @model_validator(mode="after")
    def _sane(self) -> Prior:
        if not (math.isfinite(self.low) and math.isfinite(self.high)) or not self.low < self.high:
            raise ValueError(f"prior: low ({self.low:g}) must be below high ({self.high:g})")
        if self.shape == "loguniform" and self.low <= 0:
            raise ValueError("prior: a loguniform prior needs low above 0")
        if self.shape == "triangular":
            if self.mode is None or not self.low <= self.mode <= self.high:
                raise ValueError("prior: a triangular prior needs a mode between low and high")
        elif self.mode is not None:
            raise ValueError(f"prior: mode is only for shape triangular, not {self.shape}")
        return self


class Sourced(BaseModel):
    """A number together with where it comes from (a seed file, a statistic, or an assumption)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float = Field(allow_inf_nan=False)
    source: str | None = None
    prior: Prior | None = None

    @model_validator(mode="after")
    def _value_in_prior(self) -> Sourced:
        p = self.prior
        if p is not None and not p.low <= self.value <= p.high:
            raise ValueError(f"prior: value {self.value:g} lies outside its prior {p.low:g}..{p.high:g}")
        return self


#: the ceiling of a number without its own upper bound: never a plausible count, rate or cost
MAX_NUMBER = 1e9


def _not_a_number(raw: Any) -> str:
    if isinstance(raw, bool):
        return "expected a number, got true/false"
    text = " ".join(str(raw).split())[:20]
    return f"expected a number, got the text {text!r} (write it without quotes)"


def _wrap_bare(raw: Any) -> Any:
    if isinstance(raw, bool | str):
        raise ValueError(_not_a_number(raw))
    if isinstance(raw, int | float):
        return {"value": raw}
    if isinstance(raw, dict) and isinstance(raw.get("value"), bool | str):
        raise ValueError(_not_a_number(raw["value"]))
    return raw


def _fmt(x: float) -> str:
    """1e12 as 1,000,000,000,000 and 0.25 as 0.25: how a user wrote it, not 1e+12."""
    return f"{int(x):,}" if float(x).is_integer() and abs(x) < 1e18 else f"{x:g}"


def _range(ge: float | None = None, le: float | None = None, integer: bool = False):
    le = MAX_NUMBER if le is None else le

    def check(p: Sourced) -> Sourced:
        v = p.value
        if integer and v != int(v):
            raise ValueError(f"must be a whole number, got {v}")
        if ge is not None and v < ge:
            raise ValueError(f"must be at least {_fmt(ge)}, got {_fmt(v)}")
        if le is not None and v > le:
            raise ValueError(f"must be at most {_fmt(le)}, got {_fmt(v)}")
        return p

    return check


@dataclass(frozen=True)
class Bounds:
    """A field's allowed range, kept on the field so the what-if levers are built from it."""

    ge: float | None
    le: float | None
    integer: bool


def num(ge: float | None = 0, le: float | None = None, integer: bool = False) -> Any:
    """A `Sourced` number type with an allowed range, accepting bare numbers as shorthand."""
    return Annotated[
        Sourced, BeforeValidator(_wrap_bare), AfterValidator(_range(ge, le, integer)),
        Bounds(ge, le, integer),
    ]


Share = num(0, 1)
Count = num(0, None, integer=True)
Positive = num(0)
#: plausible ceilings for money (euros) and for small counts of people: a typo such as an extra
#: three zeros is refused with the field and the range, not simulated
YearEuros = num(0, 300_000)  # a year of one person's work
DayEuros = num(0, 3_000)  # a day of a placement
WeekEuros = num(0, 5_000)  # a week of support for one client
People = num(0, 1_000, integer=True)  # mentors, trainers, teams
Weeks = num(0.1, 520)


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Population(Section):
    inhabitants: num(1, 12_000_000, integer=True) = Field(
        description="people living in the area (the bound is above Sweden's 10.6 million)")
    children: num(0, 3_000_000, integer=True) = Field(
        description="children aged 0-17 living in the area (Sweden has 2.2 million)")
    children_per_family_mean: num(1, 6)


class Demand(Section):
    concerns_per_1000_children_year: num(0, 500) = Field(
        description="new concerns about children not already in contact, reaching any service"
    )
    severity_low_share: Share
    severity_high_share: Share
    notifications_per_client_year: num(0, 52) = Field(
        description="further notifications about a child already in contact with services"
    )
    re_notification_share: Share = Field(description="closed families who come back")
    re_notification_weeks_mean: Weeks
    escalation_on_return_share: Share = Field(
        description="families who come back after poorly supported work whose need has become more severe"
    )


class BasicServices(Section):
    # at most 100,000: a typo guard, more families than a wellbeing services county has in care
    early_support_places: num(0, 100_000, integer=True) = Field(
        description="families basic services can support at once")
    early_support_weeks_mean: Weeks
    route_low_share: Share = Field(description="low-severity concerns met in basic services")
    route_moderate_share: Share
    resolved_share: Share = Field(description="early-support episodes that end without a notification")
    cost_per_place_year_eur: YearEuros
    reach_reference_places: num(1, 100_000, integer=True) | None = Field(
        default=None,
        description="early-support places at which route_low_share and route_moderate_share hold;"
        " more or fewer places scale them by behaviour.early_support_reach_elasticity (absent:"
        " this file's own early_support_places)")

    @model_validator(mode="before")
    @classmethod
    def _reference_is_own_places(cls, data: Any) -> Any:
        """Absent: the route shares hold at the file's own places, so a file written before the
        reach assumption runs as it did, and a what-if on the places still scales them."""
        if isinstance(data, dict) and "reach_reference_places" not in data:
            own = data.get("early_support_places")
            value = own.get("value") if isinstance(own, dict) else own
            if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                return {**data, "reach_reference_places": {
                    "value": max(value, 1), "source": "default: this file's own early_support_places"}}
        return data


class Legal(Section):
    decision_limit_days: num(1, 60)
    decision_limit_unit: Literal["working_days", "calendar_days"] = "working_days"
    assessment_limit_days: num(7, 365)
    caseload_cap: num(1, 200)


class Workforce(Section):
    social_workers: num(0.5, 5000)
    hours_per_week: num(10, 60)
    direct_share: Share = Field(description="share of hours spent directly with families")
    intake_share: Share = Field(description="share of hours for new notifications and decisions")
    hours_per_decision: num(0.1, 40)
    assessment_hours: num(1, 200) = Field(description="direct hours an assessment needs")
    assessment_min_weeks: Weeks
    cost_per_worker_year_eur: YearEuros
    team_size: num(1, 50) | None = Field(
        default=None,
        description="responsible social workers per team; each team has its own intake queue and"
        " caseloads (absent: one team for all)")


class Practice(Section):
    way_of_working: Literal["individual", "systemic"] = "individual"
    relationship_half_hours: num(0.05, 20) = Field(
        description="weekly direct hours per family at which relationship quality is half way"
    )
    systemic_meeting_hours_week: num(0, 20)
    systemic_network_boost: num(0, 5)


class Pathway(Section):
    decide_assess_share: Share
    assess_to_client_share: Share
    urgent_placement_high_share: Share = Field(
        description="high-severity notifications that need an emergency placement at once"
    )
    open_care_weeks_mean: Weeks
    open_care_placement_share: Share = Field(
        description="open-care episodes that end in a placement when the worker has no time"
    )
    quality_protects: Share = Field(description="how much relationship quality prevents placement")
    network_protects: Share = Field(description="how much a strong close network prevents placement")
    emergency_to_care_order_share: Share
    emergency_weeks_mean: Weeks
    placement_weeks_mean: Weeks
    quality_speeds_reunification: num(0, 5)
    aftercare_share: Share
    aftercare_weeks_mean: Weeks


class PlacementType(Section):
    weight: num(0, 100) = Field(description="relative chance of this type before family factors")
    day_cost_eur: DayEuros


class Placements(Section):
    kinship: PlacementType
    foster: PlacementType
    professional: PlacementType
    institution: PlacementType
    network_kinship_boost: num(0, 20) = Field(
        description="how much a strong close network raises the chance of a kinship placement"
    )


class Costs(Section):
    open_care_per_client_week_eur: WeekEuros
    assessment_eur: num(0, 50_000)
    aftercare_per_client_week_eur: WeekEuros


class Initial(Section):
    """Families already in each stage when the simulation starts (counted in children)."""

    children_in_assessment: Count
    children_in_open_care: Count
    children_in_care: Count
    children_in_aftercare: Count
    families_to_return: Count | None = Field(
        default=None,
        description="families closed before the start who will be notified again (absent: estimated"
        " from the re-notification rate; `systemsim steady-state` measures it)")
    vacant_share: Share | None = Field(
        default=None, description="share of posts vacant at the start (with workforce dynamics; absent:"
        " from the base turnover rate and the recruitment lag)")
    early_career_share: Share | None = Field(
        default=None, description="share of workers in post in their first two years at the start"
        " (absent: from the base turnover rate)")


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


class BySeverity(Section):
    """A factor for low-, moderate- and high-severity families (moderate is the reference)."""

    low: num(0, 10)
    moderate: num(0, 10)
    high: num(0, 10)


class Line(Section):
    """A multiplier ``at_zero + slope * x`` for x in 0..1 (relationship quality, engagement or
    close network): ``at_zero`` with none of it, ``at_zero + slope`` at best. It stays positive."""

    at_zero: num(0, 5)
    slope: num(-5, 5)

    @model_validator(mode="after")
    def _positive(self) -> Line:
        if self.at_zero.value + min(self.slope.value, 0.0) <= 0:
            raise ValueError(f"at_zero + slope must stay above 0 (got {self.at_zero.value:g} and"
                             f" {self.slope.value:g})")
        return self


class TimeWeights(Section):
    """How much of a worker's direct time a family takes in each stage (open care = 1)."""

    assessment: num(0, 5)
    open_care: num(0, 5)
    emergency: num(0, 5)
    care: num(0, 5)


class FamilyMix(Section):
    """How new families differ: risks by severity and the spread of network and engagement
    (Beta distributions; mean a / (a + b))."""

    risk_by_severity: BySeverity = Field(
        description="chance of each of the four risks (school absence, substance use, mental health,"
        " violence) for a low/moderate/high-severity family")
    network_beta_a: num(0.1, 50)
    network_beta_b: num(0.1, 50)
    engagement_beta_a: num(0.1, 50)
    engagement_beta_b: num(0.1, 50)

    @model_validator(mode="after")
    def _risks_are_shares(self) -> FamilyMix:
        for name in ("low", "moderate", "high"):
            if getattr(self.risk_by_severity, name).value > 1:
                raise ValueError(f"risk_by_severity.{name} is a chance: at most 1")
        return self


class Behaviour(Section):
    """The model's behavioural coefficients: how need, time, network and engagement change each
    transition. Data, not code, so each has a source or is marked as an assumption, has an
    allowed range, and can be varied in a sensitivity analysis or calibrated."""

    assess_by_severity: BySeverity = Field(description="multiplies the chance a notification is assessed")
    client_by_severity: BySeverity = Field(
        description="multiplies the chance an assessment opens a client relationship")
    placement_by_severity: BySeverity = Field(
        description="multiplies the chance open care ends in a placement")
    open_care_length: Line = Field(
        description="multiplies the mean length of open care by relationship quality")
    return_chance: Line = Field(
        description="multiplies the chance a closed family is notified again by the quality at closing")
    placement_engagement: Line = Field(
        description="multiplies the placement risk by the family's engagement")
    older_child_age: num(0, 17, integer=True) = Field(
        description="age from which the oldest child counts as a teenager for placement choice")
    foster_older_factor: num(0, 10)
    institution_older_factor: num(0, 10)
    institution_younger_factor: num(0, 10)
    institution_high_severity_factor: num(0, 10)
    aftercare_min_age: num(0, 17, integer=True)
    early_resolve_network: Line = Field(
        description="multiplies the chance early support resolves the worry by the close network")
    early_resolve_per_risk: num(0, 0.25) = Field(
        description="lowers the chance early support resolves the worry, per risk the family has")
    escalation_while_waiting_year: num(0, 10) = Field(
        description="yearly hazard that a family's need becomes more serious while its notification"
        " waits past the decision deadline")
    early_support_reach_elasticity: num(0, 1.5) = Field(
        default_factory=lambda: Sourced(
            value=0.0, source="default: the share of concerns met in basic services does not"
            " follow the number of early-support places"),
        description="how the share of concerns met in basic services follows the early-support"
        " places: route share x (places / basic_services.reach_reference_places) ** elasticity"
        " (0: not at all, 1: in proportion)")
    early_support_route_low_max: Share = Field(
        default_factory=lambda: Sourced(value=1.0, source="default: no ceiling"),
        description="the highest share of light concerns more places can bring to basic services")
    early_support_route_moderate_max: Share = Field(
        default_factory=lambda: Sourced(value=1.0, source="default: no ceiling"),
        description="the highest share of moderate concerns more places can bring to basic services")
    time_weight: TimeWeights
    families: FamilyMix


PLACEMENT_TYPES = ("kinship", "foster", "professional", "institution")
#: each country's currency, and the caseload cap its law sets: Finland 30 children per
#: responsible social worker from 1.1.2024 (LsL 13 b §, DOMAIN.md §1.2); Sweden has none
COUNTRY_CURRENCY = {"FI": "EUR", "SE": "SEK"}
STATUTORY_CASELOAD_CAP: dict[str, float | None] = {"FI": 30.0, "SE": None}


class Scenario(Section):
    """A whole municipality: population, demand, services, workforce, practice and costs."""

    kind: Literal["scenario"] = "scenario"
    name: str
    description: str = ""
    country: Literal["FI", "SE"] = "FI"
    #: the currency a reader sees (default: the country's); costs below are written in
    #: `costs_in`, converted for display with `sek_per_eur` when the two differ
    currency: Literal["EUR", "SEK"] | None = None
    costs_in: Literal["EUR", "SEK"] = "EUR"
    sek_per_eur: num(1, 100) | None = None
    population: Population
    demand: Demand
    basic_services: BasicServices
    legal: Legal
    workforce: Workforce
    practice: Practice
    pathway: Pathway
    placements: Placements
    costs: Costs
    initial: Initial
    behaviour: Behaviour
    workforce_dynamics: WorkforceDynamics | None = None
    organisation: Organisation | None = None
    school_absence: SchoolAbsence | None = None
    support_model: SupportModel | None = None
    rollout: Rollout | None = None

    @model_validator(mode="after")
    def _conversion_is_sourced(self) -> Scenario:
        if self.display_currency != self.costs_in and self.sek_per_eur is None:
            raise ValueError(f"costs are in {self.costs_in} but shown in "
                             f"{self.display_currency}: give sek_per_eur (with its source)")
        return self

    @property
    def display_currency(self) -> str:
        """EUR for Finland, SEK for Sweden, unless the file says otherwise."""
        return self.currency or COUNTRY_CURRENCY[self.country]

    def money_factor(self, currency: str | None = None) -> float:
        """What one unit of the file's costs is in `currency` (default: the display currency)."""
        to = currency or self.display_currency
        if to == self.costs_in:
            return 1.0
        assert self.sek_per_eur is not None  # checked when the scenario is read
        rate = self.sek_per_eur.value
        return rate if (self.costs_in, to) == ("EUR", "SEK") else 1.0 / rate

    @property
    def statutory_caseload_cap(self) -> float | None:
        """The caseload cap the country's law sets (Finland 30, LsL 13 b §; Sweden none)."""
        return STATUTORY_CASELOAD_CAP[self.country]


def iter_sourced(model: BaseModel, prefix: str = ""):
    """Yield ``(dotted.path, Sourced)`` for every number in a scenario."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}{name}"
        if isinstance(value, Sourced):
            yield path, value
        elif isinstance(value, BaseModel):
            yield from iter_sourced(value, path + ".")


def assumptions(scenario: Scenario) -> list[tuple[str, float, str]]:
    """``(dotted.path, value, source)`` of every number whose source says it is an assumption or
    a default: what a reviewer should question first, and what a calibration can vary."""
    out = []
    for path, p in iter_sourced(scenario):
        source = (p.source or "").strip()
        if source.lower().startswith(("assumption", "default")):
            out.append((path, p.value, source))
    return out
