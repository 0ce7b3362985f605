"""The model's agents: families in contact with services, and social workers.

A family exists as an agent only while it is in contact with services; the rest of the
population is a stock with calibrated concern rates (see `model.py`). A family that comes back
through a re-notification becomes a new agent that carries its old history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import mesa

from systemsim.model.stages import CASELOAD_STAGES, Stage

if TYPE_CHECKING:
    from systemsim.model.model import ChildProtectionModel


@dataclass(slots=True)
class History:
    """What has happened to a family across all its contacts with services."""

    family_id: int
    notifications: int = 0
    episodes: int = 0
    placements: int = 0
    worker_changes: int = 0
    re_notifications: int = 0
    quality_at_close: float = 0.5  # relationship quality when the last case closed
    team: int = -1  # the intake team of the family's area (-1: not yet known)


@dataclass(slots=True)
class FamilyTraits:
    """What a family brings with it: children, need, close network and risks."""

    children: int
    oldest_age: int
    severity: int  # 0 low, 1 moderate, 2 high
    network: float  # close-network resource, 0..1 (from a network map where one exists)
    engagement: float  # 0..1
    risks: frozenset[str] = field(default_factory=frozenset)


class Family(mesa.Agent):
    """A family in contact with basic services or child protection."""

    def __init__(self, model: ChildProtectionModel, traits: FamilyTraits, history: History):
        super().__init__(model)
        self.traits = traits
        self.history = history
        self.stage: Stage | None = None
        self.stage_since_day = 0.0
        self.case_start_day = 0.0
        self.worker: SocialWorker | None = None
        self.placement_type: str | None = None
        self.token = 0  # bumps when a scheduled event becomes stale
        self.counted_notified_year = -1
        self.counted_client_year = -1
        self.counted_placed_year = -1
        self.traced = False
        self.change_until_week = -1  # a recent change of worker lowers quality until then
        self.light = False  # in the lighter support model after intensified support
        self.school_response = False  # met by the school-absence response, not child protection
        self.due: tuple[str, float] | None = None  # the pending assessment end, for delays
        self.overdue = False  # the open decision or assessment already counted late

    @property
    def children(self) -> int:
        return self.traits.children

    @property
    def weight(self) -> float:
        """Share of a worker's direct time this family takes in its current stage."""
        w = self.model.time_weight[self.stage]
        return w * self.model.light_weight if self.light else w


class SocialWorker(mesa.Agent):
    """A social worker responsible for children (lapsen asioista vastaava sosiaalityöntekijä)."""

    def __init__(self, model: ChildProtectionModel, hours_per_week: float, experience_years: float):
        super().__init__(model)
        self.hours_per_week = hours_per_week
        self.experience_years = experience_years
        self.families: set[Family] = set()
        self.load = 0.0  # sum of stage time weights of the families held
        self.caseload = 0  # children held
        # workforce dynamics (all neutral unless the scenario has `workforce_dynamics`)
        self.avail_factor = 1.0  # share of contracted hours available this week
        self.plan_factor = 1.0  # the same without this week's sickness (for planning)
        self.hours_share = 1.0  # contracted hours against full time (allocation, with dynamics)
        self.vacant = False  # the post is empty (the worker left; recruitment under way)
        self.vacant_until_week = 0
        self.tenure_weeks = experience_years * 52.0
        self.stress: float | None = None  # smoothed workload pressure; 1 = sustainable
        self.sick_days_left = 0.0
        self.sick_days_week = 0.0
        self.mentee = False
        self.mentor = False
        self.hired_in_run = False
        # organisation
        self.team = 0  # rotation team or roll-out team
        self.intake_team = 0  # the team whose intake queue and caseloads the worker shares
        self.unit = 0  # systemic unit
        self.systemic = False  # works systemically (weekly team meeting, network focus)
        self.systemic_since_week = -10_000
        self.intake_now = 0.0  # intake-rotation: share of hours on intake duty this week
        self.borrowed_now = 0.0
        self.direct_now = 0.0  # this week's direct hours (the model sets it: refresh_direct_hours)

    def take(self, family: Family, reindex: bool = True) -> None:
        """Become responsible for `family` (in a caseload stage). `reindex=False` is for the
        caller that updates the model's worker index itself."""
        self.families.add(family)
        self.load += family.weight
        self.caseload += family.children
        family.worker = self
        if reindex:
            self.model.worker_moved(self)

    def release(self, family: Family) -> None:
        """Stop being responsible for `family`."""
        self.families.discard(family)
        self.load -= family.weight
        self.caseload -= family.children
        family.worker = None
        self.model.worker_moved(self)

    def restage(self, family: Family, new_stage: Stage) -> None:
        """Keep `family` while it moves to another caseload stage."""
        self.load += self.model.time_weight[new_stage] - family.weight

    def direct_hours_per_unit(self, direct_hours: float) -> float:
        """Weekly direct hours one family of weight 1 gets from this worker."""
        return direct_hours / max(self.load, 1.0)


def in_caseload(stage: Stage | None) -> bool:
    return stage in CASELOAD_STAGES
