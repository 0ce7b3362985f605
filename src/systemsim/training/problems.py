"""A found problem in a vignette, told in the reader's language, with its line in the file.

Why: a trainer writing her own vignette needs every problem at once, each in plain words and
pointing at a line, not a Python traceback. `VignetteError` is still an `InputError`, so the
CLI prints it as one line and exits 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from systemsim.errors import InputError, told
from systemsim.i18n import get_language, t


@dataclass(frozen=True)
class Problem:
    """One thing wrong: where (a key path such as `stages[2].next`) and a message key."""

    where: str | None
    key: str
    fields: dict[str, object] = field(default_factory=dict)
    line: int | None = None

    def message(self, lang: str = "en") -> str:
        fields = told(self.fields, lang)  # a family file's error, say, in the reader's language
        if "expected_key" in fields:  # a type word, told in the reader's language
            fields["expected"] = t(f"training.check.type.{fields['expected_key']}", lang)
        return t(f"training.check.{self.key}", lang, **fields)

    def describe(self, lang: str = "en") -> str:
        """`line 12, stages[1].next: ...` - the whole problem in one line."""
        parts = []
        if self.line is not None:
            parts.append(t("training.check.line", lang, line=self.line))
        if self.where:
            parts.append(self.where)
        prefix = ", ".join(parts)
        return f"{prefix}: {self.message(lang)}" if prefix else self.message(lang)


class VignetteError(InputError):
    """A vignette that does not hold together; `problems` lists every problem found."""

    def __init__(self, problems: list[Problem], *, file: str | Path | None, lang: str = "en"):
        self.problems = problems
        super().__init__(self.message_in(lang), file=file, where=problems[0].where)

    def message_in(self, lang: str | None = None) -> str:
        """The first problem in `lang`, with its line and how many more there are."""
        lang = lang or get_language()
        first = self.problems[0]
        message = first.message(lang)
        if first.line is not None:
            message = f"{message} ({t('training.check.line', lang, line=first.line)})"
        if len(self.problems) > 1:
            more = len(self.problems) - 1
            key = "training.check.one_more" if more == 1 else "training.check.more"
            message += " " + t(key, lang, n=more)
        return message


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_where(where: str) -> list[str | int]:
    """`stages[2].choices[0].next` -> ['stages', 2, 'choices', 0, 'next']."""
    return [int(idx) if idx else name for name, idx in _STEP.findall(where)]


def line_of(text: str, where: str | None) -> int | None:
    """The 1-based line in YAML `text` where the key path `where` is (or its nearest parent)."""
    if not where:
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = None
    for step in split_where(where):
        if node is None:
            break
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            found = None
            for key_node, value_node in node.value:
                if key_node.value == step:
                    line = key_node.start_mark.line + 1
                    found = value_node
                    break
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                break
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            break
    return line


def with_lines(problems: list[Problem], text: str | None) -> list[Problem]:
    """The same problems, each told which line of the file it is on."""
    if text is None:
        return problems
    return [
        Problem(p.where, p.key, p.fields, line_of(text, p.where)) if p.line is None else p
        for p in problems
    ]
