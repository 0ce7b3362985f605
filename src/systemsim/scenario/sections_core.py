"""The sections every scenario has: population, demand, services, law, workforce, practice,
the pathway, placements, costs and the families already in care at the start.

Why a module of their own: they are the core model's parameters; the optional reform sections
are in `sections_reforms` and the behavioural coefficients in `sections_behaviour`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from systemsim.scenario.numbers import (
    Count,
    DayEuros,
    Section,
    Share,
    WeekEuros,
    Weeks,
    YearEuros,
    num,
)


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
    reach_reference_places_per_1000_children: num(0.000001, 100_000) | None = Field(
        default=None,
        description="early-support places per 1,000 children at which route_low_share and"
        " route_moderate_share hold; more or fewer places per child scale them by"
        " behaviour.early_support_reach_elasticity (absent: this file's own places per 1,000"
        " children)")


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
