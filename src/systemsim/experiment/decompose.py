"""How much of a difference came from which change: an exact Shapley decomposition.

A comparison A → B usually changes several things at once (staff, structure, basic services,
...). For every subset of the *groups* of settings that differ we build the hybrid scenario
(A with B's settings for the groups in the subset), run all hybrids on the same seeds (common
random numbers) and give each group its Shapley value: its marginal effect averaged over every
order in which the changes could have been made. The shares add up to the whole difference,
a group that changed nothing gets zero, and two groups with the same effect get the same share.

The groups are data (`GROUPS`): scenario key paths, matched by the longest prefix, so a new
section lands in a group or fails `test_every_scenario_key_is_in_a_group`. A section that only
exists on one side (an `organisation.rotation`, a `workforce_dynamics.mentoring`) comes or
goes with the group that owns its path, so a hybrid is always a whole, valid scenario.
"""

from __future__ import annotations

import math
import sys
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ValidationError

from systemsim.errors import InputError
from systemsim.experiment.runner import run_replications, tidy
from systemsim.scenario.loader import input_error
from systemsim.scenario.schema import Scenario, Sourced

#: Groups of settings, in the order tables show them: group key -> scenario key paths.
#: A path names a section (every key under it) or one key; the longest matching path wins.
GROUPS: dict[str, tuple[str, ...]] = {
    "staffing": ("workforce.social_workers", "workforce.hours_per_week"),
    "structure": (
        "organisation", "practice", "support_model", "workforce.team_size",
        "workforce.direct_share", "workforce.intake_share", "workforce.hours_per_decision",
        "workforce.assessment_hours", "workforce.assessment_min_weeks",
    ),
    "basic_services": ("basic_services", "school_absence"),
    "workforce_levers": ("workforce_dynamics",),
    "rollout": ("rollout",),
    "legal": ("legal", "country"),
    "demand": ("population", "demand"),
    "pathway": ("pathway", "placements"),
    "costs": (
        "costs", "workforce.cost_per_worker_year_eur", "basic_services.cost_per_place_year_eur",
        "placements.kinship.day_cost_eur", "placements.foster.day_cost_eur",
        "placements.professional.day_cost_eur", "placements.institution.day_cost_eur",
        "organisation.unit.support_staff_cost_year_eur",
        "organisation.rotation.reception_cost_year_eur",
        "workforce_dynamics.recruitment_cost_eur",
    ),
    "initial": ("initial",),
    "behaviour": ("behaviour",),
}
#: Keys that name and describe a scenario or how its money is shown; the model never reads them,
#: so they form no group.
NOT_SIMULATED = ("kind", "name", "description", "currency", "costs_in", "sek_per_eur")
#: Above this many differing groups (2^10 = 1024 scenario runs) we refuse and ask for grouping.
MAX_GROUPS = 10

_OWNER = {path: group for group, paths in GROUPS.items() for path in paths}


def group_of(path: str) -> str | None:
    """The group of a dotted key path (longest matching prefix); None for a name or text and
    for a section whose keys belong to different groups (`workforce`, `placements.kinship`)."""
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in _OWNER:
            return _OWNER[prefix]
    return None


def ungrouped_keys() -> list[str]:
    """Keys and optional sections in no group (must stay empty: a new key needs a group)."""
    return [path for path, whole in schema_paths()
            if whole and path not in NOT_SIMULATED and group_of(path) is None]


def schema_paths(model: type[BaseModel] = Scenario, prefix: str = "") -> list[tuple[str, bool]]:
    """Every key path a scenario can have, with whether it must move as a whole (a key, or a
    section a scenario may leave out), from the schema itself."""
    out = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        section = _section_type(field.annotation)
        out.append((path, section is None or field.default is None))
        if section is not None:
            out.extend(schema_paths(section, path + "."))
    return out


def _section_type(annotation: Any) -> type[BaseModel] | None:
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel) and candidate is not Sourced:
            return candidate
    return None


def _is_leaf(node: Any) -> bool:
    return not isinstance(node, dict) or "value" in node


