"""Validation out of sample: the seed stories predicted from the national calibration.

The national posterior is fitted to national statistics only (`scenarios/targets/*_national.yaml`);
the stories in `scenarios/targets/seed_stories.yaml` (Mäntsälä, Mölndal, Hackney, Ostrobothnia,
Pohjois-Pohjanmaa) are then predicted with parameter and stochastic uncertainty and set beside
what the seeds report. A story the model misses is shown as missed, not tuned away.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from systemsim.calibration.posterior import Posterior, require_posterior
from systemsim.calibration.targets import Target, TargetFile, load_targets, statistic
from systemsim.calibration.uncertainty import run_with_parameters
from systemsim.scenario import iter_sourced, load_scenario

ROOT = Path(__file__).resolve().parents[3]
STORIES = ROOT / "scenarios" / "targets" / "seed_stories.yaml"
#: words in a source that point at a seed story (a parameter sourced to one is circular there)
STORY_WORDS = {"mantsala": r"mäntsälä|seeds? 00[01]\b", "molndal": r"mölndal|seed 004",
               "hackney": r"hackney", "ostrobothnia": r"ostrobothnia|pohjanmaa\b",
               "pohjois_pohjanmaa": r"pohjois-pohjanmaa|seed 002"}


@dataclass(frozen=True)
class Prediction:
    story: str
    scenario: str
    kpi: str
    year: int
    reported: str
    median: float
    low: float
    high: float
    verdict: str  # "consistent", "missed" or "unclear"
    source: str
    set_from_story: str  # numbers of the story's scenario sourced to this story, not drawn


def _per_replication(long: pd.DataFrame, label: str, target: Target, years: list[int],
                     children: float) -> np.ndarray:
    rows = long[long["scenario"] == label]
    wide = rows.pivot_table(index=["replication", "year"], columns="kpi", values="value").reset_index()
    return np.array([statistic(g.drop(columns="replication"), target, years, children)
                     for _, g in wide.groupby("replication")])


def _verdict_number(values: np.ndarray, target: Target) -> str:
    v = values[np.isfinite(values)]
    if not len(v):
        return "missed"
    spread = (np.percentile(v, 95) - np.percentile(v, 5)) / 3.29  # a 90 % interval is 3.29 sd
    z = abs(float(np.median(v)) - float(target.value)) / math.hypot(float(target.sd), spread)
    return "consistent" if z <= 2 else "missed"


def _verdict_direction(change: np.ndarray, direction: str) -> str:
    v = change[np.isfinite(change)]
    share = float(np.mean(v < 0 if direction == "lower" else v > 0)) if len(v) else 0.0
    return "consistent" if share >= 0.8 else "missed" if share < 0.5 else "unclear"


def predict_stories(stories: str | Path = STORIES, *, replications: int = 10, seed: int = 1,
                    posterior: Posterior | None = None, progress: bool | None = False) -> pd.DataFrame:
    """One row per story target: reported, predicted median and 90 % interval, verdict."""
    spec: TargetFile = load_targets(stories)
    base = Path(stories).parent
    runs: dict[tuple[str, ...], tuple[pd.DataFrame, dict[str, float]]] = {}
    out = []
    for t in spec.targets:
        years = spec.years_of(t)
        files = tuple(str((base / f).resolve()) for f in ((t.baseline, t.scenario) if t.baseline
                                                          else (t.scenario,)))
        if files not in runs:
            scenarios = [load_scenario(f) for f in files]
            post = posterior or require_posterior(files[-1])
            run = run_with_parameters(scenarios, [Path(f).stem for f in files], post,
                                      years=max(max(spec.years_of(x)) for x in spec.targets),
                                      replications=replications, seed=seed, progress=progress)
            runs[files] = (run.long, {Path(f).stem: s.population.children.value
                                      for f, s in zip(files, scenarios, strict=True)})
        long, children = runs[files]
        stem = Path(files[-1]).stem
        after = _per_replication(long, stem, t, years, children[stem])
        if t.baseline:
            b = Path(files[0]).stem
            before = _per_replication(long, b, t, years, children[b])
            if t.value is not None:  # a reported ratio after / before
                values = after / before
                verdict = _verdict_number(values, t)
                reported = f"{t.value:g} ± {t.sd:g} (after / before)"
            else:
                values = after - before
                verdict = _verdict_direction(values, str(t.direction))
                reported = f"{t.direction} than before"
        else:
            values = after
            verdict = _verdict_number(values, t)
            reported = f"{t.value:g} ± {t.sd:g}"
        v = values[np.isfinite(values)]
        lo, mid, hi = np.percentile(v, [5, 50, 95]) if len(v) else (math.nan,) * 3
        drawn = set((posterior or require_posterior(files[-1])).paths)
        out.append(Prediction(t.name, Path(str(t.scenario)).name, t.kpi[0] if len(t.kpi) == 1 else
                              "+".join(t.kpi), years[-1], reported, float(mid), float(lo), float(hi),
                              verdict, t.source, ", ".join(_set_from_story(t.name, files, drawn))))
    return pd.DataFrame([p.__dict__ for p in out])


def _set_from_story(name: str, files: tuple[str, ...], drawn: set[str]) -> list[str]:
    """Key paths in the story's scenario files whose source is this very story (not drawn)."""
    story = next((k for k in STORY_WORDS if name.startswith(k)), None)
    if story is None:
        return []
    found: dict[str, None] = {}
    for f in files:
        for path, p in iter_sourced(load_scenario(f)):
            if path not in drawn and re.search(STORY_WORDS[story], (p.source or "").lower()):
                found[path] = None
    return list(found)


