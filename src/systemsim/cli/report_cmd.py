"""`systemsim report A B ... --html FILE`: a self-contained board report (and CSV tables)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from systemsim.cli.common import add_uncertainty_arguments, positive_int, seed_int
from systemsim.errors import InputError
from systemsim.i18n import LANGUAGES


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "report", help="write a self-contained HTML report comparing scenarios (opens offline)")
    p.add_argument("scenarios", nargs="+", metavar="SCENARIO")
    p.add_argument("--years", type=positive_int("years", 50), default=3)
    p.add_argument("--replications", type=positive_int("replications", 10_000), default=10)
    p.add_argument("--seed", type=seed_int, default=0)
    p.add_argument("--html", required=True, metavar="FILE", help="the report file to write")
    p.add_argument("--csv", metavar="DIR", help="also write the tidy tables as CSV files here")
    p.add_argument("--lang", choices=LANGUAGES, default="fi", help="language of the report")
    add_uncertainty_arguments(p)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from systemsim.report.board import ReportInput, build_report, run_for_report, write_csv
    from systemsim.scenario import load_scenario

    paths = [Path(p) for p in args.scenarios]
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise InputError("two scenario files have the same name; rename one", where="SCENARIO")
    out = Path(args.html)
    if out.is_dir():
        raise InputError("is a folder; give a file name such as report.html", file=out, where="--html")
    if not out.parent.exists():
        raise InputError(f"folder {str(out.parent)!r} does not exist", file=out, where="--html")
    if args.csv and Path(args.csv).exists() and not Path(args.csv).is_dir():
        raise InputError("exists and is not a folder", file=args.csv, where="--csv")
    items = [ReportInput(s, p, load_scenario(p)) for s, p in zip(stems, paths, strict=True)]
    from systemsim.calibration.uncertainty import intervals_note, report_run

    result, posterior = report_run(items, args) if args.uncertainty == "parameters" else (
        run_for_report(items, years=args.years, replications=args.replications, seed=args.seed), None)
    doc = build_report(items, result, years=args.years, replications=args.replications,
                       seed=args.seed, lang=args.lang, intervals=intervals_note(args.lang, posterior))
    out.write_text(doc, encoding="utf-8")
    print(f"wrote {out} ({len(doc) // 1024} kB)", file=sys.stderr)
    if args.csv:
        for path in write_csv(result, args.csv):
            print(f"wrote {path}", file=sys.stderr)
    return 0
