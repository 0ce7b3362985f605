"""ABC-SMC with pyabc: the posterior of a scenario's priors given a target file.

pyabc does the inference (no hand-written sampler): its single-core sampler for one worker
(reproducible with a seed), its multicore sampler for local processes, its Dask sampler on a
cluster. Every generation is stored in pyabc's SQLite database beside the scenario, so a run
that is stopped continues where it stopped when the same command is given again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from systemsim.calibration.history_matching import Wave, wave
from systemsim.calibration.posterior import Posterior, posterior_path_for, versions
from systemsim.calibration.priors import Parameter, as_values, calibrated_parameters
from systemsim.calibration.simulator import Simulator, ZDistance
from systemsim.calibration.targets import TargetFile, check_country, load_targets, observed
from systemsim.scenario import load_scenario


@dataclass
class Settings:
    population: int = 200
    generations: int = 6
    workers: int = 1
    scheduler: str | None = None
    seed: int = 0
    history_matching: int = 0  # points in a first wave (0: none)
    min_epsilon: float = 0.0
    params: list[str] | None = None
    database: str | None = None  # default: beside the scenario
    timing_dir: str | None = None
    transition: str = "global*2"


@dataclass
class Result:
    posterior: Posterior
    posterior_path: Path
    database: Path
    evaluations: int
    seconds: float
    generations_run: int
    wave: Wave | None = None
    epsilons: list[float] = field(default_factory=list)


def _fingerprint(scenario_path: Path, targets_path: Path, params: list[Parameter], s: Settings) -> str:
    """What makes two runs the same run (generations excluded: more of them continue a run)."""
    doc = {"scenario": scenario_path.read_text(encoding="utf-8"),
           "targets": targets_path.read_text(encoding="utf-8"),
           "params": [(p.path, p.prior.model_dump()) for p in params],
           "population": s.population, "seed": s.seed, "history_matching": s.history_matching,
           "transition": s.transition}
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:10]


def _sampler(s: Settings):
    from pyabc.sampler import DaskDistributedSampler, MulticoreEvalParallelSampler, SingleCoreSampler

    if s.scheduler:
        from systemsim.experiment.distributed import connect

        return DaskDistributedSampler(dask_client=connect(s.scheduler), batch_size=4)
    if s.workers > 1:
        return MulticoreEvalParallelSampler(n_procs=s.workers)
    return SingleCoreSampler()


def _transition(kind: str):
    """How pyabc perturbs particles between generations.

    "global*2" (the default): pyabc's multivariate normal kernel at twice its usual bandwidth.
    With a dozen parameters and a population of 60, the usual bandwidth ("global") left an
    effective sample size of 2 of 150 after five generations; twice the bandwidth kept 9 of 60
    after three, a local kernel ("local") 2 of 60 (benchmarks in docs/validation.md). A wider
    kernel costs acceptance rate, not honesty.
    """
    from pyabc.transition import LocalTransition, MultivariateNormalTransition

    if kind == "global":
        return MultivariateNormalTransition()
    if kind.startswith("global*"):
        return MultivariateNormalTransition(scaling=float(kind.split("*")[1]))
    if kind == "local":
        return LocalTransition(k_fraction=0.25)
    raise ValueError(f"unknown transition {kind!r}")


def _seed_generation(seed: int, t: int) -> None:
    state = np.random.SeedSequence([seed, 7, t]).generate_state(1)[0]
    np.random.seed(int(state))
    random.seed(int(state))


def calibrate(scenario_path: str | Path, targets_path: str | Path, settings: Settings, *,
              progress: bool | None = None, out: Path | None = None) -> Result:
    """Run (or continue) ABC-SMC and write the posterior and its diagnostics page."""
    import pyabc

    scenario_path, targets_path = Path(scenario_path), Path(targets_path)
    scenario = load_scenario(scenario_path)
    targets = load_targets(targets_path)
    check_country(targets, scenario.country, targets_path)
    params = calibrated_parameters(scenario, settings.params, file=str(scenario_path))
    sim = Simulator(scenario, params, targets, settings.timing_dir)
    _quiet_pyabc()

    start = time.perf_counter()
    key = _fingerprint(scenario_path, targets_path, params, settings)
    db = Path(settings.database) if settings.database else scenario_path.with_name(
        f"{scenario_path.stem}.{key}.calibration.db")
    hm: Wave | None = None
    if settings.history_matching:
        params, hm = _first_wave(sim, params, settings, db, progress)
        sim = Simulator(scenario, params, targets, settings.timing_dir)

    prior = pyabc.Distribution(**{p.key: p.rv() for p in params})
    sd = {t.name: t.sd for t in targets.targets}
    abc = pyabc.ABCSMC(sim, prior, ZDistance(sd), population_size=settings.population,
                       sampler=_sampler(settings), eps=pyabc.QuantileEpsilon(alpha=0.5),
                       transitions=_transition(settings.transition))
    history = _open_history(abc, db, targets, key, scenario_path)
    done_before = history.n_populations
    _run_generations(abc, history, settings, done_before, progress)
    posterior = _posterior(history, params, scenario_path, targets_path, targets, settings, hm, key,
                           db.name)
    path = out or posterior_path_for(scenario_path)
    posterior.write(path)
    from systemsim.calibration.diagnostics import write_diagnostics

    write_diagnostics(posterior, scenario, targets, path.with_suffix(".html"), seed=settings.seed)
    pops = history.get_all_populations()
    return Result(posterior, path, db, int(history.total_nr_simulations),
                  time.perf_counter() - start, history.n_populations - done_before, hm,
                  [float(e) for e in pops[pops.t >= 0].epsilon])


def _quiet_pyabc() -> None:
    """pyabc's own loggers say only warnings: the progress bar tells how the run goes."""
    for name in ("pyabc", "ABC", "Sampler", "Epsilon", "History", "Distance", "Acceptor",
                 "Transitions", "Adaptation", "Population"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _first_wave(sim: Simulator, params: list[Parameter], s: Settings, db: Path,
                progress: bool | None) -> tuple[list[Parameter], Wave]:
    """The history-matching wave that narrows the priors, kept beside the database so that a
    continued run keeps its first wave."""
    hm_file = db.with_suffix(".wave.json")
    if hm_file.exists():
        hm = Wave(**{**json.loads(hm_file.read_text()), "bounds": {}})
        hm.bounds = {k: tuple(v) for k, v in json.loads(hm_file.read_text())["bounds"].items()}
        return _narrow(params, hm), hm
    params, hm = wave(sim, params, points=s.history_matching, seed=s.seed, progress=progress)
    hm_file.write_text(json.dumps(hm.to_dict()))
    return params, hm


def _open_history(abc, db: Path, targets: TargetFile, key: str, scenario_path: Path):
    """The run's pyabc history: the stored one if it has a generation, else a new one."""
    import pyabc

    db_url = f"sqlite:///{db.resolve()}"
    history = None
    if db.exists():
        probe = pyabc.History(db_url)
        if probe.n_populations > 0:
            history = abc.load(db_url, 1)
    if history is None:
        if db.exists():
            db.unlink()
        history = abc.new(db_url, observed(targets),
                          meta_info={"systemsim_run": key, "scenario": str(scenario_path)})
    return history


def _run_generations(abc, history, s: Settings, done_before: int,
                     progress: bool | None) -> None:
    """Generations until `s.generations` are stored, epsilon reaches its floor or pyabc stops;
    each generation seeded from the run's seed and its number, so a continued run repeats."""
    from tqdm.auto import tqdm

    bar = tqdm(total=s.generations, initial=min(done_before, s.generations),
               desc="ABC-SMC generations", unit="gen", file=sys.stderr, leave=False,
               disable=None if progress is None else not progress)
    try:
        while history.n_populations < s.generations:
            t = history.max_t + 1
            _seed_generation(s.seed, t)
            # pyabc caches the sample it calibrates epsilon on for the life of the object; a
            # fresh one per generation makes each run() start as a continued run does
            abc._initial_population = None
            abc.run(max_nr_populations=1, minimum_epsilon=s.min_epsilon)
            if history.max_t < t:  # pyabc stopped without a new population
                break
            pops = history.get_all_populations()
            eps = float(pops[pops.t == history.max_t].epsilon.iloc[0])
            bar.update()
            bar.set_postfix(epsilon=f"{eps:.3g}", evaluations=history.total_nr_simulations)
            if eps <= s.min_epsilon:
                break
    finally:
        bar.close()


def _narrow(params: list[Parameter], hm: Wave) -> list[Parameter]:
    from systemsim.scenario.schema import Prior

    out = []
    for p in params:
        if p.path in hm.bounds:
            low, high = hm.bounds[p.path]
            mode = None if p.prior.mode is None else min(max(p.prior.mode, low), high)
            p = Parameter(p.path, Prior(low=low, high=high, shape=p.prior.shape, mode=mode),
                          p.value, p.source, p.integer)
        out.append(p)
    return out


def _relative(path: Path, to: Path) -> str:
    try:
        return str(path.resolve().relative_to(to.resolve().parent))
    except ValueError:
        import os

        return os.path.relpath(path.resolve(), to.resolve().parent)


def _posterior(history, params: list[Parameter], scenario_path: Path, targets_path: Path,
               targets: TargetFile, s: Settings, hm: Wave | None, key: str,
               db_name: str) -> Posterior:
    df, w = history.get_distribution(m=0, t=history.max_t)
    rows = [as_values(params, dict(zip(df.columns, r, strict=True))) for r in df.to_numpy()]
    samples = {p.path: [row[p.path] for row in rows] for p in params}
    pops = history.get_all_populations()
    pops = pops[pops.t >= 0]
    meta: dict[str, Any] = {
        "scenario": _relative(scenario_path, scenario_path),
        "scenario_name": load_scenario(scenario_path).name,
        "targets_file": _relative(targets_path, scenario_path),
        "targets_title": dict(targets.title) or targets.name,  # a leader's words for them
        "targets": [{**t.model_dump(exclude_none=True), "years": targets.years_of(t)}
                    for t in targets.targets],
        "seed": s.seed, "population": s.population, "generations": int(history.n_populations),
        "evaluations": int(history.total_nr_simulations),
        "epsilons": [round(float(e), 6) for e in pops.epsilon],
        "sampler": "dask" if s.scheduler else "multicore" if s.workers > 1 else "single-core",
        "workers": s.workers, "run": key, "database": db_name, "transition": s.transition,
        "history_matching": hm.to_dict() if hm else None,
        "versions": versions(), "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "note": "development posterior: small population; the lead reruns it on the final model"
        if s.population < 500 else "",
    }
    parameters = [{"path": p.path, "prior": p.prior.model_dump(exclude_none=True),
                   "value": p.value, "source": p.source} for p in params]
    return Posterior(samples, [float(x) for x in w], parameters, meta)


def evaluations_per_second(result: Result) -> float:
    return result.evaluations / result.seconds if result.seconds > 0 else float("nan")


__all__ = ["Result", "Settings", "calibrate", "evaluations_per_second"]
