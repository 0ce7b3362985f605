"""The `systemsim` command line.

Each subcommand lives in its own module in this package with a `register(subparsers)`
function; `COMMANDS` lists them in the order `--help` shows them. Bad input anywhere
becomes one clear line on stderr and exit code 2, never a traceback.

Stopping: Ctrl-C (SIGINT) exits with 130 and SIGTERM (a `kill`, a job scheduler, a closing
service) with 143, the shell's 128 + signal number. Both stop the same way: queued work is
cancelled, worker processes, clusters and servers are stopped, nothing is left half-written.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import signal
import sys

from systemsim.errors import InputError

COMMANDS = ["validate", "run", "compare", "sweep", "sensitivity", "steady_state", "calibrate",
            "genogram", "report", "app"]

#: exit codes of a stopped run: 128 + the signal's number
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so it unwinds exactly as Ctrl-C does."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="systemsim",
        description="Simulate child-protection services and run training material.",
        epilog="Exit codes: 0 done, 2 bad input or a file that cannot be read or written, "
        "130 stopped by Ctrl-C, 143 stopped by SIGTERM.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"systemsim.cli.{name}_cmd").register(sub)
    for name, p in sub.choices.items():
        if name != "app":
            p.add_argument("--allow-dir", action="append", default=[], metavar="DIR",
                           help="also let files include (extends:, family:, scenario:) files from "
                           "this folder (repeatable; also $SYSTEMSIM_ALLOW_DIRS)")
    return parser


def main(argv: list[str] | None = None) -> int:
    previous = signal.getsignal(signal.SIGTERM)
    if previous in (signal.SIG_DFL, None):
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        args = build_parser().parse_args(argv)  # imports the commands: Ctrl-C may come here too
        if getattr(args, "allow_dir", None):
            from systemsim.yamlio import allow_folders

            allow_folders(args.allow_dir)
        return int(args.func(args) or 0)
    except InputError as exc:
        print(f"systemsim: error: {exc}", file=sys.stderr)
        return 2
    except Terminated:
        print("systemsim: stopped (SIGTERM)", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("systemsim: stopped by the user", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:  # a file we could not read or write: one line, never a traceback
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        reason = exc.strerror or os.strerror(exc.errno or errno.EIO)
        print(f"systemsim: error: {where}{reason.lower()}", file=sys.stderr)
        return 2
    finally:
        if previous in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, previous or signal.SIG_DFL)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
