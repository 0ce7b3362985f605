"""The typed, frozen `Scenario`: what a municipality looks like and how it works.

Every number is a `Sourced` value: ``{value: 30, source: "LsL 13 b § (HE 170/2021)"}``. A bare
number is accepted as shorthand but then has no source, and `systemsim validate` lists it.
Unknown keys are refused, so a typo never silently falls back to a default.
Clocks, rates, capacities and unit costs are all data here, so another country's legal frame
is a scenario change, not a code change.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field


class Sourced(BaseModel):
    """A number together with where it comes from (a seed file, a statistic, or an assumption)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    source: str | None = None


def _wrap_bare(raw: Any) -> Any:
    if isinstance(raw, bool):
        raise ValueError("expected a number, got true/false")
    if isinstance(raw, int | float):
        return {"value": raw}
    return raw


def _range(ge: float | None = None, le: float | None = None, integer: bool = False):
    def check(p: Sourced) -> Sourced:
        v = p.value
        if integer and v != int(v):
            raise ValueError(f"must be a whole number, got {v}")
        if ge is not None and v < ge:
            raise ValueError(f"must be at least {ge:g}, got {v:g}")
        if le is not None and v > le:
            raise ValueError(f"must be at most {le:g}, got {v:g}")
        return p

    return check


def num(ge: float | None = 0, le: float | None = None, integer: bool = False) -> Any:
    """A `Sourced` number type with an allowed range, accepting bare numbers as shorthand."""
    return Annotated[
        Sourced, BeforeValidator(_wrap_bare), AfterValidator(_range(ge, le, integer))
    ]


Share = num(0, 1)
Count = num(0, None, integer=True)
Positive = num(0)
Weeks = num(0.1, 520)


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Population(Section):
    inhabitants: Count
    children: Count = Field(description="children aged 0-17 living in the area")
    children_per_family_mean: num(1, 6)


class Demand(Section):
    concerns_per_1000_children_year: Positive = Field(
        description="new concerns about children not already in contact, reaching any service"
    )
    severity_low_share: Share
    severity_high_share: Share
    notifications_per_client_year: Positive = Field(
        description="further notifications about a child already in contact with services"
    )
    re_notification_share: Share = Field(description="closed families who come back")
    re_notification_weeks_mean: Weeks
    escalation_on_return_share: Share = Field(
        description="families who come back after poorly supported work whose need has become more severe"
    )


class BasicServices(Section):
    early_support_places: Count = Field(description="families basic services can support at once")
    early_support_weeks_mean: Weeks
    route_low_share: Share = Field(description="low-severity concerns met in basic services")
    route_moderate_share: Share
    resolved_share: Share = Field(description="early-support episodes that end without a notification")
    cost_per_place_year_eur: Positive


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
    cost_per_worker_year_eur: Positive


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
    weight: Positive = Field(description="relative chance of this type before family factors")
    day_cost_eur: Positive


class Placements(Section):
    kinship: PlacementType
    foster: PlacementType
    professional: PlacementType
    institution: PlacementType
    network_kinship_boost: num(0, 20) = Field(
        description="how much a strong close network raises the chance of a kinship placement"
    )


class Costs(Section):
    open_care_per_client_week_eur: Positive
    assessment_eur: Positive
    aftercare_per_client_week_eur: Positive


class Initial(Section):
    """Families already in each stage when the simulation starts (counted in children)."""

    children_in_assessment: Count
    children_in_open_care: Count
    children_in_care: Count
    children_in_aftercare: Count


PLACEMENT_TYPES = ("kinship", "foster", "professional", "institution")


class Scenario(Section):
    """A whole municipality: population, demand, services, workforce, practice and costs."""

    kind: Literal["scenario"] = "scenario"
    name: str
    description: str = ""
    country: Literal["FI", "SE"] = "FI"
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


def iter_sourced(model: BaseModel, prefix: str = ""):
    """Yield ``(dotted.path, Sourced)`` for every number in a scenario."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        path = f"{prefix}{name}"
        if isinstance(value, Sourced):
            yield path, value
        elif isinstance(value, BaseModel):
            yield from iter_sourced(value, path + ".")
