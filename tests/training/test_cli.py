"""`systemsim validate` on vignettes: ok on good files, exit 2 and one clear line on bad ones."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

import systemsim
from systemsim.cli import validate_cmd

GOOD = Path(__file__).parent / "data" / "vignettes" / "test_home_visit.yaml"

CLI_COMPLETE = all(
    importlib.util.find_spec(f"systemsim.cli.{name}_cmd") for name in ("run", "compare")
)


def _bad(good_data, write_vignette) -> Path:
    good_data["stages"][1]["next"] = "nowhere"
    return write_vignette(good_data, name="test_home_visit")


@pytest.mark.slow
def test_validate_ok_and_bad(good_data, write_vignette, capsys):
    assert validate_cmd._run(argparse.Namespace(files=[str(GOOD)], assumptions=False)) == 0
    assert "ok   " in capsys.readouterr().out
    bad = _bad(good_data, write_vignette)
    assert validate_cmd._run(argparse.Namespace(files=[str(bad)], assumptions=False)) == 2
    err = capsys.readouterr().err
    assert f"FAIL {bad}: stages[1].next: There is no stage 'nowhere'" in err
    assert "Traceback" not in err


@pytest.mark.slow
@pytest.mark.skipif(not CLI_COMPLETE, reason="the run and compare commands arrive with the core")
def test_systemsim_validate_exits_2(good_data, write_vignette):
    bad = _bad(good_data, write_vignette)
    src = str(Path(systemsim.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src}
    proc = subprocess.run(
        [sys.executable, "-m", "systemsim", "validate", str(GOOD), str(bad)],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert proc.returncode == 2
    assert "There is no stage 'nowhere'" in proc.stderr
    assert "Traceback" not in proc.stderr
