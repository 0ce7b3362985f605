"""The training notebooks: one per bundled vignette, thin, committed without outputs."""

from __future__ import annotations

import json

import pytest
import repo_paths

from systemsim.training import bundled_vignettes
from systemsim.training.notebooks import (
    author_notebook,
    start_notebook,
    vignette_notebook,
    write_notebooks,
)

NOTEBOOKS = repo_paths.NOTEBOOKS / "training"
ALL = sorted(
    p for p in NOTEBOOKS.glob("*.ipynb")
    if p.stem.startswith(("vignette_", "00_start", "write_your_own"))
)


@pytest.mark.parametrize("vignette_id", sorted(bundled_vignettes()))
def test_every_bundled_vignette_has_a_notebook(vignette_id):
    path = NOTEBOOKS / f"vignette_{vignette_id}.ipynb"
    assert path.exists(), "write it with systemsim.training.notebooks.write_notebooks"
    assert path.read_text(encoding="utf-8") == vignette_notebook(vignette_id)


def test_pages_are_current():
    assert (NOTEBOOKS / "00_start_here_for_trainers.ipynb").read_text(encoding="utf-8") == (
        start_notebook()
    )
    assert (NOTEBOOKS / "write_your_own_vignette.ipynb").read_text(encoding="utf-8") == (
        author_notebook()
    )


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_notebook_is_thin_and_has_no_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None
        source = "".join(cell["source"])
        assert "\n" not in source.strip(), f"code cells are one-line calls: {source!r}"
    assert "language_switch()" in [("".join(c["source"])) for c in code]


def test_write_notebooks(tmp_path):
    written = write_notebooks(tmp_path, ["a_b"])
    assert {p.name for p in written} == {
        "00_start_here_for_trainers.ipynb",
        "write_your_own_vignette.ipynb",
        "vignette_a_b.ipynb",
    }
