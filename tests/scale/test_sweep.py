"""Sweeps: expansion, common random numbers, byte-identical JSON however they run, bad --vary."""

from __future__ import annotations

import os
import signal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from repo_paths import TYPICAL

from systemsim.cli import main
from systemsim.errors import InputError
from systemsim.experiment.distributed import Local, make_tasks, run_points
from systemsim.experiment.sweep import expand, parse_varies, point_key


def test_expansion_is_the_cartesian_product_first_vary_slowest(typical):
    varies = parse_varies(["workforce.social_workers=5,7", "legal.caseload_cap=20,25.5,30"], typical)
    points = expand(typical, varies)
    assert [p.key for p in points] == [
        "workforce.social_workers=5,legal.caseload_cap=20",
        "workforce.social_workers=5,legal.caseload_cap=25.5",
        "workforce.social_workers=5,legal.caseload_cap=30",
        "workforce.social_workers=7,legal.caseload_cap=20",
        "workforce.social_workers=7,legal.caseload_cap=25.5",
        "workforce.social_workers=7,legal.caseload_cap=30",
    ]
    last = points[-1]
    assert last.scenario.workforce.social_workers.value == 7
    assert last.scenario.legal.caseload_cap.value == 30
    assert last.scenario.workforce.social_workers.source.startswith("what-if")
    assert point_key({"a.b": 1e-3}) == "a.b=0.001"


def test_every_point_gets_the_same_replication_seeds(typical):
    points = expand(typical, parse_varies(["workforce.social_workers=5,7,9"], typical))
    tasks = make_tasks([p.scenario for p in points], years=1, replications=3, seed=11)
    by_point: dict[int, list] = {}
    for t in tasks:
        by_point.setdefault(t.point, []).append(t.seed)
    states = {p: [tuple(s.generate_state(4)) for s in seeds] for p, seeds in by_point.items()}
    assert states[0] == states[1] == states[2]
    assert len(set(states[0])) == 3  # replications differ from each other
    expected = [tuple(s.generate_state(4)) for s in np.random.SeedSequence(11).spawn(3)]
    assert states[0] == expected  # the same seeds `systemsim run` uses


@pytest.mark.slow
def test_the_base_point_equals_a_plain_run(typical, capsys):
    args = ["--years", "1", "--replications", "3", "--seed", "5", "--json"]
    assert main(["run", str(TYPICAL), *args]) == 0
    run_doc = capsys.readouterr().out
    assert main(["sweep", str(TYPICAL), "--vary", "workforce.social_workers=5,7", *args]) == 0
    import json

    sweep = json.loads(capsys.readouterr().out)
    assert sweep["points"][1] == {"key": "workforce.social_workers=7",
                                  "values": {"workforce.social_workers": 7}}
    assert sweep["scenarios"]["workforce.social_workers=7"] == json.loads(run_doc)["scenarios"][
        "finland_typical"]
    assert sweep["scenarios"]["workforce.social_workers=5"] != sweep["scenarios"][
        "workforce.social_workers=7"]


SWEEP = ["sweep", str(TYPICAL), "--vary", "workforce.social_workers=5,8",
         "--vary", "basic_services.early_support_places=10,40",
         "--years", "2", "--replications", "3", "--seed", "42", "--json"]


@pytest.mark.slow
def test_local_processes_and_dask_give_byte_identical_json(capsys):
    outputs = {}
    for name, extra in {"serial": ["--processes", "1"], "pool": ["--processes", "2"],
                        "dask": ["--workers", "2"]}.items():
        assert main([*SWEEP, *extra]) == 0
        captured = capsys.readouterr()
        outputs[name] = captured.out
        assert captured.out.startswith("{")
    assert outputs["serial"] == outputs["pool"] == outputs["dask"]


@pytest.mark.slow
def test_a_killed_dask_worker_loses_nothing(typical, dask_client):
    points = expand(typical, parse_varies(["workforce.social_workers=6,8"], typical))
    scenarios, labels = [p.scenario for p in points], [p.key for p in points]
    kw = dict(years=4, replications=6, seed=9)
    expected = run_points(scenarios, labels, backend=Local(1), progress=False, **kw)

    pids = list(dask_client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one(point: int, replication: int) -> None:
        if not killed:  # after the first result, while the other tasks are running or queued
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    got = run_points(scenarios, labels, client=dask_client, progress=False, on_result=kill_one, **kw)
    assert killed
    assert got.equals(expected)
    assert pids[0] not in dask_client.run(os.getpid).values()  # that process really died


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        (["workforce.social_worker=5,7"], "unknown parameter 'workforce.social_worker'; allowed in "
         "workforce: workforce.social_workers"),
        (["staff.social_workers=5"], "allowed sections: basic_services"),
        (["workforce.social_workers=5,many"], "'many' is not a number"),
        (["workforce.social_workers="], "no values given"),
        (["workforce.social_workers=5,,7"], "empty value"),
        (["workforce.social_workers"], "must look like path=v1,v2"),
        (["workforce.social_workers=5,5"], "listed twice"),
        (["workforce.social_workers=5", "workforce.social_workers=7"], "varied twice"),
        (["workforce.social_workers=-3"], "must be at least 0.5"),
        ([], "give at least one --vary"),
    ],
)
def test_bad_vary_exits_2_naming_the_argument(vary, message, capsys):
    args = ["sweep", str(TYPICAL), "--years", "1", "--replications", "1"]
    for v in vary:
        args += ["--vary", v]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("systemsim: error: --vary:"), err
    assert message in err
    assert "\n" not in err


def test_parse_errors_are_input_errors(typical):
    with pytest.raises(InputError) as info:
        parse_varies(["legal.caseload_cap=nan"], typical)
    assert info.value.where == "--vary"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0.5, max_value=5000, allow_nan=False), min_size=1, max_size=6,
                unique=True))
def test_vary_values_round_trip_through_text_and_keys(typical, values):
    text = "workforce.social_workers=" + ",".join(repr(v) for v in values)
    vary = parse_varies([text], typical)[0]
    assert vary.values == tuple(values)
    for v in values:
        key = point_key({"workforce.social_workers": v})
        assert float(key.split("=")[1]) == v  # a key names its value exactly
