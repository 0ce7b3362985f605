"""The model stage on the page: what the family would typically get at 40 cases and at 15.

Why a button: running the model takes a moment, and the trainer decides when the room looks
at it.

The view keeps what it last said (a result, a failed run) as data, not as
words: the vignette player keeps one view per stage and calls `relabel` on every language
switch, which tells it all again, the figure included, in the new language.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from systemsim.i18n import get_language, t
from systemsim.journey.outcome import OUTCOMES, journey_summary
from systemsim.training.figures import closed_label, journey_figure
from systemsim.training.model_stage import family_inputs, family_overview
from systemsim.training.schema import Vignette, VignetteStage
from systemsim.ui.language import Message
from systemsim.viz.labels import fmt_number, stage_label
from systemsim.viz.plotly_config import show

#: How many journeys of the same family the button runs per caseload.
RUNS = 30


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


class ModelStageView(widgets.VBox):
    """Heading, one run button, then what the family would typically get and a typical run.

    Why not one run: a single run can be the rare family closed at intake; the room sees the
    distribution over `RUNS` runs per caseload and, as an example, one run that is typical.
    """

    def __init__(self, vignette: Vignette, stage: VignetteStage, cache: dict[str, dict[int, Any]]):
        assert stage.model_run is not None
        self.vignette, self.stage, self.cache = vignette, stage, cache
        self.heading = widgets.HTML()
        self.message = widgets.HTML()
        self.table = widgets.HTML()
        self.output = widgets.Output()
        # What the view says instead of results (running, failed); None: results.
        self._said: tuple[Message, str | None] | None = None
        self._drawn_in: str | None = None  # the language of the figure in `output`
        self.button = widgets.Button(
            icon="play", button_style="primary", layout=widgets.Layout(width="max-content")
        )
        self.button.on_click(lambda _b: self.run())
        super().__init__([self.heading, self.button, self.table, self.message, self.output])
        self.relabel()

    def relabel(self, lang: str | None = None) -> None:
        """Draw everything in `lang`: heading, button, and what the view last said or showed."""
        lang = lang or get_language()
        caseloads = t("training.model.and", lang).join(str(c) for c in self.stage.model_run.caseloads)
        self.heading.value = (
            f"<h4>{html.escape(t('training.model.heading', lang, caseloads=caseloads))}</h4>"
        )
        self.button.description = t("training.model.button", lang, runs=RUNS)
        overview = self.cache.get(self.stage.id)
        if self._said is None and overview is not None:
            self.show(overview, lang)
        else:
            self.table.value = ""
            self.message.value = _said(self._said, lang) if self._said else ""

    def _say(self, said: tuple[Message, str | None]) -> None:
        """Keep what the run says (running, failed) and show it."""
        self._said = said
        self.table.value = ""
        self.message.value = _said(said, get_language())

    def run(self) -> None:
        """The family `RUNS` times at each caseload: the shares, and one typical run each."""
        self._say((Message("training.model.running", {"runs": RUNS}), None))
        try:
            overview = family_overview(self.vignette, self.stage, runs=RUNS)
        except Exception as exc:  # noqa: BLE001 - shown to the trainer in words
            self._say((Message("training.model.failed", {"error": exc}), PROBLEM))
            return
        self._said = None
        self._drawn_in = None  # new runs: draw the figure again
        self.cache[self.stage.id] = overview
        self.show(overview)

    def _table(self, overview: dict[int, Any], lang: str) -> str:
        head = "".join(
            f'<th style="padding:.2em 1em">{html.escape(t("training.model.caseload", lang, n=c))}'
            "</th>"
            for c in overview
        )
        rows = ""
        for outcome in OUTCOMES:
            cells = "".join(
                f'<td style="padding:.2em 1em;text-align:right">'
                f"{round(100 * float(o['shares'].get(outcome, 0.0)))} %</td>"
                for o in overview.values()
            )
            label = html.escape(t(f"training.model.outcome.{outcome}", lang))
            rows += f"<tr><td>{label}</td>{cells}</tr>"
        weeks = self.stage.model_run.weeks if self.stage.model_run else 156
        means = (
            ("hours", t("training.model.outcome.hours", lang), " h"),
            ("decided_week", t("training.model.outcome.decided_week", lang), ""),
            ("new_notifications",
             t("training.model.outcome.new_notifications", lang, weeks=weeks), ""),
        )
        for key, label, unit in means:
            if any(o.get(key) is None for o in overview.values()):
                continue  # an overview from before this row existed, or no decision at all
            cells = "".join(
                f'<td style="padding:.2em 1em;text-align:right">'
                f"{fmt_number(float(o[key]), lang, 1)}{unit}</td>"
                for o in overview.values()
            )
            rows += f"<tr><td>{html.escape(label)}</td>{cells}</tr>"
        note = html.escape(t("training.model.many_note", lang, runs=RUNS))
        return (
            f'<table style="border-collapse:collapse"><tr><th></th>{head}</tr>{rows}</table>'
            f"<p><i>{note}</i></p>"
        )

    def show(self, overview: dict[int, Any], lang: str | None = None) -> None:
        lang = lang or get_language()
        self.table.value = self._table(overview, lang)
        lines = []
        try:
            inputs = family_inputs(self.vignette, self.stage)
            lines.append(
                t(
                    "training.model.inputs",
                    lang,
                    strength=fmt_number(inputs["network_strength"], lang, 2),
                    children=inputs["children"],
                )
            )
        except Exception:  # noqa: BLE001, S110 - the journeys are shown even without this line
            pass
        lines.append(t("training.model.typical_intro", lang))
        weeks = self.stage.model_run.weeks if self.stage.model_run else 156
        for caseload, result in overview.items():
            s = journey_summary(result["typical"], weeks)
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
            like = t("training.model.typical_like", lang, n=result["typical_count"],
                     runs=result["runs"])
            lines.append(
                t(
                    "training.model.summary",
                    lang,
                    caseload=t("training.model.caseload", lang, n=caseload),
                    path=path,
                    decided=s["decided_week"] if s["decided_week"] is not None else "–",
                    hours=fmt_number(s["hours"], lang, 1),
                    ending=ending,
                    again=t("training.model.again", lang, n=s["new_notifications"]),
                )
                + " "
                + like
            )
        lines.append(t("training.model.reflect", lang))
        self.message.value = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
        if self._drawn_in == lang:
            return  # the figure on the page is already in this language
        self._drawn_in = lang
        self.output.clear_output()
        typical = {caseload: result["typical"] for caseload, result in overview.items()}
        with self.output:
            show(journey_figure(typical, lang, weeks), lang)
