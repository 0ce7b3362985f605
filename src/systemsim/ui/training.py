"""Everything a training notebook calls, in one import: `from systemsim.ui.training import *`.

Why: notebook code cells stay one-line calls that a social worker can read aloud.
"""

from systemsim.ui.journal_panel import journal_panel
from systemsim.ui.language import language_switch
from systemsim.ui.trainer_guide import trainer_guide, vignette_overview
from systemsim.ui.trainer_mode import trainer_mode_toggle
from systemsim.ui.vignette_author import example_problems, template_message, vignette_checker
from systemsim.ui.vignette_player import play_vignette

__all__ = [
    "example_problems",
    "journal_panel",
    "language_switch",
    "play_vignette",
    "template_message",
    "trainer_guide",
    "trainer_mode_toggle",
    "vignette_checker",
    "vignette_overview",
]
