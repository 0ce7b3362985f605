"""A scenario's numbers: each one `Sourced`, with its allowed range (`num`) and, if it is
calibrated, its `Prior`.

Why apart from the sections: every section of `systemsim.scenario.schema` is built from these
types, and the what-if levers read a field's range (`Bounds`) from them.
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
