"""What one stage of a vignette shows: the story, the prompts with their text boxes, the
Signs of Safety columns, the reflecting team and the model's curves.

Why a mix-in of the player: the boxes are made once per stage and kept across redraws (so a
language switch never loses what was typed), and the stage is drawn from where the group is
on its path; both belong to the `VignettePlayer`, which only adds navigation and the family.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from systemsim.i18n import t
from systemsim.training.schema import Text, Vignette, VignetteStage
from systemsim.ui.journal_panel import JournalSource, ReflectionBox, ScaleBox
from systemsim.ui.model_stage import ModelStageView
from systemsim.ui.trainer_mode import is_trainer_mode
from systemsim.ui.vignette_widgets import (
    bullet_list,
    escaped_text,
    heading,
    note_panel,
    paragraph,
)

SOS_COLUMNS = ("worries", "working_well", "needs_to_happen")
SOS_COLOURS = {"worries": "#f5b7b1", "working_well": "#abebc6", "needs_to_happen": "#aed6f1"}


class StageContent:
    """The stage part of `VignettePlayer`: it sets the attributes named below."""

    vignette: Vignette
    source: JournalSource
    trail: list[tuple[str, str | None]]
    consequence: Text | None
    _boxes: dict[tuple[str, str], Any]
    _model_cache: dict[str, dict[int, Any]]
    author: Callable[[], str | None]  # who writes, from the player's author box

    def _kept(self, key: tuple[str, str], make: Callable[[], Any]) -> Any:
        """A box made once per stage and kept across redraws (relabelled when drawn again)."""
        box = self._boxes.get(key)
        if box is None:
            box = self._boxes[key] = make()
        else:
            box.relabel()
        return box

    def _box(self, stage: VignetteStage, key: str, prompt: Any, rows: int = 3) -> widgets.Widget:
        """The text box for one prompt."""
        return self._kept((stage.id, key), lambda: ReflectionBox(
            self.source, vignette_id=self.vignette.id, stage_id=stage.id, prompt_key=key,
            prompt=prompt, author=self.author, rows=rows))

    def _model_view(self, stage: VignetteStage) -> ModelStageView:
        """The model stage's view, made once and kept, so what it said survives a redraw."""
        return self._kept((stage.id, "model.view"),
                          lambda: ModelStageView(self.vignette, stage, self._model_cache))

    def _stage_widgets(self, stage: VignetteStage, lang: str) -> list[widgets.Widget]:
        """Everything a stage shows, in the order the group works through it."""
        out = self._stage_intro(stage, lang)
        if stage.model_run:  # the curves come before the prompts that ask about them
            out.append(self._model_view(stage))
        out += self._reflection_widgets(stage, lang)
        if stage.signs_of_safety:
            out += self._sos_widgets(stage, lang)
        if stage.reflecting_team:
            out += self._reflecting_team(stage, lang)
        if stage.end:
            out += [
                paragraph(t("training.ui.end", lang), "font-weight:bold"),
                self._box(stage, "takeaway", lambda lg: t("training.ui.end_box", lg)),
            ]
        return out

    def _stage_intro(self, stage: VignetteStage, lang: str) -> list[widgets.Widget]:
        """Where the group is on its path, the stage's story and its facts."""
        out: list[widgets.Widget] = []
        position = self.vignette.stage_ids.index(stage.id) + 1
        total = len(self.vignette.stages)
        out.append(
            widgets.HTML(
                f'<p style="color:#666">'
                f'{escaped_text("training.ui.stage_of", lang, n=position, total=total)}'
                f" · {html.escape(t('training.ui.path_so_far', lang))} "
                + " → ".join(
                    html.escape(self.vignette.stage(s).title.get(lang)) for s, _ in self.trail
                )
                + "</p>"
            )
        )
        out.append(heading(2, stage.title.get(lang)))
        # the trainer reads her notes before the story, so they come first
        if stage.facilitator_notes and is_trainer_mode():
            out.append(
                note_panel(
                    t("training.ui.facilitator_notes", lang) + ":",
                    stage.facilitator_notes.get(lang),
                    "border:2px dashed #b9770e",
                    "#fef9e7",
                )
            )
        if self.consequence is not None:
            out.append(
                note_panel(
                    t("training.ui.what_happened", lang) + ":",
                    self.consequence.get(lang),
                    "border-left:5px solid #7d3c98",
                    "#f5eef8",
                )
            )
        out.append(paragraph(stage.narrative.get(lang), "font-size:1.1em;line-height:1.5"))
        if stage.facts:
            out += [heading(4, t("training.ui.facts", lang)), bullet_list(stage.facts, lang)]
        return out

    def _reflection_widgets(self, stage: VignetteStage, lang: str) -> list[widgets.Widget]:
        """The stage's prompts, each with its text box: WAIIT, GRRAACCEESS, hypotheses and
        circular questions."""
        out: list[widgets.Widget] = []
        if stage.waiit:
            out += [heading(3, t("training.ui.waiit", lang)),
                    paragraph(t("training.ui.waiit_intro", lang))]
            for i, prompt in enumerate(stage.waiit):
                out.append(self._box(stage, f"waiit.{i}", prompt.get))
        if stage.grraacceess:
            names = " · ".join(t(f"training.aspect.{a}", lang) for a in stage.grraacceess)
            out += [
                heading(4, t("training.ui.grraacceess", lang)),
                paragraph(names, "font-weight:bold;color:#7d3c98"),
                self._box(stage, "grraacceess", lambda lg: t("training.ui.grraacceess_intro", lg)),
            ]
        if stage.hypotheses:
            out += [
                heading(3, t("training.ui.hypotheses", lang)),
                bullet_list(stage.hypotheses, lang),
                paragraph(t("training.ui.hypotheses_intro", lang)),
                self._box(stage, "hypotheses", lambda lg: t("training.ui.hypotheses_box", lg)),
            ]
        if stage.circular_questions:
            out += [
                heading(3, t("training.ui.circular", lang)),
                paragraph(t("training.ui.circular_intro", lang)),
                bullet_list(stage.circular_questions, lang),
                self._box(stage, "circular", lambda lg: t("training.ui.circular_box", lg), rows=2),
            ]
        return out

    def _reflecting_team(self, stage: VignetteStage, lang: str) -> list[widgets.Widget]:
        """The reflecting team's roles and tasks as a table."""
        rows = "".join(
            f"<tr><td><b>{html.escape(r.role.get(lang))}</b></td>"
            f"<td>{html.escape(r.task.get(lang))}</td></tr>"
            for r in stage.reflecting_team
        )
        return [
            heading(3, t("training.ui.reflecting_team", lang)),
            widgets.HTML(
                f'<table style="border-collapse:collapse"><tr><th style="text-align:left">'
                f"{html.escape(t('training.ui.reflecting_role', lang))}</th>"
                f'<th style="text-align:left">{escaped_text("training.ui.reflecting_task", lang)}'
                f"</th></tr>{rows}</table>"
            ),
        ]

    def _sos_widgets(self, stage: VignetteStage, lang: str) -> list[widgets.Widget]:
        sos = stage.signs_of_safety
        assert sos is not None
        columns = []
        for name in SOS_COLUMNS:
            items = getattr(sos, name)
            title = f"training.ui.sos.{name}"
            box = self._box(
                stage,
                f"sos.{name}",
                lambda lg, title=title: f"{t(title, lg)} – {t('training.ui.sos.add', lg)}",
            )
            columns.append(
                widgets.VBox(
                    [
                        widgets.HTML(
                            f'<div style="background:{SOS_COLOURS[name]};padding:.3em .6em">'
                            f"<b>{html.escape(t(title, lang))}</b></div>"
                        ),
                        bullet_list(items, lang),
                        box,
                    ],
                    layout=widgets.Layout(width="33%", padding="0 .4em"),
                )
            )
        out: list[widgets.Widget] = [heading(3, t("training.ui.sos", lang)), widgets.HBox(columns)]
        if sos.scale_question is not None:
            out.append(self._kept((stage.id, "sos.scale"), lambda: ScaleBox(
                self.source, vignette_id=self.vignette.id, stage_id=stage.id,
                prompt=sos.scale_question.get, author=self.author)))
        return out
