"""`systemsim compare A B --decompose`: run every hybrid of A and B and print each group's share."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from systemsim.cli.common import emit
from systemsim.currency import in_readers_currency
from systemsim.errors import InputError
from systemsim.experiment import contract, dumps, summarise
from systemsim.experiment.decompose import Decomposition, announce, as_json, changes, decompose
from systemsim.i18n import t
from systemsim.scenario import Scenario, load_scenario


def run_decompose(args: argparse.Namespace) -> int:
    if len(args.scenarios) != 2:
        raise InputError(f"--decompose compares exactly two scenarios (A and B), got "
                         f"{len(args.scenarios)}", where="SCENARIO")
    stems = tuple(Path(p).stem for p in args.scenarios)
    if stems[0] == stems[1]:
        raise InputError("two scenario files have the same name; rename one", where="SCENARIO")
    a, b = (load_scenario(p) for p in args.scenarios)
    announce(a, b, args.replications)
    if not args.json:
        print_changes(a, b)
    d = decompose(a, b, years=args.years, replications=args.replications, seed=args.seed,
                  labels=stems, processes=args.processes,
                  progress=None if not args.json else sys.stderr.isatty())
    summary = summarise(d.endpoints)
    if args.json:
        doc = contract(summary, years=args.years, replications=args.replications, seed=args.seed,
                       decomposition=as_json(d))
        sys.stdout.write(dumps(doc) + "\n")
        return 0
    scenarios = dict(zip(stems, (a, b), strict=True))
    emit(summary, scenarios, args)  # the usual table of A and B, with any plausibility warnings
    money = in_readers_currency(scenarios, "en")  # the table above gave its note
    factor = money.common_factor()
    print_decomposition(d, currency=money.currency if factor is not None else "EUR",
                        factor=factor if factor is not None else 1.0)
    return 0


def _value(fmt: str, x: float) -> str:
    return "–" if x is None or math.isnan(x) else fmt.format(x)


def _change(fmt: str, x: float) -> str:
    """A signed change; a change of a share is in percentage points, not a share of a share."""
    if x is None or math.isnan(x):
        return "–"
    text = f"{abs(x) * 100:.1f} pp" if "%" in fmt else fmt.format(abs(x))
    return text if x == 0 else ("-" if x < 0 else "+") + text


def print_decomposition(d: Decomposition, lang: str = "en", currency: str = "EUR",
                        factor: float = 1.0) -> None:
    """The last year's headline KPIs: A, B, the difference and each group's share of it
    (costs times `factor`, written in `currency`: kronor for two Swedish scenarios)."""
    from systemsim.cli.table import HEADLINE, money_format

    year = int(d.totals["year"].max())
    width = 30 + 18 * (3 + len(d.groups))
    table = Table(title=f"{t('decompose.title', lang, year=year)}: {d.a} → {d.b}",
                  caption=t("decompose.caption", lang, runs=d.runs))
    table.add_column(t("core.kpi", lang), min_width=22)
    for name in (d.a, d.b, t("decompose.difference", lang)):
        table.add_column(name, justify="right")
    for g in d.groups:
        table.add_column(t(f"decompose.group.{g}", lang), justify="right")
    totals = d.totals[d.totals["year"] == year].set_index("kpi")
    shares = d.shares[d.shares["year"] == year].set_index(["kpi", "group"])["mean"]
    for kpi, fmt in HEADLINE:
        if kpi not in totals.index:
            continue
        row = totals.loc[kpi]
        k = factor if kpi == "cost_total_eur" else 1.0
        fmt = money_format(currency) if kpi == "cost_total_eur" else fmt
        cells = [_value(fmt, k * row["a"]), _value(fmt, k * row["b"]),
                 _change(fmt, k * row["difference"])]
        cells += [_change(fmt, k * shares.get((kpi, g), float("nan"))) for g in d.groups]
        table.add_row(t(f"kpi.{kpi}", lang), *cells)
    if not d.groups:
        table.add_row(t("decompose.none", lang), "", "", "")
    Console(width=max(Console().width, width)).print(table)


def print_changes(a: Scenario, b: Scenario, lang: str = "en") -> None:
    """Each differing group with the keys it changes, so a reader sees what a share is about."""
    table = Table(title=t("decompose.changed", lang))
    for column in ("group", "key", "A", "B"):
        table.add_column(column)
    for row in changes(a, b).itertuples():
        table.add_row(t(f"decompose.group.{row.group}", lang), row.path, str(row.a), str(row.b))
    Console(width=max(Console().width, 100)).print(table)
