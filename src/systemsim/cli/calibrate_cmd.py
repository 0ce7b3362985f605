"""`systemsim calibrate SCENARIO --targets FILE`: ABC-SMC (pyabc) of the scenario's priors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from systemsim.cli.common import positive_int, seed_int
from systemsim.errors import InputError

EPILOG = """\
Calibrates every scenario number that has a `prior:` (or only those given with --params)
against a target file (scenarios/targets/*.yaml) with ABC-SMC (pyabc). Each evaluation runs
one replication. Writes, beside SCENARIO:
  <stem>.posterior.json   weighted parameter sets, the targets, seeds and package versions
  <stem>.posterior.html   diagnostics: marginals, pairs, posterior predictive, ESS
  <stem>.<run>.calibration.db   pyabc's database: give the same command again to continue a
                          stopped run, or a larger --generations to add generations.
With --workers 1 (the default) the same --seed gives the same posterior; with several
workers or a Dask scheduler the result agrees within its Monte-Carlo error.

Example:
  systemsim calibrate scenarios/calibration/finland_typical.yaml \\
      --targets scenarios/targets/finland_national.yaml --population 200 --generations 6 --workers 2
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "calibrate", help="calibrate a scenario's priors against targets (ABC-SMC with pyabc)",
        description="Approximate Bayesian computation of the numbers that carry a prior.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--targets", required=True, metavar="FILE", help="a target file (kind: targets)")
    p.add_argument("--population", type=positive_int("population", 100_000), default=200,
                   help="particles per generation (default 200)")
    p.add_argument("--generations", type=positive_int("generations", 100), default=6,
                   help="ABC-SMC generations in all, counting those already in the database")
    p.add_argument("--seed", type=seed_int, default=0)
    p.add_argument("--params", nargs="+", default=None, metavar="PATH",
                   help="calibrate only these key paths (each needs a prior)")
    p.add_argument("--history-matching", type=positive_int("history-matching", 100_000),
                   default=None, metavar="POINTS",
                   help="first cut the prior with a history-matching wave of this many points")
    p.add_argument("--min-epsilon", type=float, default=0.0,
                   help="stop once the distance threshold (RMS z-score) is this small")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=positive_int("workers", 256), default=1,
                       help="local processes (pyabc's multicore sampler when more than 1)")
    where.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="a Dask scheduler, e.g. tcp://10.0.0.5:8786 (pyabc's Dask sampler)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from systemsim.calibration.abc import Settings, calibrate, evaluations_per_second

    if not Path(args.scenario).exists():
        raise InputError("file not found", file=args.scenario, where="SCENARIO")
    if args.min_epsilon < 0:
        raise InputError("must be 0 or more", where="--min-epsilon")
    settings = Settings(population=args.population, generations=args.generations,
                        workers=args.workers, scheduler=args.scheduler, seed=args.seed,
                        history_matching=args.history_matching or 0, min_epsilon=args.min_epsilon,
                        params=args.params)
    result = calibrate(args.scenario, args.targets, settings, progress=sys.stderr.isatty())
    post = result.posterior
    print(f"posterior: {result.posterior_path} (ESS {post.ess():.0f} of {post.size})")
    print(f"diagnostics: {result.posterior_path.with_suffix('.html')}")
    print(f"database: {result.database} ({post.meta['generations']} generations, "
          f"{result.evaluations} evaluations, {evaluations_per_second(result):.1f} per second "
          f"in this session)")
    if result.wave:
        print(f"history matching: {result.wave.kept} of {result.wave.points} points kept")
    for path, s in post.summary().items():
        print(f"  {path}: median {s['q50']:.4g}, 90 % {s['q05']:.4g} – {s['q95']:.4g}")
    return 0
