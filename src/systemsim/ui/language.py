"""One control that switches a whole notebook between Finnish, Swedish and English.

Why a shared widget: every panel listens to `systemsim.i18n.on_language_change`, so one click
here relabels them all; several switches on one page stay in step with each other. A panel
that shows a status or error line keeps it as a `Message` (key and fields), not as words, so
the line is told again in the new language too; a part of it that cannot be looked up again
later (an entry that was just deleted) is kept as `Words`, written in every language at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import ipywidgets as widgets

from systemsim.errors import Text
from systemsim.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    get_language,
    on_language_change,
    set_language,
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


#: A status or error line a panel keeps as its text key and fields, not as words, and tells
#: again in the new language after a switch: the same thing as an error's `Text`.
Message = Text


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
