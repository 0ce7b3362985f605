"""`systemsim compare A B ...`: several scenarios on the same random numbers."""

from __future__ import annotations

import argparse

from systemsim.cli.common import JSON_NOTE, add_run_arguments, emit, run_files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare scenarios on common random numbers", epilog=JSON_NOTE,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO")
    add_run_arguments(p)
    p.add_argument("--decompose", action="store_true",
                   help="split each KPI's difference between two scenarios among the groups of "
                        "settings that differ (Shapley, common random numbers; 2^groups runs)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    if args.decompose:
        from systemsim.cli.decompose_out import run_decompose

        return run_decompose(args)
    emit(*run_files(args.scenarios, args), args)
    return 0
