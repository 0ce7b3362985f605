"""SIGTERM stops like Ctrl-C, workers die with their parent, servers close: real processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, TYPICAL, cli, cli_env

pytestmark = pytest.mark.slow


def start(*args: str, cwd: Path = ROOT) -> subprocess.Popen:
    """`systemsim ARGS` in its own process group, as a service manager would start it."""
    return subprocess.Popen([sys.executable, "-m", "systemsim", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=cli_env(), cwd=cwd, start_new_session=True)


def group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    ps = subprocess.run(["ps", "-eo", "pgid=,stat=,pid="], capture_output=True, text=True).stdout
    return [int(f[2]) for f in (line.split() for line in ps.splitlines())
            if f[0] == str(pgid) and not f[1].startswith("Z")]


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def listening_ports(pids: list[int]) -> set[tuple[str, int]]:
    """(address, port) of every TCP socket these processes listen on (from /proc)."""
    inodes = set()
    for pid in pids:
        fd_dir = Path(f"/proc/{pid}/fd")
        try:
            for fd in fd_dir.iterdir():
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    out = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            f = line.split()
            if f[3] == "0A" and f[9] in inodes:  # LISTEN
                host, port = f[1].split(":")
                out.add((host, int(port, 16)))
    return out


SWEEP = ["sweep", str(TYPICAL), "--vary", "population.children=50000,60000",
         "--vary", "population.inhabitants=250000", "--years", "10", "--replications", "40", "--json"]


@pytest.mark.parametrize("where", [["--processes", "2"], ["--workers", "2"]], ids=["pool", "dask"])
def test_sigterm_stops_a_sweep_like_ctrl_c_with_exit_143(where):
    proc = start(*SWEEP, *where)
    assert wait_for(lambda: len(group(proc.pid)) >= 3 or proc.poll() is not None, 90)
    time.sleep(1.5)
    if where[0] == "--workers":  # Dask: loopback only, and no dashboard on 8787
        ports = listening_ports(group(proc.pid))
        assert ports and all(host in ("0100007F", "00000000000000000000000001000000")
                             for host, _ in ports), ports
        assert 8787 not in {port for _, port in ports}
    os.kill(proc.pid, signal.SIGTERM)  # only the parent, as `kill PID` does
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, err.decode()
    assert out == b"" and "Traceback" not in err.decode()
    assert err.decode().strip().splitlines()[-1] == "systemsim: stopped (SIGTERM)"
    assert wait_for(lambda: group(proc.pid) == [], 15), group(proc.pid)


@pytest.mark.parametrize("where", [["--processes", "2"], ["--workers", "2"]], ids=["pool", "dask"])
def test_workers_exit_when_their_parent_is_killed(where):
    # a replication of 200,000 children for 20 years takes minutes: without the watch, a
    # worker in the middle of one would hold its memory and core that long
    proc = start("sweep", str(TYPICAL), "--vary", "population.children=200000,210000",
                 "--vary", "population.inhabitants=1000000", "--years", "20", "--replications",
                 "4", "--json", "--yes", *where)
    assert wait_for(lambda: len(group(proc.pid)) >= 3 or proc.poll() is not None, 90)
    time.sleep(20)  # the workers have imported everything and are running a replication
    workers = [p for p in group(proc.pid) if p != proc.pid]
    assert workers and proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)  # no chance to clean up
    proc.communicate(timeout=30)
    assert wait_for(lambda: group(proc.pid) == [], 5), group(proc.pid)


def test_a_huge_sweep_asks_for_yes_and_says_how_big_it_is():
    grid = ",".join(str(n) for n in range(1, 201))
    out = cli("sweep", str(TYPICAL), "--vary", f"workforce.social_workers={grid}",
              "--vary", f"basic_services.early_support_places={grid}")
    assert out.returncode == 2 and out.stdout == ""
    first, last = out.stderr.strip().splitlines()
    assert "40,000 points x 10 replications = 400,000 runs" in first and "CPU-minutes" in first
    assert last.startswith("systemsim: error: --yes: this sweep is 400,000 runs")
    too_many = cli("sweep", str(TYPICAL), "--vary", f"workforce.social_workers={grid}",
                   "--vary", f"basic_services.early_support_places={grid}",
                   "--vary", "legal.caseload_cap=20,25,30", "--yes")
    assert too_many.returncode == 2 and "at most 100,000" in too_many.stderr


def test_a_small_sweep_says_its_size_and_runs():
    out = cli("sweep", str(TYPICAL), "--vary", "workforce.social_workers=6,8", "--years", "1",
              "--replications", "2", "--json")
    assert out.returncode == 0, out.stderr
    assert "2 points x 2 replications = 4 runs" in out.stderr
    assert len(json.loads(out.stdout)["points"]) == 2
    table = cli("sweep", str(TYPICAL), "--vary", "workforce.social_workers=6,8", "--years", "1",
                "--replications", "2")
    assert table.returncode == 0, table.stderr
    assert "replications:" in table.stderr and "/4 [" in table.stderr  # progress, not silence


def test_dashboard_needs_a_cluster():
    out = cli("sweep", str(TYPICAL), "--vary", "workforce.social_workers=6,8", "--dashboard")
    assert out.returncode == 2 and "--dashboard" in out.stderr


NOTEBOOK = {
    "cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
               "source": ["print('hello from the kernel')"]}],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> set[int]:
    ps = subprocess.run(["ps", "-eo", "pid=,ppid=,stat="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in ps.splitlines():
        p, pp, st = line.split()[:3]
        if not st.startswith("Z"):
            children.setdefault(int(pp), []).append(int(p))
    out, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.add(c)
            todo.append(c)
    return out


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_sigterm_to_app_stops_voila_and_its_kernel(tmp_path):
    nb = tmp_path / "tiny.ipynb"
    nb.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    port = free_port()
    proc = start("app", "--notebook", str(nb), "--port", str(port), cwd=tmp_path)
    try:
        def page() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60) as r:
                    return b"hello from the kernel" in r.read()
            except OSError:
                return False

        assert wait_for(page, 120), proc.stderr.read1().decode() if proc.poll() is not None else ""
        started = descendants(proc.pid)
        assert len(started) >= 2  # Voilà and the notebook's kernel
        os.kill(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=60)
        assert proc.returncode == 143
        assert wait_for(lambda: not any(alive(p) for p in started), 20), [
            p for p in started if alive(p)]
        with socket.socket() as s:  # nothing listens on the port any more
            assert s.connect_ex(("127.0.0.1", port)) != 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["run", "compare"])
def test_run_and_compare_workers_exit_when_their_parent_is_killed(command):
    """`run` and `compare` start their own process pool (`experiment.runner`): its workers
    watch the parent as the sweep's do, so a SIGKILL leaves no 150 MB orphans."""
    files = [str(TYPICAL)] + ([str(TYPICAL.parent / "hackney_unit.yaml")]
                              if command == "compare" else [])
    proc = start(command, *files, "--years", "20", "--replications", "40", "--processes", "2",
                 "--json")
    assert wait_for(lambda: len(group(proc.pid)) >= 3 or proc.poll() is not None, 90)
    time.sleep(5)  # the workers are running replications
    assert proc.poll() is None and len(group(proc.pid)) >= 3
    os.kill(proc.pid, signal.SIGKILL)  # no chance to clean up
    proc.communicate(timeout=30)
    assert wait_for(lambda: group(proc.pid) == [], 5), group(proc.pid)
