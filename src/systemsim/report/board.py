"""A self-contained HTML report for a board meeting.

Plotly's JavaScript is inlined once (with the first figure), so the file opens on a laptop
without a network and makes no requests. Every text from a scenario file (names, descriptions,
sources) is escaped. The assumptions section lists every parameter with its source.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import plotly.graph_objects as go

from systemsim import __version__
from systemsim.currency import Money, in_readers_currency
from systemsim.experiment import RunResult, combine, run_scenario
from systemsim.experiment.kpis import COMPARE_KPIS, GRID_KPIS, REPORT_KPIS
from systemsim.experiment.plausibility import run_warnings
from systemsim.i18n import has_text, t
from systemsim.scenario import Scenario, iter_sourced
from systemsim.sources import cited_seeds
from systemsim.viz import (
    before_after,
    caseload_distribution,
    costs_by_item,
    family_flow,
    kpi_grid,
    limits_for,
    placements_by_type,
    summary_of,
    workforce_panel,
)
from systemsim.viz.headline import headline_table
from systemsim.viz.labels import fmt_number, money_in
from systemsim.viz.plotly_config import figure_html

if TYPE_CHECKING:
    from systemsim.experiment.decompose import Decomposition

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:2px solid #1f5fa8}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}
th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top} th{background:#eef3f9;text-align:left}
td.num{text-align:right;white-space:nowrap} small{color:#555}
.change{color:#1f5fa8;font-size:.9em} .figure{margin:1.5em 0;page-break-inside:avoid} .muted{color:#666}
details{margin:.8em 0} summary{cursor:pointer;font-weight:bold}
@media print{body{margin:0}}
"""


@dataclass
class ReportInput:
    label: str  # file stem: unique, used as the scenario key in tables
    path: Path
    scenario: Scenario


def display_name(item: ReportInput, lang: str) -> str:
    """A bundled scenario's name in the report's language; a user's own file keeps its name."""
    key = f"leaders.scenario.{item.path.stem}"
    return t(key, lang) if has_text(key) else item.scenario.name


def run_for_report(items: list[ReportInput], *, years: int, replications: int, seed: int,
                   progress=None) -> RunResult:
    """Every scenario on the same seed (common random numbers), combined into one result."""
    runs = [run_scenario(i.scenario, years=years, replications=replications, seed=seed,
                         label=i.label, on_progress=progress) for i in items]
    return combine(runs)


def write_csv(result: RunResult, folder: str | Path) -> list[Path]:
    """yearly.csv (long), summary.csv, flows.csv and caseloads.csv in `folder`."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    tables = {"yearly": result.yearly, "summary": summary_of(result.yearly),
              "flows": result.flows, "caseloads": result.caseloads}
    paths = []
    for name, table in tables.items():
        path = out / f"{name}.csv"
        table.to_csv(path, index=False)
        paths.append(path)
    return paths


def _e(x: object) -> str:
    return html.escape(str(x), quote=True)


def _headline(summary: pd.DataFrame, items: list[ReportInput], names: dict, lang: str) -> str:
    caption = (f"{t('leaders.report.measure', lang)} – "
               f"{t('leaders.report.last_year', lang, year=int(summary['year'].max()))}")
    return headline_table(summary, REPORT_KPIS, scenarios=[i.label for i in items], names=names,
                          lang=lang, caption=caption, change="inline", css_class="headline")


def _plain_settings(scenario: Scenario) -> list[tuple[str, str]]:
    """Settings that are words, not numbers (way of working, country, day counting)."""
    return [("country", scenario.country),
            ("legal.decision_limit_unit", scenario.legal.decision_limit_unit),
            ("practice.way_of_working", scenario.practice.way_of_working)]


def _value(v: float, lang: str) -> str:
    return fmt_number(v, lang, 0 if float(v).is_integer() else (3 if abs(v) < 1 else 2))


def _seed_legend(items: list[ReportInput], lang: str) -> str:
    """What "seed 001" in the sources above means: the documents' titles, issuers and dates."""
    texts = [p.source or "" for item in items for _path, p in iter_sourced(item.scenario)]
    seeds = cited_seeds(texts, lang)
    if not seeds:
        return ""
    rows = "".join(f"<li><b>{_e(label)}</b>: {_e(citation)}</li>" for label, citation in seeds)
    return f"<h3>{_e(t('leaders.report.seeds', lang))}</h3><ul>{rows}</ul>"


