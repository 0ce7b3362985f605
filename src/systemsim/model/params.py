"""Plain numbers for the model's hot loop, taken from a validated `Scenario` once per run."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel

from systemsim.scenario.schema import Sourced


def plain(model: BaseModel) -> Any:
    """A nested namespace of plain values: ``p.workforce.social_workers`` is a float."""
    out = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Sourced):
            out[name] = value.value
        elif isinstance(value, BaseModel):
            out[name] = plain(value)
        else:
            out[name] = value
    return SimpleNamespace(**out)
