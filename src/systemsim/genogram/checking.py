"""Reading a family file's values: typed getters that refuse with a `genogram.check.*` text.

`read.py` walks the file section by section; each value goes through a `Reader` method here,
which names the file, the place and what is allowed, in the reader's language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from systemsim.errors import InputError, Text
from systemsim.genogram.model import Person

_ID = re.compile(r"^[\w][\w.-]*$")
_LANGS = ("fi", "sv", "en")
MIN_YEAR, MAX_YEAR = 1800, 2100

CHECK = "genogram.check."  # every message below is a text under this prefix
# type words in messages ("got list"); any other type is named by its Python name
_KINDS = ("nothing", "str", "int", "float", "bool", "list", "dict", "date", "datetime")


class Reader:
    """Collects the file name and warnings while one family is parsed."""

    def __init__(self, source: str | Path | None):
        self.source = str(source) if source is not None else "<family>"
        self.warnings: list[str] = []

    def fail(self, where: str | None, key: str, /, **fields: object) -> InputError:
        """The error for text `genogram.check.<key>`; a field may be a `check_words` text, told in
        the reader's language."""
        return InputError(key=CHECK + key, fields=fields, file=self.source, where=where)

    # -- small typed getters ------------------------------------------------------------------
    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "not_mapping", kind=kind_word(value))
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> list[Any]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, "not_list", section=repr(key), kind=kind_word(value))
        return value

    def extra(self, data: dict[str, Any], allowed: tuple[str, ...], where: str) -> dict[str, Any]:
        unknown = {k: v for k, v in data.items() if k not in allowed}
        for key in unknown:
            self.warnings.append(f"{where}: unknown key {key!r} is kept but not used; "
                                 f"known keys: {', '.join(allowed)}")
        return unknown

    def entry(self, item: Any, where: str, what: Text, example: str) -> tuple[dict, str, str]:
        """A list entry with an id: the mapping, its id, and `where` naming both."""
        item = self.mapping(item, where)
        if "id" not in item:
            raise self.fail(where, "needs_id", what=what, example=example)
        ident = self.ident(item["id"], where)
        return item, ident, f"{where} ({ident})"

    # `what` names the value: a field name as the file spells it (str, the same in every
    # language) or a word told in the reader's language (`check_words(...)`).
    def ident(self, value: Any, where: str, what: str | Text = "id") -> str:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.fail(where, "not_ident", what=what, kind=kind_word(value))
        text = str(value)
        if not _ID.match(text):
            raise self.fail(where, "bad_ident", what=what, value=repr(text))
        return text

    def enum(self, value: Any, allowed: tuple, where: str, what: str | Text) -> Any:
        if value not in allowed:
            raise self.fail(where, "unknown_value", what=what, value=repr(value),
                            allowed=", ".join(str(a) for a in allowed))
        return value

    def year(self, value: Any, where: str, what: str) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(where, "not_year", what=what, value=repr(value))
        if not MIN_YEAR <= value <= MAX_YEAR:
            raise self.fail(where, "year_out_of_range", what=what, value=value, low=MIN_YEAR,
                            high=MAX_YEAR)
        return value

    def text(self, value: Any, where: str, what: str) -> Any:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, dict):
            bad = [k for k in value if k not in _LANGS]
            if bad:
                raise self.fail(where, "unknown_language", what=what, language=repr(bad[0]),
                                allowed=", ".join(_LANGS))
            return {k: str(v) for k, v in value.items()}
        raise self.fail(where, "not_text", what=what, kind=kind_word(value))

    def name(self, value: Any, where: str) -> str | dict[str, str] | None:
        """A network member's name: a personal name (the same in every language) or, when it
        holds a role word such as "mummo" or "opettaja", all three of {fi, sv, en}, so that no
        page shows a Finnish word to a Swedish or English reader."""
        if value is None or isinstance(value, str):
            return value
        if not isinstance(value, dict):
            raise self.fail(where, "network_name_not_text", kind=kind_word(value))
        bad = [k for k in value if k not in _LANGS]
        if bad:
            raise self.fail(where, "unknown_language", what="name", language=repr(bad[0]),
                            allowed=", ".join(_LANGS))
        missing = [k for k in _LANGS if not isinstance(value.get(k), str | int)
                   or not str(value[k]).strip()]
        if missing:
            raise self.fail(where, "name_language_missing", missing=", ".join(missing),
                            allowed=", ".join(_LANGS))
        return {k: str(value[k]).strip() for k in _LANGS}

    def known(self, pid: str, people: dict[str, Person], where: str, what: Text) -> str:
        if pid not in people:
            raise self.fail(where, "unknown_person", what=what, id=repr(pid),
                            known=_short_list(people))
        return pid


def check_words(key: str, **fields: object) -> Text:
    """Text `genogram.check.<key>` as a message field, told in the reader's language."""
    return Text(CHECK + key, fields)


def kind_word(value: Any) -> str | Text:
    """The type of a bad value as a message says it: "got list" (fi "nyt: luettelo")."""
    name = "nothing" if value is None else type(value).__name__
    return check_words("kind." + name) if name in _KINDS else name


def _short_list(ids: Any, limit: int = 12) -> str:
    ids = list(ids)
    shown = ", ".join(ids[:limit])
    return shown + (f" ... ({len(ids)} in all)" if len(ids) > limit else "")