def _assumptions(items: list[ReportInput], names: dict, lang: str) -> str:
    parts = []
    first = dict(iter_sourced(items[0].scenario))
    first_plain = dict(_plain_settings(items[0].scenario))
    for n, item in enumerate(items):
        sc = item.scenario
        rows = []
        for path, p in iter_sourced(sc):
            source = (p.source or "").strip()
            src = _e(source) if source else f"<i class='muted'>{_e(t('leaders.report.no_source', lang))}</i>"
            rows.append(f"<tr><td><code>{_e(path)}</code></td><td class='num'>{_e(_value(p.value, lang))}"
                        f"</td><td>{src}</td></tr>")
        for path, value in _plain_settings(sc):
            rows.append(f"<tr><td><code>{_e(path)}</code></td><td class='num'>{_e(value)}</td><td></td></tr>")
        head = "<tr>" + "".join(f"<th>{_e(t(f'leaders.report.{k}', lang))}</th>"
                                for k in ("parameter", "value", "source")) + "</tr>"
        table = f"<table class='sources'>{head}{''.join(rows)}</table>"
        intro = (f"<h3>{_e(names[item.label])}</h3><p><small>{_e(t('leaders.report.file', lang))}: "
                 f"<code>{_e(item.path.name)}</code></small></p>")
        if sc.description:
            intro += f"<p>{_e(sc.description)}</p>"
        if n == 0:
            parts.append(intro + table)
            continue
        diffs = []
        for path, p in iter_sourced(sc):
            base = first.get(path)
            if base is None or base.value != p.value:
                diffs.append(f"<tr><td><code>{_e(path)}</code></td><td class='num'>"
                             f"{_e(_value(base.value, lang)) if base else '–'} → {_e(_value(p.value, lang))}"
                             f"</td><td>{_e(p.source or '')}</td></tr>")
        for path, value in _plain_settings(sc):
            if first_plain.get(path) != value:
                diffs.append(f"<tr><td><code>{_e(path)}</code></td><td class='num'>"
                             f"{_e(first_plain.get(path))} → {_e(value)}</td><td></td></tr>")
        diff_html = (f"<p><b>{_e(t('leaders.report.differences', lang))}</b></p>"
                     f"<table class='differences'>{head}{''.join(diffs)}</table>") if diffs else (
            f"<p class='muted'>{_e(t('leaders.report.same', lang))}</p>")
        parts.append(intro + diff_html + f"<details><summary>{_e(t('leaders.report.assumptions', lang))}"
                     f"</summary>{table}</details>")
    return "\n".join(parts)


def report_figures(result: RunResult, items: list[ReportInput], names: dict, lang: str, *,
                   summary: pd.DataFrame | None = None) -> list[go.Figure]:
    """The report's figures (`summary`: the yearly summary, costs already in the report's
    currency; by default made from `result` as it is)."""
    summary = summary_of(result.yearly) if summary is None else summary
    order = [i.label for i in items]
    limits = limits_for(items[0].scenario)
    figs = [
        kpi_grid(summary, GRID_KPIS, lang=lang, names=names, limits=limits, scenarios=order),
        before_after(summary, COMPARE_KPIS, lang=lang, names=names, scenarios=order),
        placements_by_type(summary, lang=lang, names=names, scenarios=order, by_year=False),
        costs_by_item(summary, lang=lang, names=names, scenarios=order, by_year=False),
        caseload_distribution(result.caseloads, cap=limits["caseload_cap"], lang=lang, names=names,
                              scenarios=order, limits=limits),
    ]
    for i in items:
        figs.append(family_flow(result.flows, scenario=i.label, lang=lang, name=names[i.label]))
    workforce = workforce_panel(summary, lang=lang, names=names, limits=limits, scenarios=order)
    figs.append(workforce)
    return figs


