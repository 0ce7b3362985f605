"""One-line helpers for the simulation notebooks: pick scenarios, run them, explain, show.

Notebooks stay thin: each cell calls one function here or in `systemsim.viz`. Explanations
come from the text catalogue, so the notebook follows the language switch.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from systemsim.experiment import RunResult, combine, run_scenario
from systemsim.experiment.sweep import Vary, expand
from systemsim.i18n import get_language, has_text, t
from systemsim.scenario import Scenario, load_scenario, with_values
from systemsim.viz.headline import headline_table
from systemsim.whatif.scenarios import scenario_dir


class Html:
    """Rich output for notebooks and Voilà (kept free of IPython imports)."""

    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __str__(self) -> str:
        return self.body


def explain(key: str, lang: str | None = None, **fields) -> Html:
    """A paragraph of plain-language explanation from the catalogue (`leaders.nb.<key>`)."""
    text = t(f"leaders.nb.{key}", lang or get_language(), **fields)
    paras = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
    return Html(f"<div class='systemsim-explain' style='max-width:50em'>{paras}</div>")


def load(file: str, folder: str | Path | None = None) -> Scenario:
    """The bundled scenario `scenarios/<file>` (the `.yaml` ending may be left out)."""
    name = file if file.endswith((".yaml", ".yml")) else f"{file}.yaml"
    return load_scenario(Path(folder or scenario_dir()) / name)


def scenario_title(file: str, lang: str | None = None, folder: str | Path | None = None) -> str:
    """A bundled scenario's name in the page's language (`leaders.scenario.<stem>`), else its own."""
    stem = Path(file).stem
    key = f"leaders.scenario.{stem}"
    return t(key, lang or get_language()) if has_text(key) else load(file, folder).name


def which_scenarios(files: Mapping[str, str], lang: str | None = None,
                    folder: str | Path | None = None) -> Html:
    """A short list: each option's name, the scenario it runs and its file."""
    lang = lang or get_language()
    names = option_names(list(files), lang)
    items = "".join(
        f"<li><b>{html.escape(names[k])}</b>: {html.escape(scenario_title(f, lang, folder))} "
        f"<small>(scenarios/{html.escape(Path(f).stem)}.yaml)</small></li>"
        for k, f in files.items())
    return Html(f"<p>{html.escape(t('leaders.nb.scenarios_used', lang))}</p><ul>{items}</ul>")


def run_files(files: Mapping[str, str], *, years: int = 3, replications: int = 5, seed: int = 0,
              keep_weekly: bool = False, folder: str | Path | None = None) -> RunResult:
    """Load each bundled scenario file and run them all on the same seed; labels are the keys."""
    return run_all({k: load(f, folder) for k, f in files.items()}, years=years,
                   replications=replications, seed=seed, keep_weekly=keep_weekly)


def limits_of(file: str, folder: str | Path | None = None) -> dict[str, float]:
    """The legal limits (caseload cap, time limits) of a bundled scenario, for the figures."""
    from systemsim.viz import limits_for

    return limits_for(load(file, folder))


def more_workers(scenario: Scenario, n: float = 2) -> Scenario:
    """`scenario` with `n` more social workers (a what-if)."""
    return with_values(scenario, {"workforce.social_workers": scenario.workforce.social_workers.value + n})


def workers_sweep(base: Scenario, steps: Sequence[float] = (-2, -1, 0, 1, 2, 4), *, years: int = 3,
                  replications: int = 5, seed: int = 0) -> tuple[RunResult, dict[str, float]]:
    """`sweep` of the number of social workers around the base's own (`steps` added to it)."""
    workers = base.workforce.social_workers.value
    values = [workers + s for s in steps if workers + s > 0]
    return sweep(base, "workforce.social_workers", values, years=years, replications=replications,
                 seed=seed)


