"""Benchmark: lay out and draw a 60-person, five-generation family (issue 5 target: < 1 s).

Run: ``python benchmarks/bench_genogram.py [--people 60] [--generations 5] [--repeat 5]``.
Prints one line per measurement, e.g. ``bench genogram people=60 generations=5 seconds=0.09``;
the time is the best of `--repeat` runs of layout + plotly figure (+ network map), after one
warm-up run so imports are not counted.
"""

from __future__ import annotations

import argparse
import time

from systemsim.genogram import draw_genogram, draw_network_map, layout_genogram
from systemsim.genogram.synthetic import random_family


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=60)
    parser.add_argument("--generations", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args(argv)

    family = random_family(args.seed, generations=args.generations, people=args.people)
    layout = layout_genogram(family)
    rows = len(layout.rows)
    draw_genogram(family, lang="fi")  # warm-up
    best_layout = best_total = best_map = best_html = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        layout = layout_genogram(family)
        t1 = time.perf_counter()
        fig = draw_genogram(family, lang="fi", layout=layout)
        t2 = time.perf_counter()
        draw_network_map(family, lang="fi")
        t3 = time.perf_counter()
        fig.to_html(include_plotlyjs=True)
        best_html = min(best_html, time.perf_counter() - t3)
        best_layout = min(best_layout, t1 - t0)
        best_total = min(best_total, t2 - t0)
        best_map = min(best_map, t3 - t2)
    n = len(family.people)
    print(f"bench genogram people={n} generations={rows} layout_seconds={best_layout:.4f}")
    print(f"bench genogram people={n} generations={rows} seconds={best_total:.4f}")
    print(f"bench genogram people={n} standalone_html_seconds={best_html:.4f}")
    print(f"bench network_map members={len(family.network)} seconds={best_map:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
