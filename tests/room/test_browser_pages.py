"""In a real browser: no chart on any page or export offers to send it to a cloud, the
toolbar speaks the page's language and follows the switch, and screenshots of what a room sees.

Screenshots go to out/screens/ (or $SYSTEMSIM_SCREENS)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from systemsim.genogram import draw_genogram, example_family, save_figure
from systemsim.viz.plotly_config import toolbar_word

from .conftest import SCREENS, TOOLBAR, WIDGETS_STATE, leave, local_only

pytestmark = pytest.mark.browser
#: what a cloud button says or is called, in any of the three languages
CLOUD = re.compile(r"\b(share|cloud|chart studio|jaa|dela)", re.IGNORECASE)
#: the titles of widget tabs on the page, each with whether the tab cuts it off
TAB_TITLES = ("() => Array.from(document.querySelectorAll('.jupyter-widget-tab .lm-TabBar-tabLabel'))"
              ".map(l => [l.textContent, l.scrollWidth > l.clientWidth])")


def assert_tab_titles_fit(page) -> None:
    titles = page.evaluate(TAB_TITLES)
    assert titles, "no widget tabs found"
    assert [text for text, cut in titles if cut] == [], titles


def assert_no_cloud(buttons: list[list[str]]) -> None:
    assert buttons, "no plotly toolbar found"
    for title, attr, val in buttons:
        assert not CLOUD.search(f"{title} {attr} {val}"), (title, attr, val)


def download_titles(buttons: list[list[str]]) -> set[str]:
    return {title for title, _attr, val in buttons if "png" in title.lower() or val == "toImage"}


def open_page(browser, url: str, shot: str | None = None):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    outside = local_only(page)
    page.goto(url, timeout=180_000)
    page.wait_for_function(f"(() => {{ const s = ({WIDGETS_STATE})(); return !s.spinner && "
                           "s.loading === 0 && document.querySelectorAll('.js-plotly-plot .modebar-btn')"
                           ".length > 0; })()", timeout=180_000)
    page.wait_for_timeout(500)
    if shot:
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / shot), full_page=True)
    return page, outside


def test_exported_genogram_has_no_cloud_button_and_a_swedish_toolbar(browser, tmp_path):
    out = save_figure(draw_genogram(example_family("virtanen"), lang="sv"), tmp_path / "g.html",
                      lang="sv")
    page = browser.new_page()
    outside = local_only(page)
    page.goto(Path(out).as_uri())
    page.wait_for_selector(".js-plotly-plot .modebar-btn", state="attached", timeout=30_000)
    buttons = page.evaluate(TOOLBAR)
    page.close()
    assert_no_cloud(buttons)
    assert toolbar_word("Download plot as a PNG", "sv") in download_titles(buttons)
    assert outside == []


def test_board_report_has_no_cloud_button(browser, tmp_path):
    from systemsim.cli import main

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "board.html"
    assert main(["report", str(root / "scenarios" / "finland_typical.yaml"), "--years", "1",
                 "--replications", "2", "--seed", "1", "--html", str(out), "--lang", "fi"]) == 0
    page = browser.new_page()
    local_only(page)
    page.goto(out.as_uri())
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .modebar-btn').length > 20",
                           timeout=60_000)
    buttons = page.evaluate(TOOLBAR)
    page.close()
    assert_no_cloud(buttons)
    assert toolbar_word("Download plot as a PNG", "fi") in download_titles(buttons)


def test_genogram_page_no_cloud_and_figures_follow_the_switch(browser, voila_server):
    page, outside = open_page(browser, voila_server("genograms"), "ui_genograms_fi.png")
    try:
        buttons = page.evaluate(TOOLBAR)
        assert_no_cloud(buttons)
        assert download_titles(buttons) == {toolbar_word("Download plot as a PNG", "fi")}
        assert "Run → Run All" not in page.inner_text("body")
        assert_tab_titles_fit(page)  # the genogram editor's tabs
        page.get_by_role("button", name="Svenska").first.click()
        page.wait_for_function("document.body.innerText.includes('Genogram: Familjen Virtanen')",
                               timeout=60_000)
        page.wait_for_function(
            f"(() => {{ const b = ({TOOLBAR})(); return b.length > 0 && b.every(x => "
            f"!x[0].toLowerCase().includes('png') || x[0] === "
            f"{toolbar_word('Download plot as a PNG', 'sv')!r}); }})()", timeout=60_000)
        # the page redraws genogram, map and table one after another: wait for the last
        page.wait_for_function("(() => { const t = document.body.innerText; return "
                               "t.includes('Nätverkets resurs') && t.includes('0,64'); })()",
                               timeout=60_000)  # map and table: decimal comma
        body = page.inner_text("body")
        assert "Genogrammi:" not in body and "Verkostokartta:" not in body
        assert "Mormor Liisa" in body and "Liisa-mummo" not in body  # member names in Swedish too
        page.wait_for_function("document.body.innerText.includes('Nätverksmedlem')", timeout=60_000)
        assert_tab_titles_fit(page)
        page.screenshot(path=str(SCREENS / "ui_genograms_sv.png"), full_page=True)
        assert_no_cloud(page.evaluate(TOOLBAR))
    finally:
        leave(page)
    assert all(not u.startswith("http://127.0.0.1") for u in outside)


def test_dashboard_and_vignette_pages_have_no_cloud_button(browser, voila_server):
    for key in ("dashboard", "vignette"):
        page, _ = open_page(browser, voila_server(key), f"ui_{key}_fi.png")
        try:
            assert_no_cloud(page.evaluate(TOOLBAR))
            if key == "dashboard":
                assert page.locator(".systemsim-social-workers .widget-readout").inner_text() \
                    .strip() == "7,0"
                page.locator(".systemsim-language").get_by_role("button", name="Svenska").click()
                page.wait_for_function(
                    f"(() => {{ const b = ({TOOLBAR})(); return b.some(x => x[0] === "
                    f"{toolbar_word('Download plot as a PNG', 'sv')!r}); }})()", timeout=60_000)
                page.wait_for_function("document.querySelector('.systemsim-status')"
                                       ".innerText.startsWith('Svar på')", timeout=60_000)
                status = page.locator(".systemsim-status").inner_text()
                assert status.startswith("Svar på")  # told again in Swedish, not left in Finnish
                assert "Vastaus" not in status
                page.screenshot(path=str(SCREENS / "ui_dashboard_sv.png"), full_page=True)
                assert_no_cloud(page.evaluate(TOOLBAR))
        finally:
            leave(page)


def test_a_closed_pages_kernel_is_shut_down(browser, tmp_path):
    """Every load starts a kernel; once the page is gone and its kernel idle, Voilà shuts it
    down (`systemsim app` waits 10 minutes; this server, with the app's command line, 10 s),
    so a classroom's reloads do not pile up kernels until memory runs out."""
    import json
    import os
    import signal
    import subprocess
    import time

    from systemsim.cli.app_cmd import voila_command

    from .conftest import _listening, free_port

    notebook = tmp_path / "page.ipynb"
    notebook.write_text(json.dumps({
        "cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                   "source": "import ipywidgets as w\nw.Button(description='ok')"}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8")
    port, log_path = free_port(), tmp_path / "voila.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(voila_command(notebook, port, cull_after=10), cwd=tmp_path,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while not _listening(port) and time.monotonic() < deadline:
            time.sleep(0.3)
        page = browser.new_page()
        local_only(page)
        page.goto(f"http://127.0.0.1:{port}/", timeout=120_000)
        page.wait_for_selector("button:has-text('ok')", timeout=120_000)
        leave(page)
        kernel = re.findall(r"Kernel started: (\S+)", log_path.read_text())[-1]
        deadline = time.monotonic() + 90
        while f"Kernel shutdown: {kernel}" not in log_path.read_text() \
                and time.monotonic() < deadline:
            time.sleep(1)
        text = log_path.read_text()
        assert f"Kernel shutdown: {kernel}" in text, text[-2000:]
        assert re.search(rf"Culling 'idle' kernel .*{kernel}.* with 0 connections", text)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
