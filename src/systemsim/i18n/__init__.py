"""Finnish, Swedish and English text for everything a user reads.

Texts are data: every `*.yaml` file in this folder maps a key to its three translations::

    kpi.children_in_care:
      fi: Huostassa olevat lapset
      sv: Omhändertagna barn
      en: Children in care

Each part of the package keeps its own catalogue file (``core.yaml``, ``genogram.yaml`` ...) so
that translators can work on one area at a time. A notebook's language is one switch:
`set_language` changes it and notifies listeners, so open widgets can relabel themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}

_current = "fi"
_listeners: list[Callable[[str], None]] = []


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All texts from every catalogue file, checked to have all three languages."""
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(Path(__file__).parent.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, value in data.items():
            if key in texts:
                raise ValueError(f"{path.name}: text key {key!r} is defined twice")
            missing = [lang for lang in LANGUAGES if not (value or {}).get(lang)]
            if missing:
                raise ValueError(f"{path.name}: {key!r} lacks {', '.join(missing)}")
            texts[key] = {lang: str(value[lang]) for lang in LANGUAGES}
    return texts


def check_language(lang: str) -> str:
    """Return `lang` if supported, else raise a ValueError that lists the choices."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r} is not available; choose one of {', '.join(LANGUAGES)}")
    return lang


def t(key: str, lang: str | None = None, **fields: object) -> str:
    """The text for `key` in `lang` (default: the current language), formatted with `fields`."""
    lang = check_language(lang or _current)
    try:
        text = catalogue()[key][lang]
    except KeyError:
        raise KeyError(f"no text for {key!r}; add it to a catalogue in systemsim/i18n/") from None
    return text.format(**fields) if fields else text


def has_text(key: str) -> bool:
    """Whether a catalogue defines `key`."""
    return key in catalogue()


def get_language() -> str:
    """The language notebooks and figures use when none is given."""
    return _current


def set_language(lang: str) -> None:
    """Switch the current language and tell every listener (e.g. open widgets)."""
    global _current
    _current = check_language(lang)
    for listener in list(_listeners):
        listener(_current)


def on_language_change(callback: Callable[[str], None]) -> Callable[[], None]:
    """Call `callback(lang)` on every switch; returns a function that unsubscribes."""
    _listeners.append(callback)
    return lambda: _listeners.remove(callback) if callback in _listeners else None
