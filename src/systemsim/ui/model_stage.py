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
from systemsim.training.figures import journey_figure, stage_label
from systemsim.training.model_stage import (
    ModelUnavailable,
    family_journeys,
    journey_summary,
    missing_parts,
)
from systemsim.training.schema import Stage, Vignette


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
                layout=widgets.Layout(width="auto"),
            )
            button.on_click(lambda _b: self.run())
            children += [button, self.message, self.output]
            if stage.id in cache:
                self.show(cache[stage.id])
        super().__init__(children)

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
        for caseload, df in journeys.items():
            s = journey_summary(df)
            events = ", ".join(stage_label(e, lang) for e in s["events"]) or "–"
            lines.append(
                t(
                    "training.model.summary",
                    lang,
                    caseload=t("training.model.caseload", lang, n=caseload),
                    hours=s["hours"],
                    last=stage_label(s["last"], lang),
                    events=events,
                )
            )
        lines.append(t("training.model.reflect", lang))
        self.message.value = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        self.output.clear_output()
        with self.output:
            display(journey_figure(journeys, lang))
