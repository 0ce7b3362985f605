"""Names the core tests import from here; the fixtures are in tests/conftest.py.

`SCENARIOS` is `repo_paths.SCENARIOS` (kept importable as `from .conftest import SCENARIOS` for
the tests on main that use it; new tests import from `repo_paths`).
"""

from repo_paths import SCENARIOS

__all__ = ["SCENARIOS"]
