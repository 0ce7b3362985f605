"""Read and check a vignette file: shape, story structure, family and scenario files.

Why one entry point (`check_file`): the CLI, the tests, the player and the "write your own
vignette" page all need the same verdict; the CLI wants the first problem as one line, the
trainer's page wants every problem with its line number in her language.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, ValidationError

from systemsim.errors import InputError
from systemsim.genogram import load_family
from systemsim.i18n import LANGUAGES, t
from systemsim.journey import SEVERITIES
from systemsim.scenario import validate_file as validate_scenario_file
from systemsim.training.ages import vignette_mismatches
from systemsim.training.paths import structure_problems
from systemsim.training.problems import Problem, VignetteError, with_lines
from systemsim.training.schema import GRRAACCEESS, Text, Vignette
from systemsim.yamlio import parse_yaml, read_bytes


@dataclass
class Report:
    """The verdict on one vignette file."""

    path: Path
    vignette: Vignette | None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_text(text: str, path: str | Path) -> Report:
    """Check vignette YAML `text` as if it were the file `path` (relative paths start there)."""
    p = Path(path)
    try:
        data = parse_yaml(text, source=p)
    except InputError as exc:
        return Report(p, None, [Problem(exc.where, "yaml", {"error": exc.message})])
    problems = [_from_pydantic(err) for err in _pydantic_errors(data)]
    if problems:
        # Tell the story's problems too, so the writer gets every problem in one go.
        story = _raw_story(data)
        if story is not None:
            seen = {q.where for q in problems}
            problems += [q for q in structure_problems(story) if q.where not in seen]
        return Report(p, None, with_lines(problems, text))
    vignette = Vignette.model_validate(data)
    vignette._source = p.resolve()
    problems = structure_problems(vignette)
    warnings: list[Problem] = []
    if vignette.id != p.stem:
        problems.append(Problem("id", "id_not_stem", {"id": vignette.id, "stem": p.stem}))
    problems += _family_problems(vignette, vignette.family, "family")
    for i, stage in enumerate(vignette.stages):
        if stage.family_update:
            where = f"stages[{i}].family_update"
            problems += _family_problems(vignette, stage.family_update, where)
        if stage.model_run:
            where = f"stages[{i}].model_run.scenario"
            found, warned = _scenario_problems(vignette, stage.model_run.scenario, where)
            problems += found
            warnings += warned
            problems += _severity_problems(stage.model_run.severity, f"stages[{i}].model_run")
    if not problems:
        found, warned = _age_problems(vignette)
        problems += found
        warnings += warned
    if not vignette.sources:
        warnings.append(Problem("sources", "no_sources"))
    return Report(p, vignette, with_lines(problems, text), with_lines(warnings, text))


def check_file(path: str | Path) -> Report:
    """Check the vignette file at `path` (a missing or unreadable file is an InputError)."""
    p = Path(path)
    if not p.exists():
        raise InputError(key="training.error.file_not_found", file=p)
    try:  # a regular file of bounded size, never a FIFO or a device
        text = read_bytes(p).decode("utf-8")
    except UnicodeDecodeError as exc:
        fields = {"reason": exc.reason}
        raise InputError(key="training.error.not_utf8", fields=fields, file=p) from None
    return check_text(text, p)


def load_vignette(path: str | Path, lang: str = "en") -> Vignette:
    """The vignette at `path`, or `VignetteError` listing every problem (in `lang`)."""
    report = check_file(path)
    if not report.ok:
        raise VignetteError(report.problems, file=path, lang=lang)
    assert report.vignette is not None
    return report.vignette


def validate_file(path: str | Path) -> list[str]:
    """For `systemsim validate`: raise on a broken vignette, return its warnings in English."""
    report = check_file(path)
    if not report.ok:
        raise VignetteError(report.problems, file=path)
    return [w.describe("en") for w in report.warnings]


def _raw_story(data: dict[str, Any]) -> Any:
    """Just the stage links of a vignette that failed the schema, if they are readable."""
    stages = data.get("stages")
    if not isinstance(stages, list) or not isinstance(data.get("start"), str):
        return None
    out = []
    for stage in stages:
        if not isinstance(stage, dict) or not isinstance(stage.get("id"), str):
            return None
        choices = stage.get("choices")
        if choices is not None and not (
            isinstance(choices, list)
            and all(isinstance(c, dict) and isinstance(c.get("next"), str) for c in choices)
        ):
            return None
        nxt = stage.get("next")
        if nxt is not None and not isinstance(nxt, str):
            return None
        out.append(
            SimpleNamespace(
                id=stage["id"],
                next=nxt,
                end=stage.get("end") is True,
                choices=[SimpleNamespace(next=c["next"]) for c in choices or []] or None,
            )
        )
    return SimpleNamespace(start=data["start"], stages=out)


# --- files the vignette points to -----------------------------------------------------------


def _family_problems(vignette: Vignette, relative: str, where: str) -> list[Problem]:
    """A family file must exist and be a family the genogram part can read."""
    try:
        path = vignette.resolve(relative, where)
    except InputError as exc:  # outside the vignette's tree
        return [Problem(where, "family_invalid", {"path": relative, "error": exc})]
    if not path.exists():
        return [Problem(where, "family_missing", {"path": relative})]
    try:
        load_family(path)
    except InputError as exc:  # kept as the error, so it is told in the reader's language
        return [Problem(where, "family_invalid", {"path": relative, "error": exc})]
    return []


def _age_problems(vignette: Vignette) -> tuple[list[Problem], list[Problem]]:
    """Ages the story tells must be the ages the genogram draws (birth years, the date)."""
    if vignette.year is None:
        return [], [Problem("date", "no_date")]
    found = vignette_mismatches(vignette, load_family)
    return [Problem(m.claim.where, "age_mismatch", m.fields) for m in found], []


def _scenario_problems(
    vignette: Vignette, relative: str, where: str
) -> tuple[list[Problem], list[Problem]]:
    """A model stage's scenario must exist and pass the scenario checks (problems, warnings)."""
    try:
        path = vignette.resolve(relative, where)
    except InputError as exc:  # outside the vignette's tree
        return [Problem(where, "scenario_invalid", {"path": relative, "error": exc})], []
    if not path.exists():
        return [Problem(where, "scenario_missing", {"path": relative})], []
    try:
        validate_scenario_file(path)
    except InputError as exc:
        return [Problem(where, "scenario_invalid", {"path": relative, "error": exc})], []
    return [], []


