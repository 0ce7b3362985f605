"""The Voilà page in a real headless Chromium: move a slider, see the chart change, screenshot."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from repo_paths import ROOT

from systemsim.i18n import t

from .conftest import CHROMIUM_ARGS, chromium_or_skip

WHATIF_CASELOAD = """() => {
  const gd = document.querySelector('.systemsim-dashboard .js-plotly-plot');
  if (!gd || !gd.data) return null;
  const tr = gd.data.find(t => t.meta && t.meta.role === 'mean' && t.meta.scenario === 'whatif'
                               && t.meta.kpi === 'caseload_mean');
  return tr ? Array.from(tr.y) : null;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def voila(tmp_path):
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    log = (tmp_path / "voila.log").open("w")
    # the real command a leader runs (`systemsim app`, which `make app` calls)
    proc = subprocess.Popen([sys.executable, "-m", "systemsim", "app", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(url, timeout=60).read(100)  # noqa: S310 - localhost only
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    pytest.fail("voila did not start:\n" + (tmp_path / "voila.log").read_text())
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # voila and the kernels it started
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


@pytest.mark.browser
def test_dashboard_page_moves_a_slider_and_the_chart_changes(voila):
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    shot = ROOT / "out" / "dashboard.png"
    shot.parent.mkdir(exist_ok=True)
    outside = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1100})

            def route(r):
                if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
                    r.continue_()
                else:  # voila's template asks a CDN for icons; never leave the machine
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(voila, timeout=90_000)
            page.wait_for_selector(".systemsim-dashboard .js-plotly-plot .main-svg", timeout=90_000)
            page.wait_for_function(f"({WHATIF_CASELOAD})() !== null", timeout=30_000)
            before = page.evaluate(WHATIF_CASELOAD)
            readout = page.locator(".systemsim-social-workers .widget-readout")
            assert float(readout.inner_text().strip().replace(",", ".")) == 7
            assert "import" not in page.inner_text("body")  # no code cells shown
            assert page.url.startswith("http://127.0.0.1:")

            handle = page.locator(".systemsim-social-workers .noUi-handle")
            track = page.locator(".systemsim-social-workers .noUi-target").bounding_box()
            box = handle.bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            page.mouse.down()
            page.mouse.move(track["x"] + track["width"] * 0.35, box["y"] + box["height"] / 2, steps=8)
            page.mouse.up()

            page.wait_for_function(
                f"(() => {{ const y = ({WHATIF_CASELOAD})(); return y && JSON.stringify(y) !== "
                f"'{__import__('json').dumps(before, separators=(',', ':'))}'; }})()",
                timeout=45_000)
            after = page.evaluate(WHATIF_CASELOAD)
            moved_to = float(readout.inner_text().strip().replace(",", "."))
            page.wait_for_timeout(300)
            page.screenshot(path=str(shot), full_page=True)

            # a long run shows progress, and Stop ends it between replications
            reps = page.locator(".systemsim-replications .widget-readout")
            reps.click()
            page.keyboard.press("Control+A")
            page.keyboard.type("100")
            page.keyboard.press("Enter")
            page.wait_for_selector(".systemsim-stop", state="visible", timeout=20_000)
            page.locator(".systemsim-stop").click()
            stopped = t("leaders.stopped", "fi")
            page.wait_for_function(f"document.querySelector('.systemsim-status').innerText.includes({stopped!r})",
                                   timeout=20_000)
            assert not page.locator(".systemsim-stop").is_visible()
            still = page.evaluate(WHATIF_CASELOAD)
        finally:
            browser.close()
    assert moved_to > 7
    assert after[-1] < before[-1]  # more workers: fewer children each
    assert still == after  # the stopped run left the last answer on screen
    assert shot.exists() and shot.stat().st_size > 20_000
    assert all(not u.startswith("http://127.0.0.1") for u in outside)
