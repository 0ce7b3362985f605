"""`systemsim sweep SCENARIO --vary path=v1,v2 ...`: a parameter sweep on common random numbers."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from pydantic import ValidationError

from systemsim.cli.common import add_uncertainty_arguments, json_warnings, positive_int, seed_int
from systemsim.cli.workload import confirm_work
from systemsim.errors import InputError
from systemsim.experiment import contract, dumps, summarise
from systemsim.experiment.distributed import Backend, Dask, Local, run_points
from systemsim.experiment.sweep import expand, parse_varies, point_key
from systemsim.scenario import Scenario, load_scenario
from systemsim.scenario.loader import input_error

EPILOG = """\
Every sweep point (one combination of the --vary values; first --vary slowest) runs the same
R replication seeds, so points differ only by their parameters (common random numbers). The
same --seed gives byte-identical JSON however the sweep ran: one process, local processes, a
Dask LocalCluster (--workers) or an existing Dask cluster (--scheduler).

JSON (--json), the run/compare shape with one entry per sweep point:
  {"years": N, "replications": R, "seed": S, "warnings": [...],
   "points": [{"key": "workforce.social_workers=7,legal.caseload_cap=30",
               "values": {"workforce.social_workers": 7, "legal.caseload_cap": 30}}, ...],
   "scenarios": {"workforce.social_workers=7,legal.caseload_cap=30":
                   {"kpis": {"<kpi>": [{"year": 1, "mean": x, "low": p5, "high": p95}, ...]}},
                 ...}}
A point's key is "path=value" joined by commas in --vary order; whole numbers are written
without a decimal point. "points" lists the points in sweep order.

Before anything runs, the sweep prints its size and an estimate of the CPU time on stderr
(from one timed replication of SCENARIO). Above 10,000 runs or 10 CPU-minutes
it starts only with --yes; more than 100,000 points are refused. Progress is shown on
stderr. --workers starts no Dask dashboard unless --dashboard is given (127.0.0.1:8787 by
default).

Example:
  systemsim sweep scenarios/finland_typical.yaml --vary workforce.social_workers=5,7,9 \\
      --vary legal.caseload_cap=20,30 --years 3 --replications 20 --seed 1 --workers 2 --json
