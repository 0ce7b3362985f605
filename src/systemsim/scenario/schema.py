"""The typed, frozen `Scenario`: what a municipality looks like and how it works.

Every number is a `Sourced` value: ``{value: 30, source: "LsL 13 b § (HE 170/2021)"}``. A bare
number is accepted as shorthand but then has no source, and `systemsim validate` lists it.
Unknown keys are refused, so a typo never silently falls back to a default.
Clocks, rates, capacities and unit costs are all data here, so another country's legal frame
is a scenario change, not a code change.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, model_validator

from systemsim.scenario.numbers import (
    MAX_NUMBER,
    Bounds,
    Count,
    DayEuros,
    People,
    Positive,
    Prior,
    Section,
    Share,
    Sourced,
    WeekEuros,
    Weeks,
    YearEuros,
    num,
)
from systemsim.scenario.sections_behaviour import (
    Behaviour,
    BySeverity,
    FamilyMix,
    Line,
    TimeWeights,
)
from systemsim.scenario.sections_core import (
    BasicServices,
    Costs,
    Demand,
    Initial,
    Legal,
    Pathway,
    Placements,
    PlacementType,
    Population,
    Practice,
    Workforce,
)
from systemsim.scenario.sections_reforms import (
    IntakeRotation,
    Mentoring,
    Organisation,
    Rollout,
    SchoolAbsence,
    SupportModel,
    SystemicUnit,
    WorkforceDynamics,
)

__all__ = [
    "COUNTRY_CURRENCY", "MAX_NUMBER", "PLACEMENT_TYPES", "STATUTORY_CASELOAD_CAP",
    "BasicServices", "Behaviour", "Bounds", "BySeverity", "Costs", "Count", "DayEuros",
    "Demand", "FamilyMix", "Initial", "IntakeRotation", "Legal", "Line", "Mentoring",
    "Organisation", "Pathway", "People", "PlacementType", "Placements", "Population",
    "Positive", "Practice", "Prior", "Rollout", "Scenario", "SchoolAbsence", "Section", "Share",
    "Sourced", "SupportModel", "SystemicUnit", "TimeWeights", "WeekEuros", "Weeks", "Workforce",
    "WorkforceDynamics", "YearEuros", "assumptions", "iter_sourced", "num",
]


PLACEMENT_TYPES = ("kinship", "foster", "professional", "institution")
#: each country's currency, and the caseload cap its law sets: Finland 30 children per
#: responsible social worker from 1.1.2024 (LsL 13 b §, DOMAIN.md §1.2); Sweden has none
COUNTRY_CURRENCY = {"FI": "EUR", "SE": "SEK"}
STATUTORY_CASELOAD_CAP: dict[str, float | None] = {"FI": 30.0, "SE": None}


def _number(entry: Any) -> float | None:
    """The number in a file's `{value: ...}` entry (or a bare number), else None."""
    value = entry.get("value") if isinstance(entry, dict) else entry
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


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

    @model_validator(mode="before")
    @classmethod
    def _reach_reference_is_own_places(cls, data: Any) -> Any:
        """Absent: the route shares hold at the file's own early-support places per 1,000
        children, so a file written before the reach assumption runs as it did, a what-if on
        the places scales them, and a city with the same places per child does not."""
        if not isinstance(data, dict):
            return data
        services, population = data.get("basic_services"), data.get("population")
        if not isinstance(services, dict) or not isinstance(population, dict) \
                or "reach_reference_places_per_1000_children" in services:
            return data
        places, children = (_number(services.get("early_support_places")),
                            _number(population.get("children")))
        if places is None or children is None or places <= 0 or children <= 0:
            return data
        default = {"value": places / children * 1000,
                   "source": "default: this file's own early-support places per 1,000 children"}
        return {**data, "basic_services": {
            **services, "reach_reference_places_per_1000_children": default}}

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
