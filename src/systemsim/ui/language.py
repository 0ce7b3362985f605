"""One control that switches a whole notebook between Finnish, Swedish and English.

Why a shared widget: every panel listens to `systemsim.i18n.on_language_change`, so one click
here relabels them all; several switches on one page stay in step with each other. A panel
that shows a status or error line keeps it as a `Message` (key and fields), not as words, so
the line is told again in the new language too; a part of it that cannot be looked up again
later (an entry that was just deleted) is kept as `Words`, written in every language at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import ipywidgets as widgets

from systemsim.errors import describe_error
from systemsim.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    get_language,
    on_language_change,
    set_language,
    t,
)
from systemsim.ui.lifetime import while_open


def language_switch() -> widgets.ToggleButtons:
    """Suomi | Svenska | English - choosing one switches every panel in the notebook."""
    switch = widgets.ToggleButtons(
        options=[(LANGUAGE_NAMES[lang], lang) for lang in LANGUAGES],
        value=get_language(),
        description="Kieli · Språk · Language",
        tooltips=["Suomeksi", "På svenska", "In English"],
        style={"button_width": "7em", "description_width": "initial"},
    )

    def chosen(change: dict) -> None:
        if change["new"] != get_language():
            set_language(change["new"])

    def switched(lang: str) -> None:
        if switch.value != lang:
            switch.value = lang

    switch.observe(chosen, names="value")
    while_open(switch, on_language_change(switched))
    return switch


@dataclass(frozen=True)
class Message:
    """A text kept as its catalogue key and fields, so a panel can tell it again after a switch.

    Why: a status or error line (a save, a refused save, a failed run) is shown once but must
    follow the page's language later. Panels keep a `Message` instead of the rendered string and
    draw `message.text(lang)` whenever they relabel. A field that is an exception is told with
    `systemsim.errors.describe_error`, in the new language when the error has a text key; a
    field that is itself a `Message` or `Words` is told in the same language.
    """

    key: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        lang = lang or get_language()
        return t(self.key, lang, **{name: _told(value, lang) for name, value in self.fields.items()})


@dataclass(frozen=True)
class Words:
    """Words already written in every language: the part of a `Message` that cannot be made
    again later.

    Why: a message may name something that is gone by the time the reader switches language
    (the entry a deletion removed), so its name is written in fi, sv and en while it still
    exists, and the right one is picked when the message is told.
    """

    by_language: Mapping[str, str]

    @classmethod
    def each(cls, write: Callable[[str], str]) -> Words:
        """`write(lang)` for every language, called now."""
        return cls({lang: write(lang) for lang in LANGUAGES})

    def text(self, lang: str | None = None) -> str:
        return self.by_language[lang or get_language()]


def _told(value: object, lang: str) -> object:
    """One field of a `Message` in `lang`; plain values (names, numbers, paths) stay as they are."""
    if isinstance(value, BaseException):
        return describe_error(value, lang)
    if isinstance(value, Message | Words):
        return value.text(lang)
    return value