def _same(a: Any, b: Any) -> bool:
    """Equal as the model reads them: a number's source does not change a run."""
    if isinstance(a, dict) and isinstance(b, dict) and "value" in a and "value" in b:
        return a["value"] == b["value"]
    return a == b


def _differing(path: str, a: dict | None, b: dict | None, found: set[str]) -> None:
    for key in dict.fromkeys([*(a or {}), *(b or {})]):
        child = f"{path}{key}"
        group = group_of(child)
        va, vb = (a or {}).get(key), (b or {}).get(key)
        if (va is None) != (vb is None):
            found.add(group)  # a section present on one side only
        elif va is not None and not _is_leaf(va):
            _differing(child + ".", va, vb, found)
        elif not _same(va, vb) and group is not None:
            found.add(group)


def _changes(path: str, a: dict | None, b: dict | None, out: list, whole: str | None = None) -> None:
    for key in dict.fromkeys([*(a or {}), *(b or {})]):
        child = f"{path}{key}"
        va, vb = (a or {}).get(key), (b or {}).get(key)
        group = whole or group_of(child)
        if not _is_leaf(va if va is not None else vb) and (va is not None or vb is not None):
            # a section only one side has comes whole with its own group: list its keys there
            one_sided = whole or (group if (va is None) != (vb is None) else None)
            _changes(child + ".", va, vb, out, one_sided)
        elif group is not None and not _same(va, vb):
            out.append((group, child, _shown(va), _shown(vb)))


def _shown(node: Any) -> Any:
    if isinstance(node, dict) and "value" in node:
        return node["value"]
    return "–" if node is None else node


def changes(a: Scenario, b: Scenario) -> pd.DataFrame:
    """What differs, key by key: group, path, a, b ('–' where a side lacks the section, whose
    keys are then listed under the section's group, as the decomposition moves it)."""
    out: list = []
    _changes("", a.model_dump(), b.model_dump(), out)
    frame = pd.DataFrame(out, columns=["group", "path", "a", "b"])
    order = {g: i for i, g in enumerate(GROUPS)}
    return frame.sort_values("group", key=lambda c: c.map(order), kind="stable").reset_index(drop=True)


def differing_groups(a: Scenario, b: Scenario) -> list[str]:
    """The groups whose settings differ between A and B, in `GROUPS` order."""
    found: set[str] = set()
    _differing("", a.model_dump(), b.model_dump(), found)
    return [g for g in GROUPS if g in found]


def _mix(path: str, a: dict | None, b: dict | None, from_b: frozenset[str], supplier: str) -> dict:
    out = {}
    for key in dict.fromkeys([*(a or {}), *(b or {})]):
        child = f"{path}{key}"
        group = group_of(child)
        side = "b" if group in from_b else "a"
        parent = b if side == "b" else a
        if parent is None:  # this side lacks the section: the key goes with the section
            side, parent = supplier, (b if supplier == "b" else a)
        value = parent.get(key)
        if value is not None and not _is_leaf(value):
            value = _mix(child + ".", (a or {}).get(key), (b or {}).get(key), from_b, side)
        out[key] = value
    return out


def hybrid_data(a: Scenario, b: Scenario, from_b: Iterable[str]) -> dict:
    """The mapping of A with B's settings for the groups in `from_b`."""
    return _mix("", a.model_dump(), b.model_dump(), frozenset(from_b), "a")


def hybrid(a: Scenario, b: Scenario, from_b: Iterable[str]) -> Scenario:
    """A with B's settings for the groups in `from_b`, validated as a whole scenario."""
    groups = sorted(from_b, key=list(GROUPS).index)
    try:
        return Scenario.model_validate(hybrid_data(a, b, groups))
    except ValidationError as exc:
        where = f"A with B's {', '.join(groups)}" if groups else "A"
        raise InputError(f"cannot be decomposed: the mix {where} is not a valid scenario "
                         f"({input_error(exc, 'hybrid')}); settings that must change together are "
                         "in different groups (GROUPS in systemsim/experiment/decompose.py)",
                         where="--decompose") from None


def shapley_weights(n: int) -> np.ndarray:
    """Weight of a coalition of size s (not holding the player): s!(n-s-1)!/n!."""
    return np.array([math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n)
                     for s in range(n)])


