"""`systemsim sweep SCENARIO --vary path=v1,v2 ...`: a parameter sweep on common random numbers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from systemsim.cli.common import add_uncertainty_arguments, positive_int, seed_int
from systemsim.experiment import contract, dumps, summarise
from systemsim.experiment.distributed import Backend, Dask, Local, run_points
from systemsim.experiment.sweep import expand, parse_varies
from systemsim.scenario import load_scenario

EPILOG = """\
Every sweep point (one combination of the --vary values; first --vary slowest) runs the same
R replication seeds, so points differ only by their parameters (common random numbers). The
same --seed gives byte-identical JSON however the sweep ran: one process, local processes, a
Dask LocalCluster (--workers) or an existing Dask cluster (--scheduler).

JSON (--json), the run/compare shape with one entry per sweep point:
  {"years": N, "replications": R, "seed": S,
   "points": [{"key": "workforce.social_workers=7,legal.caseload_cap=30",
               "values": {"workforce.social_workers": 7, "legal.caseload_cap": 30}}, ...],
   "scenarios": {"workforce.social_workers=7,legal.caseload_cap=30":
                   {"kpis": {"<kpi>": [{"year": 1, "mean": x, "low": p5, "high": p95}, ...]}},
                 ...}}
A point's key is "path=value" joined by commas in --vary order; whole numbers are written
without a decimal point. "points" lists the points in sweep order.

Example:
  systemsim sweep scenarios/finland_typical.yaml --vary workforce.social_workers=5,7,9 \\
      --vary legal.caseload_cap=20,30 --years 3 --replications 20 --seed 1 --workers 2 --json
"""


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
    p.add_argument("--json", action="store_true", help="print only the JSON result on stdout")
    add_uncertainty_arguments(p)
    p.set_defaults(func=_run)


def backend_from_args(args: argparse.Namespace, work: float, tasks: int) -> Backend:
    """Dask when asked for; otherwise local processes, several only when the work pays."""
    if args.scheduler:
        return Dask(address=args.scheduler)
    if args.workers:
        return Dask(workers=args.workers)
    if args.processes:
        return Local(args.processes)
    import os

    if work < 2_000_000 or tasks < 4:
        return Local(1)
    return Local(min(os.cpu_count() or 1, tasks))


def _plain(values: dict[str, float]) -> dict[str, float | int]:
    return {k: int(v) if float(v).is_integer() else v for k, v in values.items()}


def _run(args: argparse.Namespace) -> int:
    base = load_scenario(args.scenario)
    points = expand(base, parse_varies(args.vary, base))  # all validated before any run
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
            progress=None if not args.json else sys.stderr.isatty(),
        )
    summary = summarise(long)
    if args.json:
        doc = contract(summary, years=args.years, replications=args.replications, seed=args.seed,
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
