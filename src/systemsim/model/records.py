"""What the model records each week: stocks, flows, waits, caseloads and costs.

Weekly rows are plain dicts (one per week); yearly KPIs are computed from them in
`systemsim.experiment.kpis`, so figures and reports never need the model itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import numpy as np

from systemsim.model.stages import CASELOAD_STAGES, Stage

if TYPE_CHECKING:
    from systemsim.model.model import ChildProtectionModel


class Recorder:
    """Counters the model updates as things happen, closed into one row per week."""

    def __init__(self, model: ChildProtectionModel):
        self.model = model
        self.rows: list[dict[str, float]] = []
        self.flows: Counter[str] = Counter()
        self.costs: Counter[str] = Counter()
        self.families_created = 0
        self.families_returned = 0
        self.families_closed = 0
        self.pending_returns = 0
        self.closures: Counter[str] = Counter()
        # per year: decision and assessment times (days) of the cases finished that year
        self.decision_days: dict[int, list[float]] = defaultdict(list)
        self.assessment_days: dict[int, list[float]] = defaultdict(list)
        # per year: cases judged against their deadline and those on time. A case is judged once,
        # in the year it is finished or, if it is still waiting then, the year its deadline passes.
        self.decision_judged: Counter[int] = Counter()
        self.decision_on_time: Counter[int] = Counter()
        self.assessment_judged: Counter[int] = Counter()
        self.assessment_on_time: Counter[int] = Counter()
        # at each year end: how long the cases still open have been waiting (days)
        self.decision_open_days: dict[int, list[float]] = {}
        self.assessment_open_days: dict[int, list[float]] = {}
        # Little's law bookkeeping per stage (families)
        # (plain dicts over all stages: updated at every stage change, the hottest counters)
        self.stage_entries: dict[Stage, int] = dict.fromkeys(Stage, 0)
        self.stage_exits: dict[Stage, int] = dict.fromkeys(Stage, 0)
        self.stage_days: dict[Stage, float] = dict.fromkeys(Stage, 0)
        self.families_in_stage: dict[Stage, int] = dict.fromkeys(Stage, 0)

    def reset_after_seeding(self) -> None:
        """The initial stock is the starting point, not flow: forget what seeding counted."""
        self.flows.clear()
        self.costs.clear()
        self.stage_entries = dict.fromkeys(Stage, 0)

    # -- events
    def count(self, name: str, n: float = 1) -> None:
        self.flows[name] += n

    def cost(self, item: str, eur: float) -> None:
        self.costs[item] += eur

    def decision(self, days: float, on_time: bool, judged: bool = True) -> None:
        """A decision is made; `judged=False` when it was already counted late while waiting."""
        y = self.model.year
        self.decision_days[y].append(days)
        if judged:
            self.decision_judged[y] += 1
            self.decision_on_time[y] += on_time

    def decision_overdue(self) -> None:
        """A notification still waiting has passed its decision deadline: late this year."""
        self.decision_judged[self.model.year] += 1

    def assessment(self, days: float, on_time: bool, judged: bool = True) -> None:
        y = self.model.year
        self.assessment_days[y].append(days)
        if judged:
            self.assessment_judged[y] += 1
            self.assessment_on_time[y] += on_time

    def assessment_overdue(self) -> None:
        """An assessment still under way has passed its deadline: late this year."""
        self.assessment_judged[self.model.year] += 1

    def year_end_waits(self, decisions: list[float], assessments: list[float]) -> None:
        """The waiting times of the cases still open when the year ends."""
        y = self.model.year
        self.decision_open_days[y] = decisions
        self.assessment_open_days[y] = assessments

    def enter_stage(self, stage: Stage) -> None:
        self.stage_entries[stage] += 1
        self.families_in_stage[stage] += 1

    def leave_stage(self, stage: Stage, days_in_stage: float) -> None:
        self.stage_exits[stage] += 1
        self.stage_days[stage] += days_in_stage
        self.families_in_stage[stage] -= 1

    # -- the weekly row
    def end_week(self) -> None:
        m, p = self.model, self.model.p
        caseloads = []
        direct = hours_in_post = hours_all = 0.0
        families_held = 0
        for w in m.workers:  # one pass: this runs every week for every worker
            if w.load > 0:
                direct += w.direct_now
            families_held += len(w.families)
            hours_all += w.hours_per_week
            if not w.vacant:
                caseloads.append(w.caseload)
                hours_in_post += w.hours_per_week
        cap = p.legal.caseload_cap
        stocks = m.children_in_stage
        week_costs = self._week_costs(hours_in_post, hours_all)
        row: dict[str, float] = {
            "week": m.week,
            "year": m.year + 1,
            "children_early_support": stocks[Stage.EARLY_SUPPORT],
            # share of the paid early-support places in use: places beyond the families basic
            # services meet stand empty (and are still paid), which a leader must see
            "early_support_places_used_share": (
                m.early_places_used / p.basic_services.early_support_places
                if p.basic_services.early_support_places else 0.0),
            "children_intake": stocks[Stage.INTAKE],
            "children_in_assessment": stocks[Stage.ASSESSMENT],
            "open_care_clients": stocks[Stage.OPEN_CARE],
            "children_emergency": stocks[Stage.EMERGENCY],
            "children_in_care": stocks[Stage.EMERGENCY] + stocks[Stage.CARE],
            "children_in_aftercare": stocks[Stage.AFTERCARE],
            "intake_queue": sum(len(q) for q in m.queues),
            "caseload_mean": sum(caseloads) / len(caseloads) if caseloads else 0.0,
            "caseload_p90": float(np.percentile(caseloads, 90)) if caseloads else 0.0,
            "workers_over_cap": float(sum(c > cap for c in caseloads)),
            "direct_hours_per_family_week": direct / families_held if families_held else 0.0,
            "families_in_contact": sum(self.families_in_stage.values()),
            "families_to_return": self.pending_returns,
        }
        row.update(m.staff.row())
        for kind, children in m.placed_by_type.items():
            row[f"in_care_{kind}"] = children
        for stage in Stage:
            row[f"families_{stage.name.lower()}"] = self.families_in_stage[stage]
        for name, value in self.flows.items():
            row[f"flow_{name}"] = value
        for item, eur in week_costs.items():
            row[f"cost_{item}_eur"] = eur
        self.rows.append(row)
        self.flows.clear()
        self.costs.clear()

    def _week_costs(self, hours_in_post: float, hours_all: float) -> Counter[str]:
        """The week's costs: the events' own, plus staff, support staff and the stocks' costs."""
        m, p = self.model, self.model.p
        stocks = m.children_in_stage
        week_costs = Counter(self.costs)
        if p.workforce_dynamics is None:
            week_costs["staff"] += p.workforce.social_workers * p.workforce.cost_per_worker_year_eur / 52
        else:  # vacant posts are not paid
            paid = hours_in_post / hours_all
            week_costs["staff"] += (
                p.workforce.social_workers * p.workforce.cost_per_worker_year_eur / 52 * paid
            )
        if m.unit is not None:
            units = len({w.unit for w in m.workers})
            week_costs["support_staff"] += (
                units * m.unit.support_staff * m.unit.support_staff_cost_year_eur / 52
            )
        if m.rotation is not None:
            week_costs["support_staff"] += (
                m.rotation.reception_staff * m.rotation.reception_cost_year_eur / 52
            )
        for kind, children in m.placed_by_type.items():
            day_cost = getattr(p.placements, kind).day_cost_eur
            week_costs[f"placement_{kind}"] += children * day_cost * 7
        week_costs["open_care"] += stocks[Stage.OPEN_CARE] * p.costs.open_care_per_client_week_eur
        week_costs["aftercare"] += stocks[Stage.AFTERCARE] * p.costs.aftercare_per_client_week_eur
        week_costs["basic_services"] += (
            p.basic_services.early_support_places * p.basic_services.cost_per_place_year_eur / 52
        )
        return week_costs

    def conserved(self) -> bool:
        """No family appears or vanishes outside the pathway."""
        in_model = sum(self.families_in_stage.values())
        return self.families_created + self.families_returned == self.families_closed + in_model


__all__ = ["CASELOAD_STAGES", "Recorder"]
