"""The levers a leader can move, their allowed ranges, and the cached base run.

Kept apart from the widgets so the same checks serve the dashboard, tests and the benchmark:
a value out of range is refused with a message naming the control and what is allowed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from systemsim.calibration.posterior import Posterior
from systemsim.errors import InputError
from systemsim.experiment import RunResult, run_scenario
from systemsim.i18n import get_language, t
from systemsim.scenario import Scenario, load_scenario, with_values
from systemsim.scenario.schema import Bounds
from systemsim.whatif.scenarios import scenario_dir


@dataclass(frozen=True)
class Lever:
    """One control: the scenario parameter it moves and the values it allows.

    `low`..`high` is what the checks accept; `shown` is where the slider usually stops (it
    reaches further for a large base, see `slider_limits`).
    """

    name: str
    path: str | None  # dotted scenario path; None for run settings (years, replications)
    low: float
    high: float
    step: float = 1
    whole: bool = True
    shown: float | None = None


def bounds_of(path: str) -> Bounds:
    """The range the scenario schema allows at a dotted path such as `workforce.social_workers`."""
    model: type[BaseModel] = Scenario
    *sections, name = path.split(".")
    for section in sections:
        model = model.model_fields[section].annotation
    found = [m for m in model.model_fields[name].metadata if isinstance(m, Bounds)]
    if not found:
        raise ValueError(f"{path} is not a number with a range in the scenario schema")
    return found[0]


def _scenario_lever(name: str, path: str, *, step: float, shown: float, whole: bool = False) -> Lever:
    """A lever whose allowed range is the schema's, so a file and a slider accept the same values."""
    b = bounds_of(path)
    return Lever(name, path, float(b.ge or 0), float("inf") if b.le is None else float(b.le), step,
                 whole or b.integer, shown)


LEVERS: dict[str, Lever] = {
    "social_workers": _scenario_lever("social_workers", "workforce.social_workers", step=0.5,
                                      shown=40),
    # a cap counts children, so the control moves in whole numbers
    "caseload_cap": _scenario_lever("caseload_cap", "legal.caseload_cap", step=1, shown=60,
                                    whole=True),
    "early_support_places": _scenario_lever(
        "early_support_places", "basic_services.early_support_places", step=5, shown=300),
    "years": Lever("years", None, 1, 10),
    "replications": Lever("replications", None, 2, 100),
}


#: what the intervals include: chance alone, or chance and the calibration's parameter uncertainty
UNCERTAINTIES = ("stochastic", "parameters")


def slider_limits(name: str, base: float | None = None) -> dict[str, float]:
    """min, max and step of a lever's slider: up to `shown`, or three times a larger base."""
    lever = LEVERS[name]
    top = lever.shown if lever.shown is not None else lever.high
    if base is not None:
        top = max(top, base * 3)
    low, high = lever.low, min(top, lever.high)
    if lever.whole:
        return {"min": int(low), "max": int(high), "step": int(lever.step)}
    return {"min": low, "max": high, "step": lever.step}


WAYS_OF_WORKING = ("individual", "systemic")


def _fmt(x: float) -> str:
    return f"{float(x):g}"


#: controls that choose among words, not numbers: their options and their texts' group
#: (`leaders.<group>.<option>`)
CHOICES = {"way_of_working": (WAYS_OF_WORKING, "way"), "uncertainty": (UNCERTAINTIES, "uncertainty")}


def check_values(values: dict, lang: str | None = None) -> dict:
    """Return `values` checked; raise `InputError` naming the control and its allowed range."""
    lang = lang or get_language()
    out = dict(values)
    for name, value in values.items():
        if name in CHOICES:
            options, words = CHOICES[name]
            if value not in options:
                allowed = ", ".join(t(f"leaders.{words}.{o}", lang) for o in options)
                raise InputError(t("leaders.invalid_choice", lang, control=t(
                    f"leaders.control.{name}", lang), allowed=allowed, value=value))
            continue
        if name == "base":
            continue
        lever = LEVERS.get(name)
        if lever is None:
            raise InputError(f"unknown control {name!r}; known: {', '.join(LEVERS)}")
        label = t(f"leaders.control.{name}", lang)
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = float("nan")
        ok = number == number and lever.low <= number <= lever.high
        if ok and lever.whole and number != int(number):
            ok = False
        if not ok:
            key = "leaders.invalid_whole" if lever.whole else "leaders.invalid_range"
            raise InputError(t(key, lang, control=label, low=_fmt(lever.low), high=_fmt(lever.high),
                               value=value))
        out[name] = int(number) if lever.whole else number
    return out


def lever_values(scenario: Scenario) -> dict:
    """The levers' values in a scenario (the dashboard's starting point)."""
    return {
        "social_workers": scenario.workforce.social_workers.value,
        "caseload_cap": int(scenario.legal.caseload_cap.value),
        "early_support_places": int(scenario.basic_services.early_support_places.value),
        "way_of_working": scenario.practice.way_of_working,
    }


