"""Calibration targets as data: what the model should reproduce, how sure we are, and who says so.

A target file (`scenarios/targets/*.yaml`, ``kind: targets``) lists KPIs the model outputs, or
ratios of them (per child, per notified child, ...), the simulated years they apply to, the
observed value, its observation uncertainty (one standard deviation) and the source. Files with
``purpose: validation`` hold the seed stories: they are predicted, never calibrated on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from systemsim.errors import InputError
from systemsim.experiment.kpis import YEARLY_KPI_NAMES
from systemsim.yamlio import read_yaml

#: every KPI name a replication's yearly table has (tests check this against a real run)
KPI_NAMES: frozenset[str] = YEARLY_KPI_NAMES
#: a denominator that is not a KPI: the scenario's number of children (population.children)
PER_CHILDREN = "children"


class Target(BaseModel):
    """One observed figure: sum(kpi) / per, averaged over `years`, is `value` ± `sd`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kpi: list[str] = Field(min_length=1, description="KPI, or KPIs added up, of the numerator")
    per: str | None = Field(default=None, description="a KPI, or 'children', to divide by")
    years: list[int] | None = Field(default=None, description="simulated years (default: the file's)")
    value: float | None = None
    sd: float | None = Field(default=None, gt=0, description="observation uncertainty: one sd")
    source: str = Field(min_length=3)
    scenario: str | None = Field(default=None, description="validation only: the scenario file")
    baseline: str | None = Field(default=None, description="validation only: the scenario before")
    direction: Literal["lower", "higher"] | None = Field(
        default=None, description="validation only: the story reports a change, not a number")
    note: str = ""

    @field_validator("kpi", mode="before")
    @classmethod
    def _one_or_many(cls, raw: Any) -> Any:
        return [raw] if isinstance(raw, str) else raw

    @field_validator("kpi")
    @classmethod
    def _known(cls, names: list[str]) -> list[str]:
        for n in names:
            if n not in KPI_NAMES:
                raise ValueError(f"unknown KPI {n!r}; allowed: {', '.join(sorted(KPI_NAMES))}")
        return names

    @field_validator("per")
    @classmethod
    def _known_per(cls, name: str | None) -> str | None:
        if name is not None and name != PER_CHILDREN and name not in KPI_NAMES:
            raise ValueError(f"unknown denominator {name!r}; allowed: {PER_CHILDREN!r} or a KPI name")
        return name

    @field_validator("years")
    @classmethod
    def _positive(cls, years: list[int] | None) -> list[int] | None:
        if years is not None and (not years or min(years) < 1):
            raise ValueError("years must list simulated years 1, 2, ...")
        return years

    @field_validator("value", "sd")
    @classmethod
    def _finite(cls, x: float | None) -> float | None:
        if x is not None and not np.isfinite(x):
            raise ValueError("must be a finite number")
        return x

    @model_validator(mode="after")
    def _number_or_direction(self) -> Target:
        if self.direction is None and (self.value is None or self.sd is None):
            missing = "value" if self.value is None else "sd"
            raise ValueError(f"{missing}: required (or give a direction and a baseline)")
        if self.direction is not None and self.baseline is None:
            raise ValueError("baseline: a direction needs the scenario it is compared with")
        return self


class TargetFile(BaseModel):
    """A whole target file: national statistics of a country, or the seed stories to predict."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["targets"] = "targets"
    name: str
    #: what a leader reads the model was calibrated against, in words, by language
    title: dict[Literal["fi", "sv", "en"], str] = Field(default_factory=dict)
    description: str = ""
    country: Literal["FI", "SE"] | None = None
    purpose: Literal["calibration", "validation"] = "calibration"
    years: list[int] = Field(default=[3], description="default simulated years of every target")
    targets: list[Target] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> TargetFile:
        names = [t.name for t in self.targets]
        for n in names:
            if names.count(n) > 1:
                raise ValueError(f"target name {n!r} is used twice")
        for i, t in enumerate(self.targets):
            for key in ("scenario", "baseline", "direction"):
                if self.purpose == "calibration" and getattr(t, key) is not None:
                    raise ValueError(f"targets.{i}.{key}: only validation files have it")
            if self.purpose == "validation" and t.scenario is None:
                raise ValueError(f"targets.{i}.scenario: a validation target names its scenario file")
        return self

    def years_of(self, target: Target) -> list[int]:
        return target.years or self.years

    @property
    def last_year(self) -> int:
        return max(max(self.years_of(t)) for t in self.targets)


def load_targets(path: str | Path) -> TargetFile:
    """Read and validate a target file; errors name the file and the key."""
    raw = read_yaml(path)
    try:
        return TargetFile.model_validate(raw)
    except ValidationError as exc:
        raise _explain(exc, path) from None


def _explain(exc: ValidationError, file: str | Path) -> InputError:
    """Each problem with its key path (a target's `value` is a key here, not a sourced number)."""
    lines = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err["loc"]) or "(top level)"
        if err["type"] == "extra_forbidden":
            allowed = list(Target.model_fields if "targets" in where else TargetFile.model_fields)
            msg = f"unknown key; allowed here: {', '.join(allowed)}"
        elif err["type"] == "missing":
            msg = "required but missing"
        else:
            msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {msg}")
    return InputError.of_problems(lines, file=file)


def validate_file(path: str | Path) -> list[str]:
    """`systemsim validate` for target files: no warnings once the file loads."""
    load_targets(path)
    return []


def statistic(yearly: pd.DataFrame, target: Target, years: list[int], children: float) -> float:
    """The model's value of a target in one replication (wide yearly table: year x KPI)."""
    rows = yearly[yearly["year"].isin(years)]
    if len(rows) < len(years):
        return float("nan")
    num = rows[target.kpi].sum(axis=1).to_numpy(dtype=float)
    if target.per is None:
        values = num
    elif target.per == PER_CHILDREN:
        values = num / children
    else:
        den = rows[target.per].to_numpy(dtype=float)
        values = np.divide(num, den, out=np.full_like(num, np.nan), where=den > 0)
    return float(np.nanmean(values)) if np.isfinite(values).any() else float("nan")


def statistics(yearly: pd.DataFrame, targets: TargetFile, children: float) -> dict[str, float]:
    """Every target's model value in one replication, by target name."""
    return {t.name: statistic(yearly, t, targets.years_of(t), children) for t in targets.targets}


def observed(targets: TargetFile) -> dict[str, float]:
    return {t.name: float(t.value) for t in targets.targets if t.value is not None}


def check_country(targets: TargetFile, country: str, file: str | Path) -> None:
    """Refuse calibrating a Swedish scenario on Finnish statistics (and the other way round)."""
    if targets.purpose != "calibration":
        raise InputError("is a validation file (seed stories); calibrate on national targets only",
                         file=file, where="purpose")
    if targets.country is not None and targets.country != country:
        raise InputError(f"targets are for {targets.country} but the scenario is {country}",
                         file=file, where="country")
