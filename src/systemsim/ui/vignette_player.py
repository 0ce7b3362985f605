"""Play a case vignette with a group: the family, the stages, the prompts, the choices.

Why one object per vignette: it remembers the path the group took, keeps every text box
(so switching language never loses what was typed) and redraws itself in the new language.
A notebook only calls `play_vignette("mantsala_early_support")`.
"""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from systemsim.errors import InputError, describe_error
from systemsim.genogram import draw_genogram, draw_network_map, load_family
from systemsim.i18n import get_language, on_language_change, t
from systemsim.sources import cite
from systemsim.training.locate import vignette_path
from systemsim.training.schema import Text, Vignette, VignetteStage
from systemsim.training.vignette import load_vignette
from systemsim.ui.journal_panel import (
    JournalSource,
    ReflectionBox,
    ScaleBox,
    journal_panel,
    notify_saved,
)
from systemsim.ui.lifetime import while_open
from systemsim.ui.model_stage import ModelStageView
from systemsim.ui.trainer_mode import is_trainer_mode, on_trainer_mode_change

SOS_COLUMNS = ("worries", "working_well", "needs_to_happen")
SOS_COLOURS = {"worries": "#f5b7b1", "working_well": "#abebc6", "needs_to_happen": "#aed6f1"}


def _e(key: str, lang: str, **fields: object) -> str:
    """A catalogue text, escaped for HTML."""
    return html.escape(t(key, lang, **fields))


def _panel(heading: str, text: str, border: str, background: str) -> widgets.HTML:
    """A coloured note: a bold heading and a text (both escaped here)."""
    body = html.escape(text).replace("\n", "<br>")
    return widgets.HTML(
        f'<div style="{border};padding:.4em .8em;background:{background}">'
        f"<b>{html.escape(heading)}</b> {body}</div>"
    )


def _h(level: int, text: str) -> widgets.HTML:
    return widgets.HTML(f"<h{level}>{html.escape(text)}</h{level}>")


def _p(text: str, style: str = "") -> widgets.HTML:
    body = html.escape(text).replace("\n", "<br>")
    return widgets.HTML(f'<p style="{style}">{body}</p>', layout=widgets.Layout(width="98%"))


def _items(texts: list[Text], lang: str) -> widgets.HTML:
    lis = "".join(f"<li>{html.escape(x.get(lang))}</li>" for x in texts)
    return widgets.HTML(f"<ul>{lis}</ul>", layout=widgets.Layout(width="98%"))


class ErrorBox(widgets.HTML):
    """A problem told plainly in a red box instead of a traceback, in the page's language.

    It keeps the error itself, not its words, and tells it again on every language switch
    (an `InputError` raised with a text key or a `VignetteError` is told in the new language;
    other errors have only their own words).
    """

    def __init__(self, exc: BaseException, lang: str | None = None):
        super().__init__()
        self.exc = exc
        while_open(self, on_language_change(self.relabel))
        self.relabel(lang)

    def relabel(self, lang: str | None = None) -> None:
        lang = lang or get_language()
        self.value = (
            '<div style="border-left:5px solid #b03a2e;padding:.5em 1em;background:#fdedec">'
            f"<b>{html.escape(t('training.ui.error_heading', lang))}</b><br>"
            f"{html.escape(describe_error(self.exc, lang))}</div>"
        )


def error_box(exc: BaseException, lang: str | None = None) -> ErrorBox:
    """A problem in a red box, drawn in `lang` (default: the page's) and following the switch."""
    return ErrorBox(exc, lang)


