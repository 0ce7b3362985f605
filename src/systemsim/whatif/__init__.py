"""What-if runs for leaders: replications that also keep stage flows and caseloads per worker.

Everything here returns plain tables, so `systemsim.viz` can draw them and reports can store
them; the model itself never leaves this package.
"""

from systemsim.whatif.family import family_story, find_interesting_family
from systemsim.whatif.notebook import (
    describe_story,
    explain,
    headline,
    leader_options,
    option_names,
    pick_scenario,
    run_all,
    sweep,
)
from systemsim.whatif.runs import RunResult, Stopped, run_scenario
from systemsim.whatif.scenarios import bundled_scenarios, scenario_dir

__all__ = [
    "RunResult",
    "describe_story",
    "explain",
    "headline",
    "leader_options",
    "option_names",
    "pick_scenario",
    "run_all",
    "Stopped",
    "bundled_scenarios",
    "family_story",
    "find_interesting_family",
    "run_scenario",
    "scenario_dir",
    "sweep",
]
