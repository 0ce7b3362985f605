"""Shared helpers: the real CLI in a subprocess that imports this checkout's code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
TYPICAL = ROOT / "scenarios" / "finland_typical.yaml"


def cli_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def cli(*args: str, cwd: Path = ROOT, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """`systemsim ARGS` as a user runs it; returns the finished process."""
    return subprocess.run([sys.executable, "-m", "systemsim", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env=cli_env(**env))


@pytest.fixture(autouse=True)
def _isolated_journal(tmp_path, monkeypatch):
    monkeypatch.setenv("SYSTEMSIM_JOURNAL", str(tmp_path / "home" / ".systemsim" / "journal.sqlite"))