def shapley(values: pd.DataFrame, n: int) -> pd.DataFrame:
    """Each player's Shapley value, row by row.

    `values` has one column per coalition, named by its bit mask (player i in the coalition
    iff bit i is set), 0 .. 2^n-1; the result has one column per player 0 .. n-1.
    """
    masks = np.arange(2 ** n)
    v = values[list(masks)].to_numpy(dtype=float)
    weights = shapley_weights(n) if n else np.array([])
    sizes = np.array([bin(m).count("1") for m in masks])
    out = np.zeros((len(values), n))
    for i in range(n):
        without = masks[(masks >> i & 1) == 0]
        w = weights[sizes[without]]
        out[:, i] = (v[:, without | (1 << i)] - v[:, without]) @ w
    return pd.DataFrame(out, index=values.index, columns=list(range(n)))


@dataclass
class Decomposition:
    """Each group's share of every KPI's difference between A and B, per year."""

    a: str
    b: str
    groups: list[str]  # the groups that differ, in GROUPS order
    runs: int  # scenario runs made (2^groups)
    shares: pd.DataFrame  # kpi, year, group, mean, low, high (5th/95th percentile of replications)
    totals: pd.DataFrame  # kpi, year, a, b, difference (means), low, high (of the difference)
    endpoints: pd.DataFrame  # the tidy runs of A and B themselves, labelled a and b
    a_scenario: Scenario | None = None
    b_scenario: Scenario | None = None

    def share(self, kpi: str, year: int | None = None) -> pd.Series:
        """Mean share per group of one KPI's difference (default: the last year)."""
        y = int(self.totals["year"].max()) if year is None else year
        rows = self.shares[(self.shares["kpi"] == kpi) & (self.shares["year"] == y)]
        return rows.set_index("group")["mean"].reindex(self.groups)

    def total(self, kpi: str, year: int | None = None) -> float:
        y = int(self.totals["year"].max()) if year is None else year
        row = self.totals[(self.totals["kpi"] == kpi) & (self.totals["year"] == y)]
        return float(row["difference"].iloc[0])


def runs_needed(a: Scenario, b: Scenario) -> int:
    return 2 ** len(differing_groups(a, b))


def decompose(
    a: Scenario,
    b: Scenario,
    *,
    years: int,
    replications: int,
    seed: int,
    labels: tuple[str, str] = ("A", "B"),
    processes: int | None = None,
    progress: bool | None = False,
    on_run: Callable[[int, int], None] | None = None,
    run: Callable[[Scenario, str], pd.DataFrame] | None = None,
) -> Decomposition:
    """Run every hybrid of A and B on the same seeds and split each KPI's difference by group.

    `run` (scenario, label -> tidy table) replaces the simulation, e.g. in tests; `on_run(i, n)`
    is called after each scenario run.
    """
    groups = differing_groups(a, b)
    if len(groups) > MAX_GROUPS:
        raise InputError(f"{len(groups)} groups of settings differ ({', '.join(groups)}); at most "
                         f"{MAX_GROUPS} can be decomposed (2^{MAX_GROUPS} runs)",
                         where="--decompose")
    n = len(groups)
    hybrids = [hybrid(a, b, [g for i, g in enumerate(groups) if m >> i & 1]) for m in range(2 ** n)]

    def simulate(scenario: Scenario, label: str) -> pd.DataFrame:
        results = run_replications(scenario, years=years, replications=replications, seed=seed,
                                   processes=processes, progress=progress, label=label)
        return tidy(results, label)

    frames = _run_hybrids(hybrids, groups, labels, run or simulate, on_run)
    table = pd.concat(frames, ignore_index=True)
    wide = table.pivot_table(index=["kpi", "year", "replication"], columns="mask", values="value",
                             dropna=False, aggfunc="first")
    shares = _group_shares(wide, groups)
    totals = _differences(wide, n)
    ends = [frames[0].assign(scenario=labels[0]), frames[-1].assign(scenario=labels[1])]
    endpoints = pd.concat(ends, ignore_index=True).drop(columns="mask")
    return Decomposition(a=labels[0], b=labels[1], groups=groups, runs=len(hybrids),
                         shares=shares, totals=totals, endpoints=endpoints, a_scenario=a,
                         b_scenario=b)


