"""Every notebook in notebooks/ is a guided page: no outputs, short cells, one language switch.

The training pages made by `systemsim.training.notebooks` are checked more strictly in
tests/training/test_notebooks.py; this test covers every notebook, whoever wrote it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import repo_paths

NOTEBOOKS = repo_paths.NOTEBOOKS
ALL = sorted(NOTEBOOKS.rglob("*.ipynb"))
# Pages whose switch is part of the panel they show, not a cell of their own.
SWITCH_IN_PANEL = {
    "dashboard": "systemsim.ui.dashboard carries the language switch in its header "
                 "(tests/leaders/test_dashboard.py::test_language_switch_relabels)",
}
MAX_LINES = 3


def code_cells(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def test_there_are_notebooks():
    assert len(ALL) >= 8
    assert {p.parent.name for p in ALL} >= {"simulations", "training"}


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_committed_without_outputs(path):
    for cell in code_cells(path):
        assert cell["outputs"] == [], f"{path.name}: strip outputs before committing"
        assert cell["execution_count"] is None, f"{path.name}: execution_count must be null"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_code_cells_are_short_calls(path):
    for cell in code_cells(path):
        lines = [line for line in "".join(cell["source"]).strip().splitlines() if line.strip()]
        assert len(lines) <= MAX_LINES, f"{path.name}: a cell of {len(lines)} lines:\n" + "\n".join(lines)
        source = "".join(cell["source"])
        assert "set_language(" not in source, f"{path.name}: use language_switch() instead"
        assert "FALLBACK" not in source and "WHAT_IF" not in source, f"{path.name}: stand-in scenarios"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_has_the_language_switch(path):
    sources = ["".join(c["source"]) for c in code_cells(path)]
    if path.stem in SWITCH_IN_PANEL:
        assert any("dashboard()" in s for s in sources), SWITCH_IN_PANEL[path.stem]
        return
    assert any(s.strip().splitlines()[-1].strip() == "language_switch()" for s in sources if s.strip()), (
        f"{path.name}: needs a cell ending in language_switch() (from systemsim.ui.language)")
