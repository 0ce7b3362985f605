"""The model stage on the page: the family's journey at 40 cases and at 15, side by side.

Why a button: running the model takes a moment, and the trainer decides when the room looks
at it. When the simulation core is not installed the page says so plainly instead.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from IPython.display import display

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

#: How many journeys of the same family the "many families" button runs per caseload.
RUNS = 30


def _number(value: float, lang: str, digits: int = 1) -> str:
    """A decimal number as the reader writes it (0,55 in Finnish and Swedish)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang in ("fi", "sv") else text


def _box(text: str, colour: str) -> str:
    return (
        f'<div style="border-left:5px solid {colour};padding:.4em .8em;background:#fafafa">'
        f"{html.escape(text)}</div>"
    )


class ModelStageView(widgets.VBox):
    """Heading, a run button, then the figure and a short summary per caseload."""

    def __init__(self, vignette: Vignette, stage: Stage, cache: dict[str, dict[int, Any]]):
        assert stage.model_run is not None
        self.vignette, self.stage, self.cache = vignette, stage, cache
        lang = get_language()
        caseloads = t("training.model.and", lang).join(str(c) for c in stage.model_run.caseloads)
        heading = widgets.HTML(
            f"<h4>{html.escape(t('training.model.heading', lang, caseloads=caseloads))}</h4>"
        )
        self.message = widgets.HTML()
        self.output = widgets.Output()
        children: list[widgets.Widget] = [heading]
        missing = missing_parts()
        if missing:
            self.message.value = _box(
                t("training.model.unavailable", lang, missing=", ".join(missing)), "#b9770e"
            )
            children.append(self.message)
        else:
            button = widgets.Button(
                description=t("training.model.button", lang),
                icon="play",
                button_style="primary",
                layout=widgets.Layout(width="max-content"),
            )
            button.on_click(lambda _b: self.run())
            many = widgets.Button(
                description=t("training.model.many_button", lang, runs=RUNS),
                icon="bar-chart",
                layout=widgets.Layout(width="max-content"),
            )
            many.on_click(lambda _b: self.run_many())
            self.many_message = widgets.HTML()
            children += [button, self.message, self.output, many, self.many_message]
            if stage.id in cache:
                self.show(cache[stage.id])
            if f"{stage.id}#many" in cache:
                self.show_many(cache[f"{stage.id}#many"])
        super().__init__(children)

    def run_many(self) -> None:
        """The same family many times at each caseload: how much is chance?"""
        lang = get_language()
        self.many_message.value = html.escape(t("training.model.running", lang))
        try:
            outcomes = family_outcomes(self.vignette, self.stage, runs=RUNS)
        except ModelUnavailable as exc:
            self.many_message.value = _box(
                t("training.model.unavailable", lang, missing=", ".join(exc.missing)), "#b9770e"
            )
            return
        except Exception as exc:  # noqa: BLE001 - shown to the trainer in words
            self.many_message.value = _box(t("training.model.failed", lang, error=exc), "#b03a2e")
            return
        self.cache[f"{self.stage.id}#many"] = outcomes
        self.show_many(outcomes)

    def show_many(self, outcomes: dict[int, Any]) -> None:
        lang = get_language()
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
        lang = get_language()
        self.message.value = html.escape(t("training.model.running", lang))
        try:
            journeys = family_journeys(self.vignette, self.stage)
        except ModelUnavailable as exc:
            self.message.value = _box(
                t("training.model.unavailable", lang, missing=", ".join(exc.missing)), "#b9770e"
            )
            return
        except Exception as exc:  # noqa: BLE001 - shown to the trainer in words
            self.message.value = _box(t("training.model.failed", lang, error=exc), "#b03a2e")
            return
        self.cache[self.stage.id] = journeys
        self.show(journeys)

    def show(self, journeys: dict[int, Any]) -> None:
        lang = get_language()
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
        self.output.clear_output()
        with self.output:
            display(journey_figure(journeys, lang, weeks))