def apply_levers(scenario: Scenario, values: dict) -> Scenario:
    """`scenario` with the moved levers changed (a what-if with honest sources)."""
    current = lever_values(scenario)
    changes = {}
    for name, value in values.items():
        if name in current and value != current[name]:
            path = "practice.way_of_working" if name == "way_of_working" else LEVERS[name].path
            changes[path] = value
    return with_values(scenario, changes) if changes else scenario


class BaseCache:
    """Base runs keyed by file, its modification time, years, replications and seed."""

    def __init__(self, size: int = 8):
        self.size = size
        self._runs: OrderedDict[tuple, RunResult] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, path: Path, years: int, replications: int, seed: int) -> tuple:
        p = Path(path).resolve()
        return (str(p), p.stat().st_mtime_ns, years, replications, seed)

    def get(self, key: tuple) -> RunResult | None:
        with self._lock:
            run = self._runs.get(key)
            if run is not None:
                self._runs.move_to_end(key)
            return run

    def put(self, key: tuple, run: RunResult) -> None:
        with self._lock:
            self._runs[key] = run
            while len(self._runs) > self.size:
                self._runs.popitem(last=False)


BASE_CACHE = BaseCache()
WHATIF_CACHE = BaseCache(size=16)


def runs_with(posterior: Posterior | None) -> tuple:
    """The part of a cache key that says which uncertainty a run includes."""
    if posterior is None or posterior.path is None:
        return ("stochastic",) if posterior is None else ("parameters", id(posterior))
    p = Path(posterior.path).resolve()
    return ("parameters", str(p), p.stat().st_mtime_ns)


def _run(scenario: Scenario, *, years: int, replications: int, seed: int, label: str,
         on_progress, stop, posterior: Posterior | None) -> RunResult:
    """Replications on the seed's streams; with a posterior, replication r also on draw r // 2
    (both sides of a what-if get the same draws: common random numbers)."""
    if posterior is None:
        return run_scenario(scenario, years=years, replications=replications, seed=seed,
                            label=label, on_progress=on_progress, stop=stop)
    from systemsim.calibration.uncertainty import run_result_with_parameters

    return run_result_with_parameters(scenario, posterior, years=years, replications=replications,
                                      seed=seed, label=label, on_progress=on_progress,
                                      stop=stop)[0]


def whatif_run(path: Path, scenario: Scenario, *, years: int, replications: int, seed: int,
               label: str = "whatif", on_progress: Callable[[int, int], None] | None = None,
               stop: threading.Event | None = None,
               posterior: Posterior | None = None) -> RunResult:
    """A what-if's run, remembered so that moving a control back answers at once. With a
    `posterior`, its intervals include parameter uncertainty as well as chance."""
    key = (*BASE_CACHE.key(path, years, replications, seed), scenario.model_dump_json(), label,
           *runs_with(posterior))
    run = WHATIF_CACHE.get(key)
    if run is None:
        run = _run(scenario, years=years, replications=replications, seed=seed, label=label,
                   on_progress=on_progress, stop=stop, posterior=posterior)
        WHATIF_CACHE.put(key, run)
    return run


def base_run(path: Path, *, years: int, replications: int, seed: int, label: str = "base",
             on_progress: Callable[[int, int], None] | None = None,
             stop: threading.Event | None = None,
             posterior: Posterior | None = None) -> RunResult:
    """The base scenario's run, computed once per file, settings and uncertainty."""
    key = (*BASE_CACHE.key(path, years, replications, seed), *runs_with(posterior))
    run = BASE_CACHE.get(key)
    if run is None:
        run = _run(load_scenario(path), years=years, replications=replications, seed=seed,
                   label=label, on_progress=on_progress, stop=stop, posterior=posterior)
        BASE_CACHE.put(key, run)
    return run


def default_base(files: dict[str, Path]) -> str:
    """The name of the typical municipality if bundled, else the first scenario."""
    for name, path in files.items():
        if path.stem == "finland_typical":
            return name
    if not files:
        raise InputError("no scenario files found", file=scenario_dir())
    return next(iter(files))


def describe_changes(base: Scenario, whatif: Scenario, lang: str | None = None) -> str:
    """'Social workers 7 → 9; Way of working: Individual → Systemic team' (empty if none)."""
    lang = lang or get_language()
    before, after = lever_values(base), lever_values(whatif)
    parts = []
    for name, old in before.items():
        new = after[name]
        if new == old:
            continue
        label = t(f"leaders.control.{name}", lang)
        if name == "way_of_working":
            old, new = t(f"leaders.way.{old}", lang), t(f"leaders.way.{new}", lang)
        else:
            old, new = _fmt(old), _fmt(new)
            if lang != "en":
                old, new = old.replace(".", ","), new.replace(".", ",")
        parts.append(f"{label} {old} → {new}")
    return "; ".join(parts)
