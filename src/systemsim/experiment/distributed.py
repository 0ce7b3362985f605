"""Run many (scenario, replication) tasks locally or on Dask, streaming tidy rows back.

A task is one replication of one scenario: the worker runs the model and sends back only its
yearly KPI table (a few kB), never the model. Results are folded into a long table as they
complete and sorted at the end, so the numbers do not depend on where or in which order the
tasks ran: replication r always gets the r-th child of `SeedSequence(seed)`.

Backends:

* ``Local(processes)``: the calling process when ``processes == 1``, otherwise a pool of
  spawned processes;
* ``Dask(workers=N)``: a `distributed.LocalCluster` of N single-threaded worker processes;
* ``Dask(address="tcp://...")``: an existing Dask cluster (its workers need systemsim
  installed, the same version).

On Dask each task is submitted with ``retries``; a worker that dies takes its running tasks
with it and the scheduler runs them again elsewhere, with the same seeds and so the same
numbers. Ctrl-C (and SIGTERM, which the CLI raises as a `KeyboardInterrupt`) cancels what is
queued, closes pools and clusters, and re-raises (the CLI exits with 130, or 143 for SIGTERM).

A worker process (a pool's, or a LocalCluster's) watches the process that started it and exits
within a second when the parent is gone, even after a SIGKILL that gave the parent no time to
stop it: an orphan would hold about 150 MB and a core for the rest of its replication.

A LocalCluster listens on 127.0.0.1 only and opens no dashboard unless asked
(`Dask(dashboard=...)`, the CLI's `--dashboard`).
"""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from systemsim.errors import InputError
from systemsim.experiment.seeds import replication_seeds
from systemsim.scenario import Scenario

#: how often Dask runs a task again after it raised (worker deaths are retried by the
#: scheduler as well, up to `distributed.scheduler.allowed-failures`)
RETRIES = 3


@dataclass(frozen=True)
class Task:
    point: int  # index of the scenario / sweep point
    replication: int
    scenario: Scenario
    years: int
    seed: np.random.SeedSequence


@dataclass(frozen=True)
class Local:
    processes: int = 1


@dataclass(frozen=True)
class Dask:
    workers: int | None = None
    address: str | None = None
    #: "HOST:PORT" of the LocalCluster's dashboard; None opens none
    dashboard: str | None = None


Backend = Local | Dask


def replication_task(task: Task) -> tuple[int, int, pd.DataFrame, bool]:
    """Run one replication where this function is called; return only its small tables."""
    from systemsim.experiment.runner import run_one

    # the model spawns child seeds from the SeedSequence it is given, which changes that
    # object: run on a copy so a retried or repeated task gets exactly the same numbers
    rep = run_one(task.scenario, task.years, copy.deepcopy(task.seed))
    return task.point, task.replication, rep.yearly, rep.conserved


def make_tasks(scenarios: Sequence[Scenario], *, years: int, replications: int,
               seed: int) -> list[Task]:
    """Every point gets the same replication seeds (common random numbers)."""
    return [
        Task(i, r, sc, years, s)
        for i, sc in enumerate(scenarios)
        for r, s in enumerate(replication_seeds(seed, replications))
    ]


# ---------------------------------------------------------------------------- workers
#: how often a worker checks that its parent is still there (seconds)
WATCH_INTERVAL = 0.5


#: the pid of the process that starts Dask workers, passed to them in their environment
PARENT_ENV = "SYSTEMSIM_PARENT_PID"


def watch_parent(parent: int | None = None, interval: float = WATCH_INTERVAL) -> None:
    """Exit this process as soon as `parent` (the process that started it) is gone.

    The parent's pid comes from the parent itself: a worker still importing when its parent
    was killed would otherwise take its new parent (init) for the one to watch.
    """
    parent = parent or os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="systemsim-watch-parent", daemon=True).start()


def dask_setup(server: object) -> None:
    """Dask preload hook: a LocalCluster's worker process watches the process that started it
    (its nannies live in that process)."""
    parent = os.environ.get(PARENT_ENV, "")
    if parent.isdigit():
        watch_parent(int(parent))


def _worker_init(parent: int) -> None:
    # only the parent reacts to Ctrl-C and SIGTERM; it then terminates the pool
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    watch_parent(parent)


# ---------------------------------------------------------------------------- local


