"""Yearly KPIs from a finished model: the names other tools, reports and checks rely on.

Flows are sums over the year, stocks are year-end values, caseload figures are the year's
mean of weekly values. Costs are in euros for the year, also split by item.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from systemsim.model.model import WEEKS_PER_YEAR, ChildProtectionModel
from systemsim.scenario.schema import PLACEMENT_TYPES

#: KPI name -> (kind, weekly column). kind: flow (sum), stock (year end), mean (weekly mean)
WEEKLY_KPIS: dict[str, tuple[str, str]] = {
    "notifications": ("flow", "flow_notifications"),
    "children_notified": ("flow", "flow_children_notified"),
    "assessments_started": ("flow", "flow_assessments_started"),
    "re_notifications": ("flow", "flow_re_notifications"),
    "early_support_started": ("flow", "flow_early_support_started"),
    "open_care_clients": ("stock", "open_care_clients"),
    "open_care_clients_during_year": ("flow", "flow_open_care_clients_during_year"),
    "children_in_care": ("stock", "children_in_care"),
    "children_placed_during_year": ("flow", "flow_children_placed_during_year"),
    "placements_started": ("flow", "flow_placements_started"),
    "emergency_placements": ("flow", "flow_emergency_placements"),
    "care_orders": ("flow", "flow_care_orders"),
    "children_in_assessment": ("stock", "children_in_assessment"),
    "children_in_aftercare": ("stock", "children_in_aftercare"),
    "families_to_return": ("stock", "families_to_return"),
    "intake_queue": ("mean", "intake_queue"),
    "early_support_places_used_share": ("mean", "early_support_places_used_share"),
    "caseload_mean": ("mean", "caseload_mean"),
    "caseload_p90": ("mean", "caseload_p90"),
    "workers_over_cap": ("mean", "workers_over_cap"),
    "direct_hours_per_family_week": ("mean", "direct_hours_per_family_week"),
    "stress_mean": ("mean", "stress_mean"),
    "teams_converted": ("stock", "teams_converted"),
    "school_responses_started": ("flow", "flow_school_responses_started"),
}
for _kind in PLACEMENT_TYPES:
    WEEKLY_KPIS[f"placements_started_{_kind}"] = ("flow", f"flow_placements_started_{_kind}")
    WEEKLY_KPIS[f"in_care_{_kind}"] = ("stock", f"in_care_{_kind}")

COST_ITEMS = (
    "staff",
    *(f"placement_{k}" for k in PLACEMENT_TYPES),
    "open_care",
    "assessment",
    "aftercare",
    "basic_services",
    "support_staff",
    "recruitment",
)

# Which KPIs each view shows: one list per view, one meaning per name.
#: the small multiples over the years (the dashboard's first tab and the report's first figure)
GRID_KPIS = ("caseload_mean", "decisions_on_time_share", "assessments_on_time_share",
             "children_in_care", "placements_started", "cost_total_eur")
#: the dashboard's headline table and its comparison bars: the leader's first questions
HEADLINE_KPIS = ("caseload_mean", "workers_over_cap", "decisions_on_time_share",
                 "assessments_on_time_share", "open_care_clients", "children_in_care",
                 "placements_started", "kinship_share", "cost_total_eur",
                 "sick_leave_days_per_worker_year", "turnover_rate", "vacancy_rate")
#: the default panels of a before/after comparison (`viz.before_after`, the report's bars)
COMPARE_KPIS = ("notifications", "decisions_on_time_share", "assessments_on_time_share",
                "caseload_mean", "open_care_clients", "children_in_care", "placements_started",
                "kinship_share", "cost_total_eur")
#: the board report's table of every headline number
REPORT_KPIS = (
    "notifications", "decisions_on_time_share", "assessments_on_time_share",
    "assessment_days_median", "caseload_mean", "caseload_p90", "workers_over_cap",
    "direct_hours_per_family_week", "early_support_places_used_share", "open_care_clients",
    "children_in_care", "placements_started", "kinship_share", "cost_total_eur", "care_orders",
    "re_notifications",
    "sick_leave_days_per_worker_year", "turnover_rate", "vacancy_rate",
)

#: weekly columns the workforce KPIs are computed from (zero without workforce dynamics)
WORKFORCE_COLUMNS = (
    "staff_posts", "staff_in_post", "vacancies", "new_staff", "early_career", "sick_days", "children_held",
    "flow_leavers", "flow_leavers_new_staff", "flow_hires", "flow_worker_changes",
)


#: KPIs `yearly_kpis` computes beyond the weekly sums, ends and means (deadlines, workforce,
#: ratios); with them, every column of a replication's yearly table
DERIVED_KPIS = (
    "decisions", "decisions_on_time_share", "decision_days_mean", "decisions_waiting_year_end",
    "decision_wait_open_days_mean", "assessments_completed", "assessments_on_time_share",
    "time_limit_breaches", "assessment_days_median", "assessments_open_year_end",
    "assessment_open_days_mean", "sick_leave_days_per_worker_year", "turnover_rate",
    "new_staff_turnover_rate", "leavers", "hires", "vacancy_rate", "new_staff_share",
    "early_career_share", "worker_changes_per_child", "kinship_share",
    "assessments_per_notification", "notifications_per_notified_child",
    "cost_placements_eur", "cost_total_eur",
)
YEARLY_KPI_NAMES: frozenset[str] = frozenset(
    [*WEEKLY_KPIS, *DERIVED_KPIS, *(f"cost_{item}_eur" for item in COST_ITEMS)])


def weekly_frame(model: ChildProtectionModel) -> pd.DataFrame:
    """One row per simulated week, missing flows and costs as zero."""
    df = pd.DataFrame(model.recorder.rows).fillna(0.0)
    for _, col in WEEKLY_KPIS.values():
        if col not in df:
            df[col] = 0.0
    for item in COST_ITEMS:
        col = f"cost_{item}_eur"
        if col not in df:
            df[col] = 0.0
    for col in WORKFORCE_COLUMNS:
        if col not in df:
            df[col] = 0.0
    return df


def _ratio(num: float, den: float) -> float:
    return float(num / den) if den > 0 else 0.0


def workforce_kpis(block: dict[str, np.ndarray]) -> dict[str, float]:
    """Sick leave, turnover, vacancies, new staff and continuity for one year of weeks."""
    in_post = float(block["staff_in_post"].mean())
    held = float(block["children_held"].mean())
    staff = block["staff_in_post"]
    new_share = np.divide(block["new_staff"], staff, out=np.zeros(len(staff)), where=staff > 0)
    return {
        "sick_leave_days_per_worker_year": _ratio(block["sick_days"].sum(), in_post),
        "turnover_rate": _ratio(block["flow_leavers"].sum(), in_post),
        "new_staff_turnover_rate": _ratio(
            block["flow_leavers_new_staff"].sum(), float(block["early_career"].mean())
        ),
        "leavers": float(block["flow_leavers"].sum()),
        "hires": float(block["flow_hires"].sum()),
        "vacancy_rate": _ratio(block["vacancies"].mean(), float(block["staff_posts"].mean())),
        "new_staff_share": float(new_share.mean()),
        "early_career_share": float(np.divide(block["early_career"], staff, out=np.zeros(len(staff)),
                                              where=staff > 0).mean()),
        "worker_changes_per_child": _ratio(block["flow_worker_changes"].sum(), held),
    }


def _deadline_kpis(rec, y0: int, decisions: list[float], assessments: list[float]) -> dict[str, float]:
    """On-time shares over every case judged in the year: those finished, and those still
    waiting when their deadline passed (a stalled intake is late, not absent). Waiting times of
    cases still open at the year end are reported beside those of the finished ones.

    A share with no case judged at all is NaN ("no case was due"); the CLI's JSON writes it as
    null with that meaning (docs/model.md, "Deadlines").
    """
    judged_d, judged_a = rec.decision_judged[y0], rec.assessment_judged[y0]
    open_d = rec.decision_open_days.get(y0, [])
    open_a = rec.assessment_open_days.get(y0, [])
    nan = float("nan")
    return {
        "decisions_on_time_share": rec.decision_on_time[y0] / judged_d if judged_d else nan,
        "decision_days_mean": float(np.mean(decisions)) if decisions else nan,
        "decisions_waiting_year_end": float(len(open_d)),
        "decision_wait_open_days_mean": float(np.mean(open_d)) if open_d else 0.0,
        "assessments_completed": float(len(assessments)),
        "assessments_on_time_share": rec.assessment_on_time[y0] / judged_a if judged_a else nan,
        "time_limit_breaches": float(
            judged_d - rec.decision_on_time[y0] + judged_a - rec.assessment_on_time[y0]),
        "assessment_days_median": float(np.median(assessments)) if assessments else nan,
        "assessments_open_year_end": float(len(open_a)),
        "assessment_open_days_mean": float(np.mean(open_a)) if open_a else 0.0,
    }


def yearly_kpis(model: ChildProtectionModel, weekly: pd.DataFrame | None = None) -> pd.DataFrame:
    """A wide table: one row per simulated year, one column per KPI.

    Works on the weekly columns as numpy arrays, one slice per year (not pandas groupby):
    every replication ends here, and the pandas version took a tenth of a county run.
    """
    weekly = weekly_frame(model) if weekly is None else weekly
    rec = model.recorder
    columns = {name: weekly[name].to_numpy() for name in weekly.columns}
    years = columns["year"]
    rows = []
    for year in np.unique(years):
        (at,) = np.nonzero(years == year)
        if len(at) < WEEKS_PER_YEAR:
            continue  # only whole years are reported
        block = {name: values[at] for name, values in columns.items()}
        row: dict[str, float] = {"year": int(year)}
        for name, (kind, col) in WEEKLY_KPIS.items():
            values = block[col]
            row[name] = float(
                values.sum() if kind == "flow" else values[-1] if kind == "stock"
                else values.mean()
            )
        y0 = int(year) - 1
        decisions = rec.decision_days.get(y0, [])
        assessments = rec.assessment_days.get(y0, [])
        row["decisions"] = float(len(decisions))
        row.update(_deadline_kpis(rec, y0, decisions, assessments))
        row.update(workforce_kpis(block))
        started = row["placements_started"]
        row["kinship_share"] = row["placements_started_kinship"] / started if started else 0.0
        notified = row["children_notified"]
        row["assessments_per_notification"] = (
            row["assessments_started"] / row["notifications"] if row["notifications"] else 0.0)
        row["notifications_per_notified_child"] = (
            row["notifications"] / notified if notified else float("nan")
        )
        total = 0.0
        for item in COST_ITEMS:
            eur = float(block[f"cost_{item}_eur"].sum())
            row[f"cost_{item}_eur"] = eur
            total += eur
        row["cost_placements_eur"] = sum(row[f"cost_placement_{k}_eur"] for k in PLACEMENT_TYPES)
        row["cost_total_eur"] = total
        rows.append(row)
    return pd.DataFrame(rows)
