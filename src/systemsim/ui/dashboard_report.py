"""The dashboard's board report: base and what-if as one HTML page, offered as a link that
downloads it (no server needed, so it works in Voilà and in a saved notebook).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from systemsim.i18n import t
from systemsim.scenario import Scenario
from systemsim.ui.dashboard_tabs import BASE, WHATIF
from systemsim.whatif.levers import describe_changes


def board_report(path: Path, base: Scenario, whatif: Scenario, run, summary, seed: int,
                 base_title: str, lang: str, intervals: str = "", calibration: str = "") -> str:
    """The board report of a dashboard's base and what-if runs, as HTML; `base_title` is
    the base scenario's name on the page, `intervals` what its intervals include and
    `calibration` the files behind them (for the modeller)."""
    from systemsim.report.board import ReportInput, build_report

    items = [ReportInput(BASE, path, base), ReportInput(WHATIF, path, whatif)]
    changed = describe_changes(base, whatif, lang)
    names = {BASE: f"{t('leaders.base', lang)}: {base_title}",
             WHATIF: f"{t('leaders.whatif', lang)}: {changed or t('leaders.no_changes', lang)}"}
    years = int(summary["year"].max())
    return build_report(items, run, years=years, replications=run.replications, seed=seed,
                        lang=lang, names=names, intervals=intervals, calibration=calibration)


def download_link(doc: str, lang: str) -> str:
    """An HTML link that downloads `doc` as the report file."""
    data = base64.b64encode(doc.encode("utf-8")).decode("ascii")
    name = t("leaders.report_file", lang)
    return (f'<a download="{html.escape(name)}" href="data:text/html;charset=utf-8;'
            f'base64,{data}" class="systemsim-download">'
            f"{html.escape(t('leaders.download_report', lang))}</a>")