def _severity_problems(severity: str, where: str) -> list[Problem]:
    """The severity must be one the simulation core knows."""
    if severity not in SEVERITIES:
        return [
            Problem(
                f"{where}.severity",
                "not_allowed",
                {"value": severity, "allowed": ", ".join(SEVERITIES)},
            )
        ]
    return []


# --- pydantic errors in plain words ---------------------------------------------------------


def _pydantic_errors(data: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        Vignette.model_validate(data)
    except ValidationError as exc:
        return list(exc.errors(include_url=False))
    return []


def where_of(loc: tuple[Any, ...]) -> str:
    """('stages', 2, 'next') -> 'stages[2].next'."""
    out = ""
    for step in loc:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that holds the value at `loc`, walking from `Vignette`."""
    annotation: Any = Vignette
    for step in loc:
        model = _unwrap_model(annotation)
        if isinstance(step, int):
            annotation = _list_item(annotation)
        elif model is not None and step in model.model_fields:
            annotation = model.model_fields[step].annotation
        else:
            return None
        if annotation is None:
            return None
    return _unwrap_model(annotation)


def _strip(annotation: Any) -> list[Any]:
    """The types inside Annotated / Optional / unions."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _strip(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [x for arg in typing.get_args(annotation) for x in _strip(arg)]
    return [annotation]


def _unwrap_model(annotation: Any) -> type[BaseModel] | None:
    for a in _strip(annotation):
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
    return None


def _list_item(annotation: Any) -> Any:
    for a in _strip(annotation):
        if typing.get_origin(a) is list:
            return typing.get_args(a)[0]
    return None


_EXPECTED = {
    "string_type": "text",
    "int_type": "number",
    "int_parsing": "number",
    "int_from_float": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "list_type": "list",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "dict_type": "mapping",
}


def _from_pydantic(err: dict[str, Any]) -> Problem:
    loc = tuple(err["loc"])
    where = where_of(loc)
    kind = err["type"]
    last = loc[-1] if loc else None
    parent = _model_at(loc[:-1]) if loc else None
    if kind == "missing":
        if parent is Text and last in LANGUAGES:
            return Problem(where, "missing_language", {"language": last})
        return Problem(where, "missing", {"name": last})
    if kind == "string_too_short" and parent is Text:
        return Problem(where, "empty_language", {"language": last})
    if kind == "extra_forbidden":
        allowed = ", ".join(parent.model_fields) if parent else ""
        if parent is Text:
            return Problem(where, "unknown_language", {"name": last})
        return Problem(where, "unknown_key", {"name": last, "allowed": allowed})
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        if loc and loc[0] == "stages" and "grraacceess" in loc:
            expected = ", ".join(GRRAACCEESS)
            return Problem(
                where, "unknown_aspect", {"value": err.get("input"), "allowed": expected}
            )
        return Problem(where, "not_allowed", {"value": err.get("input"), "allowed": expected})
    if kind == "string_pattern_mismatch":
        if last == "date":
            return Problem(where, "bad_date", {"value": err.get("input")})
        return Problem(where, "bad_id", {"value": err.get("input")})
    if kind in ("model_type", "model_attributes_type") and _model_at(loc) is Text:
        return Problem(where, "needs_languages", {})
    if kind == "string_too_short":
        return Problem(where, "empty", {})
    if kind == "too_short":
        return Problem(where, "too_few", {})
    if kind in _EXPECTED:
        expected = t(f"training.check.type.{_EXPECTED[kind]}", "en")
        return Problem(where, "wrong_type", {"expected_key": _EXPECTED[kind], "expected": expected})
    return Problem(where, "other", {"error": err.get("msg", kind)})
