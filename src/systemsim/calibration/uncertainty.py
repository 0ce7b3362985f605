"""Answers that carry what we do not know: replications that draw their parameters from a posterior.

With parameter uncertainty, replication r runs with posterior draw r // S (S stochastic
replications per draw, so the two sources can be told apart) on the r-th replication seed.
Every scenario in a comparison gets the same draws and the same seeds (common random numbers),
so a difference between them comes from what differs, not from luck or from different guesses
about the unknowns. A calibrated number a scenario deliberately changed (its value differs from
the calibrated file's) keeps the scenario's value.
"""

from __future__ import annotations

import contextlib
import math
import sys
import typing
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel
from tqdm.auto import tqdm

from systemsim.calibration.posterior import Posterior, applicable, scenario_for_draw
from systemsim.errors import InputError
from systemsim.experiment.distributed import Backend, Local, Task, run_tasks
from systemsim.experiment.seeds import replication_seeds
from systemsim.scenario import Scenario
from systemsim.scenario.schema import Scenario as ScenarioModel

#: stochastic replications per posterior draw (two: enough to split the variance)
SEEDS_PER_DRAW = 2
#: posterior draws below which the unknowns are not ranked (SALib's delta needs its bins filled)
MIN_DRAWS = 20
#: KPIs whose variance split and difference ranking the CLI prints
SPLIT_KPIS = ("children_in_care", "placements_started", "open_care_clients", "caseload_mean",
              "assessments_on_time_share", "cost_total_eur")


@dataclass
class UncertainRun:
    """A long table (scenario, replication, year, kpi, value) and which draw each replication had."""

    long: pd.DataFrame
    draws: list[dict[str, float]]
    draw_of: list[int]  # replication -> draw index
    used: dict[str, list[str]] = field(default_factory=dict)  # label -> paths drawn
    kept: dict[str, list[str]] = field(default_factory=dict)  # label -> paths the scenario set