def _decomposition(d: Decomposition | None, lang: str) -> str:
    """Where the difference came from: a bar per group of settings, and what each group changed."""
    if d is None:
        return ""
    from systemsim.experiment.decompose import changes
    from systemsim.viz.decomposition import decomposition_figure, group_label

    fig = decomposition_figure(d, lang=lang)
    div = fig.to_html(full_html=False, include_plotlyjs=False, include_mathjax=False,
                      config={"displaylogo": False, "responsive": True}, default_width="100%")
    rows = "".join(f"<tr><td>{_e(group_label(r.group, lang))}</td><td><code>{_e(r.path)}</code></td>"
                   f"<td class='num'>{_e(r.a)} → {_e(r.b)}</td></tr>"
                   for r in changes(d.a_scenario, d.b_scenario).itertuples()) if d.a_scenario else ""
    table = f"<table class='decomposition'>{rows}</table>" if rows else ""
    year = int(d.totals["year"].max())
    return (f"<h2 id='decomposition'>{_e(t('decompose.title', lang, year=year))}</h2>"
            f"<p>{_e(t('decompose.caption', lang, runs=d.runs))}</p>"
            f"<div class='figure'>{div}</div><p><b>{_e(t('decompose.changed', lang))}</b></p>{table}")


def _warnings(summary: pd.DataFrame, names: dict[str, str], lang: str) -> str:
    """Where a run reached a state no real service stays in: said before any number is shown."""
    lines = [f"{names.get(label, label)}: {w}"
             for label, found in run_warnings(summary, lang).items() for w in found]
    if not lines:
        return ""
    items = "".join(f"<li>{_e(line)}</li>" for line in lines)
    return (f"<div id='warnings' style='border-left:4px solid #b03a2e;padding:2px 10px'>"
            f"<b>⚠</b><ul>{items}</ul></div>")


def build_report(items: list[ReportInput], result: RunResult, *, years: int, replications: int,
                 seed: int, lang: str, names: dict[str, str] | None = None,
                 decomposition: Decomposition | None = None, intervals: str = "",
                 calibration: str = "") -> str:
    """The whole HTML document as a string (`names`: display names by label; `decomposition`:
    each group's share of the difference between two scenarios, shown as a bar per group;
    `intervals`: which uncertainty the intervals include, in words; `calibration`: the files
    behind it, for the modeller, shown with the sources)."""
    names = {i.label: (names or {}).get(i.label, display_name(i, lang)) for i in items}
    money = in_readers_currency({i.label: i.scenario for i in items}, lang,
                                summary_of(result.yearly))
    with money_in(money.currency):
        return _document(items, result, names, years=years, replications=replications, seed=seed,
                         lang=lang, decomposition=decomposition, intervals=intervals,
                         calibration=calibration, money=money)


def _money_note(money: Money) -> str:
    """How costs were converted, with the rate's source, for every scenario that needed it."""
    return "".join(f"<p class='muted' id='currency'>{_e(n)}</p>" for n in money.notes)


def _document(items: list[ReportInput], result: RunResult, names: dict[str, str], *, years: int,
              replications: int, seed: int, lang: str, decomposition: Decomposition | None,
              intervals: str, calibration: str, money: Money) -> str:
    summary = money.summary
    figs = report_figures(result, items, names, lang, summary=summary)
    fig_html = []
    for n, fig in enumerate(figs):
        div = figure_html(fig, lang, full_html=False, include_plotlyjs=n == 0,
                          include_mathjax=False, default_width="100%")
        fig_html.append(f"<div class='figure'>{div}</div>")
    scen_list = "".join(
        f"<li><b>{_e(names[i.label])}</b> <small>(<code>{_e(i.path.name)}</code>)</small></li>"
        for i in items)
    title = t("leaders.report.title", lang)
    settings = t("leaders.report.settings", lang, years=years, replications=replications, seed=seed)
    return f"""<!DOCTYPE html>
<html lang="{_e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<h1>{_e(title)}</h1>
<p class="muted">{_e(settings)}</p>
<p class="muted" id="intervals">{_e(intervals)}</p>
{_money_note(money)}
<ul>{scen_list}</ul>
{_warnings(summary, names, lang)}
<p>{_e(t('leaders.report.intro', lang))}</p>
<h2>{_e(t('leaders.report.headline', lang))}</h2>
{_headline(summary, items, names, lang)}
<h2>{_e(t('leaders.report.figures', lang))}</h2>
{''.join(fig_html)}
{_decomposition(decomposition, lang)}
<h2 id="sources">{_e(t('leaders.report.assumptions', lang))}</h2>
{_assumptions(items, names, lang)}
{f'<p class="muted" id="calibration"><small>{_e(calibration)}</small></p>' if calibration else ''}
{_seed_legend(items, lang)}
<p class="muted"><small>{_e(t('leaders.report.generated', lang, version=__version__))}</small></p>
</body>
</html>
"""
