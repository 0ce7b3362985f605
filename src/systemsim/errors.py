"""One error type for every bad input a user can give us.

Scenario files, family files, vignettes, widget values and sweep arguments all fail the same
way: a message that names the file, the key path and what is allowed. The CLI turns an
`InputError` into one line on stderr and exit code 2, never a traceback.

Why a message key: a page can show an error long after it happened, and the reader can
switch language in between. An error raised with `key=` (a text in `systemsim.i18n`) and its
`fields` can be told again in any language with `describe(lang)`; `str()` stays the English
line the CLI prints. A field that is itself a `Text` is told in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from systemsim.i18n import get_language, t


@dataclass(frozen=True)
class Text:
    """A catalogue text kept as its key and fields, told in whichever language is asked for.

    Why: a message may be shown long before it is read, and the reader can switch language in
    between. An error's field may name a word that itself differs by language (a type word such
    as "list", or "partner"), and a panel keeps its status line (a save, a refused edit) to tell
    again after a switch (`systemsim.ui.language.Message` is this class). A field that is a
    `Text`, or anything else with a `text(lang)` method (`systemsim.ui.language.Words`), is told
    in the same language; a field that is an exception is told with `describe_error`; names,
    numbers and paths stay as they are.
    """

    key: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        return t(self.key, lang, **told(self.fields, lang))


def told(fields: Mapping[str, object], lang: str) -> dict[str, object]:
    """Message fields told in `lang`: texts, `Words` and exceptions in that language (see `Text`)."""
    out: dict[str, object] = {}
    for name, value in fields.items():
        if isinstance(value, BaseException):
            out[name] = describe_error(value, lang)
        elif callable(getattr(value, "text", None)):
            out[name] = value.text(lang)  # type: ignore[union-attr]
        else:
            out[name] = value
    return out


class InputError(Exception):
    """Bad user input, with enough context for a non-programmer to fix it."""

    def __init__(
        self,
        message: str | None = None,
        *,
        file: str | Path | None = None,
        where: str | None = None,
        key: str | None = None,
        fields: Mapping[str, object] | None = None,
    ):
        self.file = str(file) if file is not None else None
        self.where = where
        self.key = key
        self.fields = dict(fields or {})
        if message is None:
            if key is None:
                raise TypeError("InputError needs a message or a text key")
            message = self.message_in("en")
        self.message = message
        super().__init__(str(self))

    @classmethod
    def of_problems(cls, problems: list[str], *, file: str | Path | None = None) -> InputError:
        """One error for every problem found in a file at once, so the user fixes them in one
        go: the problem itself when there is one, else "N problems: a; b; …"."""
        message = problems[0] if len(problems) == 1 else (
            f"{len(problems)} problems: " + "; ".join(problems))
        return cls(message, file=file)

    def message_in(self, lang: str | None = None) -> str:
        """The message itself in `lang`; an error raised without a key has only its own words."""
        if self.key is None:
            return self.message
        lang = lang or get_language()
        return t(self.key, lang, **told(self.fields, lang))

    def describe(self, lang: str | None = None) -> str:
        """The whole error as `str()` tells it, with the message in `lang`."""
        return self._with_place(self.message_in(lang))

    def _with_place(self, message: str) -> str:
        parts = []
        if self.file:
            parts.append(self.file)
        if self.where:
            parts.append(self.where)
        prefix = ": ".join(parts)
        return f"{prefix}: {message}" if prefix else message

    def __str__(self) -> str:
        return self._with_place(self.message)


def describe_error(exc: BaseException, lang: str | None = None) -> str:
    """An error told in `lang` as far as it can be: an `InputError` in full, others as they are."""
    if isinstance(exc, InputError):
        return exc.describe(lang)
    return str(exc)
