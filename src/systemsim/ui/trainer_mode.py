"""Trainer mode: shows facilitator notes and free movement between stages.

Why a page-wide switch: the trainer shows the same notebook on the projector that the
trainees use on their laptops; one toggle at the top reveals the trainer's material in every
vignette player on the page, and nothing of it shows to a trainee by default.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from systemsim.i18n import on_language_change, t
from systemsim.ui.lifetime import while_open

_state = {"on": False}
_listeners: list[Callable[[bool], None]] = []


def is_trainer_mode() -> bool:
    return _state["on"]


def set_trainer_mode(on: bool) -> None:
    """Turn trainer mode on or off and tell every open player."""
    _state["on"] = bool(on)
    for listener in list(_listeners):
        listener(_state["on"])


def on_trainer_mode_change(callback: Callable[[bool], None]) -> Callable[[], None]:
    """Call `callback(on)` on every switch; returns a function that unsubscribes."""
    _listeners.append(callback)
    return lambda: _listeners.remove(callback) if callback in _listeners else None


def trainer_mode_toggle() -> widgets.ToggleButton:
    """A labelled on/off button for trainer mode, relabelled when the language changes."""
    button = widgets.ToggleButton(
        value=is_trainer_mode(),
        description=t("training.ui.trainer_mode"),
        tooltip=t("training.ui.trainer_mode_help"),
        icon="graduation-cap",
        layout=widgets.Layout(width="auto"),
    )
    button.observe(lambda ch: set_trainer_mode(ch["new"]), names="value")

    def switched(on: bool) -> None:
        if button.value != on:
            button.value = on

    def relabel(_lang: str) -> None:
        button.description = t("training.ui.trainer_mode")
        button.tooltip = t("training.ui.trainer_mode_help")

    while_open(button, on_trainer_mode_change(switched), on_language_change(relabel))
    return button
