"""The one run engine: summaries a leader reads, flows that change no number, and Stop."""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest

from systemsim.experiment import Stopped, run_one, run_scenario, summarise


def test_summary_is_mean_and_5_to_95_percent_band_skipping_missing_values():
    values = [float(v) for v in range(21)] + [float("nan")]
    long = pd.DataFrame({"scenario": "a", "replication": range(22), "year": 1, "kpi": "k",
                         "value": values})
    row = summarise(long).iloc[0]
    assert (row["mean"], row["low"], row["high"]) == (10.0, 1.0, 19.0)


def test_summary_keeps_scenarios_and_years_apart():
    long = pd.DataFrame({"scenario": ["a", "a", "b", "b"], "replication": [0, 1, 0, 1],
                         "year": [1, 1, 1, 1], "kpi": "k", "value": [1.0, 3.0, 10.0, 30.0]})
    means = summarise(long).set_index("scenario")["mean"]
    assert means.to_dict() == {"a": 2.0, "b": 20.0}


@pytest.mark.slow
def test_recording_flows_changes_no_number(typical):
    plain = run_one(typical, 1, np.random.SeedSequence(3))
    counted = run_one(typical, 1, np.random.SeedSequence(3), flows=True)
    pd.testing.assert_frame_equal(plain.yearly, counted.yearly)
    assert plain.flows is None and (counted.flows["children"] > 0).all()
    assert {"concern", "closed"} <= set(counted.flows["source"]) | set(counted.flows["target"])


@pytest.mark.slow
def test_stop_ends_the_run_between_replications_and_keeps_what_is_finished(typical):
    stop = threading.Event()
    done = []

    def progress(finished: int, total: int) -> None:
        done.append((finished, total))
        stop.set()

    with pytest.raises(Stopped) as caught:
        run_scenario(typical, years=1, replications=3, seed=1, on_progress=progress, stop=stop)
    assert done == [(1, 3)]
    assert caught.value.partial.replications == 1
