"""Benchmark workloads: the typical municipality, a county and Finland, built from one scenario.

A county is the typical municipality (25,000 inhabitants, 5,250 children) with population,
social workers, basic-service places and initial stocks all scaled by 16 (400,000
inhabitants, 84,000 children); Finland is the same scaled by 200 (5 M inhabitants, 1.05 M
children). Rates, shares and unit costs stay as they are, so every workload is the same
municipality at a different size.
"""

from __future__ import annotations

from pathlib import Path

from systemsim.scenario import Scenario, load_scenario, with_values

ROOT = Path(__file__).resolve().parents[1]
TYPICAL = ROOT / "scenarios" / "finland_typical.yaml"

SCALED = (
    "population.inhabitants",
    "population.children",
    "workforce.social_workers",
    "basic_services.early_support_places",
    "initial.children_in_assessment",
    "initial.children_in_open_care",
    "initial.children_in_care",
    "initial.children_in_aftercare",
)

FACTORS = {"municipality": 1, "county": 16, "finland": 200}


def scaled(scenario: Scenario, factor: float) -> Scenario:
    """The scenario with its size (not its rates) multiplied by `factor`."""
    if factor == 1:
        return scenario
    changes = {}
    for path in SCALED:
        section, name = path.split(".")
        changes[path] = round(getattr(getattr(scenario, section), name).value * factor)
    return with_values(scenario, changes)


def workload(name: str) -> Scenario:
    return scaled(load_scenario(TYPICAL), FACTORS[name])