@contextmanager
def children_ignore_sigint() -> Iterator[None]:
    """Start worker processes that never see Ctrl-C; the parent stops them.

    A terminal's Ctrl-C reaches the whole process group, and a worker hit by it prints a
    traceback. SIGINT is *blocked* (not ignored) while the workers start: they inherit the
    blocked mask, also in the processes they start later (a Dask nanny restarting a worker),
    so Ctrl-C never reaches them. The parent's own Ctrl-C stays pending meanwhile and is
    delivered when the block ends, so it is never lost. SIGTERM is not blocked: it is how the
    parent stops its workers.
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    # The parent's Python handlers are held back too: another thread (a BLAS thread started
    # before the block) may take the signal for the process, and a cluster interrupted
    # half-started cannot be closed cleanly. Spawned workers do not inherit Python handlers.
    pending: list[int] = []
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    handlers = {sig: h for sig, h in handlers.items() if callable(h)}
    for sig in handlers:
        signal.signal(sig, lambda signum, frame: pending.append(signum))
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(pending):
            handlers[sig](sig, None)


def _run_local(tasks: list[Task], processes: int) -> Iterator[tuple]:
    if processes <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield replication_task(task)
        return
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with children_ignore_sigint():
        pool = ctx.Pool(min(processes, len(tasks)), initializer=_worker_init,
                        initargs=(os.getpid(),))
    try:
        yield from pool.imap_unordered(replication_task, tasks, chunksize=1)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


# ---------------------------------------------------------------------------- Dask
def _src_path() -> str:
    """The directory systemsim is imported from, so local Dask workers import the same code."""
    return str(Path(__file__).resolve().parents[2])


def _worker_env() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH", "")
    parts = [_src_path(), *[p for p in path.split(os.pathsep) if p]]
    return {"PYTHONPATH": os.pathsep.join(dict.fromkeys(parts)), PARENT_ENV: str(os.getpid())}


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def start_local_cluster(workers: int, dashboard: str | None = None):
    """A LocalCluster of single-threaded worker processes that import this systemsim.

    Everything listens on 127.0.0.1; the scheduler's HTTP server (which Dask always starts)
    takes a free loopback port and serves a dashboard only when `dashboard` is "HOST:PORT".
    """
    from distributed import LocalCluster

    with children_ignore_sigint():
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=dashboard,
            worker_dashboard_address=None,
            scheduler_kwargs={"dashboard": dashboard is not None,
                              "dashboard_address": dashboard or "127.0.0.1:0"},
            silence_logs=logging.CRITICAL,  # task errors still reach the caller through futures
            env=_worker_env(),
            preload=[__name__],
        )


def connect(address: str):
    from distributed import Client

    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach a Dask scheduler at {address!r} ({exc})",
                         where="--scheduler") from None


def _run_dask(tasks: list[Task], backend: Dask, client=None) -> Iterator[tuple]:
    from distributed import Client, as_completed

    cluster = None
    own_client = client is None
    futures = []
    try:
        if client is None:
            if backend.address:
                client = connect(backend.address)
            else:
                cluster = start_local_cluster(backend.workers or 1, backend.dashboard)
                client = Client(cluster)
        # the scenario travels inside each task (a few kB), not as scattered data: scattered
        # data dies with its worker, a task's own arguments do not
        token = uuid.uuid4().hex[:12]
        for task in tasks:
            futures.append(client.submit(
                _dask_task, task.point, task.replication, task.scenario, task.years, task.seed,
                key=f"systemsim-rep-{token}-{task.point}-{task.replication}",
                retries=RETRIES, pure=False,
            ))
        for future in as_completed(futures):
            result = future.result()
            future.release()
            yield result
    except BaseException:
        if futures:
            client.cancel(futures, force=True)
        raise
    finally:
        if own_client and client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


def _dask_task(point: int, replication: int, scenario: Scenario, years: int,
               seed: np.random.SeedSequence) -> tuple[int, int, pd.DataFrame, bool]:
    return replication_task(Task(point, replication, scenario, years, seed))


# ---------------------------------------------------------------------------- both
def run_tasks(tasks: list[Task], backend: Backend, *, client=None) -> Iterator[tuple]:
    """Yield ``(point, replication, yearly, conserved)`` as tasks complete (any order)."""
    if isinstance(backend, Dask) or client is not None:
        return _run_dask(tasks, backend if isinstance(backend, Dask) else Dask(), client)
    return _run_local(tasks, backend.processes)


def run_points(
    scenarios: Sequence[Scenario],
    labels: Sequence[str],
    *,
    years: int,
    replications: int,
    seed: int,
    backend: Backend | None = None,
    progress: bool | None = None,
    kpis: Sequence[str] | None = None,
    client=None,
    on_result: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Run every scenario R times on the same seeds; the long table of all results.

    Columns: scenario (its label), replication, year, kpi, value; sorted by point,
    replication, year and KPI so the table is the same whichever way it ran. `kpis` keeps
    only those KPIs (for sensitivity runs over many points).
    """
    tasks = make_tasks(scenarios, years=years, replications=replications, seed=seed)
    bar = tqdm(total=len(tasks), desc="replications", unit="run", file=sys.stderr,
               disable=None if progress is None else not progress, leave=False,
               dynamic_ncols=True)
    chunks: list[pd.DataFrame] = []
    not_conserved = 0
    try:
        results = contextlib.closing(run_tasks(tasks, backend or Local(), client=client))
        with results as stream:  # closing it stops pools and clusters at once, even on Ctrl-C
            for point, replication, yearly, conserved in stream:
                long = yearly.melt(id_vars="year", var_name="kpi", value_name="value")
                if kpis is not None:
                    long = long[long["kpi"].isin(kpis)]
                long.insert(0, "replication", replication)
                long.insert(0, "point", point)
                chunks.append(long)
                not_conserved += not conserved
                bar.update()
                if on_result:
                    on_result(point, replication)
    finally:
        bar.close()
    if not_conserved:
        print(f"systemsim: warning: {not_conserved} replications lost or created families "
              "outside the pathway", file=sys.stderr)
    out = pd.concat(chunks, ignore_index=True)
    out["year"] = out["year"].astype(int)
    out = out.sort_values(["point", "replication", "year", "kpi"], kind="stable", ignore_index=True)
    out.insert(0, "scenario", out.pop("point").map(dict(enumerate(labels))))
    return out
