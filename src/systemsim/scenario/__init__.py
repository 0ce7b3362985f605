"""Scenario files: a municipality's parameters, each with its source."""

from systemsim.scenario.loader import (
    load_raw,
    load_scenario,
    scenario_from_dict,
    unsourced,
    validate_file,
    with_values,
)
from systemsim.scenario.schema import PLACEMENT_TYPES, Scenario, Sourced, iter_sourced

__all__ = [
    "PLACEMENT_TYPES",
    "Scenario",
    "Sourced",
    "iter_sourced",
    "load_raw",
    "load_scenario",
    "scenario_from_dict",
    "unsourced",
    "validate_file",
    "with_values",
]
