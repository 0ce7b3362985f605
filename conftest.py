"""Every notebook cell nbval collects belongs to the `notebook` test tier (tests/conftest.py).

Here at the root, not in notebooks/, so that the trainers' folder holds only notebooks and the
hook runs whichever folder pytest is given.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the cells before `-m` selects, so `-m "not notebook"` leaves them out."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
