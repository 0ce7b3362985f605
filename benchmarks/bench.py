"""systemsim benchmarks: speed against a textbook Mesa model, scaling, memory, parallel speed-up.

    python benchmarks/bench.py --quick   # `make bench-quick`: under 5 minutes on 2 cores
    python benchmarks/bench.py           # `make bench`: the full set

Prints one `bench ...` line per result (the lines `make bench-quick` promises) and `# ...`
lines that say how each number was measured. Every run is 10 simulated years unless a `#`
line says otherwise. Results are also written to benchmarks/results/bench[-quick].json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
if str(HERE.parent / "src") not in sys.path:  # a fresh clone without an installed package
    sys.path.insert(1, str(HERE.parent / "src"))

import numpy as np  # noqa: E402
from workloads import FACTORS, workload  # noqa: E402

YEARS = 10
WEEKS = 52 * YEARS


def say(line: str) -> None:
    print(line, flush=True)


def time_systemsim(name: str, repeats: int, years: int = YEARS) -> float:
    """Median wall time of one replication (in this process, after a warm-up)."""
    from systemsim.experiment import run_one

    scenario = workload(name)
    times = []
    for r in range(repeats):
        seed = np.random.SeedSequence([7, r])
        t0 = time.perf_counter()
        run_one(scenario, years, seed)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def time_reference(name: str, weeks: int) -> float:
    """Wall time of the textbook model for 10 years; stepped for `weeks` and scaled if fewer.

    Building the population is timed once; only the weekly stepping is scaled linearly.
    """
    from reference_model import ReferenceModel

    from systemsim.experiment.kpis import weekly_frame, yearly_kpis

    scenario = workload(name)
    t0 = time.perf_counter()
    model = ReferenceModel(scenario, seed=np.random.SeedSequence(7))
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.run_weeks(weeks)
    yearly_kpis(model, weekly_frame(model))
    stepped = time.perf_counter() - t0
    return built + stepped * WEEKS / weeks


def isolated(name: str) -> dict:
    """One replication of a workload in a fresh process: wall time and peak RSS."""
    paths = [str(HERE), str(HERE.parent / "src")]
    code = (
        f"import json, resource, sys, time; sys.path[:0] = {paths!r}\n"
        "import numpy as np\n"
        "from workloads import workload\n"
        "from systemsim.experiment import run_one\n"
        f"s = workload({name!r})\n"
        f"t0 = time.perf_counter(); run_one(s, {YEARS}, np.random.SeedSequence(7))\n"
        "dt = time.perf_counter() - t0\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': dt, 'peak_rss_mb': rss}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def replication_speedup(name: str, years: int, replications: int = 30) -> tuple[float, float, float]:
    """30 replications on 1 process (this one) against 2 worker processes (pool start included)."""
    from systemsim.experiment.distributed import Local, run_points

    scenario = workload(name)
    kw = dict(years=years, replications=replications, seed=11, progress=False)
    t0 = time.perf_counter()
    one = run_points([scenario], [name], backend=Local(1), **kw)
    t1 = time.perf_counter() - t0
    t0 = time.perf_counter()
    two = run_points([scenario], [name], backend=Local(2), **kw)
    t2 = time.perf_counter() - t0
    assert one.equals(two), "1 and 2 processes gave different numbers"
    return t1 / t2, t1, t2


def slope(xs: list[float], ys: list[float]) -> float:
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum(
        (a - mx) ** 2 for a in lx)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="the < 5 minute set (make bench-quick)")
    args = ap.parse_args(argv)
    quick = args.quick
    started = time.perf_counter()
    results: dict = {"quick": quick, "years": YEARS, "cpus": os.cpu_count()}
    children = {k: workload(k).population.children.value for k in FACTORS}
    say(f"# systemsim benchmarks ({'quick' if quick else 'full'}), {YEARS} simulated years, "
        f"{os.cpu_count()} CPUs; children: " + ", ".join(f"{k} {v:,.0f}" for k, v in children.items()))

    load = os.getloadavg()[0]
    say(f"# load average at start {load:.2f} on {os.cpu_count()} CPUs"
        + (": other processes share this machine, so times are upper bounds" if load > 0.5 else ""))
    results["load_start"] = load
    time_systemsim("municipality", 1, years=1)  # warm-up: imports, caches
    seconds = {
        "municipality": time_systemsim("municipality", 5),
        "county": time_systemsim("county", 3 if quick else 5),
    }
    naive = {"municipality": time_reference("municipality", WEEKS)}
    naive_weeks = 52 if quick else WEEKS
    naive["county"] = time_reference("county", naive_weeks) * WEEKS / naive_weeks
    for name in ("municipality", "county"):
        if name == "county" and naive_weeks < WEEKS:
            say(f"# naive county: textbook model built, stepped for {naive_weeks} of {WEEKS} weeks "
                f"and the stepping scaled linearly to {YEARS} years ({naive['county']:.1f} s)")
        else:
            say(f"# naive {name}: textbook model, all {WEEKS} weeks ({naive[name]:.1f} s)")
        say(f"bench workload={name} seconds={seconds[name]:.3f} "
            f"ratio_vs_naive={naive[name] / seconds[name]:.1f}")

    fin = isolated("finland")
    seconds["finland"] = fin["seconds"]
    say("# finland: one replication in a fresh process; peak RSS from getrusage(RUSAGE_SELF)")
    say(f"bench workload=finland seconds={fin['seconds']:.1f} peak_rss_mb={fin['peak_rss_mb']:.0f}")

    names = ["municipality", "county", "finland"]
    exponent = slope([children[n] for n in names], [seconds[n] for n in names])
    say("# scaling exponent: least-squares slope of log(seconds) on log(children), "
        + ", ".join(names))
    say(f"bench scaling_exponent={exponent:.2f}")

    sp_years = 5 if quick else YEARS
    speedup, t1, t2 = replication_speedup("county", sp_years)
    say(f"# speed-up: 30 county replications of {sp_years} years, 1 process {t1:.1f} s against "
        f"2 processes {t2:.1f} s (pool start included; identical results checked)")
    say(f"bench replication_speedup_2={speedup:.2f}")

    goals = {
        "county_ratio_ge_30": naive["county"] / seconds["county"] >= 30,
        "scaling_exponent_le_1.1": exponent <= 1.1,
        "finland_lt_60s": fin["seconds"] < 60,
        "finland_lt_2GB": fin["peak_rss_mb"] < 2048,
        "speedup_2_ge_1.7": speedup >= 1.7,
    }
    say("# goals: " + ", ".join(f"{k}={'met' if v else 'NOT met'}" for k, v in goals.items()))
    total = time.perf_counter() - started
    results["load_end"] = os.getloadavg()[0]
    say(f"# total benchmark time {total:.0f} s; load average at end {results['load_end']:.2f}; "
        "peak RSS of this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    results.update(seconds=seconds, naive_seconds=naive, naive_county_weeks=naive_weeks,
                   finland=fin, scaling_exponent=exponent, replication_speedup_2=speedup,
                   speedup_seconds=[t1, t2], speedup_years=sp_years, goals=goals, total_seconds=total)
    out = HERE / "results" / ("bench-quick.json" if quick else "bench.json")
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
