"""Run a scenario for N years and R replications, and return tidy result tables.

Results are plain pandas tables (never models), so they can be streamed, stored, compared
and drawn. Replications run in local processes when that pays off; the numbers are the same
however they run, because each replication's seed depends only on (seed, replication).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

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


def run_one(
    scenario: Scenario,
    years: int,
    seed: np.random.SeedSequence | int,
    *,
    keep_weekly: bool = False,
) -> Replication:
    """Simulate one replication and reduce it to tables."""
    model = ChildProtectionModel(scenario, seed=seed)
    with young_gc_only():
        for _ in range(years):
            model.run_weeks(WEEKS_PER_YEAR)
            gc.collect(1)
    weekly = weekly_frame(model)
    replication = Replication(
        yearly=yearly_kpis(model, weekly),
        weekly=weekly if keep_weekly else None,
        conserved=model.recorder.conserved(),
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


def _job(args: tuple) -> Replication:
    scenario, years, seed, keep_weekly = args
    return run_one(scenario, years, seed, keep_weekly=keep_weekly)


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
    progress: bool | None = None,
    label: str = "",
    on_replication: Callable[[int], None] | None = None,
) -> list[Replication]:
    """All replications of one scenario, in replication order."""
    seeds = replication_seeds(seed, replications)
    jobs = [(scenario, years, s, keep_weekly) for s in seeds]
    n = processes if processes is not None else auto_processes(replications, years, scenario)
    bar = tqdm(total=replications, desc=label or scenario.name, unit="run",
               disable=None if progress is None else not progress, leave=False)
    results: list[Replication] = []
    try:
        if n <= 1:
            for i, job in enumerate(jobs):
                results.append(_job(job))
                bar.update()
                if on_replication:
                    on_replication(i)
        else:
            with ProcessPoolExecutor(max_workers=n) as pool:
                for i, rep in enumerate(pool.map(_job, jobs)):
                    results.append(rep)
                    bar.update()
                    if on_replication:
                        on_replication(i)
    finally:
        bar.close()
    return results


def tidy(results: Sequence[Replication], scenario_label: str) -> pd.DataFrame:
    """Long table: scenario, replication, year, kpi, value."""
    frames = []
    for r, rep in enumerate(results):
        long = rep.yearly.melt(id_vars="year", var_name="kpi", value_name="value")
        long.insert(0, "replication", r)
        frames.append(long)
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "scenario", scenario_label)
    return out


def tidy_weekly(results: Sequence[Replication], scenario_label: str) -> pd.DataFrame:
    """Long weekly table (only for replications run with keep_weekly)."""
    frames = []
    for r, rep in enumerate(results):
        if rep.weekly is None:
            continue
        w = rep.weekly.copy()
        w.insert(0, "replication", r)
        frames.append(w)
    if not frames:
        return pd.DataFrame()
    out = pd.concat(frames, ignore_index=True)
    out.insert(0, "scenario", scenario_label)
    return out


def summarise(long: pd.DataFrame) -> pd.DataFrame:
    """Mean and 5th/95th percentile across replications per scenario, KPI and year."""
    grouped = long.groupby(["scenario", "kpi", "year"], sort=False)["value"]
    out = grouped.agg(
        mean="mean",
        low=lambda v: float(np.nanpercentile(v, 5)) if v.notna().any() else float("nan"),
        high=lambda v: float(np.nanpercentile(v, 95)) if v.notna().any() else float("nan"),
    )
    return out.reset_index()
