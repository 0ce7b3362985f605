"""`systemsim report A B ... --html FILE`: a self-contained board report (and CSV tables).

Why 0644: a board report and its tables are written to be shared (they go into public
minutes), so they get the ordinary permissions of a document; a trainee's journal and a
family's genogram exports, which may hold personal data, are 0600. Both outputs are checked
before the simulation runs and written whole or not at all: the tables first, the report last.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from systemsim.cli.common import add_uncertainty_arguments, positive_int, seed_int
from systemsim.errors import InputError
from systemsim.i18n import LANGUAGES
from systemsim.yamlio import why_not_written, write_text_atomic

#: a board report is a public document (see the module docstring)
REPORT_MODE = 0o644


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
    p.add_argument("--decompose", action="store_true",
                   help="add a bar per group of settings: how much of each difference between "
                        "the two scenarios each group explains (Shapley, 2^groups runs)")
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
    if args.decompose and len(items) != 2:
        raise InputError(f"--decompose compares exactly two scenarios (A and B), got {len(items)}",
                         where="SCENARIO")
    check_writable(out.parent, "--html")  # before the long run, not after it
    if args.csv:
        check_writable(Path(args.csv), "--csv")
    from systemsim.calibration.notes import calibration_reference, intervals_note
    from systemsim.calibration.uncertainty import report_run

    result, posterior = report_run(items, args) if args.uncertainty == "parameters" else (
        run_for_report(items, years=args.years, replications=args.replications, seed=args.seed), None)
    parts = None
    if args.decompose:
        from systemsim.experiment.decompose import announce, decompose

        a, b = (i.scenario for i in items)
        announce(a, b, args.replications)
        parts = decompose(a, b, years=args.years, replications=args.replications, seed=args.seed,
                          labels=(stems[0], stems[1]))
    doc = build_report(items, result, years=args.years, replications=args.replications,
                       seed=args.seed, lang=args.lang, decomposition=parts,
                       intervals=intervals_note(args.lang, posterior),
                       calibration=calibration_reference(args.lang, posterior))
    written = write_tables(result, Path(args.csv), write_csv) if args.csv else []
    write_text_atomic(out, doc, mode=REPORT_MODE)
    print(f"wrote {out} ({len(doc) // 1024} kB)", file=sys.stderr)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    return 0


def check_writable(folder: Path, where: str) -> None:
    """Create the folder if needed and prove a file can be made in it, or a one-line error."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".systemsim-", suffix=".probe")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise InputError(f"cannot write here ({why_not_written(exc)})", file=folder,
                         where=where) from None


def write_tables(result, folder: Path, write_csv) -> list[Path]:
    """The CSV tables, written in a temporary folder and moved into place only when all are."""
    try:
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".systemsim-csv-"))
    except OSError as exc:
        raise InputError(f"cannot write here ({why_not_written(exc)})", file=folder,
                         where="--csv") from None
    try:
        made = write_csv(result, staging)
        final = []
        for path in made:
            os.chmod(path, REPORT_MODE)
            os.replace(path, folder / path.name)
            final.append(folder / path.name)
        return final
    except OSError as exc:
        raise InputError(f"cannot write the tables ({why_not_written(exc)})", file=folder,
                         where="--csv") from None
    finally:
        for leftover in staging.glob("*"):
            leftover.unlink(missing_ok=True)
        staging.rmdir()
