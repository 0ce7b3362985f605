"""Load scenario files: resolve `extends:`, merge, validate, explain errors in plain words.

Why the guards here and not in the model: a file that validates must also make sense as a
whole (the checks in `plausibility_problems`: no more children in care than children, shares
that add up), so a run never starts from an impossible state and then crashes or prints
nonsense. `extends:` is resolved against the including file's folder and confined like every
included path (`systemsim.yamlio.resolve_included`), at most `MAX_EXTENDS` files deep.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from systemsim.errors import InputError
from systemsim.scenario.schema import PLACEMENT_TYPES, Scenario, iter_sourced
from systemsim.yamlio import key_name, line_of, parse_yaml, read_text, resolve_included

#: how many files an `extends:` chain may have (the bundled ones have at most three)
MAX_EXTENDS = 16


class _Override:
    """Where an overriding file is, so a merge error names its file and line."""

    def __init__(self, file: str | Path, text: str):
        self.file, self.text = file, text

    def error(self, message: str, keys: tuple[str, ...]) -> InputError:
        line = line_of(self.text, keys)
        where = ".".join(key_name(k) for k in keys)
        return InputError(message, file=self.file,
                          where=f"line {line}: {where}" if line else where)


def _is_sourced(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, dict) and "value" in value)


def merge(base: dict[str, Any], override: dict[str, Any], *, _origin: _Override | None = None,
          _path: tuple[str, ...] = ()) -> dict[str, Any]:
    """Deep-merge `override` onto `base`; a sourced number is replaced whole, never mixed.

    A `{source: ...}` without a value over a parent's number is refused: it would silently
    keep the parent's number under the new source. A `{prior: ...}` alone is allowed: it gives
    the parent's number (value and source kept) a prior range for calibration.
    """
    out = dict(base)
    for key, value in override.items():
        old = out.get(key)
        path = (*_path, str(key))
        if isinstance(value, dict) and set(value) == {"prior"} and _is_sourced(old):
            parent = dict(old) if isinstance(old, dict) else {"value": old}
            out[key] = {**parent, "prior": value["prior"]}
            continue
        if isinstance(value, dict) and "value" not in value and _is_sourced(old):
            if _origin is not None:
                raise _origin.error(
                    "has a source but no value; a number under extends: is replaced whole, so "
                    "write value: NUMBER next to source:", path)
            raise InputError("has a source but no value; write value: NUMBER next to source:",
                             where=".".join(path))
        if isinstance(value, dict) and isinstance(old, dict) and "value" not in value:
            out[key] = merge(old, value, _origin=_origin, _path=path)
        else:
            out[key] = value
    return out


def load_raw(path: str | Path, _chain: tuple[Path, ...] = (), *,
             root: str | Path | None = None) -> dict[str, Any]:
    """The merged mapping of a scenario file and everything it extends.

    `root` is the folder included files must stay in (default: this file's folder).
    """
    p = Path(path).resolve()
    if p in _chain:
        cycle = " -> ".join(str(c.name) for c in (*_chain, p))
        raise InputError(f"circular extends: {cycle}", file=path, where="extends")
    if len(_chain) >= MAX_EXTENDS:
        raise InputError(f"a chain of extends: may have at most {MAX_EXTENDS} files", file=path,
                         where="extends")
    text = read_text(path)
    data = parse_yaml(text, source=path)
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise InputError("extends must be a file path (relative to this file)", file=path,
                         where="extends")
    tree = Path(root) if root is not None else p.parent
    parent_path = resolve_included(path, parent, root=tree, where="extends")
    if not parent_path.exists():
        raise InputError(f"extended file {parent!r} not found (looked in {parent_path.parent})",
                         file=path, where="extends")
    base = load_raw(parent_path, (*_chain, p), root=tree)
    return merge(base, data, _origin=_Override(path, text))


def _allowed_keys(loc: tuple[Any, ...]) -> list[str]:
    model: type[BaseModel] = Scenario
    for part in loc[:-1]:
        field = model.model_fields.get(str(part))
        ann = getattr(field, "annotation", None)
        for arg in typing.get_args(ann):  # an optional section: `Section | None`
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                ann = arg
        if not (isinstance(ann, type) and issubclass(ann, BaseModel)):
            return []
        model = ann
    return list(model.model_fields)


def input_error(exc: ValidationError, file: str | Path) -> InputError:
    """Turn pydantic's errors into one message naming each key path and what is allowed."""
    lines = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        value_missing = err["type"] == "missing" and len(loc) > 1 and loc[-1] == "value"
        if loc and loc[-1] == "value":
            loc = loc[:-1]
        where = ".".join(key_name(x) for x in loc) or "(top level)"
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = _allowed_keys(loc)
            msg = f"unknown key; allowed here: {', '.join(allowed)}" if allowed else "unknown key"
        elif value_missing:
            msg = "has no value; write value: NUMBER (and source: where it comes from)"
        elif kind == "missing":
            msg = "required but missing"
        elif kind == "finite_number":
            msg = "must be a finite number (not .nan or .inf)"
        else:
            msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {msg}")
    return InputError.of_problems(lines, file=file)


def plausibility_problems(s: Scenario) -> list[str]:
    """What cannot be true of a municipality although each number is in its own range."""
    out = []
    children = s.population.children.value
    if children < 1:
        out.append("population.children: must be at least 1 (a scenario simulates children), "
                   "got 0")
    if s.population.inhabitants.value < children:
        out.append(f"population.inhabitants: must be at least population.children ({children:g}), "
                   f"got {s.population.inhabitants.value:g}")
    low, high = s.demand.severity_low_share.value, s.demand.severity_high_share.value
    if low + high > 1:
        out.append(f"demand.severity_low_share + severity_high_share: must be at most 1 (the "
                   f"moderate share is the rest), got {low:g} + {high:g} = {low + high:g}")
    if s.workforce.intake_share.value >= 1:
        out.append("workforce.intake_share: must be below 1 (some hours must be left for "
                   f"families already in contact), got {s.workforce.intake_share.value:g}")
    if s.workforce.direct_share.value <= 0:
        out.append("workforce.direct_share: must be above 0 (workers must meet families), got 0")
    stocks = {name: getattr(s.initial, name).value for name in type(s.initial).model_fields}
    if children >= 1 and sum(stocks.values()) > children:
        listed = " + ".join(f"{v:g}" for v in stocks.values())
        out.append(f"initial: the children already in assessment, open care, care and aftercare "
                   f"({listed} = {sum(stocks.values()):g}) must be at most population.children "
                   f"({children:g})")
    if all(getattr(s.placements, t).weight.value == 0 for t in PLACEMENT_TYPES):
        out.append("placements: at least one of the weights of "
                   f"{', '.join(PLACEMENT_TYPES)} must be above 0, got all 0")
    if s.basic_services.early_support_places.value > children >= 1:
        out.append(f"basic_services.early_support_places: must be at most population.children "
                   f"({children:g}), got {s.basic_services.early_support_places.value:g}")
    return out


def _checked(scenario: Scenario, file: str | Path) -> Scenario:
    problems = plausibility_problems(scenario)
    if problems:
        raise InputError.of_problems(problems, file=file)
    return scenario


def load_scenario(path: str | Path, *, root: str | Path | None = None) -> Scenario:
    """Read and validate a scenario file (following `extends:` inside `root`)."""
    raw = load_raw(path, root=root)
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as exc:
        raise input_error(exc, path) from None
    return _checked(scenario, path)


def scenario_from_dict(data: dict[str, Any], *, source: str = "<scenario>") -> Scenario:
    """Validate an in-memory scenario mapping (used by widgets and sweeps)."""
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc, source) from None
    return _checked(scenario, source)


