"""Run a scenario for N years and R replications, and return tidy result tables.

The one run engine: the CLI, sweeps, the dashboard, the board report, the notebooks and the
training stage all run the model through here. Results are plain pandas tables (never
models), so they can be streamed, stored, compared and drawn. Replications run in local
processes when that pays off; the numbers are the same however they run, because each
replication's seed depends only on (seed, replication).
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from systemsim.experiment.flows import FlowModel
from systemsim.experiment.kpis import weekly_frame, yearly_kpis
from systemsim.experiment.seeds import replication_seeds
from systemsim.model.model import WEEKS_PER_YEAR, ChildProtectionModel
from systemsim.scenario.schema import Scenario


@dataclass(frozen=True)
class Replication:
    """The tables one replication produces."""

    yearly: pd.DataFrame  # wide: year x KPI
    weekly: pd.DataFrame | None  # wide: week x measure
    conserved: bool
    flows: pd.DataFrame | None = None  # year, source, target, children (runs with flows=True)
    caseloads: pd.DataFrame | None = None  # year, worker, caseload (runs with flows=True)


def run_one(
    scenario: Scenario,
    years: int,
    seed: np.random.SeedSequence | int,
    *,
    keep_weekly: bool = False,
    flows: bool = False,
) -> Replication:
    """Simulate one replication and reduce it to tables (with flows and caseloads if asked)."""
    model = (FlowModel if flows else ChildProtectionModel)(scenario, seed=seed)
    with young_gc_only():
        for _ in range(years):
            model.run_weeks(WEEKS_PER_YEAR)
            gc.collect(1)
    weekly = weekly_frame(model)
    replication = Replication(
        yearly=yearly_kpis(model, weekly),
        weekly=weekly if keep_weekly else None,
        conserved=model.recorder.conserved(),
        flows=model.flow_table() if flows else None,
        caseloads=model.caseload_table() if flows else None,
    )
    model.release()
    return replication


@contextmanager
def young_gc_only() -> Iterator[None]:
    """Pause Python's automatic cyclic GC for a run; the caller collects young objects yearly.

    A large run keeps a million or more live objects (families in contact, their traits and
    histories, pending returns), and the automatic full collections walk all of them again
    and again while freeing almost nothing: about a quarter of a Finland-size run (see
    benchmarks/README.md). Reference counting still frees everything acyclic at once, and a
    yearly young-generation collection frees any cycles, so memory stays the same and the
    numbers are unchanged.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class Stopped(Exception):
    """The user pressed Stop; `partial` holds what was finished so far (or None)."""

    def __init__(self, partial):
        super().__init__("stopped by the user")
        self.partial = partial


def _job(args: tuple) -> Replication:
    scenario, years, seed, keep_weekly, flows = args
    return run_one(scenario, years, seed, keep_weekly=keep_weekly, flows=flows)


def auto_processes(replications: int, years: int, scenario: Scenario) -> int:
    """Use several processes only when the work outweighs starting them (about 2 s each)."""
    work = replications * years * scenario.population.children.value
    if work < 400_000 or replications < 4:
        return 1
    return max(1, min(os.cpu_count() or 1, replications))


def run_replications(
    scenario: Scenario,
    *,
    years: int,
    replications: int,
    seed: int,
    processes: int | None = None,
    keep_weekly: bool = False,
    flows: bool = False,
    progress: bool | None = None,
    label: str = "",
    on_progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> list[Replication]:
    """All replications of one scenario, in replication order.

    `on_progress(done, total)` is called after each replication. When `stop` is set, a run in
    this process ends before the next replication and raises `Stopped` carrying the list of
    replications finished so far.
    """
    seeds = replication_seeds(seed, replications)
    jobs = [(scenario, years, s, keep_weekly, flows) for s in seeds]
    n = processes if processes is not None else auto_processes(replications, years, scenario)
    bar = tqdm(total=replications, desc=label or scenario.name, unit="run",
               disable=None if progress is None else not progress, leave=False)
    results: list[Replication] = []

    def finished(rep: Replication) -> None:
        results.append(rep)
        bar.update()
        if on_progress:
            on_progress(len(results), replications)

    try:
        if n <= 1:
            for job in jobs:
                if stop is not None and stop.is_set():
                    raise Stopped(results)
                finished(_job(job))
        else:
            from systemsim.experiment.distributed import _worker_init, children_ignore_sigint

            # the same worker set-up as the sweep's pool: workers ignore Ctrl-C (the parent
            # stops them) and exit as soon as the parent is gone, even after a SIGKILL
            with children_ignore_sigint():
                pool = ProcessPoolExecutor(max_workers=n, initializer=_worker_init,
                                           initargs=(os.getpid(),))
            with pool:
                for rep in pool.map(_job, jobs):
                    finished(rep)
    finally:
        bar.close()
    return results


def _stacked(tables: Sequence[pd.DataFrame | None], scenario_label: str) -> pd.DataFrame:
    """Replication tables one under the other with scenario and replication columns first."""
    frames = []
    for r, table in enumerate(tables):
        if table is None or not len(table):
            continue
        table = table.copy()
        table.insert(0, "replication", r)
        frames.append(table)
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "scenario", scenario_label)
    return out


