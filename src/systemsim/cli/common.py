"""Shared pieces of the run and compare commands: arguments, running, printing."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from systemsim.errors import InputError
from systemsim.experiment import contract, dumps, run_replications, summarise, tidy
from systemsim.experiment.plausibility import run_warnings
from systemsim.scenario import Scenario, load_scenario


def positive_int(name: str, maximum: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number, got {text!r}") from None
        if not 1 <= value <= maximum:
            raise argparse.ArgumentTypeError(f"{name} must be between 1 and {maximum}, got {value}")
        return value

    return parse


def seed_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed must be a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("seed must be 0 or more")
    return value


def add_run_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--years", type=positive_int("years", 50), default=3)
    p.add_argument("--replications", type=positive_int("replications", 10_000), default=10)
    p.add_argument("--seed", type=seed_int, default=0)
    p.add_argument("--processes", type=positive_int("processes", 256), default=None,
                   help="local processes (default: decide from the amount of work)")
    p.add_argument("--json", action="store_true", help="print only the JSON result on stdout")
    add_uncertainty_arguments(p)


def add_uncertainty_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--uncertainty", choices=("stochastic", "parameters"), default="stochastic",
                   help="parameters: each replication draws its parameters from the calibration's "
                   "posterior, so intervals include what we do not know (docs/validation.md)")
    p.add_argument("--posterior", metavar="FILE", default=None,
                   help="posterior file (default: the one beside the scenario or what it extends)")


def run_files(paths: list[str],
              args: argparse.Namespace) -> tuple[pd.DataFrame, dict[str, Scenario]]:
    """Run each scenario file on the same seeds; returns the summary table and the scenarios
    by label (what the table's costs are converted with, without reading the files again)."""
    stems = [Path(p).stem for p in paths]
    if len(set(stems)) != len(stems):
        raise InputError("two scenario files have the same name; rename one", where="SCENARIO")
    scenarios = {stem: load_scenario(p) for stem, p in zip(stems, paths, strict=True)}
    if args.uncertainty == "parameters":
        from systemsim.calibration.uncertainty import run_files_with_parameters

        return run_files_with_parameters(paths, args, list(scenarios.values())), scenarios
    frames = []  # every file was validated above, before running any
    for stem, scenario in scenarios.items():
        results = run_replications(
            scenario,
            years=args.years,
            replications=args.replications,
            seed=args.seed,
            processes=args.processes,
            progress=None if not args.json else sys.stderr.isatty(),
            label=stem,
        )
        frames.append(tidy(results, stem))
    return summarise(pd.concat(frames, ignore_index=True)), scenarios


#: what a `null` in the JSON means, for --help and the "warnings" list
JSON_NOTE = """\
JSON (--json): {"years", "replications", "seed", "warnings": [...], "scenarios": {"<stem>":
  {"kpis": {"<kpi>": [{"year", "mean", "low", "high"}, ...]}, "warnings": [...]}}}
A number is null only when there was nothing to measure that year: an on-time share when no
case was due, a mean or median time when no case finished. Each such KPI and year is listed
in the top-level "warnings", so a null is never silent. A scenario's own "warnings" say where a
run reached an implausible state (a stalled intake, caseloads over 90, deadlines abandoned).
"""


def json_warnings(summary: pd.DataFrame) -> list[str]:
    """One line per scenario and KPI whose mean is null (nothing to measure) in some years."""
    empty = summary[summary["mean"].isna()]
    out = []
    for (name, kpi), rows in empty.groupby(["scenario", "kpi"], sort=False):
        years = ", ".join(str(int(y)) for y in sorted(rows["year"]))
        out.append(f"{name}: {kpi} is null in year(s) {years}: nothing to measure (no case was "
                   "due or finished)")
    return out


def in_files_currency(summary: pd.DataFrame,
                      scenarios: Mapping[str, Scenario]) -> tuple[pd.DataFrame, str]:
    """The summary with costs in the files' own currency (kronor when every file is Swedish,
    else euros, as the board report does) and that currency; the rate and its source go to
    stderr when costs were converted. The JSON keeps euros (`cost_*_eur`)."""
    from systemsim.currency import in_readers_currency  # lazy: it imports plotly

    if not scenarios or not set(summary["scenario"]) <= set(scenarios):
        return summary, "EUR"
    money = in_readers_currency(scenarios, "en", summary)
    for note in money.notes:
        print(f"note: {note}", file=sys.stderr)
    return money.summary, money.currency


def emit(summary: pd.DataFrame, scenarios: Mapping[str, Scenario],
         args: argparse.Namespace) -> None:
    """The JSON, or the table with costs in the files' currency, warnings and extras."""
    extra = summary.attrs.get("uncertainty")  # only with --uncertainty parameters
    if args.json:
        doc = contract(summary, years=args.years, replications=args.replications, seed=args.seed,
                       warnings=json_warnings(summary), **({"uncertainty": extra} if extra else {}))
        sys.stdout.write(dumps(doc) + "\n")
    else:
        from systemsim.cli.table import print_table

        summary, currency = in_files_currency(summary, scenarios)
        print_table(summary, years=args.years, replications=args.replications, seed=args.seed,
                    currency=currency)
        for name, found in run_warnings(summary).items():
            for warning in found:
                print(f"warning: {name}: {warning}", file=sys.stderr)
        if extra:
            from systemsim.calibration.uncertainty import print_extra

            print_extra(extra, args.years)
