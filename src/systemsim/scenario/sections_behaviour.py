"""The model's behavioural coefficients (`Behaviour`) and the shapes they are written in.

Why a module of their own: these are the numbers a sensitivity analysis varies and a
calibration estimates, each with its source and allowed range like any other.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from systemsim.scenario.numbers import Section, Share, Sourced, num


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
        " places per child: route share x (places per 1,000 children /"
        " basic_services.reach_reference_places_per_1000_children) ** elasticity"
        " (0: not at all, 1: in proportion)")
    early_support_route_low_max: Share = Field(
        default_factory=lambda: Sourced(value=1.0, source="default: no ceiling"),
        description="the highest share of light concerns more places can bring to basic services")
    early_support_route_moderate_max: Share = Field(
        default_factory=lambda: Sourced(value=1.0, source="default: no ceiling"),
        description="the highest share of moderate concerns more places can bring to basic services")
    time_weight: TimeWeights
    families: FamilyMix
