"""Follow one family through the system: trace it in the model, find an interesting one, tell
how its journey ended. Training (a vignette family at two caseloads) and the leaders' notebooks
(a family picked from a run) both follow families through here.
"""

from systemsim.journey.story import family_story, find_interesting_family
from systemsim.journey.trace import SEVERITIES, family_journey, journey_outcomes, staffed_for

__all__ = [
    "SEVERITIES",
    "family_journey",
    "family_story",
    "find_interesting_family",
    "journey_outcomes",
    "staffed_for",
]
