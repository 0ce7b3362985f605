"""Parameter sweeps: the Cartesian product of `--vary` values, each point on the same seeds.

Every sweep point runs the same R replication seeds (common random numbers), so differences
between points come from the parameters, not from luck. A point is keyed by its values in
the order the `--vary` arguments were given, e.g.
``"workforce.social_workers=7,legal.caseload_cap=30"``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

from systemsim.errors import InputError
from systemsim.scenario import Scenario, iter_sourced, with_values

ARG = "--vary"


@dataclass(frozen=True)
class Vary:
    """One `--vary path=v1,v2,...` argument."""

    path: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class SweepPoint:
    """One point of a sweep: its key, its values and the scenario it runs."""

    index: int
    key: str
    values: dict[str, float]
    scenario: Scenario


def format_value(value: float) -> str:
    """A number as it appears in a point's key: whole numbers without a decimal point."""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def point_key(values: dict[str, float]) -> str:
    return ",".join(f"{path}={format_value(v)}" for path, v in values.items())


def numeric_paths(scenario: Scenario) -> list[str]:
    """The dotted paths a sweep or sensitivity analysis may vary."""
    return [path for path, _ in iter_sourced(scenario)]


def _example_paths(scenario: Scenario) -> str:
    paths = numeric_paths(scenario)
    preferred = [p for p in ("workforce.social_workers", "legal.caseload_cap",
                             "basic_services.early_support_places") if p in paths]
    return ", ".join(preferred or paths[:3])


def check_path(scenario: Scenario, path: str, arg: str = ARG) -> None:
    """Refuse a path that is not one of the scenario's numbers, saying what is allowed."""
    paths = numeric_paths(scenario)
    if path in paths:
        return
    section = path.split(".")[0]
    in_section = [p for p in paths if p.split(".")[0] == section]
    if in_section:
        allowed = "allowed in " + section + ": " + ", ".join(in_section)
    else:
        sections = sorted({p.split(".")[0] for p in paths})
        allowed = "allowed sections: " + ", ".join(sections)
    raise InputError(f"unknown parameter {path!r}; {allowed}", where=arg)


def parse_number(text: str, *, arg: str, path: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InputError(
            f"{path}: {text.strip()!r} is not a number; give numbers separated by commas, "
            "e.g. workforce.social_workers=5,7,9", where=arg) from None
    if not math.isfinite(value):
        raise InputError(f"{path}: {text.strip()!r} is not a finite number", where=arg)
    return value


def parse_vary(text: str, scenario: Scenario) -> Vary:
    """Parse `dotted.path=v1,v2,...`; raises `InputError` naming `--vary` and what is allowed."""
    example = "e.g. --vary workforce.social_workers=5,7,9"
    if "=" not in text:
        raise InputError(f"{text!r} must look like path=v1,v2 ({example})", where=ARG)
    path, _, rest = text.partition("=")
    path = path.strip()
    if not path:
        raise InputError(f"{text!r} has no parameter path before '=' ({example})", where=ARG)
    check_path(scenario, path)
    items = [item for item in rest.split(",")]
    if not rest.strip() or all(not item.strip() for item in items):
        raise InputError(f"{path}: no values given ({example})", where=ARG)
    if any(not item.strip() for item in items):
        raise InputError(f"{path}: empty value in {rest!r}; separate numbers with single commas",
                         where=ARG)
    values = tuple(parse_number(item, arg=ARG, path=path) for item in items)
    if len(set(values)) != len(values):
        raise InputError(f"{path}: a value is listed twice in {rest!r}", where=ARG)
    return Vary(path, values)


def parse_varies(texts: list[str], scenario: Scenario) -> list[Vary]:
    if not texts:
        raise InputError("give at least one --vary path=v1,v2", where=ARG)
    varies = [parse_vary(t, scenario) for t in texts]
    seen: set[str] = set()
    for v in varies:
        if v.path in seen:
            raise InputError(f"{v.path} is varied twice; give all its values in one --vary",
                             where=ARG)
        seen.add(v.path)
    return varies


def apply_values(scenario: Scenario, values: dict[str, Any], *, arg: str = ARG) -> Scenario:
    """The scenario with `values` set; a value the scenario refuses is named with `arg`."""
    try:
        return with_values(scenario, values)
    except InputError as exc:
        key = point_key(values)
        raise InputError(f"{key}: {exc.message}", where=arg) from None


def expand(scenario: Scenario, varies: list[Vary], *, arg: str = ARG) -> list[SweepPoint]:
    """The Cartesian product, first `--vary` slowest; every point is validated before any runs.

    `arg` names where the values came from in an error (`--vary` in the CLI, a notebook's
    parameter path).
    """
    points = []
    for i, combo in enumerate(itertools.product(*(v.values for v in varies))):
        values = {v.path: value for v, value in zip(varies, combo, strict=True)}
        points.append(SweepPoint(i, point_key(values), values,
                                 apply_values(scenario, values, arg=arg)))
    return points
