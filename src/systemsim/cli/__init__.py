"""The `systemsim` command line.

Each subcommand lives in its own module in this package with a `register(subparsers)`
function; `COMMANDS` lists them in the order `--help` shows them. Bad input anywhere
becomes one clear line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from systemsim.errors import InputError

COMMANDS = ["validate", "run", "compare", "sweep", "sensitivity", "calibrate", "genogram", "report", "app"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="systemsim",
        description="Simulate child-protection services and run training material.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"systemsim.cli.{name}_cmd").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)  # imports the commands: Ctrl-C may come here too
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"systemsim: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("systemsim: stopped by the user", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
