"""`systemsim report`: a self-contained HTML board report that opens offline, and CSV tables."""

from __future__ import annotations

from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
import repo_paths
from repo_paths import TYPICAL

from systemsim.cli import main

from .conftest import CHROMIUM_ARGS, chromium_or_skip

WHATIF = """kind: scenario
extends: {base}
name: "Two more <script>alert('x')</script> workers"
workforce:
  social_workers: {{value: 9, source: "what-if <b>board</b> & staff plan"}}
practice:
  way_of_working: systemic
"""


class Sources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.external, self.scripts = [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            value = a.get(key) or ""
            if tag in ("script", "link", "img", "iframe") and value.startswith(("http://", "https://", "//")):
                self.external.append(value)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    whatif = folder / "more_workers.yaml"
    whatif.write_text(WHATIF.format(base=TYPICAL), encoding="utf-8")
    out = folder / "board.html"
    rc = main(["report", str(TYPICAL), str(whatif), "--years", "2", "--replications", "3",
               "--seed", "5", "--html", str(out), "--csv", str(folder / "csv"), "--lang", "fi"])
    assert rc == 0
    return folder, out, out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_report_is_self_contained(report):
    import plotly.offline

    _, _, doc = report
    parser = Sources()
    parser.feed(doc)
    assert parser.external == []
    assert "cdn.plot.ly" not in doc.replace("https://cdn.plot.ly/", "") or "<script src" not in doc
    js = plotly.offline.get_plotlyjs()
    assert doc.count(js[:200]) == 1  # plotly.js inlined exactly once
    assert doc.count("Plotly.newPlot(") >= 7


def test_report_lists_assumptions_with_sources_escaped(report):
    _, _, doc = report
    assert "Oletukset ja lähteet" in doc
    assert "LsL 13 b § (HE 170/2021)" in doc  # a source from the scenario file
    assert "<code>legal.caseload_cap</code>" in doc
    assert "<script>alert" not in doc
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in doc
    assert "what-if &lt;b&gt;board&lt;/b&gt; &amp; staff plan" in doc
    assert "7 → 9" in doc and "individual → systemic" in doc


def test_report_says_what_the_cited_seed_documents_are(tmp_path):
    """Sources read "seed 001: ..."; the report lists each such document by its title."""
    out = tmp_path / "mantsala.html"
    root = repo_paths.SCENARIOS
    rc = main(["report", str(root / "mantsala_before.yaml"), str(root / "mantsala_after.yaml"),
               "--years", "1", "--replications", "2", "--seed", "1", "--html", str(out), "--lang", "sv"])
    assert rc == 0
    doc = out.read_text(encoding="utf-8")
    assert "Källdokument som källorna ovan anger som" in doc
    assert "<b>seed 001</b>: Suhdeperustainen lastensuojelutyö – beskrivning av arbetsmodellen" in doc


def test_report_headline_in_finnish_numbers(report):
    _, _, doc = report
    assert '<html lang="fi">' in doc
    assert "Keskeiset tulokset" in doc and "Kustannukset yhteensä" in doc
    import re

    assert re.search(r"<b>\d{1,3}( \d{3})+ €</b>", doc)  # e.g. 3 904 558 €


def test_csv_tables(report):
    folder, _, _ = report
    yearly = pd.read_csv(folder / "csv" / "yearly.csv")
    assert list(yearly.columns) == ["scenario", "replication", "year", "kpi", "value"]
    assert set(yearly["scenario"]) == {"finland_typical", "more_workers"}
    summary = pd.read_csv(folder / "csv" / "summary.csv")
    assert {"mean", "low", "high"} <= set(summary.columns)
    assert set(pd.read_csv(folder / "csv" / "flows.csv").columns) >= {"source", "target", "children"}
    assert len(pd.read_csv(folder / "csv" / "caseloads.csv")) == 3 * 2 * (7 + 9)


def test_bad_input_is_one_clear_line(tmp_path, capsys):
    rc = main(["report", str(TYPICAL), "--html", str(tmp_path / "missing" / "r.html")])
    assert rc == 2
    assert "does not exist" in capsys.readouterr().err
    rc = main(["report", str(tmp_path / "nope.yaml"), "--html", str(tmp_path / "r.html")])
    assert rc == 2
    assert "file not found" in capsys.readouterr().err


@pytest.mark.browser
def test_report_opens_with_networking_disabled(report):
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    _, out, _ = report
    attempted = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True)
            page = context.new_page()

            def route(r):
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    attempted.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(Path(out).as_uri())
            page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 7",
                                   timeout=30000)
            n = page.evaluate("document.querySelectorAll('.js-plotly-plot').length")
        finally:
            browser.close()
    assert attempted == []
    assert n >= 7


def test_bundled_scenarios_are_named_in_the_reports_language():

    from systemsim.i18n import t
    from systemsim.report.board import ReportInput, display_name
    from systemsim.scenario import load_scenario

    path = repo_paths.SCENARIOS / "hackney_unit.yaml"
    item = ReportInput(label="hackney_unit", path=path, scenario=load_scenario(path))
    assert display_name(item, "sv") == t("leaders.scenario.hackney_unit", "sv")
    own = ReportInput(label="my_own", path=path.with_name("my_own.yaml"), scenario=item.scenario)
    assert display_name(own, "sv") == item.scenario.name


def test_report_charts_have_no_cloud_button_and_a_finnish_toolbar(report):
    from tests.room.test_plotly_config import _config_in_html

    _, _, doc = report
    configs = _config_in_html(doc)
    assert len(configs) >= 7
    for config in configs:
        assert config["showSendToCloud"] is False and not config.get("plotlyServerURL")
        assert config["locale"] == "fi"
        assert config["locales"]["fi"]["dictionary"]["Download plot as a PNG"]


