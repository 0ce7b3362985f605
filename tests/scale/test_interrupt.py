"""Ctrl-C during a sweep: exit 130 with one line, no traceback, no worker processes left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from repo_paths import ROOT, TYPICAL


@pytest.mark.slow
@pytest.mark.parametrize("where", [["--processes", "2"], ["--workers", "2"]], ids=["pool", "dask"])
def test_ctrl_c_stops_a_sweep_cleanly(where):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), os.environ.get(
        "PYTHONPATH", "")]))
    args = [sys.executable, "-m", "systemsim", "sweep", str(TYPICAL),
            "--vary", "population.children=50000,60000", "--vary", "population.inhabitants=250000",
            "--years", "10", "--replications", "40",
            *where, "--json"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    # wait until the pool or cluster is up and working (slow on a busy machine)
    deadline = time.monotonic() + 60
    while len(_group(proc.pid)) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    assert out == b""
    assert err.decode().strip().splitlines()[-1] == "systemsim: stopped by the user"
    assert "Traceback" not in err.decode(), err.decode()
    deadline = time.monotonic() + 10
    while _group(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _group(proc.pid) == []


def _group(pgid: int) -> list[str]:
    """Live (not zombie) processes of a process group."""
    ps = subprocess.run(["ps", "-eo", "pgid=,stat=,pid="], capture_output=True, text=True).stdout
    return [line for line in ps.splitlines()
            if line.split()[0] == str(pgid) and not line.split()[1].startswith("Z")]