class VignettePlayer(widgets.VBox):
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
            _items(v.teaches, lang),
            widgets.HTML(
                f'<p style="color:#666;font-size:.85em">{_e("training.ui.sources", lang)}:'
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
        out: list[widgets.Widget] = []
        position = self.vignette.stage_ids.index(stage.id) + 1
        total = len(self.vignette.stages)
        out.append(
            widgets.HTML(
                f'<p style="color:#666">{_e("training.ui.stage_of", lang, n=position, total=total)}'
                f" · {html.escape(t('training.ui.path_so_far', lang))} "
                + " → ".join(
                    html.escape(self.vignette.stage(s).title.get(lang)) for s, _ in self.trail
                )
                + "</p>"
            )
        )
        out.append(_h(2, stage.title.get(lang)))
        # the trainer reads her notes before the story, so they come first
        if stage.facilitator_notes and is_trainer_mode():
            out.append(
                _panel(
                    t("training.ui.facilitator_notes", lang) + ":",
                    stage.facilitator_notes.get(lang),
                    "border:2px dashed #b9770e",
                    "#fef9e7",
                )
            )
        if self.consequence is not None:
            out.append(
                _panel(
                    t("training.ui.what_happened", lang) + ":",
                    self.consequence.get(lang),
                    "border-left:5px solid #7d3c98",
                    "#f5eef8",
                )
            )
        out.append(_p(stage.narrative.get(lang), "font-size:1.1em;line-height:1.5"))
        if stage.facts:
            out += [_h(4, t("training.ui.facts", lang)), _items(stage.facts, lang)]
        if stage.model_run:  # the curves come before the prompts that ask about them
            out.append(self._model_view(stage))
        if stage.waiit:
            out += [_h(3, t("training.ui.waiit", lang)), _p(t("training.ui.waiit_intro", lang))]
            for i, prompt in enumerate(stage.waiit):
                out.append(self._box(stage, f"waiit.{i}", prompt.get))
        if stage.grraacceess:
            names = " · ".join(t(f"training.aspect.{a}", lang) for a in stage.grraacceess)
            out += [
                _h(4, t("training.ui.grraacceess", lang)),
                _p(names, "font-weight:bold;color:#7d3c98"),
                self._box(stage, "grraacceess", lambda lg: t("training.ui.grraacceess_intro", lg)),
            ]
        if stage.hypotheses:
            out += [
                _h(3, t("training.ui.hypotheses", lang)),
                _items(stage.hypotheses, lang),
                _p(t("training.ui.hypotheses_intro", lang)),
                self._box(stage, "hypotheses", lambda lg: t("training.ui.hypotheses_box", lg)),
            ]
        if stage.circular_questions:
            out += [
                _h(3, t("training.ui.circular", lang)),
                _p(t("training.ui.circular_intro", lang)),
                _items(stage.circular_questions, lang),
                self._box(stage, "circular", lambda lg: t("training.ui.circular_box", lg), rows=2),
            ]
        if stage.signs_of_safety:
            out += self._sos_widgets(stage, lang)
        if stage.reflecting_team:
            rows = "".join(
                f"<tr><td><b>{html.escape(r.role.get(lang))}</b></td>"
                f"<td>{html.escape(r.task.get(lang))}</td></tr>"
                for r in stage.reflecting_team
            )
            out += [
                _h(3, t("training.ui.reflecting_team", lang)),
                widgets.HTML(
                    f'<table style="border-collapse:collapse"><tr><th style="text-align:left">'
                    f"{html.escape(t('training.ui.reflecting_role', lang))}</th>"
                    f'<th style="text-align:left">{_e("training.ui.reflecting_task", lang)}'
                    f"</th></tr>{rows}</table>"
                ),
            ]
        if stage.end:
            out += [
                _p(t("training.ui.end", lang), "font-weight:bold"),
                self._box(stage, "takeaway", lambda lg: t("training.ui.end_box", lg)),
            ]
        return out

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
                        _items(items, lang),
                        box,
                    ],
                    layout=widgets.Layout(width="33%", padding="0 .4em"),
                )
            )
        out: list[widgets.Widget] = [_h(3, t("training.ui.sos", lang)), widgets.HBox(columns)]
        if sos.scale_question is not None:
            out.append(self._kept((stage.id, "sos.scale"), lambda: ScaleBox(
                self.source, vignette_id=self.vignette.id, stage_id=stage.id,
                prompt=sos.scale_question.get, author=self.author)))
        return out

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
            rows.append(_h(3, t("training.ui.choices", lang)))
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


def family_figures(path: Path, lang: str, when: tuple[int, int] | None = None) -> list[Any]:
    """The genogram and network map of the family file, or a note saying why not.

    `when` (year, month) is the story's date: the genogram's ages are counted to it.
    """
    try:
        family = load_family(path)
        dated = {"year": when[0], "month": when[1]} if when else {}
        return [draw_genogram(family, lang=lang, **dated), draw_network_map(family, lang=lang)]
    except Exception as exc:  # noqa: BLE001 - shown to the trainer in words
        error = describe_error(exc, lang)
        return [widgets.HTML(html.escape(t("training.ui.genogram_failed", lang, error=error)))]


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
