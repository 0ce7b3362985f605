"""Load scenario files: resolve `extends:`, merge, validate, explain errors in plain words."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from systemsim.errors import InputError
from systemsim.scenario.schema import Scenario, iter_sourced
from systemsim.yamlio import read_yaml


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge `override` onto `base`; a sourced number is replaced whole, never mixed."""
    out = dict(base)
    for key, value in override.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict) and "value" not in value:
            out[key] = merge(old, value)
        else:
            out[key] = value
    return out


def load_raw(path: str | Path, _chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The merged mapping of a scenario file and everything it extends."""
    p = Path(path).resolve()
    if p in _chain:
        cycle = " -> ".join(str(c.name) for c in (*_chain, p))
        raise InputError(f"circular extends: {cycle}", file=path, where="extends")
    data = read_yaml(path)
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise InputError("extends must be a file path (relative to this file)", file=path,
                         where="extends")
    parent_path = p.parent / parent
    if not parent_path.exists():
        raise InputError(f"extended file {parent!r} not found (looked in {parent_path.parent})",
                         file=path, where="extends")
    return merge(load_raw(parent_path, (*_chain, p)), data)


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
        if loc and loc[-1] == "value":
            loc = loc[:-1]
        where = ".".join(str(x) for x in loc) or "(top level)"
        kind = err["type"]
        if kind == "extra_forbidden":
            allowed = _allowed_keys(loc)
            msg = f"unknown key; allowed here: {', '.join(allowed)}" if allowed else "unknown key"
        elif kind == "missing":
            msg = "required but missing"
        else:
            msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {msg}")
    message = lines[0] if len(lines) == 1 else f"{len(lines)} problems: " + "; ".join(lines)
    return InputError(message, file=file)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (following `extends:`)."""
    raw = load_raw(path)
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        raise input_error(exc, path) from None


def scenario_from_dict(data: dict[str, Any], *, source: str = "<scenario>") -> Scenario:
    """Validate an in-memory scenario mapping (used by widgets and sweeps)."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise input_error(exc, source) from None


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
