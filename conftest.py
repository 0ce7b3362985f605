"""Test plumbing at the repository's root, not in notebooks/, so the trainers' folder holds only
notebooks and the hooks run whichever folder pytest is given.

- Every notebook cell nbval collects belongs to the `notebook` test tier (tests/conftest.py).
- The kernels nbval starts inherit this environment: the journal and the trainer's own
  vignettes go to a temporary folder for the test run, never the user's home folder.
"""

from __future__ import annotations

import os
import tempfile

import pytest

_tmp = tempfile.mkdtemp(prefix="systemsim-nb-")
os.environ["SYSTEMSIM_JOURNAL"] = os.path.join(_tmp, "journal.sqlite")
os.environ["SYSTEMSIM_VIGNETTE_FOLDER"] = os.path.join(_tmp, "my_vignettes")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the cells before `-m` selects, so `-m "not notebook"` leaves them out."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
