"""Safe YAML reading shared by scenarios, families and vignettes.

Only plain YAML is accepted: `yaml.SafeLoader` refuses tags that would construct Python
objects, so no file can execute code. Every failure becomes an `InputError` naming the file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from systemsim.errors import InputError


def read_yaml(path: str | Path) -> dict[str, Any]:
    """Read a YAML mapping from `path`, or raise `InputError` saying what is wrong."""
    p = Path(path)
    if not p.exists():
        raise InputError("file not found", file=p)
    if p.is_dir():
        raise InputError("is a folder, expected a YAML file", file=p)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", file=p) from None
    return parse_yaml(text, source=p)


def parse_yaml(text: str, *, source: str | Path = "<text>") -> dict[str, Any]:
    """Parse YAML text into a mapping; errors name the line and column."""
    try:
        data = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506 - SafeLoader is safe
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}" if mark else None
        raise InputError(
            f"YAML tags that build objects are not allowed ({exc.problem})",
            file=source,
            where=where,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"broken YAML: {problem}", file=source, where=where) from None
    if data is None:
        raise InputError("file is empty, expected a YAML mapping", file=source)
    if not isinstance(data, dict):
        raise InputError(
            f"expected a YAML mapping (key: value) at the top, got {type(data).__name__}",
            file=source,
        )
    return data


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write a file so that a crash leaves either the old or the new content, never half."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_yaml(data: Any) -> str:
    """Dump plain data as readable, unicode-preserving YAML."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
