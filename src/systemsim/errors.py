"""One error type for every bad input a user can give us.

Scenario files, family files, vignettes, widget values and sweep arguments all fail the same
way: a message that names the file, the key path and what is allowed. The CLI turns an
`InputError` into one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad user input, with enough context for a non-programmer to fix it."""

    def __init__(self, message: str, *, file: str | Path | None = None, where: str | None = None):
        self.file = str(file) if file is not None else None
        self.where = where
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.where:
            parts.append(self.where)
        prefix = ": ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message
