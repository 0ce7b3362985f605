"""One control that switches a whole notebook between Finnish, Swedish and English.

Why a shared widget: every panel listens to `systemsim.i18n.on_language_change`, so one click
here relabels them all; several switches on one page stay in step with each other.
"""

from __future__ import annotations

import ipywidgets as widgets

from systemsim.i18n import LANGUAGE_NAMES, LANGUAGES, get_language, on_language_change, set_language


def language_switch() -> widgets.ToggleButtons:
    """Suomi | Svenska | English - choosing one switches every panel in the notebook."""
    switch = widgets.ToggleButtons(
        options=[(LANGUAGE_NAMES[lang], lang) for lang in LANGUAGES],
        value=get_language(),
        description="🌐",
        tooltips=["Kieli", "Språk", "Language"],
        style={"button_width": "7em"},
    )

    def chosen(change: dict) -> None:
        if change["new"] != get_language():
            set_language(change["new"])

    def switched(lang: str) -> None:
        if switch.value != lang:
            switch.value = lang

    switch.observe(chosen, names="value")
    on_language_change(switched)
    return switch
