"""The simulation model (Mesa): families and social workers on the child-protection pathway."""

from systemsim.model.agents import Family, FamilyTraits, History, SocialWorker
from systemsim.model.model import WEEKS_PER_YEAR, ChildProtectionModel
from systemsim.model.stages import Stage

__all__ = [
    "WEEKS_PER_YEAR",
    "ChildProtectionModel",
    "Family",
    "FamilyTraits",
    "History",
    "SocialWorker",
    "Stage",
]