def rollout_options(region: Scenario) -> dict[str, Scenario]:
    """A roll-out region three ways: pilot teams only, half the trainers, the plan as it is."""
    trainers = region.rollout.trainers.value
    return {
        "pilots_only": with_values(region, {"rollout.trainers": 0}),
        "half_trainers": with_values(region, {"rollout.trainers": int(trainers // 2)}),
        "rollout": region,
    }


def run_all(scenarios: Mapping[str, Scenario], *, years: int = 3, replications: int = 5,
            seed: int = 0, keep_weekly: bool = False) -> RunResult:
    """Run every scenario on the same seed (common random numbers); labels are the keys."""
    return combine([run_scenario(s, years=years, replications=replications, seed=seed, label=k,
                                 keep_weekly=keep_weekly)
                    for k, s in scenarios.items()])


def headline(result: RunResult | pd.DataFrame, kpis: Sequence[str], *, year: int | None = None,
             names: Mapping[str, str] | None = None, lang: str | None = None) -> Html:
    """A table of each KPI per scenario: mean [5–95 %] in `year` (default: the last year)."""
    table = result.yearly if isinstance(result, RunResult) else result
    return Html(headline_table(table, kpis, names=names, lang=lang or get_language(), year=year))


def describe_story(story: pd.DataFrame, lang: str | None = None) -> Html:
    """One family's path in sentences: what happened in which week, and the worker's time."""
    lang = lang or get_language()
    from systemsim.viz.labels import fmt_number, stage_label

    items = []
    for r in story.itertuples():
        event = str(r.event)
        if event.startswith("closed_"):
            reason = event.removeprefix("closed_")
            key = f"leaders.story.closed.{reason}"
            try:
                items.append(t(key, lang, week=r.week))
            except KeyError:
                items.append(t("leaders.story.enter", lang, week=r.week, stage=stage_label("closed", lang)))
            continue
        line = t("leaders.story.enter", lang, week=r.week, stage=stage_label(str(r.stage), lang))
        if r.worker_hours_week > 0:
            line += " – " + t("leaders.story.hours", lang, hours=fmt_number(r.worker_hours_week, lang, 1))
        items.append(line)
    return Html("<ol>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ol>")


def leader_options(base: Scenario, *, more_workers: float = 2, cap: int = 25,
                   early_support_places: int | None = None) -> dict[str, Scenario]:
    """The board's usual questions as what-ifs of `base`: hire two, cap 25, systemic, family centre.

    The family centre triples early-support places and meets more of the light and moderate
    worries in basic services (more places alone change nothing while places are not full).
    """
    b = base.basic_services
    places = early_support_places or int(max(b.early_support_places.value * 3, 60))
    return {
        "base": base,
        "hire_two": with_values(base, {"workforce.social_workers":
                                       base.workforce.social_workers.value + more_workers}),
        "cap_25": with_values(base, {"legal.caseload_cap": cap}),
        "systemic": with_values(base, {"practice.way_of_working": "systemic"}),
        "family_centre": with_values(base, {
            "basic_services.early_support_places": places,
            "basic_services.route_low_share": max(b.route_low_share.value, 0.7),
            "basic_services.route_moderate_share": max(b.route_moderate_share.value, 0.35),
        }),
    }


def option_names(keys: Sequence[str] | None = None, lang: str | None = None) -> dict[str, str]:
    """Display names of the what-if options (`leaders.nb.option.<key>`) in the current language."""
    lang = lang or get_language()
    keys = keys or ("base", "hire_two", "cap_25", "systemic", "family_centre", "before", "after",
                    "intake_team", "pilots_only", "half_trainers", "rollout")
    return {k: t(f"leaders.nb.option.{k}", lang) for k in keys}


def sweep(base: Scenario, parameter: str, values: Sequence[float], *, years: int = 3,
          replications: int = 5, seed: int = 0) -> tuple[RunResult, dict[str, float]]:
    """Run `base` with `parameter` (a dotted path) set to each value, on the same seed.

    Returns the combined result and the mapping scenario label -> value that
    `systemsim.viz.sweep_figure` draws against.
    """
    points = expand(base, [Vary(parameter, tuple(float(v) for v in values))], arg=parameter)
    runs = {p.key: p.scenario for p in points}
    x_of = {p.key: p.values[parameter] for p in points}
    return run_all(runs, years=years, replications=replications, seed=seed), x_of
