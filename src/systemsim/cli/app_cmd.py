"""`systemsim app`: serve the leaders' dashboard as a Voilà page on 127.0.0.1 (no code shown)."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from systemsim.cli.common import positive_int
from systemsim.errors import InputError

#: seconds Voilà gets to stop its kernels after each signal
STOP_GRACE_SECONDS = 10.0


def default_notebook() -> Path:
    """`notebooks/simulations/dashboard.ipynb` of the repository this package runs from."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "notebooks" / "simulations" / "dashboard.ipynb"
        if candidate.exists():
            return candidate
    return Path.cwd() / "notebooks" / "simulations" / "dashboard.ipynb"


#: seconds a page's kernel may sit idle with no page connected before Voilà shuts it down
CULL_AFTER_SECONDS = 600


def voila_command(notebook: Path, port: int, cull_after: int = CULL_AFTER_SECONDS) -> list[str]:
    """The Voilà command line: localhost only, no browser, code cells stripped, and the kernels
    of closed pages shut down.

    Why the culling: every page load starts a kernel (150–250 MB with the model loaded), and
    Voilà 0.5's own shutdown on leaving a page is refused by its XSRF check (its beacon carries
    no `_xsrf` cookie), so in a classroom each reload or closed tab kept a kernel until the app
    stopped. A kernel with a page still connected is never culled.

    Why IPC: over TCP each kernel takes random ports; with kernels started and culled in quick
    succession a page's run stalled after about 50 loads (Voilà waiting on an idle kernel) in
    two of two runs of the reliability test, and over Unix sockets 60 of 60 loads drew every
    widget.
    """
    return [sys.executable, "-m", "voila", str(notebook), "--no-browser", "--Voila.ip=127.0.0.1",
            f"--port={port}", "--strip_sources=True", "--show_tracebacks=False",
            f"--MappingKernelManager.cull_idle_timeout={cull_after}",
            f"--MappingKernelManager.cull_interval={max(1, min(60, cull_after // 4))}",
            "--MappingKernelManager.cull_connected=False", "--KernelManager.transport=ipc"]


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("app", help="serve the what-if dashboard on http://127.0.0.1:PORT/")
    p.add_argument("--port", type=positive_int("port", 65535), default=8866)
    p.add_argument("--notebook", default=None, help="notebook to serve (default: the dashboard)")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    notebook = Path(args.notebook) if args.notebook else default_notebook()
    if not notebook.exists():
        raise InputError("notebook not found", file=notebook, where="--notebook")
    if not port_free(args.port):
        raise InputError(f"port {args.port} on 127.0.0.1 is in use; choose another with --port",
                         where="--port")
    print(f"systemsim: dashboard at http://127.0.0.1:{args.port}/ (Ctrl+C stops)", file=sys.stderr)
    # its own session: Voilà and what it starts are stopped by us, as a group, however we
    # are stopped (Ctrl-C, or SIGTERM raised as `Terminated` by the CLI)
    server = subprocess.Popen(voila_command(notebook, args.port), cwd=notebook.parent,
                              start_new_session=True)
    try:
        return server.wait()
    finally:
        stop_server(server)


def stop_server(server: subprocess.Popen, grace: float = STOP_GRACE_SECONDS) -> None:
    """Stop Voilà as Ctrl-C would (it then shuts its kernels down), then make sure of it."""
    if server.poll() is not None:
        return
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, sig)
        try:
            server.wait(grace)
            break
        except subprocess.TimeoutExpired:
            continue
    with contextlib.suppress(ProcessLookupError):  # anything left in its group
        os.killpg(server.pid, signal.SIGKILL)