def circular_sources(posterior: Posterior, scenario_path: str | Path) -> pd.DataFrame:
    """Numbers of the calibrated scenario sourced to a seed story that calibration did not replace.

    Such a number is validated against the very story it was set from, so agreement with that
    story says nothing; the table tells the reader (and the lead) which ones to calibrate next.
    """
    scenario = load_scenario(scenario_path)
    drawn = set(posterior.paths)
    rows = []
    for path, p in iter_sourced(scenario):
        src = (p.source or "").lower()
        for story, pattern in STORY_WORDS.items():
            if re.search(pattern, src):
                rows.append({"parameter": path, "story": story, "calibrated": path in drawn,
                             "source": p.source})
    return pd.DataFrame(rows, columns=["parameter", "story", "calibrated", "source"])


def table_markdown(table: pd.DataFrame) -> str:
    """The out-of-sample table as Markdown (for docs/validation.md)."""
    lines = ["| story | scenario | KPI (year) | reported | predicted median (90 %) | verdict "
             "| numbers set from this story |", "|---|---|---|---|---|---|---|"]
    for r in table.itertuples():
        own = ", ".join(f"`{p}`" for p in r.set_from_story.split(", ") if p) or "none"
        lines.append(f"| {r.story} | {r.scenario} | {r.kpi} ({r.year}) | {r.reported} | "
                     f"{r.median:.3g} ({r.low:.3g} – {r.high:.3g}) | {r.verdict} | {own} |")
    return "\n".join(lines)


def figure(table: pd.DataFrame):
    """Predicted (median and 90 % interval) against reported, each story on its own scale."""
    import plotly.graph_objects as go

    rows = table[~table["reported"].str.contains("than before")].reset_index(drop=True)
    reported = rows["reported"].str.extract(r"^([-\d.]+) ± ([-\d.]+)").astype(float)
    scale = reported[0].abs().replace(0, 1)
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=rows["median"] / scale, y=rows["story"], mode="markers", name="predicted (90 %)",
        error_x=dict(type="data", symmetric=False, array=(rows["high"] - rows["median"]) / scale,
                     arrayminus=(rows["median"] - rows["low"]) / scale), marker=dict(color="#1f5fa8")))
    fig.add_trace(go.Scatter(
        x=reported[0] / scale, y=rows["story"], mode="markers", name="reported (± 2 sd)",
        error_x=dict(type="data", array=2 * reported[1] / scale),
        marker=dict(color="#c0392b", symbol="diamond")))
    fig.update_layout(title="Seed stories: predicted from the national calibration against reported "
                      "(1 = the reported value)", xaxis_title="relative to the reported value",
                      height=120 + 40 * len(rows))
    return fig


def main(argv: list[str] | None = None) -> None:
    """`python -m systemsim.calibration.validation`: the out-of-sample table in Markdown."""
    import argparse

    ap = argparse.ArgumentParser(description="Predict the seed stories from the national posteriors.")
    ap.add_argument("--replications", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stories", default=str(STORIES))
    args = ap.parse_args(argv)
    table = predict_stories(args.stories, replications=args.replications, seed=args.seed, progress=None)
    print(table_markdown(table))
    missed = table[table["verdict"] != "consistent"]["story"].tolist()
    print(f"\nnot consistent: {', '.join(missed) or 'none'}")


if __name__ == "__main__":
    main()
