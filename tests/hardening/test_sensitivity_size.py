"""A sensitivity analysis says how big it is before it starts, and a huge one needs --yes."""

from __future__ import annotations

from repo_paths import TYPICAL

from systemsim.cli import main


def test_a_huge_sensitivity_analysis_is_estimated_and_needs_yes(capsys):
    code = main(["sensitivity", str(TYPICAL), "--method", "morris", "--samples", "6000",
                 "--params", "workforce.social_workers=5:10", "--kpi", "children_in_care",
                 "--year", "1"])
    err = capsys.readouterr().err
    assert code == 2
    assert "morris sensitivity of finland_typical.yaml: 12,000 points x 1 replications" in err
    assert "add --yes to start it" in err
