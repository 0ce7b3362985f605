"""`systemsim validate FILE...`: check scenario, family and vignette files.

The file's top-level `kind:` says what it is (`scenario` when absent). Each kind's module
provides `validate_file(path) -> list[str]`: it raises `InputError` for a broken file and
returns warnings (for example parameters that name no source) for a file that loads.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from systemsim.errors import InputError
from systemsim.scenario import load_scenario
from systemsim.scenario.schema import assumptions
from systemsim.yamlio import key_name, read_yaml

#: kind -> module that provides `validate_file(path) -> list[str]`
VALIDATORS = {
    "scenario": "systemsim.scenario",
    "family": "systemsim.genogram",
    "vignette": "systemsim.training",
    "targets": "systemsim.calibration.targets",
}


def validate_path(path: str) -> list[str]:
    """Validate one file of any kind; returns its warnings."""
    data = read_yaml(path)
    kind = data.get("kind", "scenario")
    if kind not in VALIDATORS:
        raise InputError(
            f"unknown kind {key_name(kind)!r}; allowed: {', '.join(VALIDATORS)}", file=path,
            where="kind"
        )
    module = importlib.import_module(VALIDATORS[kind])
    return list(module.validate_file(path))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check scenario, family and vignette files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--assumptions", action="store_true",
                   help="list every number a scenario marks as an assumption, with its value")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    failed = 0
    for path in args.files:
        try:
            warnings = validate_path(path)
        except InputError as exc:
            failed += 1
            print(f"FAIL {exc}", file=sys.stderr)
            continue
        print(f"ok   {path}" + (f" ({len(warnings)} warnings)" if warnings else ""))
        for warning in warnings:
            print(f"     warning: {warning}")
        if args.assumptions:
            _print_assumptions(path)
        from systemsim.calibration.priors import prior_lines_for_file

        for line in prior_lines_for_file(path):
            print(f"     prior: {line}")
    if failed:
        print(f"{failed} of {len(args.files)} files failed", file=sys.stderr)
        return 2
    return 0


def _print_assumptions(path: str) -> None:
    """The numbers a scenario file marks as assumptions (after `extends:`), one a line."""
    if read_yaml(path).get("kind", "scenario") != "scenario":
        return
    found = assumptions(load_scenario(path))
    print(f"     {len(found)} assumptions:")
    for dotted, value, source in found:
        print(f"       {dotted} = {value:g}  ({source})")
