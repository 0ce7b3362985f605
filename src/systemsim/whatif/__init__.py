"""What-if runs for leaders: replications that also keep stage flows and caseloads per worker.

Everything here returns plain tables, so `systemsim.viz` can draw them and reports can store
them; the model itself never leaves this package.
"""

from systemsim.experiment import RunResult, Stopped, run_scenario
from systemsim.journey.story import family_story, find_interesting_family
from systemsim.whatif.notebook import (
    describe_story,
    explain,
    headline,
    leader_options,
    limits_of,
    load,
    more_workers,
    option_names,
    rollout_options,
    run_all,
    run_files,
    scenario_title,
    sweep,
    which_scenarios,
    workers_sweep,
)
from systemsim.whatif.scenarios import bundled_scenarios, scenario_dir

__all__ = [
    "RunResult",
    "describe_story",
    "explain",
    "headline",
    "leader_options",
    "option_names",
    "limits_of",
    "load",
    "more_workers",
    "rollout_options",
    "run_files",
    "scenario_title",
    "which_scenarios",
    "workers_sweep",
    "run_all",
    "Stopped",
    "bundled_scenarios",
    "family_story",
    "find_interesting_family",
    "run_scenario",
    "scenario_dir",
    "sweep",
]
