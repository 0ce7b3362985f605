"""A posterior file: weighted parameter sets, the targets they were fitted to, seeds, versions.

Written next to the calibrated scenario as ``<stem>.posterior.json``. A scenario finds its
posterior there, in a ``calibration/`` folder beside it, or through the files it `extends:`
(so every Finnish scenario built on `finland_typical` carries its national posterior).
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from systemsim.errors import InputError
from systemsim.scenario import Scenario, iter_sourced, with_values
from systemsim.yamlio import read_yaml

SUFFIX = ".posterior.json"


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in ("systemsim", "pyabc", "mesa", "numpy", "pandas", "scipy", "SALib"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


@dataclass
class Posterior:
    """Weighted parameter sets by key path (`samples[path][i]` with `weights[i]`)."""

    samples: dict[str, list[float]]
    weights: list[float]
    parameters: list[dict[str, Any]]
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def paths(self) -> list[str]:
        return list(self.samples)

    @property
    def size(self) -> int:
        return len(self.weights)

    def matrix(self) -> np.ndarray:
        return np.column_stack([np.asarray(self.samples[p], dtype=float) for p in self.paths])

    def normalised_weights(self) -> np.ndarray:
        w = np.asarray(self.weights, dtype=float)
        return w / w.sum()

    def ess(self) -> float:
        w = self.normalised_weights()
        return float(1.0 / np.sum(w**2))

    def summary(self) -> dict[str, dict[str, float]]:
        """Weighted mean, sd and 5/50/95 % quantiles per parameter."""
        w = self.normalised_weights()
        out = {}
        for path in self.paths:
            x = np.asarray(self.samples[path], dtype=float)
            order = np.argsort(x)
            cdf = np.cumsum(w[order])
            q = [float(x[order][min(np.searchsorted(cdf, a), len(x) - 1)]) for a in (0.05, 0.5, 0.95)]
            mean = float(np.sum(w * x))
            out[path] = {"mean": mean, "sd": float(np.sqrt(np.sum(w * (x - mean) ** 2))),
                         "q05": q[0], "q50": q[1], "q95": q[2]}
        return out

    def draws(self, n: int, seed: int) -> list[dict[str, float]]:
        """`n` parameter sets resampled by weight; the same seed gives the same draws."""
        rng = np.random.default_rng(np.random.SeedSequence([seed, 15]))
        idx = rng.choice(self.size, size=n, replace=True, p=self.normalised_weights())
        X = self.matrix()
        return [{p: float(X[i, j]) for j, p in enumerate(self.paths)} for i in idx]

    def base_values(self) -> dict[str, float]:
        """The values the calibrated scenario file had (a scenario that changed one keeps it)."""
        return {p["path"]: float(p["value"]) for p in self.parameters}

    def to_dict(self) -> dict[str, Any]:
        doc = dict(self.meta)
        doc.update({"kind": "posterior", "parameters": self.parameters, "weights": self.weights,
                    "samples": self.samples, "summary": self.summary(), "ess": self.ess()})
        return doc

    def write(self, path: str | Path) -> Path:
        p = Path(path)
        p.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True, ensure_ascii=False,
                                allow_nan=False) + "\n", encoding="utf-8")
        self.path = p
        return p


def load_posterior(path: str | Path) -> Posterior:
    """Read a posterior file; a broken one is named with the key that is wrong."""
    p = Path(path)
    if not p.exists():
        raise InputError("posterior file not found", file=p, where="--posterior")
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"not a JSON posterior file ({exc})", file=p) from None
    for key in ("kind", "samples", "weights", "parameters"):
        if key not in doc:
            raise InputError("required but missing", file=p, where=key)
    if doc["kind"] != "posterior":
        raise InputError(f"kind is {doc['kind']!r}, expected 'posterior'", file=p, where="kind")
    samples, weights = doc["samples"], doc["weights"]
    if not isinstance(samples, dict) or not samples:
        raise InputError("must map parameter paths to lists of values", file=p, where="samples")
    n = len(weights)
    for path, values in samples.items():
        if len(values) != n:
            raise InputError(f"{len(values)} values but {n} weights", file=p, where=f"samples.{path}")
    w = np.asarray(weights, dtype=float)
    if n == 0 or not np.all(np.isfinite(w)) or (w < 0).any() or w.sum() <= 0:
        raise InputError("weights must be finite, not negative and not all zero", file=p,
                         where="weights")
    meta = {k: v for k, v in doc.items()
            if k not in ("kind", "samples", "weights", "parameters", "summary", "ess")}
    return Posterior(samples, list(map(float, weights)), doc["parameters"], meta, p)


def posterior_path_for(scenario_path: str | Path) -> Path:
    """Where `systemsim calibrate` writes the posterior of a scenario file."""
    p = Path(scenario_path)
    return p.with_name(p.name.removesuffix(".yaml").removesuffix(".yml") + SUFFIX)


def find_posterior(scenario_path: str | Path) -> Path | None:
    """The posterior a scenario uses: its own, one in calibration/ beside it, or its parent's."""
    p = Path(scenario_path)
    seen: set[Path] = set()
    while p.exists() and p.resolve() not in seen:
        seen.add(p.resolve())
        for candidate in (posterior_path_for(p), posterior_path_for(p.parent / "calibration" / p.name)):
            if candidate.exists():
                return candidate
        parent = read_yaml(p).get("extends")
        if not isinstance(parent, str):
            return None
        p = p.parent / parent
    return None


def require_posterior(scenario_path: str | Path, explicit: str | Path | None = None) -> Posterior:
    """The posterior to draw from, or an error telling the user how to get one."""
    if explicit:
        return load_posterior(explicit)
    found = find_posterior(scenario_path)
    if found is None:
        raise InputError("no posterior for this scenario (none beside it or the files it extends); "
                         "run `systemsim calibrate` or give --posterior FILE", file=scenario_path,
                         where="--uncertainty")
    return load_posterior(found)


def applicable(posterior: Posterior, scenario: Scenario) -> tuple[list[str], list[str]]:
    """(paths a draw sets, paths the scenario deliberately changed and so keeps)."""
    values = {path: p.value for path, p in iter_sourced(scenario)}
    base = posterior.base_values()
    use, keep = [], []
    for path in posterior.paths:
        if path not in values:
            continue
        if path in base and not np.isclose(values[path], base[path]):
            keep.append(path)
        else:
            use.append(path)
    return use, keep


def scenario_for_draw(scenario: Scenario, draw: dict[str, float], paths: list[str]) -> Scenario:
    return with_values(scenario, {p: draw[p] for p in paths})