"""

#: a sweep with more points is refused whatever the user says (--yes: cli/workload.py)
MAX_POINTS = 100_000


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sweep", help="run a scenario over a grid of parameter values",
        description="Run SCENARIO at every combination of the --vary values.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--vary", action="append", default=[], metavar="PATH=V1,V2",
                   help="a scenario number and the values to try (repeatable), "
                   "e.g. workforce.social_workers=5,7,9")
    p.add_argument("--years", type=positive_int("years", 50), default=3)
    p.add_argument("--replications", type=positive_int("replications", 10_000), default=10)
    p.add_argument("--seed", type=seed_int, default=0)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--processes", type=positive_int("processes", 256), default=None,
                       help="local processes (default: one per core when the work pays for it)")
    where.add_argument("--workers", type=positive_int("workers", 256), default=None,
                       help="start a Dask LocalCluster with this many worker processes")
    where.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="use an existing Dask cluster, e.g. tcp://10.0.0.5:8786")
    add_dashboard_argument(p)
    p.add_argument("--yes", action="store_true",
                   help="start a sweep estimated above 10,000 runs or 10 CPU-minutes")
    p.add_argument("--json", action="store_true", help="print only the JSON result on stdout")
    add_uncertainty_arguments(p)
    p.set_defaults(func=_run)


def add_dashboard_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dashboard", nargs="?", const="127.0.0.1:8787", default=None,
                   metavar="HOST:PORT",
                   help="with --workers: open Dask's dashboard (default 127.0.0.1:8787)")


def backend_from_args(args: argparse.Namespace, work: float, tasks: int) -> Backend:
    """Dask when asked for; otherwise local processes, several only when the work pays."""
    if args.scheduler:
        return Dask(address=args.scheduler)
    dashboard = getattr(args, "dashboard", None)
    if dashboard and not args.workers:
        raise InputError("opens the dashboard of a cluster started with --workers",
                         where="--dashboard")
    if args.workers:
        if dashboard and dashboard.rpartition(":")[0] not in ("127.0.0.1", "localhost", "[::1]"):
            print(f"systemsim: warning: the Dask dashboard on {dashboard} is reachable from other "
                  "machines", file=sys.stderr)
        return Dask(workers=args.workers, dashboard=dashboard)
    if args.processes:
        return Local(args.processes)
    import os

    if work < 2_000_000 or tasks < 4:
        return Local(1)
    return Local(min(os.cpu_count() or 1, tasks))


def _plain(values: dict[str, float]) -> dict[str, float | int]:
    return {k: int(v) if float(v).is_integer() else v for k, v in values.items()}


def check_size(args: argparse.Namespace, base: Scenario, varies: list) -> None:
    """Say how big the sweep is before it starts; refuse a huge one unless --yes."""
    n_points = math.prod(len(v.values) for v in varies)
    if n_points > MAX_POINTS:
        raise InputError(f"{n_points:,} points; a sweep may have at most {MAX_POINTS:,} "
                         "(fewer values per --vary, or several sweeps)", where="--vary")
    runs = n_points * args.replications
    children = base.population.children.value
    for v in varies:  # a sweep over the population scales the work with it
        if v.path == "population.children":
            children = sum(v.values) / len(v.values)
    confirm_work(f"sweep of {Path(args.scenario).name}: {n_points:,} points x "
                 f"{args.replications:,} replications", runs, args.years, children, base, args.yes,
                 kind="sweep")


def check_alone(base: Scenario, path: str, value: float) -> None:
    """A value out of its own range, named at once; combinations are checked by `expand`."""
    data = base.model_dump()
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    node[leaf] = {"value": value, "source": "sweep"}
    try:
        Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{point_key({path: value})}: {input_error(exc, 'sweep').message}",
                         where="--vary") from None


def _run(args: argparse.Namespace) -> int:
    if args.dashboard and not args.workers:
        raise InputError("opens the dashboard of a cluster started with --workers",
                         where="--dashboard")
    base = load_scenario(args.scenario)
    varies = parse_varies(args.vary, base)
    for v in varies:  # each value on its own first: a bad one is named before the estimate
        for value in v.values:
            check_alone(base, v.path, value)
    check_size(args, base, varies)
    points = expand(base, varies)  # all validated before any run
    work = sum(pt.scenario.population.children.value for pt in points) * args.years * args.replications
    backend = backend_from_args(args, work, len(points) * args.replications)
    extra = {}
    if args.uncertainty == "parameters":  # every point on the same posterior draws and seeds
        from systemsim.calibration.uncertainty import sweep_with_parameters

        long, extra = sweep_with_parameters(args, points, backend)
    else:
        long = run_points(
            [pt.scenario for pt in points], [pt.key for pt in points],
            years=args.years, replications=args.replications, seed=args.seed, backend=backend,
            progress=True if not args.json else sys.stderr.isatty(),
        )
    summary = summarise(long)
    if args.json:
        doc = contract(summary, years=args.years, replications=args.replications, seed=args.seed,
                       warnings=json_warnings(summary),
                       points=[{"key": pt.key, "values": _plain(pt.values)} for pt in points],
                       **({"uncertainty": extra} if extra else {}))
        sys.stdout.write(dumps(doc) + "\n")
    else:
        from systemsim.cli.table import print_table

        print(f"sweep of {Path(args.scenario).name}: {len(points)} points", file=sys.stderr)
        print_table(summary, years=args.years, replications=args.replications, seed=args.seed)
        if extra:
            from systemsim.calibration.uncertainty import print_extra

            print_extra(extra, args.years)
    return 0