def plan(replications: int, seeds_per_draw: int = SEEDS_PER_DRAW) -> list[int]:
    """Replication -> draw: consecutive replications share a draw."""
    if replications < 2:
        raise InputError("parameter uncertainty needs at least 2 replications", where="--replications")
    return [r // seeds_per_draw for r in range(replications)]


def run_with_parameters(
    scenarios: Sequence[Scenario], labels: Sequence[str], posterior: Posterior, *,
    years: int, replications: int, seed: int, backend: Backend | None = None,
    progress: bool | None = None, exclude: Sequence[str] = (),
    seeds_per_draw: int = SEEDS_PER_DRAW,
) -> UncertainRun:
    """Every scenario R times, replication r on draw r // S and seed r (the same for all)."""
    draw_of = plan(replications, seeds_per_draw)
    draws = posterior.draws(max(draw_of) + 1, seed)
    seeds = replication_seeds(seed, replications)
    tasks, used, kept = [], {}, {}
    for i, (sc, label) in enumerate(zip(scenarios, labels, strict=True)):
        use, keep = applicable(posterior, sc)
        use = [p for p in use if p not in exclude]
        used[label] = use
        kept[label] = sorted(set(keep) | {p for p in exclude if p in posterior.paths})
        for r in range(replications):
            try:
                drawn = scenario_for_draw(sc, draws[draw_of[r]], use)
            except InputError as exc:
                raise InputError(f"a posterior draw does not fit {label}: {exc.message}",
                                 where="--posterior") from None
            tasks.append(Task(i, r, drawn, years, seeds[r]))
    bar = tqdm(total=len(tasks), desc="replications", unit="run", file=sys.stderr, leave=False,
               disable=None if progress is None else not progress)
    chunks = []
    try:
        with contextlib.closing(run_tasks(tasks, backend or Local())) as stream:
            for point, r, yearly, _conserved in stream:
                long = yearly.melt(id_vars="year", var_name="kpi", value_name="value")
                long.insert(0, "replication", r)
                long.insert(0, "point", point)
                chunks.append(long)
                bar.update()
    finally:
        bar.close()
    out = pd.concat(chunks, ignore_index=True)
    out["year"] = out["year"].astype(int)
    out = out.sort_values(["point", "replication", "year", "kpi"], kind="stable", ignore_index=True)
    out.insert(0, "scenario", out.pop("point").map(dict(enumerate(labels))))
    return UncertainRun(out, draws, draw_of, used, kept)


def variance_split(run: UncertainRun, kpis: Sequence[str] | None = None) -> pd.DataFrame:
    """Per scenario, KPI and year: total variance = parameter part + stochastic part.

    The stochastic part is the mean variance between replications that share a draw; the
    parameter part is the rest (law of total variance). When noise makes the rest negative the
    parameter part is 0 and all of it is stochastic, so the two always add up to the total.
    """
    df = run.long if kpis is None else run.long[run.long["kpi"].isin(kpis)]
    df = df.assign(draw=df["replication"].map(dict(enumerate(run.draw_of))))
    rows = []
    for (sc, kpi, year), g in df.groupby(["scenario", "kpi", "year"], sort=False):
        v = g["value"].to_numpy(dtype=float)
        if np.isnan(v).any() or len(v) < 2:
            continue
        total = float(np.var(v, ddof=1))
        within = g.groupby("draw")["value"].var(ddof=1).dropna()
        stochastic = float(within.mean()) if len(within) else total
        stochastic = min(stochastic, total)
        parameter = total - stochastic
        share = parameter / total if total > 0 else 0.0
        rows.append({"scenario": sc, "kpi": kpi, "year": int(year), "total": total,
                     "parameter": parameter, "stochastic": stochastic, "parameter_share": share})
    return pd.DataFrame(rows)


def describe(path: str) -> str:
    """A parameter in words: its key path and the schema's description, if it has one."""
    model: type[BaseModel] = ScenarioModel
    info = None
    for part in path.split("."):
        info = model.model_fields.get(part)
        if info is None:
            return path
        ann = info.annotation
        for arg in typing.get_args(ann) or (ann,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                model = arg
    text = info.description if info is not None else None
    return f"{path} ({text})" if text else path


def difference_sensitivity(run: UncertainRun, a: str, b: str, kpi: str, year: int, *,
                           seed: int = 0) -> tuple[pd.DataFrame, dict[str, float]]:
    """Rank the drawn parameters by how much they move B − A (SALib's delta, on posterior draws).

    Each draw's difference is averaged over its seeds. SALib's moment-independent delta and
    first-order S1 work on given samples, which posterior draws are; they assume independent
    inputs, and posterior parameters are often correlated, so read the order, not the decimals.
    """
    df = run.long[(run.long["kpi"] == kpi) & (run.long["year"] == year)]
    va = df[df["scenario"] == a].set_index("replication")["value"]
    vb = df[df["scenario"] == b].set_index("replication")["value"]
    diff = (vb - va).dropna()
    draw = pd.Series(run.draw_of, name="draw")
    per_draw = diff.groupby(draw.reindex(diff.index)).mean()
    paths = [p for p in run.used.get(a, []) if p in run.used.get(b, [])]
    X = np.array([[run.draws[d][p] for p in paths] for d in per_draw.index], dtype=float)
    Y = per_draw.to_numpy(dtype=float)
    facts = {"mean_difference": float(np.mean(Y)) if len(Y) else math.nan,
             "share_lower": float(np.mean(Y < 0)) if len(Y) else math.nan, "draws": float(len(Y))}
    varying = [j for j in range(len(paths)) if np.ptp(X[:, j]) > 0] if len(Y) else []
    if len(Y) < MIN_DRAWS or not varying or np.ptp(Y) == 0:
        return pd.DataFrame(columns=["param", "delta", "delta_conf", "S1", "S1_conf"]), facts
    import io

    from SALib.analyze import delta

    X = X[:, varying]
    names = [paths[j] for j in varying]
    problem = {"num_vars": len(names), "names": names,
               "bounds": [[float(X[:, j].min()), float(X[:, j].max())] for j in range(len(names))]}
    chatter = io.StringIO()  # SALib prints notes about its bins; the CLI's stdout may be JSON
    with np.errstate(all="ignore"), contextlib.redirect_stdout(chatter), \
            contextlib.redirect_stderr(chatter), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = delta.analyze(problem, X, Y, num_resamples=50, seed=seed, print_to_console=False)
    key = "delta_balanced" if "delta_balanced" in res else "delta"  # SALib >= 1.5 / older
    table = pd.DataFrame({"param": names, "delta": res[key], "delta_conf": res[f"{key}_conf"],
                          "S1": res["S1"], "S1_conf": res["S1_conf"]})
    table = table.dropna(subset=["delta"])
    return table.sort_values("delta", ascending=False, ignore_index=True), facts


def depends_sentence(table: pd.DataFrame, facts: dict[str, float], a: str, b: str, kpi: str,
                     year: int) -> str:
    """"Whether B lowers KPI compared with A depends mostly on …" in plain words."""
    share = facts["share_lower"]
    head = (f"{b} has lower {kpi} than {a} in year {year} for {share:.0%} of the posterior draws "
            f"(mean difference {facts['mean_difference']:+.3g}).")
    if table.empty:
        return head + (f" Too few draws to rank the unknowns (give at least {2 * MIN_DRAWS} replications)."
                       if facts["draws"] < MIN_DRAWS else " No drawn parameter moves the difference.")
    top = table.iloc[0]
    text = (f" Whether {b} lowers {kpi} depends mostly on {describe(top['param'])}"
            f" (delta {top['delta']:.2f} ± {top['delta_conf']:.2f})")
    if len(table) > 1:
        nxt = table.iloc[1]
        text += f", then on {nxt['param']} (delta {nxt['delta']:.2f})"
    return head + text + "."


def summary_extra(run: UncertainRun, posterior: Posterior, labels: Sequence[str], years: int,
                  seed: int) -> dict[str, Any]:
    """What the CLI adds to its table and JSON: the split, and for a pair the ranking."""
    split = variance_split(run, SPLIT_KPIS)
    extra: dict[str, Any] = {
        "kind": "parameters",
        "posterior": str(posterior.path) if posterior.path else None,
        "draws": max(run.draw_of) + 1, "seeds_per_draw": run.draw_of.count(0),
        "drawn": run.used, "kept_by_scenario": run.kept,
        "variance_split": {
            sc: {kpi: [{"year": int(r.year), "total": _num(r.total), "parameter": _num(r.parameter),
                        "stochastic": _num(r.stochastic)} for r in g.sort_values("year").itertuples()]
                 for kpi, g in rows.groupby("kpi", sort=True)}
            for sc, rows in split.groupby("scenario", sort=False)} if len(split) else {},
    }
    if len(labels) == 2:
        a, b = labels
        out = {}
        for kpi in ("children_in_care", "placements_started"):
            table, facts = difference_sensitivity(run, a, b, kpi, years, seed=seed)
            out[kpi] = {"year": years, **{k: _num(v) for k, v in facts.items()},
                        "sentence": depends_sentence(table, facts, a, b, kpi, years),
                        "ranking": [{k: (_num(v) if k != "param" else v) for k, v in row.items()}
                                    for row in table.to_dict("records")]}
        extra["difference"] = out
    return extra


def _num(x: Any) -> float | None:
    return None if x is None or not math.isfinite(float(x)) else round(float(x), 6)


def print_extra(extra: dict[str, Any], years: int) -> None:
    """The variance split (last year) and the compare sentence, under the CLI's table."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"Where the spread comes from, year {years} (variance: parameters + "
                  "stochastic = total)", caption=f"{extra['draws']} posterior draws × "
                  f"{extra['seeds_per_draw']} seeds; posterior {extra['posterior']}")
    table.add_column("scenario")
    table.add_column("KPI")
    table.add_column("parameters", justify="right")
    table.add_column("stochastic", justify="right")
    for sc, kpis in extra["variance_split"].items():
        for kpi, rows in kpis.items():
            last = [r for r in rows if r["year"] == years]
            if not last or not last[0]["total"]:
                continue
            r = last[0]
            table.add_row(sc, kpi, f"{r['parameter'] / r['total']:.0%}",
                          f"{r['stochastic'] / r['total']:.0%}")
    console.print(table)
    for d in extra.get("difference", {}).values():
        console.print(d["sentence"], highlight=False)


def run_result_with_parameters(scenario: Scenario, posterior: Posterior, *, years: int,
                               replications: int, seed: int = 0, label: str | None = None,
                               keep_weekly: bool = False, exclude: Sequence[str] = (),
                               seeds_per_draw: int = SEEDS_PER_DRAW, on_progress=None,
                               stop=None):
    """The dashboard's and the board report's run with parameter uncertainty.

    Returns ``(RunResult, variance split table)``: the same tables `experiment.run_scenario`
    gives (flows, caseloads, ...), replication r on posterior draw r // S and seed r, so two
    scenarios run with the same seed share draws and seeds (common random numbers). When
    `stop` (a `threading.Event`) is set, the run ends before the next replication and raises
    `Stopped` with what was finished, as `experiment.run_scenario` does.
    """
    from systemsim.experiment.runner import RunResult, Stopped, run_one

    label = label or scenario.name
    draw_of = plan(replications, seeds_per_draw)
    draws = posterior.draws(max(draw_of) + 1, seed)
    use, _ = applicable(posterior, scenario)
    use = [p for p in use if p not in exclude]
    parts = []
    for r, seed_seq in enumerate(replication_seeds(seed, replications)):
        if stop is not None and stop.is_set():
            raise Stopped(RunResult.of(label, parts) if parts else None)
        drawn = scenario_for_draw(scenario, draws[draw_of[r]], use)
        parts.append(run_one(drawn, years, seed_seq, keep_weekly=keep_weekly, flows=True))
        if on_progress:
            on_progress(r + 1, replications)
    result = RunResult.of(label, parts)
    return result, split_of(result, seeds_per_draw)


def split_of(result: Any, seeds_per_draw: int = SEEDS_PER_DRAW) -> pd.DataFrame:
    """The variance split of a run made by `run_result_with_parameters` (replication r on draw
    r // S), from its yearly table alone: a cached run can be split again later."""
    long = result.yearly[["scenario", "replication", "year", "kpi", "value"]]
    draw_of = plan(int(long["replication"].max()) + 1, seeds_per_draw)
    return variance_split(UncertainRun(long, [], draw_of))


def report_run(items: Sequence[Any], args: Any):
    """`systemsim report --uncertainty parameters`: every scenario on the same draws and seeds."""
    from systemsim.experiment.runner import combine

    posterior = posterior_for_files([str(i.path) for i in items], args.posterior)
    runs = [run_result_with_parameters(i.scenario, posterior, years=args.years,
                                       replications=args.replications, seed=args.seed,
                                       label=i.label)[0] for i in items]
    return combine(runs), posterior


def sweep_with_parameters(args: Any, points: Sequence[Any], backend: Backend):
    """`systemsim sweep --uncertainty parameters`: the varied paths are never drawn."""
    posterior = posterior_for_files([args.scenario], args.posterior)
    varied = sorted({path for pt in points for path in pt.values})
    labels = [pt.key for pt in points]
    run = run_with_parameters([pt.scenario for pt in points], labels, posterior, years=args.years,
                              replications=args.replications, seed=args.seed, backend=backend,
                              progress=None if not args.json else sys.stderr.isatty(), exclude=varied)
    extra = summary_extra(run, posterior, labels if len(labels) == 2 else [], args.years, args.seed)
    return run.long, extra


def posterior_for_files(paths: Sequence[str], explicit: str | None) -> Posterior:
    """One posterior for every compared file: the one given, or the one they all find."""
    from systemsim.calibration.posterior import find_posterior, require_posterior

    posterior = require_posterior(paths[0], explicit)
    if not explicit:
        for p in paths[1:]:
            other = find_posterior(p)
            if other is None or other.resolve() != posterior.path.resolve():
                raise InputError(f"finds a different posterior ({other}) than {paths[0]} "
                                 f"({posterior.path}); give one with --posterior", file=p,
                                 where="--uncertainty")
    return posterior


def run_files_with_parameters(paths: Sequence[str], args: Any,
                              scenarios: Sequence[Scenario] | None = None) -> pd.DataFrame:
    """`systemsim run|compare --uncertainty parameters`: the summary, its extras in `.attrs`
    (`scenarios`: the files already read, in the order of `paths`)."""
    from pathlib import Path

    from systemsim.experiment import summarise
    from systemsim.scenario import load_scenario

    labels = [Path(p).stem for p in paths]
    scenarios = list(scenarios) if scenarios is not None else [load_scenario(p) for p in paths]
    posterior = posterior_for_files(paths, getattr(args, "posterior", None))
    processes = getattr(args, "processes", None) or 1
    run = run_with_parameters(scenarios, labels, posterior, years=args.years,
                              replications=args.replications, seed=args.seed,
                              backend=Local(processes),
                              progress=None if not args.json else sys.stderr.isatty())
    summary = summarise(run.long)
    summary.attrs["uncertainty"] = summary_extra(run, posterior, labels, args.years, args.seed)
    return summary


__all__ = ["UncertainRun", "depends_sentence", "difference_sensitivity", "run_files_with_parameters",
           "run_with_parameters", "split_of", "variance_split"]
