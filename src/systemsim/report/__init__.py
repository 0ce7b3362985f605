"""Board reports: one self-contained HTML file that opens offline, plus tidy CSV tables."""

from systemsim.report.board import build_report, run_for_report, write_csv

__all__ = ["build_report", "run_for_report", "write_csv"]
