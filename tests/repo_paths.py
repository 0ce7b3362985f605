"""Where the repository's folders are, computed in one place for every test module."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
NOTEBOOKS = ROOT / "notebooks"
TYPICAL = SCENARIOS / "finland_typical.yaml"