def unsourced(scenario: Scenario) -> list[str]:
    """Dotted paths of parameters that do not say where their number comes from."""
    return [path for path, p in iter_sourced(scenario) if not (p.source or "").strip()]


def validate_file(path: str | Path) -> list[str]:
    """Validate a scenario file; returns a warning per parameter without a source."""
    return [f"{p}: no source given" for p in unsourced(load_scenario(path))]


def with_values(scenario: Scenario, changes: dict[str, float | str]) -> Scenario:
    """A copy of `scenario` with dotted-path values changed (what-if widgets, sweeps).

    The new value keeps a source saying it is a what-if change, so reports stay honest.
    """
    data = scenario.model_dump()
    for dotted, value in changes.items():
        parts = dotted.split(".")
        node = data
        for part in parts[:-1]:
            if not isinstance(node, dict) or part not in node:
                raise InputError(f"unknown parameter {dotted!r}", where=dotted)
            node = node[part]
        leaf = parts[-1]
        if not isinstance(node, dict) or leaf not in node:
            raise InputError(f"unknown parameter {dotted!r}", where=dotted)
        if isinstance(node[leaf], dict) and "value" in node[leaf]:
            node[leaf] = {"value": value, "source": f"what-if: set to {value}"}
        else:
            node[leaf] = value
    return scenario_from_dict(data, source="what-if")