def tidy(results: Sequence[Replication], scenario_label: str) -> pd.DataFrame:
    """Long table: scenario, replication, year, kpi, value."""
    return _stacked([rep.yearly.melt(id_vars="year", var_name="kpi", value_name="value")
                     for rep in results], scenario_label)


def tidy_weekly(results: Sequence[Replication], scenario_label: str) -> pd.DataFrame:
    """Long weekly table (only for replications run with keep_weekly)."""
    return _stacked([rep.weekly for rep in results], scenario_label)


@dataclass
class RunResult:
    """Tidy tables of one scenario's replications (or several scenarios', after `combine`)."""

    label: str
    yearly: pd.DataFrame  # scenario, replication, year, kpi, value
    flows: pd.DataFrame  # scenario, replication, year, source, target, children
    caseloads: pd.DataFrame  # scenario, replication, year, worker, caseload
    weekly: pd.DataFrame = field(default_factory=pd.DataFrame)  # scenario, replication, week, ...

    @property
    def replications(self) -> int:
        return int(self.yearly["replication"].nunique()) if len(self.yearly) else 0

    @classmethod
    def of(cls, label: str, results: Sequence[Replication]) -> RunResult:
        """The tidy tables of `results`, labelled `label`."""
        return cls(label, tidy(results, label), _stacked([rep.flows for rep in results], label),
                   _stacked([rep.caseloads for rep in results], label),
                   tidy_weekly(results, label))


def run_scenario(
    scenario: Scenario,
    *,
    years: int,
    replications: int,
    seed: int = 0,
    label: str | None = None,
    keep_weekly: bool = False,
    processes: int | None = 1,
    on_progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> RunResult:
    """`run_replications` with flows and caseloads, as one `RunResult` (what figures draw).

    Runs in this process unless `processes` says otherwise, so that `stop` is seen between
    replications; a stopped run raises `Stopped` carrying the `RunResult` finished so far.
    """
    label = label or scenario.name
    try:
        results = run_replications(scenario, years=years, replications=replications, seed=seed,
                                   processes=processes, keep_weekly=keep_weekly, flows=True,
                                   progress=False, label=label, on_progress=on_progress, stop=stop)
    except Stopped as stopped:
        raise Stopped(RunResult.of(label, stopped.partial) if stopped.partial else None) from None
    return RunResult.of(label, results)


def combine(results: list[RunResult]) -> RunResult:
    """One result holding several scenarios' tables (for figures that compare them)."""

    def cat(name: str) -> pd.DataFrame:
        frames = [getattr(r, name) for r in results if len(getattr(r, name))]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    return RunResult(" | ".join(r.label for r in results), cat("yearly"), cat("flows"),
                     cat("caseloads"), cat("weekly"))


def summarise(long: pd.DataFrame) -> pd.DataFrame:
    """Mean and 5th/95th percentile across replications per scenario, KPI and year."""
    grouped = long.groupby(["scenario", "kpi", "year"], sort=False)["value"]
    # vectorised, NaN skipped, linear interpolation (numpy's default percentile)
    out = pd.DataFrame({"mean": grouped.mean(), "low": grouped.quantile(0.05),
                        "high": grouped.quantile(0.95)})
    return out.reset_index()
