"""The CLI and its JSON contract: other tools and checks read these names."""

import json
import subprocess
import sys

import pytest
import repo_paths

ROOT = repo_paths.ROOT
TYPICAL = str(repo_paths.TYPICAL)
REQUIRED = {
    "notifications", "children_notified", "decisions_on_time_share", "assessments_on_time_share",
    "assessment_days_median", "open_care_clients", "children_in_care", "placements_started",
    "kinship_share", "caseload_mean", "caseload_p90", "workers_over_cap",
    "direct_hours_per_family_week", "re_notifications", "cost_total_eur", "cost_staff_eur",
    "cost_placements_eur", "cost_open_care_eur",
}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "systemsim", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.mark.slow
def test_run_json_has_the_contract_shape_and_is_byte_identical_for_a_seed():
    args = ["run", TYPICAL, "--years", "2", "--replications", "3", "--seed", "7", "--json"]
    first, second = cli(*args), cli(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert (doc["years"], doc["replications"], doc["seed"]) == (2, 3, 7)
    kpis = doc["scenarios"]["finland_typical"]["kpis"]
    assert set(kpis) >= REQUIRED
    for series in kpis.values():
        assert [p["year"] for p in series] == [1, 2]
        for p in series:
            if p["mean"] is not None:
                assert p["low"] <= p["mean"] + 1e-9 and p["mean"] <= p["high"] + 1e-9
    other = json.loads(cli(*args[:-2], "8", "--json").stdout)
    assert other["scenarios"] != doc["scenarios"]


@pytest.mark.slow
def test_compare_uses_file_stems_and_common_random_numbers():
    before = str(ROOT / "scenarios" / "mantsala_before.yaml")
    out = cli("compare", before, TYPICAL, "--years", "1", "--replications", "2", "--json")
    assert out.returncode == 0, out.stderr
    assert set(json.loads(out.stdout)["scenarios"]) == {"mantsala_before", "finland_typical"}


@pytest.mark.slow
def test_bad_input_exits_2_with_one_clear_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(f"extends: {TYPICAL}\nworkforce: {{social_workers: -3}}\n")
    out = cli("run", str(bad), "--years", "1", "--json")
    assert out.returncode == 2
    assert "bad.yaml" in out.stderr and "workforce.social_workers" in out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""
    missing = cli("validate", str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and "file not found" in missing.stderr


@pytest.mark.slow
def test_validate_lists_parameters_without_a_source(tmp_path):
    p = tmp_path / "unsourced.yaml"
    p.write_text(f"extends: {TYPICAL}\nworkforce: {{social_workers: 9}}\n")
    out = cli("validate", str(p))
    assert out.returncode == 0
    assert "workforce.social_workers: no source given" in out.stdout
