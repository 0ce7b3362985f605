"""`systemsim sensitivity SCENARIO --params path=low:high ... --method sobol|morris`: SALib."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from systemsim.cli.common import positive_int, seed_int
from systemsim.cli.sweep_cmd import add_dashboard_argument, backend_from_args
from systemsim.cli.workload import confirm_work
from systemsim.errors import InputError
from systemsim.experiment import dumps, run_one
from systemsim.experiment.sensitivity import INDICES, METHODS, parse_params, run_sensitivity, to_json
from systemsim.scenario import load_scenario

EPILOG = """\
Each sample point runs the scenario R times on the same replication seeds and is reduced to one
number: KPI in year Y (mean over the replications). Points needed: sobol N*(D+2), morris
N*(D+1) for D parameters and --samples N (sobol wants N a power of two). Whole-number
parameters (counts) are rounded.

Reported (95 % confidence half-widths from SALib's bootstrap):
  sobol : S1 (first-order index: share of the KPI's variance the parameter explains alone)
          ST (total index: including its interactions)
  morris: mu_star (mean absolute elementary effect, in KPI units), sigma (spread: interaction
          or non-linearity)

JSON (--json): {"method", "kpi", "year", "years", "samples", "points", "replications", "seed",
  "params": [{"path", "low", "high"}], "indices": {"<path>": {"S1": x, "S1_conf": x, ...}}}

Example:
  systemsim sensitivity scenarios/finland_typical.yaml --params workforce.social_workers=5:9 \\
      --params basic_services.early_support_places=10:60 --method sobol --samples 32 \\
      --kpi children_in_care --year 3
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sensitivity", help="global sensitivity of a KPI to parameters (SALib: Sobol or Morris)",
        description="Which scenario parameters move a KPI, with confidence intervals.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--params", action="extend", nargs="+", default=[], metavar="PATH=LOW:HIGH",
                   help="parameters and their ranges, e.g. workforce.social_workers=5:9")
    p.add_argument("--method", choices=METHODS, default="sobol")
    p.add_argument("--samples", type=positive_int("samples", 100_000), default=None,
                   help="base samples N (default: 32 for sobol, 10 trajectories for morris)")
    p.add_argument("--kpi", required=True, help="the KPI to explain, e.g. children_in_care")
    p.add_argument("--year", type=positive_int("year", 50), required=True)
    p.add_argument("--years", type=positive_int("years", 50), default=None,
                   help="years to simulate (default: --year)")
    p.add_argument("--replications", type=positive_int("replications", 1000), default=1)
    p.add_argument("--seed", type=seed_int, default=0)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--processes", type=positive_int("processes", 256), default=None)
    where.add_argument("--workers", type=positive_int("workers", 256), default=None,
                       help="start a Dask LocalCluster with this many worker processes")
    where.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="use an existing Dask cluster")
    add_dashboard_argument(p)
    p.add_argument("--json", action="store_true", help="print only the JSON result on stdout")
    p.add_argument("--yes", action="store_true",
                   help="start an analysis estimated above 10,000 runs or 10 CPU-minutes")
    p.set_defaults(func=_run)


def _check_kpi(scenario, kpi: str) -> None:
    """Refuse an unknown KPI before the long run, listing the names there are."""
    probe = run_one(scenario, 1, 0).yearly
    names = sorted(c for c in probe.columns if c != "year")
    if kpi not in names:
        raise InputError(f"unknown KPI {kpi!r}; allowed: {', '.join(names)}", where="--kpi")


def _fmt(x: float) -> str:
    return "–" if x is None or not math.isfinite(x) else f"{x:.3g}"


def _run(args: argparse.Namespace) -> int:
    scenario = load_scenario(args.scenario)
    params = parse_params(args.params, scenario)
    years = args.years or args.year
    if args.year > years:
        raise InputError(f"--year {args.year} is after the last simulated year {years}",
                         where="--year")
    samples = args.samples or (32 if args.method == "sobol" else 10)
    _check_kpi(scenario, args.kpi)
    points = samples * (len(params) + (2 if args.method == "sobol" else 1))
    confirm_work(f"{args.method} sensitivity of {Path(args.scenario).name}: {points:,} points x "
                 f"{args.replications:,} replications", points * args.replications, years,
                 scenario.population.children.value, scenario, args.yes,
                 kind="analysis")
    work = points * args.replications * years * scenario.population.children.value
    backend = backend_from_args(args, work, points * args.replications)
    table, n = run_sensitivity(
        scenario, params, method=args.method, samples=samples, kpi=args.kpi, year=args.year,
        years=years, replications=args.replications, seed=args.seed, backend=backend,
        progress=None if not args.json else sys.stderr.isatty(),
    )
    if args.json:
        doc = to_json(table, params, method=args.method, kpi=args.kpi, year=args.year,
                      years=years, samples=samples, points=n, replications=args.replications,
                      seed=args.seed)
        sys.stdout.write(dumps(doc) + "\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    out = Table(title=f"{args.method} sensitivity of {args.kpi} in year {args.year} — {n} points "
                f"× {args.replications} replications, seed {args.seed}",
                caption="± = 95 % confidence half-width (bootstrap)")
    out.add_column("parameter")
    for name in INDICES[args.method]:
        out.add_column(name, justify="right")
    for row in table.to_dict("records"):
        out.add_row(row["param"], *(
            f"{_fmt(row[k])} ± {_fmt(row[k + '_conf'])}" if k + "_conf" in row else _fmt(row[k])
            for k in INDICES[args.method]))
    Console().print(out)
    return 0
