"""`systemsim run SCENARIO`: replications of one scenario, as a table or JSON."""

from __future__ import annotations

import argparse

from systemsim.cli.common import JSON_NOTE, add_run_arguments, emit, run_files


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="simulate one scenario", epilog=JSON_NOTE,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario", metavar="SCENARIO")
    add_run_arguments(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    emit(*run_files([args.scenario], args), args)
    return 0