def test_swedish_costs_are_in_kronor_and_mixed_reports_compare_in_euros(tmp_path):
    """Mölndal's board sees kronor (converted from the file's euros at a sourced rate, and
    told so); a report setting Mölndal beside a Finnish municipality compares in euros."""
    import re

    from systemsim.currency import in_currency, shown_currency
    from systemsim.scenario import load_scenario

    scenarios = Path(repo_paths.ROOT) / "scenarios"
    swedish = scenarios / "molndal_before.yaml"
    out = tmp_path / "molndal.html"
    assert main(["report", str(swedish), str(scenarios / "molndal_after.yaml"), "--years", "1",
                 "--replications", "2", "--seed", "1", "--html", str(out), "--lang", "sv"]) == 0
    doc = out.read_text(encoding="utf-8")
    headline = re.sub("<[^>]+>", " ", doc[doc.find("class='headline'"):doc.find("id='sources'")])
    costs = re.search(r"Kostnader totalt\s+([\d  ]+) kr", headline)
    assert costs, headline[:2000]
    assert "id='currency'>Kostnaderna i svenska kronor" in doc and "10,26" in doc
    from systemsim.currency import in_readers_currency

    note = in_readers_currency({"m": load_scenario(swedish)}, "sv").notes
    assert len(note) == 1 and html_escape(note[0]) in doc

    items = {p.stem: load_scenario(p) for p in (swedish, TYPICAL)}
    mölndal = {"molndal_before": items["molndal_before"]}
    assert shown_currency(items.values()) == "EUR" and shown_currency(mölndal.values()) == "SEK"
    summary = pd.DataFrame({"scenario": ["molndal_before"] * 2, "year": [1, 1],
                            "kpi": ["cost_total_eur", "children_in_care"],
                            "mean": [100.0, 7.0], "low": [90.0, 6.0], "high": [110.0, 8.0]})
    kronor = in_currency(summary, mölndal, "SEK")
    assert kronor["mean"].tolist() == pytest.approx([1026.0, 7.0])  # only money is converted
    assert in_currency(summary, mölndal, "EUR")["mean"].tolist() == [100.0, 7.0]


def test_the_cli_table_shows_swedish_costs_in_kronor_and_keeps_euros_in_json(capsys):
    scenarios = Path(repo_paths.ROOT) / "scenarios"
    files = [str(scenarios / "molndal_before.yaml"), str(scenarios / "molndal_after.yaml")]
    common = ["--years", "1", "--replications", "2", "--seed", "1"]
    assert main(["compare", *files, *common]) == 0
    out, err = capsys.readouterr()
    assert " kr " in out and "€" not in out.split("Total cost")[1].splitlines()[0]
    assert "converted at SEK 10.26 per euro" in err
    from systemsim.currency import in_readers_currency
    from systemsim.scenario import load_scenario

    said = in_readers_currency({"m": load_scenario(files[0])}, "en").notes
    assert [line for line in err.splitlines() if line.startswith("note: ")] == \
        [f"note: {note}" for note in said]  # the same words as the board report's
    assert main(["compare", *files, *common, "--json"]) == 0
    doc = __import__("json").loads(capsys.readouterr().out)
    kronor_free = doc["scenarios"]["molndal_before"]["kpis"]["cost_total_eur"][0]["mean"]
    assert kronor_free < 20_000_000  # the JSON's cost_*_eur stay in euros (about 10 M€)
    assert main(["run", str(TYPICAL), *common]) == 0
    assert "€" in capsys.readouterr().out  # a Finnish municipality stays in euros


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_one_function_gives_kronor_and_says_so_quoting_the_files_source(lang):
    """The CLI, the board report and the decomposition convert with `in_readers_currency`:
    kronor for Swedish scenarios at the file's rate, a note with a translated lead-in and the
    rate's source quoted as the file gives it; euros (and no note) beside a Finnish one."""
    from systemsim.currency import in_readers_currency
    from systemsim.scenario import load_scenario

    scenarios = Path(repo_paths.ROOT) / "scenarios"
    before = load_scenario(scenarios / "molndal_before.yaml")
    after = load_scenario(scenarios / "molndal_after.yaml")
    summary = pd.DataFrame({"scenario": ["b", "b", "a"], "year": [1, 1, 1],
                            "kpi": ["cost_total_eur", "children_in_care", "cost_total_eur"],
                            "mean": [100.0, 7.0, 50.0], "low": [90.0, 6.0, 40.0],
                            "high": [110.0, 8.0, 60.0]})
    money = in_readers_currency({"b": before, "a": after}, lang, summary)
    assert money.currency == "SEK" and money.common_factor() == pytest.approx(10.26)
    costs = money.summary.set_index(["scenario", "kpi"])["mean"]
    assert costs[("b", "cost_total_eur")] == pytest.approx(1026.0)
    assert costs[("a", "cost_total_eur")] == pytest.approx(513.0)
    assert costs[("b", "children_in_care")] == 7.0  # only money is converted
    lead = {"fi": "Kustannukset Ruotsin kruunuina", "sv": "Kostnaderna i svenska kronor",
            "en": "Costs in Swedish kronor"}[lang]
    assert len(money.notes) == 1 and money.notes[0].startswith(lead)  # one rate, said once
    assert f"{before.sek_per_eur.source}”" in money.notes[0]
    mixed = in_readers_currency({"b": before, "t": load_scenario(TYPICAL)}, lang)
    assert mixed.currency == "EUR" and mixed.notes == [] and mixed.common_factor() == 1.0
