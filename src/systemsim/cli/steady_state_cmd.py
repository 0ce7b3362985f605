"""`systemsim steady-state FILE`: the starting stocks the scenario's own flows sustain.

Prints the `initial:` section a steady baseline needs (or, with `--write`, puts it in FILE),
each value with the source `derived: model steady state (systemsim steady-state, seed ...)`.
"""

from __future__ import annotations

import argparse

from systemsim.cli.common import positive_int, seed_int
from systemsim.errors import InputError
from systemsim.experiment.steady_state import steady_state, write_initial
from systemsim.scenario import load_scenario


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("steady-state", help="starting stocks from a burn-in of the model itself")
    p.add_argument("scenario", metavar="FILE")
    p.add_argument("--years", type=positive_int("years", 200), default=40,
                   help="burn-in years (default 40)")
    p.add_argument("--average-years", type=positive_int("average-years", 100), default=10,
                   help="the last years whose year-end stocks are averaged (default 10)")
    p.add_argument("--replications", type=positive_int("replications", 1000), default=8)
    p.add_argument("--seed", type=seed_int, default=1)
    p.add_argument("--write", action="store_true", help="write the stocks into FILE's initial: section")
    p.add_argument("--write-to", metavar="TARGET", default=None,
                   help="write them into TARGET instead (e.g. the scenario a counterfactual baseline"
                   " extends)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if args.average_years >= args.years:
        raise InputError(f"--average-years must be less than --years ({args.years}),"
                         f" got {args.average_years}", where="--average-years")
    scenario = load_scenario(args.scenario)
    state = steady_state(scenario, years=args.years, average_years=args.average_years,
                         replications=args.replications, seed=args.seed)
    print(state.yaml_block(), end="")
    target = args.write_to or (args.scenario if args.write else None)
    if target is not None:
        write_initial(target, state)
        print(f"# written to {target}")
    return 0
