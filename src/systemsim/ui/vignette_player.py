"""Play a case vignette with a group: the family, the stages, the prompts, the choices.

Why one object per vignette: it remembers the path the group took, keeps every text box
(so switching language never loses what was typed) and redraws itself in the new language.
A notebook only calls `play_vignette("mantsala_early_support")`.
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from systemsim.errors import InputError
from systemsim.i18n import get_language, on_language_change, t
from systemsim.sources import cite
from systemsim.training.locate import vignette_path
from systemsim.training.schema import Text, Vignette, VignetteStage
from systemsim.training.vignette import load_vignette
from systemsim.ui.journal_panel import JournalSource, journal_panel, notify_saved
from systemsim.ui.lifetime import while_open
from systemsim.ui.trainer_mode import is_trainer_mode, on_trainer_mode_change
from systemsim.ui.vignette_stage import SOS_COLOURS, SOS_COLUMNS, StageContent
from systemsim.ui.vignette_widgets import (
    ErrorBox,
    bullet_list,
    error_box,
    escaped_text,
    family_figures,
    heading,
)

__all__ = [
    "SOS_COLOURS", "SOS_COLUMNS", "ErrorBox", "VignettePlayer", "error_box", "family_figures",
    "play_vignette",
]


class VignettePlayer(StageContent, widgets.VBox):
    """The whole vignette on one page, one stage at a time."""

    def __init__(self, vignette: Vignette, *, journal: Any = None, author: str | None = None):
        self.vignette = vignette
        self.source = journal if isinstance(journal, JournalSource) else JournalSource(journal)
        self.trail: list[tuple[str, str | None]] = [(vignette.start, None)]  # (stage, via choice)
        self.consequence: Text | None = None
        self._boxes: dict[tuple[str, str], Any] = {}  # (stage, part) -> box or view, kept
        self._model_cache: dict[str, dict[int, Any]] = {}
        self._family_shown: str | None = None
        self._figures: dict[str, list[Any]] = {}
        self.author_box = widgets.Text(value=author or "", layout=widgets.Layout(width="22em"))
        self.header = widgets.VBox()
        self.family_note = widgets.HTML()
        self.family_out = widgets.Output()
        # The drawings are big: open at the start and when the family changes, else folded.
        self.family_box = widgets.Accordion(
            children=[widgets.VBox([self.family_note, self.family_out])], selected_index=0
        )
        self.body = widgets.VBox()
        self.nav = widgets.VBox()
        self.journal_area = widgets.VBox()
        self._journal_panel: widgets.Widget | None = None  # made once: it relabels itself
        super().__init__(
            [
                self.header,
                self.family_box,
                self.body,
                self.nav,
                self.journal_area,
            ],
            layout=widgets.Layout(max_width="1100px"),
        )
        while_open(
            self,
            on_language_change(lambda _lang: self.render()),
            on_trainer_mode_change(lambda _on: self.render()),
        )
        self.render()

    # --- state -------------------------------------------------------------------------------
    @property
    def stage(self) -> VignetteStage:
        return self.vignette.stage(self.trail[-1][0])

    def author(self) -> str | None:
        return self.author_box.value.strip() or None

    def go(self, stage_id: str, choice_index: int | None = None) -> None:
        """Move to `stage_id` (by a choice, by `next`, or by a trainer's jump)."""
        current = self.stage
        self.consequence = None
        if choice_index is not None and current.choices:
            choice = current.choices[choice_index]
            self.consequence = choice.consequence
            self._record_choice(current, choice.label)
        self.trail.append((stage_id, current.id))
        self._fold_family()
        self.render()

    def back(self) -> None:
        if len(self.trail) > 1:
            self.trail.pop()
            self.consequence = None
            self._fold_family()
            self.render()

    def restart(self) -> None:
        self.trail = [(self.vignette.start, None)]
        self.consequence = None
        self._fold_family()
        self.render()

    def _fold_family(self) -> None:
        """Show the drawings at the start and when the family changes; fold them otherwise."""
        stage = self.stage
        show = stage.id == self.vignette.start or bool(stage.family_update)
        self.family_box.selected_index = 0 if show else None

    def _record_choice(self, stage: VignetteStage, label: Text) -> None:
        """The group's choice goes into the journal too, so the path can be told afterwards."""
        lang = get_language()
        with contextlib.suppress(Exception):  # an unrecorded choice must not stop the story
            entry = self.source.get().write(
                label.get(lang),
                vignette_id=self.vignette.id,
                stage_id=stage.id,
                prompt_key="choice",
                language=lang,
                prompt=t("training.journal.choice_prompt", lang),
                author=self.author(),
            )
            if entry is not None:
                notify_saved(self.source.path)  # the journal panel shows the choice at once

    # --- drawing -----------------------------------------------------------------------------
    def render(self) -> None:
        lang = get_language()
        self._render_header(lang)
        self._render_family(lang)
        self.body.children = self._stage_widgets(self.stage, lang)
        self.nav.children = self._nav_widgets(self.stage, lang)
        self.journal_area.children = [self._journal()] if self.stage.end else []

    def _journal(self) -> widgets.Widget:
        """The journal panel of the end stage, made once so its export message stays."""
        if self._journal_panel is None:
            self._journal_panel = journal_panel(self.source, vignette_id=self.vignette.id)
        return self._journal_panel

    def _render_header(self, lang: str) -> None:
        v = self.vignette
        self.author_box.description = t("training.ui.author", lang)
        self.author_box.placeholder = t("training.ui.author_placeholder", lang)
        self.author_box.style.description_width = "initial"
        meta = (
            f"<p><b>{html.escape(t('training.ui.setting', lang))}:</b> "
            f"{html.escape(v.setting.get(lang))}<br>"
            f"<b>{html.escape(t('training.ui.duration', lang, n=v.duration_minutes))}</b><br>"
            f"<b>{html.escape(t('training.ui.teaches', lang))}:</b></p>"
        )
        sources = "; ".join(
            f'<span title="{html.escape(name)}">{html.escape(cite(name, lang))}</span>'
            for name in v.sources
        )
        self.header.children = [
            widgets.HTML(f"<h2>{html.escape(v.title.get(lang))}</h2>"),
            widgets.HTML(meta),
            bullet_list(v.teaches, lang),
            widgets.HTML(
                f'<p style="color:#666;font-size:.85em">{escaped_text("training.ui.sources", lang)}:'
                f" {sources}</p>"
            )
            if sources
            else widgets.HTML(),
            self.author_box,
        ]

    def _family_file(self) -> str:
        """The family as the group knows it now: the latest update on the path taken."""
        current = self.vignette.family
        for stage_id, _via in self.trail:
            update = self.vignette.stage(stage_id).family_update
            if update:
                current = update
        return current

    def _render_family(self, lang: str) -> None:
        relative = self._family_file()
        when = self.vignette.when(self.stage.id)  # ages as the story tells them
        key = f"{relative}|{lang}|{when}"
        self.family_box.set_title(0, t("training.ui.family", lang))
        self.family_note.value = (
            f"<i>{html.escape(t('training.ui.family_updated', lang))}</i>"
            if self.stage.family_update
            else ""
        )
        if key == self._family_shown:
            return
        self._family_shown = key
        self.family_out.clear_output()
        if key not in self._figures:  # drawing takes a moment; back and forth reuses it
            self._figures[key] = family_figures(self.vignette.resolve(relative), lang, when)
        with self.family_out:
            for item in self._figures[key]:
                display(item)

    def _nav_widgets(self, stage: VignetteStage, lang: str) -> list[widgets.Widget]:
        buttons: list[widgets.Widget] = []
        back = widgets.Button(
            description=t("training.ui.back", lang),
            disabled=len(self.trail) < 2,
            layout=widgets.Layout(width="auto"),
        )
        back.on_click(lambda _b: self.back())
        rows: list[widgets.Widget] = []
        if stage.choices:
            rows.append(heading(3, t("training.ui.choices", lang)))
            for i, choice in enumerate(stage.choices):
                b = widgets.Button(
                    description=choice.label.get(lang),
                    button_style="info",
                    tooltip=choice.label.get(lang),
                    layout=widgets.Layout(width="auto", max_width="95%"),
                )
                b.on_click(lambda _b, i=i, nxt=choice.next: self.go(nxt, i))
                rows.append(b)
        elif stage.next:
            nxt = widgets.Button(
                description=t("training.ui.next", lang),
                button_style="primary",
                layout=widgets.Layout(width="auto"),
            )
            nxt.on_click(lambda _b: self.go(stage.next))
            buttons.append(nxt)
        else:
            again = widgets.Button(
                description=t("training.ui.restart", lang),
                icon="refresh",
                layout=widgets.Layout(width="auto"),
            )
            again.on_click(lambda _b: self.restart())
            buttons.append(again)
        rows.append(widgets.HBox([back, *buttons]))
        if is_trainer_mode():
            jump = widgets.Dropdown(
                options=[(s.title.get(lang), s.id) for s in self.vignette.stages],
                value=stage.id,
                description=t("training.ui.jump", lang),
                style={"description_width": "initial"},
            )
            jump.observe(
                lambda ch: self.go(ch["new"]) if ch["new"] != self.stage.id else None, names="value"
            )
            rows.append(jump)
        return rows


def play_vignette(
    vignette: str | Path | Vignette, *, journal: Any = None, author: str | None = None
) -> widgets.Widget:
    """The vignette player for a bundled vignette id, a file, or a loaded vignette.

    A problem with the file is shown as a plain message on the page, not as a traceback.
    """
    try:
        if not isinstance(vignette, Vignette):
            vignette = load_vignette(vignette_path(vignette))
        return VignettePlayer(vignette, journal=journal, author=author)
    except InputError as exc:
        return error_box(exc)