def _run_hybrids(hybrids: list[Scenario], groups: list[str], labels: tuple[str, str],
                 run: Callable[[Scenario, str], pd.DataFrame],
                 on_run: Callable[[int, int], None] | None) -> list[pd.DataFrame]:
    """Each hybrid's tidy table, marked with its mask (bit i set: group i taken from B)."""
    frames = []
    for m, scenario in enumerate(hybrids):
        taken = [g for i, g in enumerate(groups) if m >> i & 1]
        label = labels[1] if m == len(hybrids) - 1 else "+".join([labels[0], *taken])
        long = run(scenario, label)
        frames.append(long.assign(mask=m))
        if on_run:
            on_run(m + 1, len(hybrids))
    return frames


def _percentile(v: pd.Series, q: float) -> float:
    return float(np.nanpercentile(v, q)) if v.notna().any() else float("nan")


def _group_shares(wide: pd.DataFrame, groups: list[str]) -> pd.DataFrame:
    """Each group's Shapley share per replication, summarised as mean and 5th/95th percentile."""
    per_rep = shapley(wide, len(groups))
    per_rep.columns = groups
    long_shares = per_rep.reset_index().melt(id_vars=["kpi", "year", "replication"],
                                            var_name="group", value_name="value")
    grouped = long_shares.groupby(["kpi", "year", "group"], sort=False)["value"]
    return grouped.agg(
        mean="mean",
        low=lambda v: _percentile(v, 5),
        high=lambda v: _percentile(v, 95),
    ).reset_index()


def _differences(wide: pd.DataFrame, n: int) -> pd.DataFrame:
    """A's and B's means, their difference and its 5th/95th percentile over replications."""
    means = wide.groupby(level=["kpi", "year"]).mean()
    per_rep_difference = (wide[2 ** n - 1] - wide[0]).groupby(level=["kpi", "year"])
    totals = pd.DataFrame({
        "a": means[0], "b": means[2 ** n - 1],
        "low": per_rep_difference.agg(lambda v: _percentile(v, 5)),
        "high": per_rep_difference.agg(lambda v: _percentile(v, 95)),
    }).reset_index()
    totals.insert(4, "difference", totals["b"] - totals["a"])
    return totals


def announce(a: Scenario, b: Scenario, replications: int, stream: typing.TextIO | None = None) -> None:
    """Say before running how many scenario runs the decomposition takes, and why."""
    stream = stream or sys.stderr
    groups = differing_groups(a, b)
    stream.write(f"decompose: {len(groups)} groups differ ({', '.join(groups) or 'none'}): "
                 f"2^{len(groups)} = {2 ** len(groups)} scenario runs x {replications} "
                 "replications\n")
    stream.flush()


def as_json(d: Decomposition, kpis: Sequence[str] | None = None) -> dict[str, Any]:
    """The decomposition block of the CLI's JSON: per KPI and year, the means of A and B, their
    difference (with the 5th/95th percentile of the replications' differences) and each group's
    share (mean, low, high); null where a KPI has no value (e.g. no decisions that year)."""

    def num(x: float) -> float | None:
        return None if x is None or math.isnan(x) else round(float(x), 6)

    shares = d.shares.set_index(["kpi", "year", "group"])
    out: dict[str, Any] = {}
    for kpi, rows in d.totals.groupby("kpi", sort=True):
        if kpis is not None and kpi not in kpis:
            continue
        out[str(kpi)] = [
            {"year": int(r.year), "a": num(r.a), "b": num(r.b), "difference": num(r.difference),
             "difference_low": num(r.low), "difference_high": num(r.high),
             "groups": {g: {k: num(shares.loc[(kpi, r.year, g), k]) for k in ("mean", "low", "high")}
                        for g in d.groups}}
            for r in rows.sort_values("year").itertuples()
        ]
    return {"a": d.a, "b": d.b, "groups": d.groups, "runs": d.runs, "kpis": out}
