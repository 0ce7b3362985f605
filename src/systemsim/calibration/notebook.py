"""Short calls for the validation page (notebooks/simulations/validation.ipynb), in the reader's language."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from systemsim.calibration.posterior import load_posterior
from systemsim.calibration.validation import ROOT, circular_sources, figure, predict_stories
from systemsim.i18n import get_language, t
from systemsim.whatif.notebook import Html

CALIBRATION = ROOT / "scenarios" / "calibration"

__all__ = ["circular_table", "explain_validation", "missed_stories", "posterior_table", "predict_stories",
           "stories_figure", "stories_table"]


def explain_validation(key: str, **fields) -> Html:
    text = t(f"calibration.nb.{key}", get_language(), **fields)
    paras = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return Html(f"<div style='max-width:50em'>{paras}</div>")


def _table(header: list[str], rows: list[list[str]]) -> Html:
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return Html(f"<table><tr>{head}</tr>{body}</table>")


def _c(key: str) -> str:
    return t(f"calibration.col.{key}", get_language())


def posterior_table(stem: str = "finland_typical") -> Html:
    """The bundled posterior of a calibrated scenario: prior, file value and posterior interval."""
    post = load_posterior(CALIBRATION / f"{stem}.posterior.json")
    s = post.summary()
    rows = [[p["path"], f"{p['prior']['low']:g} – {p['prior']['high']:g}", f"{p['value']:g}",
             f"{s[p['path']]['q50']:.3g} ({s[p['path']]['q05']:.3g} – {s[p['path']]['q95']:.3g})"]
            for p in post.parameters]
    return _table([_c("parameter"), _c("prior"), _c("value"), _c("posterior")], rows)


def stories_table(table: pd.DataFrame) -> Html:
    lang = get_language()
    rows = [[r.story, r.scenario, f"{r.kpi} ({r.year})", r.reported,
             f"{r.median:.3g} ({r.low:.3g} – {r.high:.3g})", t(f"calibration.verdict.{r.verdict}", lang)]
            for r in table.itertuples()]
    return _table([_c("story"), _c("scenario"), _c("kpi"), _c("reported"), _c("predicted"), _c("verdict")],
                  rows)


def stories_figure(table: pd.DataFrame):
    return figure(table)


def missed_stories(table: pd.DataFrame) -> Html:
    missed = table[table["verdict"] != "consistent"]["story"].tolist()
    if not missed:
        return explain_validation("none_missed")
    return explain_validation("missed", stories=", ".join(missed))


def circular_table(stem: str = "finland_typical") -> Html:
    lang = get_language()
    post = load_posterior(CALIBRATION / f"{stem}.posterior.json")
    table = circular_sources(post, Path(CALIBRATION / f"{stem}.yaml"))
    rows = [[r.parameter, r.story, t("calibration.yes" if r.calibrated else "calibration.no", lang), r.source]
            for r in table.itertuples()]
    return _table([_c("parameter"), _c("story"), _c("calibrated"), _c("source")], rows)
