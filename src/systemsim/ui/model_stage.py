"""The model stage on the page: the family's journey at 40 cases and at 15, side by side.

Why a button: running the model takes a moment, and the trainer decides when the room looks
at it. When the simulation core is not installed the page says so plainly instead.

The view keeps what it last said (a result, "not installed", a failed run) as data, not as
words: the vignette player keeps one view per stage and calls `relabel` on every language
switch, which tells it all again, the figure included, in the new language.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from systemsim.i18n import get_language, t
from systemsim.training.figures import closed_label, journey_figure, stage_label
from systemsim.training.model_stage import (
    OUTCOMES,
    ModelUnavailable,
    family_inputs,
    family_journeys,
    family_outcomes,
    journey_summary,
    missing_parts,
)
from systemsim.training.schema import Stage, Vignette
from systemsim.ui.language import Message
from systemsim.viz.plotly_config import show

#: How many journeys of the same family the "many families" button runs per caseload.
RUNS = 30


def _number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number as the reader writes it (0,55 in Finnish and Swedish)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang in ("fi", "sv") else text


WARNING = "#b9770e"
PROBLEM = "#b03a2e"


def _box(text: str, colour: str) -> str:
    return (
        f'<div style="border-left:5px solid {colour};padding:.4em .8em;background:#fafafa">'
        f"{html.escape(text)}</div>"
    )


def _said(said: tuple[Message, str | None], lang: str) -> str:
    """A kept message in `lang`: in a coloured box, or as plain text when it has no colour."""
    message, colour = said
    return _box(message.text(lang), colour) if colour else html.escape(message.text(lang))


def _unavailable(missing: list[str]) -> tuple[Message, str]:
    return Message("training.model.unavailable", {"missing": ", ".join(missing)}), WARNING


class ModelStageView(widgets.VBox):
    """Heading, a run button, then the figure and a short summary per caseload."""

    def __init__(self, vignette: Vignette, stage: Stage, cache: dict[str, dict[int, Any]]):
        assert stage.model_run is not None
        self.vignette, self.stage, self.cache = vignette, stage, cache
        self.heading = widgets.HTML()
        self.message = widgets.HTML()
        self.output = widgets.Output()
        self.many_message = widgets.HTML()
        # What each area says instead of results (running, not installed, failed); None: results.
        self._said: tuple[Message, str | None] | None = None
        self._many_said: tuple[Message, str | None] | None = None
        self._drawn_in: str | None = None  # the language of the figure in `output`
        self.missing = missing_parts()
        children: list[widgets.Widget] = [self.heading]
        if self.missing:
            self._said = _unavailable(self.missing)
            children.append(self.message)
        else:
            self.button = widgets.Button(
                icon="play", button_style="primary", layout=widgets.Layout(width="max-content")
            )
            self.button.on_click(lambda _b: self.run())
            self.many = widgets.Button(icon="bar-chart", layout=widgets.Layout(width="max-content"))
            self.many.on_click(lambda _b: self.run_many())
            children += [self.button, self.message, self.output, self.many, self.many_message]
        super().__init__(children)
        self.relabel()

    def relabel(self, lang: str | None = None) -> None:
        """Draw everything in `lang`: heading, buttons, and what the view last said or showed."""
        lang = lang or get_language()
        caseloads = t("training.model.and", lang).join(str(c) for c in self.stage.model_run.caseloads)
        self.heading.value = (
            f"<h4>{html.escape(t('training.model.heading', lang, caseloads=caseloads))}</h4>"
        )
        if self.missing:
            self.message.value = _said(self._said, lang) if self._said else ""
            return
        self.button.description = t("training.model.button", lang)
        self.many.description = t("training.model.many_button", lang, runs=RUNS)
        journeys = self.cache.get(self.stage.id)
        if self._said is None and journeys is not None:
            self.show(journeys, lang)
        else:
            self.message.value = _said(self._said, lang) if self._said else ""
        outcomes = self.cache.get(f"{self.stage.id}#many")
        if self._many_said is None and outcomes is not None:
            self.show_many(outcomes, lang)
        else:
            self.many_message.value = _said(self._many_said, lang) if self._many_said else ""

    def _say(self, said: tuple[Message, str | None]) -> None:
        """Keep what the run says (running, not installed, failed) and show it."""
        self._said = said
        self.message.value = _said(said, get_language())

    def _say_many(self, said: tuple[Message, str | None]) -> None:
        self._many_said = said
        self.many_message.value = _said(said, get_language())

    @staticmethod
    def _attempt(compute: Callable[[], Any], say: Callable[[tuple], None]) -> Any | None:
        """Run the model, telling the trainer it runs; None (and said in words) if it cannot."""
        say((Message("training.model.running"), None))
        try:
            return compute()
        except ModelUnavailable as exc:
            say(_unavailable(exc.missing))
        except Exception as exc:  # noqa: BLE001 - shown to the trainer in words
            say((Message("training.model.failed", {"error": exc}), PROBLEM))
        return None

    def run_many(self) -> None:
        """The same family many times at each caseload: how much is chance?"""
        outcomes = self._attempt(lambda: family_outcomes(self.vignette, self.stage, runs=RUNS),
                                 self._say_many)
        if outcomes is None:
            return
        self._many_said = None
        self.cache[f"{self.stage.id}#many"] = outcomes
        self.show_many(outcomes)

    def show_many(self, outcomes: dict[int, Any], lang: str | None = None) -> None:
        lang = lang or get_language()
        head = "".join(
            f'<th style="padding:.2em 1em">{html.escape(t("training.model.caseload", lang, n=c))}'
            "</th>"
            for c in outcomes
        )
        rows = ""
        for outcome in OUTCOMES:
            cells = "".join(
                f'<td style="padding:.2em 1em;text-align:right">'
                f"{round(100 * float(shares.get(outcome, 0.0)))} %</td>"
                for shares in outcomes.values()
            )
            label = html.escape(t(f"training.model.outcome.{outcome}", lang))
            rows += f"<tr><td>{label}</td>{cells}</tr>"
        cells = "".join(
            f'<td style="padding:.2em 1em;text-align:right">'
            f"{_number(float(shares.get('hours', 0.0)), lang)} h</td>"
            for shares in outcomes.values()
        )
        rows += f"<tr><td>{html.escape(t('training.model.outcome.hours', lang))}</td>{cells}</tr>"
        note = html.escape(t("training.model.many_note", lang, runs=RUNS))
        self.many_message.value = (
            f'<table style="border-collapse:collapse"><tr><th></th>{head}</tr>{rows}</table>'
            f"<p><i>{note}</i></p>"
        )

    def run(self) -> None:
        journeys = self._attempt(lambda: family_journeys(self.vignette, self.stage), self._say)
        if journeys is None:
            return
        self._said = None
        self._drawn_in = None  # new journeys: draw the figure again
        self.cache[self.stage.id] = journeys
        self.show(journeys)

    def show(self, journeys: dict[int, Any], lang: str | None = None) -> None:
        lang = lang or get_language()
        lines = []
        try:
            inputs = family_inputs(self.vignette, self.stage)
            lines.append(
                t(
                    "training.model.inputs",
                    lang,
                    strength=_number(inputs["network_strength"], lang, 2),
                    children=inputs["children"],
                )
            )
        except Exception:  # noqa: BLE001, S110 - the journeys are shown even without this line
            pass
        weeks = self.stage.model_run.weeks if self.stage.model_run else 156
        for caseload, df in journeys.items():
            s = journey_summary(df, weeks)
            path = " → ".join(stage_label(x, lang) for x in s["path"]) or "–"
            if s["closed_week"] is None:
                ending = t("training.model.still_open", lang, weeks=weeks)
            else:
                ending = t(
                    "training.model.ended",
                    lang,
                    week=s["closed_week"],
                    reason=closed_label(s["closed_reason"], lang),
                )
            lines.append(
                t(
                    "training.model.summary",
                    lang,
                    caseload=t("training.model.caseload", lang, n=caseload),
                    path=path,
                    hours=_number(s["hours"], lang),
                    ending=ending,
                )
            )
        lines.append(t("training.model.reflect", lang))
        self.message.value = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        if self._drawn_in == lang:
            return  # the figure on the page is already in this language
        self._drawn_in = lang
        self.output.clear_output()
        with self.output:
            show(journey_figure(journeys, lang, weeks), lang)
